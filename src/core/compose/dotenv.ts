// Env files (`.env`, --env-file, `env_file:`) parsed as Compose parses them (compose-go dotenv/parser.go):
// `KEY=VALUE` or `KEY: VALUE`, an optional `export ` prefix, `#` comment lines, an inline comment only
// after a space (` #`) in an unquoted value, single quotes taken literally, double quotes with escapes
// (\n \t \" \\ \$ …) and multi-line values, `${VAR}` expansion in unquoted and double-quoted values
// (from the lookup first, then the keys already read), and a bare `KEY` line taking the lookup's value.

import { substitute, type Lookup } from './interpolate.js';

export interface EnvValue {
  value: string;
  /** 1-based line where the key stands */
  line: number;
  /** the env file it was read from, as given to parseDotenv */
  file?: string;
}

export interface DotenvResult {
  vars: Map<string, EnvValue>;
  /** the first error Compose would stop with, with its line */
  error?: { message: string; line: number };
  /** variables used in `${…}` that were not set, with the line */
  unset: Array<{ name: string; line: number }>;
}

const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\u0085', '\u00a0']);

/**
 * Parse one env file. `into` holds what earlier files set (later files override, and `${…}` can read
 * them); the result's `vars` is `into` with this file's keys added.
 */
export function parseDotenv(text: string, lookup: Lookup, into: Map<string, EnvValue> = new Map(), file?: string): DotenvResult {
  const vars = into;
  const set = (key: string, value: string, line: number): void => {
    vars.set(key, file === undefined ? { value, line } : { value, line, file });
  };
  const unset: DotenvResult['unset'] = [];
  let src = text.startsWith('\ufeff') ? text.slice(1) : text;
  let line = 1;
  const expand = (value: string, at: number): string =>
    substitute(value, (k) => lookup(k) ?? vars.get(k)?.value, (name) => unset.push({ name, line: at }));

  for (;;) {
    // skip blank space and comment lines
    for (;;) {
      const m = /^\s*/u.exec(src)![0];
      line += countNewlines(m);
      src = src.slice(m.length);
      if (!src.startsWith('#')) break;
      const nl = src.indexOf('\n');
      src = nl < 0 ? '' : src.slice(nl);
    }
    if (src === '') break;
    const at = line;
    if (/^export\s+/.test(src)) src = src.slice('export'.length).replace(/^[\t\v\f\r \u0085\u00a0]*/u, '');

    let key = '';
    let offset = 0;
    let inherited = false;
    let found = false;
    for (const [i, ch] of indexedChars(src)) {
      if (SPACE.has(ch)) continue;
      if (ch === '=' || ch === ':' || ch === '\n') {
        key = src.slice(0, i);
        offset = i + 1;
        inherited = ch === '\n';
        found = true;
        break;
      }
      if (!KEY_CHAR.test(ch)) {
        return { vars, unset, error: { message: `line ${at}: unexpected character "${ch}" in variable name "${src.split('\n')[0]}"`, line: at } };
      }
    }
    if (!found) {
      // a last line without `=` nor newline: Compose reads it as an empty key holding the line
      key = '';
      offset = 0;
    }
    if (inherited && !key.includes(' ')) line++;
    key = key.replace(/\s+$/u, '');
    let rest = src.slice(offset).replace(/^[\t\v\f\r \u0085\u00a0]*/u, '');
    if (key.includes(' ')) return { vars, unset, error: { message: `line ${at}: key cannot contain a space`, line: at } };

    if (inherited) {
      const v = lookup(key);
      if (v !== undefined) set(key, v, at);
      src = rest;
      continue;
    }

    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : null;
    if (quote === null) {
      const nl = rest.indexOf('\n');
      let value = nl < 0 ? rest : rest.slice(0, nl);
      src = nl < 0 ? '' : rest.slice(nl + 1);
      line++;
      const hash = value.indexOf(' #');
      if (hash >= 0) value = value.slice(0, hash);
      value = value.replace(/\s+$/u, '');
      try {
        set(key, expand(value, at), at);
      } catch (e) {
        return { vars, unset, error: { message: `line ${at}: ${(e as Error).message}`, line: at } };
      }
      continue;
    }

    let escaped = false;
    let chars = '';
    let closed = -1;
    for (let i = 1; i < rest.length; i++) {
      const c = rest[i]!;
      if (c === '\n') line++;
      if (c !== quote) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      closed = i;
      break;
    }
    if (closed < 0) {
      const nl = rest.indexOf('\n');
      return { vars, unset, error: { message: `line ${at}: unterminated quoted value ${nl < 0 ? rest : rest.slice(0, nl)}`, line: at } };
    }
    let value = chars;
    if (quote === '"') {
      try {
        value = expand(expandEscapes(chars), at);
      } catch (e) {
        return { vars, unset, error: { message: `line ${at}: ${(e as Error).message}`, line: at } };
      }
    }
    set(key, value, at);
    src = rest.slice(closed + 1);
  }
  return { vars, unset };
}

function* indexedChars(s: string): Generator<[number, string]> {
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    yield [i, ch];
    i += ch.length;
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

/** Escapes in a double-quoted value; `\$` stays an escaped dollar (`$$`) for the expansion after. */
function expandEscapes(s: string): string {
  return s.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (m) => {
    if (m === '\\$') return '$$';
    if (m === '\\c') return m; // Go's UnquoteChar has no \c: the text stays
    if (m.startsWith('\\0')) {
      const digits = m.slice(2);
      if (!/^[0-7]{3}$/.test(digits)) return m;
      const code = parseInt(digits, 8);
      return code > 255 ? m : String.fromCharCode(code);
    }
    return SIMPLE_ESCAPES[m[1]!] ?? m;
  });
}
