// What Flink does with a set of config files: which file it reads, the values it ends up with, the
// TaskManager and JobManager memory it computes (or why it refuses), and the warnings a user needs.
import type { FlinkConfig } from '../config-value.js';
import { loadConfDir, type ConfDiagnostic, type ConfLoad, type ConfOrigin } from '../conf/confdir.js';
import { DIAGNOSTIC_INFO, diag, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { resolveJobManagerConfig } from '../memory/jobmanager.js';
import { resolveTaskManagerConfig } from '../memory/taskmanager.js';
import type { Derivation, JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import { formatBytes } from '../size.js';
import { sz } from '../memory/reader.js';
import { type FlinkLine } from '../versions.js';
import { defaultsInTheWay, smallestFix, type DefaultInTheWay, type SizeFix } from './fix.js';
import { keyDiagnostics } from './keys.js';

export type Role = 'taskmanager' | 'jobmanager';

export interface RoleReport<O> {
  /** where this process's configuration comes from, for display */
  source: string;
  /** the file Flink read, or null */
  configFile: string | null;
  /** the configuration as Flink holds it after loading (null when loading failed) */
  config: FlinkConfig | null;
  origins: Record<string, ConfOrigin>;
  /** Flink's memory result; null when the configuration could not be loaded at all */
  outcome: O | null;
  /** when refused: the least process (or total Flink) size that starts, all else unchanged */
  fix?: SizeFix;
  /** when refused: defaults that take part of the memory, largest first (the other way out) */
  defaults?: DefaultInTheWay[];
}

export interface Explanation {
  flinkVersion: string;
  line: FlinkLine;
  taskmanager: RoleReport<TaskManagerOutcome>;
  jobmanager: RoleReport<JobManagerOutcome>;
  diagnostics: Diagnostic[];
}

export interface ConfDirInput {
  /** file name -> exact text, as the conf directory holds them */
  files: Readonly<Record<string, string>>;
  /** how to name each file in messages (its path as the user gave it); defaults to the name */
  labels?: Readonly<Record<string, string>>;
  dynamic?: Readonly<Record<string, string>>;
  line: FlinkLine;
  version: string;
  /** shown as the source of both processes' configuration */
  source?: string;
}

function fromConfDiagnostic(d: ConfDiagnostic, labels: Readonly<Record<string, string>>, role?: Role): Diagnostic {
  const code: DiagnosticCode = d.code in DIAGNOSTIC_INFO ? (d.code as DiagnosticCode) : d.severity === 'error' ? 'CONFIG_LOAD_ERROR' : 'FLAT_LINE_SKIPPED';
  // the loader knows best how much a finding matters here (a log4j file beside the config is only a note)
  const out: Diagnostic = { code, severity: d.severity, message: d.message };
  if (d.file !== undefined) out.file = labels[d.file] ?? d.file;
  if (d.line !== undefined) out.line = d.line;
  if (d.key !== undefined) out.key = d.key;
  if (role) out.role = role;
  return out;
}

export interface LoadedRole {
  report: RoleReport<TaskManagerOutcome> | RoleReport<JobManagerOutcome>;
  diagnostics: Diagnostic[];
}

/** A conf directory loaded once for both processes, its origins named as the user named the files. */
interface SharedLoad {
  load: ConfLoad;
  origins: Record<string, ConfOrigin>;
}

function loadShared(input: ConfDirInput): SharedLoad {
  const labels = input.labels ?? {};
  // the loader labels its origins itself, so a large file has one origin object per key, not two
  const load = loadConfDir(input.files, { flinkLine: input.line, labels, ...(input.dynamic ? { dynamic: input.dynamic } : {}) });
  const origins: Record<string, ConfOrigin> = load.ok ? load.origins : (Object.create(null) as Record<string, ConfOrigin>);
  if (load.ok) {
    // one origin object per file without a line (-D), not one per key
    const relabelled = new Map<string, ConfOrigin>();
    for (const k in origins) {
      const o = origins[k]!;
      if (o.line !== undefined) continue;
      const file = labels[o.file] ?? o.file;
      let shared = relabelled.get(file);
      if (!shared) relabelled.set(file, (shared = { file }));
      origins[k] = shared;
    }
  }
  return { load, origins };
}

/** Loads a conf directory as Flink does and resolves one process's memory from it. */
export function analyzeRole(role: Role, input: ConfDirInput, shared: SharedLoad = loadShared(input)): LoadedRole {
  const labels = input.labels ?? {};
  const { load } = shared;
  const diagnostics = load.diagnostics.map((d) => fromConfDiagnostic(d, labels));
  const source = input.source ?? (load.configFile ? labels[load.configFile] ?? load.configFile : 'no config file');
  if (!load.ok) {
    diagnostics.push(fromConfDiagnostic(load.error, labels));
    return { report: { source, configFile: load.configFile, config: null, origins: {}, outcome: null }, diagnostics };
  }
  const origins = shared.origins;
  for (const d of keyDiagnostics(load.config, input.line, origins)) diagnostics.push(d);
  const outcome =
    role === 'taskmanager'
      ? resolveTaskManagerConfig(load.config, input.line, input.version)
      : resolveJobManagerConfig(load.config, input.line, input.version);
  const report: RoleReport<TaskManagerOutcome | JobManagerOutcome> = { source, configFile: load.configFile, config: load.config, origins, outcome };
  if (!outcome.ok) {
    const fix = smallestFix(load.config, input.line, role, outcome.code);
    if (fix) report.fix = fix;
    const defaults = defaultsInTheWay(outcome.partial, outcome.code);
    if (defaults.length > 0) report.defaults = defaults;
    const firstKey = outcome.keys.find((k) => origins[k]);
    const where = firstKey ? { key: firstKey, ...origins[firstKey] } : {};
    const fixText = fix ? ` It starts with ${fix.key}: ${fix.bytes / (1024n * 1024n)}m (${sz(fix.bytes)}) or more.` : '';
    diagnostics.push(diag(role === 'taskmanager' ? 'TM_REFUSED' : 'JM_REFUSED', `${outcome.message}${whereTotalFlinkCameFrom(outcome)}${fixText}`, { ...where, role }));
  }
  return { report: report as LoadedRole['report'], diagnostics };
}

/** "Total Flink memory is what the process size leaves: 500 MiB − …" when that is how it came about. */
function whereTotalFlinkCameFrom(o: { partial?: Record<string, { bytes: bigint; derivation: Derivation }> }): string {
  const p = o.partial ?? {};
  const proc = p.totalProcess;
  const meta = p.jvmMetaspace;
  const over = p.jvmOverhead;
  const flink = p.totalFlink;
  if (!proc || !meta || !over || !flink) return '';
  const overNote = over.derivation.kind === 'fraction' && over.derivation.clamped === 'min' ? ' (raised to its minimum)' : '';
  return ` Total Flink memory is what the process size leaves: ${formatBytes(proc.bytes)} − JVM metaspace ${formatBytes(meta.bytes)} − JVM overhead ${formatBytes(over.bytes)}${overNote} = ${formatBytes(flink.bytes)}.`;
}

/** Both processes from one conf directory (a plain config file or a --configDir). */
export function explainConfDir(input: ConfDirInput): Explanation {
  const shared = loadShared(input);
  const tm = analyzeRole('taskmanager', input, shared);
  const jm = analyzeRole('jobmanager', input, shared);
  return {
    flinkVersion: input.version,
    line: input.line,
    taskmanager: tm.report as RoleReport<TaskManagerOutcome>,
    jobmanager: jm.report as RoleReport<JobManagerOutcome>,
    diagnostics: dedupe([...tm.diagnostics, ...jm.diagnostics]),
  };
}

/** The same file warning reached through both processes is said once. */
export function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}|${d.file ?? ''}|${d.line ?? ''}|${d.key ?? ''}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
