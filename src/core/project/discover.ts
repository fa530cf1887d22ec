// From what the user names (files, directories, or nothing: the current directory) to deployments:
// Compose projects as `docker compose` would assemble them, conf directories, and lone config
// files that no compose file mounts. Two config files in different folders are never merged; a
// config file that a compose file of the repository mounts is checked as part of that deployment.
import { baseName, dirName, normalizePath, resolvePath } from '../compose/paths.js';
import { isTemplatedManifest, looksLikeFlinkManifest, manifestTemplateKind } from '../k8s/detect.js';
import { looksFlat } from '../analysis/inputs.js';

export interface ProjectFs {
  readFile(abs: string): string | undefined;
  /** a directory's entries; undefined when `abs` is not a directory */
  list(abs: string): Array<{ name: string; dir: boolean }> | undefined;
}

/** The names `docker compose` looks for, in its order of preference (compose-go cli.DefaultFileNames). */
export const COMPOSE_DEFAULT_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const COMPOSE_OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const COMPOSE_LIKE = /^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$|\.compose\.ya?ml$/i;
export const FLINK_CONF_NAMES = ['flink-conf.yaml', 'config.yaml'];

export type Plan =
  | { kind: 'compose'; files: string[]; autoOverride: boolean }
  /** Flink Kubernetes Operator manifests (FlinkDeployment, FlinkSessionJob), read together */
  | { kind: 'kubernetes'; files: string[] }
  /** a conf directory given as such, or config files of one folder given together */
  | { kind: 'confdir' | 'file'; dir: string; files: Record<string, string>; paths: Record<string, string> };

export interface Note {
  code: 'NOT_FLINK_CONFIG' | 'CONFIG_CHECKED_WITH_COMPOSE' | 'COMPOSE_FILE_SHADOWED' | 'NO_DEPLOYMENT_FOUND' | 'FILE_KIND_ASSUMED' | 'MANIFEST_TEMPLATE_SKIPPED' | 'KUSTOMIZE_PATCH_SKIPPED';
  message: string;
  file?: string;
}

export interface DiscoverOptions {
  /** absolute paths the user named; empty: the current directory */
  inputs: string[];
  cwd: string;
  /** --compose-file, in order: one deployment merged like `docker compose -f A -f B` */
  composeFiles?: string[];
  fs: ProjectFs;
}

export interface Discovery {
  plans: Plan[];
  notes: Note[];
  /** inputs that cannot be read */
  missing: string[];
}

/** Top-level namespaces of Flink's options: a YAML file with none of them holds no Flink option. */
const FLINK_NAMESPACES = new Set(
  'taskmanager jobmanager state execution rest parallelism high-availability blob akka pekko metrics env security classloader web io restart-strategy table pipeline cluster heartbeat kubernetes yarn fs s3 s3a historyserver jobstore resourcemanager slot slotmanager python sql-gateway queryable-state checkpointing savepoint zookeeper containerized client deployment process internal scheduler-mode external-resources local cleanup failover recovery jmx historyserver execution-config completed-application-store'.split(' '),
);

/** True when a config file sets at least one Flink option (flat `a.b: c` lines or nested YAML). */
export function holdsFlinkOptions(text: string): boolean {
  // an error report the 1.19+ entrypoint wrote over config.yaml is Flink's (and broken)
  if (/^\[ERROR\]|org\.apache\.flink\./m.test(text.slice(0, 4096))) return true;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw.startsWith(' ') || raw.startsWith('\t') || raw.startsWith('#') || raw.startsWith('-')) continue;
    const m = /^["']?([A-Za-z][\w-]*)(?:\.|["']?\s*:)/.exec(raw);
    if (m && FLINK_NAMESPACES.has(m[1]!.toLowerCase())) return true;
  }
  return false;
}

export function isComposeName(name: string): boolean {
  return COMPOSE_LIKE.test(name) || COMPOSE_DEFAULT_NAMES.includes(name) || COMPOSE_OVERRIDE_NAMES.includes(name);
}

export function looksLikeComposeText(text: string): boolean {
  return /^services\s*:/m.test(text);
}

// tool and dependency folders; other hidden folders (.devcontainer, .docker) do hold compose files
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'target', 'build', 'dist', 'vendor', '.venv', 'venv', '.tox', '.cache', '.idea', '.vscode', '.mypy_cache', '.pytest_cache', '__pycache__', '.pre-commit-cache']);
const SCAN_DEPTH = 3;

/** The main compose file of a directory, as `docker compose` picks it, and the names it shadows. */
function mainComposeFile(dir: string, fs: ProjectFs): { file: string; shadowed: string[] } | null {
  const names = new Set((fs.list(dir) ?? []).filter((e) => !e.dir).map((e) => e.name));
  const found = COMPOSE_DEFAULT_NAMES.filter((n) => names.has(n));
  if (found.length === 0) return null;
  return { file: `${dir}/${found[0]}`, shadowed: found.slice(1).map((n) => `${dir}/${n}`) };
}

export function discover(opts: DiscoverOptions): Discovery {
  const { fs } = opts;
  const plans: Plan[] = [];
  const notes: Note[] = [];
  const missing: string[] = [];
  const composeSeen = new Set<string>();
  const addCompose = (files: string[], autoOverride: boolean) => {
    const key = files.join('\n');
    if (composeSeen.has(key)) return;
    composeSeen.add(key);
    plans.push({ kind: 'compose', files, autoOverride });
  };
  if (opts.composeFiles && opts.composeFiles.length > 0) addCompose(opts.composeFiles.map(normalizePath), false);

  // with --compose-file and nothing else named, the merged files are the whole deployment
  const inputs = opts.inputs.length > 0 ? opts.inputs.map(normalizePath) : opts.composeFiles && opts.composeFiles.length > 0 ? [] : [normalizePath(opts.cwd)];
  const configFiles: string[] = [];
  const manifests: string[] = [];
  for (const input of inputs) {
    const entries = fs.list(input);
    if (entries !== undefined) {
      scanDirectory(input, entries, opts.inputs.length === 0 || true);
      continue;
    }
    const text = fs.readFile(input);
    if (text === undefined) {
      missing.push(input);
      continue;
    }
    const name = baseName(input);
    if (name === '.env') {
      // the variables Compose interpolates from: a change to them is a change to the project beside them
      const main = mainComposeFile(dirName(input), fs);
      if (main) addCompose([main.file], true);
      else notes.push({ code: 'NO_DEPLOYMENT_FOUND', message: `${input} has no compose file beside it to interpolate; skipped`, file: input });
    } else if (COMPOSE_OVERRIDE_NAMES.includes(name)) {
      // a change to an override is a change to the project it overrides
      const main = mainComposeFile(dirName(input), fs);
      addCompose([main?.file ?? input], main !== null);
    } else if (COMPOSE_DEFAULT_NAMES.includes(name)) {
      addCompose([input], true);
    } else if (looksLikeFlinkManifest(text)) {
      if (isTemplatedManifest(text)) notes.push(templateNote(input, fs, text));
      else manifests.push(input);
    } else if (FLINK_CONF_NAMES.includes(name)) {
      configFiles.push(input);
    } else if (isComposeName(name) || looksLikeComposeText(text)) {
      addCompose([input], false);
    } else {
      configFiles.push(input);
    }
  }

  function scanDirectory(dir: string, entries: Array<{ name: string; dir: boolean }>, _explicit: boolean): void {
    const files = entries.filter((e) => !e.dir).map((e) => e.name);
    const main = mainComposeFile(dir, fs);
    const confHere = files.filter((n) => FLINK_CONF_NAMES.includes(n));
    // Flink's conf directory: its config file, or (when that is missing) its logging configs
    const confDirLike = confHere.length > 0 || (dir.endsWith('/conf') && files.some((n) => /^log4j.*\.properties$|^logback.*\.xml$/.test(n)));
    if (!main && confDirLike) {
      // a conf directory, as Flink's --configDir reads it
      const texts: Record<string, string> = {};
      const paths: Record<string, string> = {};
      for (const n of files) {
        const t = fs.readFile(`${dir}/${n}`);
        if (t !== undefined) {
          texts[n] = t;
          paths[n] = `${dir}/${n}`;
        }
      }
      if (confHere.length === 0 || confHere.some((n) => n === 'flink-conf.yaml' || holdsFlinkOptions(texts[n] ?? ''))) {
        plans.push({ kind: 'confdir', dir, files: texts, paths });
      } else {
        notes.push({ code: 'NOT_FLINK_CONFIG', message: `${confHere.map((n) => `${dir}/${n}`).join(', ')} holds no Flink option; not a Flink configuration, skipped`, file: `${dir}/${confHere[0]}` });
      }
      return;
    }
    const found: string[] = [];
    const confFound: string[] = [];
    const composeLike: string[] = [];
    const yamlFound: string[] = [];
    const kustomizations: string[] = [];
    const walk = (d: string, es: Array<{ name: string; dir: boolean }>, depth: number) => {
      for (const e of es) if (!e.dir && FLINK_CONF_NAMES.includes(e.name)) confFound.push(`${d}/${e.name}`);
      for (const e of es) {
        if (e.dir) continue;
        if (KUSTOMIZATION_NAMES.includes(e.name)) kustomizations.push(`${d}/${e.name}`);
        else if (/\.ya?ml$/i.test(e.name) && !FLINK_CONF_NAMES.includes(e.name) && !isComposeName(e.name)) yamlFound.push(`${d}/${e.name}`);
      }
      for (const e of es) if (!e.dir && COMPOSE_LIKE.test(e.name) && !COMPOSE_DEFAULT_NAMES.includes(e.name) && !COMPOSE_OVERRIDE_NAMES.includes(e.name)) composeLike.push(`${d}/${e.name}`);
      const m = mainComposeFile(d, fs);
      if (m) {
        found.push(m.file);
        for (const s of m.shadowed) notes.push({ code: 'COMPOSE_FILE_SHADOWED', message: `${s} is not read by docker compose in ${d}: it uses ${baseName(m.file)}, the first of ${COMPOSE_DEFAULT_NAMES.join(', ')}`, file: s });
      }
      if (depth >= SCAN_DEPTH) return;
      for (const e of es) {
        if (!e.dir || SKIP_DIRS.has(e.name)) continue;
        const sub = fs.list(`${d}/${e.name}`);
        if (sub) walk(`${d}/${e.name}`, sub, depth + 1);
      }
    };
    walk(dir, entries, 0);
    for (const f of found) addCompose([f], true);
    // FlinkDeployment / FlinkSessionJob manifests: a text test first, so other YAML is never parsed
    const patches = new Map<string, string>();
    for (const k of kustomizations) for (const p of kustomizePatchPaths(fs.readFile(k) ?? '')) patches.set(resolvePath(dirName(k), p), k);
    let manifestsHere = 0;
    for (const f of yamlFound) {
      const text = fs.readFile(f);
      if (text === undefined || !looksLikeFlinkManifest(text)) continue;
      manifestsHere++;
      const by = patches.get(f);
      if (by !== undefined) {
        notes.push({ code: 'KUSTOMIZE_PATCH_SKIPPED', message: `${f} is a kustomize patch (${by} lists it), a part of a FlinkDeployment rather than a whole one; skipped. What deploys is \`kustomize build ${dirName(by)}\`: write that to a file and check it.`, file: f });
      } else if (isTemplatedManifest(text)) {
        notes.push(templateNote(f, fs, text));
      } else {
        manifests.push(f);
      }
    }
    // config files no compose file mounts are deployments of their own (or not Flink at all)
    const byFolder = new Map<string, string[]>();
    for (const f of confFound) {
      const text = fs.readFile(f) ?? '';
      if (baseName(f) !== 'flink-conf.yaml' && !holdsFlinkOptions(text)) {
        notes.push({ code: 'NOT_FLINK_CONFIG', message: `${f} holds no Flink option; not a Flink configuration, skipped`, file: f });
        continue;
      }
      if (composeMounting(f, opts.cwd, fs) !== null) continue;
      byFolder.set(dirName(f), [...(byFolder.get(dirName(f)) ?? []), f]);
    }
    for (const [folder, fsIn] of byFolder) {
      const names = (fs.list(folder) ?? []).filter((e) => !e.dir).map((e) => e.name);
      // a folder with Flink's logging configs beside the config file is a conf directory
      const confLike = names.some((n) => /^log4j.*\.properties$|^logback.*\.xml$/.test(n));
      const texts: Record<string, string> = {};
      const paths: Record<string, string> = {};
      for (const n of fsIn.map(baseName)) {
        const t = fs.readFile(`${folder}/${n}`);
        if (t !== undefined) {
          texts[n] = t;
          paths[n] = `${folder}/${n}`;
        }
      }
      plans.push({ kind: confLike ? 'confdir' : 'file', dir: folder, files: texts, paths });
    }
    if (found.length === 0 && byFolder.size === 0 && manifestsHere === 0 && !notes.some((n) => n.code === 'NOT_FLINK_CONFIG')) {
      // compose files under other names are read only when named (as `docker compose -f` needs them)
      const others = composeLike.length > 0 ? `; ${composeLike.slice(0, 5).join(', ')}${composeLike.length > 5 ? ', …' : ''} ${composeLike.length === 1 ? 'is a compose file' : 'are compose files'} docker compose reads only when named: pass ${composeLike.length === 1 ? 'it' : 'them'} (or --compose-file to merge)` : '';
      notes.push({ code: 'NO_DEPLOYMENT_FOUND', message: `${dir} holds no compose file (${COMPOSE_DEFAULT_NAMES.join(', ')}), no Flink config file and no FlinkDeployment manifest${others}`, file: dir });
    }
  }

  // config files named on their own: checked as written, grouped by folder, and with the compose
  // project that mounts them (after them, so the file named comes first)
  const byDir = new Map<string, string[]>();
  const mountingComposes: string[] = [];
  for (const f of configFiles) {
    const text = fs.readFile(f) ?? '';
    const name = baseName(f);
    if (name !== 'flink-conf.yaml' && !holdsFlinkOptions(text)) {
      notes.push({ code: 'NOT_FLINK_CONFIG', message: `${f} holds no Flink option; not a Flink configuration, skipped`, file: f });
      continue;
    }
    // a config named on its own is checked as written, and the compose deployment that mounts it too:
    // a change to the config is a change to that deployment
    const mountedBy = composeMounting(f, opts.cwd, fs);
    if (mountedBy !== null) {
      notes.push({ code: 'CONFIG_CHECKED_WITH_COMPOSE', message: `${f} is mounted by ${mountedBy}; that deployment is checked too`, file: f });
      mountingComposes.push(mountedBy);
    }
    const d = dirName(f);
    byDir.set(d, [...(byDir.get(d) ?? []), f]);
  }
  for (const [dir, fsIn] of byDir) {
    const texts: Record<string, string> = {};
    const paths: Record<string, string> = {};
    const byName = new Map<string, string[]>();
    for (const f of fsIn) {
      const name = baseName(f);
      byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    for (const f of fsIn) {
      let name = baseName(f);
      if (!FLINK_CONF_NAMES.includes(name)) {
        const t = fs.readFile(f) ?? '';
        const flat = looksFlat(t);
        const asName = flat ? 'flink-conf.yaml' : 'config.yaml';
        notes.push({ code: 'FILE_KIND_ASSUMED', message: `${f} is not named flink-conf.yaml or config.yaml; read as ${asName} (${flat ? 'flat key: value lines' : 'nested YAML'}).`, file: f });
        name = asName;
      }
      if (texts[name] !== undefined) {
        // two files would be the same file of one conf directory: each is its own deployment
        plans.push({ kind: 'file', dir, files: { [name]: fs.readFile(f) ?? '' }, paths: { [name]: f } });
        continue;
      }
      texts[name] = fs.readFile(f) ?? '';
      paths[name] = f;
    }
    plans.push({ kind: 'file', dir, files: texts, paths });
  }
  for (const c of mountingComposes) addCompose([c], true);
  // manifests are read together: a FlinkSessionJob runs on the FlinkDeployment it names
  if (manifests.length > 0) plans.push({ kind: 'kubernetes', files: manifests });
  return { plans, notes, missing };
}


/**
 * The compose file (from the config file's folder up to the repository root) whose services
 * bind-mount this file or a folder holding it. A cheap textual match of volume sources: the
 * deployment is then loaded in full, so a false match costs only a redundant check.
 */
export function composeMounting(file: string, cwd: string, fs: ProjectFs): string | null {
  let dir = dirName(file);
  const stop = repoRoot(dir, fs) ?? normalizePath(cwd);
  for (let guard = 0; guard < 64; guard++) {
    const main = mainComposeFile(dir, fs);
    const candidates = main ? [main.file, ...COMPOSE_OVERRIDE_NAMES.map((n) => `${dir}/${n}`)] : [];
    for (const c of candidates) {
      const raw = fs.readFile(c);
      if (raw === undefined) continue;
      // $PWD is the directory compose runs in: the project's, as a user runs it
      const text = raw.replace(/\$\{?PWD\}?/g, dir);
      for (const m of text.matchAll(/(?:^|[\s"'\-])((?:\.{1,2}\/|\/|~\/)?[\w.\-/${}]*?)(?::\/[\w./-]*conf[\w./-]*)/gm)) {
        const src = m[1];
        if (!src) continue;
        const abs = resolvePath(dir, src);
        if (abs === file || file.startsWith(`${abs}/`)) return main!.file;
      }
      for (const m of text.matchAll(/source:\s*["']?([^\s"']+)/g)) {
        const abs = resolvePath(dir, m[1]!);
        if (abs === file || file.startsWith(`${abs}/`)) return main!.file;
      }
    }
    if (dir === stop || dir === '/' || !dir.startsWith(stop)) break;
    dir = dirName(dir);
  }
  return null;
}

function repoRoot(from: string, fs: ProjectFs): string | null {
  let dir = from;
  for (let guard = 0; guard < 64; guard++) {
    if ((fs.list(dir) ?? []).some((e) => e.name === '.git')) return dir;
    if (dir === '/') return null;
    dir = dirName(dir);
  }
  return null;
}

/** The file names kustomize reads as a kustomization (konfig.RecognizedKustomizationFileNames). */
const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The files a kustomization applies as patches — `patchesStrategicMerge` entries, and the `path`
 * of `patches` / `patchesJson6902` entries — read from the text (inline patches have no file).
 * Patches are partial resources: a FlinkDeployment patch is not a deployment of its own.
 */
export function kustomizePatchPaths(text: string): string[] {
  const out: string[] = [];
  let section = '';
  // inside an inline patch's block scalar (`patch: |-`): its lines are the patch, not entries
  let blockKeyColumn = -1;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const indent = /^ */.exec(raw)![0].length;
    if (blockKeyColumn >= 0) {
      if (raw.trim() === '' || indent > blockKeyColumn) continue;
      blockKeyColumn = -1;
    }
    const top = /^([A-Za-z][\w]*)\s*:/.exec(raw);
    if (top) {
      section = top[1]!;
      continue;
    }
    const block = /^(\s*(?:-\s+)?)[\w-]+\s*:\s*[|>][-+]?\d*\s*(#.*)?$/.exec(raw) ?? /^(\s*)-\s+[|>][-+]?\d*\s*$/.exec(raw);
    if (block) {
      blockKeyColumn = block[1]!.length - (raw.slice(block[1]!.length).startsWith('|') || raw.slice(block[1]!.length).startsWith('>') ? 2 : 0);
      continue;
    }
    const unquote = (v: string) => v.replace(/^["']|["']$/g, '');
    if (section === 'patchesStrategicMerge') {
      const m = /^\s*-\s+([^\s|>#][^#]*?)\s*(#.*)?$/.exec(raw);
      if (m && /\.ya?ml["']?$/i.test(m[1]!)) out.push(unquote(m[1]!));
    } else if (section === 'patches' || section === 'patchesJson6902') {
      const m = /^\s*(?:-\s+)?path\s*:\s*([^\s#]+)/.exec(raw);
      if (m) out.push(unquote(m[1]!));
    }
  }
  return out;
}

/** A manifest with template placeholders: name the command that renders it. */
function templateNote(file: string, fs: ProjectFs, text: string): Note {
  if (manifestTemplateKind(text) === 'dollar') {
    return { code: 'MANIFEST_TEMPLATE_SKIPPED', message: `${file} is a template: its \${…} placeholders are filled in before it is applied (envsubst, Flux's post-build substitution), so it is not yet a manifest; skipped. Render it (for example \`envsubst < ${baseName(file)}\` with your variables), write the output to a file and check that.`, file };
  }
  // a Helm chart: templates/ (at any depth) under a folder holding Chart.yaml
  let chart: string | null = null;
  for (let d = dirName(file); d !== '/' && d !== '.' && d !== ''; d = dirName(d)) {
    if (baseName(d) === 'templates' && (fs.list(dirName(d)) ?? []).some((e) => !e.dir && e.name === 'Chart.yaml')) {
      chart = dirName(d);
      break;
    }
    if (dirName(d) === d) break;
  }
  const how = chart !== null ? `a Helm chart template (${chart})` : 'a template';
  const render = chart !== null ? `\`helm template ${chart}\` with your values` : 'your templating tool';
  return { code: 'MANIFEST_TEMPLATE_SKIPPED', message: `${file} is ${how}: its {{ … }} placeholders are filled in when it is rendered, so it is not yet a manifest; skipped. Render it with ${render}, write the output to a file and check that.`, file };
}
