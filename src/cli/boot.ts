// Starts the command line from its CommonJS chunks (dist/cli/, built by scripts/bundle.mjs) with V8's
// code cache, so a start in a pre-commit hook or CI step does not parse and compile the same code
// again. Node ≥ 22.1 keeps such a cache itself (module.enableCompileCache); on older Node the chunks
// are compiled here through vm.Script, whose cachedData is the same V8 feature Node's cache uses.
//
// The cache lives in a directory of the OS temp directory that only this user can write (checked
// before use, as a planted cache would be code run by flinkfit). Each entry is keyed by the chunk's
// name, size and modification time, flinkfit's version, and Node's version, architecture and binary;
// V8 rejects data made by another V8, with other flags or for another source length, and a damaged
// file is caught by its two copies (pack/unpack); then the chunk is compiled from source as usual.
// Nothing here may stop the tool: every cache failure is silent.
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

declare const __FLINKFIT_VERSION__: string | undefined;

type Require = (id: string) => unknown;
interface Chunk {
  exports: unknown;
}

/**
 * os.tmpdir() without loading node:os (~1 ms of a start) where its answer is plain: on POSIX it is
 * TMPDIR, TMP or TEMP, else /tmp, without a trailing slash. Windows asks node:os.
 */
export function tempDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (process.platform === 'win32') return (process.getBuiltinModule('node:os') as typeof import('node:os')).tmpdir();
  let dir = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (dir.length > 1 && dir.endsWith('/')) dir = dir.slice(0, -1);
  return dir;
}

/** The cache directory, or null when there is none this user alone can write. */
export function cacheDirectory(base: string = tempDirectory()): string | null {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = join(base, `flinkfit-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return null;
    // on POSIX the directory must be ours and closed to others; Windows has no such modes
    if (uid !== null && (st.uid !== uid || (st.mode & 0o022) !== 0)) return null;
    return dir;
  } catch {
    return null;
  }
}

/**
 * V8 checks that code cache data fits its version, flags and source, but not that the bytes are
 * intact (its checksum is off in release builds), and damaged data crashes the process. Each file
 * holds the data twice and is used only when both copies agree: a torn or damaged file is compiled
 * from source instead. (Setting V8's own checksum flag would load node:v8, ~4 ms a start.)
 */
export function pack(data: Buffer): Buffer {
  return Buffer.concat([data, data]);
}

export function unpack(file: Buffer): Buffer | undefined {
  const half = file.length / 2;
  if (file.length === 0 || !Number.isInteger(half)) return undefined;
  const a = file.subarray(0, half);
  return a.equals(file.subarray(half)) ? a : undefined;
}

/** A short hex digest of a short string (FNV-1a, 32 bits): enough to tell Node builds apart in a file name. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Entries kept: every install and version of flinkfit on the machine shares the directory. */
export const CACHE_MAX_FILES = 2000;

/**
 * Keeps the directory from growing without end as versions come and go: past CACHE_MAX_FILES
 * entries the older half goes (by modification time, which is when each was written). Runs only
 * after a run wrote new entries; another install's entries are removed only by age, so two
 * versions in use do not evict each other.
 */
export function trimCache(dir: string, max = CACHE_MAX_FILES): void {
  try {
    const names = readdirSync(dir).filter((n) => n.endsWith('.v8') || n.endsWith('.tmp'));
    if (names.length <= max) return;
    const aged = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
    for (const { n } of aged.slice(0, aged.length - Math.floor(max / 2))) unlinkSync(join(dir, n));
  } catch {
    // a full directory only costs disk space
  }
}

/**
 * A loader for the CLI's chunks: `require('./x.cjs')` between chunks goes through it, anything else
 * (Node's built-ins) to Node's require. Returns the entry chunk's exports.
 */
export function loadWithCodeCache(entry: string, nodeRequire: Require, cacheDir: string | null): unknown {
  const chunks = new Map<string, Chunk>();
  const fresh: Array<{ script: Script; cacheFile: string }> = [];
  const version = typeof __FLINKFIT_VERSION__ === 'string' ? __FLINKFIT_VERSION__ : 'source';
  // another Node build of the same version (a distribution's, say) may lay out V8's data differently
  const tag = `${version}-${process.version}-${process.arch}-${shortHash(`${process.execPath}\0${process.versions.v8}`)}`;

  const load = (file: string): unknown => {
    const known = chunks.get(file);
    if (known) return known.exports;
    const fd = openSync(file, 'r');
    let source: string;
    let cacheFile: string | null = null;
    try {
      const st = fstatSync(fd);
      source = readFileSync(fd, 'utf8');
      if (cacheDir) cacheFile = join(cacheDir, `${basename(file)}-${st.size}-${Math.trunc(st.mtimeMs)}-${tag}.v8`);
    } finally {
      closeSync(fd);
    }
    let cachedData: Buffer | undefined;
    if (cacheFile) {
      try {
        cachedData = unpack(readFileSync(cacheFile));
      } catch {
        cachedData = undefined;
      }
    }
    // the same wrapper Node's CommonJS loader puts around a file (Module.wrap)
    const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
    const script = new Script(wrapped, { filename: file, cachedData });
    if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) fresh.push({ script, cacheFile });
    const chunk: Chunk = { exports: {} };
    chunks.set(file, chunk);
    const dir = dirname(file);
    // chunks name each other './name.cjs' in one directory
    const req: Require = (id) => (id.startsWith('./') ? load(dir + sep + id.slice(2)) : nodeRequire(id));
    (script.runInThisContext() as (e: unknown, r: Require, m: Chunk, f: string, d: string) => void).call(chunk.exports, chunk.exports, req, chunk, file, dir);
    return chunk.exports;
  };

  if (cacheDir) {
    // written at exit, after the run compiled the functions it used: the next start finds them compiled
    process.once('exit', () => {
      // no fsync: a file torn by a crash fails its two-copy check or V8's header check and is
      // compiled from source, and on a CI machine, where every run is a first one, ~25 fsyncs per
      // run would cost more than the cache saves
      for (const { script, cacheFile } of fresh) {
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        try {
          const fd = openSync(tmp, 'wx', 0o600);
          try {
            writeFileSync(fd, pack(script.createCachedData()));
          } finally {
            closeSync(fd);
          }
          renameSync(tmp, cacheFile);
        } catch {
          // no cache this time; leave no half-written file behind
          try {
            unlinkSync(tmp);
          } catch {
            // it was never made
          }
        }
      }
      if (fresh.length > 0) trimCache(cacheDir);
    });
  }
  return load(entry);
}

/** Runs dist/cli/main.cjs, with Node's own compile cache where there is one, else with ours. */
export function boot(cliDir: string, nodeRequire: Require): void {
  const entry = join(cliDir, 'main.cjs');
  const disabled = process.env.NODE_DISABLE_COMPILE_CACHE !== undefined || process.env.FLINKFIT_NO_COMPILE_CACHE !== undefined;
  // module.enableCompileCache arrived in Node 22.1; on older Node, node:module is not loaded for nothing
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const mod = major > 22 || (major === 22 && minor >= 1) ? (nodeRequire('node:module') as { enableCompileCache?: () => unknown }) : {};
  if (typeof mod.enableCompileCache === 'function') {
    try {
      if (!disabled) mod.enableCompileCache();
    } catch {
      // no cache: start as usual
    }
    nodeRequire(entry);
    return;
  }
  const dir = disabled ? null : cacheDirectory();
  loadWithCodeCache(entry, nodeRequire, dir);
}
