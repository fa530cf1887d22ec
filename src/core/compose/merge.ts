// Merging one Compose model into another, per the Compose Specification's merge rules
// (compose-spec merge.md; compose-go override/merge.go and override/uncity.go):
// - mappings merge key by key, recursively; a scalar in the later file replaces the earlier one;
// - sequences are appended, then made unique where Compose indexes them: `environment`, `labels`,
//   `build.args`… by key (the later value at the earlier position), `volumes` by target,
//   `env_file` by path, `ports`, `expose`, `profiles`, `dns`… by value;
// - `command`, `entrypoint` and `healthcheck.test` are replaced, never appended;
// - `build: path` merges as `build: { context: path }`; `depends_on` and `networks` written as
//   lists merge as mappings; `logging` with another driver is replaced;
// - a value tagged `!reset` removes what earlier files set, `!override` replaces it whole.
// Both inputs are left untouched; the result shares unchanged subtrees with them.

import type { CEntry, CMap, CNode, CScalar, CSeq } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';
import { composeTag } from './yaml.js';

export class MergeError extends Error {
  constructor(
    message: string,
    readonly node: CNode,
  ) {
    super(message);
  }
}

type Rule = 'replace' | 'build' | 'byKey' | 'asMapping' | 'uniqueValues' | 'byTarget' | 'byPath' | 'logging';

/** Rules by path under a service (`*` = any key). */
const SERVICE_RULES: Array<[string, Rule]> = [
  ['command', 'replace'],
  ['entrypoint', 'replace'],
  ['healthcheck.test', 'replace'],
  ['build', 'build'],
  ['build.args', 'byKey'],
  ['build.labels', 'byKey'],
  ['build.additional_contexts', 'byKey'],
  ['build.extra_hosts', 'uniqueValues'],
  ['environment', 'byKey'],
  ['labels', 'byKey'],
  ['annotations', 'byKey'],
  ['sysctls', 'byKey'],
  ['deploy.labels', 'byKey'],
  ['depends_on', 'asMapping'],
  ['networks', 'asMapping'],
  ['models', 'asMapping'],
  ['volumes', 'byTarget'],
  ['env_file', 'byPath'],
  ['logging', 'logging'],
  ['extra_hosts', 'uniqueValues'],
  ['ports', 'uniqueValues'],
  ['expose', 'uniqueValues'],
  ['profiles', 'uniqueValues'],
  ['dns', 'uniqueValues'],
  ['dns_opt', 'uniqueValues'],
  ['dns_search', 'uniqueValues'],
  ['cap_add', 'uniqueValues'],
  ['cap_drop', 'uniqueValues'],
  ['links', 'uniqueValues'],
  ['tmpfs', 'uniqueValues'],
];

function ruleFor(path: readonly string[]): Rule | undefined {
  if (path.length < 3 || path[0] !== 'services') return undefined;
  const sub = path.slice(2).join('.');
  return SERVICE_RULES.find(([p]) => p === sub)?.[1];
}

/** Merge `over` (a later file, or the extending service) onto `base`. `path` names where they stand. */
export function mergeNode(base: CNode | undefined, over: CNode, path: readonly string[]): CNode {
  if (base === undefined || composeTag(over) === 'override') return withoutResets(over);
  const rule = ruleFor(path);
  switch (rule) {
    case 'replace':
      return over;
    case 'build':
      return mergeMaps(asBuildMap(base), asBuildMap(over), path);
    case 'byKey':
      return mergeByKey(base, over, path);
    case 'asMapping':
      return mergeMaps(listAsMap(base), listAsMap(over), path);
    case 'byTarget':
      return uniqueBy(append(base, over, path), (n) => scalarText(isMapNode(n) ? n.entries.get('target')?.value : n));
    case 'byPath':
      return uniqueBy(append(base, over, path), (n) => scalarText(isMapNode(n) ? n.entries.get('path')?.value : n));
    case 'uniqueValues':
      return uniqueBy(append(base, over, path), (n) => (n.kind === 'scalar' ? scalarText(n) : null));
    case 'logging': {
      const d1 = scalarText(isMapNode(base) ? base.entries.get('driver')?.value : undefined);
      const d2 = scalarText(isMapNode(over) ? over.entries.get('driver')?.value : undefined);
      if (d1 !== null && d2 !== null && d1 !== d2) return over;
      break;
    }
    default:
      break;
  }
  if (over.kind === 'scalar' && over.value === null && base.kind !== 'scalar') return base;
  if (base.kind === 'map') {
    if (over.kind !== 'map') throw new MergeError(`cannot override ${path.join('.')}: a mapping cannot be replaced by a ${over.kind === 'seq' ? 'list' : 'value'}`, over);
    return mergeMaps(base, over, path);
  }
  if (base.kind === 'seq') {
    if (over.kind !== 'seq') throw new MergeError(`cannot override ${path.join('.')}: a list cannot be replaced by a ${over.kind === 'map' ? 'mapping' : 'value'}`, over);
    return append(base, over, path);
  }
  return over;
}

/** Key-by-key merge; `!reset` on a value removes the key. */
export function mergeMaps(base: CMap, over: CMap, path: readonly string[]): CMap {
  const out: CMap = { kind: 'map', entries: new Map(base.entries), loc: base.loc };
  for (const [k, e] of over.entries) {
    if (composeTag(e.value) === 'reset') {
      out.entries.delete(k);
      continue;
    }
    const prev = out.entries.get(k);
    out.entries.set(k, prev === undefined ? { key: e.key, value: withoutResets(e.value) } : { key: prev.key, value: mergeNode(prev.value, e.value, [...path, k]) });
  }
  return out;
}

function append(base: CNode, over: CNode, path: readonly string[]): CSeq {
  const b = asSeq(base, path);
  const o = asSeq(over, path);
  return { kind: 'seq', items: [...b.items, ...o.items], loc: b.loc };
}

function asSeq(n: CNode, path: readonly string[]): CSeq {
  if (n.kind === 'seq') return n;
  if (n.kind === 'scalar' && n.value === null) return { kind: 'seq', items: [], loc: n.loc };
  if (n.kind === 'scalar') return { kind: 'seq', items: [n], loc: n.loc };
  throw new MergeError(`cannot merge ${path.join('.')}: expected a list`, n);
}

/** Keep the first position of each key with the last value (compose-go EnforceUnicity). */
function uniqueBy(seq: CSeq, key: (n: CNode) => string | null): CSeq {
  const items: CNode[] = [];
  const at = new Map<string, number>();
  for (const item of seq.items) {
    const k = key(item);
    const i = k === null ? undefined : at.get(k);
    if (i !== undefined) items[i] = item;
    else {
      if (k !== null) at.set(k, items.length);
      items.push(item);
    }
  }
  return { kind: 'seq', items, loc: seq.loc };
}

/** `environment`, `labels`, `args`…: two mappings merge by key; lists (`K=V`) are made unique by key. */
function mergeByKey(base: CNode, over: CNode, path: readonly string[]): CNode {
  if (base.kind === 'map' && over.kind === 'map') return mergeMaps(base, over, path);
  const seq = append(keyValueSeq(base), keyValueSeq(over), path);
  return uniqueBy(seq, (n) => {
    const t = scalarText(n);
    return t === null ? null : t.split('=')[0]!;
  });
}

function keyValueSeq(n: CNode): CNode {
  if (n.kind !== 'map') return n;
  const items: CScalar[] = [...n.entries]
    .map(([k, e]): CScalar => {
      const v = scalarText(e.value);
      return { kind: 'scalar', value: v === null ? k : `${k}=${v}`, loc: e.value.loc };
    })
    .sort((a, b) => String(a.value).localeCompare(String(b.value)));
  return { kind: 'seq', items, loc: n.loc };
}

function asBuildMap(n: CNode): CMap {
  if (n.kind === 'map') return n;
  return { kind: 'map', entries: new Map([['context', { key: n.loc, value: n }]]), loc: n.loc };
}

/** `[a, b]` → `{a: null, b: null}` (depends_on, networks). */
function listAsMap(n: CNode): CMap {
  if (isMapNode(n)) return n;
  const out: CMap = { kind: 'map', entries: new Map(), loc: n.loc };
  if (isSeqNode(n)) {
    for (const item of n.items) {
      const k = scalarText(item);
      if (k !== null) out.entries.set(k, { key: item.loc, value: { kind: 'scalar', value: null, loc: item.loc } });
    }
  }
  return out;
}

/** A value with nothing earlier to reset: `!reset` entries inside it are dropped (compose-go reset.go). */
function withoutResets(n: CNode): CNode {
  if (n.kind === 'map') {
    let changed = false;
    const entries = new Map<string, CEntry>();
    for (const [k, e] of n.entries) {
      if (composeTag(e.value) === 'reset') {
        changed = true;
        continue;
      }
      const v = withoutResets(e.value);
      if (v !== e.value) changed = true;
      entries.set(k, v === e.value ? e : { key: e.key, value: v });
    }
    return changed ? { kind: 'map', entries, loc: n.loc } : n;
  }
  if (n.kind === 'seq') {
    const items = n.items.filter((i) => composeTag(i) !== 'reset').map(withoutResets);
    return items.length === n.items.length && items.every((v, i) => v === n.items[i]) ? n : { kind: 'seq', items, loc: n.loc };
  }
  return n;
}
