// The project model: deployments found in the user's inputs, each explained on its own — a
// Compose project through the loader and its Flink services, a conf directory or config files
// through Flink's loader for both processes.
import { chooseVersion } from '../analysis/inputs.js';
import { explainConfDir } from '../analysis/explain.js';
import { displayPath } from '../compose/paths.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { discover, type DiscoverOptions, type Plan, type ProjectFs } from './discover.js';
import type { DeploymentExplanation, ProjectExplanation } from './types.js';
import type { OperatorVersion } from '../k8s/operator.js';
import { append, prepend } from '../arrays.js';

export type { DeploymentExplanation, ProjectExplanation, ProcessReport, ServiceSummary } from './types.js';
export { discover, holdsFlinkOptions, type ProjectFs, type Plan } from './discover.js';

export interface ExplainProjectOptions extends Omit<DiscoverOptions, 'fs'> {
  fs: ProjectFs;
  /** the shell environment: interpolation and `environment` entries without a value */
  env: Readonly<Record<string, string>>;
  envFiles?: string[];
  profiles?: string[];
  flinkVersion?: string;
  dynamic?: Readonly<Record<string, string>>;
  /** the Flink Kubernetes Operator release manifests are read for (default: the newest) */
  operatorVersion?: OperatorVersion;
}

export type ProjectResult = { ok: true; project: ProjectExplanation } | { ok: false; message: string };

export type ComposePlanExplainer = (plan: Extract<Plan, { kind: 'compose' }>, opts: ExplainProjectOptions, label: (f: string) => string) => DeploymentExplanation;
export type KubernetesPlanExplainer = (plan: Extract<Plan, { kind: 'kubernetes' }>, opts: ExplainProjectOptions, label: (f: string) => string) => DeploymentExplanation[];

/**
 * Explains what `discover` found. The compose reader is handed in (compose-plan.ts), so a caller
 * with only config files never loads the YAML and Compose code.
 */
export function explainProject(opts: ExplainProjectOptions, found: ReturnType<typeof discover> = discover(opts), composePlan?: ComposePlanExplainer, kubernetesPlan?: KubernetesPlanExplainer): ProjectResult {
  const label = (f: string) => displayPath(opts.cwd, f);
  if (found.missing.length > 0) return { ok: false, message: `cannot read ${found.missing.map(label).join(', ')}: no such file or directory` };
  // notes name paths as the user knows them: relative to the current directory
  const rel = (m: string) => m.split(`${opts.cwd.replace(/\/+$/, '')}/`).join('').split(opts.cwd.replace(/\/+$/, '')).join('.');
  const diagnostics: Diagnostic[] = found.notes.map((n) => diag(n.code, rel(n.message), n.file ? { file: label(n.file) } : {}));
  const deployments: DeploymentExplanation[] = [];
  for (const plan of found.plans) {
    if (plan.kind === 'kubernetes') {
      if (!kubernetesPlan) return { ok: false, message: 'internal: the manifest reader was not loaded' };
      append(deployments, kubernetesPlan(plan, opts, label));
      continue;
    }
    const d = explainPlan(plan, opts, label, composePlan);
    if ('error' in d) return { ok: false, message: d.error };
    deployments.push(d);
  }
  return { ok: true, project: { deployments, diagnostics } };
}

function explainPlan(plan: Plan, opts: ExplainProjectOptions, label: (f: string) => string, composePlan?: ComposePlanExplainer): DeploymentExplanation | { error: string } {
  if (plan.kind === 'compose') {
    if (!composePlan) return { error: 'internal: the compose reader was not loaded' };
    return composePlan(plan, opts, label);
  }
  if (plan.kind === 'kubernetes') return { error: 'internal: manifests are explained apart' };
  const labels: Record<string, string> = {};
  for (const [n, p] of Object.entries(plan.paths)) labels[n] = label(p);
  const choice = chooseVersion(opts.flinkVersion, plan.files);
  if ('error' in choice) return { error: choice.error };
  const e = explainConfDir({ files: plan.files, labels, line: choice.line, version: choice.version, ...(opts.dynamic ? { dynamic: opts.dynamic } : {}) });
  prepend(e.diagnostics, choice.diagnostics);
  // budget and limit findings point at the line that sets the process size, else at the file
  const at = (f: string | null, role: 'taskmanager' | 'jobmanager') => {
    const o = (role === 'taskmanager' ? e.taskmanager : e.jobmanager).origins[`${role}.memory.process.size`];
    if (o?.line !== undefined) return { file: o.file, line: o.line };
    return f ? { file: labels[f] ?? f, line: 1 } : null;
  };
  return {
    ...e,
    kind: plan.kind,
    files: Object.values(labels),
    label: plan.kind === 'confdir' ? label(plan.dir) : Object.values(labels).join(', '),
    flink: true,
    processes: [
      { role: 'taskmanager', service: null, count: 1, flinkVersion: e.flinkVersion, line: e.line, approximate: null, report: e.taskmanager, memLimit: null, at: at(e.taskmanager.configFile, 'taskmanager') },
      { role: 'jobmanager', service: null, count: 1, flinkVersion: e.flinkVersion, line: e.line, approximate: null, report: e.jobmanager, memLimit: null, at: at(e.jobmanager.configFile, 'jobmanager') },
    ],
    services: [],
  };
}
