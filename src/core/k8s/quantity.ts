// How a FlinkDeployment's `resource.memory` becomes `*.memory.process.size`: the operator's
// FlinkConfigBuilder.parseResourceMemoryString tries Flink's MemorySize first and only then a
// Kubernetes quantity (fabric8 Quantity), and the result is parsed by MemorySize again (the
// validator does it, and so does Flink). Sources:
//   flink-kubernetes-operator release-1.15.0 (79d730ba), flink-kubernetes-operator/src/main/java/
//     org/apache/flink/kubernetes/operator/config/FlinkConfigBuilder.java (parseResourceMemoryString,
//     formatMemoryStringForK8sSpec) — unchanged since release-1.7.0;
//   apache/flink flink-core/.../configuration/MemorySize.java (parseBytes, toString);
//   fabric8 kubernetes-model Quantity.java (parse, indexOfUnit, getAmountInBytes, getMultiple).
import { parseMemorySize } from '../size.js';

const UNITS: ReadonlyArray<readonly [bigint, string]> = [
  [1n, 'bytes'],
  [1024n, 'kb'],
  [1024n ** 2n, 'mb'],
  [1024n ** 3n, 'gb'],
  [1024n ** 4n, 'tb'],
];

/**
 * MemorySize.toString(): the largest unit that divides the size exactly, written "<n> <unit>" with
 * the unit's second spelling ("2 gb", "1536 mb", "100 bytes"). A size every unit divides (0, or a
 * whole number of TiB) falls back to bytes, as Flink's `orElse(BYTES)` does.
 */
export function flinkMemorySizeText(bytes: bigint): string {
  let idx = UNITS.findIndex(([m]) => bytes % m !== 0n);
  if (idx === -1) idx = 0;
  else if (idx > 0) idx -= 1;
  const [m, name] = UNITS[idx]!;
  return `${bytes / m} ${name}`;
}

/** A java.math.BigDecimal: unscaled × 10^-scale. */
interface BigDec {
  unscaled: bigint;
  scale: number;
}

/** BigDecimal(String) for what a quantity's amount may hold: sign, digits, one optional point. */
function parseBigDecimal(text: string): BigDec | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  const unscaled = BigInt(`${int}${frac}` || '0');
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale: frac.length };
}

/** BigDecimal.toString(): plain unless the exponent is small (then "1E-9" style, enough for messages). */
function bigDecText(d: BigDec): string {
  const neg = d.unscaled < 0n;
  const digits = (neg ? -d.unscaled : d.unscaled).toString();
  const adjusted = digits.length - 1 - d.scale;
  let body: string;
  if (d.scale === 0) body = digits;
  else if (d.scale > 0 && adjusted >= -6) {
    const padded = digits.padStart(d.scale + 1, '0');
    body = `${padded.slice(0, padded.length - d.scale)}.${padded.slice(padded.length - d.scale)}`;
  } else {
    body = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}E${adjusted >= 0 ? '+' : ''}${adjusted}`;
  }
  return neg ? `-${body}` : body;
}

/** fabric8 Quantity's multiplier for a format: binary suffixes, decimal SI suffixes, e-notation. */
function multiple(format: string): BigDec | { error: string } {
  if (/\d/.test(format) && format.length > 1) {
    const exp = Number.parseInt(format.slice(1), 10);
    if (!/^[eE][+-]?\d+$/.test(format) || !Number.isFinite(exp)) return { error: `For input string: "${format.slice(1)}"` };
    // 10^exp with MathContext.DECIMAL64: exact while it has at most 16 digits
    if (exp > 15) return { error: `10^${exp} is rounded to 16 digits by the quantity parser` };
    return exp >= 0 ? { unscaled: 10n ** BigInt(exp), scale: 0 } : { unscaled: 1n, scale: -exp };
  }
  const binary: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
  const decimal: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
  if (format in binary) return { unscaled: 2n ** BigInt(binary[format]!), scale: 0 };
  if (format in decimal) {
    const e = decimal[format]!;
    return e >= 0 ? { unscaled: 10n ** BigInt(e), scale: 0 } : { unscaled: 1n, scale: -e };
  }
  return { error: 'Invalid quantity format passed to parse' };
}

const UNIT_CHARS = new Set(['e', 'E', 'i', 'n', 'u', 'm', 'k', 'K', 'M', 'G', 'T', 'P']);

/** Quantity.parse(text).getNumericalAmount(): the amount as BigDecimal text, or why it fails. */
export function kubernetesQuantityAmount(text: string): { ok: true; text: string; value: BigDec } | { ok: false; reason: string } {
  if (text === '') return { ok: false, reason: 'Invalid quantity string format passed.' };
  let value = text;
  if (value.startsWith('.')) value = `0${value}`;
  let unitAt = value.length;
  for (let i = 0; i < value.length; i++) {
    if (UNIT_CHARS.has(value[i]!)) {
      unitAt = i;
      break;
    }
  }
  const amount = value.slice(0, unitAt);
  const format = value.slice(unitAt);
  if (/\d/.test(format) && /\p{L}$/u.test(format)) return { ok: false, reason: 'Invalid quantity string format passed' };
  const digit = parseBigDecimal(amount);
  if (!digit) return { ok: false, reason: amount === '' ? 'Zero length BigInteger' : `Character array is missing "exponent" mark 'e' or 'E'.` };
  const mul = multiple(format);
  if ('error' in mul) return { ok: false, reason: mul.error };
  const product = { unscaled: digit.unscaled * mul.unscaled, scale: digit.scale + mul.scale };
  return { ok: true, text: bigDecText(product), value: product };
}

export type ResourceMemoryParse =
  | {
      ok: true;
      /** the string the operator writes into *.memory.process.size */
      configValue: string;
      bytes: bigint;
      /** which parser took it: Flink's MemorySize, or the Kubernetes quantity fallback */
      via: 'flink' | 'kubernetes';
    }
  | {
      ok: false;
      /** what the operator would write, when it gets that far (e.g. "1610612736.0") */
      configValue?: string;
      via: 'flink' | 'kubernetes';
      /** the validator's reason, as MemorySize or Quantity states it */
      reason: string;
    };

/**
 * FlinkConfigBuilder.parseResourceMemoryString followed by the validator's MemorySize.parse:
 * "2048m" → MemorySize → "2 gb"; "2Gi" → quantity → "2147483648"; "1.5Gi" → quantity →
 * "1610612736.0", which MemorySize then refuses (the operator's "resource memory parse error").
 */
export function parseResourceMemory(memory: string): ResourceMemoryParse {
  const flink = parseMemorySize(memory);
  if (flink.ok) return { ok: true, configValue: flinkMemorySizeText(flink.bytes), bytes: flink.bytes, via: 'flink' };
  // formatMemoryStringForK8sSpec: trim, drop all whitespace, upper-case, drop a trailing B, "I" → "i"
  let q = memory.trim().replace(/\s/g, '').toUpperCase();
  if (q.endsWith('B')) q = q.slice(0, -1);
  if (q.endsWith('I')) q = `${q.slice(0, -1)}i`;
  const amount = kubernetesQuantityAmount(q);
  if (!amount.ok) return { ok: false, via: 'kubernetes', reason: amount.reason };
  const again = parseMemorySize(amount.text);
  if (!again.ok) return { ok: false, via: 'kubernetes', configValue: amount.text, reason: memorySizeReason(amount.text) };
  return { ok: true, configValue: amount.text, bytes: again.bytes, via: 'kubernetes' };
}

/** MemorySize.parseBytes' own message for the texts the quantity path can produce. */
function memorySizeReason(text: string): string {
  const t = text.trim();
  const digits = /^\d*/.exec(t)![0];
  if (digits === '') return 'text does not start with a number';
  const unit = t.slice(digits.length).trim().toLowerCase();
  if (unit !== '') {
    return `Memory size unit '${unit}' does not match any of the recognized units: (b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)`;
  }
  return `The value '${digits}' cannot be re represented as 64bit number (numeric overflow).`;
}

/**
 * What a Kubernetes reader takes the same text for (a container's `resources.memory`), in bytes,
 * when it is a valid quantity at all: "2048m" is 2.048 bytes there, "2G" is 2×10⁹. Undefined when
 * Kubernetes would refuse the text (e.g. "2gb") or it is not a whole number of bytes.
 */
export function kubernetesBytes(text: string): { bytes: bigint; exact: boolean; text: string } | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/.test(trimmed)) return undefined;
  const a = kubernetesQuantityAmount(trimmed);
  if (!a.ok) return undefined;
  const div = 10n ** BigInt(a.value.scale);
  return { bytes: a.value.unscaled / div, exact: a.value.unscaled % div === 0n, text: a.text };
}
