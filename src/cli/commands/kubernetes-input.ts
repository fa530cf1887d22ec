// The Kubernetes branch of explain/check: files that hold Flink Kubernetes Operator resources
// (apiVersion flink.apache.org/…, kind FlinkDeployment or FlinkSessionJob) are read as manifests
// and analysed by core/k8s; everything else keeps the usual path. Kept apart so the project model
// (issue 8) can take it over as one more kind of deployment.
import { Chalk } from 'chalk';
import { explanationToJson, diagnosticJson } from '../../core/analysis/json.js';
import { checkExitCode } from '../../core/check/run.js';
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import { analyzeManifests, parseOperatorVersion, type KubernetesDeployment } from '../../core/k8s/index.js';
import { podsOf, schedule, scheduleFindings, type Schedule } from '../../core/k8s/schedule.js';
import { presetKind, type Preset } from '../../core/presets/index.js';
import { loadBundledPresets, loadPreset } from '../../node/presets.js';
import { CliError, ExitCode } from '../errors.js';
import { terminalWidth, useColor } from '../options.js';
import { writeOut } from '../stdio.js';
import { renderCheckGithub } from '../render/check.js';
import { renderDiagnostic, renderExplanation, shownInText } from '../render/explain.js';
import { kubernetesJson, renderKubernetesText } from '../render/kubernetes.js';
import { presetLoadErrorMessage } from '../render/presets.js';
import { VERSION } from '../version.js';

export interface KubernetesCliOptions {
  operatorVersion?: string;
  nodes?: string;
  nodePreset?: string;
  json?: boolean;
  format?: string;
  strict?: boolean;
}

function analyze(inputs: Array<{ path: string; text: string }>, opts: KubernetesCliOptions) {
  const v = parseOperatorVersion(opts.operatorVersion);
  if (!v.ok) throw new CliError(v.message);
  const { deployments, findings } = analyzeManifests(inputs.map((i) => ({ file: i.path, text: i.text })), { operatorVersion: v.version });
  if (deployments.length === 0 && findings.length === 0) throw new CliError(`${inputs.map((i) => i.path).join(', ')}: no FlinkDeployment or FlinkSessionJob found`);
  return { deployments, findings };
}

async function nodesFor(opts: KubernetesCliOptions): Promise<{ nodes: Preset[]; types: Preset[] } | undefined> {
  if (opts.nodePreset === undefined) {
    if (opts.nodes !== undefined) throw new CliError('--nodes needs --node-preset ID (see the Kubernetes nodes in flinkfit presets)');
    return undefined;
  }
  const ids = opts.nodePreset.split(',').map((s) => s.trim()).filter(Boolean);
  const presets: Preset[] = [];
  for (const id of ids) {
    const r = await loadPreset(id);
    if (!r.ok) throw new CliError(presetLoadErrorMessage(r.error));
    if (presetKind(r.preset) !== 'kubernetes-node') throw new CliError(`--node-preset ${id} is a VM preset; choose a Kubernetes node (flinkfit presets lists them apart)`);
    presets.push(r.preset);
  }
  let nodes = presets;
  if (opts.nodes !== undefined) {
    if (!/^\d+$/.test(opts.nodes.trim()) || Number(opts.nodes) < 1 || Number(opts.nodes) > 1000) throw new CliError(`--nodes must be a whole number from 1 to 1000, not '${opts.nodes}'`);
    if (presets.length !== 1) throw new CliError('--nodes N goes with one --node-preset; for a mix of nodes list them: --node-preset a,a,b');
    nodes = Array.from({ length: Number(opts.nodes) }, () => presets[0]!);
  }
  const types = loadBundledPresets().flatMap((r) => (r.ok && presetKind(r.preset) === 'kubernetes-node' ? [r.preset] : []));
  return { nodes, types };
}

function scheduled(d: KubernetesDeployment, n: { nodes: Preset[]; types: Preset[] } | undefined): { s?: Schedule; findings: Diagnostic[] } {
  if (!n) return { findings: [] };
  const s = schedule(podsOf(d), n.nodes, n.types);
  return { s, findings: scheduleFindings(s, { file: d.file, line: d.line }) };
}

function deploymentJson(d: KubernetesDeployment, s?: Schedule): Record<string, unknown> {
  return { ...(explanationToJson(d.explanation) as Record<string, unknown>), kubernetes: kubernetesJson(d, s) };
}

export async function explainKubernetes(inputs: Array<{ path: string; text: string }>, opts: KubernetesCliOptions, notes: Diagnostic[] = []): Promise<void> {
  const analyzed = analyze(inputs, opts);
  const { deployments } = analyzed;
  const findings = [...notes, ...analyzed.findings];
  const errors = [...deployments.flatMap((d) => d.findings), ...findings].some((f) => f.severity === 'error');
  let text: string;
  if (opts.json) {
    const doc =
      deployments.length === 1 && findings.length === 0
        ? deploymentJson(deployments[0]!)
        : { schemaVersion: 1, deployments: deployments.map((d) => deploymentJson(d)), diagnostics: findings.map(diagnosticJson) };
    text = JSON.stringify(doc, null, 2) + '\n';
  } else {
    const color = useColor();
    const c = new Chalk({ level: color ? 1 : 0 });
    const parts = deployments.map((d) => renderKubernetesText(d, color) + '\n' + renderExplanation(d.explanation, { color, width: terminalWidth() }));
    const rest = sortDiagnostics(findings);
    if (rest.length > 0) parts.push(rest.map((d) => renderDiagnostic(d, c)).join('\n') + '\n');
    text = parts.join('\n');
  }
  writeOut(text);
  process.exitCode = errors ? ExitCode.Findings : ExitCode.Ok;
}

export async function checkKubernetes(inputs: Array<{ path: string; text: string }>, opts: KubernetesCliOptions, notes: Diagnostic[] = []): Promise<void> {
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'github', 'sarif', 'gitlab'].includes(format)) throw new CliError(`--format must be text, json, github, sarif or gitlab, not '${format}'`);
  const n = (await nodesFor(opts));
  const analyzed = analyze(inputs, opts);
  const { deployments } = analyzed;
  const findings = [...notes, ...analyzed.findings];
  const per = deployments.map((d) => ({ d, ...scheduled(d, n) }));
  const all = [...per.flatMap((p) => [...p.d.findings, ...p.findings]), ...findings];
  const exitCode = checkExitCode(all, opts.strict ?? false);
  let text: string;
  if (format === 'json') {
    const doc = {
      schemaVersion: 2,
      kind: 'kubernetes',
      exitCode,
      findings: sortDiagnostics(all).map(diagnosticJson),
      deployments: per.map((p) => ({ name: p.d.name, file: p.d.file, line: p.d.line, ...deploymentJson(p.d, p.s) })),
    };
    text = JSON.stringify(doc, null, 2) + '\n';
  } else if (format === 'github') {
    text = renderCheckGithub({ flinkVersion: '', result: { findings: all, deployments: [], taskmanagerCount: 0 }, exitCode, strict: opts.strict ?? false });
  } else if (format === 'sarif' || format === 'gitlab') {
    // the same CI reports as check on other inputs, loaded only when asked for
    const report = { flinkVersion: '', result: { findings: all, deployments: [], taskmanagerCount: 0 }, exitCode, strict: opts.strict ?? false };
    const fallbackFile = inputs[0]?.path ?? '.';
    text = format === 'sarif' ? (await import('../render/sarif.js')).renderCheckSarif(report, { version: VERSION, fallbackFile }) : (await import('../render/gitlab.js')).renderCheckGitlab(report, { fallbackFile });
  } else {
    const color = useColor();
    const c = new Chalk({ level: color ? 1 : 0 });
    const out: string[] = [];
    for (const d of sortDiagnostics(all).filter((f) => shownInText(f) || f.code === 'K8S_SESSION_JOB')) out.push(renderDiagnostic(d, c));
    for (const p of per) out.push('', renderKubernetesText(p.d, color, p.s).trimEnd());
    const e = all.filter((f) => f.severity === 'error').length;
    const w = all.filter((f) => f.severity === 'warning').length;
    out.push('', `${exitCode === 0 ? c.green.bold('ok') : c.red.bold('failed')}: ${deployments.length} FlinkDeployment${deployments.length === 1 ? '' : 's'}, ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}${opts.strict ? ' (strict: warnings count)' : ''}`);
    text = out.join('\n').replace(/^\n/, '') + '\n';
  }
  writeOut(text);
  process.exitCode = exitCode === 0 ? ExitCode.Ok : ExitCode.Findings;
}
