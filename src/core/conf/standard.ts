// Mirrors Flink's standard config.yaml loading (1.19+): snakeyaml-engine's core schema, then flattened.

import { registerStandardParser } from './parsers.js';
import { BOOL_RE, constructFloat, constructYamlInt, findUnprintable, lineAt, normaliseStandardText, parseStandardQuick, resolvePlain } from './standard-flat.js';

export { constructYamlInt };
import { javaDoubleToString } from '../java.js';
import {
  CST,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  type Node as YamlNode,
} from 'yaml';
import type { ConfigValue, TypedValue } from '../config-value.js';
import type { ConfDiagnostic } from './confdir.js';
import { depthBreach, parseYamlSafe, sourceTokens, YAML_LIMITS } from '../yaml-safe.js';

/** One flattened key as Flink holds it; `line` is the 1-based line of the (innermost) key. */
export interface StandardEntry {
  readonly file: string;
  readonly key: string;
  readonly value: ConfigValue;
  readonly line: number;
}

export type StandardParse =
  | { ok: true; entries: readonly StandardEntry[]; diagnostics: readonly ConfDiagnostic[] }
  | { ok: false; error: ConfDiagnostic; diagnostics: readonly ConfDiagnostic[] };

// ---------------------------------------------------------------------------------------------
// Java-side values: what snakeyaml-engine constructs before Flink flattens it.

interface JList {
  readonly kind: 'list';
  readonly items: JValue[];
}
interface JEntry {
  readonly key: JValue;
  readonly value: JValue;
  readonly line: number;
}
interface JMap {
  readonly kind: 'map';
  readonly entries: JEntry[];
}
type JValue = null | string | TypedValue | JList | JMap;

class LoadFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly key?: string,
  ) {
    super(message);
  }
}

const TAG = 'tag:yaml.org,2002:';

// ---------------------------------------------------------------------------------------------
// Scalars: snakeyaml-engine's core schema (implicit resolution applies to untagged plain scalars).

// ---------------------------------------------------------------------------------------------
// Reader and scanner rules where snakeyaml-engine departs from YAML 1.2 as `yaml` implements it:
// stricter on characters and tabs, looser on quoted and flow indentation.

/**
 * snakeyaml-engine skips only spaces between tokens, so a tab may not start a token: not as
 * indentation, not after `key:`, `-`, `,`, a quoted scalar or a document marker. A tab right after
 * a plain scalar is fine (it is eaten as trailing blanks of that scalar), as are tabs inside
 * scalars and comments. Returns the offset of the first offending tab, or -1.
 */
function findForbiddenTab(text: string): number {
  let afterPlain = false;
  let blockHeader = false;
  for (const { source: tok, start, type } of sourceTokens(text)) {
    if (type === 'scalar') {
      if (blockHeader) {
        // Block scalar content is taken verbatim.
        blockHeader = false;
        afterPlain = false;
        continue;
      }
      // A continuation line of a multi-line plain scalar may not be indented with a tab.
      const m = /[\r\n] *\t/.exec(tok);
      if (m) return start + m.index + m[0].length - 1;
      afterPlain = true;
      continue;
    }
    if (type === 'space') {
      const tab = tok.indexOf('\t');
      if (tab >= 0 && !afterPlain) return start + tab;
      continue;
    }
    if (type === 'block-scalar-header') blockHeader = true;
    else if (type !== 'newline') blockHeader = blockHeader && type === 'comment';
    afterPlain = false;
  }
  return -1;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0',
};
const ESCAPE_HEX: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** snakeyaml's line break: '\n' or U+0085 (CRs are already normalised to '\n'). */
function breakLen(text: string, i: number): number {
  const c = text[i];
  return c === '\n' || c === '\u0085' ? 1 : 0;
}

type QuotedScan = { end: number; value: string } | { error: string; at: number };

/**
 * snakeyaml's quoted scalar: it runs to the matching quote whatever the indentation of its
 * continuation lines (only a document marker stops it); line breaks fold to a space, empty lines
 * to '\n', blanks around breaks are dropped, and in double quotes "\" + break joins lines.
 */
function scanQuoted(text: string, start: number): QuotedScan {
  const quote = text[start];
  const dbl = quote === '"';
  let i = start + 1;
  let out = '';
  const breaks = (): string | { error: string; at: number } => {
    let b = '';
    for (;;) {
      const three = text.slice(i, i + 3);
      if ((three === '---' || three === '...') && /^[\0 \t\n\u0085]?$/.test(text[i + 3] ?? '')) {
        return { error: 'a document marker inside a quoted value', at: i };
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      const n = breakLen(text, i);
      if (n === 0) return b;
      b += '\n';
      i += n;
    }
  };
  for (;;) {
    // Non-blank run, with escapes.
    for (;;) {
      const c = text[i];
      if (c === undefined || c === ' ' || c === '\t' || breakLen(text, i) > 0) break;
      if (!dbl && c === "'" && text[i + 1] === "'") {
        out += "'";
        i += 2;
      } else if (c === quote) {
        break;
      } else if (dbl && c === '\\') {
        const e = text[i + 1] ?? '';
        const hex = ESCAPE_HEX[e];
        if (ESCAPES[e] !== undefined) {
          out += ESCAPES[e];
          i += 2;
        } else if (hex !== undefined) {
          const digits = text.slice(i + 2, i + 2 + hex);
          const cp = /^[0-9a-fA-F]+$/.test(digits) && digits.length === hex ? parseInt(digits, 16) : NaN;
          if (!(cp <= 0x10ffff)) return { error: `bad escape \\${e}${digits}`, at: i };
          out += String.fromCodePoint(cp);
          i += 2 + hex;
        } else if (breakLen(text, i + 1) > 0) {
          i += 1 + breakLen(text, i + 1);
          const b = breaks();
          if (typeof b !== 'string') return b;
          out += b;
        } else {
          return { error: `unknown escape \\${e}`, at: i };
        }
      } else {
        out += c;
        i++;
      }
    }
    if (text[i] === quote) return { end: i + 1, value: out };
    // Blank run, possibly ending in a line break.
    const wsStart = i;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) return { error: 'the quoted value is never closed', at: start };
    const n = breakLen(text, i);
    if (n > 0) {
      i += n;
      const b = breaks();
      if (typeof b !== 'string') return b;
      out += b === '' ? ' ' : b;
    } else {
      out += text.slice(wsStart, i);
    }
  }
}

/**
 * Rewrites every quoted scalar that spans lines into its one-line double-quoted equivalent (with
 * blank lines at the end of the line where it closed, keeping line numbers), because `yaml` applies
 * YAML's indentation rules to quoted continuation lines and snakeyaml does not. Errors are
 * snakeyaml's (unclosed quote, document marker inside, a multi-line quoted key).
 *
 * One pass over the lexer's tokens (the old way, a restart after each rewrite, took 26 s for 3,000
 * such values). Only where the lexer ends a quoted scalar elsewhere than snakeyaml does is the
 * text lexed again from the start, and that happens a bounded number of times.
 */
function flattenQuotedScalars(input: string): { text: string } | { error: string; at: number } {
  let text = input;
  const keyAfter = / *:(?:[ \t\n\u0085]|$)/y;
  for (let pass = 0; pass < 1000; pass++) {
    const out: string[] = [];
    let copied = 0;
    let pendingPad = 0;
    let offset = 0;
    let again = false;
    // copies original text, putting the blank lines owed by rewritten values before its first break
    const emit = (chunk: string): void => {
      const nl = pendingPad > 0 ? chunk.indexOf('\n') : -1;
      if (nl < 0) {
        out.push(chunk);
        return;
      }
      out.push(chunk.slice(0, nl), '\n'.repeat(pendingPad), chunk.slice(nl));
      pendingPad = 0;
    };
    for (const tok of new Lexer().lex(text)) {
      if (tok === CST.DOCUMENT || tok === CST.FLOW_END || tok === CST.SCALAR) continue;
      const start = offset;
      offset += tok.length;
      const type = CST.tokenType(tok);
      if (type !== 'single-quoted-scalar' && type !== 'double-quoted-scalar') continue;
      if (start < copied) continue;
      const scan = scanQuoted(text, start);
      if ('error' in scan) return scan;
      const raw = text.slice(start, scan.end);
      let breaks = 0;
      for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) breaks++;
      if (breaks === 0 && !raw.includes('\u0085')) {
        if (scan.end !== offset) {
          again = true;
          break;
        }
        continue;
      }
      // A simple key must sit on one line in snakeyaml.
      keyAfter.lastIndex = scan.end;
      if (keyAfter.test(text)) return { error: 'a quoted key spans more than one line', at: start };
      emit(text.slice(copied, start));
      out.push(JSON.stringify(scan.value));
      pendingPad += breaks;
      copied = scan.end;
      if (scan.end !== offset) {
        // the lexer read this value differently: what it says next cannot be trusted
        again = true;
        break;
      }
    }
    emit(text.slice(copied));
    if (pendingPad > 0) out.push('\n'.repeat(pendingPad));
    const rewritten = out.join('');
    if (!again) return { text: rewritten };
    if (rewritten === text) return { text };
    text = rewritten;
  }
  return { text };
}

/** Where the flow collection opening at `open` closes (just past its bracket), or -1. */
function flowCollectionEnd(text: string, open: number): number {
  // From its own bracket the lexer takes any indentation inside the collection.
  let offset = open;
  let depth = 0;
  for (const tok of new Lexer().lex(text.slice(open))) {
    if (tok === CST.DOCUMENT || tok === CST.SCALAR) continue;
    if (tok === CST.FLOW_END) return -1;
    offset += tok.length;
    const type = CST.tokenType(tok);
    if (type === 'flow-map-start' || type === 'flow-seq-start') depth++;
    else if (type === 'flow-map-end' || type === 'flow-seq-end') {
      depth--;
      if (depth === 0) return offset;
    }
  }
  return -1;
}

/**
 * Indents the continuation lines of multi-line flow collections past their opening bracket:
 * snakeyaml ignores indentation inside `{...}` and `[...]` ("a: {" then "}" at column 0 loads),
 * `yaml` wants them deeper than the enclosing block. Extra spaces there change no value.
 *
 * Linear: the text is lexed once; a collection that needs indenting is measured from its own
 * bracket, every short line in it indented at once, and lexing goes on after it.
 */
function indentFlowContinuations(input: string): string {
  const out: string[] = [];
  let copied = 0;
  let base = 0;
  for (let guard = 0; guard <= input.length; guard++) {
    let offset = base;
    let depth = 0;
    let need = 0;
    let open = -1;
    let fix = false;
    for (const tok of new Lexer().lex(input.slice(base))) {
      if (tok === CST.DOCUMENT || tok === CST.FLOW_END || tok === CST.SCALAR) continue;
      const start = offset;
      offset += tok.length;
      const type = CST.tokenType(tok);
      if (type === 'flow-map-start' || type === 'flow-seq-start') {
        if (depth === 0) {
          open = start;
          need = start - (input.lastIndexOf('\n', start - 1) + 1) + 1;
        }
        depth++;
      } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
        depth = Math.max(0, depth - 1);
      }
      if (depth === 0) continue;
      for (let nl = tok.indexOf('\n'); nl >= 0; nl = tok.indexOf('\n', nl + 1)) {
        const lineStart = start + nl + 1;
        let indent = 0;
        while (input.charCodeAt(lineStart + indent) === 0x20) indent++;
        const rest = input[lineStart + indent];
        if (indent < need && rest !== undefined && rest !== '\n') {
          fix = true;
          break;
        }
      }
      if (fix) break;
    }
    if (!fix) break;
    const end = flowCollectionEnd(input, open);
    if (end < 0) break;
    // indent every short line of this collection
    out.push(input.slice(copied, open));
    let lineFrom = open;
    for (let nl = input.indexOf('\n', open); nl >= 0 && nl < end; nl = input.indexOf('\n', nl + 1)) {
      out.push(input.slice(lineFrom, nl + 1));
      let indent = 0;
      while (input.charCodeAt(nl + 1 + indent) === 0x20) indent++;
      const rest = input[nl + 1 + indent];
      if (indent < need && rest !== undefined && rest !== '\n') out.push(' '.repeat(need - indent));
      lineFrom = nl + 1;
    }
    copied = lineFrom;
    base = end;
  }
  out.push(input.slice(copied));
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// Composition: yaml's document -> the Java objects snakeyaml-engine would construct.

function javaEquals(a: JValue, b: JValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if ('kind' in a || 'kind' in b) {
    if (!('kind' in a) || !('kind' in b) || a.kind !== b.kind) return false;
    if (a.kind === 'list' && b.kind === 'list') {
      const bi = b.items;
      return a.items.length === bi.length && a.items.every((x, i) => javaEquals(x, bi[i] ?? null));
    }
    if (a.kind === 'map' && b.kind === 'map') {
      // Map.equals ignores order.
      return (
        a.entries.length === b.entries.length &&
        a.entries.every((e) =>
          b.entries.some((f) => javaEquals(e.key, f.key) && javaEquals(e.value, f.value)),
        )
      );
    }
    return false;
  }
  if (a.type !== b.type) return false;
  // Double.equals compares bits: NaN equals NaN, 0.0 differs from -0.0.
  return Object.is(a.value, b.value);
}

/** A string equal for two scalar keys exactly when Java's equals is; undefined for collections. */
function javaHashKey(v: JValue): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return `s${v}`;
  if ('kind' in v) return undefined;
  // Double.equals compares bits: NaN equals NaN, 0.0 differs from -0.0
  const value = Object.is(v.value, -0) ? '-0' : String(v.value);
  return `${v.type}:${value}`;
}

function isJMap(v: JValue): v is JMap {
  return v !== null && typeof v === 'object' && 'kind' in v && v.kind === 'map';
}

function describe(v: JValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `'${v}'`;
  if ('kind' in v) return v.kind === 'list' ? 'a list' : 'a mapping';
  return `${v.type} ${v.value.toString()}`;
}

/** snakeyaml's default maxAliasesForCollections, which Flink's loader keeps. */
const MAX_COLLECTION_ALIASES = 50;

class JavaComposer {
  private readonly done = new Map<YamlNode, JValue>();
  private readonly inProgress = new Set<YamlNode>();
  private collectionAliases = 0;

  constructor(
    private readonly aliasTargets: ReadonlyMap<YamlNode, YamlNode>,
    private readonly lineOf: (offset: number) => number,
  ) {}

  compose(node: unknown): JValue {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = this.aliasTargets.get(node);
      if (!target) {
        const message = `alias *${node.source} has no anchor before it`;
        throw new LoadFailure('YAML_UNDEFINED_ALIAS', message, this.line(node));
      }
      // snakeyaml's guard against alias bombs: at most 50 aliases of lists or mappings
      if ((isMap(target) || isSeq(target)) && ++this.collectionAliases > MAX_COLLECTION_ALIASES) {
        const message = `more than ${MAX_COLLECTION_ALIASES} aliases of lists or mappings; Flink's YAML reader refuses them (a guard against alias bombs)`;
        throw new LoadFailure('YAML_TOO_MANY_ALIASES', message, this.line(node));
      }
      return this.compose(target);
    }
    const yamlNode = node as YamlNode;
    const known = this.done.get(yamlNode);
    if (known !== undefined || this.done.has(yamlNode)) return known ?? null;
    if (this.inProgress.has(yamlNode)) {
      const message = 'a collection contains itself through an alias';
      throw new LoadFailure('YAML_RECURSIVE_NODE', message, this.line(node));
    }
    this.inProgress.add(yamlNode);
    const value = this.composeNew(node);
    this.inProgress.delete(yamlNode);
    this.done.set(yamlNode, value);
    return value;
  }

  private line(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] }).range;
    return range ? this.lineOf(range[0]) : undefined;
  }

  private composeNew(node: unknown): JValue {
    const tag = (node as { tag?: string }).tag;
    if (isScalar(node)) {
      const text = String(node.source ?? node.value ?? '');
      if (tag === undefined) return node.type === 'PLAIN' ? resolvePlain(text) : text;
      return this.constructTagged(tag, text, node);
    }
    if (isSeq(node)) {
      if (tag !== undefined && tag !== `${TAG}seq`) this.unknownTag(tag, node);
      return { kind: 'list', items: node.items.map((item) => this.compose(item)) };
    }
    if (isMap(node)) {
      if (tag !== undefined && tag !== `${TAG}map`) this.unknownTag(tag, node);
      const entries: JEntry[] = [];
      // scalar keys by a hash of their Java identity, collection keys (rare) by Java equality
      const scalarKeys = new Set<string>();
      const collectionKeys: JValue[] = [];
      for (const pair of node.items) {
        const key = this.compose(pair.key);
        const line = this.line(pair.key) ?? this.line(node) ?? 1;
        // snakeyaml-engine refuses duplicates by Java equality of the constructed keys.
        const hash = javaHashKey(key);
        const duplicate = hash === undefined ? collectionKeys.some((k) => javaEquals(k, key)) : scalarKeys.has(hash);
        if (hash === undefined) collectionKeys.push(key);
        else scalarKeys.add(hash);
        if (duplicate) {
          throw new LoadFailure(
            'YAML_DUPLICATE_KEY',
            `duplicate key ${describe(key)} in one mapping`,
            line,
            typeof key === 'string' ? key : undefined,
          );
        }
        entries.push({ key, value: null, line });
      }
      // Values are constructed after all keys of the mapping were checked, as snakeyaml does.
      node.items.forEach((pair, i) => {
        const entry = entries[i];
        if (!entry) return;
        try {
          entries[i] = { ...entry, value: this.compose(pair.value) };
        } catch (e) {
          // name a duplicate by its flattened Flink key: the path of string keys above it
          if (e instanceof LoadFailure && e.code === 'YAML_DUPLICATE_KEY' && e.key !== undefined && typeof entry.key === 'string') {
            throw new LoadFailure(e.code, e.message, e.line, `${entry.key}.${e.key}`);
          }
          throw e;
        }
      });
      return { kind: 'map', entries };
    }
    throw new LoadFailure('YAML_SYNTAX_ERROR', 'unsupported YAML node', this.line(node));
  }

  private constructTagged(tag: string, text: string, node: unknown): JValue {
    // '!' is the non-specific tag: the scalar is a string.
    if (tag === '!' || tag === `${TAG}str`) return text;
    if (tag === `${TAG}null`) return null;
    if (tag === `${TAG}bool`) {
      if (BOOL_RE.test(text)) return { type: 'Boolean', value: text[0] === 't' || text[0] === 'T' };
      throw new LoadFailure('YAML_BAD_TAGGED_VALUE', `'${text}' is not a !!bool`, this.line(node));
    }
    if (tag === `${TAG}int`) {
      const v = text === '' ? undefined : constructYamlInt(text);
      if (v) return v;
      throw new LoadFailure('YAML_BAD_TAGGED_VALUE', `'${text}' is not a !!int`, this.line(node));
    }
    if (tag === `${TAG}float`) {
      const d = text === '' ? undefined : constructFloat(text);
      if (d !== undefined) return { type: 'Double', value: d };
      throw new LoadFailure('YAML_BAD_TAGGED_VALUE', `'${text}' is not a !!float`, this.line(node));
    }
    return this.unknownTag(tag, node);
  }

  private unknownTag(tag: string, node: unknown): never {
    throw new LoadFailure('YAML_UNKNOWN_TAG', `no constructor for the tag ${tag}`, this.line(node));
  }
}

// ---------------------------------------------------------------------------------------------
// Flink's side: flatten nested maps with '.', refuse non-string keys and null values.

/** snakeyaml's flow style for a list, as Flink prints a list value ("[a, b]"). */
function flowText(v: JValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return flowString(v);
  if ('kind' in v) {
    if (v.kind === 'list') return `[${v.items.map(flowText).join(', ')}]`;
    return `{${v.entries.map((e) => `${flowText(e.key)}: ${flowText(e.value)}`).join(', ')}}`;
  }
  if (v.type === 'Double') {
    if (Number.isNaN(v.value)) return '.NaN';
    if (v.value === Infinity) return '.inf';
    if (v.value === -Infinity) return '-.inf';
    return javaDouble(v.value);
  }
  return v.type === 'Boolean' ? String(v.value) : v.value.toString();
}

function flowString(s: string): string {
  const plainOk =
    s.length > 0 &&
    resolvePlain(s) === s &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) &&
    !/[\s]$/.test(s) &&
    !/[,[\]{}]|: |:$| #/.test(s) &&
    findUnprintable(s) < 0 &&
    !/[\n\r\t\u0085\u2028\u2029\ufeff]/.test(s);
  if (plainOk) return s;
  if (findUnprintable(s) < 0 && !/[\n\r\u0085\u2028\u2029]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return JSON.stringify(s);
}

/** Java's Double.toString, which is how Flink prints a YAML float it holds. */
export const javaDouble = javaDoubleToString;

function toConfigValue(v: JValue): ConfigValue | null {
  if (v === null || typeof v === 'string') return v;
  if ('kind' in v) return flowText(v);
  return v;
}

/** Flink's flatten: nested keys join with '.', the later of two equal flat keys wins. */
function flatten(root: JMap, file: string, diagnostics: ConfDiagnostic[]): StandardEntry[] {
  const out = new Map<string, { value: JValue; line: number }>();
  const walk = (map: JMap, prefix: string): void => {
    for (const e of map.entries) {
      // Flink casts each key to String: a null key passes the cast and prints as "null".
      const key = e.key === null ? 'null' : e.key;
      if (typeof key !== 'string') {
        const message = `key ${describe(e.key)} is not a string; Flink needs text keys`;
        throw new LoadFailure('YAML_NON_STRING_KEY', message, e.line);
      }
      const full = prefix + key;
      if (isJMap(e.value)) {
        walk(e.value, `${full}.`);
        continue;
      }
      const previous = out.get(full);
      if (previous) {
        diagnostics.push({
          code: 'DUPLICATE_KEY',
          severity: 'warning',
          file,
          line: e.line,
          key: full,
          message:
            `${file} sets '${full}' on lines ${previous.line} and ${e.line} ` +
            '(nested and dotted); the later one wins',
        });
        out.delete(full);
      }
      out.set(full, { value: e.value, line: e.line });
    }
  };
  walk(root, '');
  const entries: StandardEntry[] = [];
  for (const [key, { value, line }] of out) {
    const cv = toConfigValue(value);
    // Null values are refused only after flattening, so an overridden null does no harm.
    if (cv === null) {
      const message = 'the value is null (empty, ~ or null); Flink refuses null values';
      throw new LoadFailure('YAML_NULL_VALUE', message, line, key);
    }
    entries.push({ file, key, value: cv, line });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------

/** The largest config.yaml read through the general path (the one that needs the `yaml` package). */
export const GENERAL_MAX_CHARS = 256 * 1024;

/**
 * Parses a standard config.yaml exactly as Flink >= 1.19 loads it: all or nothing. The text is
 * first brought to what `yaml` reads the same way snakeyaml-engine does (line ends, BOM, quoted
 * and flow continuation lines), checked for snakeyaml's own refusals, then composed and flattened.
 */
export function parseStandardConf(text: string, file = 'config.yaml'): StandardParse {
  const fail = (reason: string, message: string, line?: number, key?: string): StandardParse => {
    const where = [file, line !== undefined ? `line ${line}` : '', key !== undefined ? `key '${key}'` : ''];
    const error: ConfDiagnostic = {
      code: 'CONFIG_LOAD_ERROR',
      reason,
      severity: 'error',
      file,
      ...(line !== undefined ? { line } : {}),
      ...(key !== undefined ? { key } : {}),
      message: `${where.filter(Boolean).join(' ')}: ${message}`,
    };
    return { ok: false, error, diagnostics: [] };
  };

  const quick = parseStandardQuick(text, file);
  if (quick) return quick;
  // snakeyaml reads '\r\n' and a lone '\r' as line breaks; `yaml` does not take a lone '\r'.
  // The reader drops a byte-order mark at the very start (`yaml` mis-reads "\uFEFF- item").
  const normalised = normaliseStandardText(text);
  // before the lexer passes below, which are linear but not cheap on a line of 50,000 brackets
  const deep = depthBreach(normalised, YAML_LIMITS.maxDepth);
  if (deep >= 0) return fail('YAML_TOO_DEEP', `collections nest deeper than ${YAML_LIMITS.maxDepth} levels, flinkfit's limit`, lineAt(normalised, deep));
  // The general path costs over 200 bytes of memory per byte of text (the package's tokens and
  // document): at 256 KiB a run peaks near 125 MB, at 384 KiB near 150 MB (`npm run bench`).
  // Plain files (standard-flat.ts) are read up to the input limit, 10 MiB. (The key limit,
  // limits.ts, is out of reach here: a key costs at least 7 bytes, `ab: 1, ` in a flow mapping.)
  if (normalised.length > GENERAL_MAX_CHARS) {
    return fail('YAML_TOO_LARGE', `the file is larger than ${GENERAL_MAX_CHARS / 1024} KiB and not only plain \`key: value\` lines; flinkfit reads such a config.yaml with its full YAML reader up to that size`);
  }
  const quoted = flattenQuotedScalars(normalised);
  if ('error' in quoted) return fail('YAML_SYNTAX_ERROR', quoted.error, lineAt(normalised, quoted.at));
  const source = indentFlowContinuations(quoted.text);
  const parsed = parseYamlSafe(source, {
    keepSyntaxErrors: true,
    parse: { version: '1.2', schema: 'failsafe', merge: false, uniqueKeys: false, strict: true },
  });
  if (!parsed.ok) return fail(parsed.error.code, parsed.error.message, parsed.error.line);
  const lineCounter = parsed.lineCounter;
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;
  const list = parsed.docs;
  // snakeyaml-engine refuses any %YAML version but 1.x before reading the document.
  const version = list
    .flatMap((d) => d.warnings)
    .find((w) => w.code === 'BAD_DIRECTIVE' && /version/i.test(w.message));
  if (version) {
    return fail('YAML_VERSION_UNSUPPORTED', 'only %YAML 1.x is supported', lineOf(version.pos[0]));
  }
  // Report whichever problem comes first in the file, as a streaming parser would.
  const tab = findForbiddenTab(source);
  // snakeyaml takes a '#' right after a quote or a closing bracket as a comment; `yaml` wants a blank.
  const err = list
    .flatMap((d) => d.errors)
    .find((e) => !(/^Comments must be separated/.test(e.message) && /["'\]}]/.test(source[e.pos[0] - 1] ?? '')));
  if (err && (tab < 0 || err.pos[0] < tab)) {
    const message = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return fail('YAML_SYNTAX_ERROR', message || 'invalid YAML', lineOf(err.pos[0]));
  }
  if (tab >= 0) {
    return fail('YAML_TAB', 'a tab cannot start a token; indent and separate with spaces', lineOf(tab));
  }
  if (list.length > 1) {
    const second = lineOf(list[1]?.range[0] ?? 0);
    return fail('YAML_MULTIPLE_DOCUMENTS', 'expected a single document but found another', second);
  }
  const doc = list[0];
  if (!doc) return { ok: true, entries: [], diagnostics: [] };
  try {
    const root = new JavaComposer(parsed.aliasTargets, lineOf).compose(doc.contents);
    if (root === null) return { ok: true, entries: [], diagnostics: [] };
    if (!isJMap(root)) {
      return fail('YAML_TOP_NOT_MAPPING', `the document is ${describe(root)}, not a mapping of keys`, 1);
    }
    const diagnostics: ConfDiagnostic[] = [];
    const entries = flatten(root, file, diagnostics);
    return { ok: true, entries, diagnostics };
  } catch (e) {
    if (e instanceof LoadFailure) return fail(e.code, e.message, e.line, e.key);
    throw e;
  }
}

/**
 * One run reads the same config.yaml several times: the image's entrypoint model loads it before and
 * while rewriting it, then the memory model and the ignored-config check load what Flink reads. The
 * result is immutable, so the last few parses are kept by file name and text (small files only).
 */
const recent = new Map<string, StandardParse>();
const RECENT_MAX = 8;
const RECENT_MAX_CHARS = 256 * 1024;

export function parseStandardConfCached(text: string, file = 'config.yaml'): StandardParse {
  if (text.length > RECENT_MAX_CHARS) return parseStandardConf(text, file);
  const key = `${file}\u0000${text}`;
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseStandardConf(text, file);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, parsed);
  return parsed;
}

registerStandardParser(parseStandardConfCached);
