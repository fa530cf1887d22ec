// explain's output formats (text, json, svg, html) and `--out FILE`: rendered from the explanation
// whatever inputs it came from; written atomically, never over an existing file without --force.
import { basename, dirname } from 'node:path';
import type { Explanation } from '../../core/analysis/explain.js';
import { projectToJson } from '../../core/analysis/json.js';
import type { ProjectExplanation } from '../../core/project/types.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Budget } from '../../core/check/budget.js';
import { writeFiles } from '../../node/write.js';
import { CliError } from '../errors.js';
import { terminalColumns, terminalWidth, useColor } from '../options.js';
import { writeErr, writeOut } from '../stdio.js';
import { fitWidth } from '../render/wrap.js';
import { renderProject } from '../render/explain.js';

export const EXPLAIN_FORMATS = ['text', 'json', 'svg', 'html'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export interface OutputOptions {
  format?: string;
  json?: boolean;
  out?: string;
  force?: boolean;
  preset?: string;
}

export function chosenFormat(o: OutputOptions): ExplainFormat {
  const f = o.format ?? (o.json ? 'json' : 'text');
  if (!(EXPLAIN_FORMATS as readonly string[]).includes(f)) throw new CliError(`--format must be text, json, svg or html, not '${f}'`);
  if (o.json && f !== 'json') throw new CliError(`--json is --format json; it cannot go with --format ${f}`);
  return f as ExplainFormat;
}

/**
 * The machine budget the diagram draws and its finding, as check computes them for the same inputs
 * (loaded only with --preset, so plain explain starts no slower).
 */
async function budgetFor(e: Explanation, presetRef: string | undefined): Promise<{ budget: Budget; findings: Diagnostic[] } | undefined> {
  if (presetRef === undefined) return undefined;
  const [{ loadBundledPresets, loadPreset }, { runChecks }, { presetLoadErrorMessage }] = await Promise.all([
    import('../../node/presets.js'),
    import('../../core/check/run.js'),
    import('../render/presets.js'),
  ]);
  const r = await loadPreset(presetRef);
  if (!r.ok) throw new CliError(presetLoadErrorMessage(r.error));
  const all = loadBundledPresets().flatMap((p) => (p.ok ? [p.preset] : []));
  const checked = runChecks(e, { preset: r.preset, allPresets: all, reserves: [] });
  if (!checked.budget) return undefined;
  const codes = new Set(['BUDGET_EXCEEDED', 'BUDGET_FITS']);
  return { budget: checked.budget, findings: checked.findings.filter((f) => codes.has(f.code)) };
}

export async function renderExplainOutput(p: ProjectExplanation, o: OutputOptions): Promise<string> {
  const format = chosenFormat(o);
  // the diagram and the report draw one deployment: the first that runs Flink
  const e: Explanation | undefined = p.deployments.find((d) => d.flink && d.processes.length > 0) ?? p.deployments[0];
  if ((format === 'svg' || format === 'html') && e === undefined) throw new CliError('no Flink deployment found to draw');
  if (o.preset !== undefined && format !== 'svg' && format !== 'html') throw new CliError('--preset draws the machine in --format svg or html; for a budget check use flinkfit check --preset');
  const machine = e ? await budgetFor(e, o.preset) : undefined;
  switch (format) {
    case 'json':
      return JSON.stringify(projectToJson(p), null, 2) + '\n';
    case 'svg':
      return (await import('../render/svg.js')).renderExplanationSvg(e!, machine?.budget);
    case 'html':
      return (await import('../render/html.js')).renderExplanationHtml(e!, machine ? { budget: machine.budget, findings: machine.findings } : {});
    case 'text':
      if (o.out !== undefined) return renderProject(p, { color: false, width: 80 });
      return fitWidth(renderProject(p, { color: useColor(), width: terminalWidth() }), terminalColumns());
  }
}

/** To stdout, or to --out FILE written whole (temporary file, fsync, rename). */
export function emit(text: string, o: OutputOptions): void {
  if (o.out === undefined) {
    writeOut(text);
    return;
  }
  const r = writeFiles(dirname(o.out), [{ path: basename(o.out), text }], { force: o.force === true });
  if (!r.ok) {
    throw new CliError(r.problem === 'exists' ? `${o.out} exists; pass --force to replace it` : `cannot write ${r.file}: ${r.reason}`);
  }
  writeErr(`wrote ${o.out}\n`);
}
