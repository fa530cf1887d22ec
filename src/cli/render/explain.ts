// Renders an Explanation as text for a terminal: a component tree, a stacked bar of the process
// memory, one derivation line per component, the JVM flags, the refusal and the warnings.
import { Chalk, type ChalkInstance } from 'chalk';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import type { Explanation, RoleReport } from '../../core/analysis/explain.js';
import { COMPONENT_NAMES, type Derivation, type JobManagerOutcome, type TaskManagerOutcome } from '../../core/memory/types.js';
import { formatBytes } from '../../core/size.js';

export interface RenderOptions {
  color: boolean;
  width?: number;
}

const LONG_MAX = 2n ** 63n - 1n;

const NAMES = COMPONENT_NAMES;

function size(b: bigint): string {
  return b === LONG_MAX ? '∞' : formatBytes(b);
}

/** The shortest decimal that is the same 32-bit float: 0.4000000059604645 prints as 0.4. */
export function floatText(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return String(s);
  }
  return String(f);
}

export function derivationText(name: string, bytes: bigint, d: Derivation): string {
  const n = NAMES[name] ?? name;
  const v = size(bytes);
  switch (d.kind) {
    case 'explicit':
      return d.viaKey ? `${n} = ${v}, set by ${d.viaKey} (deprecated name of ${d.key})` : `${n} = ${v}, set by ${d.key}`;
    case 'default':
      return `${n} = ${v}, the default of ${d.key}`;
    case 'fraction':
    case 'inverseFraction': {
      const f = floatText(d.fraction);
      const base = NAMES[d.of] ?? d.of;
      const formula = d.kind === 'fraction' ? `${f} × ${base} ${size(d.ofBytes)}` : `${f}/(1−${f}) × ${base} ${size(d.ofBytes)}`;
      const range = `[${size(d.min)}, ${size(d.max)}${d.max === LONG_MAX ? ')' : ']'}`;
      if (d.clamped === 'min') return `${n} = ${formula} = ${size(d.raw)}, raised to the minimum ${size(d.min)} (${d.minKey})`;
      if (d.clamped === 'max') return `${n} = ${formula} = ${size(d.raw)}, capped at the maximum ${size(d.max)} (${d.maxKey})`;
      return d.min === 0n && d.max === LONG_MAX ? `${n} = ${formula} = ${v} (${d.key})` : `${n} = ${formula} = ${v}, inside ${range} (${d.key})`;
    }
    case 'remainder':
      return `${n} = ${NAMES[d.of] ?? d.of} ${size(d.ofBytes)} − ${d.minus.map((m) => NAMES[m] ?? m).join(' − ')} = ${v} (what is left)`;
    case 'sum':
      return `${n} = ${d.of.map((m) => NAMES[m] ?? m).join(' + ')} = ${v}`;
    case 'legacy':
      return `${n} = ${v}, from legacy ${d.key} (${d.note})`;
    case 'derived':
      return `${n} = ${v} (${d.note})`;
  }
}

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
    const order = ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'frameworkHeap', 'frameworkOffHeap', 'taskOffHeap', 'offHeap', 'taskHeap', 'managed', 'network'];
    const known = order.filter((k) => partial[k]);
    if (known.length > 0) {
      out.push(`  ${c.bold('What Flink worked out before it stopped')}`);
      for (const k of known) out.push(`    ${derivationText(k, partial[k]!.bytes, partial[k]!.derivation)}`);
    }
    if (report.fix) {
      out.push(`  ${c.green('Smallest fix:')} set ${report.fix.key}: ${report.fix.bytes / (1024n * 1024n)}m (${formatBytes(report.fix.bytes)}), everything else as it is.`);
    }
    if (report.defaults && report.defaults.length > 0) {
      out.push(`  ${c.green('Or lower the sizes it leans on:')} ${report.defaults.map((d) => `${d.key} (${formatBytes(d.bytes)})`).join(', ')}.`);
      out.push(`  ${c.dim('flinkfit generate picks lowered values that still run; see docs/generate.md.')}`);
    }
    return out;
  }
  const m = o.memory as unknown as Record<string, bigint>;
  const width = Math.max(20, (opts.width ?? 80) - 4);
  const isTm = 'network' in o.memory;
  const segs = isTm ? tmSegments(m) : jmSegments(m);
  const rows: Array<[number, string, bigint]> = isTm
    ? [
        [0, 'total process', m.totalProcess!],
        [1, 'total Flink', m.totalFlink!],
        [2, 'JVM heap', m.jvmHeap!],
        [3, 'framework heap', m.frameworkHeap!],
        [3, 'task heap', m.taskHeap!],
        [2, 'off-heap', m.jvmDirect! + m.managed!],
        [3, 'managed', m.managed!],
        [3, 'JVM direct', m.jvmDirect!],
        [4, 'framework off-heap', m.frameworkOffHeap!],
        [4, 'task off-heap', m.taskOffHeap!],
        [4, 'network', m.network!],
        [1, 'JVM metaspace', m.jvmMetaspace!],
        [1, 'JVM overhead', m.jvmOverhead!],
      ]
    : [
        [0, 'total process', m.totalProcess!],
        [1, 'total Flink', m.totalFlink!],
        [2, 'JVM heap', m.jvmHeap!],
        [2, 'off-heap', m.offHeap!],
        [1, 'JVM metaspace', m.jvmMetaspace!],
        [1, 'JVM overhead', m.jvmOverhead!],
      ];
  for (const x of tree(rows, c)) out.push(x);
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
  const order = isTm
    ? ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'frameworkHeap', 'frameworkOffHeap', 'taskOffHeap', 'managed', 'network', 'taskHeap']
    : ['totalProcess', 'jvmOverhead', 'jvmMetaspace', 'totalFlink', 'offHeap', 'jvmHeap'];
  const ders = o.derivations as unknown as Record<string, Derivation>;
  for (const k of order) out.push(`    ${derivationText(k, m[k]!, ders[k]!)}`);
  out.push('');
  out.push(`  ${c.bold('JVM flags')}       ${o.jvmArgs}`);
  out.push(`  ${c.bold('Dynamic configs')} ${o.dynamicConfigs.replace(/ -D /g, '\n                  -D ')}`);
  return out;
}

const TEXT_NOTES = new Set(['VERSION_ASSUMED', 'FILE_KIND_ASSUMED', 'BUDGET_FITS', 'LEGACY_CONFIG_FILE']);

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
