// From a loaded Compose service (a located tree, already merged and interpolated) to what flinkfit
// needs of it: image or build, command and entrypoint, environment, what is mounted over the conf
// directory, replicas and memory limits — each with the file and line that set it.
import { parseImageRef } from '../docker/image.js';
import { child, isMapNode, isScalarNode, isSeqNode, scalarText, type CMap, type CNode } from './tree.js';
import type { ComposeDiagnostic, ComposeService, ConfMount, Located } from './types.js';

export interface ServiceReadContext {
  /** top-level `configs` of the project */
  configs: CMap | null;
  /** variables of the shell running compose, for `environment` entries given without a value */
  env: Readonly<Record<string, string>>;
  diagnostics: ComposeDiagnostic[];
}

const loc = <T>(value: T, n: CNode): Located<T> => ({ value, line: n.loc.line, file: n.loc.file });

export function readService(name: string, node: CMap, keyLine: { file: string; line: number }, ctx: ServiceReadContext, active = true): ComposeService {
  const base = `services.${name}`;
  const svc: ComposeService = {
    name,
    line: keyLine.line,
    file: keyLine.file,
    image: null,
    build: null,
    command: null,
    entrypoint: null,
    hostname: null,
    environment: {},
    flinkProperties: null,
    confDir: '/opt/flink/conf',
    confMounts: [],
    replicas: null,
    memLimit: null,
    profiles: [],
    dependsOn: {},
    active,
  };
  const warn = (d: Omit<ComposeDiagnostic, 'service'>) => ctx.diagnostics.push({ ...d, service: name });

  const imageNode = child(node, 'image');
  const image = scalarText(imageNode);
  if (image !== null && imageNode) svc.image = { ...parseImageRef(image), line: imageNode.loc.line, file: imageNode.loc.file, flinkLine: null, flinkVersion: null };

  const build = child(node, 'build');
  if (build !== undefined) {
    const ctxText = isMapNode(build) ? scalarText(child(build, 'context')) : scalarText(build);
    const args: Record<string, string> = {};
    const a = isMapNode(build) ? child(build, 'args') : undefined;
    if (isMapNode(a)) for (const [k, e] of a.entries) args[k] = scalarText(e.value) ?? '';
    else if (isSeqNode(a)) {
      for (const i of a.items) {
        const s = scalarText(i);
        if (s === null) continue;
        const eq = s.indexOf('=');
        if (eq > 0) args[s.slice(0, eq)] = s.slice(eq + 1);
      }
    }
    svc.build = {
      context: ctxText ?? '.',
      dockerfile: (isMapNode(build) ? scalarText(child(build, 'dockerfile')) : null) ?? 'Dockerfile',
      args,
      line: build.loc.line,
      file: build.loc.file,
    };
  }

  readEnvironment(child(node, 'environment'), svc, ctx, `${base}.environment`);
  const flinkHome = svc.environment.FLINK_HOME?.value ?? '/opt/flink';
  svc.confDir = `${flinkHome.replace(/\/+$/, '')}/conf`;
  const confDirVar = svc.environment.FLINK_CONF_DIR;
  if (confDirVar !== undefined && normalizePath(confDirVar.value) !== svc.confDir) {
    warn({
      code: 'FLINK_CONF_DIR_SET',
      severity: 'warning',
      file: confDirVar.file,
      line: confDirVar.line,
      path: `${base}.environment.FLINK_CONF_DIR`,
      message: `FLINK_CONF_DIR is ${confDirVar.value}: Flink reads its configuration there, but the entrypoint edits ${svc.confDir}`,
    });
  }

  for (const key of ['command', 'entrypoint'] as const) {
    const n = child(node, key);
    const words = commandWords(n);
    if (words !== null && n) svc[key] = loc(words, n);
  }
  const host = child(node, 'hostname');
  const hostname = scalarText(host);
  if (hostname !== null && host) svc.hostname = loc(hostname, host);

  const profiles = child(node, 'profiles');
  if (isSeqNode(profiles)) svc.profiles = profiles.items.map((i) => scalarText(i) ?? '').filter((p) => p !== '');

  const deps = child(node, 'depends_on');
  if (isSeqNode(deps)) for (const d of deps.items) svc.dependsOn[scalarText(d) ?? ''] = 'service_started';
  else if (isMapNode(deps)) for (const [k, e] of deps.entries) svc.dependsOn[k] = scalarText(child(e.value, 'condition')) ?? 'service_started';
  readVolumes(child(node, 'volumes'), svc, `${base}.volumes`, warn);
  readConfigs(child(node, 'configs'), ctx.configs, svc, `${base}.configs`, warn);
  readReplicas(node, svc, base, warn);
  readMemory(node, svc, base, warn);
  return svc;
}

/** `command`/`entrypoint`: a list, or a string split the way Compose splits it (shell words). */
function commandWords(n: CNode | undefined): string[] | null {
  if (n === undefined) return null;
  if (isSeqNode(n)) return n.items.map((i) => scalarText(i) ?? '');
  const s = scalarText(n);
  return s === null ? null : shellWords(s);
}

function readEnvironment(node: CNode | undefined, svc: ComposeService, ctx: ServiceReadContext, path: string): void {
  if (node === undefined) return;
  const set = (key: string, value: string | null, n: CNode, keyLine: number): void => {
    let v = value;
    // the loader has already taken `- KEY` from the environment Compose runs in, or dropped it
    if (v === null) v = Object.hasOwn(ctx.env, key) ? ctx.env[key]! : null;
    if (v === null) return;
    svc.environment[key] = { value: v, line: keyLine, file: n.loc.file };
    if (key === 'FLINK_PROPERTIES') {
      // a block scalar (`|`, `>`) starts its text on the next line; a plain or quoted one on this one
      const first = isScalarNode(n) ? (n.bodyLine ?? n.loc.line) : keyLine;
      svc.flinkProperties = { value: v, line: keyLine, file: n.loc.file, firstLine: first };
    }
  };
  if (isSeqNode(node)) {
    for (const item of node.items) {
      const s = scalarText(item);
      if (s === null) continue;
      const eq = s.indexOf('=');
      set(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1), item, item.loc.line);
    }
  } else if (isMapNode(node)) {
    for (const [key, e] of node.entries) set(key, scalarText(e.value), e.value, e.key.line);
  }
}

type Warn = (d: Omit<ComposeDiagnostic, 'service'>) => void;

function readVolumes(node: CNode | undefined, svc: ComposeService, path: string, warn: Warn): void {
  if (!isSeqNode(node)) return;
  node.items.forEach((item, i) => {
    let m: Omit<ConfMount, 'file'> | null = null;
    if (isMapNode(item)) {
      const f = (k: string) => scalarText(child(item, k));
      const type = f('type') ?? 'volume';
      if (type !== 'bind' && type !== 'volume') return;
      const source = f('source') ?? '';
      m = { kind: type, source, written: f('written') ?? source, target: f('target') ?? '', readOnly: f('read_only') === 'true', line: item.loc.line, from: item.loc.file };
    } else {
      const spec = scalarText(item);
      if (spec === null) return;
      const parsed = parseVolumeSpec(spec);
      if (parsed === null) return;
      m = { ...parsed, written: parsed.source, line: item.loc.line, from: item.loc.file };
    }
    addMount(svc, m, `${path}[${i}]`, warn);
  });
}

function readConfigs(node: CNode | undefined, top: CMap | null, svc: ComposeService, path: string, warn: Warn): void {
  if (!isSeqNode(node)) return;
  node.items.forEach((item, i) => {
    let name: string | null;
    let target: string | null = null;
    if (isMapNode(item)) {
      name = scalarText(child(item, 'source'));
      target = scalarText(child(item, 'target'));
    } else {
      name = scalarText(item);
    }
    if (name === null) return;
    const def = child(top, name);
    let content: string | undefined;
    let source = name;
    if (isMapNode(def)) {
      const c = child(def, 'content');
      if (c !== undefined) content = scalarText(c) ?? '';
      const f = scalarText(child(def, 'file'));
      if (f !== null) source = f;
    }
    // configs are mounted read-only, at /<name> unless a target is given
    addMount(
      svc,
      { kind: 'config', source, written: source, target: target ?? `/${name}`, readOnly: true, line: item.loc.line, from: item.loc.file, ...(content !== undefined ? { content } : {}) },
      `${path}[${i}]`,
      warn,
    );
  });
}

function addMount(svc: ComposeService, m: Omit<ConfMount, 'file'>, path: string, warn: Warn): void {
  const target = normalizePath(m.target);
  const conf = svc.confDir;
  const home = conf.slice(0, conf.lastIndexOf('/'));
  const confDirs = [conf, '/opt/bitnami/flink/conf'];
  const dir = confDirs.find((d) => target === d || (target.startsWith(d + '/') && !target.slice(d.length + 1).includes('/')));
  if (dir !== undefined && target === dir) {
    svc.confMounts.push({ ...m, target, file: null });
    if (m.kind === 'volume') {
      warn({
        code: 'CONF_VOLUME_NAMED',
        severity: 'warning',
        file: m.from,
        line: m.line,
        path,
        message: `${m.source === '' ? 'an anonymous volume' : `the volume '${m.source}'`} holds ${dir}: Docker fills it from the image once, and the entrypoint's rewrites then pile up across restarts`,
      });
    }
  } else if (dir !== undefined) {
    svc.confMounts.push({ ...m, target, file: target.slice(dir.length + 1) });
  } else if (target === home || target === home.replace(/\/[^/]*$/, '') || target === '/') {
    warn({ code: 'FLINK_HOME_MOUNTED', severity: 'warning', file: m.from, line: m.line, path, message: `${m.target} is mounted over Flink's installation, conf directory included` });
  }
}

function readReplicas(node: CMap, svc: ComposeService, base: string, warn: Warn): void {
  const rNode = child(child(node, 'deploy'), 'replicas');
  const sNode = child(node, 'scale');
  const read = (n: CNode | undefined, path: string): number | null => {
    const s = scalarText(n);
    if (s === null || !n) return null;
    if (!/^\d+$/.test(s.trim())) {
      warn({ code: 'COMPOSE_VALUE_INVALID', severity: 'error', file: n.loc.file, line: n.loc.line, path, message: `${path} must be a whole number, not '${s}'` });
      return null;
    }
    return Number(s.trim());
  };
  const replicas = read(rNode, `${base}.deploy.replicas`);
  const scale = read(sNode, `${base}.scale`);
  if (replicas !== null && rNode) svc.replicas = { ...loc(replicas, rNode), from: 'deploy.replicas' };
  else if (scale !== null && sNode) svc.replicas = { ...loc(scale, sNode), from: 'scale' };
  if (replicas !== null && scale !== null && replicas !== scale && sNode) {
    warn({
      code: 'REPLICAS_CONFLICT',
      severity: 'error',
      file: sNode.loc.file,
      line: sNode.loc.line,
      path: `${base}.scale`,
      message: `service ${svc.name} sets scale: ${scale} and deploy.replicas: ${replicas}; Compose refuses different values`,
    });
  }
}

function readMemory(node: CMap, svc: ComposeService, base: string, warn: Warn): void {
  const dNode = child(child(child(child(node, 'deploy'), 'resources'), 'limits'), 'memory');
  const mNode = child(node, 'mem_limit');
  const read = (n: CNode | undefined, path: string): { bytes: bigint; text: string } | null => {
    const s = scalarText(n);
    if (s === null || !n) return null;
    const bytes = parseComposeBytes(s);
    if (bytes === null) {
      warn({ code: 'COMPOSE_VALUE_INVALID', severity: 'error', file: n.loc.file, line: n.loc.line, path, message: `${path} '${s}' is not a size Compose accepts (e.g. 512m, 2g, 1073741824)` });
      return null;
    }
    return { bytes, text: s };
  };
  const d = read(dNode, `${base}.deploy.resources.limits.memory`);
  const m = read(mNode, `${base}.mem_limit`);
  if (d !== null && dNode) svc.memLimit = { ...loc(d.bytes, dNode), text: d.text, from: 'deploy.resources.limits.memory' };
  else if (m !== null && mNode) svc.memLimit = { ...loc(m.bytes, mNode), text: m.text, from: 'mem_limit' };
  if (d !== null && m !== null && d.bytes !== m.bytes && mNode) {
    warn({
      code: 'MEM_LIMIT_CONFLICT',
      severity: 'error',
      file: mNode.loc.file,
      line: mNode.loc.line,
      path: `${base}.mem_limit`,
      message: `service ${svc.name} sets mem_limit: ${m.text} and deploy.resources.limits.memory: ${d.text}; Compose refuses different values`,
    });
  }
}

export function normalizePath(p: string): string {
  const s = p.replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return s.length > 1 ? s.replace(/\/$/, '') : s;
}

/** Short volume syntax `[SOURCE:]TARGET[:MODE]`; SOURCE is a path (bind) or a volume name. */
export function parseVolumeSpec(spec: string): { kind: 'bind' | 'volume'; source: string; target: string; readOnly: boolean } | null {
  const parts = spec.split(':');
  // a Windows drive letter (C:\x or C:/x) belongs to the source
  if (parts.length > 1 && /^[A-Za-z]$/.test(parts[0]!) && /^[\\/]/.test(parts[1] ?? '')) {
    parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  }
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === '')) return null;
  if (parts.length === 1) return { kind: 'volume', source: '', target: parts[0]!, readOnly: false };
  const [source, target, mode] = parts as [string, string, string?];
  const readOnly = (mode ?? '').split(',').includes('ro');
  const isPath = /^[./~]/.test(source) || /^[A-Za-z]:[\\/]/.test(source) || source.includes('/');
  return { kind: isPath ? 'bind' : 'volume', source, target, readOnly };
}

/** go-units RAMInBytes, the byte syntax of `mem_limit`: 512m, 1.5g, 2GiB, 1073741824 (k = 1024). */
export function parseComposeBytes(text: string): bigint | null {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text.trim());
  if (m === null) return null;
  const num = m[1]!;
  if ((num.match(/\./g) ?? []).length > 1) return null;
  const exp = m[2] === undefined ? 0 : 'kmgtp'.indexOf(m[2].toLowerCase()) + 1;
  const mul = 1024n ** BigInt(exp);
  const [int, frac = ''] = num.split('.');
  // int64(float * multiplier): exact for the usual values; fractions truncated toward zero
  const scale = 10n ** BigInt(frac.length);
  return (BigInt(int! + frac) * mul) / scale;
}

/** Splits a command string into words like a POSIX shell (quotes and backslashes, no expansion). */
export function shellWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      cur += end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      i = end < 0 ? s.length : end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1]!)) i++;
        cur += s[i];
        i++;
      }
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
