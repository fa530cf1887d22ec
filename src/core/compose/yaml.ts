// YAML text → the Compose tree (tree.ts), as Compose's YAML decoder sees it: every document of the
// file, anchors and aliases expanded, `<<` merge keys applied (explicit keys win; among several
// merged maps the first wins), keys as strings, `!reset` / `!override` tags remembered.
//
// Expansion is bounded: a file that holds (aliases expanded) more than MAX_NODES nodes or MAX_DEPTH levels
// is refused with COMPOSE_TOO_LARGE instead of exhausting memory or the stack, and an alias to the
// node that contains it is refused as Compose's decoder refuses it ("anchor … contains itself").

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node as YNode, type Pair } from 'yaml';
import { addDuplicateKeyErrors } from '../yaml-safe.js';
import { loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import type { CMap, CNode, CScalar, Loc } from './tree.js';

// Real compose files hold hundreds of nodes and tens of KiB (a large one: 50 services, ~3,000
// nodes); the bounds sit far above that and keep a run within about 2 s and 150 MB (npm run bench)
export const MAX_NODES = 20_000;
export const MAX_DEPTH = 128;
export const MAX_TEXT = 1024 * 1024;

export type ComposeTag = 'reset' | 'override';
const tags = new WeakMap<CNode, ComposeTag>();

/** The `!reset` / `!override` tag a node was written with, if any. */
export function composeTag(n: CNode): ComposeTag | undefined {
  return tags.get(n);
}
/** Carry a tag over to a copy of a node. */
export function copyTag(from: CNode, to: CNode): void {
  const t = tags.get(from);
  if (t !== undefined) tags.set(to, t);
}

export interface ParsedYaml {
  /** one mapping per non-empty document, in file order */
  docs: CMap[];
  diagnostics: ComposeLoadDiagnostic[];
}

class TooLarge extends Error {}
class Invalid extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

/** Parse a compose file. `file` is the name used in every Loc and diagnostic. Never throws. */
export function parseComposeYaml(text: string, file: string): ParsedYaml {
  const diagnostics: ComposeLoadDiagnostic[] = [];
  if (text.length > MAX_TEXT) {
    diagnostics.push(loadDiag('COMPOSE_TOO_LARGE', `${file} is ${text.length} characters; flinkfit reads compose files up to ${MAX_TEXT}`, file));
    return { docs: [], diagnostics };
  }
  const lines = new LineCounter();
  let documents: Document.Parsed[];
  try {
    // the package compares each key with every earlier one (a custom uniqueKeys too): 8 MiB of
    // services ran for minutes; the same rule (sameKey), checked with a map per mapping
    documents = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, merge: false, prettyErrors: false, schema: 'core' }) as Document.Parsed[];
    if (!Array.isArray(documents)) documents = [];
    for (const d of documents) addDuplicateKeyErrors(d, Infinity, isMergeKey);
  } catch (e) {
    // the YAML library recurses on nested flow collections; a pathological file can exhaust its stack
    diagnostics.push(loadDiag('COMPOSE_TOO_LARGE', `${file} nests too deeply to read (${e instanceof Error ? e.message : String(e)})`, file));
    return { docs: [], diagnostics };
  }
  const docs: CMap[] = [];
  const budget = { nodes: 0 };
  for (const doc of documents) {
    const err = doc.errors[0];
    if (err !== undefined) {
      const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
      if (err.code === 'RESOURCE_EXHAUSTION') {
        diagnostics.push(loadDiag('COMPOSE_TOO_LARGE', `${file} line ${line}: nests too deeply to read`, file, line));
        return { docs: [], diagnostics };
      }
      diagnostics.push(loadDiag('COMPOSE_YAML_INVALID', `${file} line ${line}: ${firstLine(err.message)}`, file, line));
      return { docs: [], diagnostics };
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    try {
      const node = new Converter(doc, lines, file, budget).node(doc.contents, 0);
      if (node.kind !== 'map') {
        diagnostics.push(loadDiag('COMPOSE_YAML_INVALID', `${file}: the top level must be a mapping (services:, volumes:, …)`, file, node.loc.line));
        return { docs: [], diagnostics };
      }
      docs.push(node);
    } catch (e) {
      if (e instanceof TooLarge) {
        diagnostics.push(loadDiag('COMPOSE_TOO_LARGE', `${file}: ${e.message}`, file));
      } else if (e instanceof Invalid) {
        diagnostics.push(loadDiag('COMPOSE_YAML_INVALID', `${file} line ${e.line}: ${e.message}`, file, e.line));
      } else if (e instanceof RangeError) {
        diagnostics.push(loadDiag('COMPOSE_TOO_LARGE', `${file} nests too deeply to read`, file));
      } else {
        throw e;
      }
      return { docs: [], diagnostics };
    }
  }
  return { docs, diagnostics };
}

/** Keys are compared by value, except that a plain `<<` (a merge key) is never a duplicate. */
/** Keys are the same when their scalar values are (===) or they are one node; `<<` merge keys never are. */
function isMergeKey(k: unknown): boolean {
  return isScalar(k) && k.type === 'PLAIN' && k.value === '<<';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

class Converter {
  /** anchored nodes being converted: an alias to one of them is a cycle */
  private readonly open = new Set<YNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly file: string,
    private readonly budget: { nodes: number },
  ) {}

  private loc(n: { range?: readonly number[] | null } | null | undefined): Loc {
    const at = n?.range?.[0] ?? 0;
    return { file: this.file, line: this.lines.linePos(at).line };
  }

  private count(depth: number): void {
    if (++this.budget.nodes > MAX_NODES) throw new TooLarge(`more than ${MAX_NODES} nodes once anchors and aliases are expanded`);
    if (depth > MAX_DEPTH) throw new TooLarge(`nesting deeper than ${MAX_DEPTH} levels`);
  }

  node(n: unknown, depth: number): CNode {
    this.count(depth);
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      if (target === undefined) throw new Invalid(`unknown anchor '${n.source}'`, this.loc(n).line);
      if (this.open.has(target)) throw new Invalid(`anchor '${n.source}' contains itself`, this.loc(n).line);
      return this.node(target, depth);
    }
    const yn = n as YNode;
    this.open.add(yn);
    try {
      const out = this.convert(yn, depth);
      const tag = (yn as { tag?: string }).tag;
      if (tag === '!reset') tags.set(out, 'reset');
      else if (tag === '!override') tags.set(out, 'override');
      return out;
    } finally {
      this.open.delete(yn);
    }
  }

  private convert(n: YNode, depth: number): CNode {
    const loc = this.loc(n);
    if (isMap(n)) {
      const out: CMap = { kind: 'map', entries: new Map(), loc };
      const merges: Pair[] = [];
      for (const pair of n.items) {
        if (isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<') {
          merges.push(pair);
          continue;
        }
        const key = this.keyText(pair.key);
        out.entries.set(key, { key: this.loc(pair.key as YNode), value: this.value(pair.value, pair.key as YNode, depth + 1) });
      }
      // explicit keys win over merged ones, wherever `<<` stands; the first merged map wins
      for (const pair of merges) {
        const src = this.node(pair.value, depth + 1);
        const sources = src.kind === 'seq' ? src.items : [src];
        for (const s of sources) {
          if (s.kind !== 'map') throw new Invalid('a `<<` merge key needs a mapping or a list of mappings', s.loc.line);
          for (const [k, e] of s.entries) if (!out.entries.has(k)) out.entries.set(k, e);
        }
      }
      return out;
    }
    if (isSeq(n)) {
      return { kind: 'seq', items: n.items.map((i) => this.value(i, n, depth + 1)), loc };
    }
    if (isScalar(n)) return this.scalar(n, loc);
    throw new Invalid('unexpected YAML node', loc.line);
  }

  private value(v: unknown, owner: YNode, depth: number): CNode {
    // `key:` with nothing after it
    if (v === null || v === undefined) return { kind: 'scalar', value: null, loc: this.loc(owner) };
    return this.node(v, depth);
  }

  private keyText(k: unknown): string {
    if (isAlias(k)) k = k.resolve(this.doc);
    if (isScalar(k)) {
      const v = k.value;
      if (typeof v === 'string') return v;
      return k.source ?? String(v);
    }
    if (k === null || k === undefined) return '';
    throw new Invalid('a mapping key must be a scalar', this.loc(k as YNode).line);
  }

  private scalar(n: Scalar, loc: Loc): CScalar {
    const v = n.value;
    const out: CScalar = { kind: 'scalar', value: null, loc };
    if (typeof v === 'string') {
      out.value = v;
      if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') out.bodyLine = loc.line + 1 + leadingBlankLines(v);
    } else if (typeof v === 'number' || typeof v === 'boolean') {
      out.value = v;
      out.source = n.source ?? String(v);
    } else if (typeof v === 'bigint') {
      out.value = Number(v);
      out.source = n.source ?? String(v);
    } else if (v !== null && v !== undefined) {
      out.value = String(v);
    }
    return out;
  }
}

function leadingBlankLines(v: string): number {
  let i = 0;
  while (v[i] === '\n') i++;
  return i;
}
