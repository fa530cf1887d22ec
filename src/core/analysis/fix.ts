// The smallest change that makes a refused config start: the least process (or total Flink) size,
// in whole MiB, that Flink accepts with every other option as written.
import type { ConfigValue, FlinkConfig } from '../config-value.js';
import { resolveJobManagerConfig } from '../memory/jobmanager.js';
import { resolveTaskManagerConfig } from '../memory/taskmanager.js';
import { JM, TM } from '../options.js';
import { parseMemorySize } from '../size.js';
import type { FlinkLine } from '../versions.js';
import type { Derivation } from '../memory/types.js';
import { byText } from '../suggest.js';

const MiB = 1024n * 1024n;
const LIMIT = 1024n * 1024n * MiB; // 1 TiB: beyond that we stop looking

export interface SizeFix {
  key: string;
  bytes: bigint;
}

/** A default that takes part of a refused process's memory: the other way to make it fit. */
export interface DefaultInTheWay {
  key: string;
  bytes: bigint;
}

/**
 * The defaults a refused config leaned on, largest first: metaspace, the overhead minimum, the
 * framework and off-heap sizes. Lowering them (with care) is the alternative to a larger process.
 */
export function defaultsInTheWay(partial: Record<string, { bytes: bigint; derivation: Derivation }> | undefined, code?: string): DefaultInTheWay[] {
  // only a shortfall of memory is helped by smaller parts; a bad value or fraction is not
  if (code !== undefined && !SHORTFALL.has(code)) return [];
  const own: DefaultInTheWay[] = [];
  const defaults: DefaultInTheWay[] = [];
  for (const [name, p] of Object.entries(partial ?? {})) {
    const d = p.derivation;
    // the totals are what the parts must fit in, not parts to lower
    if (name === 'totalProcess' || name === 'totalFlink') continue;
    if (d.kind === 'explicit' && p.bytes > 0n) own.push({ key: d.key, bytes: p.bytes });
    if (d.kind === 'default' && p.bytes > 0n) defaults.push({ key: d.key, bytes: p.bytes });
    if (d.kind === 'fraction' && d.clamped === 'min' && d.min > 0n) defaults.push({ key: d.minKey, bytes: d.min });
  }
  const bySize = (a: DefaultInTheWay, b: DefaultInTheWay) => (a.bytes === b.bytes ? byText(a.key, b.key) : a.bytes > b.bytes ? -1 : 1);
  // the sizes the user wrote come first: they are the ones they chose
  return [...own.sort(bySize), ...defaults.sort(bySize)];
}

/** Refusals where the parts do not fit their total: a larger total or smaller parts fix them. */
const SHORTFALL = new Set(['SUM_EXCEEDS_TOTAL_FLINK', 'SUM_EXCEEDS_TOTAL_PROCESS', 'DERIVED_OUT_OF_RANGE', 'TOTAL_FLINK_MISMATCH', 'TOTAL_PROCESS_MISMATCH']);

export function smallestFix(config: FlinkConfig, line: FlinkLine, role: 'taskmanager' | 'jobmanager', code?: string): SizeFix | undefined {
  if (code !== undefined && !SHORTFALL.has(code)) return undefined;
  const o = role === 'taskmanager' ? TM : JM;
  const has = (k: string) => Object.hasOwn(config, k);
  const fineGrained = role === 'taskmanager' ? has(TM.taskHeap.key) && (has(TM.managedSize.key) || has('taskmanager.memory.size')) : has(JM.heap.key);
  if (fineGrained) return undefined;
  // Flink 1.x reads the legacy taskmanager.heap.size(.mb) as total Flink memory: that is what is fixed
  const legacyTotal = role === 'taskmanager' && line.startsWith('1.') && !has(o.totalProcess.key) && (has('taskmanager.heap.size') || has('taskmanager.heap.mb'));
  const key = has(o.totalFlink.key) || legacyTotal ? o.totalFlink.key : o.totalProcess.key;
  // one copy of the config, its size key rewritten per probe (a copy per probe made a config of
  // 150,000 keys take seconds)
  const c: Record<string, ConfigValue> = Object.assign(Object.create(null) as Record<string, ConfigValue>, config);
  const accepts = (mib: bigint): boolean => {
    c[key] = `${mib}m`;
    return role === 'taskmanager' ? resolveTaskManagerConfig(c, line, '').ok : resolveJobManagerConfig(c, line, '').ok;
  };
  const limit = LIMIT / MiB;
  if (!accepts(limit)) return undefined;
  // search outward from the size the user wrote (a handful of resolutions, not forty)
  const current = config[key];
  const parsed = typeof current === 'string' ? parseMemorySize(current) : undefined;
  const start = parsed?.ok && parsed.bytes >= MiB ? (parsed.bytes / MiB < limit ? parsed.bytes / MiB : limit) : 1n;
  let lo = 0n; // invariant: lo is refused (0 stands for "nothing smaller"), hi is accepted
  let hi: bigint;
  if (accepts(start)) {
    hi = start;
  } else {
    lo = start;
    let step = start;
    hi = lo + step < limit ? lo + step : limit;
    while (!accepts(hi)) {
      lo = hi;
      step *= 2n;
      hi = lo + step < limit ? lo + step : limit;
    }
  }
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (accepts(mid)) hi = mid;
    else lo = mid;
  }
  return { key, bytes: hi * MiB };
}
