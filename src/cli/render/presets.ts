// Renders machine presets for `flinkfit presets`: pure functions from data to strings; colour is
// an option. JSON is the data model (with schemaVersion), not a re-layout of the table.
import { byText } from '../../core/suggest.js';
import { Chalk } from 'chalk';
import { availableMiB, formatPresetIssue, type Preset, type PresetIssue } from '../../core/presets/index.js';
import { presetKind } from '../../core/presets/model.js';
import type { LoadPresetResult, PresetOrigin } from '../../node/presets.js';
import { docsUrl } from '../../core/links.js';
import { wrap } from './wrap.js';

export interface RenderOptions {
  color: boolean;
  /** wrap prose at this many columns */
  width?: number;
}

export interface PresetEntry {
  preset: Preset;
  origin: PresetOrigin;
}

export const PRESETS_JSON_SCHEMA_VERSION = 1;

/** Cloud providers first, single-board computers next, generic hosts last; then by memory. */
export function sortPresets<T extends { preset: Preset }>(entries: readonly T[]): T[] {
  const rank = (p: Preset) => (p.provider === 'generic' ? 1 : 0);
  return [...entries].sort(
    (a, b) =>
      rank(a.preset) - rank(b.preset) ||
      byText(a.preset.provider, b.preset.provider) ||
      a.preset.memoryMiB - b.preset.memoryMiB ||
      byText(a.preset.id, b.preset.id),
  );
}

export function formatMiB(mib: number): string {
  return `${mib} MiB`;
}

/** 1024 → "1 GiB", 1536 → "1.5 GiB", 1000 → "1000 MiB" */
export function formatMemory(mib: number): string {
  const gib = mib / 1024;
  return Number.isInteger(gib * 4) ? `${gib} GiB` : `${mib} MiB`;
}

function formatVcpus(p: Preset): string {
  return p.sustainedVcpus === undefined ? `${p.vcpus}` : `${p.vcpus} (${p.sustainedVcpus})`;
}

export function renderPresetTable(entries: readonly PresetEntry[], options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const vms = entries.filter((e) => presetKind(e.preset) === 'vm');
  const nodes = entries.filter((e) => presetKind(e.preset) === 'kubernetes-node');
  const out = [
    ...table(
      ['ID', 'NAME', 'MEMORY', 'VCPUS', 'ARCH', 'FOR FLINK'],
      sortPresets(vms).map(({ preset: p }) => [p.id, p.name, formatMemory(p.memoryMiB), formatVcpus(p), p.architecture, formatMiB(availableMiB(p))]),
      c,
    ),
    '',
    c.dim('VCPUS in parentheses: the sustained share of a shared-core or burstable machine.'),
    c.dim('FOR FLINK: memory less the estimated system reserve (kernel, OS services, guest agent, Docker).'),
    c.dim('Run `flinkfit presets ID` for a preset\'s reserve and what it rests on.'),
  ];
  if (nodes.length > 0) {
    out.push(
      '',
      c.bold('Kubernetes nodes'),
      ...table(
        ['ID', 'NAME', 'MEMORY', 'VCPUS', 'ALLOCATABLE', 'FOR FLINK PODS'],
        sortPresets(nodes).map(({ preset: p }) => [p.id, p.name, formatMemory(p.memoryMiB), formatVcpus(p), formatMiB(p.kubernetes?.allocatableMiB ?? 0), formatMiB(availableMiB(p))]),
        c,
      ),
      '',
      c.dim("ALLOCATABLE: the provider's formula (kube-reserved, system-reserved, eviction threshold)."),
      c.dim('FOR FLINK PODS: allocatable less an estimate of the default DaemonSets\' memory requests.'),
    );
  }
  return out.join('\n') + '\n';
}

function table(header: string[], rows: string[][], c: InstanceType<typeof Chalk>): string[] {
  const right = header.map((h) => h === 'MEMORY' || h.startsWith('FOR FLINK') || h === 'ALLOCATABLE');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const last = header.length - 1;
  const line = (cells: string[], style: (s: string, i: number) => string) =>
    cells
      .map((cell, i) => style(right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!), i))
      .join('  ')
      .trimEnd();
  return [line(header, (s) => c.bold(s)), ...rows.map((r) => line(r, (s, i) => (i === 0 ? c.cyan(s) : i === last ? c.green(s) : s)))];
}

export function renderPresetDetail(entry: PresetEntry, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = options.width ?? 80;
  const p = entry.preset;
  const label = (s: string) => c.bold(s.padEnd(14));
  const lines: string[] = [];
  lines.push(`${c.cyan.bold(p.id)}  ${p.name}`);
  lines.push(`  ${label('provider')}${p.provider}`);
  lines.push(`  ${label('memory')}${formatMiB(p.memoryMiB)}${p.memoryMiB % 1024 === 0 ? ` (${formatMemory(p.memoryMiB)})` : ''}`);
  lines.push(
    `  ${label('vCPUs')}${p.vcpus}${p.sustainedVcpus === undefined ? '' : `, ${p.sustainedVcpus} sustained`}`,
  );
  lines.push(`  ${label('architecture')}${p.architecture}`);
  lines.push(`  ${label('reserved')}${formatMiB(p.systemReservedMiB)} (estimate)`);
  if (p.systemReservedParts) {
    const w = Math.max(...p.systemReservedParts.map((part) => formatMiB(part.mib).length));
    for (const part of p.systemReservedParts) {
      const lead = `    ${formatMiB(part.mib).padStart(w)}  `;
      for (const x of wrap(part.what, width, lead, ' '.repeat(lead.length))) lines.push(x);
    }
  }
  lines.push(`  ${label('for Flink')}${c.green(formatMiB(availableMiB(p)))} (memory less reserved)`);
  lines.push(`  ${label('file')}${entry.origin.file}${entry.origin.kind === 'bundled' ? ' (bundled)' : ''}`);
  lines.push('', c.bold('basis'), ...wrap(p.basis, width, '  ', '  '));
  if (p.sources && p.sources.length > 0) {
    lines.push('', c.bold('sources'));
    for (const s of p.sources) {
      lines.push(...wrap(s.title, width, '  - ', '    '), `    ${c.dim(s.url)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export { wrap } from './wrap.js';

function presetJson(entry: PresetEntry): Record<string, unknown> {
  return { ...entry.preset, kind: presetKind(entry.preset), availableMiB: availableMiB(entry.preset), origin: entry.origin };
}

export function renderPresetsJson(entries: readonly PresetEntry[]): string {
  const doc = { schemaVersion: PRESETS_JSON_SCHEMA_VERSION, presets: sortPresets(entries).map(presetJson) };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function renderPresetJson(entry: PresetEntry): string {
  const doc = { schemaVersion: PRESETS_JSON_SCHEMA_VERSION, preset: presetJson(entry) };
  return JSON.stringify(doc, null, 2) + '\n';
}

type LoadError = Extract<LoadPresetResult, { ok: false }>['error'];

/** The one-paragraph message for a preset that could not be loaded (no colour: it goes to stderr). */
export function presetLoadErrorMessage(error: LoadError): string {
  switch (error.code) {
    case 'PRESET_UNKNOWN': {
      const guesses = error.didYouMean.length > 0 ? error.didYouMean : error.nearest;
      const guess = guesses.length === 1 ? guesses[0]! : `one of ${guesses.join(', ')}`;
      return (
        `unknown preset '${error.id}'. Did you mean ${guess}?\n` +
        `Run \`flinkfit presets\` to list all ${error.known.length}, or give the path of a preset YAML file (see ${docsUrl('presets.md')}).`
      );
    }
    case 'PRESET_UNREADABLE':
      return `cannot read preset file ${error.file}: ${error.reason}`;
    case 'PRESET_INVALID':
      return invalidMessage(error.file, error.issues);
  }
}

function invalidMessage(file: string, issues: readonly PresetIssue[]): string {
  const n = issues.length;
  return [`invalid preset ${file} (${n} problem${n === 1 ? '' : 's'}):`, ...issues.map((i) => `  ${formatPresetIssue(i)}`)].join(
    '\n',
  );
}
