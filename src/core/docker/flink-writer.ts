// Mirrors how Flink writes a loaded configuration back to disk (ConfigurationUtils
// .convertConfigToWritableLines): flat `key: value` lines for a legacy flink-conf.yaml, and for
// config.yaml YamlParserUtils.convertAndDumpYamlFromFlatMap's re-nesting of dotted keys.

import type { ConfigValue } from '../config-value.js';
import { javaDoubleToString } from '../java.js';

/** One configuration entry in the order Flink's HashMap hands it to the writer. */
export type WriterEntry = readonly [key: string, value: ConfigValue];

/** A key silently lost while re-nesting: a shorter key replaced the map holding it. */
export interface DroppedKey {
  key: string;
  /** the key whose scalar value replaced the nested map */
  replacedBy: string;
}

export type StandardDump =
  | { ok: true; text: string; dropped: DroppedKey[] }
  | {
      ok: false;
      exception: 'java.lang.ClassCastException' | 'java.lang.ArrayIndexOutOfBoundsException';
      /** the key being written when Flink failed */
      key: string;
      /** for a ClassCastException: the shorter key already holding a scalar at that prefix */
      conflictsWith?: string;
      message: string;
    };

/** `flink-conf.yaml` as Flink rewrites it: `key: value` per entry, no comments, HashMap order. */
export function writeFlatConf(entries: readonly WriterEntry[]): string {
  return entries.map(([k, v]) => `${k}: ${renderValue(v)}`).join('\n') + '\n';
}

type Tree = Map<string, Tree | ConfigValue>;

/**
 * `config.yaml` as Flink rewrites it. Each dotted key is split on '.', as Java's String.split does
 * (trailing empty parts dropped), and walked into nested maps in iteration order: a prefix that
 * already holds a scalar throws ClassCastException (so Flink writes an error instead of the file);
 * a scalar put where a map was built replaces that map, silently dropping the longer keys.
 */
export function dumpStandardYaml(entries: readonly WriterEntry[]): StandardDump {
  const root: Tree = new Map();
  const owner = new Map<string, string>(); // dotted path of a scalar -> the full key that put it
  for (const [key, value] of entries) {
    const parts = javaSplitOnDot(key);
    if (parts.length === 0) {
      return {
        ok: false,
        exception: 'java.lang.ArrayIndexOutOfBoundsException',
        key,
        message: `the key '${key}' has no part between its dots, so Flink's writer fails on it`,
      };
    }
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = node.get(part);
      if (next === undefined) {
        const child: Tree = new Map();
        node.set(part, child);
        node = child;
      } else if (next instanceof Map) {
        node = next;
      } else {
        const prefix = parts.slice(0, i + 1).join('.');
        const holder = owner.get(prefix) ?? prefix;
        return {
          ok: false,
          exception: 'java.lang.ClassCastException',
          key,
          conflictsWith: holder,
          message: `'${holder}' is a prefix of '${key}'; Flink cannot nest '${key}' under the value of '${holder}' and fails (String cannot be cast to Map)`,
        };
      }
    }
    node.set(parts[parts.length - 1]!, value);
    owner.set(parts.join('.'), key);
  }
  // Keys written before a shorter key replaced their map are gone: find them by walking the input.
  const dropped: DroppedKey[] = [];
  for (const [key] of entries) {
    if (!reachesScalar(root, javaSplitOnDot(key))) {
      const parts = javaSplitOnDot(key);
      let replacedBy = key;
      for (let i = parts.length - 1; i >= 1; i--) {
        const holder = owner.get(parts.slice(0, i).join('.'));
        if (holder !== undefined && reachesScalar(root, javaSplitOnDot(holder))) replacedBy = holder;
      }
      dropped.push({ key, replacedBy });
    }
  }
  const lines: string[] = [];
  if (root.size === 0) lines.push('{}');
  else emitBlock(root, '', lines);
  return { ok: true, text: lines.join('\n') + '\n', dropped };
}

function reachesScalar(root: Tree, parts: readonly string[]): boolean {
  let node: Tree | ConfigValue | undefined = root;
  for (const part of parts) {
    if (!(node instanceof Map)) return false;
    node = node.get(part);
  }
  return node !== undefined && !(node instanceof Map);
}

/** Java's key.split("\\."): a leading empty part stays, trailing empty parts go, "" gives [""]. */
export function javaSplitOnDot(key: string): string[] {
  if (key === '') return [''];
  const parts = key.split('.');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function emitBlock(tree: Tree, indent: string, out: string[]): void {
  for (const [k, v] of tree) {
    const key = yamlString(k, true);
    // past YAML's 1024-character limit for implicit keys only the explicit `? key` form is valid
    const head = key.length > 1000 ? `${indent}? ${key}\n${indent}:` : `${indent}${key}:`;
    if (v instanceof Map) {
      out.push(head);
      emitBlock(v, indent + '  ', out);
    } else {
      out.push(`${head} ${yamlScalar(v)}`);
    }
  }
}

/** The text Flink shows for a value (Integer/Long/BigInteger digits, Double.toString, true/false). */
export function renderValue(v: ConfigValue): string {
  if (typeof v === 'string') return v;
  switch (v.type) {
    case 'Boolean':
      return v.value ? 'true' : 'false';
    case 'Double':
      return javaDoubleToString(v.value);
    default:
      return v.value.toString();
  }
}

/**
 * A YAML scalar that a YAML 1.2 core-schema reader turns back into exactly this value and type:
 * typed numbers and booleans plain, strings plain only when nothing could re-type or re-shape them.
 */
export function yamlScalar(v: ConfigValue): string {
  if (typeof v === 'string') return yamlString(v);
  switch (v.type) {
    case 'Boolean':
      return v.value ? 'true' : 'false';
    case 'Double': {
      const d = v.value;
      if (Number.isNaN(d)) return '.nan';
      if (d === Infinity) return '.inf';
      if (d === -Infinity) return '-.inf';
      return javaDoubleToString(d); // always has '.' or 'E', so it reads back as a float
    }
    default:
      return v.value.toString();
  }
}

// snakeyaml-engine's core schema: a plain scalar matching one of these is not read as a string
const CORE_NON_STRING =
  /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const LINE_BREAKS = '\n\u0085\u2028\u2029';
const WHITESPACE = '\0 \t\r' + LINE_BREAKS;

/** What snakeyaml-engine's Emitter.analyzeScalar decides about a string (block context only). */
function analyzeScalar(s: string): { plain: boolean; singleQuoted: boolean; multiline: boolean } {
  if (s.length === 0) return { plain: true, singleQuoted: true, multiline: false };
  let indicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingOrTrailing = false;
  let breakSpace = false;
  let previousBreak = false;
  const chars = Array.from(s);
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const followedByWhitespace = i + 1 >= chars.length || WHITESPACE.includes(chars[i + 1]!);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) indicators = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) indicators = true;
    } else {
      if (ch === ':' && followedByWhitespace) indicators = true;
      if (ch === '#' && precededByWhitespace) indicators = true;
    }
    const isBreak = LINE_BREAKS.includes(ch);
    if (isBreak) lineBreaks = true;
    const cp = ch.codePointAt(0)!;
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e))) {
      const printable =
        cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || cp >= 0x10000;
      if (!printable) special = true; // unicode itself is allowed (useUnicodeEncoding)
    }
    if (ch === ' ') {
      if (i === 0 || i === chars.length - 1) leadingOrTrailing = true;
      if (previousBreak) breakSpace = true;
      previousBreak = false;
    } else if (isBreak) {
      if (i === 0 || i === chars.length - 1) leadingOrTrailing = true;
      previousBreak = true;
    } else {
      previousBreak = false;
    }
    precededByWhitespace = WHITESPACE.includes(ch);
  }
  return {
    plain: !(leadingOrTrailing || breakSpace || special || lineBreaks || indicators),
    singleQuoted: !(breakSpace || special),
    multiline: lineBreaks,
  };
}

/**
 * A string as snakeyaml-engine's emitter writes it with Flink's dump settings: plain when the
 * core schema would read it back as the same string and nothing in it needs quoting, else single
 * quotes, else double quotes with escapes. (Multi-line strings, which snakeyaml folds inside
 * single quotes, are written double-quoted here: the same value, on one line.)
 */
export function yamlString(s: string, key = false): string {
  const a = analyzeScalar(s);
  if (a.plain && !CORE_NON_STRING.test(s) && !(key && s.length === 0)) return s;
  if (a.singleQuoted && !a.multiline) return "'" + s.replaceAll("'", "''") + "'";
  return doubleQuoted(s);
}

// snakeyaml's named escapes; other characters it escapes as \xhh or \uhhhh
const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) out += named;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += '\\x' + hex(c, 2);
    // line breaks to other readers (LS, PS), the byte-order mark, non-characters
    else if (c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) out += '\\u' + hex(c, 4);
    else if (c >= 0xd800 && c <= 0xdbff && isLow(s.charCodeAt(i + 1))) out += s[i]! + s[++i]!;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\u' + hex(c, 4); // a lone surrogate
    else out += s[i];
  }
  return out + '"';
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, '0');
}
