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

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function integerValue(v: bigint): TypedValue {
  const type = v >= INT_MIN && v <= INT_MAX ? 'Integer' : v >= LONG_MIN && v <= LONG_MAX ? 'Long' : 'BigInteger';
  return { type, value: v };
}

function isTypedValue(v: object): v is TypedValue {
  const t = (v as { type?: unknown }).type;
  const value = (v as { value?: unknown }).value;
  if (t === 'Integer' || t === 'Long' || t === 'BigInteger') return typeof value === 'bigint';
  if (t === 'Double') return typeof value === 'number';
  if (t === 'Boolean') return typeof value === 'boolean';
  return false;
}

/**
 * A value from a library caller as Flink would hold it had it come from a config.yaml: a string
 * as is; a whole number as YAML's int (Integer, Long or BigInteger by size), any other number as a
 * Double; a boolean as a Boolean. Anything else (null, objects, functions) is not a config value.
 */
export function toConfigValue(v: unknown): ConfigValue | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isSafeInteger(v) ? integerValue(BigInt(v)) : { type: 'Double', value: v };
    case 'bigint':
      return integerValue(v);
    case 'boolean':
      return { type: 'Boolean', value: v };
    case 'object':
      return v !== null && isTypedValue(v) ? v : undefined;
    default:
      return undefined;
  }
}

/** Text for a scalar argument (a version, a size) given as a number or boolean, as Java prints it. */
export function scalarText(v: unknown): string | undefined {
  const c = toConfigValue(v);
  return c === undefined ? undefined : valueText(c);
}

/** A config record checked value by value; strings-only records come back as they are (no copy). */
export function checkConfigArgument(config: unknown): { ok: true; config: Record<string, ConfigValue> } | { ok: false; message: string } {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return { ok: false, message: `the config must be an object of Flink keys to values, not ${config === null ? 'null' : Array.isArray(config) ? 'an array' : typeof config}` };
  }
  const record = config as Record<string, unknown>;
  let copy: Record<string, ConfigValue> | undefined;
  for (const key of Object.keys(record)) {
    const raw = record[key];
    if (typeof raw === 'string') {
      if (copy) copy[key] = raw;
      continue;
    }
    const v = toConfigValue(raw);
    if (v === undefined) {
      return { ok: false, message: `config['${key}'] is ${raw === null ? 'null' : typeof raw}; a value must be a string, number or boolean` };
    }
    if (!copy) {
      copy = Object.create(null) as Record<string, ConfigValue>;
      for (const k of Object.keys(record)) {
        if (k === key) break;
        copy[k] = record[k] as string;
      }
    }
    copy[key] = v;
  }
  return { ok: true, config: copy ?? (record as Record<string, ConfigValue>) };
}
