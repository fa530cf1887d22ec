// Word wrap for terminal output: lines are broken between words only (a word longer than the line
// stays whole, e.g. a URL), colour codes do not count towards the width.

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes on screen (colour codes take none). */
export function visibleLength(s: string): number {
  return s.replace(ANSI, '').length;
}

/** Greedy word wrap; a word longer than the line stays whole. */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    if (!empty && visibleLength(line) + 1 + visibleLength(word) > width) {
      out.push(line);
      line = rest;
      empty = true;
    }
    line += (empty ? '' : ' ') + word;
    empty = false;
  }
  out.push(line);
  return out;
}

/**
 * Fits printed text to a terminal `width` columns wide: each longer line is wrapped between words,
 * its continuation lines indented two more than the line itself. Without a width (not a
 * terminal: a pipe, a file, a CI log) the text is left as it is, one finding per line for grep.
 */
export function fitWidth(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => {
      if (visibleLength(line) <= width) return line;
      const indent = /^\s*/.exec(line)![0];
      return wrap(line.slice(indent.length), width, indent, `${indent}  `).join('\n');
    })
    .join('\n');
}
