// The diagrams as data, before any pixel: one horizontal bar per process (or machine) whose parts
// are laid left to right in bytes, with the groups Flink's memory model nests them in drawn as
// bands above (as the boxes of Flink's "Set up TaskManager/JobManager Memory" pages nest), the JVM
// flags that bound a region marked below, and a size edge (the configured process size, the
// machine's memory) beyond which anything drawn is a shortfall.

/** What a part is, for its fill, its pattern (readable without colour) and its legend. */
export type PartKind =
  | 'heap'
  | 'managed'
  | 'direct'
  | 'offheap'
  | 'metaspace'
  | 'overhead'
  | 'system'
  | 'jobmanager'
  | 'taskmanager'
  | 'reserve'
  | 'spare';

/** A leaf of the model: the bar is these, left to right, each as wide as its bytes. */
export interface Part {
  /** stable id, e.g. `taskmanager.taskHeap`; also the data-part attribute of its rectangle */
  id: string;
  label: string;
  bytes: bigint;
  kind: PartKind;
  /** a lower bound (a refused process counted with the least size that starts) */
  atLeast?: boolean;
}

/** A group above the bar (total Flink, JVM heap…): a byte range from the bar's left end. */
export interface Band {
  id: string;
  label: string;
  start: bigint;
  bytes: bigint;
}

/** A JVM flag and the region it bounds, e.g. -Xmx over the JVM heap. */
export interface FlagMark {
  flag: string;
  /** the flag's value in bytes, as the JVM receives it */
  bytes: bigint;
  start: bigint;
}

/** A size the parts must stay within (configured process size, machine memory). */
export interface SizeEdge {
  label: string;
  bytes: bigint;
}

export interface BarDiagram {
  /** e.g. `taskmanager`; prefixes ids */
  id: string;
  heading: string;
  parts: Part[];
  /** rows from the top; bands within a row do not overlap */
  bands: Band[][];
  flags: FlagMark[];
  edge?: SizeEdge;
  /** lines under the bar, e.g. the refusal and the smallest fix */
  problem?: string[];
  notes?: string[];
}

/** A section without a bar (a process whose configuration could not be read at all). */
export interface TextSection {
  id: string;
  heading: string;
  problem: string[];
}

export type Section = BarDiagram | TextSection;

export interface DiagramDocument {
  title: string;
  description: string;
  sections: Section[];
}
