// How Java's standard library reads and prints the numbers Flink's Configuration holds:
// Integer.parseInt, Float.parseFloat / Double.parseDouble, Double.toString and String.trim.
// Flink hands option values to these, so their exact grammar decides what Flink accepts.

/** Java's String.trim(): strips every char <= U+0020 at both ends (not other Unicode spaces). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

const ND = /^\p{Nd}$/u;

/** Character.digit(c, 10): ASCII and every other Unicode decimal digit (runs of ten from zero). */
function unicodeDigit(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (!ND.test(ch)) return -1;
  // Unicode lays decimal digits out in aligned runs of ten starting at zero
  let run = 0;
  while (ND.test(String.fromCodePoint(cp - run - 1))) run++;
  return run % 10;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
export const LONG_MAX = 2n ** 63n - 1n;
export const LONG_MIN = -(2n ** 63n);

/** Integer.parseInt(s): optional sign, Unicode decimal digits, no whitespace; null when Java throws. */
export function parseJavaInt(s: string): number | null {
  const v = parseJavaIntegral(s, INT_MIN, INT_MAX);
  return v === null ? null : Number(v);
}

/** Long.parseLong(s) with the same grammar. */
export function parseJavaLong(s: string): bigint | null {
  return parseJavaIntegral(s, LONG_MIN, LONG_MAX);
}

function parseJavaIntegral(s: string, min: bigint, max: bigint): bigint | null {
  const chars = Array.from(s);
  if (chars.length === 0) return null;
  let i = 0;
  let negative = false;
  if (chars[0] === '-' || chars[0] === '+') {
    negative = chars[0] === '-';
    i = 1;
    if (chars.length === 1) return null;
  }
  let v = 0n;
  for (; i < chars.length; i++) {
    const d = unicodeDigit(chars[i]!);
    if (d < 0) return null;
    v = v * 10n + BigInt(d);
    if (v > max + 1n) return null;
  }
  const r = negative ? -v : v;
  return r < min || r > max ? null : r;
}

const DECIMAL_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/** Double.parseDouble(s): trims, accepts NaN/Infinity, f/d suffixes and hex floats; null if Java throws. */
export function parseJavaDouble(s: string): number | null {
  const t = javaTrim(s);
  if (DECIMAL_FLOAT.test(t)) {
    return Number(t.replace(/[fFdD]$/, ''));
  }
  const h = HEX_FLOAT.exec(t);
  if (h) {
    const intPart = h[2] ?? '';
    const fracPart = h[3] ?? '';
    if (intPart === '' && fracPart === '') return null;
    const v = hexToDouble(BigInt('0x' + (intPart + fracPart || '0')), Number(h[4]) - 4 * fracPart.length);
    return h[1] === '-' ? -v : v;
  }
  return null;
}

/** mant × 2^exp rounded once to the nearest double (ties to even), as Java reads a hex float. */
function hexToDouble(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  // keep 53 significant bits (fewer for subnormals), round half to even on the rest
  const topExp = exp + bits - 1; // exponent of the leading bit
  if (topExp > 1023) return Infinity;
  const keep = Math.max(Math.min(bits, 53 - Math.max(0, -1022 - topExp)), 0);
  const drop = bits - keep;
  let m = mant;
  let e = exp;
  if (drop > 0) {
    const d = BigInt(drop);
    const rest = m & ((1n << d) - 1n);
    m >>= d;
    e += drop;
    const half = 1n << (d - 1n);
    if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  }
  // below half the smallest subnormal everything rounds to zero
  if (e < -1074) return 0;
  // m has at most 54 bits, so m × 2^e is exact, or overflows to Infinity as Java's does
  return Number(m) * 2 ** e;
}

/**
 * Float.parseFloat(s) widened to double, as Flink's `double fraction = config.getFloat(..)` does.
 * Java rounds the decimal straight to the nearest float; rounding via double first can differ only
 * for decimals within 2^-53 relative of a float midpoint, which fractions written by people are not.
 */
export function parseJavaFloat(s: string): number | null {
  const d = parseJavaDouble(s);
  return d === null ? null : Math.fround(d);
}

/** (float) d for a YAML double, with Flink's range check (convertToFloat); null when Flink throws. */
export function doubleToFlinkFloat(d: number): number | null {
  const FMAX = 3.4028234663852886e38;
  const FMIN = 1.401298464324817e-45;
  const a = Math.abs(d);
  if (d === 0 || (a >= FMIN && a <= FMAX)) return Math.fround(d);
  return null;
}

/** Java's Double.toString(d) (JDK 19+ shortest form): 0.1, 1.0, 1.0E10, 1.0E-4, NaN, Infinity. */
const doubleTextCache = new Map<number, string>();

export function javaDoubleToString(d: number): string {
  // a Map treats 0 and -0 as one key, but Java prints them differently
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  let t = doubleTextCache.get(d);
  if (t === undefined) {
    t = formatJavaDouble(d);
    if (doubleTextCache.size < 4096) doubleTextCache.set(d, t);
  }
  return t;
}

function formatJavaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const a = Math.abs(d);
  // digits and exponent of the shortest representation
  const [mant, expStr] = a.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (a >= 1e-3 && a < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.slice(1) || '0';
  return `${sign}${digits[0]}.${frac}E${exp}`;
}

/** The exact decimal value of Java's Double.toString(d) as a scaled integer: value = int / 10^scale. */
/** value = int / divisor (divisor = 10^scale); limit = (2^63-1) × divisor, for overflow checks. */
export interface Decimal {
  int: bigint;
  scale: number;
  divisor: bigint;
  limit: bigint;
}

const decimalCache = new Map<number, Decimal>();

export function doubleToDecimal(d: number): Decimal {
  // only a handful of fractions occur in practice; parsing their text once is enough
  let r = decimalCache.get(d);
  if (r === undefined) {
    r = computeDecimal(d);
    if (decimalCache.size < 4096) decimalCache.set(d, r);
  }
  return r;
}

function computeDecimal(d: number): Decimal {
  const [mant, expStr] = Math.abs(d).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  let scale = digits.length - 1 - exp;
  let int = BigInt(digits);
  if (d < 0) int = -int;
  if (scale < 0) {
    int *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const divisor = 10n ** BigInt(scale);
  return { int, scale, divisor, limit: LONG_MAX * divisor };
}
