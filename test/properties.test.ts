// Invariants of Flink's memory model over generated configurations (fast-check): the components
// add up to their totals, nothing is negative, explicit sizes are kept, derived sizes stay in their
// ranges, and the -D list a result prints resolves to the very same memory (as the TaskManager
// and JobManager do when they start with those dynamic properties).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveJobManager, resolveTaskManager } from '../src/core/memory/index.js';
import type { JobManagerResult, TaskManagerResult } from '../src/core/memory/types.js';
import { parseMemorySize, toFlinkSizeText } from '../src/core/size.js';
import { FLINK_LINES, type FlinkLine } from '../src/core/versions.js';

const Mi = 1048576n;
const LONG_MAX = 2n ** 63n - 1n;

// ---- generators -------------------------------------------------------------------------------

/** Present in `percent` % of the configs, else absent. */
function sometimes<T>(arb: fc.Arbitrary<T>, percent = 25): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary: arb, weight: percent });
}

/** A size in bytes between lo and hi MiB, usually whole MiB, sometimes any byte count. */
function size(loMi: number, hiMi: number): fc.Arbitrary<bigint> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: loMi, max: hiMi }).map((n) => BigInt(n) * Mi), weight: 3 },
    { arbitrary: fc.bigInt({ min: BigInt(loMi) * Mi, max: BigInt(hiMi) * Mi }), weight: 1 },
  );
}

/** The same size written the many ways Flink accepts. */
function sizeText(loMi: number, hiMi: number): fc.Arbitrary<string> {
  return fc
    .tuple(size(loMi, hiMi), fc.constantFrom('short', 'bytes', 'b', 'kb', 'spaced'))
    .map(([b, style]) => {
      switch (style) {
        case 'short':
          return toFlinkSizeText(b);
        case 'bytes':
          return `${b}`;
        case 'b':
          return `${b}b`;
        case 'kb':
          return b % 1024n === 0n ? `${b / 1024n}kb` : `${b} bytes`;
        default:
          return b % Mi === 0n ? `${b / Mi} mb` : `${b} b`;
      }
    });
}

const fraction = (max: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.round(max * 1000) }).map((n) => String(n / 1000)),
    fc.constantFrom('0.1', '0.25', '0.4', '0.5', '0.0', '.3', '0.35f'),
  );

const tmConfig = fc.record({
  'taskmanager.memory.process.size': sometimes(sizeText(300, 65536), 67),
  'taskmanager.memory.flink.size': sometimes(sizeText(64, 60000)),
  'taskmanager.memory.task.heap.size': sometimes(sizeText(0, 16384)),
  'taskmanager.memory.managed.size': sometimes(sizeText(0, 16384)),
  'taskmanager.memory.managed.fraction': sometimes(fraction(0.9)),
  'taskmanager.memory.framework.heap.size': sometimes(sizeText(0, 512)),
  'taskmanager.memory.framework.off-heap.size': sometimes(sizeText(0, 512)),
  'taskmanager.memory.task.off-heap.size': sometimes(sizeText(0, 1024)),
  'taskmanager.memory.network.min': sometimes(sizeText(0, 256)),
  'taskmanager.memory.network.max': sometimes(sizeText(64, 8192)),
  'taskmanager.memory.network.fraction': sometimes(fraction(0.6)),
  'taskmanager.memory.jvm-metaspace.size': sometimes(sizeText(16, 1024)),
  'taskmanager.memory.jvm-overhead.min': sometimes(sizeText(0, 512)),
  'taskmanager.memory.jvm-overhead.max': sometimes(sizeText(256, 4096)),
  'taskmanager.memory.jvm-overhead.fraction': sometimes(fraction(0.5)),
  'taskmanager.numberOfTaskSlots': sometimes(fc.integer({ min: 1, max: 64 }).map(String)),
  'taskmanager.cpu.cores': sometimes(fc.constantFrom('0.5', '1', '2.5', '4.0', '16')),
  // deprecated keys (all lines) and legacy keys (1.x only; 2.x ignores them)
  'taskmanager.memory.size': sometimes(sizeText(0, 16384), 10),
  'taskmanager.network.memory.min': sometimes(sizeText(0, 256), 10),
  'taskmanager.network.memory.max': sometimes(sizeText(64, 8192), 10),
  'taskmanager.network.memory.fraction': sometimes(fraction(0.6), 10),
  'taskmanager.heap.size': sometimes(sizeText(256, 32768), 10),
  'taskmanager.heap.mb': sometimes(fc.integer({ min: 256, max: 32768 }).map(String), 6),
  'taskmanager.network.numberOfBuffers': sometimes(fc.integer({ min: 0, max: 65536 }).map(String), 15),
  'taskmanager.memory.segment-size': sometimes(fc.constantFrom('4kb', '16kb', '32kb', '64kb', '1mb'), 10),
});

const jmConfig = fc.record({
  'jobmanager.memory.process.size': sometimes(sizeText(400, 32768), 67),
  'jobmanager.memory.flink.size': sometimes(sizeText(64, 30000)),
  'jobmanager.memory.heap.size': sometimes(sizeText(32, 30000)),
  'jobmanager.memory.off-heap.size': sometimes(sizeText(0, 1024)),
  'jobmanager.memory.jvm-metaspace.size': sometimes(sizeText(16, 1024)),
  'jobmanager.memory.jvm-overhead.min': sometimes(sizeText(0, 512)),
  'jobmanager.memory.jvm-overhead.max': sometimes(sizeText(256, 4096)),
  'jobmanager.memory.jvm-overhead.fraction': sometimes(fraction(0.5)),
  'jobmanager.memory.enable-jvm-direct-memory-limit': sometimes(fc.constantFrom('true', 'false')),
  'jobmanager.heap.size': sometimes(sizeText(128, 16384), 10),
  'jobmanager.heap.mb': sometimes(fc.integer({ min: 128, max: 16384 }).map(String), 6),
});

/** One flat config with both TaskManager and JobManager keys, absent keys dropped. */
const config = fc.tuple(tmConfig, jmConfig).map(([t, j]) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...t, ...j })) if (v !== undefined) out[k] = v;
  return out;
});
const line = fc.constantFrom(...FLINK_LINES);

// ---- helpers ------------------------------------------------------------------------------------

/** `-D key=value -D key=value` -> { key: value }: exactly what the start-up scripts hand over. */
function parseDynamicConfigs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/-D ([^=\s]+)=(\S*)/g)) out[m[1]!] = m[2]!;
  // nothing else may be in the string
  expect(s.replace(/-D [^=\s]+=\S*/g, '').trim()).toBe('');
  return out;
}

function bytes(cfg: Record<string, string>, ...keys: string[]): bigint | undefined {
  for (const k of keys) {
    const v = cfg[k];
    if (v === undefined) continue;
    const p = parseMemorySize(v);
    return p.ok ? p.bytes : undefined;
  }
  return undefined;
}

function isV1(l: FlinkLine): boolean {
  return l.startsWith('1.');
}

function checkTaskManager(r: TaskManagerResult, cfg: Record<string, string>, l: FlinkLine): void {
  const m = r.memory;
  for (const [k, v] of Object.entries(m)) {
    expect(v >= 0n, `${k} = ${v} is negative`).toBe(true);
    expect(v <= LONG_MAX, `${k} = ${v} overflows`).toBe(true);
  }
  expect(m.frameworkHeap + m.frameworkOffHeap + m.taskHeap + m.taskOffHeap + m.network + m.managed).toBe(m.totalFlink);
  expect(m.totalFlink + m.jvmMetaspace + m.jvmOverhead).toBe(m.totalProcess);
  expect(m.frameworkHeap + m.taskHeap).toBe(m.jvmHeap);
  expect(m.frameworkOffHeap + m.taskOffHeap + m.network).toBe(m.jvmDirect);
  expect(r.jvmArgs).toBe(`-Xmx${m.jvmHeap} -Xms${m.jvmHeap} -XX:MaxDirectMemorySize=${m.jvmDirect} -XX:MaxMetaspaceSize=${m.jvmMetaspace}`);

  // explicit sizes are kept as written
  const explicit: Array<[bigint | undefined, bigint, string]> = [
    [bytes(cfg, 'taskmanager.memory.process.size'), m.totalProcess, 'process'],
    [bytes(cfg, 'taskmanager.memory.flink.size'), m.totalFlink, 'flink'],
    [bytes(cfg, 'taskmanager.memory.framework.heap.size'), m.frameworkHeap, 'framework heap'],
    [bytes(cfg, 'taskmanager.memory.framework.off-heap.size'), m.frameworkOffHeap, 'framework off-heap'],
    [bytes(cfg, 'taskmanager.memory.task.heap.size'), m.taskHeap, 'task heap'],
    [bytes(cfg, 'taskmanager.memory.task.off-heap.size'), m.taskOffHeap, 'task off-heap'],
    [bytes(cfg, 'taskmanager.memory.managed.size', 'taskmanager.memory.size'), m.managed, 'managed'],
    [bytes(cfg, 'taskmanager.memory.jvm-metaspace.size'), m.jvmMetaspace, 'metaspace'],
  ];
  for (const [want, got, name] of explicit) if (want !== undefined) expect(got, name).toBe(want);

  // derived sizes stay inside their configured ranges
  const oMin = bytes(cfg, 'taskmanager.memory.jvm-overhead.min') ?? 192n * Mi;
  const oMax = bytes(cfg, 'taskmanager.memory.jvm-overhead.max') ?? 1024n * Mi;
  expect(m.jvmOverhead >= oMin && m.jvmOverhead <= oMax, `overhead ${m.jvmOverhead} outside [${oMin}, ${oMax}]`).toBe(true);
  const netKeys = ['min', 'max', 'fraction'].flatMap((s) => [`taskmanager.memory.network.${s}`, `taskmanager.network.memory.${s}`]);
  const legacyBuffers = isV1(l) && cfg['taskmanager.network.numberOfBuffers'] !== undefined && !netKeys.some((k) => k in cfg);
  if (!legacyBuffers) {
    const nMin = bytes(cfg, 'taskmanager.memory.network.min', 'taskmanager.network.memory.min') ?? 64n * Mi;
    const nMax = bytes(cfg, 'taskmanager.memory.network.max', 'taskmanager.network.memory.max') ?? LONG_MAX;
    expect(m.network >= nMin && m.network <= nMax, `network ${m.network} outside [${nMin}, ${nMax}]`).toBe(true);
  }
}

function checkJobManager(r: JobManagerResult, cfg: Record<string, string>): void {
  const m = r.memory;
  for (const [k, v] of Object.entries(m)) {
    expect(v >= 0n, `${k} = ${v} is negative`).toBe(true);
    expect(v <= LONG_MAX, `${k} = ${v} overflows`).toBe(true);
  }
  expect(m.jvmHeap + m.offHeap).toBe(m.totalFlink);
  expect(m.totalFlink + m.jvmMetaspace + m.jvmOverhead).toBe(m.totalProcess);
  expect(m.jvmHeap > 0n || bytes(cfg, 'jobmanager.memory.heap.size') === 0n).toBe(true);
  const direct = cfg['jobmanager.memory.enable-jvm-direct-memory-limit'] === 'true' ? ` -XX:MaxDirectMemorySize=${m.offHeap}` : '';
  expect(r.jvmArgs).toBe(`-Xmx${m.jvmHeap} -Xms${m.jvmHeap}${direct} -XX:MaxMetaspaceSize=${m.jvmMetaspace}`);

  const explicit: Array<[bigint | undefined, bigint, string]> = [
    [bytes(cfg, 'jobmanager.memory.process.size'), m.totalProcess, 'process'],
    [bytes(cfg, 'jobmanager.memory.flink.size'), m.totalFlink, 'flink'],
    [bytes(cfg, 'jobmanager.memory.heap.size'), m.jvmHeap, 'heap'],
    [bytes(cfg, 'jobmanager.memory.jvm-metaspace.size'), m.jvmMetaspace, 'metaspace'],
  ];
  for (const [want, got, name] of explicit) if (want !== undefined) expect(got, name).toBe(want);
  const oMin = bytes(cfg, 'jobmanager.memory.jvm-overhead.min') ?? 192n * Mi;
  const oMax = bytes(cfg, 'jobmanager.memory.jvm-overhead.max') ?? 1024n * Mi;
  expect(m.jvmOverhead >= oMin && m.jvmOverhead <= oMax, `overhead ${m.jvmOverhead} outside [${oMin}, ${oMax}]`).toBe(true);
}

// ---- properties ---------------------------------------------------------------------------------

describe('TaskManager invariants', () => {
  it('components sum to totals, nothing negative, explicit sizes kept, derived sizes in range', () => {
    let ok = 0;
    let runs = 0;
    fc.assert(
      fc.property(config, line, (cfg, l) => {
        runs++;
        const r = resolveTaskManager(cfg, { flinkVersion: l });
        if (!r.ok) return;
        ok++;
        checkTaskManager(r, cfg, l);
      }),
      { numRuns: 1500 },
    );
    // the generator must reach the interesting (accepted) side often enough to mean something
    expect(ok / runs).toBeGreaterThan(0.3);
  });

  it('the -D list of a result resolves to the same memory, slots and cores', () => {
    fc.assert(
      fc.property(config, line, (cfg, l) => {
        const r = resolveTaskManager(cfg, { flinkVersion: l });
        if (!r.ok) return;
        const again = resolveTaskManager(parseDynamicConfigs(r.dynamicConfigs), { flinkVersion: l });
        expect(again.ok, again.ok ? '' : again.message).toBe(true);
        if (!again.ok) return;
        expect(again.memory).toEqual(r.memory);
        expect(again.cpuCores).toBe(r.cpuCores);
        expect(again.numSlots).toBe(r.numSlots);
        expect(again.jvmArgs).toBe(r.jvmArgs);
        expect(again.dynamicConfigs).toBe(r.dynamicConfigs);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('JobManager invariants', () => {
  it('heap + off-heap = total Flink; + metaspace + overhead = process; nothing negative', () => {
    let ok = 0;
    let runs = 0;
    fc.assert(
      fc.property(config, line, (cfg, l) => {
        runs++;
        const r = resolveJobManager(cfg, { flinkVersion: l });
        if (!r.ok) return;
        ok++;
        checkJobManager(r, cfg);
      }),
      { numRuns: 1500 },
    );
    expect(ok / runs).toBeGreaterThan(0.3);
  });

  it('the -D list alone (nothing else kept) resolves to the same memory', () => {
    fc.assert(
      fc.property(config, line, (cfg, l) => {
        const r = resolveJobManager(cfg, { flinkVersion: l });
        if (!r.ok) return;
        const again = resolveJobManager(parseDynamicConfigs(r.dynamicConfigs), { flinkVersion: l });
        expect(again.ok, again.ok ? '' : again.message).toBe(true);
        if (!again.ok) return;
        expect(again.memory).toEqual(r.memory);
        expect(again.dynamicConfigs).toBe(r.dynamicConfigs);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('totality', () => {
  it('never throws on generated configs, in any line', () => {
    fc.assert(
      fc.property(config, line, (cfg, l) => {
        for (const r of [resolveTaskManager(cfg, { flinkVersion: l }), resolveJobManager(cfg, { flinkVersion: l })]) {
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the same config gives the same answer across a release line group (1.18-1.20, 2.0-2.3)', () => {
    fc.assert(
      fc.property(config, (cfg) => {
        for (const group of [['1.18', '1.19', '1.20'], ['2.0', '2.1', '2.2', '2.3']]) {
          const strip = (o: object) => JSON.stringify(o, (k, v) => (k === 'flinkVersion' || k === 'notes' ? undefined : typeof v === 'bigint' ? `${v}` : v));
          const tms = group.map((v) => strip(resolveTaskManager(cfg, { flinkVersion: v })));
          const jms = group.map((v) => strip(resolveJobManager(cfg, { flinkVersion: v })));
          expect(new Set(tms).size).toBe(1);
          expect(new Set(jms).size).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
