// Reads and validates one preset YAML file (a user's, or a bundled one in the source tree). Loads the
// YAML parser and zod, so the CLI imports this module only when a preset file has to be parsed.
import { readFileSync } from 'node:fs';
import { parsePreset } from '../core/presets/parse.js';
import type { LoadPresetResult, PresetOrigin } from './presets.js';

export function readPresetFile(path: string, display: string, origin: PresetOrigin): LoadPresetResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const reason =
      e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    return { ok: false, error: { code: 'PRESET_UNREADABLE', file: display, reason } };
  }
  const parsed = parsePreset(text, display);
  if (!parsed.ok) return { ok: false, error: { code: 'PRESET_INVALID', file: display, issues: parsed.issues } };
  return { ok: true, preset: parsed.preset, origin };
}
