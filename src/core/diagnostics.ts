// Diagnostics are data: a stable code, a severity, where (file, line, key) and a plain message.
// Every code has one entry in DIAGNOSTIC_INFO; docs/diagnostics.md is generated from it and a test
// keeps the two in step, so a new code without documentation fails the build.

import { COMPOSE_CODES, ENTRYPOINT_CODES } from './docker/codes.js';
import type { ComposeCode } from './compose/types.js';
import { COMPOSE_LOAD_CODES, type ComposeLoadCode } from './compose/codes.js';
import type { EntrypointCode } from './docker/entrypoint.js';
import { KUBERNETES_CODES, type KubernetesCode } from './k8s/codes.js';

export type Severity = 'error' | 'warning' | 'info';

const CORE_INFO = {
  // Flink's own verdict
  TM_REFUSED: { severity: 'error', title: 'Flink would refuse the TaskManager memory configuration', description: 'The TaskManager would fail at start-up: its memory options contradict each other or do not fit the total. The message gives Flink\'s reason with the numbers and the smallest process size that would start.' },
  JM_REFUSED: { severity: 'error', title: 'Flink would refuse the JobManager memory configuration', description: 'The JobManager would fail at start-up, for the reason given with the numbers, and the smallest process size that would start.' },
  IGNORED_CONFIG_REFUSED: { severity: 'error', title: 'An ignored config file would be refused anyway', description: 'A mounted config file the image does not read (COMPOSE_CONFIG_IGNORED) was judged on the newest Flink that reads it, and Flink would refuse its memory settings there too: fixing the mount alone is not enough.' },
  CONFIG_LOAD_ERROR: { severity: 'error', title: 'Flink cannot load the configuration file', description: 'The file Flink reads is not valid for that version (YAML syntax, duplicate keys, a null value, a tab in indentation…). Flink stops before it looks at memory. The same code marks a file past one of flinkfit\'s own limits, which Flink does not have (more than 50,000 keys, a YAML alias budget or nesting depth, 256 KiB for a config.yaml that needs the full YAML reader): the message says which.' },
  NO_CONFIG_FILE: { severity: 'error', title: 'Flink finds no configuration file it reads', description: 'The conf directory holds no file under the name this Flink version reads (flink-conf.yaml for 1.18, config.yaml for 2.x).' },
  // files
  CONFIG_FILE_IGNORED: { severity: 'warning', title: 'A configuration file this Flink version does not read', description: 'For example a flink-conf.yaml given to Flink 2.x, a config.yaml beside a flink-conf.yaml in 1.19/1.20, or a file with a name Flink does not look for (flink-conf.yml, Config.yaml). Its settings have no effect.' },
  FLAT_BOM_IN_KEY: { severity: 'warning', title: 'A byte-order mark glued to the first key of flink-conf.yaml', description: 'The flat parser keeps a leading U+FEFF as part of the first key, so that key is not the option it looks like. Save the file as UTF-8 without BOM.' },
  LEGACY_CONFIG_FILE: { severity: 'info', title: 'flink-conf.yaml is deprecated', description: 'Flink 1.19 and 1.20 still read flink-conf.yaml (and prefer it to config.yaml), but 2.x reads only config.yaml. Migrate before upgrading.' },
  FLAT_LINE_SKIPPED: { severity: 'warning', title: 'A line of flink-conf.yaml that Flink skips', description: 'The flat parser needs "key: value" with a space after the colon; other lines are skipped with only a log warning.' },
  DUPLICATE_KEY: { severity: 'warning', title: 'A key set twice in one file', description: 'In flink-conf.yaml the last occurrence wins silently; in config.yaml the same key written nested and dotted is allowed and the later wins. (A key repeated within one YAML mapping is refused: that is CONFIG_LOAD_ERROR.)' },
  // keys and values
  SIZE_WITHOUT_UNIT: { severity: 'warning', title: 'A memory size without a unit', description: 'Flink reads a plain number as bytes: "1024" is 1 KiB, not 1024 MiB. Write the unit: 1024m.' },
  DEPRECATED_KEY: { severity: 'warning', title: 'A deprecated key that still works', description: 'Flink still honours the old name (for example taskmanager.network.memory.min) but it may be removed; use the new name given.' },
  LEGACY_KEY: { severity: 'warning', title: 'A legacy memory key that Flink 1.x reinterprets', description: 'taskmanager.heap.size, jobmanager.heap.size, their .mb forms and taskmanager.network.numberOfBuffers are mapped onto the new memory model by Flink 1.x and removed in 2.x.' },
  KEY_IGNORED_BY_VERSION: { severity: 'warning', title: 'A memory key this Flink version ignores', description: 'The key was removed in this version (for example taskmanager.heap.size in Flink 2.x); it has no effect.' },
  UNKNOWN_MEMORY_KEY: { severity: 'warning', title: 'An unknown memory key', description: 'A key under taskmanager.memory.* or jobmanager.memory.* that Flink does not define; usually a typo. The closest known key is suggested.' },
  OPTION_SET_TWICE: { severity: 'warning', title: 'One memory option set under two names', description: 'The option is set both by its current key and a deprecated or legacy key; Flink uses the one named in the message and ignores the other.' },
  // versions and images
  FILE_KIND_ASSUMED: { severity: 'info', title: 'Config file kind assumed', description: 'A file not named flink-conf.yaml or config.yaml was read as the one its content looks like (flat key: value lines, or nested YAML).' },
  VERSION_ASSUMED: { severity: 'info', title: 'Flink version assumed', description: 'No --flink-version and no image tag said which Flink runs; flinkfit assumed the version named.' },
  FLINK_VERSION_UNSUPPORTED: { severity: 'error', title: 'Not a Flink version flinkfit models', description: 'The version given is not a version number, or its release line is not one flinkfit computes (1.18 … 2.3). The library loaders return it instead of throwing; the command line exits 2.' },
  // budget and machine (check)
  BUDGET_EXCEEDED: { severity: 'error', title: 'The processes do not fit the machine', description: 'JobManager + N × TaskManager process memory + reserved sidecars (--reserve) + the preset\'s system share exceed the machine\'s memory. The message says by how much, what each part takes and the smallest bundled preset that fits. A refused process counts with the least size that would start.' },
  BUDGET_FITS: { severity: 'info', title: 'The processes fit the machine', description: 'What the processes and sidecars take and how much of the machine is left.' },
  SLOTS_ABOVE_VCPUS: { severity: 'warning', title: 'Far more task slots than CPUs', description: 'Each slot runs a share of the job\'s tasks on its own threads; with more than twice as many slots as vCPUs they mostly wait for CPU, and on burstable machines the sustained share is lower still.' },
  MANAGED_MEMORY_UNUSED: { severity: 'warning', title: 'Managed memory reserved but the hashmap state backend does not use it', description: 'Managed memory serves RocksDB, batch operators and Python. A streaming job on the hashmap (heap) backend leaves it idle: on a small machine give it to the task heap (taskmanager.memory.managed.fraction: 0 or managed.size: 0).' },
  MANAGED_MEMORY_MISSING: { severity: 'warning', title: 'RocksDB without managed memory', description: 'The RocksDB state backend takes its block cache and write buffers from managed memory; with none, RocksDB falls back to unbounded native memory, which a container limit then kills.' },
  // containers and compose
  CONTAINER_LIMIT_MISSING: { severity: 'warning', title: 'A Flink container without a memory limit', description: 'Without mem_limit or deploy.resources.limits.memory the container can take the whole machine; set it to the process size (flinkfit generate does).' },
  SERVICE_LIMIT_MISSING: { severity: 'warning', title: 'A service beside Flink without a memory limit', description: 'The budget counts every container on the machine; one without mem_limit or deploy.resources.limits.memory cannot be counted. Set a limit, or pass --reserve NAME=SIZE for it.' },
  NOT_FLINK_CONFIG: { severity: 'info', title: 'A YAML file that holds no Flink option', description: 'A config.yaml (or another file given) in which no key belongs to Flink, such as a static-site generator\'s config.yaml. It is skipped, never refused.' },
  CONFIG_CHECKED_WITH_COMPOSE: { severity: 'info', title: 'A config file checked with the compose project that mounts it', description: 'A config file named on its own is checked as written, and the compose project whose services mount it is checked too: a change to a mounted config is a change to that deployment, where the image, FLINK_PROPERTIES and limits decide what runs.' },
  COMPOSE_FILE_SHADOWED: { severity: 'info', title: 'A compose file that docker compose does not pick', description: 'With several default names in one folder, docker compose uses the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml.' },
  NO_DEPLOYMENT_FOUND: { severity: 'info', title: 'No Flink deployment in a folder', description: 'The folder holds no compose file, no Flink config file and no FlinkDeployment manifest.' },
  MANIFEST_TEMPLATE_SKIPPED: { severity: 'info', title: 'A FlinkDeployment template, not yet a manifest', description: 'A file with a FlinkDeployment or FlinkSessionJob whose values are template placeholders ({{ … }}, as in a Helm chart\'s templates/): what it deploys is known only once it is rendered, so it is skipped rather than checked as broken YAML. Render it (helm template CHART -f values.yaml > rendered.yaml) and check the output.' },
  KUSTOMIZE_PATCH_SKIPPED: { severity: 'info', title: 'A kustomize patch of a FlinkDeployment', description: 'A file a kustomization.yaml lists under patches, patchesStrategicMerge or patchesJson6902 holds only the fields it changes, so it is not checked as a whole FlinkDeployment. The base it patches is checked as written; what deploys is the output of kustomize build on the overlay — write it to a file and check that.' },
  CONTAINER_LIMIT_TOO_LOW: { severity: 'error', title: 'A container memory limit below the process size', description: 'The JVM is sized to the process memory; a lower container limit gets it killed (exit 137) when it grows into its budget.' },
} as const satisfies Record<string, DiagnosticInfo>;

export interface DiagnosticInfo {
  severity: Severity;
  title: string;
  description: string;
}

export type DiagnosticCode = keyof typeof CORE_INFO | ComposeCode | ComposeLoadCode | EntrypointCode | KubernetesCode;

/** Every code flinkfit can report, with its default severity and documentation. */
export const DIAGNOSTIC_INFO: Readonly<Record<DiagnosticCode, DiagnosticInfo>> = { ...CORE_INFO, ...COMPOSE_LOAD_CODES, ...COMPOSE_CODES, ...ENTRYPOINT_CODES, ...KUBERNETES_CODES };

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  key?: string;
  /** which process the finding concerns, when it concerns one */
  role?: 'taskmanager' | 'jobmanager';
}

export function diag(code: DiagnosticCode, message: string, where: Omit<Diagnostic, 'code' | 'severity' | 'message'> = {}): Diagnostic {
  return { code, severity: DIAGNOSTIC_INFO[code].severity, message, ...where };
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** 1234567 -> "1,234,567" (without Intl, which the web build need not carry). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Findings of one code in one file listed one by one; the rest are counted in one more finding. */
export const MAX_LISTED_PER_CODE = 100;

interface Countable {
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  key?: string;
}

/**
 * Findings gathered with at most `max` of each code in each file, in their order; the first one
 * past that stands for all the rest and, once done() is called, says how many. A generated file of
 * millions of bad lines thus gives a readable report, and a run that stays small: a source asks
 * admit() before it builds a finding, so the rest are only counted.
 */
/** The findings that stand for others: capped again, each is kept as it is, not counted. */
const summaries = new WeakSet<object>();

export class FindingCap<T extends Countable> {
  private readonly list: T[] = [];
  private readonly groups = new Map<string, { n: number; summary?: T }>();
  constructor(private readonly max = MAX_LISTED_PER_CODE) {}

  /** Counts a finding of `code` in `file`; true when it is to be built and add()ed. */
  admit(code: string, file: string | undefined): boolean {
    const g = `${code}\u0000${file ?? ''}`;
    let e = this.groups.get(g);
    if (!e) this.groups.set(g, (e = { n: 0 }));
    e.n++;
    return e.n <= this.max + 1;
  }

  /** Adds the finding admit() just let through. */
  add(d: T): void {
    const e = this.groups.get(`${d.code}\u0000${d.file ?? ''}`);
    if (!e || e.n <= this.max) {
      this.list.push(d);
      return;
    }
    e.summary = { ...d };
    delete e.summary.key; // it stands for many keys, not one
    summaries.add(e.summary);
    this.list.push(e.summary);
  }

  push(d: T): void {
    if (summaries.has(d)) this.list.push(d);
    else if (this.admit(d.code, d.file)) this.add(d);
  }

  /** The findings, each summary saying how many it stands for. */
  done(): T[] {
    for (const e of this.groups.values()) {
      if (!e.summary) continue;
      const where = e.summary.line !== undefined ? ', from this line on,' : '';
      e.summary.message = `${thousands(e.n - this.max)} more ${e.summary.code} findings in this file${where} are not listed one by one: flinkfit lists the first ${this.max} of each kind in a file`;
    }
    return this.list;
  }
}

/** `list` with at most `max` findings of each code in each file (FindingCap). */
export function capPerCode<T extends Countable>(list: readonly T[], max = MAX_LISTED_PER_CODE): T[] {
  const cap = new FindingCap<T>(max);
  for (const d of list) cap.push(d);
  return cap.done();
}
