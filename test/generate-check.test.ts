// Everything `flinkfit generate` writes passes `flinkfit check` on the same machine with no
// error-level finding, and `flinkfit explain docker-compose.yml` on it — the code that reproduces
// the shared entrypoint vectors — gives exactly the memory the solver chose: for every bundled
// preset × supported Flink line × state backend that fits.
import { describe, expect, it } from 'vitest';
import { generate, STATE_BACKENDS } from '../src/core/generate/index.js';
import { FLINK_LINES } from '../src/core/versions.js';
import { PRESETS, checkGenerated, generateInput } from './generate-helpers.js';

describe.each(FLINK_LINES)('generate → check on Flink %s', (line) => {
  it('every preset and state backend that fits checks clean and explains to the planned memory', () => {
    const problems: string[] = [];
    let fitted = 0;
    for (const preset of PRESETS) {
      for (const backend of STATE_BACKENDS) {
        const g = generate(generateInput({ preset, flinkVersion: line, stateBackend: backend }));
        if (!g.ok) continue;
        fitted++;
        const { e, result } = checkGenerated(g.files, preset);
        const errors = result.findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) problems.push(`${preset.id}/${backend}: ${errors.map((f) => `${f.code} ${f.message}`).join('; ')}`);
        const tm = e.taskmanager.outcome;
        const jm = e.jobmanager.outcome;
        if (!tm?.ok || !jm?.ok) {
          problems.push(`${preset.id}/${backend}: explain refuses`);
          continue;
        }
        for (const [k, v] of Object.entries(g.plan.taskManager)) if ((tm.memory as unknown as Record<string, bigint>)[k] !== v) problems.push(`${preset.id}/${backend}: taskmanager ${k}`);
        for (const [k, v] of Object.entries(g.plan.jobManager)) if ((jm.memory as unknown as Record<string, bigint>)[k] !== v) problems.push(`${preset.id}/${backend}: jobmanager ${k}`);
        if (result.budget === undefined || result.budget.spare < 0n) problems.push(`${preset.id}/${backend}: budget`);
      }
    }
    expect(problems).toEqual([]);
    // every preset has room for the minimum cluster with hashmap
    expect(fitted).toBeGreaterThanOrEqual(PRESETS.length);
  });
});
