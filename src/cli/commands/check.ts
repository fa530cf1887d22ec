// `flinkfit check [FILES...]`: everything explain finds, plus the machine budget, container limits
// and workload pitfalls, with text, JSON or GitHub output and CI-friendly exit codes.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { deploymentJson, diagnosticJson, projectToJson } from '../../core/analysis/json.js';
import { sortDiagnostics } from '../../core/diagnostics.js';
import type { ProjectFile } from '../../core/check/project.js';
import { parseReserve } from '../../core/check/reserve.js';
import { checkExitCode, runProjectChecks } from '../../core/check/run.js';
import { presetKind, type Preset } from '../../core/presets/index.js';
import { readTextFile } from '../../node/inputs.js';
import { loadBundledPresets, loadPreset } from '../../node/presets.js';
import { CliError, ExitCode } from '../errors.js';
import { discoveredManifests, manifestInputs } from './kubernetes-detect.js';
import { terminalColumns, useColor } from '../options.js';
import { writeOut } from '../stdio.js';
import { fitWidth } from '../render/wrap.js';
import { VERSION } from '../version.js';
import { presetLoadErrorMessage } from '../render/presets.js';
import { jsonBudget, renderCheckGithub, renderCheckJson, renderCheckText, type CheckReport } from '../render/check.js';
import { buildProject } from './explain.js';

export interface CheckCliOptions {
  preset?: string;
  flinkVersion?: string;
  reserve?: string[];
  format?: string;
  strict?: boolean;
  D?: Record<string, string>;
  config?: string;
  composeFile?: string[];
  envFile?: string[];
  profile?: string[];
}

const PROJECT_FILE = '.flinkfit.yaml';
const CHECK_FORMATS = ['text', 'json', 'github', 'sarif', 'gitlab'];

/** SARIF and GitLab code quality, loaded only when asked for. */
async function renderForCi(format: 'sarif' | 'gitlab', report: CheckReport, fallbackFile: string): Promise<string> {
  if (format === 'sarif') return (await import('../render/sarif.js')).renderCheckSarif(report, { version: VERSION, fallbackFile });
  return (await import('../render/gitlab.js')).renderCheckGitlab(report, { fallbackFile });
}

async function readProject(path: string | undefined): Promise<{ project: ProjectFile; dir: string; file: string } | undefined> {
  const file = path ?? (existsSync(PROJECT_FILE) ? PROJECT_FILE : undefined);
  if (file === undefined) return undefined;
  // zod and the YAML parser load only when there is a project file to read
  const { parseProjectFile, PROJECT_MAX_CHARS } = await import('../../core/check/project.js');
  // a regular file of at most 1 MiB: a FIFO or /dev/zero named as the project file never hangs
  const read = readTextFile(file, { maxBytes: PROJECT_MAX_CHARS });
  if (!read.ok) throw new CliError(`cannot read ${file}: ${read.reason === 'no such file or directory' ? 'no such file' : read.reason}`);
  const r = parseProjectFile(read.text, file);
  if (!r.ok) throw new CliError(r.message);
  return { project: r.project, dir: dirname(file), file };
}

async function presetOrFail(idOrPath: string, projectFile?: string): Promise<Preset> {
  const r = await loadPreset(idOrPath);
  // a preset named by the project file is said to come from it
  if (!r.ok) throw new CliError(`${projectFile ? `${projectFile}: preset: ` : ''}${presetLoadErrorMessage(r.error)}`);
  if (presetKind(r.preset) === 'kubernetes-node') throw new CliError(`--preset ${idOrPath} is a Kubernetes node preset; it checks FlinkDeployment manifests with --node-preset`);
  return r.preset;
}

export async function run(files: string[], opts: CheckCliOptions & { operatorVersion?: string; nodes?: string; nodePreset?: string }): Promise<void> {
  // Flink Kubernetes Operator manifests take their own branch (issue 12; moves under the project model)
  const manifests = manifestInputs(files);
  if (manifests) return (await import('./kubernetes-input.js')).checkKubernetes(manifests, opts);
  // directories whose only deployments are manifests: the same check, with what the scan skipped
  const scanned = discoveredManifests(files, opts);
  if (scanned) return (await import('./kubernetes-input.js')).checkKubernetes(scanned.inputs, opts, scanned.notes);
  if (opts.nodePreset !== undefined || opts.nodes !== undefined) throw new CliError('--node-preset and --nodes place FlinkDeployment pods: name the manifests (or a directory holding only manifests)');
  const format = opts.format ?? 'text';
  if (!CHECK_FORMATS.includes(format)) throw new CliError(`--format must be ${CHECK_FORMATS.slice(0, -1).join(', ')} or ${CHECK_FORMATS.at(-1)}, not '${format}'`);
  const proj = await readProject(opts.config);
  const project = proj?.project ?? {};
  // the command line wins over the project file
  let presetRef = opts.preset ?? project.preset;
  if (opts.preset === undefined && presetRef && proj && /[\\/]|\.ya?ml$/i.test(presetRef) && !isAbsolute(presetRef)) {
    presetRef = join(proj.dir, presetRef);
  }
  const preset = presetRef ? await presetOrFail(presetRef, opts.preset === undefined ? proj?.file : undefined) : undefined;
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

  const p = await buildProject(files, {
    ...(flinkVersion !== undefined ? { flinkVersion } : {}),
    ...(opts.D ? { D: opts.D } : {}),
    ...(opts.composeFile ? { composeFile: opts.composeFile } : {}),
    ...(opts.envFile ? { envFile: opts.envFile } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.operatorVersion !== undefined ? { operatorVersion: opts.operatorVersion } : {}),
  });
  // Kubernetes node presets are not machines to run Docker on: the budget suggests VMs only
  const all = loadBundledPresets().flatMap((r) => (r.ok && presetKind(r.preset) === 'vm' ? [r.preset] : []));
  const result = runProjectChecks(p, { ...(preset ? { preset } : {}), allPresets: all, reserves, ...(project.taskmanagers ? { taskmanagers: project.taskmanagers } : {}) });
  const exitCode = checkExitCode(result.findings, strict);
  const flinkDeployments = p.deployments.filter((d) => d.flink);
  // the versions of what runs: a compose project whose Flink services were not modelled (an image
  // flinkfit does not know) has the versions its images name, not the default line
  const versions = [
    ...new Set(
      flinkDeployments.flatMap((d) =>
        d.processes.length > 0 ? d.processes.map((x) => x.flinkVersion) : d.kind === 'compose' ? d.services.flatMap((s) => (s.flink && s.flinkVersion ? [s.flinkVersion] : [])) : [d.flinkVersion],
      ),
    ),
  ];
  const report: CheckReport = { flinkVersion: versions.length > 0 ? versions.join(', ') : null, ...(preset ? { presetId: preset.id } : {}), result, exitCode, strict };
  let text: string;
  if (format === 'json') {
    const ex = projectToJson(p) as Record<string, unknown>;
    const deployments = result.deployments.map((d) => {
      const { diagnostics: _explained, ...rest } = deploymentJson(d.deployment);
      return { ...rest, findings: sortDiagnostics(d.findings).map(diagnosticJson), budget: d.budget ? jsonBudget(d.budget) : null, taskmanagerCount: d.taskmanagerCount };
    });
    text = renderCheckJson(report, { taskmanager: ex.taskmanager, jobmanager: ex.jobmanager, deployments });
  } else if (format === 'github') {
    text = renderCheckGithub(report, files[0] ?? '.');
  } else if (format === 'sarif' || format === 'gitlab') {
    text = await renderForCi(format, report, files[0] ?? '.');
  } else {
    text = fitWidth(renderCheckText(report, useColor()), terminalColumns());
  }
  writeOut(text);
  process.exitCode = exitCode === 0 ? ExitCode.Ok : ExitCode.Findings;
}
