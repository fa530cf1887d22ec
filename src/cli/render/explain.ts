// Renders an Explanation as text for a terminal: a component tree, a stacked bar of the process
// memory, one derivation line per component, the JVM flags, the refusal and the warnings.
import { Chalk, type ChalkInstance } from 'chalk';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import type { Explanation, RoleReport } from '../../core/analysis/explain.js';
import type { DeploymentExplanation, ProjectExplanation } from '../../core/project/types.js';
import { COMPONENT_NAMES, type Derivation, type JobManagerOutcome, type TaskManagerOutcome } from '../../core/memory/types.js';
import { COMPONENT_TREE, componentBytes, derivationText, DERIVATION_ORDER, shownSize as size } from './derivation.js';

export { derivationText, floatText } from './derivation.js';
import { formatBytes } from '../../core/size.js';
import { docsUrl } from '../../core/links.js';
import { renderKubernetesText } from './kubernetes.js';
import { append } from '../../core/arrays.js';

export interface RenderOptions {
  color: boolean;
  width?: number;
}

const NAMES = COMPONENT_NAMES;

interface Segment {
  name: string;
  bytes: bigint;
  ch: string;
  paint: (c: ChalkInstance) => (s: string) => string;
}

function tmSegments(m: Record<string, bigint>): Segment[] {
  return [
    { name: 'frameworkHeap', bytes: m.frameworkHeap!, ch: 'F', paint: (c) => c.bgBlue.white },
    { name: 'taskHeap', bytes: m.taskHeap!, ch: 'T', paint: (c) => c.bgCyan.black },
    { name: 'frameworkOffHeap', bytes: m.frameworkOffHeap!, ch: 'f', paint: (c) => c.bgMagenta.white },
    { name: 'taskOffHeap', bytes: m.taskOffHeap!, ch: 'o', paint: (c) => c.bgRedBright.black },
    { name: 'network', bytes: m.network!, ch: 'N', paint: (c) => c.bgYellow.black },
    { name: 'managed', bytes: m.managed!, ch: 'M', paint: (c) => c.bgGreen.black },
    { name: 'jvmMetaspace', bytes: m.jvmMetaspace!, ch: 'S', paint: (c) => c.bgGray.white },
    { name: 'jvmOverhead', bytes: m.jvmOverhead!, ch: 'O', paint: (c) => c.bgWhite.black },
  ];
}

function jmSegments(m: Record<string, bigint>): Segment[] {
  return [
    { name: 'jvmHeap', bytes: m.jvmHeap!, ch: 'H', paint: (c) => c.bgCyan.black },
    { name: 'offHeap', bytes: m.offHeap!, ch: 'o', paint: (c) => c.bgMagenta.white },
    { name: 'jvmMetaspace', bytes: m.jvmMetaspace!, ch: 'S', paint: (c) => c.bgGray.white },
    { name: 'jvmOverhead', bytes: m.jvmOverhead!, ch: 'O', paint: (c) => c.bgWhite.black },
  ];
}

/** A bar `width` columns wide; each non-empty part gets at least one column. */
export function stackedBar(segments: Segment[], total: bigint, width: number, c: ChalkInstance): string {
  const parts = segments.filter((s) => s.bytes > 0n);
  const cols = parts.map((s) => Math.max(1, Math.round((Number(s.bytes) / Number(total)) * width)));
  let sum = cols.reduce((a, b) => a + b, 0);
  while (sum > width) {
    const i = cols.indexOf(Math.max(...cols));
    cols[i]!--;
    sum--;
  }
  while (sum < width && cols.length > 0) {
    const i = cols.indexOf(Math.max(...cols));
    cols[i]!++;
    sum++;
  }
  return parts.map((s, i) => s.paint(c)(s.ch.repeat(cols[i]!))).join('');
}

function tree(rows: Array<[number, string, bigint]>, c: ChalkInstance): string[] {
  const w = Math.max(...rows.map(([d, n]) => d * 2 + n.length));
  return rows.map(([depth, n, b]) => `  ${'  '.repeat(depth)}${n.padEnd(w - depth * 2)}  ${c.bold(size(b).padStart(10))}  ${c.dim(`${b} B`)}`);
}

function renderRole(title: string, report: RoleReport<TaskManagerOutcome | JobManagerOutcome>, opts: RenderOptions, c: ChalkInstance): string[] {
  const out: string[] = [];
  out.push(c.bold.underline(`${title}`) + c.dim(`  (from ${report.source})`));
  const o = report.outcome;
  if (o === null) {
    out.push(`  ${c.red('Flink cannot load the configuration; see the errors below.')}`);
    return out;
  }
  if (!o.ok) {
    out.push(`  ${c.red.bold('Flink would refuse to start:')} ${o.message}`);
    const partial = o.partial ?? {};
    const known = DERIVATION_ORDER.refused.filter((k) => partial[k]);
    if (known.length > 0) {
      out.push(`  ${c.bold('What Flink worked out before it stopped')}`);
      for (const k of known) out.push(`    ${derivationText(k, partial[k]!.bytes, partial[k]!.derivation)}`);
    }
    if (report.fix) {
      out.push(`  ${c.green('Smallest fix:')} set ${report.fix.key}: ${report.fix.bytes / (1024n * 1024n)}m (${formatBytes(report.fix.bytes)}), everything else as it is.`);
    }
    if (report.defaults && report.defaults.length > 0) {
      out.push(`  ${c.green('Or lower the sizes it leans on:')} ${report.defaults.map((d) => `${d.key} (${formatBytes(d.bytes)})`).join(', ')}.`);
      out.push(`  ${c.dim(`flinkfit generate picks lowered values that still run; see ${docsUrl('generate.md')}`)}`);
    }
    return out;
  }
  const m = o.memory as unknown as Record<string, bigint>;
  const width = Math.max(20, (opts.width ?? 80) - 4);
  const isTm = 'network' in o.memory;
  const segs = isTm ? tmSegments(m) : jmSegments(m);
  const rows = (isTm ? COMPONENT_TREE.taskmanager : COMPONENT_TREE.jobmanager).map(([depth, key, label]): [number, string, bigint] => [depth, label, componentBytes(m, key)]);
  append(out, tree(rows, c));
  out.push('');
  out.push(`  ${stackedBar(segs, m.totalProcess!, width, c)}`);
  out.push(
    `  ${segs
      .filter((s) => s.bytes > 0n)
      .map((s) => `${s.paint(c)(s.ch)} ${NAMES[s.name]}`)
      .join('  ')}`,
  );
  out.push('');
  out.push(`  ${c.bold('How each number was derived')}`);
  const order = isTm ? DERIVATION_ORDER.taskmanager : DERIVATION_ORDER.jobmanager;
  const ders = o.derivations as unknown as Record<string, Derivation>;
  for (const k of order) out.push(`    ${derivationText(k, m[k]!, ders[k]!)}`);
  out.push('');
  out.push(`  ${c.bold('JVM flags')}       ${o.jvmArgs}`);
  out.push(`  ${c.bold('Dynamic configs')} ${o.dynamicConfigs.replace(/ -D /g, '\n                  -D ')}`);
  return out;
}

// notes that change a number or say what was (not) read: shown in text, not only in JSON
const TEXT_NOTES = new Set([
  'VERSION_ASSUMED', 'FILE_KIND_ASSUMED', 'BUDGET_FITS', 'LEGACY_CONFIG_FILE', 'IMAGE_ASSUMED_OFFICIAL', 'IMAGE_LINE_OLD', 'IMAGE_UNMODELLED',
  'SERVICE_INACTIVE', 'COMPOSE_NO_FLINK', 'NOT_FLINK_CONFIG', 'CONFIG_CHECKED_WITH_COMPOSE', 'COMPOSE_FILE_SHADOWED', 'NO_DEPLOYMENT_FOUND', 'MANIFEST_TEMPLATE_SKIPPED', 'KUSTOMIZE_PATCH_SKIPPED',
  'ROLE_UNKNOWN', 'COMPOSE_ENV_FILE_SKIPPED', 'ENV_FROM_SHELL_UNSET', 'IMAGE_NOT_FLINK',
]);

export function shownInText(d: Diagnostic): boolean {
  return d.severity !== 'info' || TEXT_NOTES.has(d.code);
}

export function renderDiagnostic(d: Diagnostic, c: ChalkInstance): string {
  const label = d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.blue('info');
  const where = d.file ? `${d.file}${d.line !== undefined ? `:${d.line}` : ''}: ` : '';
  return `${label} ${c.dim(`[${d.code}]`)} ${where}${d.message}`;
}

export function renderExplanation(e: Explanation, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  out.push(c.bold(`Flink ${e.flinkVersion}`));
  out.push('');
  for (const x of renderRole('TaskManager', e.taskmanager, opts, c)) out.push(x);
  out.push('');
  for (const x of renderRole('JobManager', e.jobmanager, opts, c)) out.push(x);
  // refusals are already told in full in their process's section; notes of little use on a
  // terminal (the entrypoint's routine rewrites) stay in --json
  const rest = sortDiagnostics(e.diagnostics.filter((d) => d.code !== 'TM_REFUSED' && d.code !== 'JM_REFUSED' && shownInText(d)));
  if (rest.length > 0) {
    out.push('');
    for (const d of rest) out.push(renderDiagnostic(d, c));
  }
  return out.join('\n') + '\n';
}

const ROLE_TITLE = { taskmanager: 'TaskManager', jobmanager: 'JobManager' } as const;

/** The services of a compose deployment: which run Flink, as what, and the rule that decided. */
function servicesTable(d: DeploymentExplanation, c: ChalkInstance): string[] {
  if (d.services.length === 0) return [];
  const out = [c.bold('Services')];
  const w = Math.max(...d.services.map((s) => s.name.length));
  for (const s of d.services) {
    const what = !s.flink
      ? c.dim('not Flink')
      : s.role === 'both'
        ? 'JobManager + TaskManager'
        : s.role === 'jobmanager'
          ? 'JobManager'
          : s.role === 'taskmanager'
            ? 'TaskManager'
            : 'Flink (no JobManager/TaskManager)';
    const extra = [s.flinkVersion && s.flink ? `Flink ${s.flinkVersion}` : '', s.replicas !== 1 ? `× ${s.replicas}` : '', s.active ? '' : 'profile not enabled'].filter(Boolean).join(', ');
    out.push(`  ${s.name.padEnd(w)}  ${what}${extra ? ` (${extra})` : ''}`);
    out.push(`  ${' '.repeat(w)}  ${c.dim(s.why)}`);
  }
  return out;
}

function renderDeployment(d: DeploymentExplanation, opts: RenderOptions, c: ChalkInstance, heading: boolean): string[] {
  const out: string[] = [];
  if (heading) {
    const kind = DEPLOYMENT_KIND_TITLE[d.kind];
    out.push(c.bold.underline(`${kind}: ${d.label}`) + (d.files.length > 1 ? c.dim(`  (${d.files.join(', ')})`) : ''));
    out.push('');
  }
  if (d.kind === 'compose') {
    const t = servicesTable(d, c);
    if (t.length > 0) append(out, t).push('');
  }
  if (d.kubernetes) append(out, renderKubernetesText(d.kubernetes, opts.color).trimEnd().split('\n')).push('');
  if (d.processes.length > 0) {
    const versions = [...new Set(d.processes.map((p) => p.flinkVersion))];
    out.push(c.bold(`Flink ${versions.join(', ')}`));
    out.push('');
  }
  for (const p of d.processes) {
    const title = p.service === null ? ROLE_TITLE[p.role] : `${ROLE_TITLE[p.role]} — service ${p.service}${p.count !== 1 ? ` × ${p.count}` : ''}${p.approximate ? ' (approximate)' : ''}`;
    append(out, renderRole(title, p.report, opts, c));
    out.push('');
  }
  const rest = sortDiagnostics(d.diagnostics.filter((x) => x.code !== 'TM_REFUSED' && x.code !== 'JM_REFUSED' && shownInText(x)));
  for (const x of rest) out.push(renderDiagnostic(x, c));
  if (rest.length === 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Every deployment found, each with its services, processes and findings; then notes about the inputs. */
export function renderProject(p: ProjectExplanation, opts: RenderOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const heading = p.deployments.length > 1 || p.deployments.some((d) => d.kind === 'compose');
  p.deployments.forEach((d, i) => {
    if (i > 0) out.push('');
    append(out, renderDeployment(d, opts, c, heading));
  });
  const notes = sortDiagnostics(p.diagnostics.filter(shownInText));
  if (notes.length > 0) {
    if (out.length > 0) out.push('');
    for (const x of notes) out.push(renderDiagnostic(x, c));
  }
  if (p.deployments.length === 0 && notes.length === 0) out.push('No Flink deployment found.');
  return out.join('\n') + '\n';
}

/** How each kind of deployment is named in headings. */
export const DEPLOYMENT_KIND_TITLE: Readonly<Record<DeploymentExplanation['kind'], string>> = {
  compose: 'Compose project',
  confdir: 'conf directory',
  file: 'config file',
  kubernetes: 'Kubernetes manifest',
};
