// The web calculator's model, without the DOM: the page's state (what the URL hash holds), how it
// becomes an explanation with the same core code the CLI runs, and the HTML of the results.
import '../core/conf/standard.js';
import type { Explanation } from '../core/analysis/explain.js';
import { classifyInputs, explainClassified, looksFlat, looksLikeCompose, type ClassifiedInputs, type NamedInput } from '../core/analysis/inputs.js';
import { explainCompose } from '../core/project/single.js';
import type { DeploymentExplanation } from '../core/project/types.js';
import { runChecks, type CheckResult } from '../core/check/run.js';
import { explanationSvg } from '../core/diagram/index.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { DEFAULT_CHECKPOINT_DIR, DEFAULT_CHECKPOINT_INTERVAL, generate, type GenerateResult } from '../core/generate/index.js';
import type { Preset } from '../core/presets/model.js';
import { formatBytes } from '../core/size.js';
import { DEFAULT_FLINK_LINE, FLINK_LINES, LATEST_PATCH } from '../core/versions.js';
import { budgetHtml, findingsHtml, roleHtml } from '../cli/render/html.js';
import { machineOf } from '../cli/render/svg.js';
import { escapeXml as esc } from '../core/diagram/index.js';
import { prepend } from '../core/arrays.js';

/** Versions in the picker, newest first: the releases the shared vectors were computed with. */
export const VERSIONS: readonly string[] = [...FLINK_LINES].reverse().map((l) => LATEST_PATCH[l]);

export const FILE_KINDS = ['auto', 'flink-conf.yaml', 'config.yaml'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The options of the form: applied after the file, as Flink applies -D dynamic properties. */
export const OPTIONS: ReadonlyArray<{ key: string; hint: string }> = [
  { key: 'taskmanager.memory.process.size', hint: 'e.g. 1728m' },
  { key: 'jobmanager.memory.process.size', hint: 'e.g. 1600m' },
  { key: 'taskmanager.numberOfTaskSlots', hint: 'e.g. 1' },
  { key: 'taskmanager.memory.managed.fraction', hint: 'e.g. 0.4' },
  { key: 'taskmanager.memory.network.fraction', hint: 'e.g. 0.1' },
  { key: 'taskmanager.memory.network.min', hint: 'e.g. 64m' },
  { key: 'taskmanager.memory.network.max', hint: 'e.g. 1g' },
  { key: 'taskmanager.memory.jvm-metaspace.size', hint: 'e.g. 256m' },
  { key: 'taskmanager.memory.jvm-overhead.min', hint: 'e.g. 192m' },
  { key: 'jobmanager.memory.jvm-metaspace.size', hint: 'e.g. 256m' },
  { key: 'jobmanager.memory.off-heap.size', hint: 'e.g. 128m' },
];

/**
 * What a fresh Flink 2.3 distribution's conf/config.yaml sets for memory (its other keys — bind
 * hosts, ports, JVM options — do not take part): the page opens on these.
 */
export const DEFAULT_CONF = `# The memory part of the config.yaml a Flink 2.3 distribution ships with
jobmanager:
  memory:
    process:
      size: 1600m
taskmanager:
  numberOfTaskSlots: 1
  memory:
    process:
      size: 1728m
`;

export interface WebState {
  version: string;
  /** a bundled preset id, or '' for none */
  preset: string;
  taskmanagers: number;
  kind: FileKind;
  conf: string;
  compose: string;
  /** form options by key; empty values are left out */
  options: Record<string, string>;
}

export function defaultState(): WebState {
  return { version: LATEST_PATCH[DEFAULT_FLINK_LINE], preset: '', taskmanagers: 1, kind: 'auto', conf: DEFAULT_CONF, compose: '', options: {} };
}

/** The state as a URL hash: only what differs from the default, so the bare page is the default. */
export function encodeState(s: WebState): string {
  const d = defaultState();
  const p = new URLSearchParams();
  if (s.version !== d.version) p.set('v', s.version);
  if (s.preset !== '') p.set('preset', s.preset);
  if (s.taskmanagers !== 1) p.set('tm', String(s.taskmanagers));
  if (s.kind !== 'auto') p.set('kind', s.kind);
  if (s.conf !== d.conf) p.set('conf', s.conf);
  if (s.compose !== '') p.set('compose', s.compose);
  for (const o of OPTIONS) if ((s.options[o.key] ?? '') !== '') p.set(`D.${o.key}`, s.options[o.key]!);
  const t = p.toString();
  return t === '' ? '' : `#${t}`;
}

export function decodeState(hash: string): WebState {
  const s = defaultState();
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const v = p.get('v');
  if (v !== null && (v === '' || VERSIONS.includes(v))) s.version = v;
  s.preset = p.get('preset') ?? '';
  const tm = Number(p.get('tm') ?? '1');
  s.taskmanagers = Number.isInteger(tm) && tm >= 1 && tm <= 1000 ? tm : 1;
  const kind = p.get('kind');
  if (kind !== null && (FILE_KINDS as readonly string[]).includes(kind)) s.kind = kind as FileKind;
  s.conf = p.get('conf') ?? s.conf;
  s.compose = p.get('compose') ?? '';
  for (const o of OPTIONS) {
    const val = p.get(`D.${o.key}`);
    if (val !== null && val !== '') s.options[o.key] = val;
  }
  return s;
}

export interface Computed {
  explanation?: Explanation;
  check?: CheckResult;
  preset?: Preset;
  /** the inputs could not be read as asked (unknown version, two compose files…) */
  error?: string;
}

function dynamicOf(s: WebState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of OPTIONS) {
    const v = (s.options[o.key] ?? '').trim();
    if (v !== '') out[o.key] = v;
  }
  return out;
}

/**
 * The compose branch, in one place: a docker-compose.yml with its bind mounts of flink-conf.yaml or
 * config.yaml read from the config text on the page (the page has no other files).
 */
export function explainComposeText(composeText: string, classified: ClassifiedInputs, flinkVersion: string | undefined, dynamic: Record<string, string>): DeploymentExplanation {
  const names = Object.keys(classified.confFiles);
  const read = (source: string, kind: 'directory' | 'file') => {
    if (kind === 'directory') return names.length > 0 ? classified.confFiles : undefined;
    const base = source.replace(/\/+$/, '').split('/').pop() ?? '';
    return classified.confFiles[base];
  };
  // the same reader as `flinkfit explain docker-compose.yml`: every service, as Compose and the image run it
  const e = explainCompose({ path: 'docker-compose.yml', text: composeText, read, dynamic, ...(flinkVersion !== undefined ? { flinkVersion } : {}) });
  prepend(e.diagnostics, classified.diagnostics);
  return e;
}

/** The page's state through the same core as `flinkfit explain` (and `check --preset` with a preset). */
export function compute(s: WebState, presets: readonly Preset[]): Computed {
  const inputs: NamedInput[] = [];
  if (s.conf.trim() !== '') {
    // told from the text as the CLI would, but said in the label rather than in a note
    const auto = looksLikeCompose('', s.conf) ? 'docker-compose.yml' : looksFlat(s.conf) && !s.version.startsWith('2.') ? 'flink-conf.yaml' : 'config.yaml';
    const name = s.kind === 'auto' ? auto : s.kind;
    inputs.push({ kind: 'file', path: name, name, text: s.conf });
  }
  const classified = classifyInputs(inputs, undefined);
  const dynamic = dynamicOf(s);
  // '' is "as the CLI decides without --flink-version": the image tag, else assumed from the file
  const flinkVersion = s.version === '' ? undefined : s.version;
  const composeText = s.compose.trim() !== '' ? s.compose : classified.composeFiles[0]?.text;
  let e: Explanation;
  if (composeText !== undefined) {
    e = explainComposeText(composeText, classified, flinkVersion, dynamic);
  } else {
    const r = explainClassified(classified, { ...(flinkVersion !== undefined ? { flinkVersion } : {}), dynamic });
    if ('error' in r) return { error: r.error };
    e = r;
  }
  const preset = presets.find((p) => p.id === s.preset);
  if (!preset) return { explanation: e };
  const check = runChecks(e, { preset, allPresets: presets, reserves: [], taskmanagers: s.taskmanagers });
  return { explanation: e, check, preset };
}

export interface Rendered {
  summary: string;
  svg: string;
  findings: string;
  details: string;
}

function roleSummary(name: string, r: Explanation['taskmanager'] | Explanation['jobmanager']): string {
  const o = r.outcome;
  if (o === null) return `<span class="problem">${name}: configuration not readable</span>`;
  if (!o.ok) return `<span class="problem">${name}: Flink refuses to start${r.fix ? ` — needs ${esc(r.fix.key)}: ${r.fix.bytes / 1048576n}m` : ''}</span>`;
  return `${name}: <strong>${esc(formatBytes(o.memory.totalProcess))}</strong> <span class="muted">(${o.memory.totalProcess} bytes)</span>`;
}

export function render(c: Computed): Rendered {
  if (c.error !== undefined || !c.explanation) {
    return { summary: `<p class="problem">${esc(c.error ?? 'nothing to show')}</p>`, svg: '', findings: '', details: '' };
  }
  const e = c.explanation;
  const findings: Diagnostic[] = c.check ? c.check.findings : e.diagnostics;
  const budget = c.check?.budget;
  return {
    summary: `<p>Flink ${esc(e.flinkVersion)} · ${roleSummary('TaskManager', e.taskmanager)} · ${roleSummary('JobManager', e.jobmanager)}</p>`,
    // the page holds the diagram's stylesheet and patterns once: re-parsing them on every keystroke
    // restyles the whole page
    svg: explanationSvg(e, budget ? machineOf(budget) : undefined, { shared: true }),
    findings: findingsHtml(findings),
    details: [roleHtml('taskmanager', e.taskmanager), roleHtml('jobmanager', e.jobmanager), budget ? `<h2 id="machine">Machine</h2>${budgetHtml(budget)}` : ''].join('\n'),
  };
}

/** The files `flinkfit generate --preset ID` would write for this machine and the form's shape. */
export function generateFor(s: WebState, presets: readonly Preset[]): GenerateResult | { ok: false; message: string } {
  const preset = presets.find((p) => p.id === s.preset);
  if (!preset) return { ok: false, message: 'Pick a machine preset to generate files for it.' };
  const slotsText = s.options['taskmanager.numberOfTaskSlots'] ?? '';
  const slots = /^\d+$/.test(slotsText.trim()) ? Number(slotsText) : 1;
  const command = `flinkfit generate --preset ${preset.id}${s.version !== '' ? ` --flink-version ${s.version}` : ''}${s.taskmanagers !== 1 ? ` --taskmanagers ${s.taskmanagers}` : ''}${slots !== 1 ? ` --slots ${slots}` : ''}`;
  return generate({
    preset,
    ...(s.version !== '' ? { flinkVersion: s.version } : {}),
    taskManagers: s.taskmanagers,
    slots,
    stateBackend: 'hashmap',
    reserves: [],
    checkpointInterval: DEFAULT_CHECKPOINT_INTERVAL,
    checkpointDir: DEFAULT_CHECKPOINT_DIR,
    dynamic: {},
    presets,
    command,
  });
}
