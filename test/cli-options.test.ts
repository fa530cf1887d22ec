// Colour switches (--no-color, NO_COLOR, FORCE_COLOR, TERM=dumb), wrapping at the terminal width
// without breaking words, and help with an example per command.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { terminalColumns, useColor } from '../src/cli/options.js';
import { fitWidth, visibleLength } from '../src/cli/render/wrap.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), ...args], { cwd: join(ROOT, 'examples/seed'), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

describe('colour', () => {
  const tty = { isTTY: true };
  it('a terminal gets colour unless NO_COLOR or TERM=dumb; FORCE_COLOR wins over TERM=dumb but not NO_COLOR', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(tty, { TERM: 'dumb' })).toBe(false);
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, { TERM: 'xterm' })).toBe(false);
    expect(useColor({ isTTY: false }, { TERM: 'dumb', FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });
  it('--no-color turns colour off wherever it stands on the command line', () => {
    const esc = /\u001b\[/;
    expect(run(['explain', 'flink-conf.yaml'], { FORCE_COLOR: '1' }).stdout).toMatch(esc);
    expect(run(['explain', 'flink-conf.yaml', '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toMatch(esc);
    expect(run(['--no-color', 'check', 'flink-conf.yaml', '--preset', 'gcp-e2-micro'], { FORCE_COLOR: '1' }).stdout).not.toMatch(esc);
  });
});

describe('wrapping at the terminal width', () => {
  const line = `error [BUDGET_EXCEEDED] ${'word '.repeat(30)}https://github.com/flinkfit/flinkfit/blob/main/docs/diagnostics.md#budget_exceeded-error end`;
  it('breaks only between words, keeps each line within the width (a longer word stays whole), indents continuations', () => {
    const out = fitWidth(`  ${line}\nshort\n`, 60).split('\n');
    expect(out.slice(-2)).toEqual(['short', '']);
    const wrapped = out.slice(0, -2);
    expect(wrapped.length).toBeGreaterThan(2);
    for (const l of wrapped) expect(visibleLength(l) <= 60 || !l.trim().includes(' ')).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(wrapped.map((l) => l.trim()).join(' ')).toBe(line);
  });
  it('colour codes take no columns; no terminal means no wrapping', () => {
    expect(fitWidth(`\u001b[31m${'x'.repeat(50)}\u001b[39m`, 50)).toBe(`\u001b[31m${'x'.repeat(50)}\u001b[39m`);
    expect(fitWidth(line, undefined)).toBe(line);
    expect(terminalColumns({ isTTY: false, columns: 100 })).toBeUndefined();
    expect(terminalColumns({ isTTY: true, columns: 100 })).toBe(100);
  });
});

describe('help', () => {
  for (const cmd of ['explain', 'check', 'generate', 'presets']) {
    it(`${cmd} --help shows examples that run ${cmd}`, () => {
      const r = run([cmd, '--help']);
      expect(r.status).toBe(0);
      const examples = r.stdout.split('Examples:\n')[1] ?? '';
      expect(examples.match(new RegExp(`^  \\$ flinkfit ${cmd}\\b`, 'gm'))?.length).toBeGreaterThanOrEqual(2);
    });
  }
  it('the top-level help points at the documentation by URL', () => {
    expect(run(['--help']).stdout).toMatch(/Documentation: https:\/\/\S+/);
  });
});

describe('the program built for a run', () => {
  // only the command a run names is built (main.ts); everything else still sees all of them
  it('has just the named command, and all four for help, no command or an unknown word', async () => {
    const { buildProgram } = await import('../src/cli/program.js');
    const names = (argv: string[]) => buildProgram(['node', 'flinkfit', ...argv]).commands.map((c) => c.name()).sort();
    expect(names(['explain', 'a.yaml'])).toEqual(['explain']);
    expect(names(['--no-color', 'check', '--preset', 'gcp-e2-micro', 'x'])).toEqual(['check']);
    expect(names([])).toEqual(['check', 'explain', 'generate', 'presets']);
    expect(names(['--help'])).toEqual(['check', 'explain', 'generate', 'presets']);
    expect(names(['help', 'check'])).toEqual(['check', 'explain', 'generate', 'presets']);
    expect(names(['explian'])).toEqual(['check', 'explain', 'generate', 'presets']);
  });

  it('still suggests the nearest command for a typo', () => {
    const r = run(['explian']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'explian'\n\(Did you mean explain\?\)/);
  });
});

describe('the YAML package, loaded only when a file needs it', () => {
  // plain config.yaml files are read without it; one that needs the general parser makes the core
  // ask for it (StandardParserMissing) and the CLI explains the project again with it loaded
  it('a config.yaml with a flow list still resolves, through the general parser', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-general-'));
    try {
      writeFileSync(join(dir, 'config.yaml'), 'taskmanager:\n  memory:\n    process.size: 1728m\njobmanager.memory.process.size: 1600m\nenv.java.opts.all: [a, b]\n');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'explain', '--json', 'config.yaml'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('"totalProcess": "1811939328"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("check's summary line", () => {
  // Confluent's demo images are not modelled, so no process is: the version said is the images' own
  // (1.19.1), never the default line flinkfit would assume (test/fixtures/projects/cp-all-in-one-*)
  it('names the Flink version of the services when none could be modelled', () => {
    const project = join(ROOT, 'test/fixtures/projects/cp-all-in-one-cnfldemos-flink/cp-all-in-one');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'check', project, '--preset', 'gcp-e2-micro'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^ok: Flink 1\.19\.1 on gcp-e2-micro, /);
    const json = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'check', project, '--format', 'json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(JSON.parse(json.stdout).flinkVersion).toBe('1.19.1');
  });
});
