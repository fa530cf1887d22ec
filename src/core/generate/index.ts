// `flinkfit generate`, pure: a machine and a cluster shape in, the files out — after checking that
// the written config file, loaded back and run through the image's entrypoint, resolves to exactly
// the memory the solver chose.
import { loadConfDir } from '../conf/confdir.js';
import { resolveJobManagerConfig, resolveTaskManagerConfig } from '../memory/index.js';
import type { JobManagerMemory, TaskManagerMemory } from '../memory/types.js';
import { renderFiles } from './files.js';
import { composeRoundTrip } from './roundtrip.js';
import { fail, solve } from './solver.js';
import type { GenerateInput, GenerateResult, GeneratedFile, Plan } from './types.js';

export * from './types.js';
export { MINIMUMS, MINIMUM_IDS, NETWORK_EXCHANGES, minimumBytes, standardBytes, networkBuffers, type MinimumId, type MinimumInfo } from './minimums.js';
export { plainMachine, plainMemoryFor, plainSystemReservedMiB, smallestPresetFor } from './machine.js';
export { solve, sizeText, chooseImage } from './solver.js';
export { renderFiles, renderCompose, renderConfig, renderLog4j, budgetLine, COMPOSE_FILE, CONF_DIR, LOG4J_FILE, INIT_IMAGE, INIT_SERVICE } from './files.js';
export { configFileName } from './conf-file.js';
export { composeRoundTrip, type RoundTrip, type StartedService } from './roundtrip.js';
export { checkpointIntervalError, checkpointDirKey, imageTag, imageJavaOpts, DEFAULT_CHECKPOINT_DIR, DEFAULT_CHECKPOINT_INTERVAL, FLAG_KEYS } from './setup.js';

function sameMemory(a: JobManagerMemory | TaskManagerMemory, b: JobManagerMemory | TaskManagerMemory): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === (b as typeof a)[k]);
}

/** Checks generated files against their plan; returns what differs, or undefined when nothing does. */
export function verifyFiles(plan: Plan, files: readonly GeneratedFile[]): string | undefined {
  const conf: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith('conf/')) conf[f.path.slice(5)] = f.text;
  const load = loadConfDir(conf, { flinkLine: plan.line });
  if (!load.ok) return `the config file does not load: ${load.error.message}`;
  const jm = resolveJobManagerConfig(load.config, plan.line, plan.version);
  const tm = resolveTaskManagerConfig(load.config, plan.line, plan.version);
  if (!jm.ok) return `Flink refuses the JobManager configuration: ${jm.message}`;
  if (!tm.ok) return `Flink refuses the TaskManager configuration: ${tm.message}`;
  if (!sameMemory(jm.memory, plan.jobManager)) return 'the JobManager resolves differently from the plan';
  if (!sameMemory(tm.memory, plan.taskManager)) return 'the TaskManager resolves differently from the plan';
  const rt = composeRoundTrip(files);
  if (!rt.ok) return `started by the image's entrypoint: ${rt.message}`;
  const jms = rt.services.filter((s) => s.role === 'jobmanager');
  const tms = rt.services.filter((s) => s.role === 'taskmanager');
  if (jms.length !== 1 || tms.length !== 1) return 'the compose file does not have one jobmanager and one taskmanager service';
  const [j, t] = [jms[0]!, tms[0]!];
  if (!sameMemory(j.jobManager!, plan.jobManager)) return 'after the entrypoint, the JobManager resolves differently from the plan';
  if (!sameMemory(t.taskManager!, plan.taskManager)) return 'after the entrypoint, the TaskManager resolves differently from the plan';
  if (j.memLimit !== plan.jobManager.totalProcess || t.memLimit !== plan.taskManager.totalProcess) return 'a container memory limit differs from its process size';
  if (t.replicas !== plan.taskManagers) return 'the taskmanager replicas differ from --taskmanagers';
  return undefined;
}

export function generate(input: GenerateInput): GenerateResult {
  const r = solve(input);
  if (!r.ok) return r;
  const files = renderFiles(r.plan);
  const problem = verifyFiles(r.plan, files);
  if (problem !== undefined) {
    const given = Object.keys(input.dynamic);
    return fail('REFUSED', `The generated files would not run as planned${given.length > 0 ? ` (with -D ${given.join(', -D ')})` : ''}: ${problem}.`);
  }
  return { ok: true, plan: r.plan, files };
}
