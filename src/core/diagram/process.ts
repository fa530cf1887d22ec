// A TaskManager's or JobManager's memory as a bar diagram, following Flink's memory model
// (TaskExecutorProcessUtils / JobManagerProcessUtils): total process = total Flink + JVM metaspace
// + JVM overhead; total Flink = JVM heap + off-heap. A refused configuration is drawn with what
// Flink derived before it stopped, laid against the configured size: what sticks out is the shortfall.
import type { Explanation, RoleReport } from '../analysis/explain.js';
import type { Derivation, JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import { COMPONENT_NAMES } from '../memory/types.js';
import { formatBytes } from '../size.js';
import { sizeText } from './svg.js';
import type { Band, BarDiagram, FlagMark, Part, PartKind, Section } from './types.js';

const MiB = 1024n * 1024n;

const KIND: Record<string, PartKind> = {
  frameworkHeap: 'heap',
  taskHeap: 'heap',
  jvmHeap: 'heap',
  managed: 'managed',
  frameworkOffHeap: 'direct',
  taskOffHeap: 'direct',
  network: 'direct',
  offHeap: 'offheap',
  jvmMetaspace: 'metaspace',
  jvmOverhead: 'overhead',
};

const TM_ORDER = ['frameworkHeap', 'taskHeap', 'managed', 'frameworkOffHeap', 'taskOffHeap', 'network', 'jvmMetaspace', 'jvmOverhead'];
const JM_ORDER = ['jvmHeap', 'offHeap', 'jvmMetaspace', 'jvmOverhead'];
/** Refused: what the process size pays for first, then the Flink parts that did not fit. */
const REFUSED_ORDER = ['jvmMetaspace', 'jvmOverhead', 'frameworkHeap', 'taskHeap', 'jvmHeap', 'managed', 'frameworkOffHeap', 'taskOffHeap', 'network', 'offHeap'];

const name = (k: string) => COMPONENT_NAMES[k] ?? k;

/** `-Xmx123 -XX:MaxDirectMemorySize=456 …` -> flag -> bytes (only the memory bounds). */
export function jvmMemoryFlags(jvmArgs: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const w of jvmArgs.split(/\s+/)) {
    const m = /^(-Xmx|-Xms|-XX:MaxDirectMemorySize=|-XX:MaxMetaspaceSize=)(\d+)$/.exec(w);
    if (m) out.set(m[1]!.replace(/=$/, ''), BigInt(m[2]!));
  }
  return out;
}

function offsets(parts: Part[]): Map<string, bigint> {
  const at = new Map<string, bigint>();
  let x = 0n;
  for (const p of parts) {
    at.set(p.id.slice(p.id.indexOf('.') + 1), x);
    x += p.bytes;
  }
  return at;
}

function acceptedBar(role: 'taskmanager' | 'jobmanager', title: string, o: Extract<TaskManagerOutcome | JobManagerOutcome, { ok: true }>): BarDiagram {
  const m = o.memory as unknown as Record<string, bigint>;
  const isTm = role === 'taskmanager';
  const parts: Part[] = (isTm ? TM_ORDER : JM_ORDER).map((k) => ({ id: `${role}.${k}`, label: name(k), bytes: m[k]!, kind: KIND[k]! }));
  const at = offsets(parts);
  const band = (k: string, start: bigint, bytes: bigint): Band => ({ id: `${role}.${k}`, label: name(k), start, bytes });
  const bands: Band[][] = [[band('totalProcess', 0n, m.totalProcess!)], [band('totalFlink', 0n, m.totalFlink!)]];
  if (isTm) {
    bands.push([band('jvmHeap', 0n, m.jvmHeap!), band('offHeap', at.get('managed')!, m.managed! + m.jvmDirect!)]);
    bands.push([band('jvmDirect', at.get('frameworkOffHeap')!, m.jvmDirect!)]);
  }
  const flagged = jvmMemoryFlags(o.jvmArgs);
  const flags: FlagMark[] = [];
  const mark = (flag: string, start: bigint | undefined) => {
    const bytes = flagged.get(flag);
    if (bytes !== undefined && start !== undefined) flags.push({ flag, bytes, start });
  };
  mark('-Xmx', 0n);
  mark('-XX:MaxDirectMemorySize', at.get(isTm ? 'frameworkOffHeap' : 'offHeap'));
  mark('-XX:MaxMetaspaceSize', at.get('jvmMetaspace'));
  return { id: role, heading: `${title}: total process ${formatBytes(m.totalProcess!)} (${m.totalProcess} bytes)`, parts, bands, flags };
}

function refusedBar(role: 'taskmanager' | 'jobmanager', title: string, report: RoleReport<TaskManagerOutcome | JobManagerOutcome>, message: string): Section {
  const o = report.outcome as { partial?: Record<string, { bytes: bigint; derivation: Derivation }> };
  const partial = o.partial ?? {};
  const problem = [`Flink refuses to start it. ${message}`];
  if (report.fix) {
    problem.push(`Smallest fix: set ${report.fix.key}: ${report.fix.bytes / MiB}m (${formatBytes(report.fix.bytes)}, ${report.fix.bytes} bytes), everything else as it is.`);
  }
  const process = partial.totalProcess?.bytes;
  const flink = partial.totalFlink?.bytes;
  const container = process ?? flink;
  // with only total Flink known, the bar holds the Flink parts; with the process size, all of them
  const keys = REFUSED_ORDER.filter((k) => partial[k] && (process !== undefined || (k !== 'jvmMetaspace' && k !== 'jvmOverhead')));
  const heading = `${title}: refused`;
  if (container === undefined || keys.length === 0) return { id: role, heading, problem };
  const parts: Part[] = keys.map((k) => ({ id: `${role}.${k}`, label: name(k), bytes: partial[k]!.bytes, kind: KIND[k]! }));
  const bands: Band[][] = [];
  const at = offsets(parts);
  const flinkStart = process !== undefined ? (at.get(keys.find((k) => k !== 'jvmMetaspace' && k !== 'jvmOverhead') ?? '') ?? undefined) : 0n;
  if (flink !== undefined && flinkStart !== undefined) {
    bands.push([{ id: `${role}.totalFlink`, label: `${name('totalFlink')} (what is left)`, start: flinkStart, bytes: flink }]);
  }
  const edgeName = process !== undefined ? 'configured total process' : 'configured total Flink';
  const sum = parts.reduce((a, p) => a + p.bytes, 0n);
  if (sum > container) problem.unshift(`SHORTFALL (hatched): what Flink derived needs ${sizeText(sum)}, ${sizeText(sum - container)} more than the ${edgeName} ${formatBytes(container)}.`);
  return { id: role, heading, parts, bands, flags: [], edge: { label: edgeName, bytes: container }, problem };
}

/** One process of an explanation as a diagram section. */
export function processSection(role: 'taskmanager' | 'jobmanager', report: RoleReport<TaskManagerOutcome | JobManagerOutcome>): Section {
  const title = role === 'taskmanager' ? 'TaskManager' : 'JobManager';
  const o = report.outcome;
  if (o === null) return { id: role, heading: `${title}: configuration not readable`, problem: ['Flink cannot load the configuration; see the findings.'] };
  if (!o.ok) return refusedBar(role, title, report, o.message);
  return acceptedBar(role, title, o);
}

export function explanationSections(e: Explanation): Section[] {
  return [processSection('taskmanager', e.taskmanager), processSection('jobmanager', e.jobmanager)];
}
