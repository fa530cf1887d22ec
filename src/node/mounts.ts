// Reads what a compose file bind-mounts, relative to the compose file's directory, for the core.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export function mountReader(composePath: string): (source: string, kind: 'directory' | 'file') => Readonly<Record<string, string>> | string | undefined {
  const base = dirname(resolve(composePath));
  return (source, kind) => {
    const p = isAbsolute(source) ? source : join(base, source.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
    try {
      const st = statSync(p);
      if (kind === 'file') return st.isFile() ? readFileSync(p, 'utf8') : undefined;
      if (!st.isDirectory()) return undefined;
      const files: Record<string, string> = {};
      for (const e of readdirSync(p, { withFileTypes: true })) {
        if (e.isFile()) files[e.name] = readFileSync(join(p, e.name), 'utf8');
      }
      return files;
    } catch {
      return undefined;
    }
  };
}
