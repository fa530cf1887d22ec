// The published package as a user gets it: `npm pack`, install the tarball into an empty project
// (no runtime dependencies, so offline), run the README's commands through `npx flinkfit`, use the
// library from ES modules, CommonJS and TypeScript (nodenext and commonjs), and lint the package
// with publint and @arethetypeswrong/cli.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../src/core/links.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, any>;
let tmp: string;
let tarball: string;
let project: string;

const sh = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  tmp = mkdtempSync(join(tmpdir(), 'flinkfit-pack-'));
  // dist/ is built (npm test builds first); --ignore-scripts skips building it a second time
  const packed = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
  expect(packed.code, packed.err).toBe(0);
  tarball = join(tmp, (JSON.parse(packed.out) as Array<{ filename: string }>)[0]!.filename);
  project = join(tmp, 'app');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const installed = sh('npm', ['install', '--offline', '--no-package-lock', tarball], project);
  expect(installed.code, installed.err).toBe(0);
  for (const f of ['flink-conf.yaml', 'docker-compose.yml']) copyFileSync(join(ROOT, 'examples/seed', f), join(project, f));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('package.json', () => {
  it('says where it lives, has no install scripts and no runtime dependencies', () => {
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
    expect(pkg.bugs.url).toBe(`${REPOSITORY_URL}/issues`);
    expect(pkg.keywords).toContain('flink');
    expect(pkg.license).toBe('Apache-2.0');
    for (const s of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[s]).toBeUndefined();
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.engines.node).toBe('>=20.19');
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  });

  it('the tarball holds the bin, dist, presets, docs, LICENSE and README, and nothing from src or test', () => {
    const list = sh('tar', ['tzf', tarball], tmp).out.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['bin/flinkfit.cjs', 'dist/cli/main.cjs', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'LICENSE', 'README.md', 'presets/gcp-e2-micro.yaml', 'docs/diagnostics.md']) {
      expect(list).toContain(f);
    }
    expect(list.filter((f) => /^(src|test|scripts)\//.test(f))).toEqual([]);
  });

  it('publint and @arethetypeswrong/cli find nothing', () => {
    const lint = sh(process.execPath, [join(ROOT, 'node_modules/publint/src/cli.js'), '--strict', ROOT], ROOT);
    expect(lint.code, lint.out + lint.err).toBe(0);
    const attw = sh(process.execPath, [join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--format', 'ascii'], ROOT);
    expect(attw.code, attw.out + attw.err).toBe(0);
    expect(attw.out).toContain('No problems found');
  }, 120_000);
});

describe('installed from the tarball', () => {
  const npx = (...args: string[]) => sh('npx', ['--no-install', 'flinkfit', ...args], project);

  it("runs the README's commands through npx flinkfit: explain, check, generate", () => {
    const explain = npx('explain', 'flink-conf.yaml');
    expect(explain.code).toBe(1); // Flink refuses the seed config, as the README says
    expect(explain.out).toContain('Smallest fix: set taskmanager.memory.process.size: 961m');
    const check = npx('check', 'docker-compose.yml', '--preset', 'gcp-e2-micro');
    expect(check.code).toBe(1);
    expect(check.out).toContain('COMPOSE_CONFIG_IGNORED');
    expect(check.out).toContain('BUDGET_EXCEEDED');
    const gen = npx('generate', '--preset', 'gcp-e2-micro', '--checkpoint-interval', '10s', '--slots', '1', '--out', 'my-flink');
    expect(gen.code, gen.err).toBe(0);
    expect(readdirSync(join(project, 'my-flink')).sort()).toEqual(['conf', 'docker-compose.yml']);
    const again = npx('check', 'my-flink/docker-compose.yml', '--preset', 'gcp-e2-micro');
    expect(again.code, again.out).toBe(0);
    expect(npx('presets').out).toContain('gcp-e2-micro');
    expect(npx('--version').out.trim()).toBe(pkg.version);
  });

  const use = `const tm = resolveTaskManager({ 'taskmanager.memory.process.size': '1728m' }, { flinkVersion: '1.20' });
const conf = loadConfig('taskmanager.memory.process.size: 1g\\n', { fileName: 'flink-conf.yaml' });
console.log(tm.ok && tm.memory.managed, conf.ok && conf.config['taskmanager.memory.process.size'], parseMemorySize('1g').ok);`;
  const expected = '536870920n 1g true';

  it('the library from plain ES modules and from CommonJS require()', () => {
    writeFileSync(join(project, 'esm.mjs'), `import { resolveTaskManager, loadConfig, parseMemorySize } from 'flinkfit';\n${use}\n`);
    writeFileSync(join(project, 'cjs.cjs'), `const { resolveTaskManager, loadConfig, parseMemorySize } = require('flinkfit');\n${use}\n`);
    for (const f of ['esm.mjs', 'cjs.cjs']) {
      const r = sh(process.execPath, [f], project);
      expect(r.code, r.err).toBe(0);
      expect(r.out.trim()).toBe(expected);
    }
  });

  it('the library from TypeScript, compiled as ES module (nodenext) and as CommonJS', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const body = `import { resolveTaskManager, loadConfig, parseMemorySize, type TaskManagerOutcome } from 'flinkfit';\n${use}\nconst typed: TaskManagerOutcome = tm;\nvoid typed;\n`;
    const cases: Array<[string, string, string, string[]]> = [
      ['ts-esm', 'main.mts', 'main.mjs', ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
      ['ts-cjs', 'main.ts', 'main.js', ['--module', 'commonjs', '--moduleResolution', 'node10']],
      ['ts-cts', 'main.cts', 'main.cjs', ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
    ];
    for (const [dir, src, out, flags] of cases) {
      const d = join(project, dir);
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, src), body);
      const c = sh(process.execPath, [tsc, '--strict', '--target', 'es2022', '--skipLibCheck', 'false', ...flags, '--outDir', d, join(d, src)], project);
      expect(c.code, `${dir}: ${c.out}${c.err}`).toBe(0);
      const r = sh(process.execPath, [join(d, out)], project);
      expect(r.code, `${dir}: ${r.err}`).toBe(0);
      expect(r.out.trim()).toBe(expected);
    }
  }, 120_000);
});
