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
// Then each service's `env_file`s are read beneath its `environment` (environment.ts), and Compose's
// consistency checks run on the enabled services (consistency.ts).
// The result never throws: `ok` is false exactly when Compose itself would refuse the project, and
// every refusal, warning and note is in `diagnostics`.

import { ComposeRefusal, loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import { checkConsistency, type ServiceForCheck } from './consistency.js';
import { EnvFiles, resolveBuildArgs, resolveListedVariables } from './environment.js';
import { interpolateTree } from './interpolate.js';
import { MergeError, mergeMaps, mergeNode } from './merge.js';
import { canonicalModel, NormalizeError, resolveModelPaths } from './normalize.js';
import { baseName, dirName, displayPath, resolvePath } from './paths.js';
import type { CEntry, CMap, CNode, CScalar, Loc } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';
import { parseComposeYaml } from './yaml.js';
import { append } from '../arrays.js';

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

/** How many compose files (counting repeats) one project may read before it is refused as too large. */
export const MAX_FILE_PARSES = 1000;

/** Where a model is being loaded: the directory its relative paths resolve against, its variables. */
interface Scope {
  workingDir: string;
  env: Readonly<Record<string, string>>;
  /** files on the include chain (cycle detection) */
  included: string[];
}

export function loadComposeProject(opts: LoadProjectOptions): LoadedProject {
  const loader = new Loader(opts);
  try {
    return loader.run();
  } catch (e) {
    if (e instanceof ComposeRefusal) loader.diagnostics.push(e.diagnostic);
    else loader.diagnostics.push(loadDiag('COMPOSE_INVALID', `flinkfit could not read the project: ${e instanceof Error ? e.message : String(e)}`, loader.display(opts.files[0] ?? '')));
    return loader.result(null, []);
  }
}

class Loader {
  readonly diagnostics: ComposeLoadDiagnostic[] = [];
  readonly projectDir: string;
  private readonly composeFiles: string[] = [];
  private readonly envs: EnvFiles;
  private interpolationEnv: Record<string, string> = {};
  private readonly warned = new Set<string>();
  private readonly home: string | undefined;
  private parses = 0;

  constructor(private readonly opts: LoadProjectOptions) {
    this.projectDir = opts.projectDir ?? dirName(opts.files[0] ?? '/');
    this.home = opts.env['HOME'];
    this.envs = new EnvFiles(this, this.warned);
  }

  display(abs: string): string {
    return displayPath(this.projectDir, abs);
  }

  read(abs: string): string | undefined {
    try {
      return this.opts.fs.readFile(abs);
    } catch {
      return undefined;
    }
  }

  run(): LoadedProject {
    const { opts } = this;
    if (opts.files.length === 0) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', 'no compose file given', this.display(this.projectDir)));
    const files = [...opts.files];
    if (opts.autoOverride) {
      const dir = dirName(files[0]!);
      const found = OVERRIDE_FILE_NAMES.map((n) => resolvePath(dir, n)).filter((p) => !files.includes(p) && this.read(p) !== undefined);
      if (found.length > 1) this.diagnostics.push(loadDiag('COMPOSE_OVERRIDE_MULTIPLE', `found several override files (${found.map((f) => baseName(f)).join(', ')}); Compose uses ${baseName(found[0]!)}`, this.display(found[0]!)));
      if (found.length > 0) files.push(found[0]!);
    }
    this.interpolationEnv = this.envs.projectEnv(this.projectDir, opts.env, opts.envFiles);
    const scope: Scope = { workingDir: this.projectDir, env: this.interpolationEnv, included: [] };
    const dict = this.loadModel(files, scope);
    if (dict.entries.size === 0) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `${this.display(files[0]!)}: empty compose file`, this.display(files[0]!)));
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
      envFiles: this.envs.list,
      services,
      configs: section('configs'),
      volumes: section('volumes'),
      interpolationEnv: this.interpolationEnv,
      diagnostics: this.diagnostics,
    };
  }

  // ---- files and models --------------------------------------------------------------------

  /** Load `files` (main first, then overrides) into one model (compose-go loadYamlModel). */
  private loadModel(files: string[], scope: Scope): CMap {
    let dict: CMap = { kind: 'map', entries: new Map(), loc: { file: this.display(files[0]!), line: 1 } };
    for (const abs of files) {
      for (const doc of this.parseFile(abs, scope)) {
        let model = this.include(doc, abs, scope);
        model = this.extends(model, abs, scope);
        dict = this.merge(dict, model);
      }
    }
    return resolveModelPaths(withDefaults(resolveListedVariables(dict, scope.env)), scope.workingDir, this.home);
  }

  /** Parse, interpolate and canonicalize every document of one file. */
  private parseFile(abs: string, scope: Scope): CMap[] {
    const file = this.display(abs);
    const text = this.read(abs);
    if (text === undefined) {
      throw new ComposeRefusal(loadDiag('COMPOSE_FILE_MISSING', `${file}: no such file`, file));
    }
    // includes may name the same file many times over (a diamond of includes doubles at each level)
    if (++this.parses > MAX_FILE_PARSES) throw new ComposeRefusal(loadDiag('COMPOSE_TOO_LARGE', `${file}: the project's include/extends graph reads more than ${MAX_FILE_PARSES} compose files`, file));
    if (!this.composeFiles.includes(abs)) this.composeFiles.push(abs);
    const parsed = parseComposeYaml(text, file);
    const fatal = parsed.diagnostics.find((d) => d.severity === 'error');
    append(this.diagnostics, parsed.diagnostics.filter((d) => d !== fatal));
    if (fatal) throw new ComposeRefusal(fatal);
    return parsed.docs.map((doc) => {
      const r = interpolateTree(doc, (k) => scope.env[k], this.warned);
      const refusal = r.diagnostics.find((d) => d.severity === 'error');
      append(this.diagnostics, r.diagnostics.filter((d) => d !== refusal));
      if (refusal) throw new ComposeRefusal(refusal);
      try {
        return canonicalModel(r.node);
      } catch (e) {
        if (e instanceof NormalizeError) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `${e.loc.file} line ${e.loc.line}: ${e.message}`, e.loc.file, e.loc.line));
        throw e;
      }
    });
  }

  /** `over` merged onto `base` (at `path`); a merge Compose cannot make refuses the project. */
  private merge(base: CMap, over: CMap, path: string[] = [], service?: string): CMap {
    try {
      return mergeMaps(base, over, path);
    } catch (e) {
      if (e instanceof MergeError) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `${e.node.loc.file} line ${e.node.loc.line}: ${e.message}`, e.node.loc.file, e.node.loc.line, service));
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
    if (!isSeqNode(inc.value)) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', '`include` must be a list', inc.key.file, inc.key.line));
    const included = [...scope.included, abs];
    for (const item of inc.value.items) {
      const spec = includeSpec(item);
      if (spec.paths.length === 0) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', 'an `include` entry needs a path', item.loc.file, item.loc.line));
      const paths = spec.paths.map((p) => resolvePath(scope.workingDir, p));
      const projectDir = spec.projectDirectory === null ? dirName(paths[0]!) : resolvePath(scope.workingDir, spec.projectDirectory);
      if (included.includes(paths[0]!)) {
        throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `include cycle detected: ${[...included, paths[0]!].map((f) => this.display(f)).join(' includes ')}`, item.loc.file, item.loc.line));
      }
      let envPaths: string[];
      if (spec.envFiles.length === 0) {
        const dflt = resolvePath(projectDir, '.env');
        envPaths = this.read(dflt) !== undefined ? [dflt] : [];
      } else {
        envPaths = spec.envFiles.filter((f) => f !== '/dev/null').map((f) => resolvePath(scope.workingDir, f));
      }
      const fromFiles = this.envs.read(envPaths, (k) => scope.env[k], true);
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
    if (!isMapNode(svc)) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `services.${name} must be a mapping`, entry.key.file, entry.key.line, name));
    const ext = svc.entries.get('extends');
    if (ext === undefined) return svc;
    const ref = isMapNode(ext.value) ? scalarText(ext.value.entries.get('service')?.value) : scalarText(ext.value);
    if (ref === null) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `extends.${name}.service is required`, ext.key.file, ext.key.line, name));
    const fileText = isMapNode(ext.value) ? scalarText(ext.value.entries.get('file')?.value) : null;
    let baseServices = services;
    let baseFile = abs;
    let baseScope = scope;
    if (fileText !== null) {
      baseFile = resolvePath(scope.workingDir, fileText);
      baseScope = { ...scope, workingDir: dirName(baseFile) };
      baseServices = this.extendsSource(baseFile, baseScope, ext);
      if (!baseServices.has(ref)) {
        throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `cannot extend service "${name}" in ${this.display(abs)}: service "${ref}" not found in ${this.display(baseFile)}`, ext.key.file, ext.key.line, name));
      }
    } else if (!services.has(ref)) {
      throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `cannot extend service "${name}" in ${this.display(abs)}: service "${ref}" not found`, ext.key.file, ext.key.line, name));
    }
    const link = `${baseFile}#${ref}`;
    if (chain.includes(link) || (baseFile === abs && ref === name)) {
      throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', `extends cycle: service "${name}" extends "${ref}" which leads back to it`, ext.key.file, ext.key.line, name));
    }
    const base = this.extendService(ref, baseServices, baseFile, baseScope, [...chain, `${abs}#${name}`, link]);
    if (base === undefined || !isMapNode(base)) return svc;
    const own: CMap = { kind: 'map', entries: new Map(svc.entries), loc: svc.loc };
    own.entries.delete('extends');
    const merged = { ...this.merge(base, own, ['services', name], name), loc: svc.loc };
    services.set(name, { key: entry.key, value: merged });
    return merged;
  }

  /** The services of an `extends: file:` source: interpolated, its relative paths resolved against its own directory. */
  private extendsSource(abs: string, scope: Scope, ext: CEntry): Map<string, CEntry> {
    const cached = this.extendsSources.get(abs);
    if (cached) return cached;
    if (this.read(abs) === undefined) {
      throw new ComposeRefusal(loadDiag('COMPOSE_FILE_MISSING', `extends: cannot read ${this.display(abs)}`, ext.key.file, ext.key.line));
    }
    let model: CMap = { kind: 'map', entries: new Map(), loc: { file: this.display(abs), line: 1 } };
    for (const doc of this.parseFile(abs, scope)) model = this.merge(model, doc);
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
    if (!isMapNode(services)) throw new ComposeRefusal(loadDiag('COMPOSE_INVALID', 'services must be a mapping', services.loc.file, services.loc.line));
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
      const node = resolveBuildArgs(this.envs.serviceEnvironment(name, e.value, this.interpolationEnv), this.interpolationEnv);
      out.push({ name, node, active, profiles, key: e.key });
      checked.push({ name, node, active, file: e.key.file, line: e.key.line });
    }
    append(this.diagnostics, checkConsistency(dict, checked));
    return out;
  }

  private enabledProfiles(): string[] {
    const given = this.opts.profiles ?? [];
    if (given.length > 0) return given;
    return (this.interpolationEnv['COMPOSE_PROFILES'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
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

