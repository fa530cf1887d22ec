// Placeholder until the compose reader lands: refuses compose input clearly.
import type { Explanation } from '../../core/analysis/explain.js';
import type { ClassifiedInputs } from '../../core/analysis/inputs.js';
import { CliError } from '../errors.js';
import type { ExplainOptions } from './explain.js';

export function explainCompose(compose: { path: string }, _c: ClassifiedInputs, _o: ExplainOptions): Explanation {
  throw new CliError(`${compose.path}: compose files are not supported yet`);
}
