// The compose branch of explain/check: the shell's environment and the mounts on disk, handed to
// the core (loaded only when a compose file is given, so flat configs start faster).
import { explainComposeInputs, type ComposeExplanation } from '../../core/analysis/compose.js';
import type { ClassifiedInputs } from '../../core/analysis/inputs.js';
import { mountReader } from '../../node/mounts.js';
import type { ExplainOptions } from './explain.js';

export function explainComposeInput(compose: { path: string; text: string }, c: ClassifiedInputs, o: ExplainOptions): ComposeExplanation {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return explainComposeInputs(compose, c, {
    read: mountReader(compose.path),
    env,
    ...(o.flinkVersion !== undefined ? { flinkVersion: o.flinkVersion } : {}),
    ...(o.D ? { dynamic: o.D } : {}),
  });
}
