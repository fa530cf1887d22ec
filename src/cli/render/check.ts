// Renders check results: text for people, JSON for scripts, GitHub workflow annotations for CI.
import { Chalk } from 'chalk';
import type { Budget } from '../../core/check/budget.js';
import type { CheckResult } from '../../core/check/run.js';
import { sortDiagnostics } from '../../core/diagnostics.js';
import { diagnosticJson, jsonSafe } from '../../core/analysis/json.js';
import { formatBytes } from '../../core/size.js';
import { DEPLOYMENT_KIND_TITLE, renderDiagnostic, shownInText } from './explain.js';
import { findingLocation } from './location.js';
import { append } from '../../core/arrays.js';

export const CHECK_SCHEMA_VERSION = 2;

export const jsonBudget = (b: Budget): unknown => jsonSafe(b);

export interface CheckReport {
  /** the Flink versions of what runs, or null when no service's version is known */
  flinkVersion: string | null;
  presetId?: string;
  result: CheckResult;
  exitCode: number;
  strict: boolean;
}

function budgetTable(b: Budget, color: boolean): string[] {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows: Array<[string, string]> = b.parts.map((p) => [
    p.count === 1 ? p.name : `${p.count} × ${p.name}`,
    `${p.atLeast ? '≥ ' : p.approximate ? '≈ ' : ''}${formatBytes(p.bytes * BigInt(p.count))}`,
  ]);
  rows.push(['system (kernel, OS, Docker)', formatBytes(b.systemReserved)]);
  rows.push(['total', formatBytes(b.needed + b.systemReserved)]);
  rows.push([`machine ${b.presetId}`, formatBytes(b.memory)]);
  const w = Math.max(...rows.map(([n]) => n.length));
  const out = [c.bold(`Budget on ${b.presetId}`)];
  for (const [n, v] of rows) out.push(`  ${n.padEnd(w)}  ${v.padStart(10)}`);
  const more = b.uncounted && b.uncounted.length > 0;
  out.push(b.spare >= 0n ? `  ${c.green(`${more ? 'at most ' : ''}${formatBytes(b.spare)} to spare`)}` : `  ${c.red.bold(`over by ${more ? 'at least ' : ''}${formatBytes(-b.spare)}`)}`);
  if (more) out.push(`  ${c.dim(`not counted (no memory limit): ${b.uncounted!.join(', ')}`)}`);
  return out;
}

export function renderCheckText(r: CheckReport, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  const many = r.result.deployments.length > 1;
  const inDeployment = new Set(r.result.deployments.flatMap((d) => d.findings));
  const general = sortDiagnostics(r.result.findings.filter((f) => !inDeployment.has(f) && shownInText(f)));
  for (const d of general) out.push(renderDiagnostic(d, c));
  for (const dc of r.result.deployments) {
    const d = dc.deployment;
    if (out.length > 0) out.push('');
    const kind = DEPLOYMENT_KIND_TITLE[d.kind];
    if (many || d.kind === 'compose') out.push(c.bold(`${kind}: ${d.label}`));
    if (d.kind === 'compose') {
      for (const s of d.services.filter((x) => x.flink)) {
        const what = s.role === 'both' ? 'JobManager + TaskManager' : s.role === 'jobmanager' ? 'JobManager' : s.role === 'taskmanager' ? 'TaskManager' : 'Flink, no JobManager/TaskManager';
        out.push(`  ${s.name}: ${what}${s.flinkVersion ? `, Flink ${s.flinkVersion}` : ''}${s.replicas !== 1 ? `, × ${s.replicas}` : ''}${s.active ? '' : ' (profile not enabled)'} ${c.dim(`— ${s.why}`)}`);
      }
      const others = d.services.filter((x) => !x.flink).map((x) => x.name);
      if (others.length > 0) out.push(`  ${c.dim(`not Flink: ${others.join(', ')}`)}`);
    }
    for (const f of sortDiagnostics(dc.findings.filter(shownInText))) out.push(renderDiagnostic(f, c));
    if (dc.budget) {
      out.push('');
      append(out, budgetTable(dc.budget, color));
    }
  }
  const errors = r.result.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.result.findings.filter((f) => f.severity === 'warning').length;
  out.push('');
  const verdict = r.exitCode === 0 ? c.green.bold('ok') : c.red.bold('failed');
  const n = r.result.deployments.length;
  if (n === 0) {
    out.push(`${verdict}: no Flink deployment found, nothing to check`);
  } else {
    const version = r.flinkVersion ?? 'version not known';
    const what = n === 1 ? `Flink ${version}` : `${n} deployments (Flink ${version})`;
    out.push(`${verdict}: ${what}${r.presetId ? ` on ${r.presetId}` : ''}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${r.strict ? ' (strict: warnings count)' : ''}`);
  }
  return out.join('\n') + '\n';
}

export function renderCheckJson(r: CheckReport, extra: Record<string, unknown>): string {
  const doc = {
    schemaVersion: CHECK_SCHEMA_VERSION,
    flinkVersion: r.flinkVersion,
    preset: r.presetId ?? null,
    exitCode: r.exitCode,
    findings: sortDiagnostics(r.result.findings).map(diagnosticJson),
    budget: r.result.budget ? jsonSafe(r.result.budget) : null,
    taskmanagerCount: r.result.taskmanagerCount,
    ...extra,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: ::error file=…,line=…,title=CODE::message */
export function renderCheckGithub(r: CheckReport, fallbackFile = '.'): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  const lines = sortDiagnostics(r.result.findings).map((d) => {
    // every annotation carries a file and line: a finding without a place points at the first input
    const at = findingLocation(d, fallbackFile);
    const props = [`file=${escProp(at.file)}`, `line=${at.line}`, `title=${escProp(d.code)}`].join(',');
    return `::${level[d.severity]} ${props}::${escData(d.message)}`;
  });
  return lines.join('\n') + (lines.length ? '\n' : '');
}
