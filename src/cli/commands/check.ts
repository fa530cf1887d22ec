// `flinkfit check [FILES...]`: everything explain finds, plus the machine budget, container limits
// and workload pitfalls, with text, JSON or GitHub output and CI-friendly exit codes.
import '../../core/conf/standard.js';
import { existsSync } from 'node:fs';
import { readTextFile } from '../../node/inputs.js';
import { dirname, isAbsolute, join } from 'node:path';
import { explanationToJson } from '../../core/analysis/json.js';
import { parseProjectFile, parseReserve, PROJECT_MAX_CHARS, type ProjectFile } from '../../core/check/project.js';
import { checkExitCode, runChecks } from '../../core/check/run.js';
import type { Preset } from '../../core/presets/index.js';
import { loadBundledPresets, loadPreset } from '../../node/presets.js';
import { CliError, ExitCode } from '../errors.js';
import { useColor } from '../options.js';
import { presetLoadErrorMessage } from '../render/presets.js';
import { renderCheckGithub, renderCheckJson, renderCheckText, type CheckReport } from '../render/check.js';
import { buildExplanation } from './explain.js';

export interface CheckCliOptions {
  preset?: string;
  flinkVersion?: string;
  reserve?: string[];
  format?: string;
  strict?: boolean;
  D?: Record<string, string>;
  config?: string;
}

const PROJECT_FILE = '.flinkfit.yaml';

function readProject(path: string | undefined): { project: ProjectFile; dir: string; file: string } | undefined {
  const file = path ?? (existsSync(PROJECT_FILE) ? PROJECT_FILE : undefined);
  if (file === undefined) return undefined;
  const read = readTextFile(file, { maxBytes: PROJECT_MAX_CHARS });
  if (!read.ok) throw new CliError(`cannot read ${file}: ${read.reason === 'no such file or directory' ? 'no such file' : read.reason}`);
  const r = parseProjectFile(read.text, file);
  if (!r.ok) throw new CliError(r.message);
  return { project: r.project, dir: dirname(file), file };
}

function presetOrFail(idOrPath: string, projectFile?: string): Preset {
  const r = loadPreset(idOrPath);
  if (!r.ok) throw new CliError(`${projectFile ? `${projectFile}: preset: ` : ''}${presetLoadErrorMessage(r.error)}`);
  return r.preset;
}

export async function run(files: string[], opts: CheckCliOptions): Promise<void> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'github'].includes(format)) throw new CliError(`--format must be text, json or github, not '${format}'`);
  const proj = readProject(opts.config);
  const project = proj?.project ?? {};
  // the command line wins over the project file
  let presetRef = opts.preset ?? project.preset;
  if (opts.preset === undefined && presetRef && proj && /[\\/]|\.ya?ml$/i.test(presetRef) && !isAbsolute(presetRef)) {
    presetRef = join(proj.dir, presetRef);
  }
  const preset = presetRef ? presetOrFail(presetRef, opts.preset === undefined ? proj?.file : undefined) : undefined;
  const reserves: Array<{ name: string; bytes: bigint }> = [];
  const cliReserves = (opts.reserve ?? []).map((s) => {
    const r = parseReserve(s);
    if ('error' in r) throw new CliError(r.error);
    return r;
  });
  const projectReserves = Object.entries(project.reserve ?? {}).map(([name, size]) => {
    const r = parseReserve(`${name}=${size}`);
    if ('error' in r) throw new CliError(`${proj?.file ?? PROJECT_FILE}: ${r.error}`);
    return r;
  });
  const named = new Set(cliReserves.map((r) => r.name));
  for (const r of [...projectReserves.filter((r) => !named.has(r.name)), ...cliReserves]) reserves.push(r);
  const strict = opts.strict ?? project.strict ?? false;
  const flinkVersion = opts.flinkVersion ?? project.flinkVersion;

  const e = await buildExplanation(files, { ...(flinkVersion !== undefined ? { flinkVersion } : {}), ...(opts.D ? { D: opts.D } : {}) });
  const all = loadBundledPresets().flatMap((r) => (r.ok ? [r.preset] : []));
  const result = runChecks(e, { ...(preset ? { preset } : {}), allPresets: all, reserves, ...(project.taskmanagers ? { taskmanagers: project.taskmanagers } : {}) });
  const exitCode = checkExitCode(result.findings, strict);
  const report: CheckReport = { flinkVersion: e.flinkVersion, ...(preset ? { presetId: preset.id } : {}), result, exitCode, strict };
  let text: string;
  if (format === 'json') {
    const ex = explanationToJson(e) as Record<string, unknown>;
    text = renderCheckJson(report, { taskmanager: ex.taskmanager, jobmanager: ex.jobmanager });
  } else if (format === 'github') {
    text = renderCheckGithub(report);
  } else {
    text = renderCheckText(report, useColor());
  }
  process.stdout.write(text);
  process.exitCode = exitCode === 0 ? ExitCode.Ok : ExitCode.Findings;
}
