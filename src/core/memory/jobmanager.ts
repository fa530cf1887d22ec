// Flink's JobManagerProcessUtils / JobManagerFlinkMemoryUtils: JVM heap and off-heap inside total
// Flink memory, derived from the heap size, from total Flink memory, or from total process memory.
import type { FlinkConfig } from '../config-value.js';
import { JM, JM_JOB_STORE_2_3 } from '../options.js';
import type { FlinkLine } from '../versions.js';
import {
  type Derived,
  type ProcessOptions,
  metaspaceAndOverheadFromFlink,
  totalFlinkFromProcess,
  applyLegacyHeap,
  readSize,
} from './process.js';
import { ConfigReader, MemoryConfigError, add, sz } from './reader.js';
import type { Derivation, JobManagerComponent, JobManagerMemory, JobManagerOutcome } from './types.js';

const JM_PROCESS: ProcessOptions = {
  role: 'JobManager',
  totalProcess: JM.totalProcess,
  totalFlink: JM.totalFlink,
  metaspace: JM.metaspace,
  overheadMin: JM.overheadMin,
  overheadMax: JM.overheadMax,
  overheadFraction: JM.overheadFraction,
};

function fromTotalFlink(r: ConfigReader, totalFlink: bigint, partial: Record<string, Derived>): { heap: Derived; offHeap: Derived } {
  const offHeap = readSize(r, JM.offHeap);
  partial.offHeap = offHeap;
  if (totalFlink <= offHeap.bytes) {
    throw new MemoryConfigError(
      'SUM_EXCEEDS_TOTAL_FLINK',
      [r.contains(JM.totalFlink) ? JM.totalFlink.key : JM.totalProcess.key, JM.offHeap.key, JM.metaspace.key, JM.overheadMin.key],
      `JobManager: total Flink memory ${sz(totalFlink)} is not more than the off-heap memory ${sz(offHeap.bytes)} (${JM.offHeap.key}), leaving no JVM heap.`,
      { totalFlink, offHeap: offHeap.bytes, shortBy: offHeap.bytes - totalFlink + 1n },
    );
  }
  return {
    heap: { bytes: totalFlink - offHeap.bytes, derivation: { kind: 'remainder', of: 'totalFlink', ofBytes: totalFlink, minus: ['offHeap'] } },
    offHeap,
  };
}

/** The job store cache size is read as "<long>b": a value that is not a whole number, or a negative one, fails. */
function checkJobStoreCache(r: ConfigReader): void {
  const o = r.line === '2.3' ? JM_JOB_STORE_2_3 : JM.jobStoreCacheSize;
  const n = r.long(o);
  if (n < 0n) {
    const key = r.sourceKey(o) ?? o.key;
    throw new MemoryConfigError('INVALID_VALUE', [key], `${key} is ${n}; a cache size cannot be negative.`);
  }
}

export function resolveJobManagerConfig(config: FlinkConfig, line: FlinkLine, version: string, trimValues = false): JobManagerOutcome {
  const r = new ConfigReader(config, line, trimValues);
  const notes: string[] = [];
  const partial: Record<string, Derived> = {};
  try {
    const legacy = applyLegacyHeap(r, JM.legacyHeap, JM.legacyHeapMb, JM.heap, notes);
    let heap: Derived;
    let offHeap: Derived;
    let totalFlinkDerivation: Derivation;
    let mo;
    if (r.contains(JM.heap)) {
      heap = { bytes: r.size(JM.heap), derivation: legacy ?? readSize(r, JM.heap).derivation };
      offHeap = readSize(r, JM.offHeap);
      if (r.contains(JM.totalFlink)) {
        const totalFlink = r.size(JM.totalFlink);
        if (heap.bytes > totalFlink) {
          throw new MemoryConfigError(
            'SUM_EXCEEDS_TOTAL_FLINK',
            [JM.heap.key, JM.totalFlink.key],
            `JobManager: the JVM heap ${sz(heap.bytes)} is larger than the total Flink memory ${sz(totalFlink)}; set only one of ${JM.heap.key} and ${JM.totalFlink.key}, or make them agree.`,
            { heap: heap.bytes, totalFlink, shortBy: heap.bytes - totalFlink },
          );
        }
        if (r.contains(JM.offHeap) && totalFlink - heap.bytes !== offHeap.bytes) {
          throw new MemoryConfigError(
            'TOTAL_FLINK_MISMATCH',
            [JM.heap.key, JM.offHeap.key, JM.totalFlink.key],
            `JobManager: JVM heap ${sz(heap.bytes)} plus off-heap ${sz(offHeap.bytes)} is ${sz(heap.bytes + offHeap.bytes)}, but ${JM.totalFlink.key} is ${sz(totalFlink)}; they must agree, or set only the heap or only the total.`,
            { heap: heap.bytes, offHeap: offHeap.bytes, totalFlink },
          );
        }
        offHeap = { bytes: totalFlink - heap.bytes, derivation: { kind: 'remainder', of: 'totalFlink', ofBytes: totalFlink, minus: ['jvmHeap'] } };
        totalFlinkDerivation = { kind: 'explicit', key: JM.totalFlink.key };
      } else {
        totalFlinkDerivation = { kind: 'sum', of: ['jvmHeap', 'offHeap'] };
      }
      mo = metaspaceAndOverheadFromFlink(r, JM_PROCESS, add(heap.bytes, offHeap.bytes));
    } else if (r.contains(JM.totalFlink)) {
      const totalFlink = r.size(JM.totalFlink);
      ({ heap, offHeap } = fromTotalFlink(r, totalFlink, partial));
      totalFlinkDerivation = { kind: 'explicit', key: JM.totalFlink.key };
      mo = metaspaceAndOverheadFromFlink(r, JM_PROCESS, totalFlink);
    } else if (r.contains(JM.totalProcess)) {
      const fromProcess = totalFlinkFromProcess(r, JM_PROCESS, partial);
      mo = fromProcess.mo;
      totalFlinkDerivation = fromProcess.derivation;
      const totalFlink = fromProcess.totalFlink;
      ({ heap, offHeap } = fromTotalFlink(r, totalFlink, partial));
    } else {
      throw new MemoryConfigError(
        'NOT_CONFIGURED',
        [JM.totalProcess.key, JM.totalFlink.key, JM.heap.key],
        `JobManager memory is not configured: set ${JM.totalProcess.key} (recommended), or ${JM.totalFlink.key}, or ${JM.heap.key}.`,
      );
    }
    checkJobStoreCache(r);
    const totalFlink = add(heap.bytes, offHeap.bytes);
    const memory: JobManagerMemory = {
      jvmHeap: heap.bytes,
      offHeap: offHeap.bytes,
      jvmMetaspace: mo.metaspace.bytes,
      jvmOverhead: mo.overhead.bytes,
      totalFlink,
      totalProcess: add(totalFlink, mo.metaspace.bytes, mo.overhead.bytes),
    };
    const derivations: Record<JobManagerComponent, Derivation> = {
      jvmHeap: heap.derivation,
      offHeap: offHeap.derivation,
      jvmMetaspace: mo.metaspace.derivation,
      jvmOverhead: mo.overhead.derivation,
      totalFlink: totalFlinkDerivation,
      totalProcess: r.contains(JM.totalProcess)
        ? { kind: 'explicit', key: JM.totalProcess.key }
        : { kind: 'sum', of: ['totalFlink', 'jvmMetaspace', 'jvmOverhead'] },
    };
    const direct = r.bool(JM.directLimit) ? ` -XX:MaxDirectMemorySize=${memory.offHeap}` : '';
    return {
      ok: true,
      flinkVersion: version,
      memory,
      derivations,
      jvmArgs: `-Xmx${memory.jvmHeap} -Xms${memory.jvmHeap}${direct} -XX:MaxMetaspaceSize=${memory.jvmMetaspace}`,
      dynamicConfigs: [
        [JM.offHeap.key, memory.offHeap],
        [JM.overheadMin.key, memory.jvmOverhead],
        [JM.metaspace.key, memory.jvmMetaspace],
        [JM.heap.key, memory.jvmHeap],
        [JM.overheadMax.key, memory.jvmOverhead],
      ]
        .map(([k, v]) => `-D ${k}=${v}b`)
        .join(' '),
      notes,
    };
  } catch (e) {
    if (e instanceof MemoryConfigError) {
      return { ok: false, flinkVersion: version, code: e.code, keys: e.keys, message: e.message, numbers: e.numbers, partial };
    }
    throw e;
  }
}
