// Writes generated files into a directory so that, whatever happens — a full disk, the process
// killed at any step, another run writing into the same directory — each target is absent, the old
// file or the complete new one:
// 1. every target is checked first (nothing is replaced without --force);
// 2. every file is written to its own temporary file beside its target (created exclusively), each
//    write's byte count checked until all bytes are down, flushed to disk (fsync) and closed — a
//    failure here (ENOSPC…) leaves no target touched and no temporary file behind;
// 3. only then are the targets committed: with --force by rename (atomic replace); without it by
//    link(), which fails if the target appeared meanwhile, so of two concurrent runs the second
//    fails cleanly instead of replacing what the first wrote; then the directory is fsynced.
// If a commit fails part-way, the message lists what was written and what was not.
import { errnoReason } from './errors.js';
import { closeSync, fchmodSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';

export interface FileToWrite {
  /** relative to the output directory, '/'-separated */
  path: string;
  text: string;
  mode?: number;
}

export type WriteResult =
  | { ok: true; written: string[] }
  /** exists: the file is there and `force` was not given; io: the file system refused */
  | { ok: false; problem: 'exists'; file: string; written: string[]; notWritten: string[] }
  | { ok: false; problem: 'io'; file: string; reason: string; written: string[]; notWritten: string[] };

function kindOf(path: string): 'file' | 'dir' | null {
  try {
    return lstatSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

function fsyncDir(dir: string): void {
  // makes the renames durable; not every platform lets a directory be opened for this
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/**
 * `mkdir -p` one level at a time (Node's recursive mkdir has spun forever on some special file
 * systems, such as /proc); stops at the first refusal.
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; kindOf(d) === null; d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d || missing.length > 256) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // a concurrent run made it between the look and the mkdir: a directory there is what we want
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || kindOf(d) !== 'dir') throw e;
    }
  }
}

/** Writes all of `text` to `fd`, checking every byte count (a short write is continued, none is an error). */
function writeAll(fd: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < data.length) {
    const n = writeSync(fd, data, done, data.length - done);
    if (!(n > 0)) throw Object.assign(new Error('the file system accepted no bytes'), { code: 'EIO' });
    done += n;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/** Writes `files` under `dir` (created when missing); refuses to replace a file unless `force`. */
export function writeFiles(dir: string, files: readonly FileToWrite[], options: { force?: boolean } = {}): WriteResult {
  const targets = files.map((f) => ({ file: f, target: join(dir, ...f.path.split('/')), tmp: '' }));
  const name = (t: string): string => relative(dir, t) || t;
  const all = targets.map((t) => name(t.target));
  const failed = (problem: 'exists' | 'io', file: string, reason: string, written: string[] = []): WriteResult => {
    const notWritten = all.filter((f) => !written.includes(f));
    return problem === 'exists' ? { ok: false, problem, file, written, notWritten } : { ok: false, problem, file, reason, written, notWritten };
  };
  // the output directory, and every directory on the way to a target, must be one (or not exist yet)
  for (const { target } of targets) {
    for (let d = dirname(target); ; d = dirname(d)) {
      if (kindOf(d) === 'file') return failed('io', d, 'is a file, not a directory');
      if (d === dirname(d) || d === '.' || relative(dir, d).startsWith('..')) break;
    }
  }
  for (const { target } of targets) {
    const kind = kindOf(target);
    if (kind === 'dir') return failed('io', target, 'is a directory');
    if (kind === 'file' && options.force !== true) return failed('exists', target, 'exists');
  }

  // 2. every file complete and on disk under a temporary name
  let current = '';
  try {
    for (const t of targets) {
      current = t.target;
      const parent = dirname(t.target);
      makeDirs(parent);
      t.tmp = join(parent, `.${basename(t.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      const fd = openSync(t.tmp, 'wx', t.file.mode ?? 0o644);
      try {
        writeAll(fd, t.file.text);
        // the mode asked for, whatever the umask
        if (t.file.mode !== undefined) fchmodSync(fd, t.file.mode);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (e) {
    for (const t of targets) if (t.tmp) removeQuietly(t.tmp);
    return failed('io', current, errnoReason(e));
  }

  // 3. commit: atomic replace with --force, atomic claim without it
  const written: string[] = [];
  for (const t of targets) {
    try {
      if (options.force === true) {
        renameSync(t.tmp, t.target);
      } else {
        linkSync(t.tmp, t.target);
        removeQuietly(t.tmp);
      }
      t.tmp = '';
      written.push(name(t.target));
    } catch (e) {
      for (const u of targets) if (u.tmp) removeQuietly(u.tmp);
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return failed('exists', t.target, 'exists', written);
      return failed('io', t.target, errnoReason(e), written);
    }
  }
  for (const d of new Set(targets.map((t) => dirname(t.target)))) fsyncDir(d);
  return { ok: true, written };
}
