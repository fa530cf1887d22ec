// Renders check results: text for people, JSON for scripts, GitHub workflow annotations for CI.
import { Chalk } from 'chalk';
import type { Budget } from '../../core/check/budget.js';
import type { CheckResult } from '../../core/check/run.js';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import { diagnosticJson, jsonSafe } from '../../core/analysis/json.js';
import { formatBytes } from '../../core/size.js';
import { renderDiagnostic, shownInText } from './explain.js';

export const CHECK_SCHEMA_VERSION = 1;

export interface CheckReport {
  flinkVersion: string;
  presetId?: string;
  result: CheckResult;
  exitCode: number;
  strict: boolean;
}

function budgetTable(b: Budget, color: boolean): string[] {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows: Array<[string, string]> = b.parts.map((p) => [
    p.count === 1 ? p.name : `${p.count} × ${p.name}`,
    `${p.atLeast ? '≥ ' : ''}${formatBytes(p.bytes * BigInt(p.count))}`,
  ]);
  rows.push(['system (kernel, OS, Docker)', formatBytes(b.systemReserved)]);
  rows.push(['total', formatBytes(b.needed + b.systemReserved)]);
  rows.push([`machine ${b.presetId}`, formatBytes(b.memory)]);
  const w = Math.max(...rows.map(([n]) => n.length));
  const out = [c.bold(`Budget on ${b.presetId}`)];
  for (const [n, v] of rows) out.push(`  ${n.padEnd(w)}  ${v.padStart(10)}`);
  out.push(b.spare >= 0n ? `  ${c.green(`${formatBytes(b.spare)} to spare`)}` : `  ${c.red.bold(`over by ${formatBytes(-b.spare)}`)}`);
  return out;
}

export function renderCheckText(r: CheckReport, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  const shown = sortDiagnostics(r.result.findings.filter(shownInText));
  for (const d of shown) out.push(renderDiagnostic(d, c));
  if (r.result.budget) {
    if (out.length > 0) out.push('');
    for (const x of budgetTable(r.result.budget, color)) out.push(x);
  }
  const errors = r.result.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.result.findings.filter((f) => f.severity === 'warning').length;
  out.push('');
  const verdict = r.exitCode === 0 ? c.green.bold('ok') : c.red.bold('failed');
  out.push(`${verdict}: Flink ${r.flinkVersion}${r.presetId ? ` on ${r.presetId}` : ''}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${r.strict ? ' (strict: warnings count)' : ''}`);
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
export function renderCheckGithub(r: CheckReport): string {
  const level = { error: 'error', warning: 'warning', info: 'notice' } as const;
  const lines = sortDiagnostics(r.result.findings).map((d) => {
    const props = [d.file ? `file=${escProp(d.file)}` : '', d.line !== undefined ? `line=${d.line}` : '', `title=${escProp(d.code)}`].filter(Boolean).join(',');
    return `::${level[d.severity]} ${props}::${escData(d.message)}`;
  });
  return lines.join('\n') + (lines.length ? '\n' : '');
}
