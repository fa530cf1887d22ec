// Reads what the user names on the command line: config files, conf directories, compose files.
// Only this layer touches the file system; the core gets names and texts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { errnoReason } from './errors.js';

export type InputRead =
  | { kind: 'file'; path: string; name: string; text: string }
  | { kind: 'dir'; path: string; files: Record<string, string> }
  | { kind: 'error'; path: string; reason: string };


/** A file's text, or every regular file directly inside a directory (as Flink's --configDir sees it). */
export function readInput(path: string): InputRead {
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      const files: Record<string, string> = {};
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const p = join(path, entry.name);
        if (entry.isFile() || (entry.isSymbolicLink() && statSync(p).isFile())) {
          files[entry.name] = readFileSync(p, 'utf8');
        }
      }
      return { kind: 'dir', path, files };
    }
    return { kind: 'file', path, name: basename(path), text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { kind: 'error', path, reason: errnoReason(e) };
  }
}
