// Compares flinkfit's results with a vector computed by real Flink (../shared/vectors format).
// Shared by `npm run vectors` and the test suite so both judge a case the same way.
import { resolveJobManager, resolveTaskManager } from '../core/memory/index.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../core/memory/types.js';

export interface FlinkSide {
  ok: boolean;
  bytes?: Record<string, string | number>;
  jvmArgs?: string;
  dynamicConfigs?: string;
  error?: string;
}

export interface MemoryVector {
  flinkVersion: string;
  config: Record<string, string>;
  taskmanager: FlinkSide;
  jobmanager: FlinkSide;
}

/** Differences between Flink's answer and ours; empty when they agree on every field. */
export function compareSide(expected: FlinkSide, actual: TaskManagerOutcome | JobManagerOutcome, role: string): string[] {
  const diffs: string[] = [];
  if (expected.ok !== actual.ok) {
    diffs.push(
      expected.ok
        ? `${role}: Flink accepts, flinkfit refuses (${actual.ok ? '' : actual.message})`
        : `${role}: Flink refuses (${expected.error ?? ''}), flinkfit accepts`,
    );
    return diffs;
  }
  if (!expected.ok || !actual.ok) return diffs;
  const ours: Record<string, string> = {};
  for (const [k, v] of Object.entries(actual.memory)) ours[k] = String(v);
  if ('cpuCores' in actual) {
    ours.cpuCores = actual.cpuCores;
    ours.numSlots = String(actual.numSlots);
  }
  for (const [k, v] of Object.entries(expected.bytes ?? {})) {
    if (ours[k] !== String(v)) diffs.push(`${role}.${k}: Flink ${v}, flinkfit ${ours[k]}`);
  }
  if (expected.jvmArgs !== undefined && expected.jvmArgs !== actual.jvmArgs) {
    diffs.push(`${role}.jvmArgs: Flink "${expected.jvmArgs}", flinkfit "${actual.jvmArgs}"`);
  }
  if (expected.dynamicConfigs !== undefined && expected.dynamicConfigs !== actual.dynamicConfigs) {
    diffs.push(`${role}.dynamicConfigs: Flink "${expected.dynamicConfigs}", flinkfit "${actual.dynamicConfigs}"`);
  }
  return diffs;
}

export function checkMemoryVector(v: MemoryVector): string[] {
  const opts = { flinkVersion: v.flinkVersion };
  return [
    ...compareSide(v.taskmanager, resolveTaskManager(v.config, opts), 'taskmanager'),
    ...compareSide(v.jobmanager, resolveJobManager(v.config, opts), 'jobmanager'),
  ];
}
