// Helpers for the Compose loader tests: an in-memory project (path → text) and a plain-JS view of
// the loader's tree, so expectations read like the YAML they come from.
import { readFileSync, statSync } from 'node:fs';
import { loadComposeProject, type ComposeFs, type LoadedProject, type LoadProjectOptions } from '../src/core/compose/load.js';
import type { CNode } from '../src/core/compose/tree.js';

export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

/** A tree as plain values (mappings as objects in Compose's key order). */
export function plain(n: CNode | undefined): Plain | undefined {
  if (n === undefined) return undefined;
  if (n.kind === 'map') return Object.fromEntries([...n.entries].map(([k, e]) => [k, plain(e.value)!]));
  if (n.kind === 'seq') return n.items.map((i) => plain(i)!);
  return n.value;
}

/** Load a project held in memory: `files` maps absolute paths to their text. */
export function loadMemory(files: Record<string, string>, opts: Partial<LoadProjectOptions> & { files: string[] }): LoadedProject {
  return loadComposeProject({
    autoOverride: false,
    env: {},
    ...opts,
    fs: { readFile: (p) => files[p] },
  });
}

/** A service's canonical node as plain values. */
export function service(p: LoadedProject, name: string): { [k: string]: Plain } {
  const s = p.services.find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name} in ${p.services.map((x) => x.name).join(', ')}; diagnostics: ${JSON.stringify(p.diagnostics)}`);
  return plain(s.node) as { [k: string]: Plain };
}

export function codes(p: LoadedProject): string[] {
  return p.diagnostics.map((d) => d.code);
}

/** The real disk as the loader's reader: a missing file or a directory reads as undefined. */
export const diskFs: ComposeFs = {
  readFile: (p) => {
    try {
      return statSync(p).isFile() ? readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};
