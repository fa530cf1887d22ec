// The core takes data and returns data: no file system, console, colour, environment or process.
// Only src/cli and src/node touch the OS. This test keeps it so.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Code without comments and string contents, so only real uses are matched. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, "''");
}

describe('src/core is pure', () => {
  const core = files(join(root, 'src/core'));
  it('has modules to check', () => expect(core.length).toBeGreaterThan(30));
  for (const f of core) {
    it(relative(root, f), () => {
      const text = readFileSync(f, 'utf8');
      const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
      const bad = imports.filter((m) => m.startsWith('node:') || m === 'chalk' || m.includes('/cli/') || m.includes('/node/'));
      expect(bad, 'imports of the OS, colour or the CLI').toEqual([]);
      const code = codeOnly(text);
      expect(code.match(/\b(?:process|console)\s*\./g) ?? [], 'uses of process or console').toEqual([]);
    });
  }
});
