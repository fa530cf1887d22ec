// The yaml-free part of reading a standard config.yaml (Flink >= 1.19): snakeyaml-engine's scalar
// resolution, its reader's refusals, and the common file shapes (flat or nested `key: value` lines)
// read directly. The general path (standard.ts) loads the `yaml` package; a start that meets only
// these shapes never loads it (the CLI asks parseStandardQuick first).
import type { TypedValue } from '../config-value.js';
import type { ConfDiagnostic } from './confdir.js';
import type { StandardEntry, StandardParse } from './standard.js';
import { MAX_CONFIG_KEYS, tooManyKeys } from './limits.js';

/** What a plain scalar resolves to under snakeyaml-engine's core schema. */
export type PlainValue = null | string | TypedValue;

// ---------------------------------------------------------------------------------------------
// Scalars: snakeyaml-engine's core schema (implicit resolution applies to untagged plain scalars).

const INT_RE = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_RE = new RegExp(
  '^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?' +
    '|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$',
);
export const BOOL_RE = /^(?:true|True|TRUE|false|False|FALSE)$/;
const NULL_RE = /^(?:~|null|Null|NULL|)$/;

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
// Digit counts of Integer.MAX_VALUE / Long.MAX_VALUE per radix, as snakeyaml-engine uses them.
const RADIX_MAX_LEN: Readonly<Record<number, readonly [number, number]>> = {
  8: [11, 21],
  10: [10, 19],
  16: [8, 16],
};

/**
 * snakeyaml-engine's int construction: sign, then 0x/0o prefixes; a digit string longer than
 * Integer.MAX_VALUE's is never an Integer (so "00000000001" is a Long), longer than Long.MAX_VALUE's
 * is always a BigInteger; otherwise the smallest of Integer, Long, BigInteger that fits.
 */
export function constructYamlInt(text: string): TypedValue | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  if (s === '0') return { type: 'Integer', value: 0n };
  let radix = 10;
  if (s.startsWith('0x')) {
    radix = 16;
    s = s.slice(2);
  } else if (s.startsWith('0o')) {
    radix = 8;
    s = s.slice(2);
  }
  const digitRe = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digitRe.test(s)) return undefined;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : '';
  const magnitude = BigInt(prefix + s);
  const value = negative ? -magnitude : magnitude;
  const [intLen, longLen] = RADIX_MAX_LEN[radix] ?? [10, 19];
  const fitsInt = value >= INT_MIN && value <= INT_MAX;
  const fitsLong = value >= LONG_MIN && value <= LONG_MAX;
  if (s.length > longLen) return { type: 'BigInteger', value };
  if (s.length > intLen) return { type: fitsLong ? 'Long' : 'BigInteger', value };
  return { type: fitsInt ? 'Integer' : fitsLong ? 'Long' : 'BigInteger', value };
}

/** Java's Double.parseDouble on decimal text (what an explicit !!float goes through). */
function parseJavaDouble(text: string): number | undefined {
  // Double.parseDouble trims like String.trim and accepts a trailing type suffix.
  const t = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^([-+]?)(NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)[fFdD]?$/.exec(t);
  if (!m) return undefined;
  if (m[2] === 'NaN') return NaN;
  const magnitude = m[2] === 'Infinity' ? Infinity : Number(m[2]);
  return m[1] === '-' ? -magnitude : magnitude;
}

export function constructFloat(text: string): number | undefined {
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  return parseJavaDouble(text);
}

export function resolvePlain(text: string): PlainValue {
  if (NULL_RE.test(text)) return null;
  if (BOOL_RE.test(text)) return { type: 'Boolean', value: text[0] === 't' || text[0] === 'T' };
  if (INT_RE.test(text)) {
    const v = constructYamlInt(text);
    if (v) return v;
  }
  if (FLOAT_RE.test(text)) {
    const d = constructFloat(text);
    if (d !== undefined) return { type: 'Double', value: d };
  }
  return text;
}

/**
 * snakeyaml-engine's reader refuses code points outside YAML's printable set, anywhere in the file.
 * With the u flag a lone surrogate is a code point of its own, outside the set.
 */
const UNPRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export function findUnprintable(text: string): number {
  // a regular expression, not a loop over code points: this runs on every config.yaml of every start
  const m = UNPRINTABLE.exec(text);
  return m === null ? -1 : m.index;
}

/** 1-based line of `offset` counting '\n', '\r\n' and a lone '\r' as snakeyaml does. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
}

/** The text as snakeyaml's reader sees it: '\r\n' and a lone '\r' are line breaks, a leading BOM dropped. */
export function normaliseStandardText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
}

/**
 * The answer for files that need no YAML parser: a character snakeyaml refuses, or a flat or nested
 * file of plain `key: value` lines. Undefined when the general path (standard.ts) must decide.
 */
export function parseStandardQuick(text: string, file = 'config.yaml'): StandardParse | undefined {
  const bad = findUnprintable(text);
  if (bad >= 0) {
    const cp = (text.codePointAt(bad) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    const line = lineAt(text, bad);
    const error: ConfDiagnostic = {
      code: 'CONFIG_LOAD_ERROR',
      reason: 'YAML_SPECIAL_CHARACTER',
      severity: 'error',
      file,
      line,
      message: `${file} line ${line}: character U+${cp} is not allowed in YAML`,
    };
    return { ok: false, error, diagnostics: [] };
  }
  return parseFlatStyle(normaliseStandardText(text), file);
}

// The common shapes of a config.yaml, read directly: `key: value` lines with plain values and
// comments, flat at column 0 or nested in block mappings indented with spaces, as Flink's own
// config.yaml is (a value may start with '-' and a non-blank, as JVM options do: `--add-opens=…`,
// or be quoted without escapes, as the image's file and Flink's own rewrite of it quote them).
// The general path below (several lexer passes and the package's composer) takes seconds for
// 100,000 keys and most of a cold start for Flink's shipped file. Any line outside this narrow
// shape, and any flattened name met twice once the file nests (`a.b: 1` beside `a:` / `  b: 2`),
// sends the file to the general path;
// test/standard-fast-path.test.ts checks that both paths agree.
const FLAT_BLANK = /^ *(?:#.*)?$/;
const FLAT_WORD = "(?:[A-Za-z0-9_./+=@%,~()-]|:(?=[A-Za-z0-9_./+=@%,~()-]))+";
// a quoted value without escapes or line breaks: the text between the quotes, never resolved
const QUOTED = `'[^'\\n\\r\\t\\u0085\\u2028\\u2029]*'|"[^"\\\\\\n\\r\\t\\u0085\\u2028\\u2029]*"`;
const BLOCK_LINE = new RegExp(
  `^( *)([A-Za-z0-9_][A-Za-z0-9_.-]{0,1000}):(?: +(${QUOTED}|(?=[A-Za-z0-9_./+=(]|-[A-Za-z0-9_./+=-])${FLAT_WORD}(?: +${FLAT_WORD})*))? *(?: #.*)?$`,
);

/** Nesting read directly; deeper files take the general path, which owns the depth limit (yaml-safe.ts). */
const BLOCK_MAX_DEPTH = 32;

/** Reads the file when every line has the flat or nested block shape; undefined when one does not. */
export function parseFlatStyle(text: string, file: string): StandardParse | undefined {
  const entries: StandardEntry[] = [];
  const lines = new Map<string, number>();
  // the mappings open around the current line: their indentation and the key prefix they give
  const levels: Array<{ indent: number; prefix: string }> = [{ indent: 0, prefix: '' }];
  let opened: { prefix: string; indent: number } | undefined; // a `key:` line waiting for its first child
  let nested = false;
  let line = 0;
  let duplicate: { key: string; line: number } | undefined;
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const physical = text.slice(from, to);
    line++;
    from = to + 1;
    if (FLAT_BLANK.test(physical)) continue;
    const m = BLOCK_LINE.exec(physical);
    if (!m) return undefined;
    const indent = (m[1] ?? '').length;
    if (opened !== undefined) {
      // the first child sets the mapping's indentation; none deeper means a null value
      if (indent <= opened.indent || levels.length >= BLOCK_MAX_DEPTH) return undefined;
      levels.push({ indent, prefix: opened.prefix });
      opened = undefined;
    } else {
      while (levels.length > 1 && levels[levels.length - 1]!.indent > indent) levels.pop();
      if (levels[levels.length - 1]!.indent !== indent) return undefined;
    }
    const key = m[2] ?? '';
    if (resolvePlain(key) !== key) return undefined;
    const full = levels[levels.length - 1]!.prefix + key;
    if (lines.has(full)) {
      if (nested || indent > 0 || m[3] === undefined) return undefined;
      duplicate ??= { key, line };
      continue;
    }
    lines.set(full, line);
    if (m[3] === undefined) {
      opened = { prefix: `${full}.`, indent };
      nested = true;
      if (duplicate) return undefined;
      continue;
    }
    const raw = m[3];
    const value = raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : resolvePlain(raw);
    if (value === null || typeof value === 'object' && 'kind' in value) return undefined;
    // every key is new here (a repeat went back or to `duplicate` above), so entries counts keys
    if (entries.length >= MAX_CONFIG_KEYS) return { ok: false, error: tooManyKeys(file, line, full), diagnostics: [] };
    entries.push({ file, key: full, value, line });
  }
  if (opened !== undefined) return undefined;
  if (duplicate) {
    // as the composer says it: the later key of one mapping, refused
    const error: ConfDiagnostic = {
      code: 'CONFIG_LOAD_ERROR',
      reason: 'YAML_DUPLICATE_KEY',
      severity: 'error',
      file,
      line: duplicate.line,
      key: duplicate.key,
      message: `${file} line ${duplicate.line} key '${duplicate.key}': duplicate key '${duplicate.key}' in one mapping`,
    };
    return { ok: false, error, diagnostics: [] };
  }
  return { ok: true, entries, diagnostics: [] };
}

