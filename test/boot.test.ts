// The start-up loader (src/cli/boot.ts): the code cache it keeps must never change what flinkfit
// prints, never be read from a directory others can write, and never crash on damaged data.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDirectory, pack, shortHash, tempDirectory, trimCache, unpack } from '../src/cli/boot.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/flinkfit.cjs');
const CONF = join(ROOT, 'test/fixtures/fits-e2-micro/flink-conf.yaml');
const uid = typeof process.getuid === 'function' ? process.getuid() : null;

let scratch: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/boot.cjs'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT });
  scratch = mkdtempSync(join(tmpdir(), 'flinkfit-boot-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], tmp: string, extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tmp, NO_COLOR: '1', ...extra },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('code cache data', () => {
  it('is used only when both stored copies agree', () => {
    const data = Buffer.from('some compiled code, as V8 would make it');
    expect(unpack(pack(data))).toEqual(data);
    const damaged = pack(data);
    damaged[3]! ^= 0x40;
    expect(unpack(damaged)).toBeUndefined();
    expect(unpack(pack(data).subarray(0, 2 * data.length - 1))).toBeUndefined(); // torn
    expect(unpack(Buffer.alloc(0))).toBeUndefined();
  });

  it('is keyed by a digest that tells Node builds apart', () => {
    expect(shortHash('/usr/bin/node\u000011.3')).toMatch(/^[0-9a-f]{8}$/);
    expect(shortHash('/usr/bin/node\u000011.3')).not.toBe(shortHash('/usr/local/bin/node\u000011.3'));
  });
});

describe('the temp directory, found without node:os', () => {
  it('is what os.tmpdir() says', () => {
    const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
    try {
      for (const env of [{}, { TMPDIR: '/var/tmp/' }, { TMPDIR: '/x' }, { TMP: '/y/' }, { TEMP: '/z' }, { TMPDIR: '', TMP: '/t' }, { TMPDIR: '/' }]) {
        for (const k of ['TMPDIR', 'TMP', 'TEMP'] as const) delete process.env[k];
        Object.assign(process.env, env);
        expect(tempDirectory(process.env), JSON.stringify(env)).toBe(tmpdir());
      }
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe.skipIf(uid === null)('the cache directory', () => {
  it('is made private to this user', () => {
    const base = mkdtempSync(join(scratch, 'base-'));
    const dir = cacheDirectory(base);
    expect(dir).not.toBeNull();
    expect(statSync(dir!).mode & 0o777).toBe(0o700);
  });

  it('is refused when others can write it, or when it is not a directory', () => {
    const open = mkdtempSync(join(scratch, 'open-'));
    mkdirSync(join(open, `flinkfit-compile-cache-${uid}`));
    chmodSync(join(open, `flinkfit-compile-cache-${uid}`), 0o777);
    expect(cacheDirectory(open)).toBeNull();
    const link = mkdtempSync(join(scratch, 'link-'));
    symlinkSync(scratch, join(link, `flinkfit-compile-cache-${uid}`));
    expect(cacheDirectory(link)).toBeNull();
    const file = mkdtempSync(join(scratch, 'file-'));
    writeFileSync(join(file, `flinkfit-compile-cache-${uid}`), 'not a directory');
    expect(cacheDirectory(file)).toBeNull();
  });
});

describe('the cache directory over time', () => {
  it('keeps the newer half once it holds more than its limit', () => {
    const dir = mkdtempSync(join(scratch, 'trim-'));
    for (let i = 0; i < 30; i++) {
      const f = join(dir, `chunk-${i}.cjs-1-2-0.1.0-v20-x64-00000000.v8`);
      writeFileSync(f, 'x');
      utimesSync(f, 1_000 + i, 1_000 + i);
    }
    writeFileSync(join(dir, 'unrelated.txt'), 'kept');
    trimCache(dir, 40);
    expect(readdirSync(dir)).toHaveLength(31);
    trimCache(dir, 20);
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(11);
    expect(left).toContain('unrelated.txt');
    expect(left.filter((n) => n.endsWith('.v8')).every((n) => Number(/chunk-(\d+)/.exec(n)![1]) >= 20)).toBe(true);
  });
});

describe('the built CLI with its cache', () => {
  it('prints the same with no cache, a fresh cache and a damaged cache', { timeout: 60_000 }, () => {
    const tmp = mkdtempSync(join(scratch, 'run-'));
    const first = run(['explain', CONF], tmp);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const dir = join(tmp, `flinkfit-compile-cache-${uid ?? 'user'}`);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(1);
    expect(files.every((f) => f.endsWith('.v8'))).toBe(true); // no temporary file left behind
    if (uid !== null) for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);

    const second = run(['explain', CONF], tmp);
    expect(second).toEqual(first);

    // flip bytes in every cached file, as a damaged disk would: each must be compiled from source
    for (const f of files) {
      const b = readFileSync(join(dir, f));
      for (let i = 0; i < b.length / 2; i += 997) b[i]! ^= 0xff; // one copy: the two no longer agree
      writeFileSync(join(dir, f), b);
    }
    expect(run(['explain', CONF], tmp)).toEqual(first);
    // and the damaged files were replaced by good ones
    expect(run(['explain', CONF], tmp)).toEqual(first);
  });

  it('keeps no cache when told not to', () => {
    for (const off of [{ FLINKFIT_NO_COMPILE_CACHE: "1" }, { NODE_DISABLE_COMPILE_CACHE: "1" }] as Array<Record<string, string>>) {
      const tmp = mkdtempSync(join(scratch, 'off-'));
      expect(run(['--version'], tmp, off).code).toBe(0);
      expect(readdirSync(tmp)).toEqual([]);
    }
  });
});
