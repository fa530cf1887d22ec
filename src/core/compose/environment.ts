// The variables of a Compose project: the project environment (the shell over `.env` or
// --env-file, compose-go cli/options.go WithDotEnv), and each service's environment as its container
// gets it (compose-go types/project.go WithServicesEnvironmentResolved): `env_file`s read in order
// beneath `environment`, `K` without a value taken from the project environment or dropped.
// Every file read or skipped is listed with the reason.

import { ComposeRefusal, loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import { parseDotenv, type EnvValue } from './dotenv.js';
import { resolvePath } from './paths.js';
import type { CEntry, CMap, Loc } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';

/** What the env reader needs from the loader: files, names for messages, where findings go. */
export interface EnvHost {
  read(abs: string): string | undefined;
  display(abs: string): string;
  readonly diagnostics: ComposeLoadDiagnostic[];
}

export class EnvFiles {
  /** every env file looked at: read, or not and why */
  readonly list: Array<{ path: string; used: boolean; why?: string }> = [];

  constructor(
    private readonly host: EnvHost,
    /** variables already reported unset (shared with the compose files' interpolation) */
    private readonly warned: Set<string>,
  ) {}

  /** The shell environment over the project's env files (compose-go cli/options.go WithDotEnv). */
  projectEnv(projectDir: string, shell: Readonly<Record<string, string>>, envFiles: string[] | undefined): Record<string, string> {
    let paths: string[];
    let explicit = true;
    if (envFiles !== undefined && envFiles.length > 0) {
      paths = envFiles.map((f) => resolvePath(projectDir, f));
    } else {
      explicit = false;
      const disabled = /^(1|t|true)$/i.test(shell['COMPOSE_DISABLE_ENV_FILE'] ?? '');
      paths = disabled ? [] : [resolvePath(projectDir, '.env')];
    }
    const vars = this.read(paths, (k) => shell[k], explicit);
    const env: Record<string, string> = {};
    for (const [k, v] of vars) env[k] = v.value;
    return { ...env, ...shell };
  }

  /** Read env files in order (later ones override); missing ones are errors when `required`. */
  read(paths: string[], lookup: (k: string) => string | undefined, required: boolean): Map<string, EnvValue> {
    const vars = new Map<string, EnvValue>();
    for (const p of paths) {
      const text = this.host.read(p);
      if (text === undefined) {
        this.note(p, false, 'not found');
        if (required) throw new ComposeRefusal(loadDiag('COMPOSE_ENV_FILE_MISSING', `couldn't find env file: ${this.host.display(p)}`, this.host.display(p)));
        continue;
      }
      this.parse(text, p, lookup, vars);
      this.note(p, true);
    }
    return vars;
  }

  private parse(text: string, path: string, lookup: (k: string) => string | undefined, into: Map<string, EnvValue>): void {
    const r = parseDotenv(text, lookup, into, path);
    const file = this.host.display(path);
    for (const u of r.unset) {
      if (this.warned.has(u.name)) continue;
      this.warned.add(u.name);
      this.host.diagnostics.push(loadDiag('COMPOSE_VARIABLE_UNSET', `the variable ${u.name} is not set (${file} line ${u.line}); Compose substitutes an empty string`, file, u.line));
    }
    if (r.error) throw new ComposeRefusal(loadDiag('COMPOSE_ENV_FILE_INVALID', `failed to read ${file}: ${r.error.message}`, file, r.error.line));
  }

  note(path: string, used: boolean, why?: string): void {
    if (this.list.some((e) => e.path === path && e.used === used)) return;
    this.list.push(why === undefined ? { path, used } : { path, used, why });
  }

  /**
   * `environment` resolved as compose-go's WithServicesEnvironmentResolved: `K` without a value from the
   * interpolation environment (dropped when unset), each env_file read beneath it in order (later
   * files win; their `${…}` from the project environment, then the service's), `environment` on top.
   */
  serviceEnvironment(name: string, svc: CMap, interpolationEnv: Readonly<Record<string, string>>): CMap {
    const envNode = svc.entries.get('environment')?.value;
    const own = new Map<string, CEntry>();
    const unsetKeys = new Set<string>();
    if (isMapNode(envNode)) {
      for (const [k, e] of envNode.entries) {
        if (e.value.kind === 'scalar' && e.value.value === null) {
          const v = interpolationEnv[k];
          if (v === undefined) unsetKeys.add(k);
          else own.set(k, { key: e.key, value: { kind: 'scalar', value: v, loc: e.value.loc } });
        } else own.set(k, e);
      }
    }
    const merged = new Map<string, CEntry>();
    const envFiles = svc.entries.get('env_file')?.value;
    if (isSeqNode(envFiles)) {
      const fromFiles = new Map<string, EnvValue>();
      const lookup = (k: string): string | undefined => interpolationEnv[k] ?? scalarText(own.get(k)?.value) ?? undefined;
      for (const f of envFiles.items) {
        if (!isMapNode(f)) continue;
        const path = scalarText(f.entries.get('path')?.value);
        if (path === null) continue;
        const required = f.entries.get('required')?.value;
        const isRequired = !(required?.kind === 'scalar' && required.value === false);
        const text = this.host.read(path);
        if (text === undefined) {
          this.note(path, false, isRequired ? 'not found (required)' : 'not found (required: false)');
          if (isRequired) this.host.diagnostics.push(loadDiag('COMPOSE_ENV_FILE_MISSING', `service ${name}: env file ${this.host.display(path)} not found`, f.loc.file, f.loc.line, name));
          else this.host.diagnostics.push(loadDiag('COMPOSE_ENV_FILE_SKIPPED', `service ${name}: optional env file ${this.host.display(path)} not found; skipped as Compose skips it`, f.loc.file, f.loc.line, name));
          continue;
        }
        try {
          this.parse(text, path, lookup, fromFiles);
        } catch (e) {
          if (!(e instanceof ComposeRefusal)) throw e;
          this.host.diagnostics.push({ ...e.diagnostic, service: name });
          continue;
        }
        this.note(path, true);
      }
      for (const [k, v] of fromFiles) {
        const loc: Loc = { file: this.host.display(v.file ?? ''), line: v.line };
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

/** `build.args` entries without a value take the interpolation environment's, or are dropped (compose-go loader/normalize.go). */
export function resolveBuildArgs(svc: CMap, interpolationEnv: Readonly<Record<string, string>>): CMap {
  const build = svc.entries.get('build');
  const args = isMapNode(build?.value) ? build.value.entries.get('args') : undefined;
  if (build === undefined || !isMapNode(build.value) || args === undefined || !isMapNode(args.value)) return svc;
  const resolved = new Map<string, CEntry>();
  for (const [k, e] of args.value.entries) {
    if (!(e.value.kind === 'scalar' && e.value.value === null)) resolved.set(k, e);
    else if (interpolationEnv[k] !== undefined) resolved.set(k, { key: e.key, value: { kind: 'scalar', value: interpolationEnv[k]!, loc: e.value.loc } });
  }
  const b = new Map(build.value.entries);
  b.set('args', { key: args.key, value: { kind: 'map', entries: resolved, loc: args.value.loc } });
  const entries = new Map(svc.entries);
  entries.set('build', { key: build.key, value: { kind: 'map', entries: b, loc: build.value.loc } });
  return { kind: 'map', entries, loc: svc.loc };
}

/**
 * `environment: [K]` entries without a value take the value of the model's own variables when set
 * (compose-go loader/environment.go ResolveEnvironment, run for each project and each included one,
 * so an included file's `- K` sees its include's env files). Unset ones stay for the project-wide
 * resolution.
 */
export function resolveListedVariables(model: CMap, env: Readonly<Record<string, string>>): CMap {
  const services = model.entries.get('services');
  if (services === undefined || !isMapNode(services.value)) return model;
  let changed = false;
  const table = new Map(services.value.entries);
  for (const [name, e] of services.value.entries) {
    const envEntry = isMapNode(e.value) ? e.value.entries.get('environment') : undefined;
    if (!isMapNode(e.value) || envEntry === undefined || !isMapNode(envEntry.value)) continue;
    const vars = new Map(envEntry.value.entries);
    let touched = false;
    for (const [k, v] of envEntry.value.entries) {
      const value = env[k];
      if (v.value.kind !== 'scalar' || v.value.value !== null || value === undefined) continue;
      vars.set(k, { key: v.key, value: { kind: 'scalar', value, loc: v.value.loc } });
      touched = true;
    }
    if (!touched) continue;
    const svc = new Map(e.value.entries);
    svc.set('environment', { key: envEntry.key, value: { kind: 'map', entries: vars, loc: envEntry.value.loc } });
    table.set(name, { key: e.key, value: { kind: 'map', entries: svc, loc: e.value.loc } });
    changed = true;
  }
  if (!changed) return model;
  const entries = new Map(model.entries);
  entries.set('services', { key: services.key, value: { kind: 'map', entries: table, loc: services.value.loc } });
  return { kind: 'map', entries, loc: model.loc };
}
