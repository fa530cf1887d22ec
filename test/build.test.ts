// What `npm run build` puts in dist/: bundled presets shipped as the same data the source validates,
// and nothing that neither entry point (CLI, library) nor the library's types reach.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPresets } from '../src/node/presets.js';
import { renderPresetsJson } from '../src/cli/render/presets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

beforeAll(() => {
  if (!existsSync(join(DIST, 'bin/main.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}, 120_000);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

describe('dist/', () => {
  it('the CLI lists the bundled presets exactly as the source reads and validates presets/*.yaml', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'presets', '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(0);
    const entries = loadBundledPresets().map((b) => {
      if (!b.ok) throw new Error(JSON.stringify(b.error));
      return { preset: b.preset, origin: b.origin };
    });
    expect(entries).toHaveLength(readdirSync(join(ROOT, 'presets')).filter((f) => f.endsWith('.yaml')).length);
    expect(r.stdout).toBe(renderPresetsJson(entries));
  });

  it('holds no file that the CLI, the library or its declarations do not reach', () => {
    const reached = new Set<string>();
    const walk = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      const text = readFileSync(file, 'utf8');
      // static `from"./x.js"`, dynamic `import("./x.js")`, bare `import"./x.js"`, and d.ts imports
      for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = resolve(dirname(file), m[1]!);
        walk(file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : file.endsWith('.d.cts') ? target.replace(/\.cjs$/, '.d.cts') : target);
      }
    };
    for (const entry of ['cli/boot.cjs', 'cli/main.cjs', 'index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) walk(join(DIST, entry));
    // dist/web is the web calculator (npm run build writes it; the package leaves it out: !dist/web/)
    const dead = files(DIST).filter((f) => !reached.has(f) && !f.startsWith(join(DIST, 'web'))).map((f) => relative(ROOT, f));
    expect(dead).toEqual([]);
    expect(reached.size).toBeGreaterThan(10);
  });

  it('the library bundle imports nothing outside node: built-ins (the package has no runtime dependencies)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const bare = new Set<string>();
    for (const f of files(DIST).filter((x) => x.endsWith('.js') || x.endsWith('.cjs'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/(?:from|import|require)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
        if (!m[1]!.startsWith('node:')) bare.add(m[1]!);
      }
    }
    expect([...bare].filter((b) => !(b in (pkg.dependencies ?? {})))).toEqual([]);
  });
});
