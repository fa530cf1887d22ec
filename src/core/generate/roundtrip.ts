// Runs generated files the way `docker compose up` would start them, through the very code of
// `flinkfit explain docker-compose.yml` (the code that reproduces the shared entrypoint vectors):
// each Flink service's conf directory prepared by the image's entrypoint, loaded and resolved.
import { explainCompose } from '../project/single.js';
import type { JobManagerMemory, TaskManagerMemory } from '../memory/types.js';
import type { FlinkLine } from '../versions.js';
import { COMPOSE_FILE, CONF_DIR } from './files.js';
import type { GeneratedFile } from './types.js';

export interface StartedService {
  service: string;
  role: 'jobmanager' | 'taskmanager';
  line: FlinkLine;
  replicas: number;
  memLimit: bigint | null;
  jobManager?: JobManagerMemory;
  taskManager?: TaskManagerMemory;
}

export type RoundTrip = { ok: true; services: StartedService[] } | { ok: false; message: string };

const USER_KEY_NOTES = new Set(['SIZE_WITHOUT_UNIT', 'DEPRECATED_KEY', 'LEGACY_KEY', 'KEY_IGNORED_BY_VERSION', 'UNKNOWN_MEMORY_KEY', 'OPTION_SET_TWICE']);

/** The generated files as the containers see them after the entrypoint ran. */
export function composeRoundTrip(files: readonly GeneratedFile[]): RoundTrip {
  const compose = files.find((f) => f.path === COMPOSE_FILE);
  if (!compose) return { ok: false, message: `no ${COMPOSE_FILE}` };
  const conf: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith(`${CONF_DIR}/`)) conf[f.path.slice(CONF_DIR.length + 1)] = f.text;
  const e = explainCompose({
    path: COMPOSE_FILE,
    text: compose.text,
    read: (source, kind) => (source === `./${CONF_DIR}` && kind === 'directory' ? conf : undefined),
  });
  // anything worse than a note about the compose file or the image's start is a defect of ours;
  // how the user's own -D keys are written (deprecated names, no unit) is theirs to keep
  const problems = e.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && !USER_KEY_NOTES.has(d.code)));
  if (problems.length > 0) return { ok: false, message: problems.map((d) => `${d.code}: ${d.message}`).join('; ') };
  const services: StartedService[] = [];
  for (const p of e.processes) {
    if (p.service === null) continue;
    const o = p.report.outcome;
    if (o === null) return { ok: false, message: `service ${p.service}: Flink cannot load the configuration` };
    if (!o.ok) return { ok: false, message: `service ${p.service}: ${o.message}` };
    const base = { service: p.service, role: p.role, line: p.line, replicas: p.count, memLimit: p.memLimit?.bytes ?? null };
    services.push(p.role === 'jobmanager' ? { ...base, jobManager: o.memory as JobManagerMemory } : { ...base, taskManager: o.memory as TaskManagerMemory });
  }
  return { ok: true, services };
}
