// The memory model path by path (TaskExecutorProcessUtils / JobManagerProcessUtils), with every
// expected number worked out by hand in the comments. Conventions used below:
//   Mi = 1048576. Fractions are Flink Float options: 0.1 is used as 0.10000000149011612, 0.4 as
//   0.4000000059604645, 0.2 as 0.20000000298023224. MemorySize.multiply(double) takes the exact
//   decimal product of bytes and Double.toString(m) and truncates it to whole bytes.
//   An inverse fraction ("x is f of base + x") multiplies by f / (1 - f): for 0.1 that is
//   0.10000000149011612 / 0.8999999985098839 = 0.11111111295076065.
//   Defaults: framework heap 128Mi, framework off-heap 128Mi, task off-heap 0, metaspace 256Mi,
//   overhead 0.1 in [192Mi, 1Gi], network 0.1 in [64Mi, 2^63-1], managed 0.4, JM off-heap 128Mi.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConfigValue } from '../src/core/config-value.js';
import { resolveJobManager, resolveTaskManager } from '../src/core/memory/index.js';
import type {
  JobManagerMemory,
  JobManagerResult,
  MemoryError,
  MemoryErrorCode,
  TaskManagerMemory,
  TaskManagerResult,
} from '../src/core/memory/types.js';
import { ALL_MEMORY_OPTIONS } from '../src/core/options.js';
import { FLINK_LINES } from '../src/core/versions.js';

const Mi = 1048576n;
const LONG_MAX = 2n ** 63n - 1n;
const V1 = ['1.18', '1.19', '1.20'] as const;
const V2 = ['2.0', '2.1', '2.2', '2.3'] as const;

type Config = Record<string, ConfigValue>;

function tm(config: Config, flinkVersion?: string): TaskManagerResult {
  const r = resolveTaskManager(config, { flinkVersion });
  if (!r.ok) throw new Error(`expected the TaskManager config to resolve, got ${r.code}: ${r.message}`);
  return r;
}
function jm(config: Config, flinkVersion?: string): JobManagerResult {
  const r = resolveJobManager(config, { flinkVersion });
  if (!r.ok) throw new Error(`expected the JobManager config to resolve, got ${r.code}: ${r.message}`);
  return r;
}
function tmErr(config: Config, flinkVersion?: string): MemoryError {
  const r = resolveTaskManager(config, { flinkVersion });
  if (r.ok) throw new Error(`expected the TaskManager config to be refused, got ${JSON.stringify(r.memory, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  return r;
}
function jmErr(config: Config, flinkVersion?: string): MemoryError {
  const r = resolveJobManager(config, { flinkVersion });
  if (r.ok) throw new Error(`expected the JobManager config to be refused, got ${JSON.stringify(r.memory, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`);
  return r;
}
function expectRefusal(e: MemoryError, code: MemoryErrorCode, keys: string[], numbers: Array<bigint | string>): void {
  expect(e.code, e.message).toBe(code);
  for (const k of keys) expect(e.keys, e.message).toContain(k);
  for (const n of numbers) expect(e.message).toContain(String(n));
}

/** The TaskManager parts; the sums (totals, JVM heap and direct) follow from them. */
function tmMemory(p: Omit<TaskManagerMemory, 'totalFlink' | 'totalProcess' | 'jvmHeap' | 'jvmDirect'>): TaskManagerMemory {
  const totalFlink = p.frameworkHeap + p.frameworkOffHeap + p.taskHeap + p.taskOffHeap + p.network + p.managed;
  return {
    ...p,
    totalFlink,
    totalProcess: totalFlink + p.jvmMetaspace + p.jvmOverhead,
    jvmHeap: p.frameworkHeap + p.taskHeap,
    jvmDirect: p.frameworkOffHeap + p.taskOffHeap + p.network,
  };
}

// process 1728m (Flink's default flink-conf.yaml), worked out once and reused:
//   overhead  = 1811939328 x 0.10000000149011612 = 181193935.5 < 192Mi -> clamped to 201326592
//   totalFlink = 1811939328 - 268435456 - 201326592 = 1342177280 (1280Mi)
//   managed   = 1342177280 x 0.4000000059604645 = 536870920.00000003 -> 536870920 (not 512Mi)
//   network   = 1342177280 x 0.10000000149011612 = 134217730.0... -> 134217730 (not 128Mi)
//   task heap = 1342177280 - 134217728 - 134217728 - 0 - 536870920 - 134217730 = 402653174
const TM_1728M = tmMemory({
  frameworkHeap: 134217728n,
  frameworkOffHeap: 134217728n,
  taskHeap: 402653174n,
  taskOffHeap: 0n,
  network: 134217730n,
  managed: 536870920n,
  jvmMetaspace: 268435456n,
  jvmOverhead: 201326592n,
});
const P1728 = { 'taskmanager.memory.process.size': '1728m' };

describe('TaskManager: derived from total process memory', () => {
  it('1728m: managed 536870920 and network 134217730 because 0.4f and 0.1f are not 0.4 and 0.1', () => {
    for (const v of FLINK_LINES) {
      const r = tm(P1728, v);
      expect(r.memory, v).toEqual(TM_1728M);
      expect(r.memory.totalProcess).toBe(1728n * Mi);
      expect(r.memory.totalFlink).toBe(1280n * Mi);
      expect(r.memory.jvmHeap).toBe(536870902n); // 134217728 + 402653174
      expect(r.memory.jvmDirect).toBe(268435458n); // 134217728 + 0 + 134217730
      expect(r.cpuCores).toBe('1.0');
      expect(r.numSlots).toBe(1);
    }
  });

  it('1728m: JVM flags and -D list exactly as Flink prints them (flink-2.3.jsonl row 2)', () => {
    const r = tm(P1728);
    expect(r.jvmArgs).toBe('-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456');
    expect(r.dynamicConfigs).toBe(
      '-D taskmanager.memory.network.min=134217730b -D taskmanager.cpu.cores=1.0 -D taskmanager.memory.task.off-heap.size=0b ' +
        '-D taskmanager.memory.jvm-metaspace.size=268435456b -D external-resources=none -D taskmanager.memory.jvm-overhead.min=201326592b ' +
        '-D taskmanager.memory.framework.off-heap.size=134217728b -D taskmanager.memory.network.max=134217730b ' +
        '-D taskmanager.memory.framework.heap.size=134217728b -D taskmanager.memory.managed.size=536870920b ' +
        '-D taskmanager.memory.task.heap.size=402653174b -D taskmanager.numberOfTaskSlots=1 -D taskmanager.memory.jvm-overhead.max=201326592b',
    );
  });

  it('1728m: each number says where it came from', () => {
    const d = tm(P1728).derivations;
    expect(d.totalProcess).toEqual({ kind: 'explicit', key: 'taskmanager.memory.process.size' });
    expect(d.jvmOverhead).toMatchObject({ kind: 'fraction', raw: 181193935n, clamped: 'min', min: 201326592n, max: 1073741824n });
    expect(d.totalFlink).toMatchObject({ kind: 'remainder', of: 'totalProcess', ofBytes: 1811939328n });
    expect(d.managed).toMatchObject({ kind: 'fraction', key: 'taskmanager.memory.managed.fraction', fraction: 0.4000000059604645, raw: 536870920n, clamped: null });
    expect(d.network).toMatchObject({ kind: 'fraction', key: 'taskmanager.memory.network.fraction', fraction: 0.10000000149011612, raw: 134217730n, clamped: null });
    expect(d.taskHeap).toMatchObject({ kind: 'remainder', of: 'totalFlink' });
    expect(d.frameworkHeap).toEqual({ kind: 'default', key: 'taskmanager.memory.framework.heap.size' });
    expect(d.jvmHeap).toEqual({ kind: 'sum', of: ['frameworkHeap', 'taskHeap'] });
  });

  it('4g: overhead inside its range is the plain fraction', () => {
    // overhead  = 4294967296 x 0.10000000149011612 = 429496736.0 (in [192Mi, 1Gi])
    // totalFlink = 4294967296 - 268435456 - 429496736 = 3597035104
    // managed   = 3597035104 x 0.4000000059604645 = 1438814063.04 -> 1438814063
    // network   = 3597035104 x 0.10000000149011612 = 359703515.76 -> 359703515
    // task heap = 3597035104 - 2 x 134217728 - 1438814063 - 359703515 = 1530082070
    const r = tm({ 'taskmanager.memory.process.size': '4g' });
    expect(r.memory).toEqual(
      tmMemory({ frameworkHeap: 134217728n, frameworkOffHeap: 134217728n, taskHeap: 1530082070n, taskOffHeap: 0n, network: 359703515n, managed: 1438814063n, jvmMetaspace: 268435456n, jvmOverhead: 429496736n }),
    );
    expect(r.derivations.jvmOverhead).toMatchObject({ kind: 'fraction', clamped: null });
  });

  it('16g: overhead clamped to its max of 1Gi', () => {
    // overhead raw = 17179869184 x 0.10000000149011612 = 1717986944.0 > 1Gi -> 1073741824
    // totalFlink = 17179869184 - 268435456 - 1073741824 = 15837691904
    const r = tm({ 'taskmanager.memory.process.size': '16g' });
    expect(r.memory.jvmOverhead).toBe(1073741824n);
    expect(r.memory.totalFlink).toBe(15837691904n);
    expect(r.derivations.jvmOverhead).toMatchObject({ raw: 1717986944n, clamped: 'max' });
  });

  it('network clamped to its min', () => {
    // network raw 134217730 < min 200Mi = 209715200 -> 209715200
    // task heap = 1342177280 - 268435456 - 536870920 - 209715200 = 327155704
    const r = tm({ ...P1728, 'taskmanager.memory.network.min': '200m' });
    expect(r.memory).toEqual({ ...TM_1728M, network: 209715200n, taskHeap: 327155704n, jvmHeap: 461373432n, jvmDirect: 343932928n });
    expect(r.derivations.network).toMatchObject({ raw: 134217730n, clamped: 'min', minKey: 'taskmanager.memory.network.min' });
  });

  it('network clamped to its max', () => {
    // network raw 134217730 > max 100Mi = 104857600 -> 104857600
    // task heap = 1342177280 - 268435456 - 536870920 - 104857600 = 432013304
    const r = tm({ ...P1728, 'taskmanager.memory.network.max': '100m' });
    expect(r.memory).toEqual({ ...TM_1728M, network: 104857600n, taskHeap: 432013304n, jvmHeap: 566231032n, jvmDirect: 239075328n });
    expect(r.derivations.network).toMatchObject({ clamped: 'max', maxKey: 'taskmanager.memory.network.max' });
  });

  it('slots and CPU cores', () => {
    // cpu cores default to the number of slots; an explicit value prints as Java's Double.toString
    expect(tm({ ...P1728, 'taskmanager.numberOfTaskSlots': '4' })).toMatchObject({ numSlots: 4, cpuCores: '4.0' });
    expect(tm({ ...P1728, 'taskmanager.numberOfTaskSlots': '4', 'taskmanager.cpu.cores': '2.5' })).toMatchObject({ numSlots: 4, cpuCores: '2.5' });
    expect(tm({ ...P1728, 'taskmanager.cpu.cores': '1e0' }).cpuCores).toBe('1.0');
  });
});

describe('TaskManager: derived from total Flink memory', () => {
  it('flink.size 1280m gives the 1728m layout, overhead by inverse fraction', () => {
    // overhead raw = (1342177280 + 268435456) x 0.11111111295076065 = 178956973.6 < 192Mi -> 201326592
    // process = 1342177280 + 268435456 + 201326592 = 1811939328 = 1728Mi
    for (const v of FLINK_LINES) {
      const r = tm({ 'taskmanager.memory.flink.size': '1280m' }, v);
      expect(r.memory, v).toEqual(TM_1728M);
      expect(r.derivations.jvmOverhead).toMatchObject({ kind: 'inverseFraction', raw: 178956973n, clamped: 'min' });
      expect(r.derivations.totalFlink).toEqual({ kind: 'explicit', key: 'taskmanager.memory.flink.size' });
      expect(r.derivations.totalProcess).toEqual({ kind: 'sum', of: ['totalFlink', 'jvmMetaspace', 'jvmOverhead'] });
    }
  });

  it('flink.size with process.size: overhead is what is left, and must be in range', () => {
    // overhead = 2g - 1280Mi - 256Mi = 512Mi, inside [192Mi, 1Gi]
    const r = tm({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.process.size': '2g' });
    expect(r.memory.jvmOverhead).toBe(512n * Mi);
    expect(r.memory.totalProcess).toBe(2048n * Mi);
    expect(r.derivations.jvmOverhead).toMatchObject({ kind: 'remainder', of: 'totalProcess' });
  });

  it('flink.size and task heap: managed by fraction, network the remainder', () => {
    // managed = 1342177280 x 0.4000000059604645 -> 536870920
    // network = 1342177280 - 134217728 - 134217728 - 419430400 - 0 - 536870920 = 117440504 (>= 64Mi: ok)
    const r = tm({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '400m' });
    expect(r.memory).toEqual(
      tmMemory({ frameworkHeap: 134217728n, frameworkOffHeap: 134217728n, taskHeap: 419430400n, taskOffHeap: 0n, network: 117440504n, managed: 536870920n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n }),
    );
    expect(r.derivations.network).toMatchObject({ kind: 'remainder', of: 'totalFlink' });
    expect(r.derivations.taskHeap).toEqual({ kind: 'explicit', key: 'taskmanager.memory.task.heap.size' });
  });
});

describe('TaskManager: derived from task heap and managed memory', () => {
  it('task heap 512m + managed 512m: network by inverse fraction', () => {
    // without network = 128Mi + 128Mi + 512Mi + 0 + 512Mi = 1342177280
    // network = 1342177280 x 0.11111111295076065 = 149130811.36 -> 149130811 (in [64Mi, max])
    // totalFlink = 1342177280 + 149130811 = 1491308091
    // overhead raw = (1491308091 + 268435456) x 0.11111111295076065 = 195527064.02 < 192Mi -> 201326592
    // process = 1491308091 + 268435456 + 201326592 = 1961070139
    for (const v of FLINK_LINES) {
      const r = tm({ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.managed.size': '512m' }, v);
      expect(r.memory, v).toEqual(
        tmMemory({ frameworkHeap: 134217728n, frameworkOffHeap: 134217728n, taskHeap: 536870912n, taskOffHeap: 0n, network: 149130811n, managed: 536870912n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n }),
      );
      expect(r.memory.totalFlink).toBe(1491308091n);
      expect(r.memory.totalProcess).toBe(1961070139n);
      expect(r.derivations.network).toMatchObject({ kind: 'inverseFraction', raw: 149130811n, clamped: null });
      expect(r.derivations.totalFlink).toMatchObject({ kind: 'sum' });
    }
  });

  it('task heap + managed + total Flink: network the remainder, inside its range', () => {
    // network = 1280Mi - (128 + 128 + 400 + 0 + 512)Mi = 112Mi = 117440512, in [64Mi, max]
    const r = tm({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '400m', 'taskmanager.memory.managed.size': '512m' });
    expect(r.memory).toEqual(
      tmMemory({ frameworkHeap: 134217728n, frameworkOffHeap: 134217728n, taskHeap: 419430400n, taskOffHeap: 0n, network: 117440512n, managed: 536870912n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n }),
    );
    expect(r.derivations.network).toMatchObject({ kind: 'remainder', of: 'totalFlink', ofBytes: 1342177280n });
  });

  it('task heap + managed + total Flink: remainder below the network min is refused', () => {
    // network = 1280Mi - (128 + 128 + 500 + 512)Mi = 12Mi = 12582912 < 64Mi = 67108864
    const e = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '500m', 'taskmanager.memory.managed.size': '512m' });
    expectRefusal(e, 'DERIVED_OUT_OF_RANGE', ['taskmanager.memory.flink.size', 'taskmanager.memory.network.min'], [12582912n, 67108864n, 1342177280n]);
    expect(e.numbers).toMatchObject({ network: 12582912n, min: 67108864n, max: LONG_MAX });
  });

  it('task heap + managed + total Flink: remainder above the network max is refused', () => {
    // network = 112Mi = 117440512 > max 100Mi = 104857600
    const e = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '400m', 'taskmanager.memory.managed.size': '512m', 'taskmanager.memory.network.max': '100m' });
    expectRefusal(e, 'DERIVED_OUT_OF_RANGE', ['taskmanager.memory.network.max'], [117440512n, 104857600n]);
  });

  it('task heap + managed + total Flink: parts larger than the total are refused', () => {
    // (128 + 128 + 600 + 0 + 512)Mi = 1368Mi = 1434451968 > 1280Mi = 1342177280, short by 88Mi = 92274688
    const e = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '600m', 'taskmanager.memory.managed.size': '512m' });
    expectRefusal(e, 'SUM_EXCEEDS_TOTAL_FLINK', ['taskmanager.memory.flink.size', 'taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size'], [1434451968n, 1342177280n, 92274688n]);
    expect(e.numbers).toEqual({ sum: 1434451968n, totalFlink: 1342177280n, shortBy: 92274688n });
  });
});

describe('TaskManager: deprecated keys are honoured on every line', () => {
  for (const v of FLINK_LINES) {
    it(`Flink ${v}`, () => {
      // taskmanager.network.memory.min -> network.min: 134217730 clamped up to 200Mi
      const min = tm({ ...P1728, 'taskmanager.network.memory.min': '200m' }, v);
      expect(min.memory.network).toBe(209715200n);
      expect(min.derivations.network).toMatchObject({ clamped: 'min', minKey: 'taskmanager.network.memory.min' });

      // taskmanager.network.memory.max -> network.max: clamped down to 100Mi
      const max = tm({ ...P1728, 'taskmanager.network.memory.max': '100m' }, v);
      expect(max.memory.network).toBe(104857600n);
      expect(max.derivations.network).toMatchObject({ clamped: 'max', maxKey: 'taskmanager.network.memory.max' });

      // taskmanager.network.memory.fraction 0.2 -> 1342177280 x 0.20000000298023224 = 268435460.0
      // task heap = 1342177280 - 268435456 - 536870920 - 268435460 = 268435444
      const frac = tm({ ...P1728, 'taskmanager.network.memory.fraction': '0.2' }, v);
      expect(frac.memory).toMatchObject({ network: 268435460n, taskHeap: 268435444n });
      expect(frac.derivations.network).toMatchObject({ key: 'taskmanager.network.memory.fraction', fraction: 0.20000000298023224 });

      // taskmanager.memory.size -> managed.size: 512Mi exactly; task heap gains the 8 bytes: 402653182
      const managed = tm({ ...P1728, 'taskmanager.memory.size': '512m' }, v);
      expect(managed.memory).toMatchObject({ managed: 536870912n, taskHeap: 402653182n });
      expect(managed.derivations.managed).toEqual({ kind: 'explicit', key: 'taskmanager.memory.managed.size', viaKey: 'taskmanager.memory.size' });

      // taskmanager.memory.size also completes the fine-grained pair (task heap + managed)
      expect(tm({ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.size': '512m' }, v).memory.totalProcess).toBe(1961070139n);

      // the current key wins over its deprecated one: network.min 100m (below the raw 134217730) is used, 200m ignored
      expect(tm({ ...P1728, 'taskmanager.memory.network.min': '100m', 'taskmanager.network.memory.min': '200m' }, v).memory.network).toBe(134217730n);
      // …and a broken deprecated value is refused, naming the deprecated key
      expectRefusal(tmErr({ ...P1728, 'taskmanager.network.memory.min': 'x' }, v), 'INVALID_VALUE', ['taskmanager.network.memory.min'], ["'x'"]);
    });
  }
});

describe('legacy keys: honoured by 1.18-1.20, ignored by 2.x', () => {
  for (const v of V1) {
    it(`Flink ${v} reads taskmanager.heap.size / .mb as total Flink memory`, () => {
      // heap.size 1280m = flink.size 1280m, i.e. the 1728m layout
      const r = tm({ 'taskmanager.heap.size': '1280m' }, v);
      expect(r.memory).toEqual(TM_1728M);
      expect(r.derivations.totalFlink).toMatchObject({ kind: 'legacy', key: 'taskmanager.heap.size' });
      expect(r.notes.join(' ')).toContain('taskmanager.heap.size');
      expect(tm({ 'taskmanager.heap.mb': '1280' }, v).memory).toEqual(TM_1728M);

      // with process.size 1728m, total Flink is the legacy 1Gi and overhead what is left:
      // managed = 1073741824 x 0.4000000059604645 = 429496736.00000002 -> 429496736
      // network = 1073741824 x 0.10000000149011612 = 107374184.0 (>= 64Mi)
      // task heap = 1073741824 - 268435456 - 429496736 - 107374184 = 268435448
      // overhead = 1811939328 - 1073741824 - 268435456 = 469762048 (448Mi, inside [192Mi, 1Gi])
      const both = tm({ ...P1728, 'taskmanager.heap.size': '1g' }, v);
      expect(both.memory).toEqual(
        tmMemory({ frameworkHeap: 134217728n, frameworkOffHeap: 134217728n, taskHeap: 268435448n, taskOffHeap: 0n, network: 107374184n, managed: 429496736n, jvmMetaspace: 268435456n, jvmOverhead: 469762048n }),
      );
      // flink.size wins over the legacy key
      expect(tm({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.heap.size': '2g' }, v).memory.totalFlink).toBe(1280n * Mi);
      // a negative legacy MiB count is refused
      expectRefusal(tmErr({ 'taskmanager.heap.mb': '-1' }, v), 'INVALID_VALUE', ['taskmanager.heap.mb'], ['-1']);
    });

    it(`Flink ${v} reads jobmanager.heap.size / .mb as the JVM heap`, () => {
      // heap 1Gi + off-heap 128Mi = total Flink 1152Mi = 1207959552
      // overhead raw = (1207959552 + 268435456) x 0.11111111295076065 = 164043892.49 -> 192Mi
      // process = 1207959552 + 268435456 + 201326592 = 1677721600 = 1600Mi
      const r = jm({ 'jobmanager.heap.size': '1g' }, v);
      expect(r.memory).toEqual({ jvmHeap: 1073741824n, offHeap: 134217728n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n, totalFlink: 1207959552n, totalProcess: 1677721600n });
      expect(r.derivations.jvmHeap).toMatchObject({ kind: 'legacy', key: 'jobmanager.heap.size' });
      expect(r.notes.join(' ')).toContain('jobmanager.heap.size');
      expect(jm({ 'jobmanager.heap.mb': '1024' }, v).memory.jvmHeap).toBe(1073741824n);
      // jobmanager.memory.heap.size wins over the legacy key
      expect(jm({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.heap.size': '2g' }, v).memory.jvmHeap).toBe(1073741824n);
    });

    it(`Flink ${v} reads taskmanager.network.numberOfBuffers when no network option is set`, () => {
      // 4096 buffers x 32 KiB segments = 134217728 instead of the fraction's 134217730
      // task heap = 1342177280 - 268435456 - 536870920 - 134217728 = 402653176
      const r = tm({ ...P1728, 'taskmanager.network.numberOfBuffers': '4096' }, v);
      expect(r.memory).toMatchObject({ network: 134217728n, taskHeap: 402653176n });
      expect(r.derivations.network).toMatchObject({ kind: 'legacy', key: 'taskmanager.network.numberOfBuffers' });
      // 2048 x 64 KiB segments is also 128Mi
      expect(tm({ ...P1728, 'taskmanager.network.numberOfBuffers': '2048', 'taskmanager.memory.segment-size': '64kb' }, v).memory.network).toBe(134217728n);
      // any new (or deprecated) network option switches the legacy count off
      expect(tm({ ...P1728, 'taskmanager.network.numberOfBuffers': '4096', 'taskmanager.memory.network.min': '64m' }, v).memory.network).toBe(134217730n);
      expect(tm({ ...P1728, 'taskmanager.network.numberOfBuffers': '4096', 'taskmanager.network.memory.fraction': '0.1' }, v).memory.network).toBe(134217730n);
      // the segment size must be a power of two of at least 4096 bytes
      expectRefusal(tmErr({ ...P1728, 'taskmanager.network.numberOfBuffers': '2048', 'taskmanager.memory.segment-size': '100b' }, v), 'INVALID_VALUE', ['taskmanager.memory.segment-size'], ['4096']);
      expectRefusal(tmErr({ ...P1728, 'taskmanager.network.numberOfBuffers': '2048', 'taskmanager.memory.segment-size': '48kb' }, v), 'INVALID_VALUE', ['taskmanager.memory.segment-size'], ['49152']);
      expectRefusal(tmErr({ ...P1728, 'taskmanager.network.numberOfBuffers': 'many' }, v), 'INVALID_VALUE', ['taskmanager.network.numberOfBuffers'], ['many']);
    });

    it(`Flink ${v}: legacy buffers must match the network remainder of an explicit total`, () => {
      // remainder = 1280Mi - (128 + 128 + 400 + 512)Mi = 112Mi = 117440512; 4096 buffers ask for 134217728
      const e = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '400m', 'taskmanager.memory.managed.size': '512m', 'taskmanager.network.numberOfBuffers': '4096' }, v);
      expectRefusal(e, 'NETWORK_CONFLICT', ['taskmanager.network.numberOfBuffers'], [117440512n, 134217728n]);
      // 3584 x 32 KiB = 112Mi matches
      const ok = tm({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.task.heap.size': '400m', 'taskmanager.memory.managed.size': '512m', 'taskmanager.network.numberOfBuffers': '3584' }, v);
      expect(ok.memory.network).toBe(117440512n);
    });
  }

  for (const v of V2) {
    it(`Flink ${v} ignores every legacy key`, () => {
      for (const [key, value] of [
        ['taskmanager.heap.size', '1g'],
        ['taskmanager.heap.mb', '1024'],
      ]) {
        expectRefusal(tmErr({ [key!]: value! }, v), 'NOT_CONFIGURED', ['taskmanager.memory.process.size'], []);
        expect(tm({ ...P1728, [key!]: value! }, v).memory, key).toEqual(TM_1728M);
        // ignored entirely, so not even a broken value matters
        expect(tm({ ...P1728, [key!]: 'garbage' }, v).memory, key).toEqual(TM_1728M);
      }
      expect(tm({ ...P1728, 'taskmanager.network.numberOfBuffers': '4096' }, v).memory.network).toBe(134217730n);
      expect(tm({ ...P1728, 'taskmanager.network.numberOfBuffers': 'many' }, v).memory.network).toBe(134217730n);
      for (const [key, value] of [
        ['jobmanager.heap.size', '1g'],
        ['jobmanager.heap.mb', '1024'],
      ]) {
        expectRefusal(jmErr({ [key!]: value! }, v), 'NOT_CONFIGURED', ['jobmanager.memory.process.size'], []);
        expect(jm({ 'jobmanager.memory.process.size': '1600m', [key!]: value! }, v).memory.jvmHeap).toBe(1073741824n);
      }
    });
  }
});

describe('values as each line reads them: 1.x flink-conf.yaml trims and cuts comments, 2.x takes them whole', () => {
  for (const v of V1) {
    it(`Flink ${v} normalises`, () => {
      expect(tm({ ...P1728, 'taskmanager.numberOfTaskSlots': ' 2' }, v)).toMatchObject({ numSlots: 2, cpuCores: '2.0' });
      expect(tm({ 'taskmanager.memory.process.size': '1728m # note' }, v).memory).toEqual(TM_1728M);
      expect(jm({ 'jobmanager.memory.process.size': '1024mb # note' }, v).memory.totalProcess).toBe(1024n * Mi);
      expect(jm({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': ' true' }, v).jvmArgs).toContain('-XX:MaxDirectMemorySize=134217728');
      // an empty value (or one that is all comment) is dropped, as if the key were absent
      expect(tm({ ...P1728, 'taskmanager.memory.managed.size': '# none' }, v).memory).toEqual(TM_1728M);
    });
  }
  for (const v of V2) {
    it(`Flink ${v} refuses what only the 1.x loader would have cleaned`, () => {
      expectRefusal(tmErr({ ...P1728, 'taskmanager.numberOfTaskSlots': ' 2' }, v), 'INVALID_VALUE', ['taskmanager.numberOfTaskSlots'], ["' 2'"]);
      expectRefusal(tmErr({ 'taskmanager.memory.process.size': '1728m # note' }, v), 'INVALID_VALUE', ['taskmanager.memory.process.size'], ['1728m # note']);
      expectRefusal(jmErr({ 'jobmanager.memory.process.size': '1024mb # note' }, v), 'INVALID_VALUE', ['jobmanager.memory.process.size'], ['1024mb # note']);
      expectRefusal(jmErr({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': ' true' }, v), 'INVALID_VALUE', ['jobmanager.memory.enable-jvm-direct-memory-limit'], ["' true'"]);
      expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.managed.size': '# none' }, v), 'INVALID_VALUE', ['taskmanager.memory.managed.size'], []);
    });
  }
  it('sizes and fractions are trimmed by Flink itself on every line', () => {
    for (const v of FLINK_LINES) {
      expect(tm({ 'taskmanager.memory.process.size': ' 1728 m ', 'taskmanager.memory.network.fraction': ' 0.1 ' }, v).memory, v).toEqual(TM_1728M);
    }
  });
});

describe('refusals: each code the model produces', () => {
  it('INVALID_VALUE: a size, integer, number or boolean Flink cannot read', () => {
    expectRefusal(tmErr({ 'taskmanager.memory.process.size': 'abc' }), 'INVALID_VALUE', ['taskmanager.memory.process.size'], ["'abc'"]);
    expectRefusal(tmErr({ 'taskmanager.memory.process.size': '1.5g' }), 'INVALID_VALUE', ['taskmanager.memory.process.size'], ['1.5g']);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.managed.fraction': 'half' }), 'INVALID_VALUE', ['taskmanager.memory.managed.fraction'], ['half']);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.numberOfTaskSlots': '2.0' }), 'INVALID_VALUE', ['taskmanager.numberOfTaskSlots'], ['2.0']);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.cpu.cores': 'abc' }), 'INVALID_VALUE', ['taskmanager.cpu.cores'], ['abc']);
    expectRefusal(jmErr({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': 'yes' }), 'INVALID_VALUE', ['jobmanager.memory.enable-jvm-direct-memory-limit'], ["'yes'"]);
    expectRefusal(jmErr({ 'jobmanager.memory.process.size': '-1m' }), 'INVALID_VALUE', ['jobmanager.memory.process.size'], ['-1m']);
  });

  it('INVALID_VALUE: CPU cores must be positive (explicit, or the slot count standing in)', () => {
    expectRefusal(tmErr({ ...P1728, 'taskmanager.cpu.cores': '0' }), 'INVALID_VALUE', ['taskmanager.cpu.cores'], []);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.cpu.cores': '-1' }), 'INVALID_VALUE', ['taskmanager.cpu.cores'], []);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.numberOfTaskSlots': '0' }), 'INVALID_VALUE', ['taskmanager.numberOfTaskSlots'], []);
    // with explicit cores, the slot count may be anything Integer.parseInt reads
    expect(tm({ ...P1728, 'taskmanager.numberOfTaskSlots': '0', 'taskmanager.cpu.cores': '1' }).numSlots).toBe(0);
  });

  it('INVALID_FRACTION: min above max, or a fraction outside [0, 1)', () => {
    // network min 200Mi = 209715200 > max 100Mi = 104857600
    const e = tmErr({ ...P1728, 'taskmanager.memory.network.min': '200m', 'taskmanager.memory.network.max': '100m' });
    expectRefusal(e, 'INVALID_FRACTION', ['taskmanager.memory.network.min', 'taskmanager.memory.network.max'], [209715200n, 104857600n]);
    expect(e.numbers).toEqual({ min: 209715200n, max: 104857600n });
    expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.jvm-overhead.min': '2g' }), 'INVALID_FRACTION', ['taskmanager.memory.jvm-overhead.min', 'taskmanager.memory.jvm-overhead.max'], [2147483648n, 1073741824n]);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.network.fraction': '1' }), 'INVALID_FRACTION', ['taskmanager.memory.network.fraction'], ['1.0']);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.managed.fraction': '1.5' }), 'INVALID_FRACTION', ['taskmanager.memory.managed.fraction'], ['1.5']);
    expectRefusal(tmErr({ ...P1728, 'taskmanager.memory.jvm-overhead.fraction': '-0.1' }), 'INVALID_FRACTION', ['taskmanager.memory.jvm-overhead.fraction'], ['-0.1']);
    expectRefusal(jmErr({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.jvm-overhead.fraction': 'NaN' }), 'INVALID_FRACTION', ['jobmanager.memory.jvm-overhead.fraction'], ['NaN']);
    // the deprecated key is named when it is the one used
    expectRefusal(tmErr({ ...P1728, 'taskmanager.network.memory.fraction': '2' }), 'INVALID_FRACTION', ['taskmanager.network.memory.fraction'], ['2.0']);
    // 0 is a valid fraction (the range is [0, 1))
    expect(tm({ ...P1728, 'taskmanager.memory.managed.fraction': '0' }).memory.managed).toBe(0n);
  });

  it('NOT_CONFIGURED: none of the required options set', () => {
    expectRefusal(tmErr({}), 'NOT_CONFIGURED', ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size', 'taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size'], []);
    // task heap alone is not enough (managed is needed too)
    expectRefusal(tmErr({ 'taskmanager.memory.task.heap.size': '1g' }), 'NOT_CONFIGURED', ['taskmanager.memory.process.size'], []);
    expectRefusal(jmErr({}), 'NOT_CONFIGURED', ['jobmanager.memory.process.size', 'jobmanager.memory.flink.size', 'jobmanager.memory.heap.size'], []);
    // TaskManager keys do not configure the JobManager, and the other way round
    expectRefusal(jmErr(P1728), 'NOT_CONFIGURED', ['jobmanager.memory.process.size'], []);
    expectRefusal(tmErr({ 'jobmanager.memory.process.size': '1600m' }), 'NOT_CONFIGURED', ['taskmanager.memory.process.size'], []);
  });

  it('SUM_EXCEEDS_TOTAL_PROCESS: metaspace + overhead above the process size', () => {
    // process 400Mi = 419430400: overhead 41943040.6 -> 192Mi; 256Mi + 192Mi = 448Mi = 469762048 > 400Mi
    const e = tmErr({ 'taskmanager.memory.process.size': '400m' });
    expectRefusal(e, 'SUM_EXCEEDS_TOTAL_PROCESS', ['taskmanager.memory.process.size', 'taskmanager.memory.jvm-metaspace.size'], [419430400n, 469762048n, 268435456n, 201326592n]);
    expect(e.numbers).toEqual({ metaspace: 268435456n, overhead: 201326592n, totalProcess: 419430400n, needed: 469762048n });
    // process 1400Mi = 1468006400 < flink 1280Mi + metaspace 256Mi = 1536Mi = 1610612736
    const f = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.process.size': '1400m' });
    expectRefusal(f, 'SUM_EXCEEDS_TOTAL_PROCESS', ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size'], [1468006400n, 1342177280n, 268435456n]);
    // JobManager alike: heap 1g + off-heap 128m + metaspace 256m = 1408Mi > process 1200Mi = 1258291200
    expectRefusal(jmErr({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.process.size': '1200m' }), 'SUM_EXCEEDS_TOTAL_PROCESS', ['jobmanager.memory.process.size'], [1258291200n]);
  });

  it('DERIVED_OUT_OF_RANGE: overhead left by an explicit process size outside its range', () => {
    // 3Gi - 1280Mi - 256Mi = 1536Mi = 1610612736 > max 1Gi = 1073741824
    const hi = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.process.size': '3g' });
    expectRefusal(hi, 'DERIVED_OUT_OF_RANGE', ['taskmanager.memory.process.size', 'taskmanager.memory.jvm-overhead.max'], [1610612736n, 1073741824n]);
    // 1600Mi - 1280Mi - 256Mi = 64Mi = 67108864 < min 192Mi = 201326592
    const lo = tmErr({ 'taskmanager.memory.flink.size': '1280m', 'taskmanager.memory.process.size': '1600m' });
    expectRefusal(lo, 'DERIVED_OUT_OF_RANGE', ['taskmanager.memory.jvm-overhead.min'], [67108864n, 201326592n]);
    expect(lo.numbers).toMatchObject({ overhead: 67108864n, min: 201326592n, max: 1073741824n });
    // JobManager: 3Gi - (1Gi + 128Mi) - 256Mi = 1664Mi = 1744830464 > 1Gi
    expectRefusal(jmErr({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.process.size': '3g' }), 'DERIVED_OUT_OF_RANGE', ['jobmanager.memory.jvm-overhead.max'], [1744830464n]);
  });

  it('SUM_EXCEEDS_TOTAL_FLINK and TOTAL_FLINK_MISMATCH: see the derivation tests and the JobManager tests', () => {
    expect(tmErr({ 'taskmanager.memory.flink.size': '256m' }).code).toBe('SUM_EXCEEDS_TOTAL_FLINK');
    expect(jmErr({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.off-heap.size': '128m', 'jobmanager.memory.flink.size': '1g' }).code).toBe('TOTAL_FLINK_MISMATCH');
  });

  it('OVERFLOW: sizes summing or multiplying past 2^63-1', () => {
    // 8388607t + 8388607t + 256Mi of framework memory > 2^63-1 (Math.addExact in MemorySize.add)
    expect(tmErr({ 'taskmanager.memory.task.heap.size': '8388607t', 'taskmanager.memory.managed.size': '8388607t' }).code).toBe('OVERFLOW');
    // network fraction 0.9: f/(1-f) = 8.999997615814777; (1000000 TiB + 256Mi) x 9 > 2^63-1
    const m = tmErr({ 'taskmanager.memory.task.heap.size': '1000000t', 'taskmanager.memory.managed.size': '0', 'taskmanager.memory.network.fraction': '0.9' });
    expect(m.code).toBe('OVERFLOW');
    expect(m.message).toContain('1099511628044435456'); // 1000000 x 2^40 + 2 x 128Mi
    // JobManager heap + off-heap past 2^63-1
    expect(jmErr({ 'jobmanager.memory.heap.size': '8388607t', 'jobmanager.memory.off-heap.size': '8388607t' }).code).toBe('OVERFLOW');
  });

  it('UNSUPPORTED_VERSION: unknown lines and garbage versions, returned not thrown', () => {
    for (const flinkVersion of ['1.17', '1.17.2', '1.21', '3.0', 'abc', '2', '2.x', 'latest', '1.20.0-SNAPSHOT']) {
      for (const resolve of [resolveTaskManager, resolveJobManager]) {
        const r = resolve(P1728, { flinkVersion });
        expect(r.ok, flinkVersion).toBe(false);
        if (!r.ok) {
          expect(r.code).toBe('UNSUPPORTED_VERSION');
          expect(r.keys).toEqual([]);
          expect(r.message).toContain(flinkVersion);
        }
      }
    }
    // the version text may carry a patch or a v prefix, and defaults to the newest line
    expect(tm(P1728, '1.20.3').flinkVersion).toBe('1.20.3');
    expect(tm(P1728, 'v2.1').flinkVersion).toBe('2.1.3');
    expect(tm(P1728).flinkVersion).toBe('2.3.0');
  });
});

describe('JobManager paths', () => {
  // process 1600m (Flink's default): overhead raw 1677721600 x 0.10000000149011612 = 167772162.5 -> 192Mi
  //   total Flink = 1600Mi - 256Mi - 192Mi = 1152Mi = 1207959552; heap = 1152Mi - 128Mi = 1Gi
  const JM_1600M: JobManagerMemory = { jvmHeap: 1073741824n, offHeap: 134217728n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n, totalFlink: 1207959552n, totalProcess: 1677721600n };

  it('from process size (flink-2.3.jsonl row 2)', () => {
    for (const v of FLINK_LINES) {
      const r = jm({ 'jobmanager.memory.process.size': '1600m' }, v);
      expect(r.memory, v).toEqual(JM_1600M);
      expect(r.jvmArgs).toBe('-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456');
      expect(r.dynamicConfigs).toBe(
        '-D jobmanager.memory.off-heap.size=134217728b -D jobmanager.memory.jvm-overhead.min=201326592b -D jobmanager.memory.jvm-metaspace.size=268435456b -D jobmanager.memory.heap.size=1073741824b -D jobmanager.memory.jvm-overhead.max=201326592b',
      );
      expect(r.derivations.jvmHeap).toMatchObject({ kind: 'remainder', of: 'totalFlink' });
      expect(r.derivations.jvmOverhead).toMatchObject({ kind: 'fraction', raw: 167772162n, clamped: 'min' });
    }
  });

  it('from total Flink memory: overhead by inverse fraction', () => {
    // overhead raw = (1207959552 + 268435456) x 0.11111111295076065 = 164043892.49 -> 192Mi
    const r = jm({ 'jobmanager.memory.flink.size': '1152m' });
    expect(r.memory).toEqual(JM_1600M);
    expect(r.derivations.jvmOverhead).toMatchObject({ kind: 'inverseFraction', raw: 164043892n, clamped: 'min' });
  });

  it('from the heap: off-heap default, total the sum', () => {
    const r = jm({ 'jobmanager.memory.heap.size': '1g' });
    expect(r.memory).toEqual(JM_1600M);
    expect(r.derivations.totalFlink).toEqual({ kind: 'sum', of: ['jvmHeap', 'offHeap'] });
  });

  it('heap + total Flink: off-heap is what the total leaves (the default is ignored)', () => {
    // off-heap = 1200Mi - 1Gi = 176Mi = 184549376
    // overhead raw = (1258291200 + 268435456) x 0.11111111295076065 = 169869314.8 -> 192Mi
    const r = jm({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.flink.size': '1200m' });
    expect(r.memory).toEqual({ jvmHeap: 1073741824n, offHeap: 184549376n, jvmMetaspace: 268435456n, jvmOverhead: 201326592n, totalFlink: 1258291200n, totalProcess: 1728053248n });
    expect(r.derivations.offHeap).toMatchObject({ kind: 'remainder', of: 'totalFlink' });
    // heap equal to the total leaves 0 off-heap, which Flink accepts
    expect(jm({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.flink.size': '1g' }).memory.offHeap).toBe(0n);
  });

  it('heap + off-heap + total Flink must agree', () => {
    expect(jm({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.off-heap.size': '128m', 'jobmanager.memory.flink.size': '1152m' }).memory).toEqual(JM_1600M);
    // 1Gi + 128Mi = 1207959552 != 1200Mi = 1258291200
    const e = jmErr({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.off-heap.size': '128m', 'jobmanager.memory.flink.size': '1200m' });
    expectRefusal(e, 'TOTAL_FLINK_MISMATCH', ['jobmanager.memory.heap.size', 'jobmanager.memory.off-heap.size', 'jobmanager.memory.flink.size'], [1073741824n, 134217728n, 1258291200n]);
    expect(e.numbers).toEqual({ heap: 1073741824n, offHeap: 134217728n, totalFlink: 1258291200n });
  });

  it('heap larger than total Flink is refused', () => {
    // 2Gi = 2147483648 > 1Gi = 1073741824
    const e = jmErr({ 'jobmanager.memory.heap.size': '2g', 'jobmanager.memory.flink.size': '1g' });
    expectRefusal(e, 'SUM_EXCEEDS_TOTAL_FLINK', ['jobmanager.memory.heap.size', 'jobmanager.memory.flink.size'], [2147483648n, 1073741824n]);
  });

  it('heap + process: overhead is what is left', () => {
    // 2Gi - 1152Mi - 256Mi = 640Mi = 671088640, inside [192Mi, 1Gi]
    const r = jm({ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.process.size': '2g' });
    expect(r.memory).toEqual({ ...JM_1600M, jvmOverhead: 671088640n, totalProcess: 2147483648n });
  });

  it('total Flink not above off-heap leaves no heap', () => {
    // 128Mi is not more than the 128Mi off-heap (Flink: compareTo < 1)
    const e = jmErr({ 'jobmanager.memory.flink.size': '128m' });
    expectRefusal(e, 'SUM_EXCEEDS_TOTAL_FLINK', ['jobmanager.memory.flink.size', 'jobmanager.memory.off-heap.size'], [134217728n]);
    expect(jm({ 'jobmanager.memory.flink.size': '129m' }).memory.jvmHeap).toBe(Mi);
    expect(jm({ 'jobmanager.memory.flink.size': '128m', 'jobmanager.memory.off-heap.size': '0' }).memory.jvmHeap).toBe(128n * Mi);
  });

  it('enable-jvm-direct-memory-limit adds -XX:MaxDirectMemorySize = off-heap', () => {
    for (const on of ['true', 'TRUE', 'True']) {
      expect(jm({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': on }).jvmArgs).toBe(
        '-Xmx1073741824 -Xms1073741824 -XX:MaxDirectMemorySize=134217728 -XX:MaxMetaspaceSize=268435456',
      );
    }
    for (const off of ['false', 'False']) {
      expect(jm({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': off }).jvmArgs).not.toContain('MaxDirectMemorySize');
    }
    // the flag changes the JVM arguments only, never the sizes or the -D list
    const a = jm({ 'jobmanager.memory.process.size': '1600m', 'jobmanager.memory.enable-jvm-direct-memory-limit': 'true' });
    const b = jm({ 'jobmanager.memory.process.size': '1600m' });
    expect(a.memory).toEqual(b.memory);
    expect(a.dynamicConfigs).toBe(b.dynamicConfigs);
  });
});

describe('the seed case: 500mb TaskManager and 512mb JobManager are refused on every line', () => {
  const SEED = {
    'taskmanager.numberOfTaskSlots': '1',
    'taskmanager.memory.process.size': '500mb',
    'jobmanager.memory.process.size': '512mb',
    'taskmanager.memory.network.fraction': '0.1',
    'taskmanager.memory.network.min': '32mb',
    'taskmanager.memory.network.max': '64mb',
  };
  for (const v of FLINK_LINES) {
    it(`Flink ${v}`, () => {
      // TaskManager: overhead 524288000 x 0.10000000149011612 = 52428800.8 -> 192Mi
      //   total Flink = 500Mi - 256Mi - 192Mi = 52Mi = 54525952
      //   managed = 54525952 x 0.4000000059604645 = 21810381.125 -> 21810381
      //   network = 54525952 x 0.10000000149011612 = 5452595.3 -> clamped to min 32Mi = 33554432
      //   128Mi + 128Mi + 0 + 21810381 + 33554432 = 323800269 > 54525952, short by 269274317
      const t = tmErr(SEED, v);
      expectRefusal(t, 'SUM_EXCEEDS_TOTAL_FLINK', ['taskmanager.memory.network.min'], [54525952n, 21810381n, 33554432n, 323800269n]);
      expect(t.numbers).toEqual({ sum: 323800269n, totalFlink: 54525952n, shortBy: 269274317n });
      // JobManager: overhead 536870912 x 0.10000000149011612 = 53687092.0 -> 192Mi
      //   total Flink = 512Mi - 256Mi - 192Mi = 64Mi = 67108864 < off-heap 128Mi = 134217728
      const j = jmErr(SEED, v);
      expectRefusal(j, 'SUM_EXCEEDS_TOTAL_FLINK', ['jobmanager.memory.off-heap.size'], [67108864n, 134217728n]);
      expect(j.numbers).toMatchObject({ totalFlink: 67108864n, offHeap: 134217728n });
    });
  }

  // When total Flink memory was derived from the process size, the refusal must name the process
  // size (the key the user set and can change), not the unset flink.size.
  it('names the process size the user set, not the unset flink.size', () => {
    const t = tmErr(SEED);
    const j = jmErr(SEED);
    expect(t.keys).toContain('taskmanager.memory.process.size');
    expect(t.keys).not.toContain('taskmanager.memory.flink.size');
    expect(j.keys).toContain('jobmanager.memory.process.size');
    expect(j.keys).not.toContain('jobmanager.memory.flink.size');
  });
});

describe('Java number grammar corners', () => {
  // Hex floats are rounded once from the exact mantissa: Java's Double.parseDouble of
  // "0x1<300 zeros>p-1200" is exactly 1.0 (a naive Number(mantissa) * 2 ** exp gives NaN).
  it('reads a long hex-float mantissa as Java does', () => {
    const one = `0x1${'0'.repeat(300)}p-1200`;
    expect(tm({ ...P1728, 'taskmanager.cpu.cores': one }).cpuCores).toBe('1.0');
  });
});

describe('never throws, whatever the values', () => {
  const KEYS = [...new Set(ALL_MEMORY_OPTIONS.flatMap((o) => [o.key, ...(o.fallbackKeys ?? [])]))];
  const sizeLike = fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.constantFrom('', 'b', 'k', 'm', 'g', 't', 'mb', ' gb', 'x', '.5m')).map(([n, u]) => `${n}${u}`);
  const value: fc.Arbitrary<ConfigValue> = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    sizeLike,
    fc.double().map(String),
    fc.constantFrom('', ' ', '#', '0', '-0', '1', '-1', 'NaN', 'Infinity', '1e400', '0x1p3', 'true', ' 2', '1024mb # note', '2147483648', '9223372036854775807', '9223372036854775808', '0.99999999'),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((value): ConfigValue => ({ type: 'Long', value })),
    fc.double().map((value): ConfigValue => ({ type: 'Double', value })),
    fc.boolean().map((value): ConfigValue => ({ type: 'Boolean', value })),
  );
  const config = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });
  const version = fc.oneof(fc.constantFrom(...FLINK_LINES, undefined), fc.string());
  const CODES: MemoryErrorCode[] = ['INVALID_VALUE', 'INVALID_FRACTION', 'NOT_CONFIGURED', 'SUM_EXCEEDS_TOTAL_FLINK', 'TOTAL_FLINK_MISMATCH', 'SUM_EXCEEDS_TOTAL_PROCESS', 'TOTAL_PROCESS_MISMATCH', 'DERIVED_OUT_OF_RANGE', 'NETWORK_CONFLICT', 'OVERFLOW', 'UNSUPPORTED_VERSION'];

  it('for every memory key, random values on random lines give a result or a coded refusal', () => {
    fc.assert(
      fc.property(config, version, (cfg, flinkVersion) => {
        for (const r of [resolveTaskManager(cfg, { flinkVersion }), resolveJobManager(cfg, { flinkVersion })]) {
          if (r.ok) continue;
          expect(CODES).toContain(r.code);
          expect(Array.isArray(r.keys)).toBe(true);
          expect(r.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a valid process size plus one garbage value per key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), value, fc.constantFrom(...FLINK_LINES), (key, v, flinkVersion) => {
        const cfg: Config = { 'taskmanager.memory.process.size': '1728m', 'jobmanager.memory.process.size': '1600m', [key]: v };
        expect(() => resolveTaskManager(cfg, { flinkVersion })).not.toThrow();
        expect(() => resolveJobManager(cfg, { flinkVersion })).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });
});
