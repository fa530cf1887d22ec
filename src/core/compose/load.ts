// A Docker Compose project read as Docker Compose v2 (compose-go) reads it, without Docker and
// without touching the disk itself: files come through the injected ComposeFs.
//
//   loadComposeProject({ files, autoOverride, projectDir?, env, envFiles?, profiles?, fs }): LoadedProject
//
// - files: absolute compose file paths in `-f` order. autoOverride: the user named no explicit list,
//   so the override file Compose adds is added (beside the first file, the first that exists of
//   compose.override.yml, compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml).
// - projectDir: default the first file's directory. Relative paths in the main and override files
//   resolve against it; those of an `include`d file against its project_directory, those of an
//   `extends: file:` source against that file's directory.
// - env: the shell environment; it wins over the env files. envFiles: --env-file (default
//   <projectDir>/.env when it exists). Their union is the interpolation environment.
// - profiles: --profile; when empty, COMPOSE_PROFILES (comma-separated) from the environment.
// Each file is parsed (yaml.ts), interpolated (interpolate.ts), put in canonical form (normalize.ts),
// its `include`s imported and `extends` resolved, then merged over the files before it (merge.ts).
// Then each service's `env_file`s are read (dotenv.ts) beneath its `environment`.
// The result never throws: `ok` is false exactly when Compose itself would refuse the project, and
// every refusal, warning and note is in `diagnostics`.

import { loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import { checkConsistency, type ServiceForCheck } from './consistency.js';
import { parseDotenv, type EnvValue } from './dotenv.js';
import { interpolateTree } from './interpolate.js';
import { MergeError, mergeMaps, mergeNode } from './merge.js';
import { canonicalModel, NormalizeError, resolveModelPaths } from './normalize.js';
import { baseName, dirName, displayPath, resolvePath } from './paths.js';
import type { CEntry, CMap, CNode, CScalar, Loc } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';
import { parseComposeYaml } from './yaml.js';

export type { ComposeLoadDiagnostic } from './codes.js';

export interface ComposeFs {
  /** the file's text; undefined when it is missing or unreadable (or a directory) */
  readFile(absPath: string): string | undefined;
}

export interface LoadProjectOptions {
  /** absolute compose file paths in -f order */
  files: string[];
  /** true when the user named no explicit list: add the override file Compose would */
  autoOverride: boolean;
  /** default: directory of the first file */
  projectDir?: string;
  /** the shell environment (wins over .env) */
  env: Readonly<Record<string, string>>;
  /** --env-file; default: <projectDir>/.env if it exists */
  envFiles?: string[];
  /** --profile; when empty, COMPOSE_PROFILES from env/.env, as Compose does */
  profiles?: string[];
  fs: ComposeFs;
}

export interface LoadedService {
  name: string;
  /** extends resolved, override files merged, include'd files merged, interpolated, canonical form */
  node: CMap;
  /** false when its profiles are not enabled */
  active: boolean;
  profiles: string[];
  /** where the service's name stands (in the first file that defines it) */
  key?: Loc;
}

export interface LoadedProject {
  /** false only when Compose itself would refuse to load the project */
  ok: boolean;
  projectDir: string;
  /** every compose file read, in merge order (main, overrides, includes, extends sources) */
  composeFiles: string[];
  /** .env and every env_file, read or not and why */
  envFiles: Array<{ path: string; used: boolean; why?: string }>;
  services: LoadedService[];
  /** top-level configs, `file:` made absolute */
  configs: CMap | null;
  /** top-level named volumes */
  volumes: CMap | null;
  interpolationEnv: Record<string, string>;
  diagnostics: ComposeLoadDiagnostic[];
}

/** Compose's override file names, in its order of preference (compose-go cli/options.go). */
export const OVERRIDE_FILE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

/** Where a model is being loaded: the directory its relative paths resolve against, its variables. */
interface Scope {
  workingDir: string;
  env: Readonly<Record<string, string>>;
  /** files on the include chain (cycle detection) */
  included: string[];
}

class Refusal extends Error {
  constructor(readonly diagnostic: ComposeLoadDiagnostic) {
    super(diagnostic.message);
  }
}

export function loadComposeProject(opts: LoadProjectOptions): LoadedProject {
  const loader = new Loader(opts);
  try {
    return loader.run();
  } catch (e) {
    if (e instanceof Refusal) loader.diagnostics.push(e.diagnostic);
    else loader.diagnostics.push(loadDiag('COMPOSE_INVALID', `flinkfit could not read the project: ${e instanceof Error ? e.message : String(e)}`, loader.display(opts.files[0] ?? '')));
    return loader.result(null, []);
  }
}

class Loader {
  readonly diagnostics: ComposeLoadDiagnostic[] = [];
  readonly projectDir: string;
  private readonly composeFiles: string[] = [];
  private readonly envFiles: LoadedProject['envFiles'] = [];
  private interpolationEnv: Record<string, string> = {};
  private readonly warned = new Set<string>();
  private readonly home: string | undefined;

  constructor(private readonly opts: LoadProjectOptions) {
    this.projectDir = opts.projectDir ?? dirName(opts.files[0] ?? '/');
    this.home = opts.env['HOME'];
  }

  display(abs: string): string {
    return displayPath(this.projectDir, abs);
  }

  private read(abs: string): string | undefined {
    try {
      return this.opts.fs.readFile(abs);
    } catch {
      return undefined;
    }
  }

  run(): LoadedProject {
    const { opts } = this;
    if (opts.files.length === 0) throw new Refusal(loadDiag('COMPOSE_INVALID', 'no compose file given', this.display(this.projectDir)));
    const files = [...opts.files];
    if (opts.autoOverride) {
      const dir = dirName(files[0]!);
      const found = OVERRIDE_FILE_NAMES.map((n) => resolvePath(dir, n)).filter((p) => !files.includes(p) && this.read(p) !== undefined);
      if (found.length > 1) this.diagnostics.push(loadDiag('COMPOSE_OVERRIDE_MULTIPLE', `found several override files (${found.map((f) => baseName(f)).join(', ')}); Compose uses ${baseName(found[0]!)}`, this.display(found[0]!)));
      if (found.length > 0) files.push(found[0]!);
    }
    this.interpolationEnv = this.projectEnv();
    const scope: Scope = { workingDir: this.projectDir, env: this.interpolationEnv, included: [] };
    const dict = this.loadModel(files, scope);
    if (dict.entries.size === 0) throw new Refusal(loadDiag('COMPOSE_INVALID', `${this.display(files[0]!)}: empty compose file`, this.display(files[0]!)));
    return this.result(dict, this.services(dict));
  }

  result(dict: CMap | null, services: LoadedService[]): LoadedProject {
    const section = (k: string): CMap | null => {
      const v = dict?.entries.get(k)?.value;
      return isMapNode(v) ? v : null;
    };
    return {
      ok: !this.diagnostics.some((d) => d.severity === 'error'),
      projectDir: this.projectDir,
      composeFiles: this.composeFiles,
      envFiles: this.envFiles,
      services,
      configs: section('configs'),
      volumes: section('volumes'),
      interpolationEnv: this.interpolationEnv,
      diagnostics: this.diagnostics,
    };
  }

  // ---- environment -------------------------------------------------------------------------

  /** The shell environment over the project's env files (compose-go cli/options.go WithDotEnv). */
  private projectEnv(): Record<string, string> {
    const { opts } = this;
    const shell = opts.env;
    let paths: string[];
    let explicit = true;
    if (opts.envFiles !== undefined && opts.envFiles.length > 0) {
      paths = opts.envFiles.map((f) => resolvePath(this.projectDir, f));
    } else {
      explicit = false;
      const disabled = /^(1|t|true)$/i.test(shell['COMPOSE_DISABLE_ENV_FILE'] ?? '');
      paths = disabled ? [] : [resolvePath(this.projectDir, '.env')];
    }
    const vars = this.readEnvFiles(paths, (k) => shell[k], explicit);
    const env: Record<string, string> = {};
    for (const [k, v] of vars) env[k] = v.value;
    return { ...env, ...shell };
  }

  /** Read env files in order (later ones override); missing ones are errors when `required`. */
  private readEnvFiles(paths: string[], lookup: (k: string) => string | undefined, required: boolean): Map<string, EnvValue> {
    const vars = new Map<string, EnvValue>();
    for (const p of paths) {
      const text = this.read(p);
      if (text === undefined) {
        this.noteEnvFile(p, false, 'not found');
        if (required) throw new Refusal(loadDiag('COMPOSE_ENV_FILE_MISSING', `couldn't find env file: ${this.display(p)}`, this.display(p)));
        continue;
      }
      this.parseEnvText(text, p, lookup, vars);
      this.noteEnvFile(p, true);
    }
    return vars;
  }

  private parseEnvText(text: string, path: string, lookup: (k: string) => string | undefined, into: Map<string, EnvValue>): void {
    const r = parseDotenv(text, lookup, into, path);
    const file = this.display(path);
    for (const u of r.unset) {
      if (this.warned.has(u.name)) continue;
      this.warned.add(u.name);
      this.diagnostics.push(loadDiag('COMPOSE_VARIABLE_UNSET', `the variable ${u.name} is not set (${file} line ${u.line}); Compose substitutes an empty string`, file, u.line));
    }
    if (r.error) throw new Refusal(loadDiag('COMPOSE_ENV_FILE_INVALID', `failed to read ${file}: ${r.error.message}`, file, r.error.line));
  }

  private noteEnvFile(path: string, used: boolean, why?: string): void {
    if (this.envFiles.some((e) => e.path === path && e.used === used)) return;
    this.envFiles.push(why === undefined ? { path, used } : { path, used, why });
  }

  // ---- files and models --------------------------------------------------------------------

  /** Load `files` (main first, then overrides) into one model (compose-go loadYamlModel). */
  private loadModel(files: string[], scope: Scope): CMap {
    let dict: CMap = { kind: 'map', entries: new Map(), loc: { file: this.display(files[0]!), line: 1 } };
    for (const abs of files) {
      for (const doc of this.parseFile(abs, scope)) {
        let model = this.include(doc, abs, scope);
        model = this.extends(model, abs, scope);
        dict = this.merge(dict, model, abs);
      }
    }
    return resolveModelPaths(withDefaults(dict), scope.workingDir, this.home);
  }

  /** Parse, interpolate and canonicalize every document of one file. */
  private parseFile(abs: string, scope: Scope, refuseMissing = true): CMap[] {
    const file = this.display(abs);
    const text = this.read(abs);
    if (text === undefined) {
      if (!refuseMissing) return [];
      throw new Refusal(loadDiag('COMPOSE_FILE_MISSING', `${file}: no such file`, file));
    }
    if (!this.composeFiles.includes(abs)) this.composeFiles.push(abs);
    const parsed = parseComposeYaml(text, file);
    const fatal = parsed.diagnostics.find((d) => d.severity === 'error');
    this.diagnostics.push(...parsed.diagnostics.filter((d) => d !== fatal));
    if (fatal) throw new Refusal(fatal);
    return parsed.docs.map((doc) => {
      const r = interpolateTree(doc, (k) => scope.env[k], this.warned);
      const refusal = r.diagnostics.find((d) => d.severity === 'error');
      this.diagnostics.push(...r.diagnostics.filter((d) => d !== refusal));
      if (refusal) throw new Refusal(refusal);
      try {
        return canonicalModel(r.node);
      } catch (e) {
        if (e instanceof NormalizeError) throw new Refusal(loadDiag('COMPOSE_INVALID', `${e.loc.file} line ${e.loc.line}: ${e.message}`, e.loc.file, e.loc.line));
        throw e;
      }
    });
  }

  private merge(base: CMap, over: CMap, abs: string): CMap {
    try {
      return mergeMaps(base, over, []);
    } catch (e) {
      if (e instanceof MergeError) throw new Refusal(loadDiag('COMPOSE_INVALID', `${e.node.loc.file} line ${e.node.loc.line}: ${e.message}`, e.node.loc.file, e.node.loc.line));
      throw e;
    }
  }

  // ---- include -----------------------------------------------------------------------------

  /** Import each `include:` entry's resources into `model` (compose-go loader/include.go). */
  private include(model: CMap, abs: string, scope: Scope): CMap {
    const inc = model.entries.get('include');
    if (inc === undefined) return model;
    const entries = new Map(model.entries);
    entries.delete('include');
    let out: CMap = { kind: 'map', entries, loc: model.loc };
    if (!isSeqNode(inc.value)) throw new Refusal(loadDiag('COMPOSE_INVALID', '`include` must be a list', inc.key.file, inc.key.line));
    const included = [...scope.included, abs];
    for (const item of inc.value.items) {
      const spec = includeSpec(item);
      if (spec.paths.length === 0) throw new Refusal(loadDiag('COMPOSE_INVALID', 'an `include` entry needs a path', item.loc.file, item.loc.line));
      const paths = spec.paths.map((p) => resolvePath(scope.workingDir, p));
      const projectDir = spec.projectDirectory === null ? dirName(paths[0]!) : resolvePath(scope.workingDir, spec.projectDirectory);
      if (included.includes(paths[0]!)) {
        throw new Refusal(loadDiag('COMPOSE_INVALID', `include cycle detected: ${[...included, paths[0]!].map((f) => this.display(f)).join(' includes ')}`, item.loc.file, item.loc.line));
      }
      let envPaths: string[];
      if (spec.envFiles.length === 0) {
        const dflt = resolvePath(projectDir, '.env');
        envPaths = this.read(dflt) !== undefined ? [dflt] : [];
      } else {
        envPaths = spec.envFiles.filter((f) => f !== '/dev/null').map((f) => resolvePath(scope.workingDir, f));
      }
      const fromFiles = this.readEnvFiles(envPaths, (k) => scope.env[k], true);
      const env: Record<string, string> = {};
      for (const [k, v] of fromFiles) env[k] = v.value;
      // the including project's variables win over the included env files (types.Mapping.Merge)
      const imported = this.loadModel(paths, { workingDir: projectDir, env: { ...env, ...scope.env }, included });
      out = importResources(imported, out);
    }
    return out;
  }

  // ---- extends -----------------------------------------------------------------------------

  /** Resolve `extends` in every service of one file's model (compose-go loader/extends.go). */
  private extends(model: CMap, abs: string, scope: Scope): CMap {
    const services = model.entries.get('services')?.value;
    if (!isMapNode(services)) return model;
    const table = new Map(services.entries);
    for (const name of services.entries.keys()) this.extendService(name, table, abs, scope, []);
    const entries = new Map(model.entries);
    entries.set('services', { key: model.entries.get('services')!.key, value: { kind: 'map', entries: table, loc: services.loc } });
    return { kind: 'map', entries, loc: model.loc };
  }

  private readonly extendsSources = new Map<string, Map<string, CEntry>>();

  private extendService(name: string, services: Map<string, CEntry>, abs: string, scope: Scope, chain: string[]): CNode | undefined {
    const entry = services.get(name);
    if (entry === undefined) return undefined;
    const svc = entry.value;
    if (svc.kind === 'scalar' && svc.value === null) return undefined;
    if (!isMapNode(svc)) throw new Refusal(loadDiag('COMPOSE_INVALID', `services.${name} must be a mapping`, entry.key.file, entry.key.line, name));
    const ext = svc.entries.get('extends');
    if (ext === undefined) return svc;
    const ref = isMapNode(ext.value) ? scalarText(ext.value.entries.get('service')?.value) : scalarText(ext.value);
    if (ref === null) throw new Refusal(loadDiag('COMPOSE_INVALID', `extends.${name}.service is required`, ext.key.file, ext.key.line, name));
    const fileText = isMapNode(ext.value) ? scalarText(ext.value.entries.get('file')?.value) : null;
    let baseServices = services;
    let baseFile = abs;
    let baseScope = scope;
    if (fileText !== null) {
      baseFile = resolvePath(scope.workingDir, fileText);
      baseScope = { ...scope, workingDir: dirName(baseFile) };
      baseServices = this.extendsSource(baseFile, baseScope, ext);
      if (!baseServices.has(ref)) {
        throw new Refusal(loadDiag('COMPOSE_INVALID', `cannot extend service "${name}" in ${this.display(abs)}: service "${ref}" not found in ${this.display(baseFile)}`, ext.key.file, ext.key.line, name));
      }
    } else if (!services.has(ref)) {
      throw new Refusal(loadDiag('COMPOSE_INVALID', `cannot extend service "${name}" in ${this.display(abs)}: service "${ref}" not found`, ext.key.file, ext.key.line, name));
    }
    const link = `${baseFile}#${ref}`;
    if (chain.includes(link) || (baseFile === abs && ref === name)) {
      throw new Refusal(loadDiag('COMPOSE_INVALID', `extends cycle: service "${name}" extends "${ref}" which leads back to it`, ext.key.file, ext.key.line, name));
    }
    const base = this.extendService(ref, baseServices, baseFile, baseScope, [...chain, `${abs}#${name}`, link]);
    if (base === undefined || !isMapNode(base)) return svc;
    const own: CMap = { kind: 'map', entries: new Map(svc.entries), loc: svc.loc };
    own.entries.delete('extends');
    let merged: CMap;
    try {
      merged = mergeMaps(base, own, ['services', name]);
    } catch (e) {
      if (e instanceof MergeError) throw new Refusal(loadDiag('COMPOSE_INVALID', `${e.node.loc.file} line ${e.node.loc.line}: ${e.message}`, e.node.loc.file, e.node.loc.line, name));
      throw e;
    }
    merged = { ...merged, loc: svc.loc };
    services.set(name, { key: entry.key, value: merged });
    return merged;
  }

  /** The services of an `extends: file:` source: interpolated, its relative paths resolved against its own directory. */
  private extendsSource(abs: string, scope: Scope, ext: CEntry): Map<string, CEntry> {
    const cached = this.extendsSources.get(abs);
    if (cached) return cached;
    if (this.read(abs) === undefined) {
      throw new Refusal(loadDiag('COMPOSE_FILE_MISSING', `extends: cannot read ${this.display(abs)}`, ext.key.file, ext.key.line));
    }
    let model: CMap = { kind: 'map', entries: new Map(), loc: { file: this.display(abs), line: 1 } };
    for (const doc of this.parseFile(abs, scope)) model = this.merge(model, doc, abs);
    model = resolveModelPaths(model, scope.workingDir, this.home);
    const services = model.entries.get('services')?.value;
    const table = new Map(isMapNode(services) ? services.entries : []);
    this.extendsSources.set(abs, table);
    return table;
  }

  // ---- services ----------------------------------------------------------------------------

  private services(dict: CMap): LoadedService[] {
    const services = dict.entries.get('services')?.value;
    if (services === undefined || (services.kind === 'scalar' && services.value === null)) return [];
    if (!isMapNode(services)) throw new Refusal(loadDiag('COMPOSE_INVALID', 'services must be a mapping', services.loc.file, services.loc.line));
    const enabled = this.enabledProfiles();
    const out: LoadedService[] = [];
    const checked: ServiceForCheck[] = [];
    for (const [name, e] of services.entries) {
      if (!isMapNode(e.value)) {
        this.diagnostics.push(loadDiag('COMPOSE_INVALID', `services.${name} must be a mapping`, e.key.file, e.key.line, name));
        continue;
      }
      const profiles = stringList(e.value.entries.get('profiles')?.value);
      const active = profiles.length === 0 || enabled.includes('*') || profiles.some((p) => enabled.includes(p));
      const node = this.resolveBuildArgs(this.resolveEnvironment(name, e.value));
      out.push({ name, node, active, profiles, key: e.key });
      checked.push({ name, node, active, file: e.key.file, line: e.key.line });
    }
    this.diagnostics.push(...checkConsistency(dict, checked));
    return out;
  }

  /** `build.args` entries without a value take the interpolation environment's, or are dropped (compose-go loader/normalize.go). */
  private resolveBuildArgs(svc: CMap): CMap {
    const build = svc.entries.get('build');
    const args = isMapNode(build?.value) ? build.value.entries.get('args') : undefined;
    if (build === undefined || !isMapNode(build.value) || args === undefined || !isMapNode(args.value)) return svc;
    const resolved = new Map<string, CEntry>();
    for (const [k, e] of args.value.entries) {
      if (!(e.value.kind === 'scalar' && e.value.value === null)) resolved.set(k, e);
      else if (this.interpolationEnv[k] !== undefined) resolved.set(k, { key: e.key, value: { kind: 'scalar', value: this.interpolationEnv[k]!, loc: e.value.loc } });
    }
    const b = new Map(build.value.entries);
    b.set('args', { key: args.key, value: { kind: 'map', entries: resolved, loc: args.value.loc } });
    const entries = new Map(svc.entries);
    entries.set('build', { key: build.key, value: { kind: 'map', entries: b, loc: build.value.loc } });
    return { kind: 'map', entries, loc: svc.loc };
  }

  private enabledProfiles(): string[] {
    const given = this.opts.profiles ?? [];
    if (given.length > 0) return given;
    return (this.interpolationEnv['COMPOSE_PROFILES'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  }

  /**
   * `environment` resolved as compose-go's WithServicesEnvironmentResolved: `K` without a value from the
   * interpolation environment (dropped when unset), each env_file read beneath it in order (later
   * files win; their `${…}` from the project environment, then the service's), `environment` on top.
   */
  private resolveEnvironment(name: string, svc: CMap): CMap {
    const envNode = svc.entries.get('environment')?.value;
    const own = new Map<string, CEntry>();
    const unsetKeys = new Set<string>();
    if (isMapNode(envNode)) {
      for (const [k, e] of envNode.entries) {
        if (e.value.kind === 'scalar' && e.value.value === null) {
          const v = this.interpolationEnv[k];
          if (v === undefined) unsetKeys.add(k);
          else own.set(k, { key: e.key, value: { kind: 'scalar', value: v, loc: e.value.loc } });
        } else own.set(k, e);
      }
    }
    const merged = new Map<string, CEntry>();
    const envFiles = svc.entries.get('env_file')?.value;
    if (isSeqNode(envFiles)) {
      const fromFiles = new Map<string, EnvValue>();
      const lookup = (k: string): string | undefined => this.interpolationEnv[k] ?? scalarText(own.get(k)?.value) ?? undefined;
      for (const f of envFiles.items) {
        if (!isMapNode(f)) continue;
        const path = scalarText(f.entries.get('path')?.value);
        if (path === null) continue;
        const required = f.entries.get('required')?.value;
        const isRequired = !(required?.kind === 'scalar' && required.value === false);
        const text = this.read(path);
        if (text === undefined) {
          this.noteEnvFile(path, false, isRequired ? 'not found (required)' : 'not found (required: false)');
          if (isRequired) this.diagnostics.push(loadDiag('COMPOSE_ENV_FILE_MISSING', `service ${name}: env file ${this.display(path)} not found`, f.loc.file, f.loc.line, name));
          else this.diagnostics.push(loadDiag('COMPOSE_ENV_FILE_SKIPPED', `service ${name}: optional env file ${this.display(path)} not found; skipped as Compose skips it`, f.loc.file, f.loc.line, name));
          continue;
        }
        try {
          this.parseEnvText(text, path, lookup, fromFiles);
        } catch (e) {
          if (!(e instanceof Refusal)) throw e;
          this.diagnostics.push({ ...e.diagnostic, service: name });
          continue;
        }
        this.noteEnvFile(path, true);
      }
      for (const [k, v] of fromFiles) {
        const loc: Loc = { file: this.display(v.file ?? ''), line: v.line };
        merged.set(k, { key: loc, value: { kind: 'scalar', value: v.value, loc } });
      }
    }
    for (const k of unsetKeys) merged.delete(k);
    for (const [k, e] of own) merged.set(k, e);
    if (envNode === undefined && merged.size === 0) return svc;
    const entries = new Map(svc.entries);
    const loc = envNode?.loc ?? svc.loc;
    entries.set('environment', { key: svc.entries.get('environment')?.key ?? loc, value: { kind: 'map', entries: merged, loc } });
    return { kind: 'map', entries, loc: svc.loc };
  }
}

/** An `include` entry: a string, or `{ path: string | list, project_directory, env_file: string | list }`. */
function includeSpec(item: CNode): { paths: string[]; projectDirectory: string | null; envFiles: string[] } {
  if (!isMapNode(item)) return { paths: stringList(item), projectDirectory: null, envFiles: [] };
  return {
    paths: stringList(item.entries.get('path')?.value),
    projectDirectory: scalarText(item.entries.get('project_directory')?.value),
    envFiles: stringList(item.entries.get('env_file')?.value),
  };
}

function stringList(n: CNode | undefined): string[] {
  if (n === undefined) return [];
  if (isSeqNode(n)) return n.items.map(scalarText).filter((s): s is string => s !== null);
  const t = scalarText(n);
  return t === null ? [] : [t];
}

/** Included resources: new names are added; a name the including file also defines is merged, the including file winning. */
function importResources(imported: CMap, target: CMap): CMap {
  const entries = new Map(target.entries);
  for (const key of ['services', 'volumes', 'networks', 'secrets', 'configs', 'models']) {
    const from = imported.entries.get(key)?.value;
    if (!isMapNode(from)) continue;
    const existing = entries.get(key);
    const to: CMap = isMapNode(existing?.value) ? { kind: 'map', entries: new Map(existing.value.entries), loc: existing.value.loc } : { kind: 'map', entries: new Map(), loc: from.loc };
    for (const [name, e] of from.entries) {
      const conflict = to.entries.get(name);
      to.entries.set(name, conflict === undefined ? e : { key: conflict.key, value: mergeNode(e.value, conflict.value, [key, name]) });
    }
    entries.set(key, { key: existing?.key ?? imported.entries.get(key)!.key, value: to });
  }
  return { kind: 'map', entries, loc: target.loc };
}

/** compose-go transform/defaults.go: `build` gets `context: .` and `dockerfile: Dockerfile`. */
function withDefaults(dict: CMap): CMap {
  const services = dict.entries.get('services')?.value;
  if (!isMapNode(services)) return dict;
  let changed = false;
  const table = new Map(services.entries);
  for (const [name, e] of services.entries) {
    const build = isMapNode(e.value) ? e.value.entries.get('build')?.value : undefined;
    if (!isMapNode(build) || !isMapNode(e.value)) continue;
    const b = new Map(build.entries);
    const s = (v: string): CScalar => ({ kind: 'scalar', value: v, loc: build.loc });
    if (!b.has('context')) b.set('context', { key: build.loc, value: s('.') });
    if (!b.has('dockerfile') && !b.has('dockerfile_inline')) b.set('dockerfile', { key: build.loc, value: s('Dockerfile') });
    if (b.size === build.entries.size) continue;
    const svc = new Map(e.value.entries);
    svc.set('build', { key: e.value.entries.get('build')!.key, value: { kind: 'map', entries: b, loc: build.loc } });
    table.set(name, { key: e.key, value: { kind: 'map', entries: svc, loc: e.value.loc } });
    changed = true;
  }
  if (!changed) return dict;
  const entries = new Map(dict.entries);
  entries.set('services', { key: dict.entries.get('services')!.key, value: { kind: 'map', entries: table, loc: services.loc } });
  return { kind: 'map', entries, loc: dict.loc };
}

