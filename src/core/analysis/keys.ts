// Warnings about how memory keys are written: sizes without a unit, deprecated and legacy names,
// keys a version ignores, unknown keys (with a did-you-mean) and one option set under two names.
import type { ConfigValue, FlinkConfig } from '../config-value.js';
import { rawText } from '../memory/reader.js';
import { parseMemorySize } from '../size.js';
import { capPerCode, diag, type Diagnostic } from '../diagnostics.js';
import { javaTrim } from '../java.js';
import { ALL_MEMORY_OPTIONS, JM, TM, knownMemoryKeys, optionKnownIn, type OptionDef } from '../options.js';
import { editDistance } from '../suggest.js';
import type { FlinkLine } from '../versions.js';

export interface KeyOrigin {
  file: string;
  line?: number;
}

/** Legacy 1.x keys and the option Flink maps each onto. */
const LEGACY_TARGET: ReadonlyArray<[OptionDef, OptionDef]> = [
  [TM.legacyHeap, TM.totalFlink],
  [TM.legacyHeapMb, TM.totalFlink],
  [JM.legacyHeap, JM.heap],
  [JM.legacyHeapMb, JM.heap],
  [TM.legacyNetworkBuffers, TM.networkMin],
];

/** Unknown keys that get a did-you-mean; the rest are named without one. */
const MAX_SUGGESTIONS = 100;
const MAX_SUGGESTED_KEY_LENGTH = 200;

export function keyDiagnostics(config: FlinkConfig, line: FlinkLine, origins: Readonly<Record<string, KeyOrigin>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: string) => ({ key, ...(origins[key] ?? {}) });
  const has = (k: string) => Object.hasOwn(config, k);
  const known = new Set(knownMemoryKeys(line));

  for (const o of ALL_MEMORY_OPTIONS) {
    const keys = [o.key, ...(o.fallbackKeys ?? [])];
    for (const k of keys) {
      if (!has(k) || o.type !== 'MemorySize') continue;
      const v = config[k]!;
      const text = typeof v === 'string' ? javaTrim(v) : v.type === 'Double' ? '' : String(v.value);
      if (/^\d+$/.test(text) && BigInt(text) !== 0n && optionKnownIn(o, line)) {
        out.push(
          diag('SIZE_WITHOUT_UNIT', `${k}: ${text} has no unit, so Flink reads it as ${text} bytes. If you meant mebibytes, write ${text}m.`, at(k)),
        );
      }
    }
    if (!optionKnownIn(o, line)) continue;
    for (const f of o.fallbackKeys ?? []) {
      if (!has(f)) continue;
      if (has(o.key)) {
        out.push(diag('OPTION_SET_TWICE', `${f} and ${o.key} are the same option; Flink uses ${o.key} and ignores ${f}.`, at(f)));
      } else {
        out.push(diag('DEPRECATED_KEY', `${f} is deprecated; Flink ${line} still reads it, but write ${o.key} instead.`, at(f)));
      }
    }
  }

  for (const [legacy, target] of LEGACY_TARGET) {
    if (!has(legacy.key)) continue;
    if (!optionKnownIn(legacy, line)) {
      out.push(diag('KEY_IGNORED_BY_VERSION', `${legacy.key} was removed in Flink 2.0; Flink ${line} ignores it. Use ${target.key}.`, at(legacy.key)));
      continue;
    }
    const overriddenBy = [target.key, ...(target.fallbackKeys ?? [])].find(has);
    if (legacy === TM.legacyNetworkBuffers) {
      const newer = [TM.networkMin, TM.networkMax, TM.networkFraction].flatMap((o) => [o.key, ...(o.fallbackKeys ?? [])]).find(has);
      out.push(
        newer
          ? diag('OPTION_SET_TWICE', `${legacy.key} is ignored because ${newer} is set.`, at(legacy.key))
          : diag('LEGACY_KEY', `${legacy.key} is a legacy option: Flink ${line} sizes network memory as buffers × segment size from it. Set taskmanager.memory.network.min/max instead.`, at(legacy.key)),
      );
      continue;
    }
    if (overriddenBy) {
      out.push(diag('OPTION_SET_TWICE', `${legacy.key} is ignored because ${overriddenBy} is set.`, at(legacy.key)));
    } else if (legacy.key.endsWith('.mb') && has(legacy.key.replace(/\.mb$/, '.size'))) {
      out.push(diag('OPTION_SET_TWICE', `${legacy.key} is ignored because ${legacy.key.replace(/\.mb$/, '.size')} is set.`, at(legacy.key)));
    } else {
      out.push(diag('LEGACY_KEY', `${legacy.key} is a legacy option: Flink ${line} reads it as ${target.key}; it is gone in Flink 2.x. Write ${target.key}${legacyValueWithUnit(legacy.key, config[legacy.key])} instead.`, at(legacy.key)));
    }
  }

  const candidates = [...known];
  let suggested = 0;
  for (const k of Object.keys(config)) {
    if (!/^(taskmanager|jobmanager)\.memory\./.test(k) || known.has(k)) continue;
    // bounded: a did-you-mean for the first MAX_SUGGESTIONS unknown keys, each compared only with
    // known keys of a near length, and the comparison stops once it is out of reach
    const reach = Math.max(3, Math.floor(k.length / 6));
    let best: { c: string; d: number } | undefined;
    if (suggested < MAX_SUGGESTIONS && k.length <= MAX_SUGGESTED_KEY_LENGTH) {
      suggested++;
      for (const c of candidates) {
        const d = editDistance(k, c, Math.min(reach, best ? best.d : reach));
        if (d <= reach && (!best || d < best.d)) best = { c, d };
      }
    }
    const hint = best ? ` Did you mean ${best.c}?` : '';
    out.push(diag('UNKNOWN_MEMORY_KEY', `${k} is not a Flink ${line} memory option; Flink ignores it.${hint}`, at(k)));
  }
  return capPerCode(out);
}

/** `: 1024m` for a legacy `.mb` value (megabytes) or a `.size` value, so the suggestion keeps its meaning. */
function legacyValueWithUnit(key: string, v: ConfigValue | undefined): string {
  if (v === undefined) return '';
  const text = rawText(v).trim();
  if (key.endsWith('.mb')) return /^\d+$/.test(text) ? `: ${text}m` : '';
  const p = parseMemorySize(text);
  if (!p.ok) return '';
  const MiB = 1024n * 1024n;
  return `: ${p.bytes % MiB === 0n ? `${p.bytes / MiB}m` : `${p.bytes}b`}`;
}
