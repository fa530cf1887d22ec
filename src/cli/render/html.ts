// `explain --format html`: one self-contained page (inline CSS, no script, no font or network
// request) with the diagram, every number and how it was derived, the JVM flags, the dynamic
// configs and the findings — to attach to a pull request or a wiki. The pieces are shared with the
// web calculator (src/web), which renders the same sections as the user types.
import type { Explanation, RoleReport } from '../../core/analysis/explain.js';
import type { Budget } from '../../core/check/budget.js';
import { escapeXml as esc } from '../../core/diagram/index.js';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import type { Derivation, JobManagerOutcome, TaskManagerOutcome } from '../../core/memory/types.js';
import { formatBytes } from '../../core/size.js';
import { COMPONENT_TREE, componentBytes, derivationText, DERIVATION_ORDER } from './derivation.js';
import { renderExplanationSvg } from './svg.js';

const MiB = 1024n * 1024n;

export const REPORT_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--code:#f3f4f6;--problem:#a4001d;--warn:#7a4a00;--ok:#1d6b2c;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--bg:#15181c;--fg:#eceff3;--muted:#b9c0c8;--line:#3c424a;--code:#23282e;--problem:#ff8a95;--warn:#f5c26b;--ok:#7fd88f;--link:#8ab4f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.2em 0}h2{font-size:1.2rem;margin:1.4em 0 .4em;border-bottom:1px solid var(--line)}h3{font-size:1rem;margin:1em 0 .3em}
a{color:var(--link)}
.muted{color:var(--muted)}
.figure{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
.figure svg{display:block;min-width:640px;width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:3px 8px;border-bottom:1px solid var(--line)}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.tbl{overflow-x:auto}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem}
pre{background:var(--code);padding:8px;border-radius:6px;white-space:pre-wrap;word-break:break-all}
.problem{color:var(--problem);font-weight:600}
.sev-error{color:var(--problem);font-weight:700}.sev-warning{color:var(--warn);font-weight:700}.sev-info{color:var(--muted);font-weight:700}
ul.findings{padding-left:1.2em}ul.findings li{margin:.3em 0}
.fix{color:var(--ok);font-weight:600}
`;

function bytesCells(id: string, b: bigint): string {
  return `<td class="num">${esc(formatBytes(b))}</td><td class="num" data-bytes-for="${esc(id)}">${b}</td>`;
}

function componentTable(role: string, rows: ReadonlyArray<readonly [number, string, string]>, bytes: (k: string) => bigint, how: (k: string) => string): string {
  const body = rows
    .map(([depth, k, label]) => `<tr><td style="padding-left:${8 + depth * 16}px">${esc(label)}</td>${bytesCells(`${role}.${k}`, bytes(k))}<td>${esc(how(k))}</td></tr>`)
    .join('');
  return `<div class="tbl"><table><thead><tr><th scope="col">component</th><th scope="col">size</th><th scope="col">bytes</th><th scope="col">how Flink works it out</th></tr></thead><tbody>${body}</tbody></table></div>`;
}

/** One process: its numbers with their derivations and its JVM arguments, or why Flink refuses. */
export function roleHtml(role: 'taskmanager' | 'jobmanager', report: RoleReport<TaskManagerOutcome | JobManagerOutcome>): string {
  const title = role === 'taskmanager' ? 'TaskManager' : 'JobManager';
  const out: string[] = [`<h2 id="${role}">${title} <span class="muted">(from ${esc(report.source)})</span></h2>`];
  const o = report.outcome;
  if (o === null) {
    out.push('<p class="problem">Flink cannot load the configuration; see the findings.</p>');
    return out.join('\n');
  }
  if (!o.ok) {
    out.push(`<p class="problem" data-refused="${role}">Flink would refuse to start: ${esc(o.message)}</p>`);
    const partial = o.partial ?? {};
    const known = DERIVATION_ORDER.refused.filter((k) => partial[k]);
    if (known.length > 0) {
      out.push('<h3>What Flink worked out before it stopped</h3><ul>');
      for (const k of known) out.push(`<li>${esc(derivationText(k, partial[k]!.bytes, partial[k]!.derivation))} <span class="muted">(${partial[k]!.bytes} bytes)</span></li>`);
      out.push('</ul>');
    }
    if (report.fix) {
      out.push(`<p class="fix" data-fix="${role}">Smallest fix: set <code>${esc(report.fix.key)}: ${report.fix.bytes / MiB}m</code> (${esc(formatBytes(report.fix.bytes))}, ${report.fix.bytes} bytes), everything else as it is.</p>`);
    }
    if (report.defaults && report.defaults.length > 0) {
      out.push(`<p>Or lower the sizes it leans on: ${report.defaults.map((d) => `<code>${esc(d.key)}</code> (${esc(formatBytes(d.bytes))})`).join(', ')}. <span class="muted">flinkfit generate picks lowered values that still run.</span></p>`);
    }
    return out.join('\n');
  }
  const m = o.memory as unknown as Record<string, bigint>;
  const ders = o.derivations as unknown as Record<string, Derivation>;
  const bytes = (k: string) => componentBytes(m, k);
  const how = (k: string) => {
    if (k === 'offHeapTotal') return 'managed + JVM direct';
    const d = ders[k];
    return d ? derivationText(k, m[k]!, d) : '';
  };
  out.push(componentTable(role, COMPONENT_TREE[role], bytes, how));
  out.push(`<h3>JVM flags</h3><pre><code data-jvm-args="${role}">${esc(o.jvmArgs)}</code></pre>`);
  out.push(`<h3>Dynamic configs</h3><pre><code data-dynamic-configs="${role}">${esc(o.dynamicConfigs.replace(/ -D /g, '\n-D '))}</code></pre>`);
  if (o.notes.length > 0) out.push(`<ul>${o.notes.map((n) => `<li class="muted">${esc(n)}</li>`).join('')}</ul>`);
  return out.join('\n');
}

export function findingsHtml(ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return '<p>No findings.</p>';
  const items = sortDiagnostics([...ds]).map((d) => {
    const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ` : '';
    return `<li data-code="${esc(d.code)}"><span class="sev-${d.severity}">${d.severity}</span> <code>${esc(d.code)}</code> ${esc(where)}${esc(d.message)}</li>`;
  });
  return `<ul class="findings">${items.join('')}</ul>`;
}

export function budgetHtml(b: Budget): string {
  const rows = [
    `<tr><td>machine memory (${esc(b.presetId)})</td>${bytesCells('machine.memory', b.memory)}</tr>`,
    `<tr><td>system share</td>${bytesCells('machine.system', b.systemReserved)}</tr>`,
    ...b.parts.map((p, i) => `<tr><td>${p.count > 1 ? `${p.count} × ` : ''}${esc(p.name)}${p.atLeast ? ' (at least)' : ''}</td>${bytesCells(`machine.part${i}`, p.bytes * BigInt(p.count))}</tr>`),
    `<tr><td>${b.spare < 0n ? '<span class="problem">over by</span>' : 'free'}</td>${bytesCells('machine.spare', b.spare < 0n ? -b.spare : b.spare)}</tr>`,
  ];
  return `<div class="tbl"><table><thead><tr><th scope="col">machine</th><th scope="col">size</th><th scope="col">bytes</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export interface HtmlReportOptions {
  budget?: Budget;
  /** findings beyond the explanation's own (the budget's) */
  findings?: readonly Diagnostic[];
}

export function renderExplanationHtml(e: Explanation, opts: HtmlReportOptions = {}): string {
  const findings = [...e.diagnostics, ...(opts.findings ?? [])];
  const sources = [...new Set([e.taskmanager.source, e.jobmanager.source])].join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flink ${esc(e.flinkVersion)} memory: ${esc(sources)} (flinkfit report)</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>Flink ${esc(e.flinkVersion)} memory</h1>
<p class="muted">From ${esc(sources)}; every number as Flink computes it, made by flinkfit.</p>
<h2 id="findings">Findings</h2>
${findingsHtml(findings)}
<h2 id="diagram">Diagram</h2>
<div class="figure">${renderExplanationSvg(e, opts.budget)}</div>
${roleHtml('taskmanager', e.taskmanager)}
${roleHtml('jobmanager', e.jobmanager)}
${opts.budget ? `<h2 id="machine">Machine</h2>\n${budgetHtml(opts.budget)}` : ''}
</main>
</body>
</html>
`;
}
