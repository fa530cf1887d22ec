// Transcripts of the built CLI (bin/flinkfit.cjs), in the manner of arethetypeswrong's CLI tests:
// each test/transcripts/<name>.txt holds the directory and command line, the exact stdout (and
// stderr, marked) and `Exit code: N`. The bin runs with a minimal environment (PATH, HOME,
// NO_COLOR=1, no FORCE_COLOR) in a fixture directory; its own version reads <version>.
//
// After a deliberate change of output, rewrite the transcripts and review the diff:
//   UPDATE_TRANSCRIPTS=1 npx vitest run test/cli-transcripts.test.ts
// (or `node scripts/update-transcripts.mjs`). A new transcript is one more entry in TRANSCRIPTS.
//
// Colour, JSON and GitHub output are asserted, not snapshotted: no ANSI codes in transcripts.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES, codeOf } from './findings-cases.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/flinkfit.cjs');
const MAIN = join(ROOT, 'dist/cli/main.cjs');
const TRANSCRIPTS_DIR = join(ROOT, 'test/transcripts');
const UPDATE = process.env.UPDATE_TRANSCRIPTS === '1';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

// --- running the bin ---------------------------------------------------------------------------

/** At most this many CLI processes at once, across every test of this file. */
const slots = { free: Math.max(2, Math.min(8, availableParallelism())), waiting: [] as Array<() => void> };

async function withSlot<T>(f: () => Promise<T>): Promise<T> {
  if (slots.free === 0) await new Promise<void>((r) => slots.waiting.push(r));
  else slots.free--;
  try {
    return await f();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

/** `node bin/flinkfit.cjs ARGS` in `cwd` (relative to the repository, or absolute) with a minimal environment. */
function flinkfit(cwd: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...extraEnv };
  if (extraEnv.NO_COLOR === undefined && extraEnv.FORCE_COLOR !== undefined) delete env.NO_COLOR;
  return withSlot(
    () =>
      new Promise<Run>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: isAbsolute(cwd) ? cwd : join(ROOT, cwd), env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        child.on('error', reject);
        child.on('close', (code) => resolve({ stdout, stderr, code }));
      }),
  );
}

/** Builds dist/ when it is missing or older than a source file (`npm test` has built it already). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  const stale = !existsSync(MAIN) || statSync(MAIN).mtimeMs < Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (stale) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}, 180_000);

// --- transcripts -------------------------------------------------------------------------------

interface Transcript {
  name: string;
  /** the working directory, relative to the repository */
  cwd: string;
  args: string[];
}

const SEED = 'examples/seed';
const FITS = 'test/fixtures/fits-e2-micro';
const CLI = 'test/fixtures/cli';
const FINDINGS = 'test/fixtures/findings';

const TRANSCRIPTS: Transcript[] = [
  // explain: files, directories, compose, -D, versions
  { name: 'explain-seed-flink-conf', cwd: SEED, args: ['explain', 'flink-conf.yaml'] },
  { name: 'explain-config-yaml-accepted', cwd: `${CLI}/accepted`, args: ['explain', 'config.yaml'] },
  { name: 'explain-conf-dir', cwd: `${CLI}/conf-dir`, args: ['explain', '--flink-version', '2.0', 'conf'] },
  { name: 'explain-seed-compose', cwd: SEED, args: ['explain', 'docker-compose.yml'] },
  { name: 'explain-dynamic-override', cwd: SEED, args: ['explain', '--flink-version', '1.20', '-D', 'taskmanager.memory.process.size=1g', '-D', 'jobmanager.memory.process.size=1g', 'flink-conf.yaml'] },
  // explain: every warning about how keys and files are written
  { name: 'explain-warnings-1x', cwd: `${CLI}/warnings-1x`, args: ['explain', '--flink-version', '1.18', 'flink-conf.yaml'] },
  { name: 'explain-key-ignored-by-2x', cwd: `${CLI}/warnings-2x`, args: ['explain', '--flink-version', '2.1', 'config.yaml'] },
  { name: 'explain-flink-conf-given-to-2x', cwd: SEED, args: ['explain', '--flink-version', '2.0', 'flink-conf.yaml'] },
  { name: 'explain-config-load-error-syntax', cwd: `${FINDINGS}/CONFIG_LOAD_ERROR/syntax`, args: ['explain', '--flink-version', '2.2', 'config.yaml'] },
  { name: 'explain-config-load-error-duplicate-key', cwd: `${FINDINGS}/CONFIG_LOAD_ERROR/duplicate-key`, args: ['explain', '--flink-version', '2.2', 'config.yaml'] },
  // explain: the tool cannot run as asked (exit 2)
  { name: 'explain-missing-file', cwd: SEED, args: ['explain', 'no-such-flink-conf.yaml'] },
  { name: 'explain-unknown-flag', cwd: SEED, args: ['explain', '--flink-versoin', '1.20', 'flink-conf.yaml'] },
  { name: 'explain-unsupported-version', cwd: SEED, args: ['explain', '--flink-version', '1.17', 'flink-conf.yaml'] },
  { name: 'explain-dynamic-without-equals', cwd: SEED, args: ['explain', '-D', 'taskmanager.memory.process.size', 'flink-conf.yaml'] },
  // check
  { name: 'check-seed-flink-conf-e2-micro', cwd: SEED, args: ['check', '--preset', 'gcp-e2-micro', 'flink-conf.yaml'] },
  { name: 'check-seed-compose-e2-micro', cwd: SEED, args: ['check', '--preset', 'gcp-e2-micro', 'docker-compose.yml'] },
  { name: 'check-fits-e2-micro', cwd: FITS, args: ['check', '--preset', 'gcp-e2-micro', 'flink-conf.yaml'] },
  { name: 'check-github-seed', cwd: SEED, args: ['check', '--preset', 'gcp-e2-micro', '--format', 'github', 'flink-conf.yaml'] },
  { name: 'check-warning-passes', cwd: `${CLI}/warn-only`, args: ['check', '--preset', 'gcp-e2-micro', 'flink-conf.yaml'] },
  { name: 'check-strict-warning-fails', cwd: `${CLI}/warn-only`, args: ['check', '--preset', 'gcp-e2-micro', '--strict', 'flink-conf.yaml'] },
  { name: 'check-reserve', cwd: FITS, args: ['check', '--preset', 'gcp-e2-micro', '--reserve', 'kafka=384m', 'flink-conf.yaml'] },
  { name: 'check-reserve-without-unit', cwd: FITS, args: ['check', '--preset', 'gcp-e2-micro', '--reserve', 'kafka=384', 'flink-conf.yaml'] },
  { name: 'check-project-file', cwd: `${CLI}/project`, args: ['check', 'flink-conf.yaml'] },
  { name: 'check-project-file-command-line-wins', cwd: `${CLI}/project`, args: ['check', '--preset', 'gcp-e2-small', '--reserve', 'kafka=128m', 'flink-conf.yaml'] },
  { name: 'check-bad-project-file', cwd: `${CLI}/bad-project`, args: ['check', 'flink-conf.yaml'] },
  { name: 'check-bad-project-file-key', cwd: `${CLI}/bad-project`, args: ['check', '--config', 'typo.flinkfit.yaml', 'flink-conf.yaml'] },
  { name: 'check-unknown-preset', cwd: FITS, args: ['check', '--preset', 'gcp-e2-mikro', 'flink-conf.yaml'] },
  { name: 'check-bad-format', cwd: FITS, args: ['check', '--format', 'junit', 'flink-conf.yaml'] },
  // Flink Kubernetes Operator manifests
  { name: 'explain-flinkdeployment', cwd: `${FINDINGS}/K8S_MEMORY_UNIT_TRAP`, args: ['explain', 'flinkdeployment.yaml'] },
  { name: 'check-flinkdeployment-nodes', cwd: `${FINDINGS}/K8S_POD_UNSCHEDULABLE`, args: ['check', '--node-preset', 'k8s-4g', 'flinkdeployment.yaml'] },
  { name: 'check-flinkdeployment-operator-1.12', cwd: `${FINDINGS}/K8S_FLINK_VERSION_REFUSED`, args: ['check', '--operator-version', '1.12', 'flinkdeployment.yaml'] },
  { name: 'generate-kubernetes', cwd: FITS, args: ['generate', '--target', 'kubernetes', '--node-preset', 'gke-e2-standard-2', '--taskmanagers', '2', '--slots', '2', '--job-jar', 'local:///opt/flink/usrlib/job.jar', '--stdout'] },
  // presets, help, version
  { name: 'presets', cwd: FITS, args: ['presets'] },
  { name: 'presets-gcp-e2-micro', cwd: FITS, args: ['presets', 'gcp-e2-micro'] },
  { name: 'presets-unknown', cwd: FITS, args: ['presets', 'gcp-e2-mikro'] },
  { name: 'help', cwd: FITS, args: ['--help'] },
  { name: 'version', cwd: FITS, args: ['--version'] },
];

function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The transcript text: where and what ran, stdout, stderr after a marker, the exit code. */
function renderTranscript(t: Transcript, r: Run): string {
  const out: string[] = [`$ cd ${t.cwd}`, `$ flinkfit ${t.args.map(shellQuote).join(' ')}`];
  const block = (s: string) => {
    if (s === '') return;
    out.push(s.endsWith('\n') ? s.slice(0, -1) : `${s}\n[no newline at end]`);
  };
  // the CLI's own version is the only version that must not be pinned here
  block(r.stdout.replace(new RegExp(`^${VERSION.replace(/\./g, '\\.')}$`, 'gm'), '<version>'));
  if (r.stderr !== '') {
    out.push('[stderr]');
    block(r.stderr);
  }
  out.push(`Exit code: ${r.code}`);
  return out.join('\n') + '\n';
}

describe.concurrent('transcripts', () => {
  it.each(TRANSCRIPTS)('$name', async (t) => {
    const file = join(TRANSCRIPTS_DIR, `${t.name}.txt`);
    const actual = renderTranscript(t, await flinkfit(t.cwd, t.args));
    if (UPDATE) {
      mkdirSync(TRANSCRIPTS_DIR, { recursive: true });
      writeFileSync(file, actual);
      return;
    }
    expect(existsSync(file), `${relative(ROOT, file)} is missing: run UPDATE_TRANSCRIPTS=1 npx vitest run test/cli-transcripts.test.ts`).toBe(true);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('has no transcript file without an entry, and no ANSI escape in any', () => {
    const files = existsSync(TRANSCRIPTS_DIR) ? readdirSync(TRANSCRIPTS_DIR).filter((f) => f.endsWith('.txt')) : [];
    if (!UPDATE) expect(files.sort()).toEqual(TRANSCRIPTS.map((t) => `${t.name}.txt`).sort());
    for (const f of files) expect(readFileSync(join(TRANSCRIPTS_DIR, f), 'utf8'), f).not.toMatch(/\u001b\[/);
  });

  it.skipIf(UPDATE)('exit codes: 0 accepted, 1 refused or over budget, 2 could not run as asked', () => {
    const exits = (names: string[]) => names.map((n) => readTranscriptExit(n));
    expect(exits(['explain-config-yaml-accepted', 'explain-conf-dir', 'check-fits-e2-micro', 'check-warning-passes', 'presets', 'help', 'version'])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(exits(['explain-seed-flink-conf', 'explain-seed-compose', 'check-seed-flink-conf-e2-micro', 'check-seed-compose-e2-micro', 'check-strict-warning-fails', 'check-reserve'])).toEqual([1, 1, 1, 1, 1, 1]);
    expect(exits(['explain-missing-file', 'explain-unknown-flag', 'explain-unsupported-version', 'explain-dynamic-without-equals', 'check-reserve-without-unit', 'check-bad-project-file', 'check-unknown-preset', 'presets-unknown'])).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
  });
});

function readTranscriptExit(name: string): number {
  const text = readFileSync(join(TRANSCRIPTS_DIR, `${name}.txt`), 'utf8');
  return Number(/Exit code: (\d+)\n$/.exec(text)?.[1]);
}

// --- what the transcripts cannot show: data, colour, streams -----------------------------------

const TM_COMPONENTS = ['frameworkHeap', 'frameworkOffHeap', 'taskHeap', 'taskOffHeap', 'network', 'managed', 'jvmMetaspace', 'jvmOverhead', 'totalFlink', 'totalProcess', 'jvmHeap', 'jvmDirect'];
const JM_COMPONENTS = ['jvmHeap', 'offHeap', 'jvmMetaspace', 'jvmOverhead', 'totalFlink', 'totalProcess'];

function json(r: Run): Record<string, any> {
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, any>;
}

describe.concurrent('explain --json', () => {
  it('gives every TaskManager and JobManager component as an exact decimal string', async () => {
    const r = await flinkfit(FITS, ['explain', '--json', 'flink-conf.yaml']);
    expect(r.code).toBe(0);
    const j = json(r);
    expect(j.schemaVersion).toBe(2);
    expect(j.flinkVersion).toMatch(/^1\.20\.\d+$/);
    expect(Object.keys(j.taskmanager.memory).sort()).toEqual([...TM_COMPONENTS].sort());
    expect(Object.keys(j.jobmanager.memory).sort()).toEqual([...JM_COMPONENTS].sort());
    for (const [k, v] of [...Object.entries(j.taskmanager.memory), ...Object.entries(j.jobmanager.memory)]) expect(v, k).toMatch(/^\d+$/);
    const tm = Object.fromEntries(Object.entries(j.taskmanager.memory as Record<string, string>).map(([k, v]) => [k, BigInt(v)]));
    const jm = Object.fromEntries(Object.entries(j.jobmanager.memory as Record<string, string>).map(([k, v]) => [k, BigInt(v)]));
    // 448m and 256m as set in the file, and the parts add up as Flink adds them
    expect(tm.totalProcess).toBe(448n * 1024n * 1024n);
    expect(jm.totalProcess).toBe(256n * 1024n * 1024n);
    expect(tm.totalProcess).toBe(tm.totalFlink! + tm.jvmMetaspace! + tm.jvmOverhead!);
    expect(tm.totalFlink).toBe(tm.frameworkHeap! + tm.frameworkOffHeap! + tm.taskHeap! + tm.taskOffHeap! + tm.network! + tm.managed!);
    expect(tm.jvmHeap).toBe(tm.frameworkHeap! + tm.taskHeap!);
    expect(tm.jvmDirect).toBe(tm.frameworkOffHeap! + tm.taskOffHeap! + tm.network!);
    expect(jm.totalProcess).toBe(jm.totalFlink! + jm.jvmMetaspace! + jm.jvmOverhead!);
    expect(jm.totalFlink).toBe(jm.jvmHeap! + jm.offHeap!);
    expect(Array.isArray(j.diagnostics)).toBe(true);
    expect(j.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(['LEGACY_CONFIG_FILE', 'VERSION_ASSUMED']);
    for (const d of j.diagnostics) expect(Object.keys(d)).toEqual(expect.arrayContaining(['code', 'severity', 'message']));
  });

  it('says why a refused process has no memory, with the smallest fix as data', async () => {
    const r = await flinkfit(SEED, ['explain', '--json', 'flink-conf.yaml']);
    expect(r.code).toBe(1);
    const j = json(r);
    expect(j.taskmanager.ok).toBe(false);
    expect(j.taskmanager.memory).toBeUndefined();
    expect(j.taskmanager.fix).toEqual({ key: 'taskmanager.memory.process.size', bytes: String(961n * 1024n * 1024n) });
    expect(j.jobmanager.fix).toEqual({ key: 'jobmanager.memory.process.size', bytes: String(577n * 1024n * 1024n) });
    // the file's own deployment comes first; the compose file that mounts it is explained after it
    expect(j.deployments.map((d: { kind: string }) => d.kind)).toEqual(['file', 'compose']);
    const refused = j.deployments[0].diagnostics.filter((d: { severity: string }) => d.severity === 'error');
    expect(refused.map((d: { code: string; file: string; line: number }) => [d.code, d.file, d.line])).toEqual([
      ['TM_REFUSED', 'flink-conf.yaml', 4],
      ['JM_REFUSED', 'flink-conf.yaml', 5],
    ]);
  });

  it('keeps ANSI codes out of JSON even when colour is forced', async () => {
    const r = await flinkfit(FITS, ['explain', '--json', 'flink-conf.yaml'], { FORCE_COLOR: '1' });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    json(r);
  });
});

describe.concurrent('check --format json and github', () => {
  it('json: schemaVersion, every finding with code, severity, file, line, key and message, and the budget', async () => {
    const r = await flinkfit(SEED, ['check', '--preset', 'gcp-e2-micro', '--format', 'json', 'docker-compose.yml']);
    expect(r.code).toBe(1);
    const j = json(r);
    expect(j.schemaVersion).toBe(2);
    expect(j.preset).toBe('gcp-e2-micro');
    expect(j.exitCode).toBe(1);
    for (const f of j.findings) {
      expect(Object.keys(f).filter((k) => k !== 'role')).toEqual(['code', 'severity', 'file', 'line', 'key', 'message']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
    const codes = new Set(j.findings.map((f: { code: string }) => f.code));
    for (const c of ['COMPOSE_CONFIG_IGNORED', 'IGNORED_CONFIG_REFUSED', 'IMAGE_LATEST', 'CONTAINER_LIMIT_MISSING', 'BUDGET_EXCEEDED']) expect(codes, c).toContain(c);
    // flink:latest (2.x) ignores the mounted flink-conf.yaml, so the entrypoint does not edit it
    expect(codes).not.toContain('CONFIG_MOUNT_SINGLE_FILE');
    const ignored = j.findings.find((f: { code: string }) => f.code === 'COMPOSE_CONFIG_IGNORED');
    expect([ignored.file, typeof ignored.line]).toEqual(['docker-compose.yml', 'number']);
    // one deployment: both services, what each runs, the budget of the two
    expect(j.deployments).toHaveLength(1);
    const d = j.deployments[0];
    expect(d.kind).toBe('compose');
    expect(d.services.map((s: { name: string; role: string; flink: boolean; processSize: string }) => [s.name, s.flink, s.role, s.processSize])).toEqual([
      ['jobmanager', true, 'jobmanager', String(1600n * 1024n * 1024n)],
      ['taskmanager', true, 'taskmanager', String(1728n * 1024n * 1024n)],
    ]);
    expect(d.budget.presetId).toBe('gcp-e2-micro');
    const exceeded = j.findings.find((f: { code: string }) => f.code === 'BUDGET_EXCEEDED');
    expect(exceeded.message).toMatch(/smallest preset that fits is gcp-e2-medium/);
    expect(j.budget.presetId).toBe('gcp-e2-micro');
    for (const k of ['memory', 'systemReserved', 'available', 'needed']) expect(j.budget[k], k).toMatch(/^\d+$/);
    expect(j.budget.spare).toMatch(/^-\d+$/);
    expect(j.taskmanagerCount).toBe(1);
  });

  it('json: the seed config on an e2-micro names gcp-e2-small as the smallest fit, and checks the compose file that mounts it too', async () => {
    const j = json(await flinkfit(SEED, ['check', '--preset', 'gcp-e2-micro', '--format', 'json', 'flink-conf.yaml']));
    expect(j.deployments.map((d: { kind: string; files: string[] }) => [d.kind, d.files])).toEqual([
      ['file', ['flink-conf.yaml']],
      ['compose', ['docker-compose.yml']],
    ]);
    const [file, compose] = j.deployments;
    const errors = (d: { findings: Array<{ severity: string; code: string }> }) => d.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(errors(file)).toEqual(['TM_REFUSED', 'JM_REFUSED', 'BUDGET_EXCEEDED']);
    expect(file.budget.smallestFitting).toBe('gcp-e2-small');
    expect(errors(compose)).toContain('COMPOSE_CONFIG_IGNORED');
    expect(j.findings.map((f: { code: string }) => f.code)).toContain('CONFIG_CHECKED_WITH_COMPOSE');
  });

  it('github: one workflow command per finding, ::error file=…,line=…,title=CODE::…', async () => {
    const r = await flinkfit(SEED, ['check', '--preset', 'gcp-e2-micro', '--format', 'github', 'docker-compose.yml']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    // every annotation has a file and line; one without a place of its own points at the first input, line 1
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^,:]+,line=\d+,title=[A-Z][A-Z0-9_]+::\S.*$/);
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=docker-compose\.yml,line=\d+,title=COMPOSE_CONFIG_IGNORED::/));
    // the budget points at the compose file that sets the sizes
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=docker-compose\.yml,line=\d+,title=BUDGET_EXCEEDED::/));
    expect(lines).toContainEqual(expect.stringMatching(/^::warning file=docker-compose\.yml,line=\d+,title=CONTAINER_LIMIT_MISSING::/));
  });
});

describe.concurrent('colour', () => {
  const commands: Array<[string, string, string[]]> = [
    ['explain', SEED, ['explain', 'flink-conf.yaml']],
    ['check', SEED, ['check', '--preset', 'gcp-e2-micro', 'flink-conf.yaml']],
  ];
  it.each(commands)('%s: FORCE_COLOR=1 colours, NO_COLOR=1 does not (and wins over FORCE_COLOR)', async (_, cwd, args) => {
    const [forced, plain, both] = await Promise.all([
      flinkfit(cwd, args, { FORCE_COLOR: '1' }),
      flinkfit(cwd, args, { NO_COLOR: '1' }),
      flinkfit(cwd, args, { NO_COLOR: '1', FORCE_COLOR: '1' }),
    ]);
    expect(forced.stdout).toMatch(/\u001b\[\d+(;\d+)*m/);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(both.stdout).not.toMatch(/\u001b\[/);
    // colour changes the paint, never the words
    expect(forced.stdout.replace(/\u001b\[[\d;]*m/g, '')).toBe(plain.stdout);
    expect(forced.code).toBe(plain.code);
  });
});

describe.concurrent('presets', () => {
  it('lists all 34 bundled presets (20 machines, 14 Kubernetes nodes), one id each', async () => {
    const r = await flinkfit(FITS, ['presets']);
    const ids = readdirSync(join(ROOT, 'presets')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
    expect(ids).toHaveLength(34);
    const listed = r.stdout.split('\n').slice(1).map((l) => l.split(' ')[0]).filter((id) => id && ids.includes(id));
    expect(listed.sort()).toEqual(ids);
  });
});

// The per-code fixtures run through the core in findings.test.ts; a sample of them through the
// bin shows the harness there reports what the CLI reports.
describe.concurrent('the CLI agrees with the findings harness', () => {
  const sample = ['TM_REFUSED', 'NO_CONFIG_FILE', 'FILE_KIND_ASSUMED', 'FLAT_BOM_IN_KEY', 'SLOTS_ABOVE_VCPUS', 'CONTAINER_LIMIT_TOO_LOW', 'FLINK_PROPERTIES_VALUE_SPLIT', 'CONFIG_MOUNT_READONLY'];
  it.each(CASES.filter((c) => sample.includes(c.dir)))('$dir', async (c) => {
    const flags = [
      ...(c.flinkVersion ? ['--flink-version', c.flinkVersion] : []),
      ...(c.preset ? ['--preset', c.preset] : []),
      ...Object.entries(c.reserves ?? {}).flatMap(([n, s]) => ['--reserve', `${n}=${s}`]),
    ];
    const args = c.mode === 'check' ? ['check', '--format', 'json', ...flags, ...c.inputs] : ['explain', '--json', ...flags, ...c.inputs];
    const j = json(await flinkfit(`${FINDINGS}/${c.dir}`, args));
    const ds = (c.mode === 'check' ? j.findings : j.diagnostics) as Array<{ code: string }>;
    // as in findings.test.ts: SERVICE_DETECTED (said for every Flink service) counts only in its own fixture
    expect(ds.map((d) => d.code).filter((x) => x !== 'SERVICE_DETECTED' || codeOf(c) === 'SERVICE_DETECTED').sort(), codeOf(c)).toEqual(c.codes);
  });
});

// Bugs found in the CLI and fixed, kept as regression tests with the exact input.
describe.concurrent('known bugs', () => {
  it('a project file that is not valid YAML is reported with its line', async () => {
    // project.ts reads e.linePos, which `yaml` fills only with prettyErrors: true: the message says
    // ".flinkfit.yaml:?:" for an unclosed flow sequence on line 3
    const r = await flinkfit(`${CLI}/bad-project-yaml`, ['check', 'flink-conf.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flinkfit: \.flinkfit\.yaml:[34]: not valid YAML/);
  });

  it('a directory without any Flink is said once, and is not a failure', async () => {
    // `flinkfit check` in a directory with no compose file and no config file once counted two
    // NO_CONFIG_FILE errors; with the project model it is a note that nothing Flink was found
    const empty = mkdtempSync(join(tmpdir(), 'flinkfit-empty-'));
    const r = await flinkfit(empty, ['check', '--format', 'json']);
    expect(r.code).toBe(0);
    const codes = (json(r).findings as Array<{ code: string }>).map((f) => f.code);
    expect(codes).toEqual(['NO_DEPLOYMENT_FOUND']);
    expect((await flinkfit(empty, ['check', '--strict'])).code).toBe(0);
  });
});
