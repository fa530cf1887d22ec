// Reads machine presets from disk: the bundled presets/ directory of the package, or a user's YAML
// file. Parsing and validation are the core's (core/presets); this file only touches the fs.
import { readdirSync } from 'node:fs';
import { readTextFile } from './inputs.js';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePreset, PRESET_MAX_CHARS, suggest, type Preset, type PresetIssue } from '../core/presets/index.js';

/** presets/ at the package root: two levels up from dist/node/ (and from src/node/ under tests). */
export const BUNDLED_PRESETS_DIR: URL = new URL('../../presets/', import.meta.url);

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

/** Ids of the bundled presets (file names without .yaml), sorted. */
export function listBundledPresetIds(dir: URL = BUNDLED_PRESETS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** A bundled preset's file, as a path relative to the package root for messages. */
function bundledFile(id: string, dir: URL): { url: URL; display: string } {
  const url = new URL(`${id}.yaml`, dir);
  return { url, display: `presets/${id}.yaml` };
}

/** Every bundled preset, each parsed and validated; a broken one is reported, not skipped. */
export function loadBundledPresets(dir: URL = BUNDLED_PRESETS_DIR): LoadPresetResult[] {
  return listBundledPresetIds(dir).map((id) => loadBundled(id, dir));
}

function loadBundled(id: string, dir: URL): LoadPresetResult {
  const { url, display } = bundledFile(id, dir);
  const result = readAndParse(fileURLToPath(url), display, { kind: 'bundled', file: display });
  if (result.ok && result.preset.id !== id) {
    // a packaging bug, but say so plainly rather than serve a preset under the wrong name
    return {
      ok: false,
      error: {
        code: 'PRESET_INVALID',
        file: display,
        issues: [
          {
            code: 'PRESET_INVALID_VALUE',
            file: display,
            line: null,
            column: null,
            path: ['id'],
            message: `is '${result.preset.id}' but a bundled preset's id must match its file name ('${id}')`,
          },
        ],
      },
    };
  }
  return result;
}

/** A path rather than an id: has a directory separator or a YAML extension. */
export function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
}

/**
 * A bundled preset by id (`aws-t3-micro`) or a user's preset file by path (`./my-vm.yaml`).
 * An unknown id comes back with the close matches among bundled ids.
 */
export function loadPreset(idOrPath: string, options: { dir?: URL; cwd?: string } = {}): LoadPresetResult {
  const dir = options.dir ?? BUNDLED_PRESETS_DIR;
  if (looksLikePath(idOrPath)) {
    const cwd = options.cwd ?? process.cwd();
    const display = relative(cwd, idOrPath).startsWith('..') ? idOrPath : relative(cwd, idOrPath) || idOrPath;
    return readAndParse(idOrPath, display, { kind: 'file', file: display });
  }
  const known = listBundledPresetIds(dir);
  if (!known.includes(idOrPath)) {
    const s = suggest(idOrPath, known);
    return { ok: false, error: { code: 'PRESET_UNKNOWN', id: idOrPath, didYouMean: s.close, nearest: s.nearest, known } };
  }
  return loadBundled(idOrPath, dir);
}

function readAndParse(path: string, display: string, origin: PresetOrigin): LoadPresetResult {
  const read = readTextFile(path, { maxBytes: PRESET_MAX_CHARS });
  if (!read.ok) {
    const reason = read.reason === 'no such file or directory' ? 'no such file' : read.reason;
    return { ok: false, error: { code: 'PRESET_UNREADABLE', file: display, reason } };
  }
  const text = read.text;
  const parsed = parsePreset(text, display);
  if (!parsed.ok) return { ok: false, error: { code: 'PRESET_INVALID', file: display, issues: parsed.issues } };
  return { ok: true, preset: parsed.preset, origin };
}

