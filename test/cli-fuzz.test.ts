// Hostile inputs against the built CLI (dist/ through bin/flinkfit.cjs), issue 10. Every case — the
// named regressions of the issue, then seeded random inputs until the time budget is spent — must
// end with exit code 0, 1 or 2, without a stack trace or an internal error, within its time limit
// and without a memory blow-up; every `file:line` printed must exist in that file.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aliasBomb, deepBlock, deepFlow, flowAtColumnZero, manyKeys, mergeBomb, selfMerge, twoLineQuoted, unknownMemoryKeys } from './hostile/cases.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/flinkfit.cjs');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** a case taking longer is a hang; more resident memory is a blow-up */
const CASE_TIMEOUT_MS = 30_000;
const MAX_RSS_KB = 512 * 1024;
/** the random part stops once the whole file has spent this long */
const BUDGET_MS = Number(process.env.FLINKFIT_FUZZ_BUDGET_MS ?? 60_000);

const dir = mkdtempSync(join(tmpdir(), 'flinkfit-fuzz-'));
const at = (name: string): string => join(dir, name);
const put = (name: string, text: string | Buffer): string => {
  mkdirSync(dirname(at(name)), { recursive: true });
  writeFileSync(at(name), text);
  return at(name);
};
let socketServer: ReturnType<typeof createServer> | undefined;

beforeAll(async () => {
  // a conf directory with everything Flink ignores: a loop, a dangling link, a socket, a FIFO,
  // an unreadable file and a huge unrelated one
  put('odd-dir/config.yaml', 'taskmanager.memory.process.size: 1g\njobmanager.memory.process.size: 1g\n');
  symlinkSync('loop-b', at('odd-dir/loop-a'));
  symlinkSync('loop-a', at('odd-dir/loop-b'));
  symlinkSync('nowhere', at('odd-dir/dangling'));
  put('odd-dir/secret.txt', 'x');
  chmodSync(at('odd-dir/secret.txt'), 0);
  put('odd-dir/huge.bin', '');
  spawnSync('truncate', ['-s', '600M', at('odd-dir/huge.bin')]);
  spawnSync('mkfifo', [at('odd-dir/fifo')]);
  spawnSync('mkfifo', [at('fifo.yaml')]);
  await new Promise<void>((done) => {
    socketServer = createServer().listen(at('odd-dir/sock'), () => done());
  });
});
afterAll(() => {
  socketServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  rssKb: number | undefined;
  ms: number;
}

function cli(args: string[], cwd = dir): Outcome {
  const start = Date.now();
  const argv = TIME ? ['-f', '%M', process.execPath, BIN, ...args] : [BIN, ...args];
  const r = spawnSync(TIME ?? process.execPath, argv, { cwd, encoding: 'utf8', timeout: CASE_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, NO_COLOR: '1', HOME: dir } });
  let stderr = r.stderr ?? '';
  let rssKb: number | undefined;
  if (TIME) {
    const m = /(?:^|\n)(?:Command exited with non-zero status \d+\n)?(\d+)\n?$/.exec(stderr);
    if (m) {
      rssKb = Number(m[1]);
      stderr = stderr.slice(0, m.index);
    }
  }
  return { code: r.status, stdout: r.stdout ?? '', stderr, rssKb, ms: Date.now() - start };
}

/** every "path:line" the output names exists in that file (paths as the CLI printed them, from `dir`) */
function expectLinesExist(text: string): void {
  for (const m of text.matchAll(/([\w./-]+\.(?:ya?ml|properties|env)):(\d+)/g)) {
    const file = isAbsolute(m[1]!) ? m[1]! : join(dir, m[1]!);
    if (!existsSync(file) || !statSync(file).isFile()) continue;
    const lines = readFileSync(file, 'utf8').split(/\r\n|\r|\n/).length;
    expect(Number(m[2]), `${m[0]} points past the end of ${m[1]} (${lines} lines)`).toBeLessThanOrEqual(lines);
  }
}

function expectSane(name: string, r: Outcome, codes: number[] = [0, 1, 2]): void {
  const all = r.stdout + r.stderr;
  expect(r.code, `${name}: exit ${r.code} (null: killed after ${CASE_TIMEOUT_MS} ms, a hang)\n${r.stderr.slice(0, 500)}`).not.toBeNull();
  expect(codes, `${name}: exit ${r.code}\n${r.stderr.slice(0, 500)}`).toContain(r.code);
  expect(all, `${name}: a stack trace`).not.toMatch(/\n\s+at .+[:(]\d+/);
  expect(all, `${name}: an internal error`).not.toMatch(/internal error/);
  if (r.rssKb !== undefined) expect(r.rssKb, `${name}: ${r.rssKb} KB resident`).toBeLessThan(MAX_RSS_KB);
  expectLinesExist(all);
}

type Case = [name: string, args: () => string[], codes?: number[]];

const V2 = ['--flink-version', '2.0'];
// a Flink key first, so the file is a Flink config (a YAML file without one is skipped as not Flink)
const FLINK = 'taskmanager.memory.process.size: 1g\n';
const NAMED: Case[] = [
  ['config.yaml alias bomb', () => ['explain', put('bomb/config.yaml', FLINK + aliasBomb())], [1]],
  ['config.yaml merge-key bomb', () => ['explain', put('merge/config.yaml', FLINK + mergeBomb())], [1]],
  ['config.yaml mapping merging into itself', () => ['explain', put('self/config.yaml', FLINK + selfMerge)], [1]],
  ['config.yaml deep flow nesting', () => ['explain', put('deepflow/config.yaml', FLINK + deepFlow())], [1]],
  ['config.yaml deep block nesting', () => ['explain', put('deepblock/config.yaml', FLINK + deepBlock())], [1]],
  ['config.yaml flow list at column 0', () => ['explain', put('flow0/config.yaml', flowAtColumnZero())]],
  ['config.yaml 3,000 two-line quoted values', () => ['explain', put('quoted/config.yaml', twoLineQuoted())]],
  // past flinkfit's limit of 50,000 keys per file (src/core/conf/limits.ts): refused with the line
  ['config.yaml 150,000 keys', () => ['explain', put('keys/config.yaml', manyKeys())], [1]],
  ['flink-conf.yaml 150,000 keys', () => ['explain', put('keys-legacy/flink-conf.yaml', manyKeys())], [1]],
  ['config.yaml nested, 150,000 keys', () => ['explain', put('keys-nested/config.yaml', `${FLINK}app:\n${manyKeys().replace(/^(?!task)/gm, '  ').trimEnd()}\n`)], [1]],
  ['config.yaml at the key limit, 50,000 keys', () => ['explain', put('keys-limit/config.yaml', `${FLINK}jobmanager.memory.process.size: 1g\n${manyKeys(49_998).slice(FLINK.length)}`)], [0]],
  ['2,000 unknown memory keys', () => ['explain', put('unknown/config.yaml', unknownMemoryKeys())]],
  // about 125,000 findings once overflowed the stack (push(...spread)) and took 220 MB: now the
  // first 100 of each kind in a file are listed and the rest counted (capPerCode)
  ['130,000 skipped lines in flink-conf.yaml', () => ['explain', put('skipped/flink-conf.yaml', FLINK + 'x\n'.repeat(130_000))], [1]],
  ['130,000 repeats of one key in flink-conf.yaml', () => ['explain', put('repeats/flink-conf.yaml', FLINK + 'a: 1\n'.repeat(130_000))], [1]],
  ['49,000 unknown memory keys', () => ['explain', '--json', put('unknown-many/config.yaml', unknownMemoryKeys(49_000))], [1]],
  ['an input over 10 MiB', () => ['explain', put('big/config.yaml', 'a: ' + 'x'.repeat(11 * 1024 * 1024) + '\n')], [2]],
  ['binary garbage', () => ['explain', ...V2, put('binary.yaml', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))]],
  ['a FIFO as input', () => ['explain', at('fifo.yaml')], [2]],
  ['/dev/zero as input', () => ['explain', '/dev/zero'], [2]],
  ['a conf directory with loops, dangling links, a socket, a FIFO, unreadable and huge files', () => ['explain', at('odd-dir')], [0]],
  // config files of different folders, or a custom-named one beside config.yaml, are never merged:
  // each is its own deployment (issue 8), so nothing is silently replaced
  ['two inputs for one conf file name', () => ['explain', at('odd-dir/config.yaml'), put('other/config.yaml', FLINK)], [0, 1]],
  ['a custom-named file beside config.yaml', () => ['explain', at('odd-dir/config.yaml'), put('custom.yaml', 'taskmanager:\n  memory:\n    process.size: 2g\n')], [0, 1]],
  ['10,000 -D', () => ['explain', at('odd-dir'), ...Array.from({ length: 10_000 }, (_, i) => `-Dkey${i}=v${i}`)], [0]],
  ['-D __proto__', () => ['explain', at('odd-dir'), '-D', '__proto__=x', '-D', 'constructor=y'], [0]],
  ['explain --json agrees with its exit code', () => ['explain', '--json', put('refused/config.yaml', 'taskmanager.memory.process.size: 10m\njobmanager.memory.process.size: 1g\n')], [1]],
  ['a line number past a short file', () => ['check', put('short/config.yaml', 'taskmanager.memory.process.size: 64m\n')], [1]],
  ['unknown flag', () => ['explain', '--bogus'], [2]],
  ['unsupported version', () => ['explain', '--flink-version', '9.9', at('odd-dir')], [2]],
  ['-D without =', () => ['explain', '-D', 'novalue'], [2]],
  ['odd --format', () => ['check', '--format', 'xml'], [2]],
  ['.flinkfit.yaml alias bomb', () => ['check', '--config', put('proj/.flinkfit.yaml', aliasBomb()), at('odd-dir')], [2]],
  ['.flinkfit.yaml deep nesting', () => ['check', '--config', put('proj2/.flinkfit.yaml', deepFlow(5000)), at('odd-dir')], [2]],
  ['preset file merge bomb', () => ['check', '--preset', put('preset-bomb.yaml', mergeBomb()), at('odd-dir')], [2]],
  ['preset FIFO', () => ['presets', at('fifo.yaml')], [2]],
  ['generate --out /proc/x', () => ['generate', '--preset', 'gcp-e2-micro', '--out', '/proc/x'], [2]],
  ['generate --out a FIFO', () => ['generate', '--preset', 'gcp-e2-micro', '--out', at('fifo.yaml')], [2]],
];

const MANIFEST = 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\n';

// compose files go through the project loader (src/core/compose/)
const COMPOSE: Case[] = [
  ['compose deep nesting', () => ['explain', put('c-deep/docker-compose.yml', 'services:\n  jobmanager:\n    image: flink:2.0\n    x: ' + deepFlow(5000).slice(3))], [1, 2]],
  ['compose alias bomb', () => ['explain', put('c-bomb/docker-compose.yml', 'services:\n  jobmanager:\n    image: flink:2.0\n' + aliasBomb().replace(/^/gm, '    x-').trimEnd() + '\n')], [1, 2]],
  ['compose FIFO', () => ['explain', put('c-fifo/docker-compose.yml', 'x') && at('fifo.yaml')], [2]],
  // FlinkDeployment manifests once bypassed the YAML limits: an alias bomb ended in an internal
  // error, deep nesting in a stack-overflow message (src/core/k8s/manifest.ts now uses yaml-safe)
  ['manifest alias bomb', () => ['explain', put('m-bomb/flinkdeployment.yaml', `${MANIFEST}${aliasBomb().replace(/^/gm, 'x-').trimEnd()}\n`)], [1]],
  ['manifest deep nesting', () => ['explain', put('m-deep/flinkdeployment.yaml', `${MANIFEST}spec:\n  flinkConfiguration:\n    a: ${deepFlow(20_000).slice(3)}`)], [1]],
];
// once failures of the old compose reader (a merge-key bomb ran past 20 s, a service merging into
// itself overflowed the stack); the project loader bounds both (src/core/compose/yaml.ts)
const COMPOSE_FOR_THE_REWRITE: Case[] = [
  ['compose merge-key bomb', () => ['explain', put('c-merge/docker-compose.yml', 'x-base:\n' + mergeBomb(30, '  ') + 'services:\n  jobmanager:\n    <<: *m29\n    image: flink:2.0\n')], [1, 2]],
  ['compose service merging into itself', () => ['explain', put('c-self/docker-compose.yml', 'services:\n  jobmanager: &j\n    image: flink:2.0\n    <<: *j\n')], [1, 2]],
];

describe('CLI fuzz: the named hostile inputs of issue 10', () => {
  it.each(NAMED)('%s', (name, args, codes) => {
    expectSane(name, cli(args()), codes);
  });
  it.each(COMPOSE)('%s', (name, args, codes) => {
    expectSane(name, cli(args()), codes);
  });
  it.each(COMPOSE_FOR_THE_REWRITE)('%s', (name, args, codes) => {
    expectSane(name, cli(args()), codes);
  });
});

/** mulberry32: a small seeded generator, so every run tries the same inputs in the same order */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  'taskmanager.memory.process.size: 1g', 'jobmanager.memory.process.size: 600m', 'taskmanager:\n  memory:\n    process.size: 2g',
  'a: &x [1, 2]', 'b: *x', '<<: *x', 'c: [', ']', '{', '}', "k: 'multi\nline'", 'k: "\\x41\\u00e9"', '- item', '? complex', ': value',
  '\t', '---', '...', '%YAML 1.1', '%YAML 9.9', '#', 'null: ~', 'true: false', '0x10: 0o17', 'k: !!int 12', 'k: !!float x', 'k: !custom v',
  '\uFEFF', '\u0000', '\u0085', '\r', '\r\n', 'k: |\n  block\n  text', 'k: >-\n  folded', 'taskmanager.memory.managed.fraction: 1.5',
  'taskmanager.memory.network.min: 64 mb', 'taskmanager.memory.flink.size: 99999999999t', 'services:', '  jobmanager:', '    image: flink:1.20',
  '    environment:', '      FLINK_PROPERTIES: |', '        jobmanager.memory.process.size: 1g', '    mem_limit: 1g', '    command: taskmanager',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 25);
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.75) parts.push(FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!);
    else if (r < 0.85) parts.push(' '.repeat(Math.floor(next() * 12)) + String.fromCharCode(...Array.from({ length: 1 + Math.floor(next() * 20) }, () => Math.floor(next() * 0x2fff))));
    else if (r < 0.92) parts.push('['.repeat(Math.floor(next() * 300)));
    else parts.push(`k${i}: *a${Math.floor(next() * 5)}`);
  }
  return parts.join(next() < 0.8 ? '\n' : ' ') + '\n';
}

const NAMES = ['config.yaml', 'flink-conf.yaml', 'docker-compose.yml', 'custom.yaml', '.flinkfit.yaml', 'preset.yaml'];
const FLAGS = [[], ['--json'], ['--flink-version', '1.18'], ['--flink-version', '1.20'], ['--flink-version', '2.2'], ['-D', 'taskmanager.memory.process.size=1g'], ['-D', '=x'], ['--flink-version', ''], ['--', '-x']];

describe('CLI fuzz: output piped into a reader that stops early', () => {
  // more than a pipe's 64 KiB of output into `head`, which closes the pipe: once an unhandled EPIPE
  // with a stack trace; now flinkfit stops writing quietly and exits as the findings say
  const many = (): string[] => Array.from({ length: 6 }, (_, i) => put(`pipe/d${i}/config.yaml`, unknownMemoryKeys(2_000)));
  it.each([
    ['explain of six files', () => ['explain', ...many()]],
    ['explain --json', () => ['explain', '--json', ...many()]],
    ['check --format sarif', () => ['check', '--format', 'sarif', ...many()]],
    ['presets --json', () => ['presets', '--json']],
  ])('%s | head -c 100', (_, args) => {
    const list = args();
    // more than a pipe holds, or the reader's early stop would never reach flinkfit
    expect(cli(list).stdout.length).toBeGreaterThan(64 * 1024);
    const argv = list.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const r = spawnSync('bash', ['-c', `'${process.execPath}' '${BIN}' ${argv} 2>"$ERR" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: CASE_TIMEOUT_MS,
      env: { PATH: process.env.PATH, NO_COLOR: '1', HOME: dir, ERR: at('pipe/stderr.txt') },
    });
    const code = Number(r.stdout.trim());
    const stderr = readFileSync(at('pipe/stderr.txt'), 'utf8');
    expect([0, 1], `exit ${code}: ${stderr.slice(0, 300)}`).toContain(code);
    expect(stderr).toBe('');
  });
});

describe('CLI fuzz: seeded random inputs within the time budget', () => {
  it('every input ends in 0, 1 or 2, quickly, without a stack trace', () => {
    const started = Date.now();
    const next = random(20261202);
    let cases = 0;
    while (Date.now() - started < BUDGET_MS) {
      const name = NAMES[Math.floor(next() * NAMES.length)]!;
      const file = put(`rand/${cases}/${name}`, randomText(next));
      const flags = FLAGS[Math.floor(next() * FLAGS.length)]!;
      const command = name === '.flinkfit.yaml' ? ['check', '--config', file] : name === 'preset.yaml' ? ['presets', file] : [next() < 0.5 ? 'explain' : 'check', file];
      const args = [...command, ...flags];
      expectSane(`seed 20261202 case ${cases}: flinkfit ${args.join(' ')}\n${readFileSync(file, 'utf8').slice(0, 300)}`, cli(args));
      cases++;
    }
    expect(cases).toBeGreaterThan(5);
  }, BUDGET_MS + 2 * CASE_TIMEOUT_MS);
});
