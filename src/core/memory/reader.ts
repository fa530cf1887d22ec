// Reads typed option values out of a raw Flink configuration the way Flink's Configuration does
// (key first, then deprecated fallback keys; conversion rules of ConfigurationUtils), and the
// checked MemorySize arithmetic (add/subtract/multiply) Flink's memory utilities rely on.
import { valueText, type ConfigValue, type FlinkConfig } from '../config-value.js';
import {
  LONG_MAX,
  doubleToDecimal,
  doubleToFlinkFloat,
  javaDoubleToString,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInt,
  parseJavaLong,
  javaTrim,
} from '../java.js';
import type { OptionDef } from '../options.js';
import { optionKnownIn } from '../options.js';
import { parseMemorySize, formatBytes } from '../size.js';
import type { FlinkLine } from '../versions.js';
import type { MemoryErrorCode } from './types.js';

/** Thrown inside the model, caught at the public entry points and turned into `{ ok: false }`. */
export class MemoryConfigError {
  // not an Error subclass on purpose: refusals are ordinary results, and capturing a stack trace
  // for each was the largest single cost when a solver tries many candidates
  constructor(
    readonly code: MemoryErrorCode,
    readonly keys: string[],
    readonly message: string,
    readonly numbers: Record<string, bigint> = {},
  ) {}
}

/** "1.19 GiB (1277191372 bytes)": a size for messages, human and exact. */
export function sz(bytes: bigint): string {
  return bytes < 1024n ? `${bytes} bytes` : `${formatBytes(bytes)} (${bytes} bytes)`;
}

/** The text Java's toString gives a raw value (what Flink parses for non-native types). */
export const rawText = valueText;

export class ConfigReader {
  private readonly overrides = new Map<string, bigint>();

  /**
   * @param trimValues the values come from 1.x flink-conf.yaml lines that still need the flat
   *   loader's trimming (see configAsLoaded): a value is read trimmed, and one that trims to
   *   nothing counts as not set
   */
  constructor(
    readonly config: FlinkConfig,
    readonly line: FlinkLine,
    private readonly trimValues = false,
  ) {}

  private present(k: string): boolean {
    if (!Object.hasOwn(this.config, k)) return false;
    const v = this.config[k];
    return !(this.trimValues && typeof v === 'string' && javaTrim(v) === '');
  }

  /** The key that supplies this option: the main key or the first deprecated key present. */
  // per option: undefined = not looked up yet, null = not set, else the key that sets it
  private readonly sources: Array<string | null | undefined> = [];

  sourceKey(o: OptionDef): string | undefined {
    const slot = o.slot ?? -1;
    let k = slot >= 0 ? this.sources[slot] : undefined;
    if (k === undefined) {
      k = this.findSourceKey(o) ?? null;
      if (slot >= 0) this.sources[slot] = k;
    }
    return k ?? undefined;
  }

  private findSourceKey(o: OptionDef): string | undefined {
    if (!optionKnownIn(o, this.line)) return undefined;
    if (this.overrides.has(o.key)) return o.key;
    if (this.present(o.key)) return o.key;
    for (const f of o.fallbackKeys ?? []) if (this.present(f)) return f;
    return undefined;
  }

  contains(o: OptionDef): boolean {
    return this.sourceKey(o) !== undefined;
  }

  /** Sets an option as Flink's legacy mapping does (a copied Configuration with the new key set). */
  override(o: OptionDef, bytes: bigint): void {
    this.overrides.set(o.key, bytes);
    if (o.slot !== undefined) this.sources[o.slot] = undefined;
  }

  private raw(o: OptionDef): { key: string; value: ConfigValue } | undefined {
    const key = this.sourceKey(o);
    if (key === undefined) return undefined;
    const value = this.config[key]!;
    return { key, value: this.trimValues && typeof value === 'string' ? javaTrim(value) : value };
  }

  size(o: OptionDef): bigint {
    const over = this.overrides.get(o.key);
    if (over !== undefined) return over;
    const r = this.raw(o);
    if (r === undefined) {
      if (typeof o.default === 'bigint') return o.default;
      throw new MemoryConfigError('NOT_CONFIGURED', [o.key], `${o.key} is not set and has no default.`);
    }
    const text = rawText(r.value);
    const p = parseMemorySize(text);
    if (!p.ok) {
      throw new MemoryConfigError(
        'INVALID_VALUE',
        [r.key],
        `${r.key}: '${text}' is not a memory size: ${p.reason}.`,
      );
    }
    return p.bytes;
  }

  float(o: OptionDef): number {
    const r = this.raw(o);
    // Float options hold 32-bit floats, defaults included: 0.4 is used as 0.4000000059604645
    if (r === undefined) return Math.fround(o.default as number);
    let f: number | null;
    if (typeof r.value !== 'string' && r.value.type === 'Double') f = doubleToFlinkFloat(r.value.value);
    else f = parseJavaFloat(rawText(r.value));
    if (f === null) {
      throw new MemoryConfigError('INVALID_VALUE', [r.key], `${r.key}: '${rawText(r.value)}' is not a number Flink can read as a fraction.`);
    }
    return f;
  }

  int(o: OptionDef): number {
    const r = this.raw(o);
    if (r === undefined) return o.default as number;
    const v = r.value;
    let n: number | null;
    if (typeof v !== 'string' && (v.type === 'Integer' || v.type === 'Long')) {
      n = v.value >= -(2n ** 31n) && v.value < 2n ** 31n ? Number(v.value) : null;
    } else {
      n = parseJavaInt(rawText(v));
    }
    if (n === null) {
      throw new MemoryConfigError('INVALID_VALUE', [r.key], `${r.key}: '${rawText(v)}' is not a whole number (Flink reads it as a 32-bit integer, no spaces or decimals).`);
    }
    return n;
  }

  long(o: OptionDef): bigint {
    const r = this.raw(o);
    if (r === undefined) return BigInt(o.default as number);
    const v = r.value;
    const n = typeof v !== 'string' && (v.type === 'Integer' || v.type === 'Long') ? v.value : parseJavaLong(rawText(v));
    if (n === null) {
      throw new MemoryConfigError('INVALID_VALUE', [r.key], `${r.key}: '${rawText(v)}' is not a whole number (Flink reads it as a 64-bit integer).`);
    }
    return n;
  }

  double(o: OptionDef): number {
    const r = this.raw(o);
    if (r === undefined) return o.default as number;
    const v = r.value;
    const d = typeof v !== 'string' && v.type === 'Double' ? v.value : parseJavaDouble(rawText(v));
    if (d === null) {
      throw new MemoryConfigError('INVALID_VALUE', [r.key], `${r.key}: '${rawText(v)}' is not a number.`);
    }
    return d;
  }

  bool(o: OptionDef): boolean {
    const r = this.raw(o);
    if (r === undefined) return o.default as boolean;
    const v = r.value;
    if (typeof v !== 'string' && v.type === 'Boolean') return v.value;
    const up = rawText(v).toUpperCase();
    if (up === 'TRUE') return true;
    if (up === 'FALSE') return false;
    throw new MemoryConfigError('INVALID_VALUE', [r.key], `${r.key}: '${rawText(v)}' is not true or false.`);
  }
}

/** MemorySize.add: Math.addExact, so a sum past 2^63-1 is an error, not a wrap. */
export function add(...parts: bigint[]): bigint {
  // sizes are never negative, so the running sum only grows: checking the total once is the same
  // as Math.addExact checking every step
  let s = 0n;
  for (let i = 0; i < parts.length; i++) s += parts[i]!;
  if (s > LONG_MAX) {
    throw new MemoryConfigError('OVERFLOW', [], `The sizes add up to more than 2^63-1 bytes (long overflow).`);
  }
  return s;
}

/** MemorySize.multiply(double): the exact decimal product of bytes and Double.toString(m), truncated. */
export function multiply(bytes: bigint, m: number): bigint {
  const { int, divisor, limit } = doubleToDecimal(m);
  const exact = bytes * int;
  if (exact > limit) {
    throw new MemoryConfigError('OVERFLOW', [], `${sz(bytes)} × ${javaDoubleToString(m)} is more than 2^63-1 bytes.`);
  }
  return exact / divisor;
}
