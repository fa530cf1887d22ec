// Renders what `flinkfit generate` did: the files written (or their texts for --stdout), a summary
// of the machine's memory, and the "nothing fits" explanation. Pure: data in, strings out.
import { Chalk } from 'chalk';
import { MINIMUMS, type GenerateError, type GeneratedFile, type Plan } from '../../core/generate/index.js';
import { formatBytes } from '../../core/size.js';
import { docsUrl } from '../../core/links.js';

export interface RenderOptions {
  color: boolean;
}

/** Each file behind a header line, for --stdout. */
export function renderFilesToStdout(files: readonly GeneratedFile[]): string {
  return files.map((f) => `==> ${f.path} <==\n${f.text}`).join('\n');
}

function jmDetail(plan: Plan): string {
  const m = plan.jobManager;
  return `heap ${formatBytes(m.jvmHeap)}, off-heap ${formatBytes(m.offHeap)}, metaspace ${formatBytes(m.jvmMetaspace)}, overhead ${formatBytes(m.jvmOverhead)}`;
}

function tmDetail(plan: Plan): string {
  const m = plan.taskManager;
  return `task heap ${formatBytes(m.taskHeap)}, managed ${formatBytes(m.managed)}, network ${formatBytes(m.network)}, framework ${formatBytes(m.frameworkHeap + m.frameworkOffHeap)}, metaspace ${formatBytes(m.jvmMetaspace)}, overhead ${formatBytes(m.jvmOverhead)}`;
}

/** The summary table: JobManager, TaskManager × N, reserves, system share, total against the machine, spare. */
export function renderSummary(plan: Plan, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const b = plan.budget;
  const reserves = b.reserves.reduce((a, r) => a + r.bytes, 0n);
  const rows: [string, bigint, string][] = [
    ['JobManager', b.jobManager, jmDetail(plan)],
    [`TaskManager × ${b.taskManagers}`, b.taskManager * BigInt(b.taskManagers), b.taskManagers === 1 ? tmDetail(plan) : `${formatBytes(b.taskManager)} each: ${tmDetail(plan)}`],
    ['Reserves', reserves, b.reserves.map((r) => `${r.name} ${formatBytes(r.bytes)}`).join(', ')],
    ['System share', b.systemReserved, `kernel, OS services, Docker (${plan.plainMachine ? 'plain host estimate' : `preset ${plan.preset.id}`})`],
  ];
  const total = b.used + b.systemReserved;
  const label = Math.max(...rows.map((r) => r[0].length), 'Total'.length);
  const sizes = [...rows.map((r) => formatBytes(r[1])), formatBytes(total), formatBytes(b.spare)];
  const sizeWidth = Math.max(...sizes.map((s) => s.length));
  const line = (name: string, size: string, note: string) => `  ${name.padEnd(label)}  ${size.padStart(sizeWidth)}  ${c.dim(note)}`.trimEnd();
  const machine = `${plan.preset.name}${plan.plainMachine ? '' : ` (${plan.preset.id})`}`;
  return [
    `${c.bold(machine)}: Flink ${plan.line} (${plan.image}), ${plan.taskManagers} TaskManager${plan.taskManagers === 1 ? '' : 's'} × ${plan.slots} slot${plan.slots === 1 ? '' : 's'}, ${plan.stateBackend}`,
    '',
    ...rows.map((r) => line(r[0], formatBytes(r[1]), r[2])),
    line('Total', formatBytes(total), `of ${formatBytes(b.memory)} (the machine)`),
    line(
      'Spare',
      formatBytes(b.spare),
      b.spare === 0n ? 'every MiB is assigned' : b.spare < BigInt(b.taskManagers) * 1048576n ? 'left over: TaskManagers are sized in whole MiB' : 'not given to Flink (a -D fixed a process size)',
    ),
    '',
    c.dim(
      plan.tier === 'standard'
        ? `Fixed parts at Flink's defaults (they take at most half of Flink's share); see ${docsUrl('generate.md')}`
        : `Fixed parts at their minimums (each with its basis: ${docsUrl('generate.md')}); -D overrides one.`,
    ),
  ].join('\n') + '\n';
}

export function renderWritten(dir: string, written: readonly string[], plan: Plan, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  return (
    `Wrote ${written.map((w) => c.cyan(w)).join(', ')} in ${dir}\n\n` +
    renderSummary(plan, options) +
    `\nStart it with ${c.bold('docker compose up -d')} in ${dir}; the web UI is on http://localhost:8081.\n`
  );
}

/** "Nothing fits", with what it would take. */
export function renderGenerateError(e: GenerateError, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const out = [`${c.red('error')} ${e.message}`];
  const n = e.needed;
  if (n) {
    out.push('', '  What it needs:');
    for (const r of n.reserveParts) out.push(`    ${formatBytes(r.bytes).padStart(9)}  reserve ${r.name}`);
    for (const m of n.binding) {
      const info = MINIMUMS[m.id];
      const who = info.role === 'jobmanager' ? 'JobManager' : n.taskManagers === 1 ? 'TaskManager' : `${n.taskManagers} TaskManagers'`;
      out.push(`    ${formatBytes(m.bytes).padStart(9)}  ${who} ${info.component}${m.fromUser ? ' (your -D)' : ''}  ${c.dim(`-D ${info.key}`)}`);
    }
    out.push(`    ${formatBytes(n.bytes).padStart(9)}  in all, ${formatBytes(n.available)} available`);
  }
  return out.join('\n') + '\n';
}
