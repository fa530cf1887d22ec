// Runs generated files the way `docker compose up` would start them: the compose file read by
// compose.ts, each Flink service's conf directory prepared by the image's entrypoint
// (entrypoint.ts), loaded as Flink loads it, and resolved by the memory model.
import { loadConfDir } from '../conf/confdir.js';
import { entrypointInputFor, readCompose, serviceConfDir } from '../docker/compose.js';
import { applyEntrypoint } from '../docker/entrypoint.js';
import { resolveJobManagerConfig, resolveTaskManagerConfig } from '../memory/index.js';
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

/** The generated files as the containers see them after the entrypoint ran. */
export function composeRoundTrip(files: readonly GeneratedFile[], imageConf: Readonly<Record<string, string>> = {}): RoundTrip {
  const compose = files.find((f) => f.path === COMPOSE_FILE);
  if (!compose) return { ok: false, message: `no ${COMPOSE_FILE}` };
  const conf: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith(`${CONF_DIR}/`)) conf[f.path.slice(CONF_DIR.length + 1)] = f.text;
  const read = readCompose(compose.text, { file: COMPOSE_FILE });
  if (!read.ok) return { ok: false, message: read.error.message };
  const problems = read.diagnostics.filter((d) => d.severity !== 'info');
  if (problems.length > 0) return { ok: false, message: problems.map((d) => `${d.code}: ${d.message}`).join('; ') };
  const services: StartedService[] = [];
  for (const svc of read.services) {
    if (svc.role !== 'jobmanager' && svc.role !== 'taskmanager') continue;
    const dir = serviceConfDir(svc, {
      imageConf,
      read: (source, kind) => (source === `./${CONF_DIR}` && kind === 'directory' ? conf : undefined),
    });
    const bad = dir.diagnostics.filter((d) => d.severity !== 'info');
    if (bad.length > 0) return { ok: false, message: bad.map((d) => `${d.code}: ${d.message}`).join('; ') };
    const input = entrypointInputFor(svc, dir);
    if (input === null) return { ok: false, message: `service ${svc.name}: the image's Flink version is unknown` };
    const started = applyEntrypoint(input);
    if (started.resultIsError) return { ok: false, message: `service ${svc.name}: the entrypoint fails to rewrite the configuration` };
    const badStart = started.diagnostics.filter((d) => d.severity === 'error');
    if (badStart.length > 0) return { ok: false, message: badStart.map((d) => d.message).join('; ') };
    const load = loadConfDir(started.files, { flinkLine: input.flinkLine });
    if (!load.ok) return { ok: false, message: `service ${svc.name}: ${load.error.message}` };
    const version = svc.image?.flinkVersion ?? input.flinkLine;
    const base = { service: svc.name, role: svc.role, line: input.flinkLine, replicas: svc.replicas?.value ?? 1, memLimit: svc.memLimit?.value ?? null };
    if (svc.role === 'jobmanager') {
      const jm = resolveJobManagerConfig(load.config, input.flinkLine, version);
      if (!jm.ok) return { ok: false, message: `service ${svc.name}: ${jm.message}` };
      services.push({ ...base, jobManager: jm.memory });
    } else {
      const tm = resolveTaskManagerConfig(load.config, input.flinkLine, version);
      if (!tm.ok) return { ok: false, message: `service ${svc.name}: ${tm.message}` };
      services.push({ ...base, taskManager: tm.memory });
    }
  }
  return { ok: true, services };
}
