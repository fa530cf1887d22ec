// `flinkfit generate`: for every bundled preset, Flink line and state backend, the files it writes
// are accepted by the memory model exactly as planned, fit the machine, keep every minimum, survive
// the official image's entrypoint, validate against the Compose Specification, and are
// byte-identical on repeat. Plus the seed scenario, -D overrides, and the built CLI end to end.
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfDir } from '../src/core/conf/confdir.js';
import { entrypointInputFor, serviceConfDir } from '../src/core/compose/mounts.js';
import { readCompose } from '../src/core/project/single.js';
import { applyEntrypoint } from '../src/core/docker/entrypoint.js';
import {
  MINIMUMS,
  MINIMUM_IDS,
  composeRoundTrip,
  configFileName,
  generate,
  minimumBytes,
  plainMachine,
  plainMemoryFor,
  plainSystemReservedMiB,
  type GenerateInput,
  type GeneratedFile,
  type Plan,
  type StateBackendChoice,
} from '../src/core/generate/index.js';
import { resolveJobManagerConfig, resolveTaskManagerConfig } from '../src/core/memory/index.js';
import { knownMemoryKeys } from '../src/core/options.js';
import { availableBytes, type Preset } from '../src/core/presets/index.js';
import { FLINK_LINES, LATEST_PATCH, type FlinkLine } from '../src/core/versions.js';
import { newestPublishedImage } from '../src/core/images.js';
import { PRESETS, generateInput } from './generate-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = new URL('../../shared/', import.meta.url);
const MiB = 1024n * 1024n;

const preset = (id: string): Preset => PRESETS.find((p) => p.id === id)!;
const input = generateInput;

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
const validateCompose = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/compose-spec.json'), 'utf8')) as object);

const imageConfs = new Map<FlinkLine, Record<string, string>>();
/** The image's own conf directory (../shared/image-conf), which the conf/ mount replaces. */
function imageConf(line: FlinkLine): Record<string, string> {
  let out = imageConfs.get(line);
  if (out === undefined) {
    const dir = new URL(`image-conf/${line}/`, SHARED);
    out = {};
    for (const name of readdirSync(dir)) out[name] = readFileSync(new URL(name, dir), 'utf8');
    imageConfs.set(line, out);
  }
  return out;
}

function file(files: readonly GeneratedFile[], path: string): string {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.text;
}

/** What test/entrypoint-vectors.test.ts does, on the generated compose file and conf directory. */
function startLikeDocker(plan: Plan, files: readonly GeneratedFile[]) {
  const compose = readCompose(file(files, 'docker-compose.yml'));
  if (!compose.ok) throw new Error(compose.error.message);
  const conf: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith('conf/')) conf[f.path.slice(5)] = f.text;
  const started: Record<string, { memory: unknown; replicas: number; limit: bigint | null }> = {};
  for (const svc of compose.services) {
    if (svc.role !== 'jobmanager' && svc.role !== 'taskmanager') continue;
    expect(svc.image?.flinkLine).toBe(plan.line);
    const dir = serviceConfDir(svc, { imageConf: imageConf(plan.line), read: (s, k) => (s === './conf' && k === 'directory' ? conf : undefined) });
    expect(dir.diagnostics).toEqual([]);
    const ep = entrypointInputFor(svc, dir)!;
    const r = applyEntrypoint(ep);
    expect(r.resultIsError).toBe(false);
    const load = loadConfDir(r.files, { flinkLine: plan.line });
    if (!load.ok) throw new Error(load.error.message);
    const out = svc.role === 'jobmanager' ? resolveJobManagerConfig(load.config, plan.line, plan.version) : resolveTaskManagerConfig(load.config, plan.line, plan.version);
    if (!out.ok) throw new Error(out.message);
    started[svc.role] = { memory: out.memory, replicas: svc.replicas?.value ?? 1, limit: svc.memLimit?.value ?? null };
  }
  return started;
}

const SHAPES: Array<[number, number]> = [
  [1, 1],
  [2, 2],
];

describe('every bundled preset × Flink line × state backend that fits', () => {
  let fitted = 0;
  afterAll(() => {
    // most combinations fit; the 1 GiB machines refuse RocksDB (see the "does not fit" tests)
    expect(fitted).toBeGreaterThan(PRESETS.length * FLINK_LINES.length);
  });
  for (const line of FLINK_LINES) {
    describe(`Flink ${line}`, () => {
      for (const p of PRESETS) {
        for (const backend of ['hashmap', 'rocksdb'] as StateBackendChoice[]) {
          for (const [tms, slots] of SHAPES) {
            it(`${p.id} ${backend} ${tms}×${slots}`, () => {
              // a line without a published official image needs an image of one's own (--image)
              const published = newestPublishedImage(line);
              const ownImage = `registry.example.com/flink:${LATEST_PATCH[line]}-java17`;
              const inp = input({ preset: p, flinkVersion: line, stateBackend: backend, taskManagers: tms, slots, ...(published ? {} : { image: ownImage }) });
              const r = generate(inp);
              if (!r.ok) {
                expect(r.code).toBe('DOES_NOT_FIT');
                expect(r.needed!.bytes).toBeGreaterThan(availableBytes(p));
                return;
              }
              fitted++;
              const { plan, files } = r;
              expect(plan.version).toBe(published ?? LATEST_PATCH[line]);
              expect(plan.image).toBe(published ? `flink:${published}-java17` : ownImage);
              // (1) the model accepts the file as written, exactly as planned, and after the entrypoint
              const conf = file(files, `conf/${configFileName(line)}`);
              const load = loadConfDir({ [configFileName(line)]: conf }, { flinkLine: line });
              if (!load.ok) throw new Error(load.error.message);
              const jm = resolveJobManagerConfig(load.config, line, plan.version);
              const tm = resolveTaskManagerConfig(load.config, line, plan.version);
              expect(jm.ok && tm.ok).toBe(true);
              if (!jm.ok || !tm.ok) return;
              expect(jm.memory).toEqual(plan.jobManager);
              expect(tm.memory).toEqual(plan.taskManager);
              const started = startLikeDocker(plan, files);
              expect(started.jobmanager!.memory).toEqual(plan.jobManager);
              expect(started.taskmanager!.memory).toEqual(plan.taskManager);
              expect(started.taskmanager!.replicas).toBe(tms);
              expect(started.jobmanager!.limit).toBe(plan.jobManager.totalProcess);
              expect(started.taskmanager!.limit).toBe(plan.taskManager.totalProcess);
              // (2) the budget holds
              const used = jm.memory.totalProcess + BigInt(tms) * tm.memory.totalProcess;
              expect(used).toBe(plan.budget.used);
              expect(used).toBeLessThanOrEqual(availableBytes(p));
              expect(availableBytes(p) - used).toBeLessThan(BigInt(tms) * MiB); // all spare given away
              // (3) every minimum held, every size whole MiB
              const ctx = { taskManagers: tms, slots, stateBackend: backend, segmentSize: 32n * 1024n };
              const m = tm.memory;
              expect(jm.memory.jvmHeap).toBeGreaterThanOrEqual(minimumBytes('JM_HEAP', ctx));
              expect(m.taskHeap).toBeGreaterThanOrEqual(minimumBytes('TM_TASK_HEAP', ctx));
              expect(m.network).toBeGreaterThanOrEqual(minimumBytes('TM_NETWORK', ctx));
              expect(m.jvmMetaspace).toBeGreaterThanOrEqual(minimumBytes('TM_METASPACE', ctx));
              expect(m.jvmOverhead).toBeGreaterThanOrEqual(minimumBytes('TM_OVERHEAD', ctx));
              for (const v of [...Object.values(jm.memory), ...Object.values(m)]) expect(v % MiB).toBe(0n);
              // (4) the spare goes to what the workload uses
              if (backend === 'hashmap') expect(m.managed).toBe(0n);
              else {
                expect(m.taskHeap).toBe(minimumBytes('TM_TASK_HEAP', ctx));
                expect(m.managed).toBeGreaterThanOrEqual(minimumBytes('TM_MANAGED', ctx));
              }
              // deterministic (checked on one shape: the rest runs the same code)
              if (tms === 1 && slots === 1) expect(generate(inp)).toEqual(r);
              // the compose file follows the Compose Specification
              const doc = parseYaml(file(files, 'docker-compose.yml')) as unknown;
              expect(validateCompose(doc), JSON.stringify(validateCompose.errors)).toBe(true);
            });
          }
        }
      }
    });
  }
});

describe('the config file', () => {
  for (const line of FLINK_LINES) {
    it(`is the file Flink ${line} reads, with nothing that version no longer knows`, () => {
      const r = generate(input({ preset: preset('ram-2g'), flinkVersion: line, stateBackend: 'rocksdb' }));
      if (!r.ok) throw new Error(r.message);
      const name = line === '1.18' ? 'flink-conf.yaml' : 'config.yaml';
      expect(r.files.map((f) => f.path)).toEqual([`conf/${name}`, 'conf/log4j-console.properties', 'docker-compose.yml']);
      const load = loadConfDir({ [name]: file(r.files, `conf/${name}`) }, { flinkLine: line });
      if (!load.ok) throw new Error(load.error.message);
      expect(load.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      const keys = Object.keys(load.config);
      const known = new Set(knownMemoryKeys(line));
      for (const k of keys.filter((k) => /^(taskmanager|jobmanager)\.memory\./.test(k))) expect(known.has(k), k).toBe(true);
      expect(load.config['execution.checkpointing.interval']).toBe('10s');
      expect(load.config['state.backend.type']).toBe('rocksdb');
      const dirKey = line === '1.18' || line === '1.19' ? 'state.checkpoints.dir' : 'execution.checkpointing.dir';
      expect(load.config[dirKey]).toBe('file:///opt/flink/checkpoints');
      expect(keys.filter((k) => k === 'state.checkpoints.dir' || k === 'execution.checkpointing.dir')).toEqual([dirKey]);
      expect(load.config['jobmanager.rpc.address']).toBe('jobmanager');
      // every memory line says why
      for (const l of file(r.files, `conf/${name}`).split('\n')) {
        if (/^(taskmanager|jobmanager)\.memory\./.test(l)) expect(l, l).toMatch(/ {2}# \S/);
      }
    });

    it(`keeps env.java.opts.all as the ${line} image's own config has it`, () => {
      const r = generate(input({ preset: preset('ram-2g'), flinkVersion: line }));
      if (!r.ok) throw new Error(r.message);
      const ours = loadConfDir({ [configFileName(line)]: file(r.files, `conf/${configFileName(line)}`) }, { flinkLine: line });
      const image = loadConfDir(imageConf(line), { flinkLine: line });
      if (!ours.ok || !image.ok) throw new Error('load');
      expect(ours.config['env.java.opts.all']).toBe(image.config['env.java.opts.all']);
    });
  }
});

describe('the seed scenario: generate --preset gcp-e2-micro --checkpoint-interval 10s --slots 1', () => {
  it('fits, with the whole budget handed out', () => {
    const r = generate(input({ preset: preset('gcp-e2-micro'), checkpointInterval: '10s', slots: 1 }));
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.budget.jobManager).toBe(320n * MiB);
    expect(r.plan.budget.taskManager).toBe(392n * MiB);
    expect(r.plan.budget.spare).toBe(0n);
    expect(r.plan.taskManager.taskHeap).toBe(70n * MiB);
    expect(r.plan.tier).toBe('minimum');
  });

  it('with --reserve kafka=1g does not fit on 1 GiB and says what it needs', () => {
    const r = generate(input({ preset: preset('gcp-e2-micro'), checkpointInterval: '10s', slots: 1, reserves: [{ name: 'kafka', bytes: 1024n * MiB }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('DOES_NOT_FIT');
    const n = r.needed!;
    expect(n.bytes).toBe((320n + 354n + 1024n) * MiB);
    expect(n.available).toBe(712n * MiB);
    expect(n.shortBy).toBe(986n * MiB);
    expect(n.machineMemory).toBe((320n + 354n + 1024n + 312n) * MiB);
    expect(n.smallestPreset?.id).toBe('gcp-e2-small');
    expect(r.message).toContain('1.66 GiB');
    expect(r.message).toContain('gcp-e2-small');
    expect(r.message).toContain('reserve kafka 1 GiB');
    expect(n.binding[0]!.id).toBe('JM_HEAP');
    // the preset it names does fit
    expect(generate(input({ preset: preset('gcp-e2-small'), reserves: [{ name: 'kafka', bytes: 1024n * MiB }] })).ok).toBe(true);
  });

  it('RocksDB does not fit on 1 GiB either, and managed memory is among the minimums', () => {
    const r = generate(input({ preset: preset('gcp-e2-micro'), stateBackend: 'rocksdb' }));
    if (r.ok) throw new Error('fits');
    expect(r.needed!.binding.map((m) => m.id)).toContain('TM_MANAGED');
  });
});

describe('-D overrides', () => {
  const micro = preset('gcp-e2-micro');
  const ok = (dynamic: Record<string, string>, over: Partial<GenerateInput> = {}) => {
    const r = generate(input({ preset: micro, dynamic, ...over }));
    if (!r.ok) throw new Error(r.message);
    return r;
  };

  it('a fixed taskmanager.memory.network.max is kept as given and honoured', () => {
    const r = ok({ 'taskmanager.memory.network.max': '1m' });
    expect(r.plan.taskManager.network).toBe(MiB);
    const text = file(r.files, 'conf/config.yaml');
    expect(text).toMatch(/^taskmanager\.memory\.network\.max: 1m +# given with -D$/m);
    expect(r.plan.minimums.find((m) => m.id === 'TM_NETWORK')).toEqual({ id: 'TM_NETWORK', bytes: MiB, fromUser: true });
    // the budget still holds and the task heap got the MiB back
    expect(r.plan.budget.spare).toBe(0n);
    expect(r.plan.taskManager.taskHeap).toBe(71n * MiB);
  });

  it('a larger network.min raises the network and shrinks the task heap', () => {
    const r = ok({ 'taskmanager.memory.network.min': '16m' });
    expect(r.plan.taskManager.network).toBe(16n * MiB);
    expect(r.plan.taskManager.taskHeap).toBe(56n * MiB);
  });

  it('a deprecated key counts as the option it names', () => {
    const r = ok({ 'taskmanager.network.memory.max': '1m' }, { flinkVersion: '1.20' });
    expect(r.plan.taskManager.network).toBe(MiB);
  });

  it('a lowered minimum makes room: metaspace 64m on a machine that needs it', () => {
    const r = ok({ 'taskmanager.memory.jvm-metaspace.size': '64m', 'jobmanager.memory.jvm-metaspace.size': '64m' });
    expect(r.plan.jobManager.jvmMetaspace).toBe(64n * MiB);
    expect(r.plan.taskManager.jvmMetaspace).toBe(64n * MiB);
    expect(r.plan.taskManager.taskHeap).toBe(134n * MiB); // 70 + 32 + 32
  });

  it('a fraction given with -D is honoured by Flink, and the sizes still add up', () => {
    const r = ok({ 'taskmanager.memory.jvm-overhead.fraction': '0.2' });
    expect(r.plan.taskManager.jvmOverhead).toBeGreaterThan(64n * MiB);
    expect(r.plan.budget.used).toBeLessThanOrEqual(r.plan.budget.available);
  });

  it('options that are not memory are kept as given, at the end', () => {
    const r = ok({ 'rest.port': '8082', 'state.backend.incremental': 'true' });
    const text = file(r.files, 'conf/config.yaml');
    expect(text).toContain("# Given with -D, kept as given\nrest.port: '8082'");
    const load = loadConfDir({ 'config.yaml': text }, { flinkLine: '2.3' });
    expect(load.ok && load.config['rest.port']).toBe('8082');
  });

  it('a -D that makes Flink refuse the TaskManager is a refusal with Flink\'s reason', () => {
    const r = generate(input({ preset: micro, dynamic: { 'taskmanager.memory.process.size': '300m' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('REFUSED');
    expect(r.message).toContain('-D taskmanager.memory.process.size');
  });

  it('a fixed JobManager size that leaves too little is "does not fit"', () => {
    const r = generate(input({ preset: micro, dynamic: { 'jobmanager.memory.process.size': '400m' } }));
    expect(r.ok || r.code).toBe('DOES_NOT_FIT');
  });

  it('keys a flag sets, bad durations and bad names are invalid options', () => {
    for (const [dyn, over] of [
      [{ 'taskmanager.numberOfTaskSlots': '2' }, {}],
      [{ 'state.backend.type': 'rocksdb' }, {}],
      [{}, { checkpointInterval: '10 parsecs' }],
      [{}, { checkpointInterval: '5ms' }],
      [{ 'a b': 'c' }, {}],
      [{ 'env.java.opts.all': '-Dx=#1' }, { flinkVersion: '1.18' }],
    ] as Array<[Record<string, string>, Partial<GenerateInput>]>) {
      const r = generate(input({ preset: micro, dynamic: dyn, ...over }));
      expect(r.ok || r.code, JSON.stringify([dyn, over])).toBe('INVALID_OPTION');
    }
  });
});

describe('a plain machine (--memory)', () => {
  it('has the system share of presets/ram-*.yaml', () => {
    for (const id of ['ram-1g', 'ram-2g', 'ram-4g', 'ram-8g']) {
      const p = preset(id);
      expect(plainSystemReservedMiB(p.memoryMiB), id).toBe(p.systemReservedMiB);
      expect(plainMachine(p.memoryMiB).systemReservedParts!.map((x) => x.mib)).toEqual(p.systemReservedParts!.map((x) => x.mib));
    }
  });

  it('names the plain machine that would fit when nothing does', () => {
    const r = generate(input({ preset: plainMachine(1024), plainMachine: true, taskManagers: 2 }));
    if (r.ok) throw new Error('fits');
    const m = Number(r.needed!.machineMemory / MiB);
    expect(m).toBe(plainMemoryFor(r.needed!.bytes));
    expect(generate(input({ preset: plainMachine(m), plainMachine: true, taskManagers: 2 })).ok).toBe(true);
    expect(generate(input({ preset: plainMachine(m - 1), plainMachine: true, taskManagers: 2 })).ok).toBe(false);
  });

  it('uses Flink\'s defaults for the fixed parts once they take at most half', () => {
    const r = generate(input({ preset: plainMachine(8192), plainMachine: true }));
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.tier).toBe('standard');
    expect(r.plan.taskManager.jvmMetaspace).toBe(256n * MiB);
    expect(r.plan.jobManager.totalProcess).toBe(832n * MiB);
  });
});

describe('the round trip helper', () => {
  it('refuses a compose file whose conf mount is read-only', () => {
    const r = generate(input({ preset: preset('ram-2g') }));
    if (!r.ok) throw new Error(r.message);
    const files = r.files.map((f) => (f.path === 'docker-compose.yml' ? { ...f, text: f.text.replaceAll('./conf:/opt/flink/conf', './conf:/opt/flink/conf:ro') } : f));
    expect(composeRoundTrip(files).ok).toBe(false);
  });
});

describe('docs/generate.md', () => {
  it('documents every minimum: its option, its rule and a source', () => {
    const doc = readFileSync(join(ROOT, 'docs/generate.md'), 'utf8');
    for (const id of MINIMUM_IDS) {
      const m = MINIMUMS[id];
      expect(doc, id).toContain(`\`${m.key}\``);
      expect(doc, id).toContain(m.rule);
      for (const s of m.sources) expect(doc, `${id} ${s.url}`).toContain(s.url);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The built CLI
// ---------------------------------------------------------------------------------------------

describe('the built flinkfit generate', () => {
  const BIN = join(ROOT, 'bin/flinkfit.cjs');
  let tmp: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli/main.cjs'))) throw new Error('run npm run build first');
    tmp = mkdtempSync(join(tmpdir(), 'flinkfit-generate-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const cli = (args: string[], cwd = tmp) => {
    const r = spawnSync(process.execPath, [BIN, 'generate', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('writes the three files into --out, creating it', () => {
    const out = join(tmp, 'a', 'b');
    const r = cli(['--preset', 'gcp-e2-micro', '--checkpoint-interval', '10s', '--slots', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote conf/config.yaml, conf/log4j-console.properties, docker-compose.yml');
    expect(r.stdout).toMatch(/JobManager +320 MiB/);
    expect(r.stdout).toMatch(/TaskManager × 1 +392 MiB/);
    expect(r.stdout).toMatch(/System share +312 MiB/);
    expect(r.stdout).toMatch(/Spare +0 B/);
    expect(readdirSync(out).sort()).toEqual(['conf', 'docker-compose.yml']);
    expect(readdirSync(join(out, 'conf')).sort()).toEqual(['config.yaml', 'log4j-console.properties']);
    // the image's user (uid 9999 from 2.0) rewrites the config file
    expect(statSync(join(out, 'conf/config.yaml')).mode & 0o777).toBe(0o666);
    const again = generate(input({ preset: preset('gcp-e2-micro') }));
    if (!again.ok) throw new Error(again.message);
    // what it wrote is what the core makes (only the command in the header differs)
    const strip = (s: string) => s.replace(/^# {3}flinkfit generate .*$/m, '');
    expect(strip(readFileSync(join(out, 'docker-compose.yml'), 'utf8'))).toBe(strip(file(again.files, 'docker-compose.yml')));
    expect(readFileSync(join(out, 'docker-compose.yml'), 'utf8')).toContain(
      '#   flinkfit generate --preset gcp-e2-micro --flink-version 2.2 --taskmanagers 1 --slots 1 --state-backend hashmap --checkpoint-interval 10s\n',
    );
  });

  it('refuses to replace a file without --force (exit 2, nothing touched), replaces with it', () => {
    const out = join(tmp, 'exists');
    expect(cli(['--preset', 'ram-2g', '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'docker-compose.yml'), 'mine\n');
    const before = readFileSync(join(out, 'conf/config.yaml'), 'utf8');
    const r = cli(['--preset', 'ram-4g', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('conf/config.yaml already exists');
    expect(readFileSync(join(out, 'conf/config.yaml'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'docker-compose.yml'), 'utf8')).toBe('mine\n');
    // the check covers every file before any is written
    rmSync(join(out, 'conf'), { recursive: true });
    const r2 = cli(['--preset', 'ram-4g', '--out', out]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('docker-compose.yml already exists');
    expect(existsSync(join(out, 'conf'))).toBe(false);
    const r3 = cli(['--preset', 'ram-4g', '--out', out, '--force']);
    expect(r3.code).toBe(0);
    expect(readFileSync(join(out, 'docker-compose.yml'), 'utf8')).toContain('ram-4g');
    expect(readdirSync(join(out, 'conf')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--stdout prints every file under a header line and writes nothing', () => {
    const dir = mkdtempSync(join(tmp, 'stdout-'));
    const r = cli(['--preset', 'ram-1g', '--flink-version', '1.18', '--stdout'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> conf/flink-conf.yaml <==\n');
    expect(r.stdout).toContain('==> conf/log4j-console.properties <==\n');
    expect(r.stdout).toContain('==> docker-compose.yml <==\n');
    expect(r.stdout).toContain('image: flink:1.18.1-java17');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 when nothing fits, naming the memory it needs and the preset that has it', () => {
    const r = cli(['--preset', 'gcp-e2-micro', '--checkpoint-interval', '10s', '--slots', '1', '--reserve', 'kafka=1g', '--stdout']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Nothing fits on gcp-e2-micro');
    expect(r.stderr).toContain('gcp-e2-small');
    expect(r.stderr).toMatch(/1 GiB +reserve kafka/);
  });

  it('accepts --memory for a plain machine', () => {
    const r = cli(['--memory', '3g', '--state-backend', 'rocksdb', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plain Linux host, 3 GiB (--memory 3072m)');
  });

  it('exits 2 on usage problems', () => {
    for (const args of [
      ['--preset', 'gcp-e2-mikro'],
      ['--preset', 'gcp-e2-micro', '--reserve', 'kafka'],
      ['--preset', 'gcp-e2-micro', '--reserve', 'kafka=384'],
      ['--preset', 'gcp-e2-micro', '--slots', '0'],
      ['--preset', 'gcp-e2-micro', '--slots', 'two'],
      ['--preset', 'gcp-e2-micro', '--taskmanagers', '-1'],
      ['--preset', 'gcp-e2-micro', '--state-backend', 'forst'],
      ['--preset', 'gcp-e2-micro', '--flink-version', '1.17'],
      ['--preset', 'gcp-e2-micro', '--memory', '2g'],
      ['--memory', '2000'],
      [],
      ['--preset', 'gcp-e2-micro', '-D', 'taskmanager.numberOfTaskSlots=4'],
    ]) {
      const r = cli([...args, '--stdout']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^flinkfit: /);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(cli(['--preset', 'gcp-e2-mikro', '--stdout']).stderr).toContain('gcp-e2-micro');
  });

  it('exits 2, without a stack trace, when --out is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-out-file-'));
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'keep me');
    const r = cli(['--preset', 'gcp-e2-micro', '--out', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`flinkfit: cannot write ${file}: is a file, not a directory; nothing was written\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    rmSync(dir, { recursive: true, force: true });
  });
});
