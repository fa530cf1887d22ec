// Machine presets: the types, the arithmetic and the messages, without zod or a YAML parser (the CLI
// reads its bundled presets as data validated at build time). parse.ts reads a preset from YAML text.
import type { Preset, PresetRuleCode } from './model.js';
import { availableBytes } from './model.js';
import { byText } from '../suggest.js';

export * from './model.js';
export { suggest, editDistance, type Suggestions } from '../suggest.js';

export type PresetIssueCode =
  | 'PRESET_YAML_SYNTAX' // not valid YAML (includes duplicate keys)
  | 'PRESET_NOT_A_MAPPING' // the document is not a `key: value` mapping
  | 'PRESET_UNKNOWN_KEY' // a key the schema does not know (strict)
  | 'PRESET_MISSING_KEY' // a required key is absent
  | 'PRESET_INVALID_VALUE' // wrong type, out of range, bad format
  | PresetRuleCode;

export type PresetPath = (string | number)[];

export interface PresetIssue {
  code: PresetIssueCode;
  file: string;
  /** 1-based; null when the place cannot be told */
  line: number | null;
  column: number | null;
  /** where in the preset, e.g. ['systemReservedParts', 0, 'mib']; [] for the whole document */
  path: PresetPath;
  /** plain words, without file or key (formatPresetIssue adds them) */
  message: string;
  /** for unknown keys: the known keys it may be a typo of */
  didYouMean?: string[];
}

export type PresetParseResult = { ok: true; preset: Preset } | { ok: false; issues: PresetIssue[] };

/** `systemReservedParts[0].mib` */
export function formatPresetPath(path: PresetPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** `presets/x.yaml:4:1: memoryMiB: must not be negative` — one line, no colour. */
export function formatPresetIssue(issue: PresetIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  const key = issue.path.length > 0 ? `${formatPresetPath(issue.path)}: ` : '';
  const hint = issue.didYouMean?.length ? ` (did you mean ${issue.didYouMean.map((k) => `'${k}'`).join(' or ')}?)` : '';
  return `${where}: ${key}${issue.message}${hint}`;
}

/**
 * The smallest preset whose memory left for Flink covers `needed`; among equals the same provider
 * as `like`, then by id. Used by `check` (the preset that would fit) and `generate`.
 */
export function smallestPresetFor(needed: bigint, presets: readonly Preset[], like?: Pick<Preset, 'provider'>): Preset | undefined {
  return [...presets]
    .filter((p) => availableBytes(p) >= needed)
    .sort((x, y) => x.memoryMiB - y.memoryMiB || Number(y.provider === like?.provider) - Number(x.provider === like?.provider) || byText(x.id, y.id))[0];
}
