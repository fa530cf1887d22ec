// `--reserve NAME=SIZE` (and the project file's reserve sizes): memory another service needs on the
// machine. Kept apart from project.ts so it loads without zod or a YAML parser.
import { parseMemorySize } from '../size.js';

/** Reserves are our own option: a size needs a unit, since "384" meaning bytes is never intended. */
export function reserveSizeError(text: string): string | undefined {
  const p = parseMemorySize(text);
  if (!p.ok) return `'${text}' is not a size: ${p.reason}`;
  if (/^\s*\d+\s*$/.test(text)) return `'${text}' has no unit; write e.g. ${text.trim()}m`;
  return undefined;
}

export function parseReserve(spec: string): { name: string; bytes: bigint } | { error: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { error: `--reserve expects NAME=SIZE (e.g. kafka=384m), got '${spec}'` };
  const name = spec.slice(0, eq).trim();
  const size = spec.slice(eq + 1);
  const err = reserveSizeError(size);
  if (err) return { error: `--reserve ${name}: ${err}` };
  const p = parseMemorySize(size);
  return p.ok ? { name, bytes: p.bytes } : { error: `--reserve ${name}: ${p.reason}` };
}
