// The project's files as the core's ProjectFs sees them: regular files read as UTF-8 text (up to a
// size limit), directories listed; anything else (FIFOs, devices, sockets, dangling or looping
// links) is as good as missing. Reads are cached: a compose file is read by discovery and loader.
import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, constants } from 'node:fs';
import type { ProjectFs } from '../core/project/discover.js';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export function nodeProjectFs(): ProjectFs {
  const files = new Map<string, string | undefined>();
  const dirs = new Map<string, Array<{ name: string; dir: boolean }> | undefined>();
  return {
    readFile(abs) {
      if (files.has(abs)) return files.get(abs);
      const t = readRegular(abs);
      files.set(abs, t);
      return t;
    },
    list(abs) {
      if (dirs.has(abs)) return dirs.get(abs);
      let out: Array<{ name: string; dir: boolean }> | undefined;
      try {
        if (statSync(abs).isDirectory()) {
          out = [];
          for (const e of readdirSync(abs, { withFileTypes: true })) {
            let dir = e.isDirectory();
            if (e.isSymbolicLink()) {
              try {
                dir = statSync(`${abs}/${e.name}`).isDirectory();
              } catch {
                continue;
              }
            }
            out.push({ name: e.name, dir });
          }
          out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        }
      } catch {
        out = undefined;
      }
      dirs.set(abs, out);
      return out;
    },
  };
}

function readRegular(abs: string): string | undefined {
  let fd: number | undefined;
  try {
    const st = statSync(abs);
    if (!st.isFile() || st.size > MAX_INPUT_BYTES) return undefined;
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(size, MAX_INPUT_BYTES));
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n <= 0) break;
      off += n;
    }
    return buf.subarray(0, off).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
