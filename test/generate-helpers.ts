// Shared by the generate tests: the bundled presets, a default input, and the `check` pipeline run
// on generated files exactly as `flinkfit check docker-compose.yml --preset …` runs it.
import { explainCompose } from '../src/core/project/single.js';
import { newestPublishedImage } from '../src/core/images.js';
import { parseFlinkVersion } from '../src/core/versions.js';
import { runChecks } from '../src/core/check/run.js';
import type { GenerateInput, GeneratedFile } from '../src/core/generate/index.js';
import { presetKind, type Preset } from '../src/core/presets/index.js';
import { loadBundledPresets } from '../src/node/presets.js';

/** The machines `generate` sizes Docker for (Kubernetes node presets have their own target). */
export const PRESETS: Preset[] = loadBundledPresets().flatMap((r) => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return presetKind(r.preset) === 'vm' ? [r.preset] : [];
});

/**
 * A generate input with test defaults. A line without a published official image (2.3 today) can
 * only be generated with an image of one's own (--image): the sizing tests give one, so every line
 * the model knows stays covered; test/images.test.ts checks the refusal without it.
 */
export function generateInput(over: Partial<GenerateInput> & { preset: Preset }): GenerateInput {
  const v = over.flinkVersion !== undefined ? parseFlinkVersion(over.flinkVersion) : undefined;
  const own = v?.ok && newestPublishedImage(v.line) === null && over.image === undefined ? { image: `registry.example.com/flink:${v.version}-java17` } : {};
  return {
    ...own,
    taskManagers: 1,
    slots: 1,
    stateBackend: 'hashmap',
    reserves: [],
    checkpointInterval: '10s',
    checkpointDir: 'file:///opt/flink/checkpoints',
    dynamic: {},
    presets: PRESETS,
    command: 'flinkfit generate (test)',
    ...over,
  };
}

/** explain + check of the generated docker-compose.yml with its conf/ directory, on `preset`. */
export function checkGenerated(files: readonly GeneratedFile[], preset: Preset, reserves: ReadonlyArray<{ name: string; bytes: bigint }> = []) {
  const compose = files.find((f) => f.path === 'docker-compose.yml')!;
  const conf: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith('conf/')) conf[f.path.slice(5)] = f.text;
  const e = explainCompose({ path: 'docker-compose.yml', text: compose.text, read: (source, kind) => (source === './conf' && kind === 'directory' ? conf : undefined) });
  return { e, result: runChecks(e, { preset, allPresets: PRESETS, reserves }) };
}
