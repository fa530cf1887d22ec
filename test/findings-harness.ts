// Runs one fixture directory through the same core steps as `flinkfit check` (classify the inputs,
// choose the Flink version, explain a conf directory or a compose file, run the checks), without
// the CLI and its process: the per-code fixture tests call this thousands of times faster.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { explainComposeInputs } from '../src/core/analysis/compose.js';
import type { Explanation } from '../src/core/analysis/explain.js';
import { chooseVersion, classifyInputs, explainClassified, type NamedInput } from '../src/core/analysis/inputs.js';
import { runChecks, type CheckResult } from '../src/core/check/run.js';
import type { Diagnostic } from '../src/core/diagnostics.js';
import type { Preset } from '../src/core/presets/index.js';
import { parseMemorySize } from '../src/core/size.js';
import { loadBundledPresets } from '../src/node/presets.js';
import { readPresetFile } from '../src/node/preset-file.js';

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

function regularFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isFile()) files[e.name] = readFileSync(join(dir, e.name), 'utf8');
  return files;
}

function readNamed(root: string, path: string): NamedInput {
  const abs = join(root, path);
  if (statSync(abs).isDirectory()) return { kind: 'dir', path, files: regularFiles(abs) };
  return { kind: 'file', path, name: basename(path), text: readFileSync(abs, 'utf8') };
}

/** What a compose file bind-mounts, read relative to the fixture directory (as mountReader does). */
export function fixtureReader(root: string) {
  return (source: string, kind: 'directory' | 'file'): Readonly<Record<string, string>> | string | undefined => {
    const p = isAbsolute(source) ? source : join(root, source);
    try {
      const st = statSync(p);
      if (kind === 'file') return st.isFile() ? readFileSync(p, 'utf8') : undefined;
      return st.isDirectory() ? regularFiles(p) : undefined;
    } catch {
      return undefined;
    }
  };
}

/** The explanation `flinkfit explain` builds for these inputs (without the CLI's extra NO_CONFIG_FILE line). */
export function explainFixture(root: string, o: FixtureOptions): Explanation {
  const inputs = o.inputs.map((p) => readNamed(root, p));
  const asked = o.flinkVersion !== undefined ? chooseVersion(o.flinkVersion, {}) : undefined;
  if (asked && 'error' in asked) throw new Error(asked.error);
  const classified = classifyInputs(inputs, asked?.line);
  const opts = { ...(o.flinkVersion !== undefined ? { flinkVersion: o.flinkVersion } : {}), ...(o.dynamic ? { dynamic: o.dynamic } : {}) };
  const compose = classified.composeFiles[0];
  if (compose) return explainComposeInputs(compose, classified, { read: fixtureReader(root), env: {}, ...opts });
  const e = explainClassified(classified, opts);
  if ('error' in e) throw new Error(e.error);
  return e;
}

export function checkFixture(root: string, o: FixtureOptions): CheckResult {
  const e = explainFixture(root, o);
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
  return runChecks(e, { ...(preset ? { preset } : {}), allPresets, reserves, ...(o.taskmanagers ? { taskmanagers: o.taskmanagers } : {}) });
}

export function sortedCodes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code).sort();
}
