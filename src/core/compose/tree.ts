// A Compose file as Compose sees it after YAML: mappings, sequences and scalars, each remembering
// the file and line it came from, so a finding about a merged, extended or included service still
// points at the line the user edits. Anchors and `<<` merge keys are already expanded here.

export interface Loc {
  /** the file as the user knows it (the path given, or relative to the project directory) */
  file: string;
  /** 1-based line */
  line: number;
}

export interface CScalar {
  kind: 'scalar';
  /** strings are interpolated once the project is loaded; numbers/booleans/null as YAML read them */
  value: string | number | boolean | null;
  /** the text as written, for non-strings (e.g. `1g`, `0.5`, `010`) */
  source?: string;
  /** block scalars (`|`, `>`): the line of the first content line; loc is the indicator's line */
  bodyLine?: number;
  loc: Loc;
}

export interface CEntry {
  /** where the key stands */
  key: Loc;
  value: CNode;
}

export interface CMap {
  kind: 'map';
  /** insertion order as Compose would keep it */
  entries: Map<string, CEntry>;
  loc: Loc;
}

export interface CSeq {
  kind: 'seq';
  items: CNode[];
  loc: Loc;
}

export type CNode = CScalar | CMap | CSeq;

export function isMapNode(n: CNode | undefined | null): n is CMap {
  return n != null && n.kind === 'map';
}
export function isSeqNode(n: CNode | undefined | null): n is CSeq {
  return n != null && n.kind === 'seq';
}
export function isScalarNode(n: CNode | undefined | null): n is CScalar {
  return n != null && n.kind === 'scalar';
}

/** A mapping's value at `key`, or undefined. */
export function child(map: CNode | undefined | null, key: string): CNode | undefined {
  return isMapNode(map) ? map.entries.get(key)?.value : undefined;
}

/** A scalar's text as Compose would use it (`source` for numbers written as `1g`-like text). */
export function scalarText(n: CNode | undefined | null): string | null {
  if (!isScalarNode(n) || n.value === null) return null;
  if (typeof n.value === 'string') return n.value;
  return n.source ?? String(n.value);
}
