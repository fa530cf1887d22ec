// `check`: everything explain finds, plus what the machine and the containers impose — the
// budget against a preset, container memory limits, and the workload's use of slots and managed
// memory. Pure: takes an explanation and a preset, returns findings and the budget.
import type { ComposeExplanation, ComposeFacts } from '../analysis/compose.js';
import type { Explanation } from '../analysis/explain.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import type { Preset } from '../presets/index.js';
import { formatBytes } from '../size.js';
import { budgetFindings, computeBudget, type Budget, type BudgetPart } from './budget.js';
import { workloadFindings } from './workload.js';

export interface CheckOptions {
  preset?: Preset;
  allPresets: readonly Preset[];
  reserves: ReadonlyArray<{ name: string; bytes: bigint }>;
  /** TaskManager count when no compose file says */
  taskmanagers?: number;
}

export interface CheckResult {
  findings: Diagnostic[];
  budget?: Budget;
  taskmanagerCount: number;
}

function containerFindings(facts: ComposeFacts, e: Explanation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = [
    ['jobmanager', facts.jobmanager, e.jobmanager.outcome] as const,
    ['taskmanager', facts.taskmanager, e.taskmanager.outcome] as const,
  ];
  for (const [role, svc, outcome] of roles) {
    if (!svc) continue;
    const process = outcome?.ok ? outcome.memory.totalProcess : undefined;
    if (svc.memLimit === null) {
      out.push(
        diag('CONTAINER_LIMIT_MISSING', `service ${svc.name} has no memory limit${process !== undefined ? `; set mem_limit: ${Math.ceil(Number(process) / 1048576)}m (its process size, ${formatBytes(process)})` : ''}.`, { file: facts.file, line: svc.line, role }),
      );
    } else if (process !== undefined && svc.memLimit.value < process) {
      out.push(
        diag('CONTAINER_LIMIT_TOO_LOW', `service ${svc.name}: ${svc.memLimit.from} ${svc.memLimit.text} (${formatBytes(svc.memLimit.value)}) is below the ${role}'s process size ${formatBytes(process)}; the container would be killed when the JVM grows into its budget. Raise the limit to at least ${Math.ceil(Number(process) / 1048576)}m or lower the process size.`, { file: facts.file, line: svc.memLimit.line, role }),
      );
    }
  }
  return out;
}

/** A refused process counts with the least size that would start; unknown sizes are left out. */
function processPart(name: string, count: number, report: Explanation['taskmanager'] | Explanation['jobmanager']): BudgetPart | undefined {
  const o = report.outcome;
  if (o?.ok) return { name, bytes: o.memory.totalProcess, count };
  if (report.fix && report.fix.key.endsWith('.process.size')) return { name, bytes: report.fix.bytes, count, atLeast: true };
  return undefined;
}

export function runChecks(e: Explanation | ComposeExplanation, opts: CheckOptions): CheckResult {
  const findings: Diagnostic[] = [...e.diagnostics];
  const facts = 'compose' in e ? e.compose : null;
  const taskmanagerCount = facts ? facts.taskmanagerCount : (opts.taskmanagers ?? 1);
  if (facts) findings.push(...containerFindings(facts, e));

  const tm = e.taskmanager.outcome;
  if (tm?.ok && e.taskmanager.config) {
    findings.push(...workloadFindings(tm, e.taskmanager.config, opts.preset, e.taskmanager.origins));
  }

  let budget: Budget | undefined;
  if (opts.preset) {
    const parts: BudgetPart[] = [];
    const jmPart = processPart('JobManager', 1, e.jobmanager);
    const tmPart = processPart('TaskManager', taskmanagerCount, e.taskmanager);
    if (jmPart) parts.push(jmPart);
    if (tmPart && taskmanagerCount > 0) parts.push(tmPart);
    for (const r of opts.reserves) parts.push({ name: r.name, bytes: r.bytes, count: 1 });
    if (parts.length > 0) {
      budget = computeBudget(opts.preset, parts, opts.allPresets);
      findings.push(...budgetFindings(budget, opts.allPresets));
    }
  }
  return { findings, taskmanagerCount, ...(budget ? { budget } : {}) };
}

/** 0 fine, 1 an error-level finding (warnings too with strict). */
export function checkExitCode(findings: readonly Diagnostic[], strict: boolean): 0 | 1 {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning')) ? 1 : 0;
}
