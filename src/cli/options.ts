// Small pieces shared by commands: -D parsing, colour decision, writing output.
import { CliError } from './errors.js';
import { columnsOf, isTerminal } from './stdio.js';

/** What the renderers ask of an output: a terminal or not, and how wide (see stdio.ts). */
export interface OutputInfo {
  isTTY?: boolean;
  columns?: number | undefined;
}

/** Standard output (fd 1) or error (fd 2), asked lazily: most runs never need to know. */
export function output(fd: 1 | 2 = 1): OutputInfo {
  return {
    get isTTY() {
      return isTerminal(fd);
    },
    get columns() {
      return columnsOf(fd);
    },
  };
}

/**
 * `-D key=value`, repeatable; split at the first '='. The one record is filled in place (a copy per
 * option made 10,000 options quadratic); it has no prototype, so `-D __proto__=x` is a plain key.
 */
export function collectDynamic(value: string, previous?: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CliError(`-D expects key=value, got '${value}'`);
  const into = previous ?? (Object.create(null) as Record<string, string>);
  into[value.slice(0, eq).trim()] = value.slice(eq + 1);
  return into;
}

/**
 * Colour only on a terminal that shows it: --no-color (main.ts sets NO_COLOR for it) and NO_COLOR
 * turn it off, FORCE_COLOR on (FORCE_COLOR=0 off), TERM=dumb off.
 */
export function useColor(stream: OutputInfo = output(1), env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** The width to wrap printed text at: the terminal's, or none when the output is not a terminal. */
export function terminalColumns(stream: OutputInfo = output(1)): number | undefined {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns >= 20 ? stream.columns : undefined;
}

export function terminalWidth(): number {
  const w = columnsOf(1);
  return typeof w === 'number' && w >= 40 ? Math.min(w, 120) : 80;
}
