// The machine budget: JobManager + N × TaskManager process memory + reserved sidecars + the
// preset's system share must fit the machine's memory. Says by how much it misses and which
// bundled preset is the smallest that fits.
import { diag, type Diagnostic } from '../diagnostics.js';
import { availableBytes, smallestPresetFor, type Preset } from '../presets/index.js';
import { formatBytes } from '../size.js';

export interface BudgetPart {
  name: string;
  /** bytes of one instance */
  bytes: bigint;
  count: number;
  /** true when the size is a lower bound (the process was refused; this is the least that starts) */
  atLeast?: boolean;
  /** true when the size is approximate (an old Flink read as a modelled line) */
  approximate?: boolean;
}

export interface Budget {
  presetId: string;
  memory: bigint;
  systemReserved: bigint;
  available: bigint;
  parts: BudgetPart[];
  needed: bigint;
  spare: bigint; // negative when over
  smallestFitting?: string;
  /** services on the machine without a memory limit: not counted, so `spare` is an upper bound */
  uncounted?: string[];
}

const MiB = 1024n * 1024n;

export function computeBudget(preset: Preset, parts: BudgetPart[], allPresets: readonly Preset[]): Budget {
  const needed = parts.reduce((s, p) => s + p.bytes * BigInt(p.count), 0n);
  const available = availableBytes(preset);
  const b: Budget = {
    presetId: preset.id,
    memory: BigInt(preset.memoryMiB) * MiB,
    systemReserved: BigInt(preset.systemReservedMiB) * MiB,
    available,
    parts,
    needed,
    spare: available - needed,
  };
  if (needed > available) {
    const fit = smallestPresetFor(needed, allPresets, preset);
    if (fit) b.smallestFitting = fit.id;
  }
  return b;
}

function partText(p: BudgetPart): string {
  const each = `${p.atLeast ? 'at least ' : p.approximate ? '≈ ' : ''}${formatBytes(p.bytes)}`;
  return p.count === 1 ? `${p.name} ${each}` : `${p.count} × ${p.name} ${each}`;
}

export function budgetFindings(b: Budget, allPresets: readonly Preset[], where: { file?: string; line?: number } = {}): Diagnostic[] {
  const sum = b.parts.map(partText).join(' + ');
  const machine = `${b.presetId} leaves ${formatBytes(b.available)} (${formatBytes(b.memory)} − ${formatBytes(b.systemReserved)} for the system)`;
  if (b.spare < 0n) {
    const over = -b.spare;
    const fit = b.smallestFitting ? allPresets.find((p) => p.id === b.smallestFitting) : undefined;
    const fitText = fit
      ? ` The smallest preset that fits is ${fit.id} (${formatBytes(BigInt(fit.memoryMiB) * MiB)}, ${formatBytes(availableBytes(fit))} for Flink and sidecars).`
      : ' No bundled preset is large enough.';
    const uncounted = b.uncounted && b.uncounted.length > 0 ? ` (${b.uncounted.join(', ')} not counted: no memory limit, so over by more)` : '';
    return [diag('BUDGET_EXCEEDED', `${sum} = ${formatBytes(b.needed)}, but ${machine}: over by ${formatBytes(over)}${uncounted}.${fitText}`, where)];
  }
  const left = b.uncounted && b.uncounted.length > 0 ? ` Not counted (no memory limit): ${b.uncounted.join(', ')}; ${b.uncounted.length === 1 ? 'it has' : 'they have'} to fit in what is left.` : '';
  return [diag('BUDGET_FITS', `${sum} = ${formatBytes(b.needed)}; ${machine}: ${left ? 'at most ' : ''}${formatBytes(b.spare)} to spare.${left}`, where)];
}
