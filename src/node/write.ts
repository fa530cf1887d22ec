// Writes generated files into a directory the safe way: every target checked before any is
// written (nothing is replaced without --force), each file written to a temporary file in the same
// directory, flushed to disk (fsync) and renamed over its target, so a reader never sees half a file.
import { errnoReason } from './errors.js';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync, fchmodSync } from 'node:fs';
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
  | { ok: false; problem: 'exists'; file: string }
  | { ok: false; problem: 'io'; file: string; reason: string };


function exists(path: string): 'file' | 'dir' | null {
  try {
    return lstatSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

function fsyncDir(dir: string): void {
  // makes the rename durable; not every platform lets a directory be opened for this
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

/** Writes `files` under `dir` (created when missing); refuses to replace a file unless `force`. */
export function writeFiles(dir: string, files: readonly FileToWrite[], options: { force?: boolean } = {}): WriteResult {
  const targets = files.map((f) => ({ file: f, target: join(dir, ...f.path.split('/')) }));
  // the output directory, and every directory on the way to a target, must be one (or not exist yet)
  for (const { target } of targets) {
    for (let d = dirname(target); ; d = dirname(d)) {
      if (exists(d) === 'file') return { ok: false, problem: 'io', file: d, reason: 'is a file, not a directory' };
      if (d === dirname(d) || d === '.' || relative(dir, d).startsWith('..')) break;
    }
  }
  for (const { target } of targets) {
    const kind = exists(target);
    if (kind === 'dir') return { ok: false, problem: 'io', file: target, reason: 'is a directory' };
    if (kind === 'file' && options.force !== true) return { ok: false, problem: 'exists', file: target };
  }
  const written: string[] = [];
  for (const { file, target } of targets) {
    const parent = dirname(target);
    const tmp = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(parent, { recursive: true });
      const fd = openSync(tmp, 'wx', file.mode ?? 0o644);
      try {
        writeSync(fd, file.text);
        // the mode asked for, whatever the umask
        if (file.mode !== undefined) fchmodSync(fd, file.mode);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, target);
      fsyncDir(parent);
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        /* nothing was created */
      }
      return { ok: false, problem: 'io', file: target, reason: errnoReason(e) };
    }
    written.push(relative(dir, target) || target);
  }
  return { ok: true, written };
}
