// Checks that compare the TaskManager's shape with what runs on it: slots against the machine's
// CPUs, managed memory against the state backend that would (or would not) use it.
import type { FlinkConfig } from '../config-value.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import type { TaskManagerResult } from '../memory/types.js';
import { rawText } from '../memory/reader.js';
import type { Preset } from '../presets/index.js';
import { formatBytes } from '../size.js';

export type StateBackend = 'hashmap' | 'rocksdb';

/** state.backend.type (or the older state.backend); Flink's default is the hashmap (heap) backend. */
export function stateBackendOf(config: FlinkConfig): { backend: StateBackend; key?: string; value?: string; explicit: boolean } {
  for (const key of ['state.backend.type', 'state.backend']) {
    const v = config[key];
    if (v === undefined) continue;
    const t = rawText(v).trim().toLowerCase();
    // rocksdb, its factory class, and ForSt (Flink 2.x's disaggregated RocksDB fork) use managed memory
    const backend: StateBackend = /rocksdb|forst/.test(t) ? 'rocksdb' : 'hashmap';
    return { backend, key, value: rawText(v).trim(), explicit: true };
  }
  return { backend: 'hashmap', explicit: false };
}

export function workloadFindings(tm: TaskManagerResult, config: FlinkConfig, preset: Preset | undefined, origins: Readonly<Record<string, { file: string; line?: number }>> = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (key: string) => ({ key, role: 'taskmanager' as const, ...(origins[key] ?? {}) });
  if (preset && tm.numSlots > preset.vcpus * 2) {
    const sustained = preset.sustainedVcpus !== undefined ? ` (${preset.sustainedVcpus} sustained)` : '';
    out.push(
      diag('SLOTS_ABOVE_VCPUS', `taskmanager.numberOfTaskSlots is ${tm.numSlots} on ${preset.id}, which has ${preset.vcpus} vCPUs${sustained}: the slots would mostly wait for CPU. Use at most ${preset.vcpus * 2}.`, where('taskmanager.numberOfTaskSlots')),
    );
  }
  const sb = stateBackendOf(config);
  if (sb.backend === 'hashmap' && tm.memory.managed > 0n) {
    const how = sb.explicit ? `${sb.key} is ${sb.value}${sb.value?.toLowerCase() === 'hashmap' ? '' : ' (a heap backend, like hashmap)'}` : 'no state backend is set, so Flink uses hashmap';
    out.push(
      diag('MANAGED_MEMORY_UNUSED', `${formatBytes(tm.memory.managed)} of managed memory is reserved, but ${how}, which keeps state on the task heap. Unless the job is batch or Python, set taskmanager.memory.managed.fraction: 0 and the task heap grows by that much.`, where(sb.key ?? 'taskmanager.memory.managed.fraction')),
    );
  }
  if (sb.backend === 'rocksdb' && tm.memory.managed === 0n) {
    out.push(
      diag('MANAGED_MEMORY_MISSING', `${sb.key} is RocksDB but managed memory is 0: RocksDB then allocates native memory without a bound. Give it managed memory (taskmanager.memory.managed.size or .fraction).`, where(sb.key ?? 'state.backend.type')),
    );
  }
  return out;
}
