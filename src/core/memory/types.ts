// The public result types of the memory model: what Flink's TaskExecutorProcessUtils and
// JobManagerProcessUtils compute, with the derivation of every component.

/** How one component got its size: the option behind it and the arithmetic. */
export type Derivation =
  | { kind: 'explicit'; key: string; viaKey?: string } // set by `key` (viaKey: the deprecated/legacy key actually used)
  | { kind: 'default'; key: string } // the option's default
  | {
      kind: 'fraction';
      key: string; // the fraction option
      fraction: number; // as Flink uses it (a 32-bit float widened to double)
      of: string; // name of the total it is a fraction of (e.g. 'totalFlink')
      ofBytes: bigint;
      raw: bigint; // fraction x total, truncated to bytes
      min: bigint;
      max: bigint;
      clamped: 'min' | 'max' | null;
      minKey: string;
      maxKey: string;
    }
  | { kind: 'inverseFraction'; key: string; fraction: number; of: string; ofBytes: bigint; raw: bigint; min: bigint; max: bigint; clamped: 'min' | 'max' | null; minKey: string; maxKey: string }
  | { kind: 'remainder'; of: string; ofBytes: bigint; minus: string[] } // total minus other parts
  | { kind: 'sum'; of: string[] } // sum of components
  | { kind: 'legacy'; key: string; note: string } // a legacy option interpreted a special way
  | { kind: 'derived'; note: string };

export interface TaskManagerMemory {
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
  jvmHeap: bigint;
  jvmDirect: bigint;
}
export type TaskManagerComponent = keyof TaskManagerMemory;

export interface JobManagerMemory {
  jvmHeap: bigint;
  offHeap: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
}
export type JobManagerComponent = keyof JobManagerMemory;

/** Stable codes for why Flink refuses a memory configuration. */
export type MemoryErrorCode =
  | 'INVALID_VALUE' // a value that is not a size / number / boolean of the option's type
  | 'INVALID_FRACTION' // fraction outside [0, 1) or min > max for a range
  | 'NOT_CONFIGURED' // none of the required options set
  | 'SUM_EXCEEDS_TOTAL_FLINK' // explicit components exceed total Flink memory
  | 'TOTAL_FLINK_MISMATCH' // explicit components do not add up to the configured total Flink memory
  | 'SUM_EXCEEDS_TOTAL_PROCESS' // metaspace + overhead exceed process memory, etc.
  | 'TOTAL_PROCESS_MISMATCH'
  | 'DERIVED_OUT_OF_RANGE' // a derived fraction-based component falls outside its min/max
  | 'NETWORK_CONFLICT' // legacy network buffers vs new options
  | 'OVERFLOW' // sizes beyond 2^63-1
  | 'UNSUPPORTED_VERSION' // the Flink version asked for is not modelled
  | 'INVALID_ARGUMENT'; // a library call given something other than a config record / options

export interface MemoryError {
  ok: false;
  code: MemoryErrorCode;
  /** the Flink keys involved, most relevant first */
  keys: string[];
  /** a plain-words message with the numbers */
  message: string;
  /** sizes relevant to the failure, by name (bytes) */
  numbers?: Record<string, bigint>;
  /** the components Flink had already derived when it gave up, with how (for explaining) */
  partial?: Record<string, { bytes: bigint; derivation: Derivation }>;
}

export interface TaskManagerResult {
  ok: true;
  flinkVersion: string;
  memory: TaskManagerMemory;
  cpuCores: string;
  numSlots: number;
  derivations: Record<TaskManagerComponent, Derivation>;
  jvmArgs: string;
  dynamicConfigs: string;
  /** notes such as deprecated keys that were honoured */
  notes: string[];
}

export interface JobManagerResult {
  ok: true;
  flinkVersion: string;
  memory: JobManagerMemory;
  derivations: Record<JobManagerComponent, Derivation>;
  jvmArgs: string;
  dynamicConfigs: string;
  notes: string[];
}

export type TaskManagerOutcome = TaskManagerResult | (MemoryError & { flinkVersion: string });
export type JobManagerOutcome = JobManagerResult | (MemoryError & { flinkVersion: string });

export interface ResolveOptions {
  /** "1.20", "1.20.3", "2.2"… ; the newest supported line when omitted */
  flinkVersion?: string;
}

/** How each component (and the totals derivations refer to) is called in words. */
export const COMPONENT_NAMES: Readonly<Record<string, string>> = {
  frameworkHeap: 'framework heap',
  frameworkOffHeap: 'framework off-heap',
  taskHeap: 'task heap',
  taskOffHeap: 'task off-heap',
  network: 'network',
  managed: 'managed',
  jvmMetaspace: 'JVM metaspace',
  jvmOverhead: 'JVM overhead',
  totalFlink: 'total Flink',
  totalProcess: 'total process',
  jvmHeap: 'JVM heap',
  jvmDirect: 'JVM direct',
  offHeap: 'off-heap',
  'totalFlink + jvmMetaspace': 'total Flink + metaspace',
  'the other Flink memory parts': 'the other Flink parts',
};
