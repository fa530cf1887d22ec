// `flinkfit explain [FILE...]`: read the user's Flink config files as Flink does and explain every
// memory number. Reads files here, interprets them in the core, renders with the pure renderers.
import type { Explanation } from '../../core/analysis/explain.js';
import { chooseVersion, classifyInputs, explainClassified, type NamedInput } from '../../core/analysis/inputs.js';
import { explanationToJson } from '../../core/analysis/json.js';
import { readInput } from '../../node/inputs.js';
import { renderExplanation } from '../render/explain.js';
import { CliError, ExitCode } from '../errors.js';
import { terminalWidth, useColor } from '../options.js';

export interface ExplainOptions {
  flinkVersion?: string;
  D?: Record<string, string>;
  json?: boolean;
}

export function readNamedInputs(files: string[]): NamedInput[] {
  return files.map((f) => {
    const r = readInput(f);
    if (r.kind === 'error') throw new CliError(`cannot read ${f}: ${r.reason}`);
    return r;
  });
}

/** Builds the explanation for the given files, shared with `check`. */
export async function buildExplanation(files: string[], opts: ExplainOptions): Promise<Explanation> {
  const inputs = readNamedInputs(files.length > 0 ? files : ['.']);
  const firstGuess = opts.flinkVersion ? chooseVersion(opts.flinkVersion, {}) : undefined;
  if (firstGuess && 'error' in firstGuess) throw new CliError(firstGuess.error);
  const classified = classifyInputs(inputs, firstGuess?.line);
  if (classified.errors.length > 0) throw new CliError(classified.errors.join('; '));
  if (classified.composeFiles.length > 1) throw new CliError('give at most one compose file');
  const compose = classified.composeFiles[0];
  if (compose) {
    // the compose path (entrypoint model, YAML) loads only when a compose file is given
    return (await import('./compose-input.js')).explainComposeInput(compose, classified, opts);
  }
  if ('config.yaml' in classified.confFiles) await import('../../core/conf/standard.js');
  const e = explainClassified(classified, { ...(opts.flinkVersion !== undefined ? { flinkVersion: opts.flinkVersion } : {}), ...(opts.D ? { dynamic: opts.D } : {}) });
  if ('error' in e) throw new CliError(e.error);
  return e;
}

export async function run(files: string[], opts: ExplainOptions): Promise<void> {
  const e = await buildExplanation(files, opts);
  const text = opts.json
    ? JSON.stringify(explanationToJson(e), null, 2) + '\n'
    : renderExplanation(e, { color: useColor(), width: terminalWidth() });
  process.stdout.write(text);
  // the exit code says what the output says: an error finding, or a process Flink would not start
  const refused = e.taskmanager.outcome?.ok !== true || e.jobmanager.outcome?.ok !== true;
  process.exitCode = refused || e.diagnostics.some((d) => d.severity === 'error') ? ExitCode.Findings : ExitCode.Ok;
}
