// Reads and validates one preset YAML file (a user's, or a bundled one in the source tree). Loads the
// YAML parser and zod, so the CLI imports this module only when a preset file has to be parsed.
import { parsePreset, PRESET_MAX_CHARS } from '../core/presets/parse.js';
import { readTextFile } from './inputs.js';
import type { LoadPresetResult, PresetOrigin } from './presets.js';

export function readPresetFile(path: string, display: string, origin: PresetOrigin): LoadPresetResult {
  // regular files only, and at most 1 MiB: a FIFO or /dev/zero never hangs the command
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
