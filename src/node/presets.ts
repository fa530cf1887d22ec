// Machine presets for the commands: the bundled ones (data validated at build time, see
// bundled-presets.ts) or a user's YAML file, parsed and validated only when one is given.
import { relative } from 'node:path';
import { suggest, type Preset, type PresetIssue } from '../core/presets/index.js';
import { bundledPresetResults } from './bundled-presets.js';

export type PresetOrigin = { kind: 'bundled'; file: string } | { kind: 'file'; file: string };

export type LoadPresetResult =
  | { ok: true; preset: Preset; origin: PresetOrigin }
  | {
      ok: false;
      error:
        | { code: 'PRESET_UNKNOWN'; id: string; didYouMean: string[]; nearest: string[]; known: string[] }
        | { code: 'PRESET_UNREADABLE'; file: string; reason: string }
        | { code: 'PRESET_INVALID'; file: string; issues: PresetIssue[] };
    };

/** Ids of the bundled presets, sorted. */
export function listBundledPresetIds(): string[] {
  return bundledPresetResults().map((r) => (r.ok ? r.preset.id : r.error.code === 'PRESET_INVALID' ? r.error.file.replace(/^presets\/|\.yaml$/g, '') : ''));
}

/** Every bundled preset; a broken one is reported, not skipped. */
export function loadBundledPresets(): LoadPresetResult[] {
  return bundledPresetResults();
}

/** A path rather than an id: has a directory separator or a YAML extension. */
export function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
}

/**
 * A bundled preset by id (`aws-t3-micro`) or a user's preset file by path (`./my-vm.yaml`).
 * An unknown id comes back with the close matches among bundled ids.
 */
export async function loadPreset(idOrPath: string, options: { cwd?: string } = {}): Promise<LoadPresetResult> {
  if (looksLikePath(idOrPath)) {
    const cwd = options.cwd ?? process.cwd();
    const display = relative(cwd, idOrPath).startsWith('..') ? idOrPath : relative(cwd, idOrPath) || idOrPath;
    const { readPresetFile } = await import('./preset-file.js');
    return readPresetFile(idOrPath, display, { kind: 'file', file: display });
  }
  const known = listBundledPresetIds();
  const i = known.indexOf(idOrPath);
  if (i < 0) {
    const s = suggest(idOrPath, known);
    return { ok: false, error: { code: 'PRESET_UNKNOWN', id: idOrPath, didYouMean: s.close, nearest: s.nearest, known } };
  }
  return bundledPresetResults()[i]!;
}
