// Reads what the user names on the command line: config files, conf directories, compose files,
// preset and project files. Only this layer touches the file system; the core gets names and texts.
//
// Limits (README.md, "Limits"): only regular files are read — a FIFO, socket or device is refused
// by its kind before it is opened, so nothing waits on a pipe or reads /dev/zero forever; a file is
// at most MAX_INPUT_BYTES (10 MiB), checked before reading and again while reading (a file that
// grows, or a /proc file that claims size 0, cannot slip past). A conf directory is read as Flink
// reads it: only the files Flink opens there; every other entry is listed by name only, never
// opened, and entries that cannot even be looked at (symlink loops, dangling links, sockets) are
// left out, as Flink leaves them.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { errnoReason } from './errors.js';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** The file names Flink opens in a conf directory (GlobalConfiguration); all others go unread. */
export const FLINK_CONF_NAMES: readonly string[] = ['config.yaml', 'flink-conf.yaml'];

export type InputRead =
  | { kind: 'file'; path: string; name: string; text: string }
  /** files: name -> text for the files Flink reads; other regular files by name with '' (never read) */
  | { kind: 'dir'; path: string; files: Record<string, string> }
  | { kind: 'error'; path: string; reason: string };

export type TextRead = { ok: true; text: string } | { ok: false; reason: string };

/** What a non-regular file is, in words, or undefined for a regular file or a directory. */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function sizeReason(bytes: number, max: number): string {
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  return `is ${bytes > max ? `larger than ${mib(max)}` : mib(bytes)}, flinkfit's limit for an input file is ${mib(max)}`;
}

/**
 * A regular file's text (UTF-8), under the size limit. Never hangs: the kind is checked with stat
 * before opening, the open is non-blocking, and the opened file is checked again (it may have been
 * swapped between the two).
 */
export function readTextFile(path: string, options: { maxBytes?: number } = {}): TextRead {
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  let fd: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, reason: 'is a directory' };
    const kind = specialKind(st);
    if (kind) return { ok: false, reason: `is ${kind}, not a regular file` };
    if (st.size > max) return { ok: false, reason: sizeReason(st.size, max) };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const fst = fstatSync(fd);
    const kindNow = fst.isDirectory() ? 'a directory' : specialKind(fst);
    if (kindNow) return { ok: false, reason: `is ${kindNow}, not a regular file` };
    // read to the limit and one byte more, whatever the size said
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(fst.size, 64 * 1024) + 1, max + 1 - total, 1024 * 1024));
      if (buf.length === 0) return { ok: false, reason: sizeReason(max + 1, max) };
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) return { ok: false, reason: sizeReason(total, max) };
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    return { ok: false, reason: errnoReason(e) };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already gone */
      }
    }
  }
}

/**
 * A conf directory as Flink sees it: the files it opens (config.yaml, flink-conf.yaml) read, every
 * other regular file by name only. An entry that cannot be looked at is skipped — unless it is one
 * of Flink's names and exists but cannot be read, which Flink would fail on too.
 */
export function readConfDir(path: string): InputRead {
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (e) {
    return { kind: 'error', path, reason: errnoReason(e) };
  }
  const files: Record<string, string> = {};
  for (const name of entries.sort()) {
    const p = join(path, name);
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      continue; // a dangling link or a loop: Flink sees no file there either
    }
    if (!st.isFile()) continue;
    if (!FLINK_CONF_NAMES.includes(name)) {
      files[name] = ''; // named in the notes about files Flink ignores; never opened
      continue;
    }
    const r = readTextFile(p);
    if (!r.ok) return { kind: 'error', path: p, reason: r.reason };
    files[name] = r.text;
  }
  return { kind: 'dir', path, files };
}

/** A file's text, or a conf directory (as Flink's --configDir sees it). */
export function readInput(path: string): InputRead {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    return { kind: 'error', path, reason: errnoReason(e) };
  }
  if (isDir) return readConfDir(path);
  const r = readTextFile(path);
  return r.ok ? { kind: 'file', path, name: basename(path), text: r.text } : { kind: 'error', path, reason: r.reason };
}
