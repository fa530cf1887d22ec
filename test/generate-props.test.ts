// Properties of `flinkfit generate` over random machines and cluster shapes (fast-check): whatever
// it returns re-checks clean — the files resolve to the plan before and after the image's
// entrypoint, the budget holds, every minimum is kept, the same input gives the same bytes — and
// when nothing fits, the machine and the preset it names really would fit.
import { newestPublishedImage } from '../src/core/images.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generate,
  minimumBytes,
  plainMachine,
  verifyFiles,
  type GenerateInput,
  type StateBackendChoice,
} from '../src/core/generate/index.js';
import { availableBytes } from '../src/core/presets/index.js';
import { FLINK_LINES } from '../src/core/versions.js';
import { PRESETS, checkGenerated } from './generate-helpers.js';

const MiB = 1024n * 1024n;

const machine = fc.oneof(
  fc.constantFrom(...PRESETS).map((p) => ({ preset: p, plain: false })),
  fc.integer({ min: 256, max: 24 * 1024 }).map((m) => ({ preset: plainMachine(m), plain: true })),
);

const reserve = fc.record({
  name: fc.constantFrom('kafka', 'postgres', 'redis', 'app'),
  bytes: fc.integer({ min: 1, max: 2048 }).map((m) => BigInt(m) * MiB),
});

const inputs = fc
  .record({
    machine,
    line: fc.constantFrom(...FLINK_LINES),
    taskManagers: fc.integer({ min: 1, max: 4 }),
    slots: fc.integer({ min: 1, max: 8 }),
    stateBackend: fc.constantFrom<StateBackendChoice>('hashmap', 'rocksdb'),
    reserves: fc.array(reserve, { maxLength: 3 }),
    interval: fc.constantFrom('10s', '1min', '500ms', '30 s', '2h'),
  })
  .map(
    (r): GenerateInput => ({
      preset: r.machine.preset,
      plainMachine: r.machine.plain,
      flinkVersion: r.line,
      // a line without a published official image is generated with an image of one's own
      ...(newestPublishedImage(r.line) === null ? { image: `registry.example.com/flink:${r.line}.0-java17` } : {}),
      taskManagers: r.taskManagers,
      slots: r.slots,
      stateBackend: r.stateBackend,
      reserves: r.reserves,
      checkpointInterval: r.interval,
      checkpointDir: 'file:///opt/flink/checkpoints',
      dynamic: {},
      presets: PRESETS,
      command: 'flinkfit generate (property test)',
    }),
  );

describe('generate, over random machines and shapes', () => {
  it('every result re-checks: model, entrypoint, budget, minimums, determinism', () => {
    fc.assert(
      fc.property(inputs, (inp) => {
        const r = generate(inp);
        const available = availableBytes(inp.preset);
        const reserves = inp.reserves.reduce((a, x) => a + x.bytes, 0n);
        if (!r.ok) {
          expect(r.code).toBe('DOES_NOT_FIT');
          const n = r.needed!;
          expect(n.bytes).toBeGreaterThan(available);
          expect(n.bytes).toBe(n.jobManager + BigInt(inp.taskManagers) * n.taskManager + reserves);
          if (n.smallestPreset) {
            expect(n.smallestPreset.availableBytes).toBeGreaterThanOrEqual(n.bytes);
            // the preset it names does fit
            const there = PRESETS.find((p) => p.id === n.smallestPreset!.id)!;
            expect(generate({ ...inp, preset: there, plainMachine: false }).ok).toBe(true);
          } else {
            expect(PRESETS.every((p) => availableBytes(p) < n.bytes)).toBe(true);
          }
          if (inp.plainMachine) {
            // so does the plain machine of the memory it names
            const m = Number(n.machineMemory / MiB);
            expect(generate({ ...inp, preset: plainMachine(m) }).ok).toBe(true);
          }
          return;
        }
        const { plan, files } = r;
        expect(verifyFiles(plan, files)).toBeUndefined();
        // and `check` on the files, on that machine with those reserves, finds no error
        const checked = checkGenerated(files, inp.preset, inp.reserves);
        expect(checked.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
        const N = BigInt(inp.taskManagers);
        const used = plan.jobManager.totalProcess + N * plan.taskManager.totalProcess + reserves;
        expect(used).toBe(plan.budget.used);
        expect(used).toBeLessThanOrEqual(available);
        expect(available - used).toBeLessThan(N * MiB);
        const ctx = { taskManagers: inp.taskManagers, slots: inp.slots, stateBackend: inp.stateBackend, segmentSize: 32n * 1024n };
        const tm = plan.taskManager;
        expect(plan.jobManager.jvmHeap).toBeGreaterThanOrEqual(minimumBytes('JM_HEAP', ctx));
        expect(tm.taskHeap).toBeGreaterThanOrEqual(minimumBytes('TM_TASK_HEAP', ctx));
        expect(tm.network).toBeGreaterThanOrEqual(minimumBytes('TM_NETWORK', ctx));
        expect(tm.managed).toBeGreaterThanOrEqual(minimumBytes('TM_MANAGED', ctx));
        expect(tm.jvmMetaspace).toBeGreaterThanOrEqual(minimumBytes('TM_METASPACE', ctx));
        expect(tm.jvmOverhead).toBeGreaterThanOrEqual(minimumBytes('TM_OVERHEAD', ctx));
        // components add up to their totals, nothing negative, whole MiB
        expect(tm.frameworkHeap + tm.taskHeap + tm.frameworkOffHeap + tm.taskOffHeap + tm.network + tm.managed).toBe(tm.totalFlink);
        expect(tm.totalFlink + tm.jvmMetaspace + tm.jvmOverhead).toBe(tm.totalProcess);
        for (const v of [...Object.values(tm), ...Object.values(plan.jobManager)]) {
          expect(v >= 0n).toBe(true);
          expect(v % MiB).toBe(0n);
        }
        if (inp.stateBackend === 'hashmap') expect(tm.managed).toBe(0n);
        else expect(tm.taskHeap).toBe(minimumBytes('TM_TASK_HEAP', ctx));
        const again = generate(inp);
        expect(again.ok && again.files).toEqual(files);
      }),
      { numRuns: 150, seed: 20260125 },
    );
  });

  it('-D network.max and metaspace are honoured wherever the rest fits', () => {
    fc.assert(
      fc.property(
        inputs,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 48, max: 512 }),
        (inp, netMiB, metaMiB) => {
          const dynamic = { 'taskmanager.memory.network.max': `${netMiB}m`, 'taskmanager.memory.jvm-metaspace.size': `${metaMiB}m` };
          const r = generate({ ...inp, dynamic });
          if (!r.ok) {
            expect(['DOES_NOT_FIT', 'REFUSED']).toContain(r.code);
            return;
          }
          expect(verifyFiles(r.plan, r.files)).toBeUndefined();
          expect(r.plan.taskManager.network).toBeLessThanOrEqual(BigInt(netMiB) * MiB);
          expect(r.plan.taskManager.jvmMetaspace).toBe(BigInt(metaMiB) * MiB);
          expect(r.plan.budget.used).toBeLessThanOrEqual(r.plan.budget.available);
          const text = r.files[0]!.text;
          expect(text).toContain(`taskmanager.memory.network.max: ${netMiB}m`);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
