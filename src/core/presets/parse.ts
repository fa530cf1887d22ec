// Reads one machine preset from YAML text: syntax, then the zod schema, with every problem tied to
// the file, line and key it concerns. Pure: the caller reads the file. Loaded only for a preset file.
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { parseYamlSafe, toJsSafe } from '../yaml-safe.js';
import type { z } from 'zod';
import { PRESET_KEYS, PresetSchema, RESERVED_PART_KEYS, SOURCE_KEYS } from './schema.js';
import type { PresetIssue, PresetParseResult, PresetPath } from './index.js';
import type { PresetRuleCode } from './model.js';
import { suggest } from '../suggest.js';

/** A preset is a few lines; 1 MiB is far more than any needs (and keeps parsing quick). */
export const PRESET_MAX_CHARS = 1024 * 1024;

export function parsePreset(text: string, fileName: string): PresetParseResult {
  // under the YAML limits (size, depth, aliases): a bomb is a syntax issue with its line, not a hang
  const yamlParse = parseYamlSafe(text, { keepSyntaxErrors: true, single: true, limits: { maxChars: PRESET_MAX_CHARS } });
  if (!yamlParse.ok) {
    const { line, message } = yamlParse.error;
    return { ok: false, issues: [{ code: 'PRESET_YAML_SYNTAX', file: fileName, line, column: 1, path: [], message }] };
  }
  const { lineCounter } = yamlParse;
  const doc = yamlParse.doc;
  if (!doc) return { ok: false, issues: [{ code: 'PRESET_NOT_A_MAPPING', file: fileName, line: 1, column: 1, path: [], message: 'a preset must be a mapping of keys to values (id: …, memoryMiB: …)' }] };
  const at = (offset: number | undefined) => {
    if (offset === undefined) return { line: null, column: null };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        code: 'PRESET_YAML_SYNTAX' as const,
        file: fileName,
        ...at(e.pos[0]),
        path: [],
        message: `not valid YAML: ${firstLine(e.message)}`,
      })),
    };
  }
  if (!isMap(doc.contents)) {
    return {
      ok: false,
      issues: [
        {
          code: 'PRESET_NOT_A_MAPPING',
          file: fileName,
          ...at(doc.contents?.range?.[0] ?? 0),
          path: [],
          message: 'a preset must be a mapping of keys to values (id: …, memoryMiB: …)',
        },
      ],
    };
  }

  const js = toJsSafe(doc);
  if (!js.ok) return { ok: false, issues: [{ code: 'PRESET_YAML_SYNTAX', file: fileName, line: js.error.line, column: 1, path: [], message: js.error.message }] };
  const data: unknown = js.value;
  const parsed = PresetSchema.safeParse(data);
  if (parsed.success) return { ok: true, preset: parsed.data };

  const issues: PresetIssue[] = [];
  for (const zi of parsed.error.issues) {
    const path = zi.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (zi.code === 'unrecognized_keys') {
      for (const key of zi.keys) {
        const keyPath = [...path, key];
        const s = suggest(key, knownKeysAt(path));
        issues.push({
          code: 'PRESET_UNKNOWN_KEY',
          file: fileName,
          ...at(locate(doc.contents, keyPath, 'key')),
          path: keyPath,
          message: 'unknown key',
          ...(s.close.length > 0 ? { didYouMean: s.close } : {}),
        });
      }
      continue;
    }
    if (zi.code === 'invalid_type' && valueAt(data, path) === undefined) {
      // a key that is absent: point at the mapping that should hold it
      issues.push({
        code: 'PRESET_MISSING_KEY',
        file: fileName,
        ...at(locate(doc.contents, path.slice(0, -1), 'value')),
        path,
        message: 'missing (required)',
      });
      continue;
    }
    issues.push({
      code: ruleCode(zi) ?? 'PRESET_INVALID_VALUE',
      file: fileName,
      ...at(locate(doc.contents, path, 'value')),
      path,
      message: zi.message,
    });
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, issues };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function ruleCode(zi: z.core.$ZodIssue): PresetRuleCode | undefined {
  if (zi.code !== 'custom') return undefined;
  const code = (zi.params as { presetCode?: PresetRuleCode } | undefined)?.presetCode;
  return code;
}

function knownKeysAt(path: PresetPath): readonly string[] {
  if (path.length === 0) return PRESET_KEYS;
  if (path[0] === 'systemReservedParts') return RESERVED_PART_KEYS;
  if (path[0] === 'sources') return SOURCE_KEYS;
  return [];
}

function valueAt(data: unknown, path: PresetPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * Offset of the node at `path` in the YAML source: of the key itself or of its value. Falls back to
 * the deepest node found, so a problem is always tied to the nearest place in the file.
 */
function locate(root: YamlNode, path: PresetPath, want: 'key' | 'value'): number | undefined {
  let node: unknown = root;
  let offset = (root as { range?: [number, number, number] }).range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) return offset;
      const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (last && (want === 'key' || pair.value === null)) return keyOffset ?? offset;
      node = pair.value;
      offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return offset;
      node = item;
      offset = (item as { range?: [number, number, number] } | null)?.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

