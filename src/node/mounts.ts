// Reads what a compose file bind-mounts, relative to the compose file's directory, for the core.
import { statSync } from 'node:fs';
import { readConfDir, readTextFile } from './inputs.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export function mountReader(composePath: string): (source: string, kind: 'directory' | 'file') => Readonly<Record<string, string>> | string | undefined {
  const base = dirname(resolve(composePath));
  return (source, kind) => {
    const p = isAbsolute(source) ? source : join(base, source.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
    try {
      const st = statSync(p);
      if (kind === 'file') {
        if (!st.isFile()) return undefined;
        const r = readTextFile(p);
        return r.ok ? r.text : undefined;
      }
      if (!st.isDirectory()) return undefined;
      // as Flink reads a mounted conf directory: its config files, the rest by name only
      const dir = readConfDir(p);
      return dir.kind === 'dir' ? dir.files : undefined;
    } catch {
      return undefined;
    }
  };
}
