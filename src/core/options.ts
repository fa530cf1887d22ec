// Flink's memory ConfigOptions (TaskManagerOptions, JobManagerOptions and the legacy ones): key,
// type, default and deprecated fallback keys, as ../shared/flink-options lists them per line.
import type { FlinkLine } from './versions.js';
import { majorOf } from './versions.js';

export type OptionType = 'MemorySize' | 'Float' | 'Integer' | 'Long' | 'Double' | 'Boolean';

export interface OptionDef {
  readonly key: string;
  readonly type: OptionType;
  /** default as Flink defines it (bytes for sizes); undefined when the option has none */
  readonly default?: bigint | number | boolean;
  /** deprecated keys Flink still reads when the main key is absent, in order */
  readonly fallbackKeys?: readonly string[];
  /** only these lines know the option (the 1.x legacy keys) */
  readonly onlyMajor?: 1 | 2;
  /** index for per-reader caches */
  readonly slot?: number;
}

const MB = 1024n * 1024n;
const LONG_MAX = 2n ** 63n - 1n;

let nextSlot = 0;

/** Each option gets a slot number so a reader can cache per option in a plain array. */
function opt(o: Omit<OptionDef, 'slot'>): OptionDef {
  return { ...o, slot: nextSlot++ };
}

export const TM = {
  totalProcess: opt({ key: 'taskmanager.memory.process.size', type: 'MemorySize' }),
  totalFlink: opt({ key: 'taskmanager.memory.flink.size', type: 'MemorySize' }),
  frameworkHeap: opt({ key: 'taskmanager.memory.framework.heap.size', type: 'MemorySize', default: 128n * MB }),
  frameworkOffHeap: opt({ key: 'taskmanager.memory.framework.off-heap.size', type: 'MemorySize', default: 128n * MB }),
  taskHeap: opt({ key: 'taskmanager.memory.task.heap.size', type: 'MemorySize' }),
  taskOffHeap: opt({ key: 'taskmanager.memory.task.off-heap.size', type: 'MemorySize', default: 0n }),
  managedSize: opt({ key: 'taskmanager.memory.managed.size', type: 'MemorySize', fallbackKeys: ['taskmanager.memory.size'] }),
  managedFraction: opt({ key: 'taskmanager.memory.managed.fraction', type: 'Float', default: 0.4 }),
  networkMin: opt({ key: 'taskmanager.memory.network.min', type: 'MemorySize', default: 64n * MB, fallbackKeys: ['taskmanager.network.memory.min'] }),
  networkMax: opt({ key: 'taskmanager.memory.network.max', type: 'MemorySize', default: LONG_MAX, fallbackKeys: ['taskmanager.network.memory.max'] }),
  networkFraction: opt({ key: 'taskmanager.memory.network.fraction', type: 'Float', default: 0.1, fallbackKeys: ['taskmanager.network.memory.fraction'] }),
  metaspace: opt({ key: 'taskmanager.memory.jvm-metaspace.size', type: 'MemorySize', default: 256n * MB }),
  overheadMin: opt({ key: 'taskmanager.memory.jvm-overhead.min', type: 'MemorySize', default: 192n * MB }),
  overheadMax: opt({ key: 'taskmanager.memory.jvm-overhead.max', type: 'MemorySize', default: 1024n * MB }),
  overheadFraction: opt({ key: 'taskmanager.memory.jvm-overhead.fraction', type: 'Float', default: 0.1 }),
  numSlots: opt({ key: 'taskmanager.numberOfTaskSlots', type: 'Integer', default: 1 }),
  cpuCores: opt({ key: 'taskmanager.cpu.cores', type: 'Double' }),
  segmentSize: opt({ key: 'taskmanager.memory.segment-size', type: 'MemorySize', default: 32n * 1024n }),
  // legacy (Flink 1.x only)
  legacyHeap: opt({ key: 'taskmanager.heap.size', type: 'MemorySize', onlyMajor: 1 }),
  legacyHeapMb: opt({ key: 'taskmanager.heap.mb', type: 'Integer', onlyMajor: 1 }),
  legacyNetworkBuffers: opt({ key: 'taskmanager.network.numberOfBuffers', type: 'Integer', default: 2048, onlyMajor: 1 }),
} as const;

export const JM = {
  totalProcess: opt({ key: 'jobmanager.memory.process.size', type: 'MemorySize' }),
  totalFlink: opt({ key: 'jobmanager.memory.flink.size', type: 'MemorySize' }),
  heap: opt({ key: 'jobmanager.memory.heap.size', type: 'MemorySize' }),
  offHeap: opt({ key: 'jobmanager.memory.off-heap.size', type: 'MemorySize', default: 128n * MB }),
  metaspace: opt({ key: 'jobmanager.memory.jvm-metaspace.size', type: 'MemorySize', default: 256n * MB }),
  overheadMin: opt({ key: 'jobmanager.memory.jvm-overhead.min', type: 'MemorySize', default: 192n * MB }),
  overheadMax: opt({ key: 'jobmanager.memory.jvm-overhead.max', type: 'MemorySize', default: 1024n * MB }),
  overheadFraction: opt({ key: 'jobmanager.memory.jvm-overhead.fraction', type: 'Float', default: 0.1 }),
  directLimit: opt({ key: 'jobmanager.memory.enable-jvm-direct-memory-limit', type: 'Boolean', default: false }),
  legacyHeap: opt({ key: 'jobmanager.heap.size', type: 'MemorySize', onlyMajor: 1 }),
  legacyHeapMb: opt({ key: 'jobmanager.heap.mb', type: 'Integer', onlyMajor: 1 }),
  // read (as a Long, then as "<n>b") only to warn when the heap is smaller than the job store
  // cache, but an unreadable or negative value makes the JobManager fail (JobManagerFlinkMemoryUtils)
  jobStoreCacheSize: opt({ key: 'jobstore.cache-size', type: 'Long', default: 52428800 }),
} as const;

/** Flink 2.3 renamed the job store cache option and kept the old key as its fallback. */
export const JM_JOB_STORE_2_3: OptionDef = opt({ key: 'completed-application-store.cache-size', type: 'Long', default: 52428800, fallbackKeys: ['jobstore.cache-size'] });

/** Every memory option flinkfit models, for did-you-mean and "ignored by this version" checks. */
export const ALL_MEMORY_OPTIONS: readonly OptionDef[] = [...Object.values(TM), ...Object.values(JM)].filter((o) => o.type !== 'Long');

export function optionKnownIn(o: OptionDef, line: FlinkLine): boolean {
  return o.onlyMajor === undefined || o.onlyMajor === majorOf(line);
}

/** Deprecated key -> current key, for the keys each line still honours. */
export function deprecatedKeys(line: FlinkLine): Map<string, string> {
  const m = new Map<string, string>();
  for (const o of ALL_MEMORY_OPTIONS) {
    if (!optionKnownIn(o, line)) continue;
    for (const f of o.fallbackKeys ?? []) m.set(f, o.key);
  }
  return m;
}

const COMMON_MEMORY_KEYS = [
  'taskmanager.memory.framework.heap.size', 'taskmanager.memory.framework.off-heap.size',
  'taskmanager.memory.jvm-metaspace.size', 'taskmanager.memory.jvm-overhead.fraction',
  'taskmanager.memory.jvm-overhead.max', 'taskmanager.memory.jvm-overhead.min',
  'taskmanager.memory.managed.consumer-weights', 'taskmanager.memory.managed.fraction',
  'taskmanager.memory.managed.size', 'taskmanager.memory.segment-size',
  'taskmanager.memory.min-segment-size', 'taskmanager.memory.framework.off-heap.batch-shuffle.size',
  'taskmanager.memory.network.fraction', 'taskmanager.memory.network.max',
  'taskmanager.memory.network.min', 'taskmanager.memory.task.heap.size',
  'taskmanager.memory.task.off-heap.size', 'taskmanager.memory.flink.size',
  'taskmanager.memory.process.size', 'taskmanager.memory.size',
  'jobmanager.memory.enable-jvm-direct-memory-limit', 'jobmanager.memory.heap.size',
  'jobmanager.memory.jvm-metaspace.size', 'jobmanager.memory.jvm-overhead.fraction',
  'jobmanager.memory.jvm-overhead.max', 'jobmanager.memory.jvm-overhead.min',
  'jobmanager.memory.off-heap.size', 'jobmanager.memory.flink.size', 'jobmanager.memory.process.size',
];

/** Every key under taskmanager.memory.* / jobmanager.memory.* that a line defines (../shared/flink-options). */
export function knownMemoryKeys(line: FlinkLine): readonly string[] {
  return majorOf(line) === 2 ? [...COMMON_MEMORY_KEYS, 'taskmanager.memory.starting-segment-size'] : COMMON_MEMORY_KEYS;
}
