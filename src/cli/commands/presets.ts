// `flinkfit presets [ID|PATH]`: lists the bundled machine presets, or shows one (bundled or a
// user's YAML file) with the estimate behind its system reserve.
import { CliError, ExitCode } from '../errors.js';
import { useColor } from '../options.js';
import { columnsOf, writeOut } from '../stdio.js';
import { loadBundledPresets, loadPreset, looksLikePath } from '../../node/presets.js';
import {
  presetLoadErrorMessage,
  renderPresetDetail,
  renderPresetJson,
  renderPresetTable,
  renderPresetsJson,
  type PresetEntry,
} from '../render/presets.js';

export interface PresetsOptions {
  json?: boolean;
}

export async function run(idOrPath: string | undefined, options: PresetsOptions = {}): Promise<void> {
  const color = useColor();
  const width = Math.min(columnsOf(1) ?? 80, 100);

  if (idOrPath === undefined) {
    const entries: PresetEntry[] = [];
    for (const r of loadBundledPresets()) {
      // a broken bundled preset is flinkfit's bug, not the user's
      if (!r.ok) throw new CliError(presetLoadErrorMessage(r.error), ExitCode.Internal);
      entries.push({ preset: r.preset, origin: r.origin });
    }
    writeOut(options.json ? renderPresetsJson(entries) : renderPresetTable(entries, { color, width }));
    return;
  }

  const r = await loadPreset(idOrPath);
  if (!r.ok) {
    const bundledBug = r.error.code === 'PRESET_INVALID' && !looksLikePath(idOrPath);
    throw new CliError(presetLoadErrorMessage(r.error), bundledBug ? ExitCode.Internal : ExitCode.Usage);
  }
  const entry = { preset: r.preset, origin: r.origin };
  writeOut(options.json ? renderPresetJson(entry) : renderPresetDetail(entry, { color, width }));
}
