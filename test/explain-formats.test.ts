// explain's --format and --out on the built CLI, and what the web page is built from.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(ROOT, 'examples/seed/flink-conf.yaml');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/web/index.html'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}, 180_000);

function cli(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('explain --format', () => {
  it('--json is --format json', () => {
    const a = cli(['explain', '--json', SEED]);
    expect(a.status).toBe(1);
    expect(cli(['explain', '--format', 'json', SEED]).stdout).toBe(a.stdout);
    expect(JSON.parse(a.stdout).schemaVersion).toBe(2);
  });

  it('text stays the default', () => {
    expect(cli(['explain', '--format', 'text', SEED]).stdout).toBe(cli(['explain', SEED]).stdout);
  });

  it('refuses an unknown format, --json with another format, and --preset outside svg/html (exit 2)', () => {
    const bad = cli(['explain', '--format', 'pdf', SEED]);
    expect([bad.status, bad.stdout, bad.stderr]).toEqual([2, '', "flinkfit: --format must be text, json, svg or html, not 'pdf'\n"]);
    expect(cli(['explain', '--json', '--format', 'svg', SEED]).status).toBe(2);
    const preset = cli(['explain', '--preset', 'gcp-e2-micro', SEED]);
    expect(preset.status).toBe(2);
    expect(preset.stderr).toContain('--preset draws the machine in --format svg or html');
    const unknown = cli(['explain', '--format', 'svg', '--preset', 'gcp-e2-mikro', SEED]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('gcp-e2-micro');
  });

  it('html is one self-contained page: no script, no external reference, the diagram inline', () => {
    const r = cli(['explain', '--format', 'html', SEED]);
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(r.stdout).not.toMatch(/<script|<link|@import|url\(\s*['"]?https?:|src=/i);
    const svg = r.stdout.slice(r.stdout.indexOf('<svg'), r.stdout.indexOf('</svg>') + 6);
    expect(XMLValidator.validate(svg)).toBe(true);
  });
});

describe('explain --out FILE', () => {
  it('writes the file whole, never replaces one without --force, replaces it with --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-out-'));
    const out = join(dir, 'sub', 'memory.svg');
    const first = cli(['explain', '--format', 'svg', '--out', out, SEED]);
    expect([first.status, first.stdout, first.stderr]).toEqual([1, '', `wrote ${out}\n`]);
    expect(readFileSync(out, 'utf8')).toBe(cli(['explain', '--format', 'svg', SEED]).stdout);
    writeFileSync(out, 'mine');
    const again = cli(['explain', '--format', 'svg', '--out', out, SEED]);
    expect([again.status, again.stdout, again.stderr]).toEqual([2, '', `flinkfit: ${out} exists; pass --force to replace it\n`]);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = cli(['explain', '--format', 'html', '--out', out, '--force', SEED]);
    expect(forced.status).toBe(1);
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
  });

  it('says so when the place cannot be written (a file where a directory should be)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-out-'));
    writeFileSync(join(dir, 'file'), 'x');
    const r = cli(['explain', '--format', 'svg', '--out', join(dir, 'file', 'memory.svg'), SEED]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`flinkfit: cannot write ${join(dir, 'file')}: is a file, not a directory\n`);
  });
});

describe('dist/web/index.html', () => {
  it('is built from the core and yaml only: no zod, chalk, commander or node built-in', () => {
    const inputs = JSON.parse(readFileSync(join(ROOT, 'dist/web/inputs.json'), 'utf8')) as string[];
    const packages = new Set(inputs.filter((p) => p.includes('node_modules/')).map((p) => p.split('node_modules/')[1]!.split('/')[0]));
    expect([...packages]).toEqual(['yaml']);
    expect(inputs.filter((p) => p.startsWith('src/') && !p.startsWith('src/core/') && !p.startsWith('src/web/'))).toEqual([
      'src/cli/render/derivation.ts',
      'src/cli/render/html.ts',
      'src/cli/render/svg.ts',
    ]);
    // zod never reaches the page: the presets module it reads is zod-free (core/presets/model.ts)
    expect(inputs.filter((p) => /zod/.test(p) && p !== 'inert:zod')).toEqual([]);
  });

  it('is one file that asks for nothing: no external script, style, font or image', () => {
    const html = readFileSync(join(ROOT, 'dist/web/index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link|@import|@font-face|<img/i);
  });
});
