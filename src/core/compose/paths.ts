// POSIX path arithmetic for the Compose loader. The core never touches the file system, so it cannot
// use node:path; Compose projects on Linux and macOS use `/` paths, which is all this handles.

/** `/a/b/../c/./d` → `/a/c/d`; keeps a leading `/`, never climbs above the root. */
export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined === '' ? '.' : joined;
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/');
}

/** `p` made absolute against `base` (already absolute), normalized. */
export function resolvePath(base: string, p: string): string {
  return normalizePath(isAbsolutePath(p) ? p : `${base}/${p}`);
}

export function dirName(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : n.slice(0, i);
}

export function baseName(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

/** `file` as the user knows it: relative to `dir` when inside it, else absolute. */
export function displayPath(dir: string, file: string): string {
  const d = normalizePath(dir);
  const f = normalizePath(file);
  if (f === d) return '.';
  const prefix = d === '/' ? '/' : `${d}/`;
  return f.startsWith(prefix) ? f.slice(prefix.length) : f;
}

/**
 * A path as Compose resolves a relative path in a compose file: `~` and `~/…` from HOME, relative
 * paths against `base` (compose-go paths/resolve.go, paths/home.go).
 */
export function resolveComposePath(base: string, p: string, home: string | undefined): string {
  if ((p === '~' || p.startsWith('~/')) && home !== undefined) return normalizePath(home + p.slice(1));
  return resolvePath(base, p);
}
