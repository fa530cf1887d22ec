// `explain --format svg`: the memory diagram of both processes (and the machine, with a preset).
import type { Explanation } from '../../core/analysis/explain.js';
import type { Budget } from '../../core/check/budget.js';
import { explanationSvg, type MachineInput } from '../../core/diagram/index.js';

/** check's budget as the machine bar's input. */
export function machineOf(b: Budget): MachineInput {
  return { name: b.presetId, memory: b.memory, systemReserved: b.systemReserved, parts: b.parts };
}

export function renderExplanationSvg(e: Explanation, budget?: Budget): string {
  return explanationSvg(e, budget ? machineOf(budget) : undefined);
}
