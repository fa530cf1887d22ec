// `check`: everything explain finds, plus what the machine and the containers impose — per
// deployment, the budget against a preset (every Flink service × replicas, the other services'
// limits, reserves), container memory limits, and the workload's use of slots and managed memory.
// Pure: takes explanations and a preset, returns findings and budgets.
import type { Explanation } from '../analysis/explain.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import type { Preset } from '../presets/index.js';
import type { DeploymentExplanation, ProcessReport, ProjectExplanation } from '../project/types.js';
import { formatBytes } from '../size.js';
import { budgetFindings, computeBudget, type Budget, type BudgetPart } from './budget.js';
import { workloadFindings } from './workload.js';
import { append } from '../arrays.js';

export interface CheckOptions {
  preset?: Preset;
  allPresets: readonly Preset[];
  reserves: ReadonlyArray<{ name: string; bytes: bigint }>;
  /** TaskManager count for a deployment that does not say (a conf directory or file) */
  taskmanagers?: number;
}

export interface DeploymentCheck {
  deployment: DeploymentExplanation;
  findings: Diagnostic[];
  budget?: Budget;
  taskmanagerCount: number;
}

export interface CheckResult {
  /** every finding of every deployment, and the notes about the inputs */
  findings: Diagnostic[];
  deployments: DeploymentCheck[];
  /** the first deployment's budget (kept for one-deployment callers) */
  budget?: Budget;
  taskmanagerCount: number;
}

const mib = (b: bigint) => Math.ceil(Number(b) / 1048576);

function containerFindings(p: ProcessReport, both: boolean, total: bigint | undefined): Diagnostic[] {
  if (p.service === null || p.at === null) return [];
  const size = total;
  if (p.memLimit === null) {
    return [
      diag('CONTAINER_LIMIT_MISSING', `service ${p.service} has no memory limit${size !== undefined ? `; set mem_limit: ${mib(size)}m (its process size${both ? 's, JobManager and TaskManager' : ''}, ${formatBytes(size)})` : ''}.`, { ...p.at, role: p.role }),
    ];
  }
  if (size !== undefined && p.memLimit.bytes < size) {
    return [
      diag('CONTAINER_LIMIT_TOO_LOW', `service ${p.service}: ${p.memLimit.from} ${p.memLimit.text} (${formatBytes(p.memLimit.bytes)}) is below the ${both ? 'JobManager and TaskManager process sizes together' : `${p.role}'s process size`} ${formatBytes(size)}; the container would be killed when the JVM grows into its budget. Raise the limit to at least ${mib(size)}m or lower the process size.`, { file: p.memLimit.file, line: p.memLimit.line, role: p.role }),
    ];
  }
  return [];
}

/** A refused process counts with the least size that would start; unknown sizes are left out. */
function processBytes(p: ProcessReport): { bytes: bigint; atLeast: boolean } | undefined {
  const o = p.report.outcome;
  if (o?.ok) return { bytes: o.memory.totalProcess, atLeast: false };
  if (p.report.fix && /\.process\.size$/.test(p.report.fix.key)) return { bytes: p.report.fix.bytes, atLeast: true };
  return undefined;
}

export function checkDeployment(d: DeploymentExplanation, opts: CheckOptions): DeploymentCheck {
  const findings: Diagnostic[] = [...d.diagnostics];
  const compose = d.kind === 'compose';
  const tmProcs = d.processes.filter((p) => p.role === 'taskmanager');
  const taskmanagerCount = compose ? tmProcs.reduce((n, p) => n + p.count, 0) : (opts.taskmanagers ?? 1);

  // container limits: a start-cluster.sh container holds both processes
  const byService = new Map<string, ProcessReport[]>();
  for (const p of d.processes) if (p.service !== null) byService.set(p.service, [...(byService.get(p.service) ?? []), p]);
  for (const procs of byService.values()) {
    const sizes = procs.map(processBytes);
    const total = sizes.every((s) => s !== undefined && !s.atLeast) ? sizes.reduce((a, s) => a + s!.bytes, 0n) : undefined;
    append(findings, containerFindings(procs[0]!, procs.length > 1, total));
  }

  // a Kubernetes deployment carries its workload findings from the manifest analysis (src/core/k8s)
  for (const p of d.kind === 'kubernetes' ? [] : tmProcs) {
    const o = p.report.outcome;
    if (o?.ok && p.report.config && 'numSlots' in o) {
      const w = workloadFindings(o, p.report.config, opts.preset, p.report.origins);
      append(findings, (p.service ? w.map((x) => ({ ...(p.at ?? {}), ...x, message: `service ${p.service}: ${x.message}` })) : w));
    }
  }

  let budget: Budget | undefined;
  // a Kubernetes deployment runs on nodes, not on the machine a VM preset describes (--node-preset)
  if (opts.preset && d.flink && d.kind !== 'kubernetes') {
    const parts: BudgetPart[] = [];
    for (const p of d.processes) {
      const s = processBytes(p);
      const count = p.service === null && p.role === 'taskmanager' ? taskmanagerCount : p.count;
      const name = `${p.role === 'jobmanager' ? 'JobManager' : 'TaskManager'}${p.service ? ` (${p.service})` : ''}`;
      if (s && count > 0) parts.push({ name, bytes: s.bytes, count, ...(s.atLeast ? { atLeast: true } : {}), ...(p.approximate ? { approximate: true } : {}) });
    }
    const reserved = new Set(opts.reserves.map((r) => r.name));
    const uncounted: string[] = [];
    for (const s of d.services) {
      if (s.flink && s.role !== null) continue;
      if (!s.active || s.completesFirst) continue;
      if (s.memoryLimit !== null) parts.push({ name: s.name, bytes: s.memoryLimit, count: s.replicas });
      else if (!reserved.has(s.name)) {
        uncounted.push(s.name);
        findings.push(diag('SERVICE_LIMIT_MISSING', `${s.name} has no memory limit: the budget cannot count it; set one or pass --reserve ${s.name}=SIZE`, { file: s.file, line: s.line }));
      }
    }
    for (const r of opts.reserves) parts.push({ name: r.name, bytes: r.bytes, count: 1 });
    if (parts.length > 0) {
      budget = computeBudget(opts.preset, parts, opts.allPresets);
      if (uncounted.length > 0) budget.uncounted = uncounted;
      const at = d.processes.find((p) => p.at !== null)?.at ?? (d.files[0] ? { file: d.files[0], line: 1 } : null);
      append(findings, budgetFindings(budget, opts.allPresets, at ?? {}));
    }
  }
  return { deployment: d, findings, taskmanagerCount, ...(budget ? { budget } : {}) };
}

export function runProjectChecks(project: ProjectExplanation, opts: CheckOptions): CheckResult {
  const deployments = project.deployments.filter((d) => d.flink).map((d) => checkDeployment(d, opts));
  const skipped = project.deployments.filter((d) => !d.flink).flatMap((d) => d.diagnostics);
  const findings = [...project.diagnostics, ...skipped, ...deployments.flatMap((d) => d.findings)];
  const first = deployments[0];
  return { findings, deployments, taskmanagerCount: first?.taskmanagerCount ?? 0, ...(first?.budget ? { budget: first.budget } : {}) };
}

/** One explanation checked on its own (a conf directory's or a single compose file's). */
export function runChecks(e: Explanation | DeploymentExplanation, opts: CheckOptions): CheckResult {
  const d: DeploymentExplanation =
    'processes' in e
      ? e
      : {
          ...e,
          kind: 'file',
          files: [],
          label: '',
          flink: true,
          services: [],
          processes: (['taskmanager', 'jobmanager'] as const).map((role) => {
            const report = e[role];
            const at = report.configFile ? { file: report.configFile, line: 1 } : null;
            return { role, service: null, count: 1, flinkVersion: e.flinkVersion, line: e.line, approximate: null, report, memLimit: null, at };
          }),
        };
  return runProjectChecks({ deployments: [d], diagnostics: [] }, opts);
}

/** 0 fine, 1 an error-level finding (warnings too with strict). */
export function checkExitCode(findings: readonly Diagnostic[], strict: boolean): 0 | 1 {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning')) ? 1 : 0;
}
