// The compose branch of explain/check: read the mounts from disk, interpret in the core.
import { explainCompose, type ComposeExplanation } from '../../core/analysis/compose.js';
import type { ClassifiedInputs } from '../../core/analysis/inputs.js';
import { diag } from '../../core/diagnostics.js';
import { mountReader } from '../../node/mounts.js';
import type { ExplainOptions } from './explain.js';

export function explainComposeInput(compose: { path: string; text: string }, c: ClassifiedInputs, o: ExplainOptions): ComposeExplanation {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const e = explainCompose({
    path: compose.path,
    text: compose.text,
    read: mountReader(compose.path),
    env,
    ...(o.flinkVersion !== undefined ? { flinkVersion: o.flinkVersion } : {}),
    ...(o.D ? { dynamic: o.D } : {}),
  });
  if (Object.keys(c.confFiles).length > 0) {
    e.diagnostics.push(diag('CONFIG_FILE_IGNORED', `With a compose file, the configuration comes from what its services mount; ${Object.values(c.labels).join(', ')} given beside it ${Object.keys(c.labels).length === 1 ? 'is' : 'are'} not used.`));
  }
  e.diagnostics.unshift(...c.diagnostics);
  return e;
}
