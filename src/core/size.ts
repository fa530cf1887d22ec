// Flink's MemorySize: how a size option's text becomes bytes (MemorySize.parse) and how sizes print.
import { LONG_MAX, javaTrim } from './java.js';
import { scalarText } from './config-value.js';

export type SizeParse = { ok: true; bytes: bigint } | { ok: false; reason: string; code?: 'INVALID_ARGUMENT' };

const UNITS: ReadonlyArray<readonly [bigint, readonly string[]]> = [
  [1n, ['b', 'bytes']],
  [1024n, ['k', 'kb', 'kibibytes']],
  [1024n ** 2n, ['m', 'mb', 'mebibytes']],
  [1024n ** 3n, ['g', 'gb', 'gibibytes']],
  [1024n ** 4n, ['t', 'tb', 'tebibytes']],
];

/** The unit spellings Flink recognises (case-insensitive). */
export const SIZE_UNITS: readonly string[] = UNITS.flatMap(([, names]) => names);

/**
 * Parses a size exactly as Flink's MemorySize.parse does: trim (Java trim: chars <= U+0020),
 * leading ASCII digits, then an optional unit (trimmed, case-insensitive: b, k/kb, m/mb, g/gb,
 * t/tb and their long names). A number without a unit means bytes. Signs, decimals and digit
 * separators are refused; values beyond 2^63-1 bytes are refused.
 */
export function parseMemorySize(text: string): SizeParse;
/** Any other argument: a number or boolean as config.yaml hands it over (1024 is "1024"); else INVALID_ARGUMENT. */
export function parseMemorySize(text: unknown): SizeParse;
export function parseMemorySize(input: unknown): SizeParse {
  const text = typeof input === 'string' ? input : scalarText(input);
  if (text === undefined) {
    return { ok: false, code: 'INVALID_ARGUMENT', reason: `a size must be text such as '512m' (or a number of bytes), not ${input === null ? 'null' : typeof input}` };
  }
  const t = javaTrim(text);
  if (t === '') return { ok: false, reason: 'the value is empty' };
  let pos = 0;
  while (pos < t.length && t.charCodeAt(pos) >= 0x30 && t.charCodeAt(pos) <= 0x39) pos++;
  const number = t.slice(0, pos);
  // Java lower-cases the unit with Locale.US; for the ASCII spellings JS toLowerCase agrees
  const unit = javaTrim(t.slice(pos)).toLowerCase();
  if (number === '') return { ok: false, reason: `'${text}' does not start with a number` };
  const value = BigInt(number);
  if (value > LONG_MAX) {
    return { ok: false, reason: `the number '${number}' does not fit in 64 bits` };
  }
  let multiplier = 1n;
  if (unit !== '') {
    const found = UNITS.find(([, names]) => names.includes(unit));
    if (!found) {
      return {
        ok: false,
        reason: `'${unit}' is not a size unit (use b, k/kb, m/mb, g/gb or t/tb)`,
      };
    }
    multiplier = found[0];
  }
  const bytes = value * multiplier;
  if (bytes > LONG_MAX) {
    return { ok: false, reason: `'${text}' is more than 2^63-1 bytes` };
  }
  return { ok: true, bytes };
}

const KiB = 1024n;
const MiB = KiB * 1024n;
const GiB = MiB * 1024n;
const TiB = GiB * 1024n;

/** Human size with binary units: "1.19 GiB", "121 MiB", "0 B"; exact bytes kept elsewhere. */
export function formatBytes(bytes: bigint): string {
  const neg = bytes < 0n;
  const b = neg ? -bytes : bytes;
  const units: Array<[bigint, string]> = [
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (b >= size) {
      const s = `${trimNumber(Number(b) / Number(size))} ${name}`;
      return neg ? `-${s}` : s;
    }
  }
  return `${neg ? '-' : ''}${b} B`;
}

function trimNumber(x: number): string {
  const digits = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  const t = x.toFixed(digits);
  return t.includes('.') ? t.replace(/\.?0+$/, '') : t;
}

/** A size written the way Flink's config files accept it, as short as exact: "512m", "1g", "1234b". */
export function toFlinkSizeText(bytes: bigint): string {
  if (bytes === 0n) return '0b';
  for (const [size, unit] of [
    [TiB, 't'],
    [GiB, 'g'],
    [MiB, 'm'],
    [KiB, 'k'],
  ] as const) {
    if (bytes % size === 0n) return `${bytes / size}${unit}`;
  }
  return `${bytes}b`;
}
