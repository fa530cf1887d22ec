// One place where YAML text written by someone else is parsed, under limits checked before and
// right after the `yaml` package does its work, so that no input — an alias bomb, a merge key that
// merges into itself, ten thousand nested brackets, a huge file — makes flinkfit run away, overflow
// its stack or throw. Every breach comes back as data: a code, a plain message and the 1-based line.
//
// The limits (documented in README.md, "Limits"):
// - size: at most `maxChars` characters (10 MiB) of text;
// - nesting: at most `maxDepth` levels of collections (100), checked by a linear scan that never
//   recurses, before any recursive code (the package's composer, toJS, our own walkers) runs;
// - aliases: at most `maxAliases` alias nodes (`*name`, merge keys `<<: *name` included), and the
//   nodes they stand for, once expanded, at most `maxAliasExpansion` (100,000) beyond the document's
//   own: a few hundred bytes cannot grow into a billion nodes; an alias inside the node it names
//   (a mapping merging into itself) is refused;
// - toJS: the package's own alias budget (`maxAliasCount`) guards the conversion to plain data.
import {
  CST,
  isAlias,
  isCollection,
  isPair,
  Lexer,
  LineCounter,
  parseAllDocuments,
  YAMLParseError,
  type Document,
  type DocumentOptions,
  type Node as YamlNode,
  type ParseOptions,
  type SchemaOptions,
  type ToJSOptions,
} from 'yaml';

export interface YamlLimits {
  /** longest text parsed, in UTF-16 code units (characters) */
  maxChars: number;
  /** deepest nesting of collections */
  maxDepth: number;
  /** alias nodes in one text */
  maxAliases: number;
  /** nodes that aliases may add when expanded, beyond the document's own */
  maxAliasExpansion: number;
  /** the `yaml` package's toJS budget (its `maxAliasCount`) */
  maxAliasCount: number;
}

export const YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  maxChars: 10 * 1024 * 1024,
  maxDepth: 100,
  maxAliases: 10_000,
  maxAliasExpansion: 100_000,
  maxAliasCount: 10_000,
});

export type YamlSafeCode = 'YAML_TOO_LARGE' | 'YAML_TOO_DEEP' | 'YAML_ALIAS_LIMIT' | 'YAML_RECURSIVE_ALIAS' | 'YAML_SYNTAX_ERROR';

export interface YamlSafeError {
  code: YamlSafeCode;
  message: string;
  /** 1-based line of the problem (1 when it concerns the whole text) */
  line: number;
}

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

export interface YamlSafeOptions {
  /** tighter or looser limits for one kind of file */
  limits?: Partial<YamlLimits>;
  /** options handed to the `yaml` package (lineCounter is always ours) */
  parse?: YamlParseOptions;
  /**
   * Hand back documents that have syntax errors (in `doc.errors`) instead of turning the first one
   * into a YAML_SYNTAX_ERROR, for callers that report syntax their own way. Limits still apply.
   */
  keepSyntaxErrors?: boolean;
  /** one document expected, as the package's parseDocument: a second is a MULTIPLE_DOCS error */
  single?: boolean;
}

export type YamlSafeParse =
  | {
      ok: true;
      doc: Document.Parsed | undefined;
      docs: Document.Parsed[];
      lineCounter: LineCounter;
      /** each alias node and the node it names (the last anchor of that name before it) */
      aliasTargets: ReadonlyMap<YamlNode, YamlNode>;
    }
  | { ok: false; error: YamlSafeError };

function limitsOf(o: YamlSafeOptions | undefined): YamlLimits {
  return { ...YAML_LIMITS, ...(o?.limits ?? {}) };
}

/** 1-based line of a UTF-16 offset (linear; only called once per error). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * A cheap upper bound of the nesting depth: per line its indentation plus its block indicators,
 * plus every bracket opened and not yet closed in the whole text. Most files stay far below the
 * limit by this bound, so the exact scan runs only for files that come near it.
 */
function roughDepthBound(text: string): number {
  let max = 0;
  let open = 0;
  let lineStart = true;
  let lead = 0;
  let indicators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      max = Math.max(max, lead + indicators + 1 + open);
      lineStart = true;
      lead = 0;
      indicators = 0;
      continue;
    }
    if (lineStart) {
      if (c === 0x20) {
        lead++;
        continue;
      }
      lineStart = false;
    }
    if (c === 0x5b || c === 0x7b) {
      open++;
      if (lead + indicators + 1 + open > max) max = lead + indicators + 1 + open;
    }    else if ((c === 0x5d || c === 0x7d) && open > 0) open--;
    else if (c === 0x2d || c === 0x3f || c === 0x3a) {
      const n = text.charCodeAt(i + 1);
      if (n !== n || n === 0x20 || n === 0x0a || n === 0x09) indicators++;
    }
  }
  return Math.max(max, lead + indicators + 1 + open);
}

export interface SourceToken {
  /** the token's text */
  source: string;
  /** its offset in the text */
  start: number;
  /** 'scalar' for the source of a scalar (plain, quoted or block), else the package's token type */
  type: string | null;
}

/**
 * The package lexer's tokens with their offsets; the synthetic markers (document, flow-error-end,
 * scalar), which take no room in the text, are folded away.
 */
export function* sourceTokens(text: string): Generator<SourceToken> {
  let offset = 0;
  let scalarNext = false;
  for (const tok of new Lexer().lex(text)) {
    if (tok === CST.DOCUMENT || tok === CST.FLOW_END) continue;
    if (tok === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    const start = offset;
    offset += tok.length;
    yield { source: tok, start, type: scalarNext ? 'scalar' : CST.tokenType(tok) };
    scalarNext = false;
  }
}

/**
 * The nesting depth by the package's own lexer, without recursion: flow brackets count one level
 * each; in block context every node start deeper than the nodes before it on the column stack
 * counts one (so `- - - x`, nested mappings and a value after `key:` all count). Returns the
 * offset where `maxDepth` is first exceeded, or -1.
 */
function exactDepthBreach(text: string, maxDepth: number): number {
  let flow = 0;
  let lineStart = 0;
  const columns: number[] = [];
  for (const { source: tok, start, type } of sourceTokens(text)) {
    const nl = tok.lastIndexOf('\n');
    switch (type) {
      case 'newline':
      case 'space':
      case 'comment':
      case 'comma':
      case 'map-value-ind':
      case 'byte-order-mark':
        break;
      case 'doc-start':
      case 'doc-end':
        columns.length = 0;
        flow = 0;
        break;
      case 'flow-map-end':
      case 'flow-seq-end':
        if (flow > 0) flow--;
        break;
      default: {
        if (flow === 0) {
          const col = start - lineStart;
          while (columns.length > 0 && (columns[columns.length - 1] ?? 0) >= col) columns.pop();
          columns.push(col);
        }
        if (type === 'flow-map-start' || type === 'flow-seq-start') flow++;
        if (columns.length + flow > maxDepth) return start;
      }
    }
    if (nl >= 0) lineStart = start + nl + 1;
  }
  return -1;
}

/** Where the text nests deeper than the limit, or -1; linear, never recursive. */
export function depthBreach(text: string, maxDepth: number = YAML_LIMITS.maxDepth): number {
  if (roughDepthBound(text) <= maxDepth) return -1;
  return exactDepthBreach(text, maxDepth);
}

type AliasCheck = { ok: true } | { ok: false; code: 'YAML_ALIAS_LIMIT' | 'YAML_RECURSIVE_ALIAS'; node: YamlNode; message: string };

/**
 * Counts aliases and what they expand to, without expanding anything: each node's size (itself and
 * everything below it, an alias counting as the node it names) is computed once, bottom-up, with
 * an explicit stack. An alias naming a node still open above it is a cycle.
 */
export function checkAliases(
  doc: Document.Parsed,
  limits: Pick<YamlLimits, 'maxAliases' | 'maxAliasExpansion'>,
  targets: Map<YamlNode, YamlNode> = new Map(),
): AliasCheck {
  const anchors = new Map<string, YamlNode>();
  const size = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  let aliases = 0;
  let added = 0;
  const root = doc.contents as YamlNode | null;
  if (!root) return { ok: true };
  // frames: [node, childrenPushed]
  const stack: Array<{ node: YamlNode; expanded: boolean }> = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const node = frame.node;
    if (!frame.expanded) {
      frame.expanded = true;
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, node);
      if (isAlias(node)) {
        stack.pop();
        aliases++;
        if (aliases > limits.maxAliases) {
          return { ok: false, code: 'YAML_ALIAS_LIMIT', node, message: `more than ${limits.maxAliases} aliases` };
        }
        const target = anchors.get(node.source);
        if (!target) continue; // the package reports an unknown anchor itself
        targets.set(node, target);
        if (open.has(target)) {
          return { ok: false, code: 'YAML_RECURSIVE_ALIAS', node, message: `alias *${node.source} is inside the node it names (it would expand forever)` };
        }
        const n = size.get(target) ?? 1;
        added += n;
        if (added > limits.maxAliasExpansion) {
          return {
            ok: false,
            code: 'YAML_ALIAS_LIMIT',
            node,
            message: `aliases expand to more than ${limits.maxAliasExpansion} nodes (an alias or merge-key bomb?)`,
          };
        }
        size.set(node, n);
        continue;
      }
      open.add(node);
      if (isCollection(node)) {
        // children in reverse so they are visited in document order (anchors before their aliases)
        const items = node.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i];
          if (isPair(item)) {
            if (item.value && typeof item.value === 'object') stack.push({ node: item.value as YamlNode, expanded: false });
            if (item.key && typeof item.key === 'object') stack.push({ node: item.key as YamlNode, expanded: false });
          } else if (item && typeof item === 'object') {
            stack.push({ node: item as YamlNode, expanded: false });
          }
        }
      }
      continue;
    }
    stack.pop();
    open.delete(node);
    let n = 1;
    if (isCollection(node)) {
      for (const item of node.items as unknown[]) {
        if (isPair(item)) {
          n += (item.key && typeof item.key === 'object' ? size.get(item.key as YamlNode) ?? 1 : 0) + (item.value && typeof item.value === 'object' ? size.get(item.value as YamlNode) ?? 1 : 0);
        } else if (item && typeof item === 'object') {
          n += size.get(item as YamlNode) ?? 1;
        }
      }
    }
    size.set(node, n);
  }
  return { ok: true };
}

/**
 * The package's `uniqueKeys` check compares each key with every earlier one (quadratic: 20,000
 * keys take seconds). The same rule — scalar keys with equal values, or the same node — checked
 * with a map per mapping, reported as the package reports it (DUPLICATE_KEY in `doc.errors`), at
 * most `max` of them. Parse with `uniqueKeys: false`, then call this.
 */
export function addDuplicateKeyErrors(doc: Document.Parsed, max = 100, exempt?: (key: YamlNode) => boolean): void {
  const root = doc.contents as YamlNode | null;
  if (!root) return;
  const stack: YamlNode[] = [root];
  const found: YAMLParseError[] = [];
  const seen = new Set<YamlNode>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node) || !isCollection(node)) continue;
    seen.add(node);
    const keys = new Set<unknown>();
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as YamlNode | null;
        // scalars by value as the package compares them (===, so a NaN key equals no other)
        const scalar = key && typeof key === 'object' && 'value' in key && !isCollection(key);
        const v: unknown = scalar ? key.value : undefined;
        const id = scalar && !Number.isNaN(v) ? `${typeof v}:${String(v)}` : key;
        if (key && exempt?.(key)) {
          // a key the caller's rule never counts as a duplicate, neither of an earlier key nor a later one
        } else if (keys.has(id)) {
          const at = (key as { range?: [number, number] } | null)?.range ?? [0, 0];
          found.push(new YAMLParseError([at[0], at[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else {
          keys.add(id);
        }
        if (key && typeof key === 'object') stack.push(key);
        if (item.value && typeof item.value === 'object') stack.push(item.value as YamlNode);
      } else if (item && typeof item === 'object') {
        stack.push(item as YamlNode);
      }
    }
  }
  if (found.length > 0) {
    for (const e of found.slice(0, max)) doc.errors.push(e);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
}

function nodeLine(node: YamlNode, lineCounter: LineCounter): number {
  const range = (node as { range?: [number, number, number] }).range;
  return range ? lineCounter.linePos(range[0]).line : 1;
}

/**
 * Parses YAML text under the limits. Never throws: a breach, a syntax error (unless
 * `keepSyntaxErrors`) or anything the package throws comes back as `{ ok: false, error }`.
 */
export function parseYamlSafe(text: string, options: YamlSafeOptions = {}): YamlSafeParse {
  const limits = limitsOf(options);
  if (typeof text !== 'string') return { ok: false, error: { code: 'YAML_SYNTAX_ERROR', message: 'the input is not text', line: 1 } };
  if (text.length > limits.maxChars) {
    const mib = (limits.maxChars / (1024 * 1024)).toFixed(0);
    return { ok: false, error: { code: 'YAML_TOO_LARGE', message: `the text is larger than ${mib} MiB, flinkfit's limit for a YAML file`, line: 1 } };
  }
  const deep = depthBreach(text, limits.maxDepth);
  if (deep >= 0) {
    return {
      ok: false,
      error: { code: 'YAML_TOO_DEEP', message: `collections nest deeper than ${limits.maxDepth} levels, flinkfit's limit`, line: lineOfOffset(text, deep) },
    };
  }
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const asked = options.parse?.uniqueKeys;
    const parsed = parseAllDocuments(text, {
      prettyErrors: false,
      ...(options.parse ?? {}),
      ...(typeof asked === 'function' ? {} : { uniqueKeys: false }),
      lineCounter,
    });
    docs = Array.isArray(parsed) ? parsed : [];
    const second = docs[1];
    if (options.single && docs[0] && second) {
      const at = second.range[0];
      docs[0].errors.push(new YAMLParseError([at, at + 1], 'MULTIPLE_DOCS', 'Source contains multiple documents; only one is expected'));
      docs = [docs[0]];
    }
    if (asked === undefined || asked === true) {
      // after the depth check, so every mapping is known to be shallow; the walk is iterative anyway
      for (const d of docs) addDuplicateKeyErrors(d);
    }
  } catch (e) {
    return { ok: false, error: { code: 'YAML_SYNTAX_ERROR', message: `cannot be parsed: ${String((e as Error)?.message ?? e).split('\n')[0]}`, line: 1 } };
  }
  for (const d of docs) {
    const exhausted = d.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
    if (exhausted) {
      return { ok: false, error: { code: 'YAML_TOO_DEEP', message: 'too deeply nested to read', line: lineCounter.linePos(exhausted.pos[0]).line } };
    }
  }
  if (!options.keepSyntaxErrors) {
    const err = docs.flatMap((d) => d.errors)[0];
    if (err) {
      const message = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '') || 'invalid YAML';
      return { ok: false, error: { code: 'YAML_SYNTAX_ERROR', message, line: lineCounter.linePos(err.pos[0]).line } };
    }
  }
  const aliasTargets = new Map<YamlNode, YamlNode>();
  for (const d of docs) {
    const a = checkAliases(d, limits, aliasTargets);
    if (!a.ok) return { ok: false, error: { code: a.code, message: a.message, line: nodeLine(a.node, lineCounter) } };
  }
  return { ok: true, doc: docs[0], docs, lineCounter, aliasTargets };
}

/** A parsed document as plain data, with the package's alias budget; never throws. */
export function toJsSafe(doc: Document.Parsed, options: ToJSOptions & { limits?: Partial<YamlLimits> } = {}): { ok: true; value: unknown } | { ok: false; error: YamlSafeError } {
  const { limits, ...toJs } = options;
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: limitsOf({ ...(limits ? { limits } : {}) }).maxAliasCount, ...toJs }) };
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n')[0] ?? '';
    const code: YamlSafeCode = /alias/i.test(message) ? 'YAML_ALIAS_LIMIT' : 'YAML_SYNTAX_ERROR';
    return { ok: false, error: { code, message: code === 'YAML_ALIAS_LIMIT' ? 'aliases expand too far to read' : `cannot be read: ${message}`, line: 1 } };
  }
}
