// Reads a Docker Compose file the way `docker compose` sees a Flink deployment: per service the
// image (and so the Flink release line), role, environment (FLINK_PROPERTIES), what is mounted
// over the image's conf directory, replicas and memory limits — with the YAML line of each.

import {
  type Alias,
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { FlinkLine } from '../versions.js';
import type { ConfDirMount, EntrypointInput } from './entrypoint.js';
import { flinkRepositoryKind, imageFlinkLine, parseImageRef, type ImageRef } from './image.js';

export type ComposeSeverity = 'error' | 'warning' | 'info';

export type ComposeCode =
  | 'COMPOSE_YAML_INVALID'
  | 'COMPOSE_NO_SERVICES'
  | 'COMPOSE_INTERPOLATION_INVALID'
  | 'COMPOSE_VARIABLE_REQUIRED'
  | 'COMPOSE_VARIABLE_UNSET'
  | 'COMPOSE_VALUE_INVALID'
  | 'IMAGE_NOT_FLINK'
  | 'IMAGE_ASSUMED_OFFICIAL'
  | 'IMAGE_NO_TAG'
  | 'IMAGE_LATEST'
  | 'IMAGE_VERSION_UNKNOWN'
  | 'IMAGE_LINE_UNSUPPORTED'
  | 'IMAGE_RELEASE_UNKNOWN'
  | 'ROLE_FROM_NAME'
  | 'TASKMANAGER_RPC_ADDRESS_MISSING'
  | 'ROLE_UNKNOWN'
  | 'COMMAND_MISSING'
  | 'ENTRYPOINT_OVERRIDDEN'
  | 'ENV_FROM_SHELL_UNSET'
  | 'ENV_FILE_NOT_READ'
  | 'EXTENDS_NOT_RESOLVED'
  | 'FLINK_CONF_DIR_SET'
  | 'FLINK_HOME_MOUNTED'
  | 'REPLICAS_CONFLICT'
  | 'MEM_LIMIT_CONFLICT'
  | 'CONF_VOLUME_NAMED'
  | 'CONF_MOUNT_UNREADABLE'
  | 'COMPOSE_CONFIG_IGNORED'
  | 'CONFIG_MOUNT_SINGLE_FILE'
  | 'CONFIG_MOUNT_READONLY';

/** A finding about the compose file; `path` is the YAML path, e.g. services.jm.environment. */
export interface ComposeDiagnostic {
  code: ComposeCode;
  severity: ComposeSeverity;
  message: string;
  file: string;
  line?: number;
  path?: string;
  service?: string;
  /** the Flink key concerned, if any */
  key?: string;
}

/** The Flink process a service runs: the first word of `command` for the flink image. */
export type FlinkRole = 'jobmanager' | 'taskmanager' | 'standalone-job' | 'history-server' | 'sql-gateway';

export interface Located<T> {
  value: T;
  line: number;
}

export interface ServiceImage extends ImageRef {
  line: number;
  /** the Flink release line the image runs; null when the tag does not say */
  flinkLine: FlinkLine | null;
  /** the exact release when the tag names one (`1.20.1`) */
  flinkVersion: string | null;
}

/** Something mounted at or inside the conf directory. */
export interface ConfMount {
  /** bind: a host path; volume: a named or anonymous volume; config: a compose `configs` entry */
  kind: 'bind' | 'volume' | 'config';
  /** host path (bind), volume name ('' when anonymous) or config name */
  source: string;
  target: string;
  /** null: the whole conf directory; else the file name inside it */
  file: string | null;
  readOnly: boolean;
  line: number;
  /** a config given inline (`configs: x: content: ...`) */
  content?: string;
}

export interface ComposeService {
  name: string;
  line: number;
  image: ServiceImage | null;
  role: FlinkRole | null;
  roleFrom: 'command' | 'name' | null;
  command: Located<string[]> | null;
  entrypoint: Located<string[]> | null;
  hostname: Located<string> | null;
  /** every variable the container gets from `environment` (values interpolated) */
  environment: Record<string, Located<string>>;
  /** line: where the variable is named; firstLine: where the first line of its value stands */
  flinkProperties: (Located<string> & { firstLine: number }) | null;
  envFiles: Located<string>[];
  /** the directory the image's Flink reads its configuration from */
  confDir: string;
  confMounts: ConfMount[];
  replicas: (Located<number> & { from: 'deploy.replicas' | 'scale' }) | null;
  memLimit: (Located<bigint> & { text: string; from: 'mem_limit' | 'deploy.resources.limits.memory' }) | null;
}

export type ComposeRead =
  | { ok: true; file: string; services: ComposeService[]; diagnostics: ComposeDiagnostic[] }
  | { ok: false; file: string; error: ComposeDiagnostic; diagnostics: ComposeDiagnostic[] };

export interface ComposeOptions {
  /** the file name used in messages; default docker-compose.yml */
  file?: string;
  /** variables for `${VAR}` interpolation and for `environment` entries without a value */
  env?: Readonly<Record<string, string>>;
}

class ComposeError extends Error {
  constructor(readonly diagnostic: ComposeDiagnostic) {
    super(diagnostic.message);
  }
}

/** Parses a compose file's text; never throws, errors come back as data. */
export function readCompose(text: string, opts: ComposeOptions = {}): ComposeRead {
  const file = opts.file ?? 'docker-compose.yml';
  const diagnostics: ComposeDiagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const fail = (d: Omit<ComposeDiagnostic, 'file' | 'severity'>): ComposeRead => ({
    ok: false,
    file,
    error: { ...d, file, severity: 'error' },
    diagnostics,
  });
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    return fail({
      code: 'COMPOSE_YAML_INVALID',
      line: firstError.linePos?.[0]?.line ?? lineCounter.linePos(firstError.pos[0]).line,
      message: `${file} is not valid YAML: ${firstError.message.split('\n')[0]}`,
    });
  }
  const ctx = new Reader(doc, lineCounter, file, opts.env ?? {}, diagnostics);
  try {
    const root = ctx.deref(doc.contents);
    const services = root !== null && isMap(root) ? ctx.get(root, 'services') : undefined;
    if (services === undefined || !isMap(services.node)) {
      return fail({ code: 'COMPOSE_NO_SERVICES', line: 1, message: `${file} has no 'services' mapping` });
    }
    const configs = root !== null && isMap(root) ? ctx.get(root, 'configs') : undefined;
    const result = ctx
      .entries(services.node)
      .map(([name, keyNode, node]) => ctx.service(name, keyNode, node, configs?.node ?? null));
    return { ok: true, file, services: result, diagnostics };
  } catch (e) {
    if (e instanceof ComposeError) return { ok: false, file, error: e.diagnostic, diagnostics };
    throw e;
  }
}

type Entry = [key: string, keyNode: YamlNode | null, value: YamlNode | null];

/** Walks the parsed document: aliases and `<<` merges resolved, scalars interpolated, lines kept. */
class Reader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly diagnostics: ComposeDiagnostic[],
  ) {}

  lineOf(node: YamlNode | null | undefined, fallback = 1): number {
    const at = node?.range?.[0];
    return at === undefined ? fallback : this.lines.linePos(at).line;
  }

  deref(node: unknown): YamlNode | null {
    let n = node as YamlNode | null | undefined;
    for (let guard = 0; n !== null && n !== undefined && isAlias(n) && guard < 100; guard++) {
      n = (n as Alias).resolve(this.doc) as YamlNode | undefined;
    }
    return n ?? null;
  }

  /** A mapping's entries in order, merge keys (`<<: *base`) expanded beneath the own keys. */
  entries(map: YAMLMap): Entry[] {
    const own: Entry[] = [];
    const merged: Entry[] = [];
    for (const pair of map.items as Pair<unknown, unknown>[]) {
      const keyNode = this.deref(pair.key);
      const value = this.deref(pair.value);
      if (keyNode !== null && isScalar(keyNode) && (keyNode.value === '<<' || typeof keyNode.value === 'symbol')) {
        const sources = value !== null && isSeq(value) ? value.items.map((i) => this.deref(i)) : [value];
        for (const src of sources) if (src !== null && isMap(src)) merged.push(...this.entries(src));
        continue;
      }
      const key = keyNode !== null && isScalar(keyNode) ? String(keyNode.value) : String(pair.key);
      own.push([key, keyNode, value]);
    }
    const seen = new Set(own.map(([k]) => k));
    const out = [...own];
    for (const e of merged) {
      if (!seen.has(e[0])) {
        seen.add(e[0]);
        out.push(e);
      }
    }
    return out;
  }

  get(map: YAMLMap, key: string): { keyNode: YamlNode | null; node: YamlNode | null } | undefined {
    const e = this.entries(map).find(([k]) => k === key);
    return e === undefined ? undefined : { keyNode: e[1], node: e[2] };
  }

  warn(d: Omit<ComposeDiagnostic, 'file'>): void {
    this.diagnostics.push({ ...d, file: this.file });
  }

  fail(d: Omit<ComposeDiagnostic, 'file' | 'severity'>): never {
    throw new ComposeError({ ...d, file: this.file, severity: 'error' });
  }

  /** A scalar as Compose reads it: strings interpolated, other scalars as written. */
  scalar(node: YamlNode | null, path: string, service?: string): string | null {
    if (node === null || !isScalar(node)) return null;
    const v = node.value;
    if (v === null) return null;
    if (typeof v !== 'string') return node.source ?? String(v);
    const line = this.lineOf(node);
    const r = interpolate(v, this.env);
    if (!r.ok) {
      this.fail({
        code: r.required ? 'COMPOSE_VARIABLE_REQUIRED' : 'COMPOSE_INTERPOLATION_INVALID',
        line,
        path,
        ...(service !== undefined ? { service } : {}),
        message: r.message,
      });
    }
    for (const name of new Set(r.unset)) {
      this.warn({
        code: 'COMPOSE_VARIABLE_UNSET',
        severity: 'warning',
        line,
        path,
        ...(service !== undefined ? { service } : {}),
        message: `the variable ${name} is not set; Compose substitutes an empty string (write $$ for a literal $)`,
      });
    }
    return r.value;
  }

  /** `command`/`entrypoint`: a list, or a string split the way Compose splits it (shell words). */
  words(node: YamlNode | null, path: string, service: string): string[] | null {
    if (node === null) return null;
    if (isSeq(node)) {
      return node.items.map((i, n) => this.scalar(this.deref(i), `${path}[${n}]`, service) ?? '');
    }
    const s = this.scalar(node, path, service);
    return s === null ? null : shellWords(s);
  }

  service(name: string, keyNode: YamlNode | null, node: YamlNode | null, configs: YamlNode | null): ComposeService {
    const line = this.lineOf(keyNode);
    const base = `services.${name}`;
    const svc: ComposeService = {
      name,
      line,
      image: null,
      role: null,
      roleFrom: null,
      command: null,
      entrypoint: null,
      hostname: null,
      environment: {},
      flinkProperties: null,
      envFiles: [],
      confDir: '/opt/flink/conf',
      confMounts: [],
      replicas: null,
      memLimit: null,
    };
    if (node === null || !isMap(node)) return svc;
    const field = (key: string): YamlNode | null => this.get(node, key)?.node ?? null;
    const at = (key: string): string => `${base}.${key}`;

    if (this.get(node, 'extends') !== undefined) {
      this.warn({
        code: 'EXTENDS_NOT_RESOLVED',
        severity: 'warning',
        line: this.lineOf(field('extends'), line),
        path: at('extends'),
        service: name,
        message: `service ${name} uses 'extends'; settings it would inherit are not read`,
      });
    }

    // image and Flink release line
    const imageNode = field('image');
    const image = this.scalar(imageNode, at('image'), name);
    if (image !== null) svc.image = this.image(image, this.lineOf(imageNode, line), name, at('image'));

    // environment (list or map), FLINK_PROPERTIES apart
    this.environment(field('environment'), svc, at('environment'));
    const envFile = field('env_file');
    if (envFile !== null) {
      const items = isSeq(envFile) ? envFile.items.map((i) => this.deref(i)) : [envFile];
      for (const item of items) {
        const p = item !== null && isMap(item) ? this.scalar(this.get(item, 'path')?.node ?? null, at('env_file'), name) : this.scalar(item, at('env_file'), name);
        if (p !== null) svc.envFiles.push({ value: p, line: this.lineOf(item, line) });
      }
      this.warn({
        code: 'ENV_FILE_NOT_READ',
        severity: 'info',
        line: this.lineOf(envFile, line),
        path: at('env_file'),
        service: name,
        message: `service ${name} reads variables from ${svc.envFiles.map((f) => f.value).join(', ')}; pass their contents to include them`,
      });
    }
    const flinkHome = svc.environment.FLINK_HOME?.value ?? '/opt/flink';
    svc.confDir = `${flinkHome.replace(/\/+$/, '')}/conf`;
    const confDirVar = svc.environment.FLINK_CONF_DIR;
    if (confDirVar !== undefined && normalizePath(confDirVar.value) !== svc.confDir) {
      this.warn({
        code: 'FLINK_CONF_DIR_SET',
        severity: 'warning',
        line: confDirVar.line,
        path: at('environment.FLINK_CONF_DIR'),
        service: name,
        message: `FLINK_CONF_DIR is ${confDirVar.value}: Flink reads its configuration there, but the entrypoint edits ${svc.confDir}`,
      });
    }

    // command, entrypoint, role
    const cmdNode = field('command');
    const command = this.words(cmdNode, at('command'), name);
    if (command !== null) svc.command = { value: command, line: this.lineOf(cmdNode, line) };
    const epNode = field('entrypoint');
    const entrypoint = this.words(epNode, at('entrypoint'), name);
    if (entrypoint !== null) {
      svc.entrypoint = { value: entrypoint, line: this.lineOf(epNode, line) };
      this.warn({
        code: 'ENTRYPOINT_OVERRIDDEN',
        severity: 'warning',
        line: svc.entrypoint.line,
        path: at('entrypoint'),
        service: name,
        message: `service ${name} replaces the image's entrypoint, so docker-entrypoint.sh does not prepare the configuration`,
      });
    }
    this.role(svc, at('command'));

    const hostNode = field('hostname');
    const hostname = this.scalar(hostNode, at('hostname'), name);
    if (hostname !== null) svc.hostname = { value: hostname, line: this.lineOf(hostNode, line) };

    if (
      svc.role === 'taskmanager' &&
      svc.environment.JOB_MANAGER_RPC_ADDRESS === undefined &&
      !/^\s*jobmanager\.rpc\.address\s*:/m.test(svc.flinkProperties?.value ?? '')
    ) {
      this.warn({
        code: 'TASKMANAGER_RPC_ADDRESS_MISSING',
        severity: 'warning',
        line: svc.flinkProperties?.line ?? line,
        path: at('environment'),
        service: name,
        key: 'jobmanager.rpc.address',
        message: `taskmanager ${name} sets neither JOB_MANAGER_RPC_ADDRESS nor jobmanager.rpc.address in FLINK_PROPERTIES, so the entrypoint points it at its own hostname and it cannot find the jobmanager`,
      });
    }

    this.volumes(field('volumes'), svc, at('volumes'));
    this.configs(field('configs'), configs, svc, at('configs'));
    this.replicas(node, svc, base);
    this.memory(node, svc, base);
    return svc;
  }

  image(ref: string, line: number, service: string, path: string): ServiceImage {
    const parsed = parseImageRef(ref);
    const found = imageFlinkLine(parsed);
    const img: ServiceImage = { ...parsed, line, flinkLine: null, flinkVersion: null };
    const d = { line, path, service };
    if (found.kind !== 'unknown' && flinkRepositoryKind(parsed.repository) === 'assumed') {
      this.warn({
        ...d,
        code: 'IMAGE_ASSUMED_OFFICIAL',
        severity: 'info',
        message: `${ref} is taken to be a copy of the official flink image (same entrypoint and configuration)`,
      });
    }
    if (found.kind === 'line') {
      img.flinkLine = found.line;
      img.flinkVersion = found.version;
      if (!found.fromTag) {
        this.warn({
          ...d,
          code: parsed.tag === null || parsed.tag === 'latest' ? 'IMAGE_LATEST' : 'IMAGE_NO_TAG',
          severity: 'warning',
          message: `${ref} runs whatever Flink release is newest when the image is pulled; assuming Flink ${found.line} (pin a version such as flink:${found.line})`,
        });
      }
    } else if (found.kind === 'unsupported' && found.newer) {
      // newer than flinkfit's table: unknown to it, not wrong
      this.warn({ ...d, code: 'IMAGE_RELEASE_UNKNOWN', severity: 'warning', message: `${ref} runs Flink ${found.version}, newer than the releases flinkfit knows; its memory model may differ (pass --flink-version to choose one flinkfit models)` });
    } else if (found.kind === 'unsupported') {
      this.warn({
        ...d,
        code: 'IMAGE_LINE_UNSUPPORTED',
        severity: 'error',
        message: `${ref} runs Flink ${found.version}, which flinkfit does not model`,
      });
    } else if (found.reason === 'not-flink') {
      this.warn({
        ...d,
        code: 'IMAGE_NOT_FLINK',
        severity: 'info',
        message: `${ref} is not the official flink image; its Flink version and entrypoint are unknown`,
      });
    } else {
      this.warn({
        ...d,
        code: 'IMAGE_VERSION_UNKNOWN',
        severity: 'warning',
        message: `the tag of ${ref} does not name a Flink version`,
      });
    }
    return img;
  }

  environment(node: YamlNode | null, svc: ComposeService, path: string): void {
    if (node === null) return;
    const set = (key: string, value: string | null, line: number, valueNode?: YamlNode | null): void => {
      let v = value;
      if (v === null) {
        // `- KEY` / `KEY:` passes the variable from the shell running compose, if it has it
        v = Object.hasOwn(this.env, key) ? this.env[key]! : null;
        if (v === null) {
          this.warn({
            code: 'ENV_FROM_SHELL_UNSET',
            severity: 'info',
            line,
            path: `${path}.${key}`,
            service: svc.name,
            message: `${key} is listed without a value and the shell has no such variable, so the container does not get it`,
          });
          return;
        }
      }
      svc.environment[key] = { value: v, line };
      if (key === 'FLINK_PROPERTIES') {
        // a block scalar (`|`, `>`) starts its text on the next line; a plain or quoted one on this one
        const type = (valueNode as { type?: string } | null | undefined)?.type;
        const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
        svc.flinkProperties = { value: v, line, firstLine: block ? this.lineOf(valueNode, line) + 1 : this.lineOf(valueNode, line) };
      }
    };
    if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const n = this.deref(item);
        const s = this.scalar(n, `${path}[${i}]`, svc.name);
        if (s === null) return;
        const eq = s.indexOf('=');
        set(eq < 0 ? s : s.slice(0, eq), eq < 0 ? null : s.slice(eq + 1), this.lineOf(n, svc.line), n);
      });
    } else if (isMap(node)) {
      for (const [key, keyNode, value] of this.entries(node)) {
        set(key, this.scalar(value, `${path}.${key}`, svc.name), this.lineOf(keyNode, svc.line), this.deref(value));
      }
    } else {
      this.fail({
        code: 'COMPOSE_VALUE_INVALID',
        line: this.lineOf(node),
        path,
        service: svc.name,
        message: `${path} must be a list of KEY=VALUE or a mapping`,
      });
    }
  }

  role(svc: ComposeService, path: string): void {
    const first = svc.command?.value[0];
    const fromCommand = first !== undefined ? roleOfWord(first, svc.entrypoint !== null) : null;
    if (fromCommand !== null) {
      svc.role = fromCommand;
      svc.roleFrom = 'command';
      return;
    }
    if (svc.command === null && svc.entrypoint === null) {
      this.warn({
        code: 'COMMAND_MISSING',
        severity: 'warning',
        line: svc.line,
        path,
        service: svc.name,
        message: `service ${svc.name} has no command; the flink image's default command only prints help and exits`,
      });
    }
    const byName = roleOfName(svc.name);
    if (byName !== null) {
      svc.role = byName;
      svc.roleFrom = 'name';
      this.warn({
        code: 'ROLE_FROM_NAME',
        severity: 'info',
        line: svc.line,
        path,
        service: svc.name,
        message: `service ${svc.name} is taken to be a ${byName} from its name`,
      });
    } else if (svc.image?.flinkLine !== null && svc.image !== null) {
      this.warn({
        code: 'ROLE_UNKNOWN',
        severity: 'info',
        line: svc.command?.line ?? svc.line,
        path,
        service: svc.name,
        message: `service ${svc.name} runs the flink image, but neither its command nor its name says whether it is a jobmanager or a taskmanager`,
      });
    }
  }

  volumes(node: YamlNode | null, svc: ComposeService, path: string): void {
    if (node === null || !isSeq(node)) return;
    node.items.forEach((item, i) => {
      const n = this.deref(item);
      const line = this.lineOf(n, svc.line);
      const p = `${path}[${i}]`;
      let kind: 'bind' | 'volume' | null = null;
      let source = '';
      let target = '';
      let readOnly = false;
      if (n !== null && isMap(n)) {
        const f = (k: string): string | null => this.scalar(this.get(n, k)?.node ?? null, `${p}.${k}`, svc.name);
        const type = f('type') ?? 'volume';
        if (type !== 'bind' && type !== 'volume') return;
        kind = type;
        source = f('source') ?? '';
        target = f('target') ?? '';
        readOnly = f('read_only') === 'true';
      } else {
        const spec = this.scalar(n, p, svc.name);
        if (spec === null) return;
        const parsed = parseVolumeSpec(spec);
        if (parsed === null) {
          this.fail({ code: 'COMPOSE_VALUE_INVALID', line, path: p, service: svc.name, message: `invalid volume '${spec}'` });
        }
        ({ kind, source, target, readOnly } = parsed);
      }
      this.addMount(svc, { kind, source, target, readOnly, line }, p);
    });
  }

  configs(node: YamlNode | null, top: YamlNode | null, svc: ComposeService, path: string): void {
    if (node === null || !isSeq(node)) return;
    node.items.forEach((item, i) => {
      const n = this.deref(item);
      const p = `${path}[${i}]`;
      const line = this.lineOf(n, svc.line);
      let name: string | null;
      let target: string | null = null;
      if (n !== null && isMap(n)) {
        name = this.scalar(this.get(n, 'source')?.node ?? null, `${p}.source`, svc.name);
        target = this.scalar(this.get(n, 'target')?.node ?? null, `${p}.target`, svc.name);
      } else {
        name = this.scalar(n, p, svc.name);
      }
      if (name === null) return;
      const def = top !== null && isMap(top) ? this.get(top, name)?.node ?? null : null;
      let content: string | undefined;
      let source = name;
      if (def !== null && isMap(def)) {
        const c = this.get(def, 'content');
        if (c !== undefined) content = this.scalar(c.node, `configs.${name}.content`) ?? '';
        const f = this.get(def, 'file');
        if (f !== undefined) source = this.scalar(f.node, `configs.${name}.file`) ?? name;
      }
      // configs are mounted read-only, at /<name> unless a target is given
      this.addMount(
        svc,
        { kind: 'config', source, target: target ?? `/${name}`, readOnly: true, line, ...(content !== undefined ? { content } : {}) },
        p,
      );
    });
  }

  addMount(svc: ComposeService, m: Omit<ConfMount, 'file'>, path: string): void {
    const target = normalizePath(m.target);
    const conf = svc.confDir;
    const home = conf.slice(0, conf.lastIndexOf('/'));
    if (target === conf) {
      svc.confMounts.push({ ...m, target, file: null });
      if (m.kind === 'volume') {
        this.warn({
          code: 'CONF_VOLUME_NAMED',
          severity: 'warning',
          line: m.line,
          path,
          service: svc.name,
          message: `${m.source === '' ? 'an anonymous' : `the volume '${m.source}'`} holds ${conf}: Docker fills it from the image once, and the entrypoint's rewrites then pile up across restarts`,
        });
      }
    } else if (target.startsWith(conf + '/') && !target.slice(conf.length + 1).includes('/')) {
      svc.confMounts.push({ ...m, target, file: target.slice(conf.length + 1) });
    } else if (target === home || target === home.replace(/\/[^/]*$/, '') || target === '/') {
      this.warn({
        code: 'FLINK_HOME_MOUNTED',
        severity: 'warning',
        line: m.line,
        path,
        service: svc.name,
        message: `${m.target} is mounted over Flink's installation, conf directory included`,
      });
    }
  }

  replicas(node: YAMLMap, svc: ComposeService, base: string): void {
    const deploy = this.get(node, 'deploy')?.node ?? null;
    const rNode = deploy !== null && isMap(deploy) ? this.get(deploy, 'replicas')?.node ?? null : null;
    const sNode = this.get(node, 'scale')?.node ?? null;
    const read = (n: YamlNode | null, path: string): number | null => {
      const s = this.scalar(n, path, svc.name);
      if (s === null) return null;
      if (!/^\d+$/.test(s.trim())) {
        this.fail({ code: 'COMPOSE_VALUE_INVALID', line: this.lineOf(n), path, service: svc.name, message: `${path} must be a whole number, not '${s}'` });
      }
      return Number(s.trim());
    };
    const replicas = read(rNode, `${base}.deploy.replicas`);
    const scale = read(sNode, `${base}.scale`);
    if (replicas !== null) svc.replicas = { value: replicas, line: this.lineOf(rNode), from: 'deploy.replicas' };
    else if (scale !== null) svc.replicas = { value: scale, line: this.lineOf(sNode), from: 'scale' };
    if (replicas !== null && scale !== null && replicas !== scale) {
      this.warn({
        code: 'REPLICAS_CONFLICT',
        severity: 'error',
        line: this.lineOf(sNode),
        path: `${base}.scale`,
        service: svc.name,
        message: `service ${svc.name} sets scale: ${scale} and deploy.replicas: ${replicas}; Compose refuses different values`,
      });
    }
  }

  memory(node: YAMLMap, svc: ComposeService, base: string): void {
    const deploy = this.get(node, 'deploy')?.node ?? null;
    const resources = deploy !== null && isMap(deploy) ? this.get(deploy, 'resources')?.node ?? null : null;
    const limits = resources !== null && isMap(resources) ? this.get(resources, 'limits')?.node ?? null : null;
    const dNode = limits !== null && isMap(limits) ? this.get(limits, 'memory')?.node ?? null : null;
    const mNode = this.get(node, 'mem_limit')?.node ?? null;
    const read = (n: YamlNode | null, path: string): { bytes: bigint; text: string } | null => {
      const s = this.scalar(n, path, svc.name);
      if (s === null) return null;
      const bytes = parseComposeBytes(s);
      if (bytes === null) {
        this.fail({
          code: 'COMPOSE_VALUE_INVALID',
          line: this.lineOf(n),
          path,
          service: svc.name,
          message: `${path} '${s}' is not a size Compose accepts (e.g. 512m, 2g, 1073741824)`,
        });
      }
      return { bytes, text: s };
    };
    const d = read(dNode, `${base}.deploy.resources.limits.memory`);
    const m = read(mNode, `${base}.mem_limit`);
    if (d !== null) svc.memLimit = { value: d.bytes, text: d.text, line: this.lineOf(dNode), from: 'deploy.resources.limits.memory' };
    else if (m !== null) svc.memLimit = { value: m.bytes, text: m.text, line: this.lineOf(mNode), from: 'mem_limit' };
    if (d !== null && m !== null && d.bytes !== m.bytes) {
      this.warn({
        code: 'MEM_LIMIT_CONFLICT',
        severity: 'error',
        line: this.lineOf(mNode),
        path: `${base}.mem_limit`,
        service: svc.name,
        message: `service ${svc.name} sets mem_limit: ${m.text} and deploy.resources.limits.memory: ${d.text}; Compose refuses different values`,
      });
    }
  }
}

function roleOfWord(word: string, customEntrypoint: boolean): FlinkRole | null {
  const w = customEntrypoint ? word.replace(/^.*\//, '').replace(/\.sh$/, '') : word;
  const roles: FlinkRole[] = ['jobmanager', 'taskmanager', 'standalone-job', 'history-server', 'sql-gateway'];
  if ((roles as string[]).includes(w)) return w as FlinkRole;
  if (w === 'historyserver') return 'history-server';
  return null;
}

function roleOfName(name: string): FlinkRole | null {
  const n = name.toLowerCase();
  if (/job-?manager|(^|[^a-z])jm([^a-z]|$)/.test(n)) return 'jobmanager';
  if (/task-?manager|(^|[^a-z])tm([^a-z]|$)|worker/.test(n)) return 'taskmanager';
  return null;
}

function normalizePath(p: string): string {
  const s = p.replace(/\/+/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return s.length > 1 ? s.replace(/\/$/, '') : s;
}

/** Short volume syntax `[SOURCE:]TARGET[:MODE]`; SOURCE is a path (bind) or a volume name. */
export function parseVolumeSpec(
  spec: string,
): { kind: 'bind' | 'volume'; source: string; target: string; readOnly: boolean } | null {
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

export type Interpolation =
  | { ok: true; value: string; unset: string[] }
  | { ok: false; message: string; required: boolean };

const VAR_NAME = /^[_A-Za-z][_A-Za-z0-9]*/;

/**
 * Compose's `$` interpolation: `$$` is a literal `$`; `$VAR` and `${VAR}`; `${VAR:-default}` /
 * `${VAR-default}` (unset-or-empty / unset), `${VAR:+alt}` / `${VAR+alt}`, `${VAR:?err}` /
 * `${VAR?err}`, nested in defaults. Unset variables become empty strings (reported).
 */
export function interpolate(text: string, env: Readonly<Record<string, string>>): Interpolation {
  const unset: string[] = [];
  const lookup = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name] : undefined);
  const run = (s: string): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '$') {
        out += c;
        continue;
      }
      const next = s[i + 1];
      if (next === '$') {
        out += '$';
        i++;
      } else if (next === '{') {
        const close = matchingBrace(s, i + 1);
        if (close < 0) throw new InterpolationError(`invalid interpolation format in "${text}": an unclosed \${`, false);
        out += braced(s.slice(i + 2, close));
        i = close;
      } else {
        const m = VAR_NAME.exec(s.slice(i + 1));
        if (m === null) {
          out += '$';
          continue;
        }
        const v = lookup(m[0]);
        if (v === undefined) unset.push(m[0]);
        out += v ?? '';
        i += m[0].length;
      }
    }
    return out;
  };
  const braced = (inner: string): string => {
    const m = VAR_NAME.exec(inner);
    if (m === null) throw new InterpolationError(`invalid interpolation format in "${text}": \${${inner}}`, false);
    const name = m[0];
    const rest = inner.slice(name.length);
    const v = lookup(name);
    if (rest === '') {
      if (v === undefined) unset.push(name);
      return v ?? '';
    }
    const op = /^(:?[-+?])/.exec(rest)?.[1];
    if (op === undefined) throw new InterpolationError(`invalid interpolation format in "${text}": \${${inner}}`, false);
    const arg = rest.slice(op.length);
    const missing = op.startsWith(':') ? v === undefined || v === '' : v === undefined;
    switch (op.replace(':', '')) {
      case '-':
        return missing ? run(arg) : v!;
      case '+':
        return missing ? '' : run(arg);
      default:
        if (missing) {
          throw new InterpolationError(`required variable ${name} is missing a value${arg !== '' ? `: ${run(arg)}` : ''}`, true);
        }
        return v!;
    }
  };
  try {
    return { ok: true, value: run(text), unset };
  } catch (e) {
    if (e instanceof InterpolationError) return { ok: false, message: e.message, required: e.required };
    throw e;
  }
}

class InterpolationError extends Error {
  constructor(
    message: string,
    readonly required: boolean,
  ) {
    super(message);
  }
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{' && s[i - 1] === '$') depth++;
    else if (s[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// From a service to the conf directory its container starts with
// ---------------------------------------------------------------------------------------------

export interface MountSources {
  /** the image's own conf directory (file name -> text), e.g. shared/image-conf/<line>/ */
  imageConf: Readonly<Record<string, string>>;
  /**
   * The contents of a bind-mounted host path, as given in the compose file: for a directory
   * mount a map of its files, for a single-file mount the text; undefined when unknown.
   */
  read(source: string, kind: 'directory' | 'file'): Readonly<Record<string, string>> | string | undefined;
}

export interface ServiceConfDir {
  files: Record<string, string>;
  mount: ConfDirMount;
  diagnostics: ComposeDiagnostic[];
}

/**
 * The conf directory a service's container starts with: the image's, replaced by a directory
 * mount, with single files mounted over it. Mount modes decide what the entrypoint may rewrite.
 */
export function serviceConfDir(svc: ComposeService, sources: MountSources, file = 'docker-compose.yml'): ServiceConfDir {
  let files: Record<string, string> = { ...sources.imageConf };
  const mount: { readOnlyDir?: boolean; fileMounts?: Record<string, { readOnly: boolean }> } = {};
  const diagnostics: ComposeDiagnostic[] = [];
  const d = (x: Omit<ComposeDiagnostic, 'file' | 'service'>): void => {
    diagnostics.push({ ...x, file, service: svc.name });
  };
  // a directory mount hides the image's files; file mounts then sit on top (Docker orders by depth)
  const ordered = [...svc.confMounts].sort((a, b) => (a.file === null ? 0 : 1) - (b.file === null ? 0 : 1));
  for (const m of ordered) {
    if (m.file === null) {
      mount.readOnlyDir = m.readOnly;
      if (m.kind === 'bind') {
        const got = sources.read(m.source, 'directory');
        if (got === undefined || typeof got === 'string') {
          d({
            code: 'CONF_MOUNT_UNREADABLE',
            severity: 'error',
            line: m.line,
            message: `the contents of ${m.source}, mounted at ${m.target}, are not known`,
          });
          files = {};
        } else {
          files = { ...got };
        }
      }
      // named and anonymous volumes start as a copy of the image's directory
    } else {
      const got = m.content ?? sources.read(m.source, 'file');
      if (got === undefined || typeof got !== 'string') {
        d({
          code: 'CONF_MOUNT_UNREADABLE',
          severity: 'error',
          line: m.line,
          message: `the contents of ${m.source}, mounted at ${m.target}, are not known`,
        });
        continue;
      }
      files[m.file] = got;
      (mount.fileMounts ??= {})[m.file] = { readOnly: m.readOnly };
    }
    // the entrypoint writes the whole directory's config file; other files (log4j…) may be read-only
    if (m.readOnly && m.kind !== 'config' && (m.file === null || writtenConfigFiles(svc).includes(m.file))) {
      d({
        code: 'CONFIG_MOUNT_READONLY',
        severity: 'error',
        line: m.line,
        message: `${m.target} is mounted read-only; the entrypoint cannot write the configuration it prepares`,
      });
    }
  }
  const line = svc.image?.flinkLine ?? null;
  for (const m of svc.confMounts) {
    if (m.kind === 'bind' && !m.readOnly && (m.file === 'flink-conf.yaml' || m.file === 'config.yaml')) {
      d({
        code: 'CONFIG_MOUNT_SINGLE_FILE',
        severity: 'warning',
        line: m.line,
        message: `${m.source} is bind-mounted as a single file: the entrypoint edits it at every start${
          line === '1.18' ? ' (appending, since sed -i and mv cannot replace a mounted file)' : ''
        }, so its changes land in your source file`,
      });
    }
  }
  if (line !== null) {
    const reads = line === '1.18' ? ['flink-conf.yaml'] : line.startsWith('1.') ? ['flink-conf.yaml', 'config.yaml'] : ['config.yaml'];
    for (const m of svc.confMounts) {
      if (m.file !== null && (m.file === 'flink-conf.yaml' || m.file === 'config.yaml') && !reads.includes(m.file)) {
        d({
          code: 'COMPOSE_CONFIG_IGNORED',
          severity: 'error',
          line: m.line,
          message: `Flink ${line} does not read ${m.file}; it reads ${reads.join(' or ')}, so the mounted file is ignored and the image's configuration runs`,
        });
      }
    }
  }
  return { files, mount, diagnostics };
}

/** The config file(s) the image's entrypoint rewrites for that Flink line (both when the line is unknown). */
function writtenConfigFiles(svc: ComposeService): string[] {
  const line = svc.image?.flinkLine ?? null;
  if (line === null) return ['flink-conf.yaml', 'config.yaml'];
  if (line === '1.18') return ['flink-conf.yaml'];
  if (line.startsWith('1.')) return svc.confMounts.some((m) => m.file === 'flink-conf.yaml') ? ['flink-conf.yaml'] : ['config.yaml'];
  return ['config.yaml'];
}

/** Everything the entrypoint needs for a service, or null when the image's line is unknown. */
export function entrypointInputFor(svc: ComposeService, conf: ServiceConfDir): EntrypointInput | null {
  const flinkLine = svc.image?.flinkLine ?? null;
  if (flinkLine === null) return null;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.environment)) if (k !== 'FLINK_PROPERTIES') env[k] = v.value;
  return {
    flinkLine,
    files: conf.files,
    flinkProperties: svc.flinkProperties?.value ?? null,
    env,
    ...(svc.hostname !== null ? { hostname: svc.hostname.value } : {}),
    mount: conf.mount,
  };
}
