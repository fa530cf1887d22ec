// Did-you-mean for preset ids and preset keys: edit distance (a swap of two letters counts once),
// also between dash-separated tails, so "t3.micro" finds aws-t3-micro and "Standard_B1s" azure-b1s.

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. With
 * `max`, gives up as soon as the distance must exceed it (returning max + 1): a length difference
 * beyond it is answered at once, and a row whose every entry is beyond it ends the work.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

function normalize(s: string): string {
  return s.trim().toLowerCase().replace(/[._\s]+/g, '-');
}

/** The string and each of its dash-separated tails: "gcp-e2-micro", "e2-micro", "micro". */
function tails(s: string): string[] {
  const out = [s];
  for (let i = s.indexOf('-'); i !== -1; i = s.indexOf('-', i + 1)) out.push(s.slice(i + 1));
  return out;
}

/** How far `input` is from `candidate`: 0 is a perfect match; containment counts as very close. */
function score(input: string, candidate: string): number {
  const a = normalize(input);
  const b = normalize(candidate);
  if (a === b) return 0;
  if (a.length >= 2 && (b.includes(a) || a.includes(b))) return 0.5;
  const aTails = tails(a);
  if (aTails.slice(1).some((t) => t.length >= 3 && b.endsWith(t))) return 0.75;
  let best = Infinity;
  aTails.forEach((x, i) => {
    tails(b).forEach((y, j) => {
      best = Math.min(best, editDistance(x, y) + (i > 0 ? 0.5 : 0) + (j > 0 ? 0.25 : 0));
    });
  });
  return best;
}

export interface Suggestions {
  /** candidates close enough to be a likely typo, best first */
  close: string[];
  /** when nothing is close: the nearest candidates anyway, best first */
  nearest: string[];
}

export function suggest(input: string, candidates: readonly string[], max = 3): Suggestions {
  const threshold = Math.max(1, Math.floor(normalize(input).length / 3));
  const ranked = candidates
    .map((c) => ({ c, s: score(input, c) }))
    .sort((x, y) => x.s - y.s || byText(x.c, y.c));
  // a containment-level match (score below 1) outranks every typo; among typos, keep the nearest
  const best = ranked[0]?.s ?? Infinity;
  const limit = best < 1 ? best : Math.min(threshold, best + 0.5);
  const close = ranked
    .filter((r) => r.s <= limit)
    .slice(0, max)
    .map((r) => r.c);
  return { close, nearest: close.length > 0 ? [] : ranked.slice(0, max).map((r) => r.c) };
}

/** Plain code-unit order: deterministic, and free of the ICU start-up cost of localeCompare (~14 ms). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
