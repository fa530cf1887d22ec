// Which services of a Compose project run Flink, as which process, and which Flink release —
// decided from what each container runs (its image or the image its Dockerfile builds on, its
// command and entrypoint), never from the service's name. Each decision keeps the rule that made it.
import { LATEST_PATCH, FLINK_LINES, type FlinkLine } from '../versions.js';
import { NEWEST_PUBLISHED_LINE, newestPublishedImage } from '../images.js';
import { parseImageRef, type ImageRef } from '../docker/image.js';
import type { ComposeService, FlinkRole, ServiceBuild } from './types.js';

/** How far flinkfit knows what an image does at start. */
export type ImageFamily =
  /** Docker Hub's flink / apache/flink: entrypoint and default config modelled exactly */
  | 'official'
  /** another registry's `…/flink`, or Confluent's cp-flink: taken to be built from the official recipe */
  | 'assumed-official'
  /** bitnami/flink: its own scripts and conf directory; only mounted files are analysed */
  | 'bitnami'
  /** an image that runs Flink but whose start-up flinkfit does not know */
  | 'unmodelled'
  /** not a Flink image */
  | 'other';

export type ProcessRole = 'jobmanager' | 'taskmanager' | 'both';

export interface FlinkDetection {
  flink: boolean;
  /** the rule that decided, in words */
  why: string;
  /** JobManager / TaskManager / both (start-cluster.sh); null for other Flink processes or none */
  role: ProcessRole | null;
  /** what the container starts, when known */
  process: FlinkRole | null;
  family: ImageFamily;
  /** the image the container runs: `image:`, or the FROM of its Dockerfile */
  image: ImageRef | null;
  /** where the image came from */
  imageFrom: 'image' | 'dockerfile' | null;
  /** the exact release (1.17.1) or line (1.17) the image runs, or null */
  flinkVersion: string | null;
  versionFrom: 'tag' | 'latest' | 'dockerfile' | 'mounted flink-conf.yaml' | null;
  /** the modelled line whose file handling and memory model are applied; null: unknown */
  line: FlinkLine | null;
  /** set when the release is older than the modelled lines: numbers are approximate */
  approximate: string | null;
  /** the official entrypoint prepares the configuration (FLINK_PROPERTIES, rewrites) */
  officialEntrypoint: boolean;
  /** the image's own default config may be stated as fact */
  imageDefaultsKnown: boolean;
  /** the directory the image's Flink reads its configuration from */
  confDir: string;
  /** the command copies or writes files into the conf directory at start: the config is not known */
  confReplacedByCommand: boolean;
  /** config files the Dockerfile copies into the conf directory: name -> absolute source path */
  bakedConf: Record<string, string> | null;
  /** the tag names a release newer than every line flinkfit models: unknown, not wrong */
  newerThanKnown: boolean;
  /** a build service whose Dockerfile could not be read: its path */
  dockerfileUnread: string | null;
}

/** Reads a file of the project (a Dockerfile); undefined when it cannot. */
export type ProjectReader = (absPath: string) => string | undefined;

const OFFICIAL = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/flink|flink|apache\/flink)$/i;

export function imageFamily(repository: string): ImageFamily {
  const r = repository.toLowerCase();
  if (OFFICIAL.test(r)) return 'official';
  const last = r.split('/').pop() ?? '';
  if (/(?:^|\/)bitnami(?:legacy|charts)?\/flink$/.test(r)) return 'bitnami';
  if (last === 'cp-flink') return 'assumed-official';
  if (last === 'flink') return 'assumed-official';
  // a home-built image that says it is Flink (pyflink/pyflink, my-flink-py, bde2020/flink-master):
  // whether it runs Flink is then decided by its command; its start-up is not known
  if (/flink/i.test(r)) return 'unmodelled';
  return 'other';
}

/** The Flink release an image tag names: `1.20.1-scala_2.12-java17`, `1.20`, `1.19.1-cp2-java17`, `1.18.1-debian-12-r5`. */
export function tagVersion(tag: string | null): { version: string; line: string } | 'latest' | null {
  if (tag === null || tag === '' || tag === 'latest' || /^(?:scala_[\d.]+)?-?(?:java\d+)?$/.test(tag)) return 'latest';
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?=$|[-_])/.exec(tag);
  if (m === null) return null;
  const line = `${Number(m[1])}.${Number(m[2])}`;
  return { version: m[3] === undefined ? line : `${line}.${Number(m[3])}`, line };
}

/** The modelled line for a release line: itself, or for 1.10–1.17 the oldest modelled (1.18, which reads the same file). */
function modelledLine(line: string): { line: FlinkLine; approximate: string | null } | null {
  if ((FLINK_LINES as readonly string[]).includes(line)) return { line: line as FlinkLine, approximate: null };
  const [maj, min] = line.split('.').map(Number) as [number, number];
  if (maj === 1 && min >= 10 && min < 18) {
    return { line: '1.18', approximate: `Flink ${line} is older than the lines flinkfit models (1.18 and later); it is read as 1.18, which reads the same flink-conf.yaml with the same memory model, so every number is approximate (Flink 1.x < 1.18)` };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// What the container starts
// ---------------------------------------------------------------------------------------------

const ENTRYPOINT_COMMANDS: Record<string, FlinkRole> = {
  jobmanager: 'jobmanager',
  taskmanager: 'taskmanager',
  'standalone-job': 'standalone-job',
  'history-server': 'history-server',
};

/** Derivatives seen in real projects whose image starts one Flink process by itself. */
const KNOWN_DERIVATIVES: Record<string, FlinkRole> = {
  'bde2020/flink-master': 'jobmanager',
  'bde2020/flink-worker': 'taskmanager',
};

const SCRIPTS: Array<[RegExp, FlinkRole]> = [
  // the official entrypoint called from a shell script: `… && /docker-entrypoint.sh jobmanager`
  [/docker-entrypoint\.sh["']?\s+["']?jobmanager\b/, 'jobmanager'],
  [/docker-entrypoint\.sh["']?\s+["']?taskmanager\b/, 'taskmanager'],
  [/docker-entrypoint\.sh["']?\s+["']?standalone-job\b/, 'standalone-job'],
  [/(?:^|[/\s;&|"'])start-cluster\.sh\b/, 'cluster'],
  [/(?:^|[/\s;&|"'])jobmanager\.sh\b/, 'jobmanager'],
  [/(?:^|[/\s;&|"'])standalone-job\.sh\b/, 'standalone-job'],
  [/(?:^|[/\s;&|"'])taskmanager\.sh\b/, 'taskmanager'],
  [/(?:^|[/\s;&|"'])historyserver\.sh\b/, 'history-server'],
  [/(?:^|[/\s;&|"'])sql-gateway\.sh\b/, 'sql-gateway'],
  [/(?:^|[/\s;&|"'])(?:sql-client\.sh|flink|pyflink-shell\.sh)(?:\s|$|"|')/, 'client'],
];

/** The process a command line starts: the official entrypoint's words first, then Flink's scripts. */
export function processOf(words: string[], officialEntrypoint: boolean): FlinkRole | null {
  const first = words[0];
  if (officialEntrypoint && first !== undefined && ENTRYPOINT_COMMANDS[first]) return ENTRYPOINT_COMMANDS[first]!;
  const text = words.join(' ');
  for (const [re, role] of SCRIPTS) if (re.test(text)) return role;
  return null;
}

function roleOfProcess(p: FlinkRole | null): ProcessRole | null {
  if (p === 'jobmanager' || p === 'standalone-job') return 'jobmanager';
  if (p === 'taskmanager') return 'taskmanager';
  if (p === 'cluster') return 'both';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dockerfiles: the FROM a `build:` service ends up on
// ---------------------------------------------------------------------------------------------

export interface DockerfileBase {
  image: string | null;
  /** an ENTRYPOINT of its own replaces the base image's */
  entrypoint: boolean;
  /** files COPY'd / ADD'ed into a conf directory: the image's config is no longer the base's */
  copiesConf: boolean;
  /** those copies: source relative to the build context, file name in the conf directory (null: a whole directory) */
  confCopies: Array<{ source: string; file: string | null }>;
  why: string;
}

/** The base image of a Dockerfile's final stage, with ARG defaults and build args substituted. */
export function dockerfileBase(text: string, buildArgs: Readonly<Record<string, string>>): DockerfileBase {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const globalArgs: Record<string, string> = {};
  const stages: Array<{ name: string | null; image: string }> = [];
  let entrypoint = false;
  let copiesConf = false;
  let confCopies: DockerfileBase['confCopies'] = [];
  const subst = (s: string, vars: Record<string, string>) =>
    s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a, def, b) => {
      const n = (a ?? b) as string;
      return vars[n] ?? buildArgs[n] ?? def ?? '';
    });
  let inStage = false;
  for (const raw of lines) {
    const l = raw.trim();
    if (l === '' || l.startsWith('#')) continue;
    const m = /^(\w+)\s+(.*)$/.exec(l);
    if (!m) continue;
    const ins = m[1]!.toUpperCase();
    const rest = m[2]!;
    if (ins === 'ARG' && !inStage) {
      const a = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest.trim());
      if (a) {
        const v = buildArgs[a[1]!] ?? (a[2] !== undefined ? a[2].replace(/^["']|["']$/g, '') : undefined);
        if (v !== undefined) globalArgs[a[1]!] = v;
      }
    } else if (ins === 'FROM') {
      inStage = true;
      const parts = rest.split(/\s+/).filter((p) => !p.startsWith('--'));
      const image = subst(parts[0] ?? '', globalArgs);
      const as = parts.findIndex((p) => p.toLowerCase() === 'as');
      const prev = stages.find((s) => s.name !== null && s.name === image.toLowerCase());
      stages.push({ name: as >= 0 ? (parts[as + 1] ?? '').toLowerCase() : null, image: prev ? prev.image : image });
      entrypoint = false;
      copiesConf = false;
      confCopies = [];
    } else if (ins === 'ENTRYPOINT') {
      entrypoint = true;
    } else if ((ins === 'COPY' || ins === 'ADD') && /(?:\/opt\/flink|\$\{?FLINK_HOME\}?)\/conf(?:\/|\s|$)/.test(rest)) {
      copiesConf = true;
      const args = rest.split(/\s+/).filter((a) => a !== '' && !a.startsWith('--'));
      const dest = (args.pop() ?? '').replace(/\$\{?FLINK_HOME\}?/, '/opt/flink');
      const inConf = /^\/opt\/flink\/conf\/?$/.test(dest);
      for (const src of args) {
        const name = src.replace(/\/+$/, '').split('/').pop() ?? '';
        confCopies.push({ source: src, file: inConf ? (/\.[\w]+$/.test(name) ? name : null) : (dest.split('/').pop() ?? null) });
      }
    }
  }
  const last = stages[stages.length - 1];
  if (!last) return { image: null, entrypoint, copiesConf, confCopies, why: 'the Dockerfile has no FROM' };
  return { image: last.image, entrypoint, copiesConf, confCopies, why: `its Dockerfile builds FROM ${last.image}` };
}

// ---------------------------------------------------------------------------------------------
// The decision
// ---------------------------------------------------------------------------------------------

export interface DetectOptions {
  read: ProjectReader;
  /** how to name a project file in the `why` text */
  label?: (absPath: string) => string;
  /** images that a service of the project builds (`build:` with `image:`): another service using the tag runs that build */
  builtImages?: ReadonlyMap<string, ServiceBuild>;
  /** --flink-version: the release every Flink service is explained as */
  flinkVersion?: { line: FlinkLine; version: string };
}

export function detectFlink(svc: ComposeService, opts: DetectOptions): FlinkDetection {
  let image: ImageRef | null = svc.image;
  let imageFrom: FlinkDetection['imageFrom'] = image ? 'image' : null;
  let own: DockerfileBase | null = null;
  const whyParts: string[] = [];
  const build = svc.build ?? (svc.image ? (opts.builtImages?.get(svc.image.ref) ?? null) : null);
  if (build !== null) {
    const path = joinPath(build.context, build.dockerfile);
    const text = opts.read(path);
    if (text !== undefined) {
      own = dockerfileBase(text, build.args);
      // with both build and image, Compose builds and tags the result as `image`: what runs is the build
      if (own.image) {
        image = parseImageRef(own.image);
        imageFrom = 'dockerfile';
      }
      whyParts.push(own.why);
    } else {
      whyParts.push(`its Dockerfile (${opts.label ? opts.label(path) : path}) could not be read`);
    }
  }
  const family = image ? imageFamily(image.repository) : 'other';
  const ownEntrypoint = svc.entrypoint !== null || own?.entrypoint === true;
  const officialEntrypoint = (family === 'official' || family === 'assumed-official') && !ownEntrypoint;
  const words = [...(svc.entrypoint?.value ?? []), ...(svc.command?.value ?? [])];
  const process = processOf(svc.entrypoint !== null ? words : (svc.command?.value ?? []), officialEntrypoint && svc.entrypoint === null);
  // bitnami's run.sh takes the same words as the official entrypoint
  const bitnamiMode = svc.environment.FLINK_MODE?.value;
  const bitnamiProcess = family === 'bitnami' && svc.entrypoint === null ? (processOf(svc.command?.value ?? [], true) ?? (bitnamiMode ? processOf([bitnamiMode], true) : null)) : null;
  // an image that only says "flink" in its name runs the official entrypoint's words if it is built on it
  const namedProcess = family === 'unmodelled' && process === null && svc.entrypoint === null ? processOf(svc.command?.value ?? [], true) : null;
  // images of known derivatives whose own start-up runs one Flink process (bde2020/flink-master, -worker)
  const knownProcess = image ? (KNOWN_DERIVATIVES[image.repository.toLowerCase()] ?? null) : null;
  const proc = process ?? bitnamiProcess ?? namedProcess ?? (svc.command === null && svc.entrypoint === null ? knownProcess : null);
  const flinkImage = family !== 'other';
  // a Flink image told to run something else (`java -cp … DataGenerator`) is not a Flink process
  // (an idle container — tail -f /dev/null, sleep infinity — is a Flink client box one execs into)
  const text = words.join(' ');
  const idle = /^(?:tail\s+-f\s+\/dev\/null|sleep\s+(?:infinity|\d+))\s*$/.test(text.trim()) || /(?:^|[;&|\n]\s*)(?:tail\s+-f\s+\/dev\/null|sleep\s+infinity)\s*$/.test(text.trim());
  const runsOther = proc === null && (svc.command !== null || svc.entrypoint !== null) && !idle && !/(?:^|[\s/"'])(?:flink|[\w.-]+\.sh)(?=$|[\s"'])|docker-entrypoint/.test(text);
  const flink = (flinkImage && !runsOther) || proc !== null;

  const det: FlinkDetection = {
    flink,
    why: '',
    role: roleOfProcess(proc),
    process: proc,
    family: flinkImage ? family : proc !== null ? 'unmodelled' : 'other',
    confReplacedByCommand: false,
    image,
    imageFrom,
    flinkVersion: null,
    versionFrom: null,
    line: null,
    approximate: null,
    officialEntrypoint,
    imageDefaultsKnown: false,
    confDir: family === 'bitnami' ? '/opt/bitnami/flink/conf' : svc.confDir,
    dockerfileUnread: build !== null && own === null ? joinPath(build.context, build.dockerfile) : null,
    bakedConf: null,
    newerThanKnown: false,
  };
  const imageText = image ? image.ref : 'no image';
  det.confReplacedByCommand = /\b(?:cp|mv|ln|install|envsubst|tee|cat)\b[^;&|\n]*(?:\/opt\/flink\/conf|\$\{?FLINK_HOME\}?\/conf|\/opt\/bitnami\/flink\/conf)|>\s*["']?(?:\/opt\/flink\/conf|\$\{?FLINK_HOME\}?\/conf)/.test(words.join(' '));
  if (!flink && flinkImage) {
    det.why = `${imageText} is a Flink image, but its ${svc.entrypoint !== null ? 'entrypoint' : 'command'} (${words.slice(0, 3).join(' ')}${words.length > 3 ? ' …' : ''}) starts no Flink process`;
    return det;
  }
  if (!flink) {
    det.why = `${imageText} is not a Flink image${whyParts.length ? ` (${whyParts.join('; ')})` : ''} and its command starts no Flink process`;
    return det;
  }
  const how = proc === null ? 'no JobManager or TaskManager' : proc === 'cluster' ? 'start-cluster.sh (a JobManager and a TaskManager in one container)' : proc;
  const cmdFrom = svc.entrypoint !== null ? 'entrypoint' : 'command';
  const runs = proc === null ? (svc.command === null && svc.entrypoint === null ? 'no command' : `its ${cmdFrom} starts ${how}`) : `its ${cmdFrom} starts ${how}`;
  const famText: Record<ImageFamily, string> = {
    official: 'the official flink image',
    'assumed-official': 'taken to be built like the official flink image',
    bitnami: "Bitnami's flink image (its own start scripts)",
    unmodelled: 'an image whose start-up flinkfit does not know',
    other: '',
  };
  det.why = `${imageFrom === 'dockerfile' ? `built FROM ${imageText}` : imageText} — ${famText[det.family]}${whyParts.length && imageFrom !== 'dockerfile' ? ` (${whyParts.join('; ')})` : ''}; ${runs}`;

  // which Flink
  if (opts.flinkVersion) {
    det.line = opts.flinkVersion.line;
    det.flinkVersion = opts.flinkVersion.version;
  } else if (image && (det.family !== 'unmodelled' || /flink/i.test(image.repository))) {
    const tv = tagVersion(image.tag);
    if (tv === 'latest') {
      if (image.digest === null || image.tag !== null) {
        // `latest` is the newest release with a published image (images.ts)
        det.line = NEWEST_PUBLISHED_LINE;
        det.flinkVersion = newestPublishedImage(NEWEST_PUBLISHED_LINE) ?? LATEST_PATCH[NEWEST_PUBLISHED_LINE];
        det.versionFrom = 'latest';
      }
    } else if (tv !== null) {
      det.flinkVersion = tv.version;
      det.versionFrom = imageFrom === 'dockerfile' ? 'dockerfile' : 'tag';
      const m = modelledLine(tv.line);
      if (m) {
        det.line = m.line;
        det.approximate = m.approximate;
      } else {
        const newest = FLINK_LINES[FLINK_LINES.length - 1]!.split('.').map(Number) as [number, number];
        const [maj, min] = tv.line.split('.').map(Number) as [number, number];
        det.newerThanKnown = maj > newest[0] || (maj === newest[0] && min > newest[1]);
      }
    }
  }
  if (det.line === null && det.flinkVersion === null && svc.confMounts.some((m) => m.file === 'flink-conf.yaml') && !svc.confMounts.some((m) => m.file === 'config.yaml')) {
    // a mounted flink-conf.yaml and nothing else to go by: a 1.x Flink; 1.20 is the newest that reads it
    det.line = '1.20';
    det.flinkVersion = '1.x';
    det.versionFrom = 'mounted flink-conf.yaml';
    det.approximate = 'the image does not say which Flink it runs; a mounted flink-conf.yaml points to Flink 1.x, read here as 1.20 (the newest that reads it), so every number is approximate';
  }
  // files the Dockerfile copies into the conf directory are part of the image's config when they can be read
  let bakedKnown = own?.copiesConf !== true;
  if (own?.copiesConf && build) {
    const baked: Record<string, string> = {};
    bakedKnown = own.confCopies.every((c) => {
      if (c.file === null) return false;
      const abs = joinPath(build.context, c.source);
      if (opts.read(abs) === undefined) return false;
      baked[c.file] = abs;
      return true;
    });
    if (bakedKnown) det.bakedConf = baked;
  }
  det.imageDefaultsKnown = (det.family === 'official' || det.family === 'assumed-official') && bakedKnown && !det.confReplacedByCommand && det.line !== null && det.versionFrom !== 'mounted flink-conf.yaml';
  return det;
}

function joinPath(dir: string, file: string): string {
  if (file.startsWith('/')) return file;
  return `${dir.replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}
