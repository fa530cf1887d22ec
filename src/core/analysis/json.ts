// The JSON data model of an explanation (`--json`): bytes as decimal strings, derivations as
// data, a schemaVersion that changes only when a field's meaning does.
import type { Diagnostic } from '../diagnostics.js';
import type { Explanation, RoleReport } from './explain.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';

export const EXPLAIN_SCHEMA_VERSION = 1;

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
