// The bundled machine presets. In the source tree (tests, tsx) they are read from presets/*.yaml and
// validated with the schema at first use. The build (scripts/bundle.mjs) runs this same code once and
// replaces the module with the validated data, so the CLI reads them without a YAML parser or zod, and
// a broken bundled preset fails the build instead of a user's run.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPresetFile } from './preset-file.js';
import type { LoadPresetResult } from './presets.js';

/** presets/ at the package root, two levels up from src/node/. */
export const BUNDLED_PRESETS_DIR: URL = new URL('../../presets/', import.meta.url);

let cache: LoadPresetResult[] | undefined;

/** Every bundled preset by id order, each parsed and validated; a broken one is reported, not skipped. */
export function bundledPresetResults(): LoadPresetResult[] {
  cache ??= readdirSync(BUNDLED_PRESETS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort()
    .map(loadBundled);
  return cache;
}

function loadBundled(id: string): LoadPresetResult {
  const display = `presets/${id}.yaml`;
  const result = readPresetFile(fileURLToPath(new URL(`${id}.yaml`, BUNDLED_PRESETS_DIR)), display, { kind: 'bundled', file: display });
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
