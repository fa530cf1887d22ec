// How each memory number came about, in words: one line per component, shared by the terminal,
// the HTML report and the web page (pure, no colour).
import { COMPONENT_NAMES, type Derivation } from '../../core/memory/types.js';
import { formatBytes } from '../../core/size.js';

const LONG_MAX = 2n ** 63n - 1n;

const NAMES = COMPONENT_NAMES;

/** A size in words; Long.MAX_VALUE (an unbounded maximum) as ∞. */
export function shownSize(b: bigint): string {
  return b === LONG_MAX ? '∞' : formatBytes(b);
}

/** The shortest decimal that is the same 32-bit float: 0.4000000059604645 prints as 0.4. */
export function floatText(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

export function derivationText(name: string, bytes: bigint, d: Derivation): string {
  const n = NAMES[name] ?? name;
  const v = shownSize(bytes);
  switch (d.kind) {
    case 'explicit':
      return d.viaKey ? `${n} = ${v}, set by ${d.viaKey} (deprecated name of ${d.key})` : `${n} = ${v}, set by ${d.key}`;
    case 'default':
      return `${n} = ${v}, the default of ${d.key}`;
    case 'fraction':
    case 'inverseFraction': {
      const f = floatText(d.fraction);
      const base = NAMES[d.of] ?? d.of;
      const formula = d.kind === 'fraction' ? `${f} × ${base} ${shownSize(d.ofBytes)}` : `${f}/(1−${f}) × ${base} ${shownSize(d.ofBytes)}`;
      const range = `[${shownSize(d.min)}, ${shownSize(d.max)}${d.max === LONG_MAX ? ')' : ']'}`;
      if (d.clamped === 'min') return `${n} = ${formula} = ${shownSize(d.raw)}, raised to the minimum ${shownSize(d.min)} (${d.minKey})`;
      if (d.clamped === 'max') return `${n} = ${formula} = ${shownSize(d.raw)}, capped at the maximum ${shownSize(d.max)} (${d.maxKey})`;
      return d.min === 0n && d.max === LONG_MAX ? `${n} = ${formula} = ${v} (${d.key})` : `${n} = ${formula} = ${v}, inside ${range} (${d.key})`;
    }
    case 'remainder':
      return `${n} = ${NAMES[d.of] ?? d.of} ${shownSize(d.ofBytes)} − ${d.minus.map((m) => NAMES[m] ?? m).join(' − ')} = ${v} (what is left)`;
    case 'sum':
      return `${n} = ${d.of.map((m) => NAMES[m] ?? m).join(' + ')} = ${v}`;
    case 'legacy':
      return `${n} = ${v}, from legacy ${d.key} (${d.note})`;
    case 'derived':
      return `${n} = ${v} (${d.note})`;
  }
}

/** The order Flink works the numbers out in, so each line uses only numbers above it. */
export const DERIVATION_ORDER = {
  taskmanager: ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'frameworkHeap', 'frameworkOffHeap', 'taskOffHeap', 'managed', 'network', 'taskHeap'],
  jobmanager: ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'offHeap', 'jvmHeap'],
  refused: ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'frameworkHeap', 'frameworkOffHeap', 'taskOffHeap', 'offHeap', 'taskHeap', 'managed', 'network'],
} as const;

/** How the components nest, as the text tree and the HTML table show them: [depth, key, name]. */
export const COMPONENT_TREE: Readonly<Record<'taskmanager' | 'jobmanager', ReadonlyArray<readonly [number, string, string]>>> = {
  taskmanager: [
    [0, 'totalProcess', 'total process'],
    [1, 'totalFlink', 'total Flink'],
    [2, 'jvmHeap', 'JVM heap'],
    [3, 'frameworkHeap', 'framework heap'],
    [3, 'taskHeap', 'task heap'],
    [2, 'offHeapTotal', 'off-heap'],
    [3, 'managed', 'managed'],
    [3, 'jvmDirect', 'JVM direct'],
    [4, 'frameworkOffHeap', 'framework off-heap'],
    [4, 'taskOffHeap', 'task off-heap'],
    [4, 'network', 'network'],
    [1, 'jvmMetaspace', 'JVM metaspace'],
    [1, 'jvmOverhead', 'JVM overhead'],
  ],
  jobmanager: [
    [0, 'totalProcess', 'total process'],
    [1, 'totalFlink', 'total Flink'],
    [2, 'jvmHeap', 'JVM heap'],
    [2, 'offHeap', 'off-heap'],
    [1, 'jvmMetaspace', 'JVM metaspace'],
    [1, 'jvmOverhead', 'JVM overhead'],
  ],
};

/** A component's bytes; `offHeapTotal` is a TaskManager's managed + JVM direct (Flink's off-heap box). */
export function componentBytes(m: Readonly<Record<string, bigint>>, key: string): bigint {
  return key === 'offHeapTotal' ? m.managed! + m.jvmDirect! : m[key]!;
}
