// One form for each service attribute the lead's reader needs, as compose-go's transform.Canonical
// and paths.ResolveRelativePaths produce it (each value keeping its Loc):
// - `environment` and `build.args` as mappings (`- K=V` → K: V, `- K` → K: null until resolved);
// - `env_file` as a list of `{ path, required }` (string, list and long forms; required by default);
// - `volumes` in long form `{ type, source, target, read_only }` (`src:dst[:opts]`; a source starting
//   with `.`, `/` or `~` is a bind mount, any other a named volume; a bare `/dst` an anonymous volume;
//   the target cleaned as a path, `/tmp/` → `/tmp`);
// - `build` as a mapping with `context`;
// - relative paths (bind sources, build contexts, env files, config/secret files) made absolute
//   against the directory Compose resolves them from.

import type { CMap, CNode, CScalar, CSeq, Loc } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';
import { normalizePath, resolveComposePath } from './paths.js';
import { copyTag } from './yaml.js';

export class NormalizeError extends Error {
  constructor(
    message: string,
    readonly loc: Loc,
  ) {
    super(message);
  }
}

const str = (value: string, loc: Loc): CScalar => ({ kind: 'scalar', value, loc });
const bool = (value: boolean, loc: Loc): CScalar => ({ kind: 'scalar', value, source: String(value), loc });

function mapOf(loc: Loc, pairs: Array<[string, CNode]>): CMap {
  return { kind: 'map', entries: new Map(pairs.map(([k, v]) => [k, { key: v.loc, value: v }])), loc };
}

function withEntry(m: CMap, key: string, value: CNode | undefined): CMap {
  const entries = new Map(m.entries);
  if (value === undefined) entries.delete(key);
  else entries.set(key, { key: m.entries.get(key)?.key ?? value.loc, value });
  const out: CMap = { kind: 'map', entries, loc: m.loc };
  copyTag(m, out);
  return out;
}

/** Every service of one file's model in canonical form. */
export function canonicalModel(model: CMap): CMap {
  const services = model.entries.get('services')?.value;
  if (!isMapNode(services)) return model;
  const out: CMap = { kind: 'map', entries: new Map(), loc: services.loc };
  for (const [name, e] of services.entries) {
    out.entries.set(name, { key: e.key, value: isMapNode(e.value) ? canonicalService(e.value) : e.value });
  }
  copyTag(services, out);
  return withEntry(model, 'services', out);
}

export function canonicalService(svc: CMap): CMap {
  let out = svc;
  const env = svc.entries.get('environment')?.value;
  if (env) out = withEntry(out, 'environment', keyValueMap(env));
  const envFile = svc.entries.get('env_file')?.value;
  if (envFile) out = withEntry(out, 'env_file', envFileList(envFile));
  const vols = svc.entries.get('volumes')?.value;
  if (isSeqNode(vols)) out = withEntry(out, 'volumes', keep(vols, { kind: 'seq', items: vols.items.map(longVolume), loc: vols.loc }));
  const build = svc.entries.get('build')?.value;
  if (build && !(build.kind === 'scalar' && build.value === null)) {
    let b: CMap = isMapNode(build) ? build : mapOf(build.loc, [['context', build]]);
    const args = b.entries.get('args')?.value;
    if (args) b = withEntry(b, 'args', keyValueMap(args));
    out = withEntry(out, 'build', keep(build, b));
  }
  for (const key of ['scale'] as const) {
    const v = svc.entries.get(key)?.value;
    if (v) out = withEntry(out, key, toInt(v));
  }
  const deploy = svc.entries.get('deploy')?.value;
  const replicas = isMapNode(deploy) ? deploy.entries.get('replicas')?.value : undefined;
  if (isMapNode(deploy) && replicas) out = withEntry(out, 'deploy', withEntry(deploy, 'replicas', toInt(replicas)));
  return out;
}

function keep(from: CNode, to: CNode): CNode {
  copyTag(from, to);
  return to;
}

/** compose-go casts these strings after interpolation (loader/interpolate.go); a non-number is an error. */
function toInt(n: CNode): CNode {
  if (n.kind !== 'scalar' || typeof n.value !== 'string') return n;
  if (!/^[+-]?\d+$/.test(n.value)) throw new NormalizeError(`"${n.value}" is not an integer`, n.loc);
  return { ...n, value: Number(n.value), source: n.value };
}

function toBool(n: CNode): CNode {
  if (n.kind !== 'scalar' || typeof n.value !== 'string') return n;
  const v = n.value.toLowerCase();
  if (['true', 'y', 'yes', 'on'].includes(v)) return { ...n, value: true, source: n.value };
  if (['false', 'n', 'no', 'off'].includes(v)) return { ...n, value: false, source: n.value };
  throw new NormalizeError(`"${n.value}" is not a boolean`, n.loc);
}

/** `- K=V` / `- K` / `K: V` → a mapping of strings (null: no value given). */
function keyValueMap(n: CNode): CNode {
  if (n.kind === 'map') {
    const out: CMap = { kind: 'map', entries: new Map(), loc: n.loc };
    for (const [k, e] of n.entries) {
      const v = e.value;
      const t = v.kind === 'scalar' && v.value !== null ? scalarText(v) : null;
      out.entries.set(k, { key: e.key, value: t === null ? (v.kind === 'scalar' ? v : { kind: 'scalar', value: null, loc: v.loc }) : { ...(v as CScalar), value: t, source: undefined } });
    }
    return keep(n, out);
  }
  if (n.kind === 'seq') {
    const out: CMap = { kind: 'map', entries: new Map(), loc: n.loc };
    for (const item of n.items) {
      // `- KEY=a: b` is a mapping in YAML, not a string: Compose's schema refuses it
      if (item.kind !== 'scalar') throw new NormalizeError(`a list entry here must be a string "KEY=VALUE", not a ${item.kind === 'map' ? 'mapping (quote an entry that holds ": ")' : 'list'}`, item.loc);
      const t = scalarText(item);
      if (t === null) continue;
      const eq = t.indexOf('=');
      const k = eq < 0 ? t : t.slice(0, eq);
      out.entries.delete(k); // a later duplicate wins, as compose-go's mapping decode does
      // a block scalar keeps the line its text starts on, so findings inside the value point at their line
      const body = item.kind === 'scalar' && item.bodyLine !== undefined ? { bodyLine: item.bodyLine } : {};
      out.entries.set(k, { key: item.loc, value: eq < 0 ? { kind: 'scalar', value: null, loc: item.loc } : { ...str(t.slice(eq + 1), item.loc), ...body } });
    }
    return keep(n, out);
  }
  return n;
}

function envFileList(n: CNode): CNode {
  const items = n.kind === 'seq' ? n.items : n.kind === 'scalar' && n.value === null ? [] : [n];
  const out: CSeq = {
    kind: 'seq',
    items: items.map((item) => {
      if (isMapNode(item)) {
        const req = item.entries.get('required')?.value;
        return req ? withEntry(item, 'required', toBool(req)) : withEntry(item, 'required', bool(true, item.loc));
      }
      return mapOf(item.loc, [
        ['path', item],
        ['required', bool(true, item.loc)],
      ]);
    }),
    loc: n.loc,
  };
  return keep(n, out);
}

function longVolume(n: CNode): CNode {
  if (isMapNode(n)) {
    const ro = n.entries.get('read_only')?.value;
    let out = ro ? withEntry(n, 'read_only', toBool(ro)) : n;
    const target = out.entries.get('target')?.value;
    const t = scalarText(target);
    if (target?.kind === 'scalar' && t !== null && t !== '' && normalizePath(t) !== t) out = withEntry(out, 'target', { ...target, value: normalizePath(t), source: undefined });
    return out;
  }
  const spec = scalarText(n);
  if (spec === null) return n;
  const loc = n.loc;
  const parts = splitVolume(spec);
  if (parts === null) throw new NormalizeError(`invalid volume "${spec}"`, loc);
  const [source, target, options] = parts;
  const bind = source !== '' && /^[./~]/.test(source);
  const pairs: Array<[string, CNode]> = [['type', str(bind ? 'bind' : 'volume', loc)]];
  if (source !== '') pairs.push(['source', str(source, loc)]);
  // compose-go cleans the target (transform/volume.go cleanTarget, loader/normalize.go): `/tmp/` is `/tmp`
  pairs.push(['target', str(target === '' ? target : normalizePath(target), loc)]);
  const opts = options.split(',');
  const ro = opts.reduce<boolean | null>((acc, o) => (o === 'ro' ? true : o === 'rw' ? false : acc), null);
  if (ro !== null) pairs.push(['read_only', bool(ro, loc)]);
  return mapOf(loc, pairs);
}

/** `src:dst[:opts]`, `dst` (compose-go format/volume.go); `${…}` never split. null: invalid. */
function splitVolume(spec: string): [string, string, string] | null {
  if (spec.length === 0) return null;
  if (spec.length <= 2) return ['', spec, ''];
  const fields: string[] = [];
  let buf = '';
  let inVar = 0;
  for (let i = 0; i <= spec.length; i++) {
    const c = i < spec.length ? spec[i]! : null;
    if (c === '$' && spec[i + 1] === '{') {
      inVar++;
      buf += c;
      continue;
    }
    if (c === '}' && inVar > 0) {
      inVar--;
      buf += c;
      continue;
    }
    if (c === ':' && buf.length === 1 && /\p{L}/u.test(buf)) {
      buf += c; // a Windows drive letter
      continue;
    }
    if ((c === ':' || c === null) && inVar === 0) {
      if (buf === '') return null;
      fields.push(buf);
      buf = '';
      continue;
    }
    buf += c;
  }
  if (fields.length === 1) return ['', fields[0]!, ''];
  if (fields.length > 3) return null;
  return [fields[0]!, fields[1]!, fields[2] ?? ''];
}

/**
 * Relative paths of a model made absolute against `base` (compose-go paths/resolve.go): build
 * contexts that are not URLs, env_file paths, bind-mount sources, top-level config and secret files.
 */
export function resolveModelPaths(model: CMap, base: string, home: string | undefined): CMap {
  const abs = (n: CNode | undefined): CNode | undefined => {
    const t = scalarText(n);
    if (t === null || n === undefined || n.kind !== 'scalar') return n;
    const p = resolveComposePath(base, t, home);
    return p === t ? n : { ...n, value: p, source: undefined };
  };
  let out = model;
  const services = model.entries.get('services')?.value;
  if (isMapNode(services)) {
    const s2: CMap = { kind: 'map', entries: new Map(), loc: services.loc };
    for (const [name, e] of services.entries) {
      let svc = e.value;
      if (isMapNode(svc)) {
        const build = svc.entries.get('build')?.value;
        const ctx = isMapNode(build) ? build.entries.get('context')?.value : undefined;
        const ctxText = scalarText(ctx);
        if (isMapNode(build) && ctxText !== null && !isRemoteContext(ctxText)) svc = withEntry(svc, 'build', withEntry(build, 'context', abs(ctx)));
        const envFiles = svc.entries.get('env_file')?.value;
        if (isSeqNode(envFiles)) svc = withEntry(svc, 'env_file', keep(envFiles, { ...envFiles, items: envFiles.items.map((f) => (isMapNode(f) ? withEntry(f, 'path', abs(f.entries.get('path')?.value)) : f)) }));
        const vols = svc.entries.get('volumes')?.value;
        if (isSeqNode(vols)) {
          svc = withEntry(svc, 'volumes', keep(vols, { ...vols, items: vols.items.map((v) => (isMapNode(v) && scalarText(v.entries.get('type')?.value) === 'bind' ? withEntry(v, 'source', abs(v.entries.get('source')?.value)) : v)) }));
        }
      }
      s2.entries.set(name, { key: e.key, value: svc });
    }
    copyTag(services, s2);
    out = withEntry(out, 'services', s2);
  }
  for (const top of ['configs', 'secrets']) {
    const section = out.entries.get(top)?.value;
    if (!isMapNode(section)) continue;
    const s2: CMap = { kind: 'map', entries: new Map(), loc: section.loc };
    for (const [name, e] of section.entries) {
      const v = e.value;
      s2.entries.set(name, { key: e.key, value: isMapNode(v) && v.entries.has('file') ? withEntry(v, 'file', abs(v.entries.get('file')?.value)) : v });
    }
    out = withEntry(out, top, s2);
  }
  return out;
}

function isRemoteContext(p: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(p) || p.startsWith('git@') || p.startsWith('github.com/');
}
