// The case that motivated flinkfit (../shared/seed): TaskManager process 500mb with network
// 0.1 / 32mb / 64mb and one slot, JobManager process 512mb. Real Flink refuses both on every
// supported line (row 1 of each vector file); flinkfit must agree and explain why with the numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainConfDir } from '../src/core/analysis/explain.js';
import { compareSide, type MemoryVector } from '../src/testing/vectors.js';
import { FLINK_LINES, LATEST_PATCH } from '../src/core/versions.js';

const root = new URL('../', import.meta.url);
const flat = readFileSync(new URL('examples/seed/flink-conf.yaml', root), 'utf8');
const yaml = readFileSync(new URL('test/fixtures/seed-config-yaml/config.yaml', root), 'utf8');

describe.each(FLINK_LINES)('the seed on Flink %s', (line) => {
  const vector = JSON.parse(readFileSync(new URL(`../shared/vectors/flink-${line}.jsonl`, root), 'utf8').split('\n')[0]!) as MemoryVector;
  // 1.x reads the write-up's flink-conf.yaml; 2.x needs the same settings in config.yaml
  const files: Record<string, string> = line.startsWith('1.') ? { 'flink-conf.yaml': flat } : { 'config.yaml': yaml };
  const e = explainConfDir({ files, line, version: LATEST_PATCH[line] });

  it('is the first case of the shared vectors, and both processes are refused as Flink refuses them', () => {
    expect(vector.config['taskmanager.memory.process.size']).toBe('500mb');
    expect(compareSide(vector.taskmanager, e.taskmanager.outcome!, 'taskmanager')).toEqual([]);
    expect(compareSide(vector.jobmanager, e.jobmanager.outcome!, 'jobmanager')).toEqual([]);
    expect(e.taskmanager.outcome!.ok).toBe(false);
    expect(e.jobmanager.outcome!.ok).toBe(false);
  });

  it('explains the TaskManager refusal with the numbers and the smallest fix', () => {
    const d = e.diagnostics.find((x) => x.code === 'TM_REFUSED')!;
    expect(d.message).toContain('52 MiB'); // 500 − 256 metaspace − 192 overhead (its minimum)
    expect(d.message).toContain('500 MiB − JVM metaspace 256 MiB − JVM overhead 192 MiB (raised to its minimum) = 52 MiB');
    expect(d.message).toContain('309 MiB'); // 128 + 128 + 0 + 20.8 managed + 32 network
    expect(e.taskmanager.fix).toEqual({ key: 'taskmanager.memory.process.size', bytes: 961n * 1048576n });
    expect(d.key).toBe('taskmanager.memory.process.size');
  });

  it('explains the JobManager refusal with the numbers and the smallest fix', () => {
    const d = e.diagnostics.find((x) => x.code === 'JM_REFUSED')!;
    expect(d.message).toContain('64 MiB');
    expect(d.message).toContain('128 MiB');
    expect(e.jobmanager.fix).toEqual({ key: 'jobmanager.memory.process.size', bytes: 577n * 1048576n });
  });
});
