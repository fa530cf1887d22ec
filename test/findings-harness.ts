// Runs one fixture directory through the same core steps as `flinkfit check` (classify the inputs,
// choose the Flink version, explain a conf directory or a compose file, run the checks), without
// the CLI and its process: the per-code fixture tests call this thousands of times faster.
import { resolve } from 'node:path';
import { chooseVersion } from '../src/core/analysis/inputs.js';
import '../src/core/conf/standard.js';
import { explainComposePlan } from '../src/core/project/compose-plan.js';
import { discover, explainProject, type DeploymentExplanation, type ProjectExplanation } from '../src/core/project/index.js';
import { nodeProjectFs } from '../src/node/project-fs.js';
import { runProjectChecks, type CheckResult } from '../src/core/check/run.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import type { Preset } from '../src/core/presets/index.js';
import { parseMemorySize } from '../src/core/size.js';
import { loadBundledPresets, loadPreset } from '../src/node/presets.js';

export interface FixtureOptions {
  /** paths inside the fixture directory, as a user would name them on the command line */
  inputs: string[];
  flinkVersion?: string;
  preset?: string;
  /** name -> size with unit, like --reserve */
  reserves?: Record<string, string>;
  dynamic?: Record<string, string>;
  taskmanagers?: number;
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
  const r = explainProject(opts, discover(opts), explainComposePlan);
  if (!r.ok) throw new Error(r.message);
  return r.project;
}

/** The first deployment, with every finding of the run (the inputs' notes and all deployments'). */
export function explainFixture(root: string, o: FixtureOptions): DeploymentExplanation {
  const p = projectFixture(root, o);
  const first = p.deployments[0];
  if (!first) throw new Error('no deployment found');
  return { ...first, diagnostics: [...p.diagnostics, ...p.deployments.flatMap((d) => d.diagnostics)] };
}

export function checkFixture(root: string, o: FixtureOptions): CheckResult {
  const e = projectFixture(root, o);
  let preset: Preset | undefined;
  if (o.preset !== undefined) {
    const r = loadPreset(o.preset);
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
