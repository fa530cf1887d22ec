// Runs one fixture directory through the same core steps as `flinkfit check` (classify the inputs,
// choose the Flink version, explain a conf directory or a compose file, run the checks), without
// the CLI and its process: the per-code fixture tests call this thousands of times faster.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Explanation } from '../src/core/analysis/explain.js';
import { chooseVersion } from '../src/core/analysis/inputs.js';
import '../src/core/conf/standard.js';
import { explainComposePlan } from '../src/core/project/compose-plan.js';
import { explainKubernetesPlan } from '../src/core/project/kubernetes-plan.js';
import { discover, explainProject, type ProjectExplanation } from '../src/core/project/index.js';
import { nodeProjectFs } from '../src/node/project-fs.js';
import { runProjectChecks, type CheckResult } from '../src/core/check/run.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import type { Preset } from '../src/core/presets/index.js';
import { parseMemorySize } from '../src/core/size.js';
import { loadBundledPresets } from '../src/node/presets.js';
import { readPresetFile } from '../src/node/preset-file.js';
import { analyzeManifests, looksLikeFlinkManifest, type OperatorVersion } from '../src/core/k8s/index.js';
import { podsOf, schedule, scheduleFindings } from '../src/core/k8s/schedule.js';

export interface FixtureOptions {
  /** paths inside the fixture directory, as a user would name them on the command line */
  inputs: string[];
  flinkVersion?: string;
  preset?: string;
  /** name -> size with unit, like --reserve */
  reserves?: Record<string, string>;
  dynamic?: Record<string, string>;
  taskmanagers?: number;
  /** FlinkDeployment manifests: the operator release, and the nodes to schedule on (check) */
  operatorVersion?: OperatorVersion;
  nodePreset?: string;
  nodes?: number;
}

const allPresets: Preset[] = loadBundledPresets().flatMap((r) => (r.ok ? [r.preset] : []));

/** The project `flinkfit explain` builds for these inputs, run from the fixture directory. */
export function projectFixture(root: string, o: FixtureOptions): ProjectExplanation {
  if (o.flinkVersion !== undefined) {
    const asked = chooseVersion(o.flinkVersion, {});
    if ('error' in asked) throw new Error(asked.error);
  }
  const opts = {
    inputs: o.inputs.map((p) => resolve(root, p)),
    cwd: resolve(root),
    fs: nodeProjectFs(),
    env: {},
    ...(o.flinkVersion !== undefined ? { flinkVersion: o.flinkVersion } : {}),
    ...(o.dynamic ? { dynamic: o.dynamic } : {}),
  };
  const r = explainProject(opts, discover(opts), explainComposePlan, explainKubernetesPlan);
  if (!r.ok) throw new Error(r.message);
  return r.project;
}

/** The first deployment, with every finding of the run (the inputs' notes and all deployments'). */
export function explainFixture(root: string, o: FixtureOptions): Explanation {
  const k8s = kubernetesFixture(root, o);
  if (k8s) return k8s.explanation;
  const p = projectFixture(root, o);
  const first = p.deployments[0];
  if (!first) throw new Error('no deployment found');
  return { ...first, diagnostics: [...p.diagnostics, ...p.deployments.flatMap((d) => d.diagnostics)] };
}

/** A named input's text, when it is a file (manifests are files). */
function readNamed(root: string, path: string): { kind: 'file' | 'dir'; path: string; text: string } {
  const abs = join(root, path);
  return statSync(abs).isDirectory() ? { kind: 'dir', path, text: '' } : { kind: 'file', path, text: readFileSync(abs, 'utf8') };
}

/** Flink Kubernetes Operator manifests, as explain and check route them (src/cli/commands/kubernetes-input.ts). */
function kubernetesFixture(root: string, o: FixtureOptions): { explanation: Explanation; check: () => Diagnostic[] } | undefined {
  const inputs = o.inputs.map((p) => readNamed(root, p));
  const files = inputs.flatMap((i) => (i.kind === 'file' && looksLikeFlinkManifest(i.text) ? [{ file: i.path, text: i.text }] : []));
  if (files.length === 0) return undefined;
  const r = analyzeManifests(files, o.operatorVersion ? { operatorVersion: o.operatorVersion } : {});
  const first = r.deployments[0]!.explanation;
  const diagnostics = [...r.deployments.flatMap((d) => d.findings), ...r.findings];
  const check = () => {
    if (o.nodePreset === undefined) return diagnostics;
    const node = allPresets.find((x) => x.id === o.nodePreset);
    if (!node) throw new Error(`preset ${o.nodePreset}: not bundled`);
    const nodes = Array.from({ length: o.nodes ?? 1 }, () => node);
    const types = allPresets.filter((x) => x.kind === 'kubernetes-node');
    return [...diagnostics, ...r.deployments.flatMap((d) => scheduleFindings(schedule(podsOf(d), nodes, types), { file: d.file, line: d.line }))];
  };
  return { explanation: { ...first, diagnostics }, check };
}

export function checkFixture(root: string, o: FixtureOptions): CheckResult {
  const k8s = kubernetesFixture(root, o);
  if (k8s) return { findings: k8s.check(), deployments: [], taskmanagerCount: 0 };
  const e = projectFixture(root, o);
  let preset: Preset | undefined;
  if (o.preset !== undefined) {
    // synchronously: a bundled id from the bundled list, anything else as a preset file
    const r = allPresets.some((p) => p.id === o.preset)
      ? loadBundledPresets().find((b) => b.ok && b.preset.id === o.preset)!
      : readPresetFile(o.preset, o.preset, { kind: 'file', file: o.preset });
    if (!r.ok) throw new Error(`preset ${o.preset}: ${r.error.code}`);
    preset = r.preset;
  }
  const reserves = Object.entries(o.reserves ?? {}).map(([name, size]) => {
    const p = parseMemorySize(size);
    if (!p.ok) throw new Error(`reserve ${name}: ${p.reason}`);
    return { name, bytes: p.bytes };
  });
  return runProjectChecks(e, { ...(preset ? { preset } : {}), allPresets, reserves, ...(o.taskmanagers ? { taskmanagers: o.taskmanagers } : {}) });
}

export function sortedCodes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code).sort();
}
