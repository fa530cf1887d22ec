// The library never throws (issue 10): wrong argument types give INVALID_ARGUMENT, numbers and
// booleans are taken as a parsed config.yaml hands them over. Property tests with fixed seeds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, parseMemorySize, resolveJobManager, resolveTaskManager } from '../src/index.js';

const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true });

describe('library arguments', () => {
  it.each([
    ['parseMemorySize(undefined)', () => parseMemorySize(undefined)],
    ['parseMemorySize(null)', () => parseMemorySize(null)],
    ['parseMemorySize({})', () => parseMemorySize({})],
  ])('%s is INVALID_ARGUMENT', (_n, call) => {
    expect(call()).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('takes a number of bytes as config.yaml would: 1024 is "1024"', () => {
    expect(parseMemorySize(1024)).toEqual(parseMemorySize('1024'));
    expect(parseMemorySize(1024)).toEqual({ ok: true, bytes: 1024n });
    expect(parseMemorySize(1.5)).toEqual(parseMemorySize('1.5'));
    expect(parseMemorySize(true)).toEqual(parseMemorySize('true'));
  });

  it.each([
    ['null config', () => resolveTaskManager(null)],
    ['numeric config', () => resolveTaskManager(42)],
    ['array config', () => resolveJobManager([])],
    ['null value', () => resolveTaskManager({ 'taskmanager.memory.process.size': null })],
    ['object value', () => resolveJobManager({ 'jobmanager.memory.process.size': {} })],
    ['options not an object', () => resolveTaskManager({}, 'x')],
    ['boolean flinkVersion', () => resolveTaskManager({}, { flinkVersion: true })],
  ])('%s gives INVALID_ARGUMENT', (_n, call) => {
    expect(call()).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('null options mean the defaults; a numeric flinkVersion reads as YAML prints it (2.0 as "2.0")', () => {
    const config = { 'taskmanager.memory.process.size': '1g' };
    expect(resolveTaskManager(config, null)).toEqual(resolveTaskManager(config));
    expect(resolveTaskManager(config, { flinkVersion: 2.0 })).toEqual(resolveTaskManager(config, { flinkVersion: '2.0' }));
    expect(resolveTaskManager(config, { flinkVersion: 1.19 })).toEqual(resolveTaskManager(config, { flinkVersion: '1.19' }));
  });

  it('a number value is the YAML int: the same memory as its text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom('1.20', '2.2'), (bytes, flinkVersion) => {
        const a = resolveTaskManager({ 'taskmanager.memory.process.size': bytes }, { flinkVersion });
        const b = resolveTaskManager({ 'taskmanager.memory.process.size': String(bytes) }, { flinkVersion });
        expect(a.ok).toBe(b.ok);
        if (a.ok && b.ok) expect(a.memory).toEqual(b.memory);
      }),
      { numRuns: 150, seed: 1010 },
    );
  });
});

describe('the library never throws (properties)', () => {
  it('parseMemorySize: any argument; results consistent with formatBytes', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.string(), fc.stringMatching(/^\s*\d{1,25}\s*[a-zA-Z]{0,10}\s*$/)), (x) => {
        const r = parseMemorySize(x);
        if (r.ok) {
          expect(r.bytes >= 0n && r.bytes <= 2n ** 63n - 1n).toBe(true);
          expect(typeof formatBytes(r.bytes)).toBe('string');
        } else {
          expect(typeof r.reason).toBe('string');
        }
      }),
      { numRuns: 2000, seed: 10 },
    );
  });

  it('resolveTaskManager / resolveJobManager: any config, any options', () => {
    const key = fc.oneof(fc.constantFrom('taskmanager.memory.process.size', 'taskmanager.memory.flink.size', 'taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size', 'taskmanager.memory.managed.fraction', 'taskmanager.memory.network.fraction', 'taskmanager.heap.size', 'jobmanager.memory.process.size', 'jobmanager.memory.heap.size', 'jobmanager.memory.jvm-overhead.fraction', 'taskmanager.numberOfTaskSlots', '__proto__', 'constructor'), fc.string());
    const value = fc.oneof(fc.constantFrom('1g', '512m', '0', '-1', '0.4', '1e3', ' 64 mb ', '9223372036854775807', '99999999999999999999t', 'NaN'), fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.bigInt(), anything);
    const config = fc.oneof(fc.dictionary(key, value, { maxKeys: 8 }), anything);
    const options = fc.oneof(fc.constant(undefined), fc.record({ flinkVersion: fc.oneof(fc.constantFrom('1.18', '1.19', '1.20', '2.0', '2.2', '2.3', '3.0', ''), fc.double(), anything) }, { requiredKeys: [] }), anything);
    fc.assert(
      fc.property(config, options, (c, o) => {
        for (const r of [resolveTaskManager(c, o), resolveJobManager(c, o)]) {
          expect(typeof r.ok).toBe('boolean');
          if (r.ok) {
            expect(Object.values(r.memory).every((m) => typeof m === 'bigint' && m >= 0n)).toBe(true);
            expect(r.jvmArgs).toMatch(/-Xmx\d+/);
          } else {
            expect(typeof r.code).toBe('string');
            expect(typeof r.message).toBe('string');
          }
        }
      }),
      { numRuns: 1500, seed: 11 },
    );
  });
});
