// The JSON data model of an explanation (`--json`): bytes as decimal strings, derivations as
// data, a schemaVersion that changes only when a field's meaning does.
import type { Diagnostic } from '../diagnostics.js';
import type { Explanation, RoleReport } from './explain.js';
import type { DeploymentExplanation, ProjectExplanation, ServiceSummary } from '../project/types.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import { kubernetesJson } from '../k8s/json.js';

export const EXPLAIN_SCHEMA_VERSION = 2;

/** bigint -> decimal string, recursively, so JSON keeps every byte exactly. */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = jsonSafe(x);
    return o;
  }
  return v;
}

function role(r: RoleReport<TaskManagerOutcome | JobManagerOutcome>): unknown {
  const base = { source: r.source, configFile: r.configFile };
  const o = r.outcome;
  if (o === null) return { ...base, ok: false, code: 'CONFIG_LOAD_ERROR', message: 'Flink cannot load the configuration.' };
  if (!o.ok) return jsonSafe({ ...base, ok: false, code: o.code, keys: o.keys, message: o.message, numbers: o.numbers, fix: r.fix, lowerDefaults: r.defaults });
  return jsonSafe({
    ...base,
    ok: true,
    memory: o.memory,
    ...('cpuCores' in o ? { cpuCores: o.cpuCores, numSlots: o.numSlots } : {}),
    jvmArgs: o.jvmArgs,
    dynamicConfigs: o.dynamicConfigs,
    derivations: o.derivations,
    notes: o.notes,
  });
}

export function explanationToJson(e: Explanation): unknown {
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    flinkVersion: e.flinkVersion,
    taskmanager: role(e.taskmanager),
    jobmanager: role(e.jobmanager),
    diagnostics: e.diagnostics.map(diagnosticJson),
  };
}

/** One finding as data, the same shape in explain --json and check --format json. */
export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { code: d.code, severity: d.severity, file: d.file ?? null, line: d.line ?? null, key: d.key ?? null, message: d.message, ...(d.role ? { role: d.role } : {}) };
}

/** A service of a compose deployment as data (`check --format json` and `explain --json`). */
export function serviceJson(s: ServiceSummary): Record<string, unknown> {
  return {
    name: s.name,
    flink: s.flink,
    why: s.why,
    role: s.role,
    image: s.image,
    flinkVersion: s.flinkVersion,
    versionFrom: s.versionFrom,
    replicas: s.replicas,
    processSize: s.processSize === null ? null : s.processSize.toString(),
    memoryLimit: s.memoryLimit === null ? null : s.memoryLimit.toString(),
    ok: s.ok,
    active: s.active,
  };
}

/** A deployment as data: its kind and files, every service, every Flink process. */
export function deploymentJson(d: DeploymentExplanation): Record<string, unknown> {
  return {
    kind: d.kind,
    files: d.files,
    flink: d.flink,
    flinkVersion: d.flinkVersion,
    services: d.services.map(serviceJson),
    processes: d.processes.map((p) => ({ role: p.role, service: p.service, count: p.count, flinkVersion: p.flinkVersion, approximate: p.approximate, ...(role(p.report) as Record<string, unknown>) })),
    diagnostics: d.diagnostics.map(diagnosticJson),
    ...(d.kubernetes ? { kubernetes: kubernetesJson(d.kubernetes) } : {}),
  };
}

/**
 * `explain --json`: every deployment; the top-level taskmanager/jobmanager (schema 1's fields)
 * describe the first deployment's first TaskManager and JobManager.
 */
export function projectToJson(p: ProjectExplanation): unknown {
  const first = p.deployments.find((d) => d.flink) ?? p.deployments[0];
  const all = [...p.diagnostics, ...p.deployments.flatMap((d) => d.diagnostics)];
  return {
    schemaVersion: EXPLAIN_SCHEMA_VERSION,
    flinkVersion: first?.flinkVersion ?? null,
    taskmanager: first?.processes.some((x) => x.role === 'taskmanager') ? role(first.taskmanager) : null,
    jobmanager: first?.processes.some((x) => x.role === 'jobmanager') ? role(first.jobmanager) : null,
    diagnostics: all.map(diagnosticJson),
    deployments: p.deployments.map(deploymentJson),
  };
}
