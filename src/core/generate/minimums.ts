// The practical minimums `flinkfit generate` sizes Flink's processes with (TaskExecutorProcessUtils /
// JobManagerProcessUtils components), each with the Flink option that overrides it and its basis.
// One table, so docs/generate.md and the code cannot drift apart (a test compares them).
import type { StateBackendChoice } from './types.js';

const MiB = 1024n * 1024n;

export type MinimumId =
  | 'JM_HEAP'
  | 'JM_OFF_HEAP'
  | 'JM_METASPACE'
  | 'JM_OVERHEAD'
  | 'TM_FRAMEWORK_HEAP'
  | 'TM_FRAMEWORK_OFF_HEAP'
  | 'TM_TASK_HEAP'
  | 'TM_NETWORK'
  | 'TM_MANAGED'
  | 'TM_METASPACE'
  | 'TM_OVERHEAD';

export interface MinimumSource {
  title: string;
  url: string;
}

export interface MinimumInfo {
  role: 'jobmanager' | 'taskmanager';
  /** the component, as Flink's memory model names it */
  component: string;
  /** the option a `-D` sets to override the minimum */
  key: string;
  /** the minimum, in words (a formula when it depends on slots) */
  rule: string;
  /** why: what runs out below it, with the number it rests on */
  basis: string;
  sources: MinimumSource[];
}

/** What a minimum depends on. */
export interface SizingContext {
  taskManagers: number;
  slots: number;
  stateBackend: StateBackendChoice;
  /** taskmanager.memory.segment-size: one network buffer (32 KiB unless set) */
  segmentSize: bigint;
}

const DOCS = 'https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment';
const SRC = 'https://github.com/apache/flink/blob/master';

/** Network exchanges (keyBy, rebalance, …) one job is assumed to have between its chained tasks. */
export const NETWORK_EXCHANGES = 4;

export const MINIMUMS: Record<MinimumId, MinimumInfo> = {
  JM_HEAP: {
    role: 'jobmanager',
    component: 'JVM heap',
    key: 'jobmanager.memory.heap.size',
    rule: '128 MiB',
    basis:
      'JobManagerOptions.MIN_JVM_HEAP_SIZE is 128 MiB; JobManagerFlinkMemoryUtils logs "less than its recommended minimum value" below it, and the option\'s description calls it the minimum recommended JVM heap.',
    sources: [
      { title: 'JobManagerOptions.MIN_JVM_HEAP_SIZE', url: `${SRC}/flink-core/src/main/java/org/apache/flink/configuration/JobManagerOptions.java` },
      { title: 'Set up JobManager Memory', url: `${DOCS}/memory/mem_setup_jobmanager/` },
    ],
  },
  JM_OFF_HEAP: {
    role: 'jobmanager',
    component: 'off-heap',
    key: 'jobmanager.memory.off-heap.size',
    rule: '32 MiB',
    basis:
      'Direct and native memory of the JobManager: Netty buffers of RPC, REST and blob server. Flink does not limit the JobManager\'s direct memory unless jobmanager.memory.enable-jvm-direct-memory-limit is set, so this is accounting; Netty\'s pooled allocator takes 4 MiB chunks, one arena per core on a small machine. Flink\'s default is 128 MiB.',
    sources: [{ title: 'Set up JobManager Memory: Configure off-heap memory', url: `${DOCS}/memory/mem_setup_jobmanager/#configure-off-heap-memory` }],
  },
  JM_METASPACE: {
    role: 'jobmanager',
    component: 'JVM metaspace',
    key: 'jobmanager.memory.jvm-metaspace.size',
    rule: '96 MiB',
    basis:
      'Flink\'s own classes (runtime, RPC, REST and web UI) plus a small job jar. 96 MiB was the TaskManager default of Flink 1.10 (FLIP-49); FLINK-16406 raised the defaults to 256 MiB because jobs with many or large user jars ran out (OutOfMemoryError: Metaspace). SQL and connector-heavy jobs need more.',
    sources: [
      { title: 'FLINK-16406: Increase default value for JVM Metaspace', url: 'https://github.com/apache/flink/pull/11300' },
      { title: 'Memory troubleshooting: OutOfMemoryError: Metaspace', url: `${DOCS}/memory/mem_trouble/#outofmemoryerror-metaspace` },
    ],
  },
  JM_OVERHEAD: {
    role: 'jobmanager',
    component: 'JVM overhead',
    key: 'jobmanager.memory.jvm-overhead.min',
    rule: '64 MiB',
    basis:
      'Native memory the JVM itself needs: thread stacks, code cache, garbage-collector structures, symbol tables. Flink\'s default floor of 192 MiB is 10% of a GiB-sized process; for a heap of a few hundred MiB these add up to roughly 50-70 MiB. This is an estimate, not a measurement: raise it if the container is OOM-killed.',
    sources: [{ title: 'Flink memory model: JVM Overhead', url: `${DOCS}/memory/mem_setup/#capped-fractionated-components` }],
  },
  TM_FRAMEWORK_HEAP: {
    role: 'taskmanager',
    component: 'framework heap',
    key: 'taskmanager.memory.framework.heap.size',
    rule: '128 MiB (Flink\'s default)',
    basis:
      'Kept at Flink\'s default: the docs advise not to change framework memory without a reason, and it costs nothing to keep, since framework heap and task heap are one JVM heap (-Xmx is their sum). With the task heap minimum the TaskManager heap is at least 160 MiB, above the 128 MiB Flink recommends for a JobManager.',
    sources: [{ title: 'Set up TaskManager Memory: Framework Memory', url: `${DOCS}/memory/mem_setup_tm/#framework-memory` }],
  },
  TM_FRAMEWORK_OFF_HEAP: {
    role: 'taskmanager',
    component: 'framework off-heap',
    key: 'taskmanager.memory.framework.off-heap.size',
    rule: '32 MiB',
    basis:
      'Direct memory of Flink itself in the TaskManager: Netty\'s arenas for RPC and the shuffle headers (4 MiB chunks). Part of -XX:MaxDirectMemorySize. Flink\'s default is 128 MiB. Enough for streaming jobs; batch jobs with sort-shuffle also take taskmanager.memory.framework.off-heap.batch-shuffle.size (64 MiB) from it, which must be smaller, so give batch jobs 128 MiB.',
    sources: [
      { title: 'Set up TaskManager Memory: Framework Memory', url: `${DOCS}/memory/mem_setup_tm/#framework-memory` },
      { title: 'TaskManagerOptions.NETWORK_BATCH_SHUFFLE_READ_MEMORY', url: `${SRC}/flink-core/src/main/java/org/apache/flink/configuration/TaskManagerOptions.java` },
    ],
  },
  TM_TASK_HEAP: {
    role: 'taskmanager',
    component: 'task heap',
    key: 'taskmanager.memory.task.heap.size',
    rule: '32 MiB per slot',
    basis:
      'The operators\' objects and, with the hashmap state backend, the state itself. flinkfit\'s own floor for a job with little state; with hashmap every spare MiB goes here anyway.',
    sources: [{ title: 'Set up TaskManager Memory: Task (Operator) Heap Memory', url: `${DOCS}/memory/mem_setup_tm/#task-operator-heap-memory` }],
  },
  TM_NETWORK: {
    role: 'taskmanager',
    component: 'network',
    key: 'taskmanager.memory.network.min',
    rule: `slots × ${NETWORK_EXCHANGES} exchanges × ((2P + 8) + (P + 1)) buffers of 32 KiB, P = TaskManagers × slots, rounded up to whole MiB`,
    basis:
      'Each network exchange of a streaming job needs, per slot, an input gate of 2 exclusive buffers per channel plus 8 floating ones (taskmanager.network.memory.buffers-per-channel, .floating-buffers-per-gate) and an output partition of at least one buffer per subpartition plus one; a task fails with "Insufficient number of network buffers" without them. Sized for 4 exchanges at full parallelism. Batch jobs with sort-shuffle need far more (taskmanager.network.sort-shuffle.min-buffers, 512).',
    sources: [
      { title: 'Network memory tuning guide', url: `${DOCS}/memory/network_mem_tuning/` },
      { title: 'NettyShuffleUtils / GateBuffersSpec (required buffers per gate and partition)', url: `${SRC}/flink-runtime/src/main/java/org/apache/flink/runtime/shuffle/NettyShuffleUtils.java` },
    ],
  },
  TM_MANAGED: {
    role: 'taskmanager',
    component: 'managed',
    key: 'taskmanager.memory.managed.size',
    rule: 'RocksDB: 32 MiB per slot; hashmap: 0',
    basis:
      'RocksDB\'s block cache and memtables live in managed memory, one share per slot. Flink sizes the write buffer manager at 2·M·r/(3−r) of a slot\'s share M (r = write-buffer-ratio 0.5) and warns "RocksDB will flush memtable constantly" when its mutable limit (7/8 of that) is below the 8 MiB arena block of a 64 MiB write buffer, i.e. below 23 MiB per slot; 32 MiB leaves room. The hashmap backend keeps state on the heap and uses none.',
    sources: [
      { title: 'RocksDBMemoryControllerUtils / RocksDBOperationUtils.sanityCheckArenaBlockSize', url: `${SRC}/flink-state-backends/flink-statebackend-rocksdb/src/main/java/org/apache/flink/state/rocksdb/RocksDBMemoryControllerUtils.java` },
      { title: 'Memory tuning: RocksDB state backend', url: `${DOCS}/memory/mem_tuning/#rocksdb-state-backend` },
    ],
  },
  TM_METASPACE: {
    role: 'taskmanager',
    component: 'JVM metaspace',
    key: 'taskmanager.memory.jvm-metaspace.size',
    rule: '96 MiB',
    basis:
      '96 MiB was the TaskManager default of Flink 1.10 (FLIP-49), enough for Flink\'s classes and a small job jar; FLINK-16406 raised it to 256 MiB because jobs with many or large user jars hit OutOfMemoryError: Metaspace. Connector- or SQL-heavy jobs need more.',
    sources: [
      { title: 'FLINK-16406: Increase default value for JVM Metaspace', url: 'https://github.com/apache/flink/pull/11300' },
      { title: 'Memory troubleshooting: OutOfMemoryError: Metaspace', url: `${DOCS}/memory/mem_trouble/#outofmemoryerror-metaspace` },
    ],
  },
  TM_OVERHEAD: {
    role: 'taskmanager',
    component: 'JVM overhead',
    key: 'taskmanager.memory.jvm-overhead.min',
    rule: '64 MiB; 96 MiB with RocksDB',
    basis:
      'Native memory the JVM needs besides heap, direct memory and metaspace (thread stacks, code cache, GC structures), about 50-70 MiB for a small heap; Flink\'s default floor of 192 MiB is 10% of a GiB-sized process. RocksDB also allocates a little native memory outside its managed budget (index and filter blocks, pinned iterators), hence 32 MiB more. An estimate: raise it if the container is OOM-killed.',
    sources: [
      { title: 'Flink memory model: JVM Overhead', url: `${DOCS}/memory/mem_setup/#capped-fractionated-components` },
      { title: 'Memory tuning: RocksDB state backend', url: `${DOCS}/memory/mem_tuning/#rocksdb-state-backend` },
    ],
  },
};

export const MINIMUM_IDS = Object.keys(MINIMUMS) as MinimumId[];

/** The number of network buffers one TaskManager is sized for (see TM_NETWORK). */
export function networkBuffers(ctx: Pick<SizingContext, 'taskManagers' | 'slots'>): bigint {
  const p = BigInt(ctx.taskManagers) * BigInt(ctx.slots);
  const perExchange = 2n * p + 8n + (p + 1n);
  return BigInt(ctx.slots) * BigInt(NETWORK_EXCHANGES) * perExchange;
}

function roundUpMiB(bytes: bigint): bigint {
  return ((bytes + MiB - 1n) / MiB) * MiB;
}

/** The minimum of a component for this cluster shape, in bytes (whole MiB). */
export function minimumBytes(id: MinimumId, ctx: SizingContext): bigint {
  const rocks = ctx.stateBackend === 'rocksdb';
  switch (id) {
    case 'JM_HEAP':
      return 128n * MiB;
    case 'JM_OFF_HEAP':
      return 32n * MiB;
    case 'JM_METASPACE':
      return 96n * MiB;
    case 'JM_OVERHEAD':
      return 64n * MiB;
    case 'TM_FRAMEWORK_HEAP':
      return 128n * MiB;
    case 'TM_FRAMEWORK_OFF_HEAP':
      return 32n * MiB;
    case 'TM_TASK_HEAP':
      return 32n * MiB * BigInt(ctx.slots);
    case 'TM_NETWORK':
      return roundUpMiB(networkBuffers(ctx) * ctx.segmentSize);
    case 'TM_MANAGED':
      return rocks ? 32n * MiB * BigInt(ctx.slots) : 0n;
    case 'TM_METASPACE':
      return 96n * MiB;
    case 'TM_OVERHEAD':
      return (rocks ? 96n : 64n) * MiB;
  }
}

/**
 * The "standard" size of the fixed parts: Flink's own defaults (framework memory, metaspace, the
 * overhead's 192 MiB floor) and a 256 MiB JobManager heap. Used when they take at most half of
 * what the machine leaves for Flink; the workload's parts (task heap, network, managed) keep their
 * minimums and get the rest.
 */
export function standardBytes(id: MinimumId, ctx: SizingContext): bigint {
  switch (id) {
    case 'JM_HEAP':
      return 256n * MiB;
    case 'JM_OFF_HEAP':
    case 'TM_FRAMEWORK_OFF_HEAP':
    case 'TM_FRAMEWORK_HEAP':
      return 128n * MiB;
    case 'JM_METASPACE':
    case 'TM_METASPACE':
      return 256n * MiB;
    case 'JM_OVERHEAD':
    case 'TM_OVERHEAD':
      return 192n * MiB;
    default:
      return minimumBytes(id, ctx);
  }
}

export type Tier = 'minimum' | 'standard';

export function tierBytes(id: MinimumId, tier: Tier, ctx: SizingContext): bigint {
  return tier === 'standard' ? standardBytes(id, ctx) : minimumBytes(id, ctx);
}
