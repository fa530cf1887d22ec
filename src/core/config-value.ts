import { javaDoubleToString } from './java.js';

// Mirrors the values held by Flink's Configuration: strings from the flat file and -D, typed
// values (snakeyaml's Integer/Long/BigInteger/Double/Boolean) from a standard config.yaml.

export type ValueType = 'String' | 'Integer' | 'Long' | 'BigInteger' | 'Double' | 'Boolean';

export type TypedValue =
  | { readonly type: 'Integer' | 'Long' | 'BigInteger'; readonly value: bigint }
  | { readonly type: 'Double'; readonly value: number }
  | { readonly type: 'Boolean'; readonly value: boolean };

/** A raw configuration value: a string as written, or a typed YAML scalar. */
export type ConfigValue = string | TypedValue;

/** A configuration as Flink holds it: key -> raw value. Public callers pass plain strings. */
export type FlinkConfig = Readonly<Record<string, ConfigValue>>;

/** The text Java's toString gives a raw value: what Flink parses for a type it does not hold natively. */
export function valueText(v: ConfigValue): string {
  if (typeof v === 'string') return v;
  switch (v.type) {
    case 'Double':
      return javaDoubleToString(v.value);
    case 'Boolean':
      return v.value ? 'true' : 'false';
    default:
      return v.value.toString();
  }
}

export function valueType(v: ConfigValue): ValueType {
  return typeof v === 'string' ? 'String' : v.type;
}
