// The small-machine minimums `flinkfit generate` sizes with (generate/minimums.ts), checked against
// what a FlinkDeployment's processes resolve to: one finding per process that misses any of them.
import type { FlinkConfig } from '../config-value.js';
import { stateBackendOf } from '../check/workload.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { MINIMUMS, MINIMUM_IDS, minimumBytes, type MinimumId, type SizingContext } from '../generate/minimums.js';
import type { JobManagerResult, TaskManagerResult } from '../memory/types.js';
import { formatBytes } from '../size.js';
import { TM } from '../options.js';
import { parseMemorySize } from '../size.js';

const COMPONENT: Record<MinimumId, (jm: JobManagerResult, tm: TaskManagerResult) => bigint> = {
  JM_HEAP: (jm) => jm.memory.jvmHeap,
  JM_OFF_HEAP: (jm) => jm.memory.offHeap,
  JM_METASPACE: (jm) => jm.memory.jvmMetaspace,
  JM_OVERHEAD: (jm) => jm.memory.jvmOverhead,
  TM_FRAMEWORK_HEAP: (_, tm) => tm.memory.frameworkHeap,
  TM_FRAMEWORK_OFF_HEAP: (_, tm) => tm.memory.frameworkOffHeap,
  TM_TASK_HEAP: (_, tm) => tm.memory.taskHeap,
  TM_NETWORK: (_, tm) => tm.memory.network,
  TM_MANAGED: (_, tm) => tm.memory.managed,
  TM_METASPACE: (_, tm) => tm.memory.jvmMetaspace,
  TM_OVERHEAD: (_, tm) => tm.memory.jvmOverhead,
};

export function minimumFindings(
  jm: JobManagerResult,
  tm: TaskManagerResult,
  slots: number,
  taskManagers: number,
  config: FlinkConfig,
  at: (role: 'jobmanager' | 'taskmanager') => { file: string; line: number; role: 'jobmanager' | 'taskmanager' },
): Diagnostic[] {
  const seg = config[TM.segmentSize.key];
  const segBytes = typeof seg === 'string' ? parseMemorySize(seg) : undefined;
  const ctx: SizingContext = {
    taskManagers,
    slots,
    stateBackend: stateBackendOf(config).backend,
    segmentSize: segBytes?.ok && segBytes.bytes > 0n ? segBytes.bytes : 32n * 1024n,
  };
  const out: Diagnostic[] = [];
  for (const role of ['jobmanager', 'taskmanager'] as const) {
    const short = MINIMUM_IDS.filter((id) => MINIMUMS[id].role === role)
      .map((id) => ({ id, has: COMPONENT[id](jm, tm), needs: minimumBytes(id, ctx) }))
      .filter((x) => x.has < x.needs);
    if (short.length === 0) continue;
    const list = short.map((x) => `${MINIMUMS[x.id].component} ${formatBytes(x.has)} < ${formatBytes(x.needs)} (${MINIMUMS[x.id].rule})`).join('; ');
    out.push(diag('K8S_BELOW_MINIMUM', `The ${role === 'jobmanager' ? 'JobManager' : 'TaskManager'} starts, but below the minimums flinkfit generate keeps: ${list}. Raise resource.memory or the component (${short.map((x) => MINIMUMS[x.id].key).join(', ')}); see docs/generate.md.`, at(role)));
  }
  return out;
}
