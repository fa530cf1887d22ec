// `flinkfit explain [FILE...]`: find the deployments in what the user names (compose projects,
// conf directories, config files), read each as Flink and Docker Compose would, and explain every
// memory number. Reads files through src/node, interprets in the core, renders with pure renderers.
import { resolve } from 'node:path';
import { chooseVersion } from '../../core/analysis/inputs.js';
import { explainProject, type ExplainProjectOptions, type ProjectExplanation } from '../../core/project/index.js';
import { nodeProjectFs } from '../../node/project-fs.js';
import { StandardParserMissing } from '../../core/conf/parsers.js';
import { CliError, ExitCode } from '../errors.js';
import { chosenFormat, emit, renderExplainOutput, type OutputOptions } from './explain-output.js';
import { discoveredManifests, discoverOnce, manifestInputs } from './kubernetes-detect.js';
import { parseOperatorVersion } from '../../core/k8s/operator.js';

export interface ExplainOptions {
  flinkVersion?: string;
  D?: Record<string, string>;
  json?: boolean;
  composeFile?: string[];
  envFile?: string[];
  profile?: string[];
  operatorVersion?: string;
}

/** The deployments in the given files (or the current directory), explained; shared with `check`. */
export async function buildProject(files: string[], opts: ExplainOptions): Promise<ProjectExplanation> {
  if (opts.flinkVersion !== undefined) {
    const v = chooseVersion(opts.flinkVersion, {});
    if ('error' in v) throw new CliError(v.error);
  }
  const operator = parseOperatorVersion(opts.operatorVersion);
  if (!operator.ok) throw new CliError(operator.message);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const cwd = process.cwd();
  const po: ExplainProjectOptions = {
    inputs: files.map((f) => resolve(f)),
    cwd,
    fs: nodeProjectFs(),
    env,
    ...(opts.composeFile ? { composeFiles: opts.composeFile.map((f) => resolve(f)) } : {}),
    ...(opts.envFile ? { envFiles: opts.envFile.map((f) => resolve(f)) } : {}),
    ...(opts.profile ? { profiles: opts.profile } : {}),
    ...(opts.flinkVersion !== undefined ? { flinkVersion: opts.flinkVersion } : {}),
    ...(opts.D ? { dynamic: opts.D } : {}),
    operatorVersion: operator.version,
  };
  const found = discoverOnce(po);
  // the YAML parser and the compose path load only when an input needs them: a compose file, or a
  // config.yaml beyond the plain shapes standard-flat.ts reads — found out by the core itself, which
  // asks for the general parser (StandardParserMissing) only then; the project is then explained
  // again with it, the rare case paying for a second pass instead of every run for a pre-scan
  if (found.plans.some((p) => p.kind === 'compose')) await import('../../core/conf/standard.js');
  const composePlan = found.plans.some((p) => p.kind === 'compose') ? (await import('../../core/project/compose-plan.js')).explainComposePlan : undefined;
  const kubernetesPlan = found.plans.some((p) => p.kind === 'kubernetes') ? (await import('../../core/project/kubernetes-plan.js')).explainKubernetesPlan : undefined;
  let r: ReturnType<typeof explainProject>;
  try {
    r = explainProject(po, found, composePlan, kubernetesPlan);
  } catch (e) {
    if (!(e instanceof StandardParserMissing)) throw e;
    await import('../../core/conf/standard.js');
    r = explainProject(po, found, composePlan, kubernetesPlan);
  }
  if (!r.ok) throw new CliError(r.message);
  return r.project;
}

export async function run(files: string[], opts: ExplainOptions & OutputOptions): Promise<void> {
  chosenFormat(opts); // a bad --format is said before any file is read
  // Flink Kubernetes Operator manifests take their own branch (src/core/k8s)
  const manifests = manifestInputs(files);
  if (manifests) return (await import('./kubernetes-input.js')).explainKubernetes(manifests, opts);
  // directories whose only deployments are manifests: the same view, with what the scan skipped
  const scanned = discoveredManifests(files, opts);
  if (scanned) return (await import('./kubernetes-input.js')).explainKubernetes(scanned.inputs, opts, scanned.notes);
  const p = await buildProject(files, opts);
  emit(await renderExplainOutput(p, opts), opts);
  const all = [...p.diagnostics, ...p.deployments.flatMap((d) => d.diagnostics)];
  process.exitCode = all.some((d) => d.severity === 'error') ? ExitCode.Findings : ExitCode.Ok;
}
