// The -D options a user gives `flinkfit generate`, read the way Flink's Configuration reads them
// (main key, then deprecated fallback keys), so the solver knows which components the user fixed.
import { JM, TM, optionKnownIn, type OptionDef } from '../options.js';
import { parseMemorySize } from '../size.js';
import type { FlinkLine } from '../versions.js';
import type { MinimumId } from './minimums.js';

export class Overrides {
  constructor(
    readonly values: Readonly<Record<string, string>>,
    readonly line: FlinkLine,
  ) {}

  /** The key the user set for this option (main key first, as Flink reads it), if any. */
  keyOf(o: OptionDef): string | undefined {
    if (!optionKnownIn(o, this.line)) return undefined;
    return [o.key, ...(o.fallbackKeys ?? [])].find((k) => Object.hasOwn(this.values, k));
  }

  has(o: OptionDef): boolean {
    return this.keyOf(o) !== undefined;
  }

  /** The user's size for this option, when set and a valid size. */
  size(o: OptionDef): bigint | undefined {
    const k = this.keyOf(o);
    if (k === undefined) return undefined;
    const p = parseMemorySize(this.values[k]!);
    return p.ok ? p.bytes : undefined;
  }

  any(...opts: OptionDef[]): boolean {
    return opts.some((o) => this.has(o));
  }
}

/** The options whose -D takes a minimum out of flinkfit's hands (the user decided that part). */
export const WAIVED_BY: Readonly<Record<MinimumId, readonly OptionDef[]>> = {
  JM_HEAP: [JM.heap, JM.totalFlink, JM.totalProcess, JM.legacyHeap, JM.legacyHeapMb],
  JM_OFF_HEAP: [JM.offHeap],
  JM_METASPACE: [JM.metaspace],
  JM_OVERHEAD: [JM.overheadMin, JM.overheadMax, JM.overheadFraction],
  TM_FRAMEWORK_HEAP: [TM.frameworkHeap],
  TM_FRAMEWORK_OFF_HEAP: [TM.frameworkOffHeap],
  TM_TASK_HEAP: [TM.taskHeap, TM.totalFlink, TM.totalProcess, TM.legacyHeap, TM.legacyHeapMb],
  TM_NETWORK: [TM.networkMin, TM.networkMax, TM.networkFraction, TM.legacyNetworkBuffers],
  TM_MANAGED: [TM.managedSize, TM.managedFraction],
  TM_METASPACE: [TM.metaspace],
  TM_OVERHEAD: [TM.overheadMin, TM.overheadMax, TM.overheadFraction],
};

/** Is this -D key one of Flink's memory options (or a deprecated name of one)? */
export function isMemoryKey(key: string): boolean {
  for (const o of [...Object.values(TM), ...Object.values(JM)]) {
    if (o === TM.numSlots || o === TM.cpuCores) continue;
    if (o.key === key || (o.fallbackKeys ?? []).includes(key)) return true;
  }
  return false;
}
