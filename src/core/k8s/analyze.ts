// A FlinkDeployment as the Flink Kubernetes Operator and Flink's native Kubernetes integration turn
// it into pods: the Flink configuration each process gets (FlinkConfigBuilder.buildFrom), the
// validator's verdict (DefaultValidator.validateDeployment), the pods' resources
// (KubernetesUtils.getResourceRequirements) and the cluster memory the operator reports
// (FlinkUtils.calculateClusterMemoryUsage) — then flinkfit's memory model on each process.
// Operator sources: apache/flink-kubernetes-operator at the release tag chosen (operator.ts);
// Flink sources: apache/flink flink-kubernetes (KubernetesConfigOptions, KubernetesUtils,
// Kubernetes{JobManager,TaskManager}Parameters) and flink-runtime TaskExecutorProcessUtils. Pure.
import type { Explanation, RoleReport } from '../analysis/explain.js';
import { defaultsInTheWay, smallestFix } from '../analysis/fix.js';
import { diag, type Diagnostic } from '../diagnostics.js';
import { javaDoubleToString, parseJavaDouble, parseJavaInt } from '../java.js';
import { resolveJobManagerConfig, resolveTaskManagerConfig } from '../memory/index.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import { JM, TM } from '../options.js';
import { formatBytes, parseMemorySize } from '../size.js';
import { FLINK_LINES, LATEST_PATCH, type FlinkLine } from '../versions.js';
import type { ManifestResource } from './manifest.js';
import { OPERATOR_DEFAULT_CONFIG, OPERATOR_RELEASES, flinkVersionAtLeast, flinkVersionParts, type OperatorVersion } from './operator.js';
import { kubernetesBytes, kubernetesQuantityAmount, parseResourceMemory } from './quantity.js';
import { minimumFindings } from './minimums.js';
import { workloadFindings } from '../check/workload.js';
import { append } from '../arrays.js';

const MiB = 1024n * 1024n;

export type Role = 'jobmanager' | 'taskmanager';

export interface PodResources {
  requests: { memory: string; cpu: string };
  limits: { memory: string; cpu: string };
}

export interface KubernetesRole {
  /** pods of this process: JobManager replicas, or TaskManagers (0 for a native session until jobs come) */
  replicas: number;
  /** how the count came about, in words */
  replicasFrom: string;
  /** the Flink options the operator sets for this process, as the process reads them */
  flinkConfig: Record<string, string>;
  /** what each of them replaced in flinkConfiguration, if anything */
  overrode: Record<string, string>;
  /** the main container's resources exactly as Flink writes them; null when Flink cannot build the pod */
  pod: PodResources | null;
  /** the whole pod's memory request in bytes, for scheduling: the main container's whole MiB plus the pod template's sidecars (or its largest init container, if larger) */
  requestBytes: bigint | null;
  /** what the pod template's other containers request, in bytes (included in requestBytes) */
  sidecarRequestBytes: bigint;
  limitBytes: bigint | null;
}

export interface KubernetesDeployment {
  kind: 'kubernetes';
  file: string;
  line: number;
  name: string;
  namespace: string | null;
  operatorVersion: OperatorVersion;
  /** spec.flinkVersion as written (v1_20) */
  flinkVersion: string | null;
  /** the Flink release the memory model ran for, or null */
  modelledVersion: string | null;
  mode: 'native' | 'standalone';
  cluster: 'application' | 'session';
  image: string | null;
  jobmanager: KubernetesRole;
  taskmanager: KubernetesRole;
  /** FlinkUtils.calculateClusterMemoryUsage: limits × replicas, in bytes (decimal string in JSON) */
  clusterMemory: bigint | null;
  /**
   * FlinkUtils.calculateClusterCpuUsage, as status.clusterInfo "total-cpu" shows it (Java's
   * String.valueOf(double), e.g. "3.0"): cpu × cpu limit factor × replicas, TaskManagers plus
   * JobManagers. Null when Flink cannot build the pods.
   */
  clusterCpu: string | null;
  /** the validator's errors in the order it checks (the operator reports the first) */
  errors: string[];
  findings: Diagnostic[];
  /** the memory model's view, for the usual explain rendering */
  explanation: Explanation;
  /** the effective configuration, key → value, as the operator hands it to Flink */
  effectiveConfig: Record<string, string>;
  taskSlots: number;
  parallelism: number | null;
}

export interface AnalyzeOptions {
  operatorVersion: OperatorVersion;
}

// --------------------------------------------------------------------------------------------
// small readers over the manifest's plain data

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
function num(v: unknown): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  return undefined;
}

/** Jackson's JsonNode.asText for a scalar the YAML parser produced. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return javaDoubleToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return '';
}

/**
 * ConfigObjectNode.asFlatMap (operator ≥ 1.13): nested keys joined with '.', a list becomes its
 * items' text joined with ';' (an empty list sets nothing), other scalars their text. Later
 * entries win over earlier ones with the same flattened key, as in the HashMap it fills.
 */
export function flattenFlinkConfiguration(node: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const o = obj(node);
  if (o) {
    for (const [k, v] of Object.entries(o)) flattenFlinkConfiguration(v, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (Array.isArray(node)) {
    if (node.length > 0) out[prefix] = node.map(asText).join(';');
  } else {
    out[prefix] = asText(node);
  }
  return out;
}

// --------------------------------------------------------------------------------------------

/** HighAvailabilityMode.isHighAvailabilityModeActivated: any value but NONE (case-insensitive). */
function haActive(conf: Readonly<Record<string, string>>): boolean {
  const v = conf['high-availability.type'] ?? conf['high-availability'];
  return v !== undefined && v.toUpperCase() !== 'NONE';
}

function readDouble(conf: Readonly<Record<string, string>>, keys: string[], dflt: number): number {
  for (const k of keys) {
    const v = conf[k];
    if (v === undefined) continue;
    const d = parseJavaDouble(v);
    if (d !== null) return d;
  }
  return dflt;
}

function readInt(conf: Readonly<Record<string, string>>, key: string, dflt: number): number {
  const v = conf[key];
  if (v === undefined) return dflt;
  return parseJavaInt(v.trim()) ?? dflt;
}

/** Flink's line for spec.flinkVersion (v1_20 → 1.20) when flinkfit models it, with the image's patch. */
function modelVersion(flinkVersion: string | undefined, image: string | undefined): { line: FlinkLine; version: string } | undefined {
  const p = flinkVersion ? flinkVersionParts(flinkVersion) : undefined;
  if (!p) return undefined;
  const line = `${p.major}.${p.minor}`;
  if (!(FLINK_LINES as readonly string[]).includes(line)) return undefined;
  const l = line as FlinkLine;
  const tag = imageFlinkVersion(image);
  const version = tag && tag.startsWith(`${line}.`) ? tag : LATEST_PATCH[l];
  return { line: l, version };
}

/** The Flink release an image tag names: flink:1.20.1-scala_2.12-java17 → 1.20.1, apache/flink:2.0 → 2.0. */
export function imageFlinkVersion(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return undefined;
  const tag = image.slice(colon + 1).split('@')[0]!;
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-_.]|$)/.exec(tag);
  if (!m) return undefined;
  return m[3] !== undefined ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}.${m[2]}`;
}

/** Java's (int) cast of a double: toward zero, clamped to the int range. */
function javaIntCast(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d);
}

/** KubernetesUtils.getResourceRequirements: request = memory MiB + "Mi", limit = (int)(MiB × factor) + "Mi"; cpu as Java prints the double. */
export function podResources(memMiB: number, memFactor: number, cpu: number, cpuFactor: number): PodResources {
  return {
    requests: { memory: `${memMiB}Mi`, cpu: javaDoubleToString(cpu) },
    limits: { memory: `${javaIntCast(memMiB * memFactor)}Mi`, cpu: javaDoubleToString(cpu * cpuFactor) },
  };
}

/** MemorySize.getMebiBytes: (int) (bytes >> 20). */
function mebiBytes(bytes: bigint): number {
  return Number(BigInt.asIntN(32, bytes >> 20n));
}

interface TemplateContainer {
  name: string;
  init: boolean;
  requests: Obj;
  limits: Obj;
  path: (string | number)[];
}

/**
 * The containers of a process's pod template: spec.podTemplate, with spec.<role>.podTemplate's
 * containers replacing those of the same name (the operator merges the two templates;
 * FlinkUtils.mergePodTemplates). Flink's main container is `flink-main-container`.
 */
function templateContainers(spec: Obj, roleKey: 'jobManager' | 'taskManager'): TemplateContainer[] {
  const out = new Map<string, TemplateContainer>();
  const add = (tpl: unknown, base: (string | number)[]) => {
    const ps = obj(obj(tpl)?.spec);
    if (!ps) return;
    for (const [field, init] of [['containers', false], ['initContainers', true]] as const) {
      const list = ps[field];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        const co = obj(c);
        if (!co) return;
        const name = str(co.name) ?? `#${i}`;
        const r = obj(co.resources) ?? {};
        out.set(`${init}:${name}`, { name, init, requests: obj(r.requests) ?? {}, limits: obj(r.limits) ?? {}, path: [...base, 'spec', field, i, 'resources'] });
      });
    }
  };
  add(spec.podTemplate, ['spec', 'podTemplate']);
  add(obj(spec[roleKey])?.podTemplate, ['spec', roleKey, 'podTemplate']);
  return [...out.values()];
}

/** A container's memory request as the scheduler counts it: the request, else the limit (Kubernetes defaults one to the other). */
function containerMemory(c: TemplateContainer): bigint {
  const v = c.requests.memory ?? c.limits.memory;
  const b = v === undefined || v === null ? undefined : kubernetesBytes(asText(v));
  return b ? b.bytes + (b.exact ? 0n : 1n) : 0n;
}

export function analyzeFlinkDeployment(res: ManifestResource, file: string, opts: AnalyzeOptions): KubernetesDeployment {
  const release = OPERATOR_RELEASES[opts.operatorVersion];
  const spec = obj(res.data.spec) ?? {};
  const findings: Diagnostic[] = [];
  const errors: string[] = [];
  const at = (path: (string | number)[], role?: Role) => ({ file, line: res.lineOf(path), ...(role ? { role } : {}) });
  const refuse = (message: string, path: (string | number)[], code: 'K8S_VALIDATION_ERROR' | 'K8S_MEMORY_REFUSED' | 'K8S_FLINK_VERSION_REFUSED' | 'K8S_JOBMANAGER_HA_MISSING' = 'K8S_VALIDATION_ERROR', role?: Role, words = '') => {
    errors.push(message);
    findings.push(diag(code, `${message}${words} — the operator's validator refuses the deployment.`, at(path, role)));
  };

  const flinkVersion = str(spec.flinkVersion);
  const image = str(spec.image);
  const mode: 'native' | 'standalone' = str(spec.mode) === 'standalone' ? 'standalone' : 'native';
  const job = obj(spec.job);
  const jmSpec = obj(spec.jobManager);
  const tmSpec = obj(spec.taskManager);
  const jmResource = obj(jmSpec?.resource);
  const tmResource = obj(tmSpec?.resource);

  // -- flinkConfiguration as the release reads it
  const rawConf = spec.flinkConfiguration;
  let userConf: Record<string, string> = {};
  if (rawConf !== undefined && rawConf !== null) {
    const o = obj(rawConf);
    if (!o) {
      refuse('spec.flinkConfiguration must be a mapping of Flink options', ['spec', 'flinkConfiguration']);
    } else if (release.nestedFlinkConfiguration) {
      userConf = flattenFlinkConfiguration(o);
    } else {
      // up to 1.12 the CRD types flinkConfiguration as map<string, string>: the API server refuses anything else
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') userConf[k] = v;
        else refuse(`spec.flinkConfiguration.${k}: the CRD of operator ${opts.operatorVersion} accepts only string values (quote it${obj(v) || Array.isArray(v) ? ', and write nested options as dotted keys: nested YAML is read from operator 1.13' : ''})`, ['spec', 'flinkConfiguration', k]);
      }
    }
  }
  const confLine = (key: string): (string | number)[] => {
    if (rawConf && obj(rawConf) && key in (rawConf as Obj)) return ['spec', 'flinkConfiguration', key];
    // nested: walk the dotted key as far as it goes
    const path: (string | number)[] = ['spec', 'flinkConfiguration'];
    let cur: unknown = rawConf;
    const parts = key.split('.');
    for (let i = 0; i < parts.length; i++) {
      const o = obj(cur);
      if (!o) break;
      // the longest remaining prefix that is a key here
      let found = false;
      for (let j = parts.length; j > i; j--) {
        const k = parts.slice(i, j).join('.');
        if (k in o) {
          path.push(k);
          cur = o[k];
          i = j - 1;
          found = true;
          break;
        }
      }
      if (!found) break;
    }
    return path;
  };

  // -- the validator's view: the operator's defaults under flinkConfiguration
  const validatorConf: Record<string, string> = { ...OPERATOR_DEFAULT_CONFIG, ...userConf };

  // -- FlinkConfigBuilder.buildFrom: defaults, flinkConfiguration, image, spec resources, replicas, job
  const effective: Record<string, string> = { ...validatorConf };
  const set: Record<Role, Record<string, string>> = { jobmanager: {}, taskmanager: {} };
  const overrode: Record<Role, Record<string, string>> = { jobmanager: {}, taskmanager: {} };
  const put = (role: Role | 'both', key: string, value: string) => {
    for (const r of role === 'both' ? (['jobmanager', 'taskmanager'] as const) : [role]) {
      if (userConf[key] !== undefined && userConf[key] !== value) overrode[r][key] = userConf[key]!;
      set[r][key] = value;
    }
    effective[key] = value;
  };
  const newKeys = flinkVersion !== undefined && flinkVersionAtLeast(flinkVersion, 1, 17);
  if (image && image.trim() !== '') put('both', newKeys ? 'kubernetes.container.image.ref' : 'kubernetes.container.image', image);

  const memoryOf = (role: Role, resource: Obj | undefined) => {
    const m = resource?.memory;
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'string') {
      const text = asText(m);
      refuse(`spec.${role === 'jobmanager' ? 'jobManager' : 'taskManager'}.resource.memory must be a string (the CRD types it so); write "${text}" in quotes`, ['spec', role === 'jobmanager' ? 'jobManager' : 'taskManager', 'resource', 'memory'], 'K8S_VALIDATION_ERROR', role);
      return undefined;
    }
    return m;
  };
  const specName = (role: Role) => (role === 'jobmanager' ? 'jobManager' : 'taskManager');
  const Role = (role: Role) => (role === 'jobmanager' ? 'JobManager' : 'TaskManager');

  const memoryRefusals: Record<Role, Array<() => void>> = { jobmanager: [], taskmanager: [] };
  /** processes whose resource.memory the operator refuses: it deploys nothing, so Flink never judges them */
  const operatorRefused = new Set<Role>();
  const roleSpec = (role: Role) => (role === 'jobmanager' ? jmSpec : tmSpec);

  /**
   * Operator main branch only (6e9caeb4; FlinkConfigBuilder.setResourceRequirements with
   * ResourceConfigUtils, DefaultValidator.validateResourceRequirements): spec.<role>.resources as
   * Kubernetes ResourceRequirements. Memory and cpu come from the request, else the limit; memory is
   * read like resource.memory (Flink's MemorySize first); a limit factor is set when both a request
   * and a limit are given — limit / request of the Quantity amounts, so for memory the Kubernetes
   * meaning of the text (2048m is 2.048 bytes there).
   */
  function applyResourceRequirements(role: Role): void {
    const rr = obj(roleSpec(role)?.resources);
    if (!hasResourceRequirements(rr)) return;
    const base = ['spec', specName(role), 'resources'];
    const requests = obj(rr!.requests) ?? {};
    const limits = obj(rr!.limits) ?? {};
    const given = (v: unknown) => v !== undefined && v !== null;
    const pick = (k: string) => (given(requests[k]) ? { text: asText(requests[k]), path: [...base, 'requests', k] } : given(limits[k]) ? { text: asText(limits[k]), path: [...base, 'limits', k] } : undefined);
    const key = role === 'jobmanager' ? JM.totalProcess.key : TM.totalProcess.key;
    const p = role === 'jobmanager' ? 'jobmanager' : 'taskmanager';
    // -- DefaultValidator.validateResourceRequirements: every quantity, then request ≤ limit (cpu, memory)
    const problems: string[] = [];
    let memoryBad = false;
    for (const [section, map] of [['requests', requests], ['limits', limits]] as const) {
      for (const [k, v] of Object.entries(map)) {
        if (!given(v)) continue;
        const text = asText(v);
        if (k === 'memory') {
          const m = parseResourceMemory(text);
          if (!m.ok) {
            problems.push(`${Role(role)} resource requirements ${section} memory parse error: ${m.reason}`);
            memoryBad = true;
          } else if (m.bytes <= 0n) {
            problems.push(`${Role(role)} resource requirements ${section} memory must be positive: ${text}`);
            memoryBad = true;
          }
        } else {
          const q = kubernetesQuantityAmount(text.trim());
          if (!q.ok) problems.push(`${Role(role)} resource requirements ${section} ${k} parse error: ${q.reason}`);
          else if (k === 'cpu' && q.value.unscaled <= 0n) problems.push(`${Role(role)} resource requirements ${section} cpu must be positive: ${text}`);
          else if (k !== 'cpu' && q.value.unscaled < 0n) problems.push(`${Role(role)} resource requirements ${section} ${k} must not be negative: ${text}`);
        }
      }
    }
    const amount = (v: unknown, k: string): number | undefined => {
      if (k === 'memory') {
        const m = parseResourceMemory(asText(v));
        return m.ok ? Number(m.bytes) : undefined;
      }
      const q = kubernetesQuantityAmount(asText(v).trim());
      return q.ok ? Number(q.text) : undefined;
    };
    for (const k of ['cpu', 'memory']) {
      if (!given(requests[k]) || !given(limits[k])) continue;
      const r = amount(requests[k], k);
      const l = amount(limits[k], k);
      if (r !== undefined && l !== undefined && r > l) problems.push(`${Role(role)} resource requirements ${k} request (${asText(requests[k])}) must not exceed its limit (${asText(limits[k])})`);
    }
    if (problems.length > 0) {
      if (memoryBad) operatorRefused.add(role);
      memoryRefusals[role].push(() => refuse(problems.join('; '), base, memoryBad ? 'K8S_MEMORY_REFUSED' : 'K8S_VALIDATION_ERROR', role));
    }
    // -- FlinkConfigBuilder.setResourceRequirements
    const mem = pick('memory');
    if (mem) {
      const m = parseResourceMemory(mem.text);
      if (m.ok) {
        put(role, key, m.configValue);
        const legacy = role === 'jobmanager' ? [JM.legacyHeap.key, JM.legacyHeapMb.key] : [TM.legacyHeap.key, TM.legacyHeapMb.key];
        for (const k of [key, ...legacy]) {
          if (userConf[k] === undefined) continue;
          findings.push(diag('K8S_MEMORY_KEY_OVERRIDDEN', `flinkConfiguration sets ${k}: ${userConf[k]}, but ${mem.path.join('.')} "${mem.text}" becomes ${key}: ${m.configValue} (operator main branch), which ${k === key ? 'replaces it' : 'takes precedence over the legacy key'}. Remove one of the two.`, { ...at(confLine(k), role), key: k }));
        }
        const k8s = kubernetesBytes(mem.text);
        if (k8s && k8s.bytes !== m.bytes) {
          findings.push(diag('K8S_MEMORY_UNIT_TRAP', `${mem.path.join('.')} "${mem.text}" is ${formatBytes(m.bytes)} to the operator's main branch (Flink's MemorySize reads it first) but ${k8s.text} bytes as the Kubernetes quantity it is written as. Write ${m.bytes % MiB === 0n ? `"${m.bytes / MiB}Mi"` : `"${m.bytes}"`}, which both read alike.`, { ...at(mem.path, role), key }));
        }
      }
    }
    const cpu = pick('cpu');
    if (cpu) {
      const q = kubernetesQuantityAmount(cpu.text.trim());
      if (q.ok) {
        const t = javaDoubleToString(Number(q.text));
        put(role, `kubernetes.${p}.cpu.amount`, t);
        if (!newKeys) put(role, `kubernetes.${p}.cpu`, t);
      }
    }
    // ResourceConfigUtils.computeLimitFactor: both given and request > 0; Quantity amounts (not MemorySize)
    for (const k of ['cpu', 'memory']) {
      if (!given(requests[k]) || !given(limits[k])) continue;
      const r = kubernetesQuantityAmount(asText(requests[k]).trim());
      const l = kubernetesQuantityAmount(asText(limits[k]).trim());
      if (!r.ok || !l.ok) continue;
      const rd = Number(r.text);
      if (rd <= 0) continue;
      put(role, `kubernetes.${p}.${k}.limit-factor`, javaDoubleToString(Number(l.text) / rd));
    }
  }
  for (const role of ['jobmanager', 'taskmanager'] as const) {
    const resource = role === 'jobmanager' ? jmResource : tmResource;
    const memPath = ['spec', specName(role), 'resource', 'memory'];
    const memory = memoryOf(role, resource);
    const key = role === 'jobmanager' ? JM.totalProcess.key : TM.totalProcess.key;
    // main branch: a non-empty spec.<role>.resources wins and `resource` sets nothing (it is still validated)
    const viaResources = release.resourceRequirements && hasResourceRequirements(obj(roleSpec(role)?.resources));
    if (memory !== undefined) {
      const p = parseResourceMemory(memory);
      if (p.ok && viaResources) {
        findings.push(diag('K8S_RESOURCE_IGNORED', `spec.${specName(role)}.resource is ignored: spec.${specName(role)}.resources is set, and the operator's main branch reads that instead (FlinkConfigBuilder.applyResourceConfig logs a warning). Remove one of the two.`, at(['spec', specName(role), 'resource'], role)));
      } else if (p.ok) {
        put(role, key, p.configValue);
        const legacy = role === 'jobmanager' ? [JM.legacyHeap.key, JM.legacyHeapMb.key] : [TM.legacyHeap.key, TM.legacyHeapMb.key];
        for (const k of [key, ...legacy]) {
          if (userConf[k] === undefined) continue;
          findings.push(
            diag('K8S_MEMORY_KEY_OVERRIDDEN', `flinkConfiguration sets ${k}: ${userConf[k]}, but spec.${specName(role)}.resource.memory "${memory}" becomes ${key}: ${p.configValue}, which ${k === key ? 'replaces it' : 'takes precedence over the legacy key'}. Remove one of the two.`, { ...at(confLine(k), role), key: k }),
          );
        }
        const k8s = kubernetesBytes(memory);
        if (k8s && k8s.bytes !== p.bytes) {
          const meaning = `${k8s.text} bytes`;
          findings.push(
            diag('K8S_MEMORY_UNIT_TRAP', `spec.${specName(role)}.resource.memory "${memory}" is ${formatBytes(p.bytes)} to the operator (Flink's MemorySize reads it first) but ${meaning} to anyone reading it as a Kubernetes quantity. Write ${p.bytes % MiB === 0n ? `"${p.bytes / MiB}Mi"` : `"${p.bytes}"`}, which the operator and Kubernetes read alike.`, { ...at(memPath, role), key }),
          );
        }
      } else {
        const decimal = p.configValue !== undefined && p.configValue.includes('.');
        const words = decimal
          ? ` (spec.${specName(role)}.resource.memory "${memory}" is a decimal: the quantity fallback makes it ${p.configValue}, which Flink's MemorySize refuses; write whole units, e.g. ${decimalHint(memory)})`
          : '';
        operatorRefused.add(role);
        memoryRefusals[role].push(() => refuse(`${Role(role)} resource memory parse error: ${p.reason}`, memPath, 'K8S_MEMORY_REFUSED', role, words));
      }
    }
    // DefaultValidator.validateResources: Quantity.parse + getAmountInBytes, no Flink parser here
    const storage = resource?.ephemeralStorage;
    if (storage !== undefined && storage !== null) {
      const q = kubernetesQuantityAmount(asText(storage));
      if (!q.ok) memoryRefusals[role].push(() => refuse(`${Role(role)} resource ephemeral storage parse error: ${q.reason}`, ['spec', specName(role), 'resource', 'ephemeralStorage'], 'K8S_VALIDATION_ERROR', role));
    }
    const cpu = resource?.cpu;
    if (cpu !== undefined && cpu !== null) {
      const c = num(cpu);
      if (c === undefined) {
        refuse(`spec.${specName(role)}.resource.cpu must be a number (the CRD types it so), not "${asText(cpu)}"`, ['spec', specName(role), 'resource', 'cpu'], 'K8S_VALIDATION_ERROR', role);
      } else if (!viaResources) {
        // FlinkConfigBuilder.configureCpu: the new key always, the old one too before Flink 1.17
        const cpuText = javaDoubleToString(c);
        put(role, role === 'jobmanager' ? 'kubernetes.jobmanager.cpu.amount' : 'kubernetes.taskmanager.cpu.amount', cpuText);
        if (!newKeys) put(role, role === 'jobmanager' ? 'kubernetes.jobmanager.cpu' : 'kubernetes.taskmanager.cpu', cpuText);
      }
    }
  }
  for (const role of ['jobmanager', 'taskmanager'] as const) {
    const s = role === 'jobmanager' ? jmSpec : tmSpec;
    if (s && obj(s.resources) && !release.resourceRequirements) {
      findings.push(diag('K8S_RESOURCES_UNRELEASED', `spec.${specName(role)}.resources (requests/limits) exists only on the operator's main branch (6e9caeb4); operator ${opts.operatorVersion} prunes it, so it sets nothing. Use spec.${specName(role)}.resource.memory and .cpu (or, for the unreleased main branch, --operator-version main).`, at(['spec', specName(role), 'resources'], role)));
    }
    if (release.resourceRequirements) applyResourceRequirements(role);
  }

  const jmReplicasRaw = jmSpec?.replicas;
  const jmReplicas = jmReplicasRaw === undefined ? 1 : num(jmReplicasRaw) ?? 1;
  if (jmSpec && jmReplicas > 0) put('jobmanager', 'kubernetes.jobmanager.replicas', String(jmReplicas));
  const tmReplicasRaw = tmSpec?.replicas;
  const tmReplicas = tmReplicasRaw === undefined || tmReplicasRaw === null ? undefined : num(tmReplicasRaw);
  if (tmReplicas !== undefined && tmReplicas > 0) put('taskmanager', 'kubernetes.internal.taskmanager.replicas', String(tmReplicas));

  const slots = readInt(effective, TM.numSlots.key, 1);
  const jobParallelism = job ? num(job.parallelism) ?? 0 : 0;
  // FlinkConfigBuilder.getParallelism
  let parallelism: number | null = null;
  if (job) {
    if (tmReplicas !== undefined) {
      parallelism = tmReplicas * slots;
    } else if (mode === 'standalone' && effective['pipeline.jobvertex-parallelism-overrides']) {
      const max = effective['pipeline.jobvertex-parallelism-overrides'].split(',').reduce((m, p) => Math.max(m, Number(p.split(':')[1] ?? 0)), -Infinity); // a long list would overflow Math.max(...list)
      parallelism = max > 0 ? max : jobParallelism;
    } else {
      parallelism = jobParallelism;
    }
    if (mode === 'standalone' && tmReplicas === undefined) put('taskmanager', 'kubernetes.internal.taskmanager.replicas', String(Math.ceil(parallelism / slots)));
    put('both', 'execution.target', mode === 'standalone' ? 'remote' : 'kubernetes-application');
    put('both', 'parallelism.default', String(parallelism));
    if (tmReplicas !== undefined && jobParallelism > parallelism) {
      findings.push(
        diag('K8S_PARALLELISM_ABOVE_SLOTS', `job.parallelism ${jobParallelism} is ignored: spec.taskManager.replicas ${tmReplicas} × ${TM.numSlots.key} ${slots} = ${parallelism}, so the job runs with parallelism ${parallelism}. Raise the replicas to ${Math.ceil(jobParallelism / slots)} or the slots to ${Math.ceil(jobParallelism / tmReplicas)}.`, at(['spec', 'job', 'parallelism'], 'taskmanager')),
      );
    }
  } else {
    put('both', 'execution.target', mode === 'standalone' ? 'remote' : 'kubernetes-session');
  }

  // -- DefaultValidator.validateDeployment, in its order (the operator reports the first)
  const name = res.name;
  if (!/^[a-z]([-a-z\d]{0,43}[a-z\d])?$/.test(name)) {
    refuse(`The FlinkDeployment name: ${name} is invalid, must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123'), and the length must be no more than 45 characters.`, ['metadata', 'name']);
  }
  if (flinkVersion === undefined) {
    refuse('Flink Version must be defined.', ['spec'], 'K8S_FLINK_VERSION_REFUSED');
  } else if (!release.flinkVersions.includes(flinkVersion)) {
    refuse(`spec.flinkVersion ${flinkVersion} is not one the CRD of operator ${opts.operatorVersion} accepts (${release.flinkVersions.join(', ')})`, ['spec', 'flinkVersion'], 'K8S_FLINK_VERSION_REFUSED');
  } else if (!flinkVersionAtLeast(flinkVersion, 1, 15)) {
    refuse(`Flink version ${flinkVersion} is not supported by this operator version`, ['spec', 'flinkVersion'], 'K8S_FLINK_VERSION_REFUSED');
  }
  for (const k of ['kubernetes.namespace', 'kubernetes.cluster-id', 'high-availability.cluster-id']) {
    if (k in userConf) refuse(`Forbidden Flink config key: ${k}`, confLine(k));
  }
  if (job) {
    const upgrade = str(job.upgradeMode) ?? 'stateless';
    if (upgrade !== 'stateless' && !(validatorConf['execution.checkpointing.dir'] ?? validatorConf['state.checkpoints.dir'] ?? '').trim()) {
      refuse(`Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes`, ['spec', 'job', 'upgradeMode']);
    }
    if (upgrade === 'savepoint' && !(validatorConf['execution.checkpointing.savepoint-dir'] ?? validatorConf['state.savepoints.dir'] ?? '').trim()) {
      refuse(`Job could not be upgraded with savepoint while config key[execution.checkpointing.savepoint-dir] is not set`, ['spec', 'job', 'upgradeMode']);
    }
    if (tmReplicas !== undefined && tmReplicas < 1) refuse('TaskManager replicas must be larger than 0', ['spec', 'taskManager', 'replicas'], 'K8S_VALIDATION_ERROR', 'taskmanager');
    else if (tmReplicas === undefined && jobParallelism < 1) refuse('Job parallelism must be larger than 0', ['spec', 'job'], 'K8S_VALIDATION_ERROR', 'taskmanager');
  }
  const line = modelVersion(flinkVersion, image);
  // validateJmSpec / validateTmSpec: without resource.memory, flinkConfiguration must let Flink derive the sizes
  for (const role of ['jobmanager', 'taskmanager'] as const) {
    const resource = role === 'jobmanager' ? jmResource : tmResource;
    const m = resource?.memory;
    const rr = obj(roleSpec(role)?.resources);
    const rrMemory = release.resourceRequirements && [obj(rr?.requests)?.memory, obj(rr?.limits)?.memory].some((v) => v !== undefined && v !== null);
    const defined = (typeof m === 'string' && m.trim() !== '') || rrMemory;
    if (!defined && line) {
      const o = role === 'jobmanager' ? resolveJobManagerConfig(validatorConf, line.line, line.version) : resolveTaskManagerConfig(validatorConf, line.line, line.version);
      const how = release.resourceRequirements ? `\`spec.${specName(role)}.resource.memory\` or \`spec.${specName(role)}.resources.requests.memory\`` : `\`spec.${specName(role)}.resource.memory\``;
      if (!o.ok) {
        refuse(`${Role(role)} resource memory must be defined using ${how}`, ['spec', specName(role)], 'K8S_VALIDATION_ERROR', role);
        // the operator deploys nothing, so Flink never gets to refuse the process: one finding, not two
        operatorRefused.add(role);
      }
    }
    if (role === 'jobmanager') {
      memoryRefusals.jobmanager.forEach((f) => f());
      if (jmReplicas < 1) refuse('JobManager replicas should not be configured less than one.', ['spec', 'jobManager', 'replicas'], 'K8S_VALIDATION_ERROR', 'jobmanager');
      else if (jmReplicas > 1 && !haActive(validatorConf)) {
        refuse(`High availability should be enabled when starting standby JobManagers.`, ['spec', 'jobManager', 'replicas'], 'K8S_JOBMANAGER_HA_MISSING', 'jobmanager');
      }
    } else {
      memoryRefusals.taskmanager.forEach((f) => f());
      if (tmReplicas !== undefined && tmReplicas < 1 && !job) refuse('TaskManager replicas should not be configured less than one.', ['spec', 'taskManager', 'replicas'], 'K8S_VALIDATION_ERROR', 'taskmanager');
    }
  }
  if (spec.serviceAccount === undefined || spec.serviceAccount === null) {
    refuse('spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.', ['spec']);
  }

  // -- flinkVersion against the image
  const tagVersion = imageFlinkVersion(image);
  const fvParts = flinkVersion ? flinkVersionParts(flinkVersion) : undefined;
  if (tagVersion && fvParts && !tagVersion.startsWith(`${fvParts.major}.${fvParts.minor}`) ) {
    const [a, b] = tagVersion.split('.');
    if (`${a}.${b}` !== `${fvParts.major}.${fvParts.minor}`) {
      findings.push(diag('K8S_FLINK_VERSION_IMAGE_MISMATCH', `spec.flinkVersion ${flinkVersion} says Flink ${fvParts.major}.${fvParts.minor}, but the image ${image} runs Flink ${tagVersion}. The operator chooses config keys by flinkVersion; the pods run the image. Make them agree.`, at(['spec', 'flinkVersion'])));
    }
  }

  // -- autoscaler memory tuning
  const on = (k: string) => (validatorConf[`job.autoscaler.${k}`] ?? validatorConf[`kubernetes.operator.job.autoscaler.${k}`] ?? '').trim().toLowerCase() === 'true';
  if (on('enabled') && on('memory.tuning.enabled')) {
    const k = 'job.autoscaler.memory.tuning.enabled' in validatorConf ? 'job.autoscaler.memory.tuning.enabled' : 'kubernetes.operator.job.autoscaler.memory.tuning.enabled';
    findings.push(
      diag('K8S_AUTOSCALER_MEMORY_TUNING', `Autoscaler memory tuning is on: after it has observed the job, the operator rewrites the TaskManager's ${TM.totalProcess.key}, task heap, managed memory, network min/max, JVM metaspace and overhead. The TaskManager sizes below are where it starts.`, { ...at(confLine(k), 'taskmanager'), key: k }),
    );
  }

  // -- the memory model on what each process receives
  const modelConfig = { ...effective };
  let tmOutcome: TaskManagerOutcome | null = null;
  let jmOutcome: JobManagerOutcome | null = null;
  const explanationDiags: Diagnostic[] = [];
  const reports: Partial<Record<Role, RoleReport<TaskManagerOutcome> | RoleReport<JobManagerOutcome>>> = {};
  if (line) {
    for (const role of ['jobmanager', 'taskmanager'] as const) {
      const outcome = role === 'jobmanager' ? resolveJobManagerConfig(modelConfig, line.line, line.version) : resolveTaskManagerConfig(modelConfig, line.line, line.version);
      const report: RoleReport<TaskManagerOutcome | JobManagerOutcome> = { source: `${file} (FlinkDeployment ${name})`, configFile: null, config: modelConfig, origins: {}, outcome };
      if (!outcome.ok && !operatorRefused.has(role)) {
        const fix = smallestFix(modelConfig, line.line, role);
        if (fix) report.fix = fix;
        const d = defaultsInTheWay(outcome.partial);
        if (d.length > 0) report.defaults = d;
        const memKey = role === 'jobmanager' ? JM.totalProcess.key : TM.totalProcess.key;
        const fromSpec = set[role][memKey] !== undefined;
        const path = fromSpec ? ['spec', specName(role), 'resource', 'memory'] : confLine(outcome.keys[0] ?? memKey);
        const fixText = fix ? ` It starts with ${fix.key}: ${fix.bytes / MiB}m or more${fromSpec && fix.key === memKey ? ` (resource.memory: "${fix.bytes / MiB}Mi")` : ''}.` : '';
        explanationDiags.push(diag(role === 'taskmanager' ? 'TM_REFUSED' : 'JM_REFUSED', `Flink would refuse the ${Role(role)} at deploy time: ${outcome.message}${fixText}`, { ...at(path, role), key: outcome.keys[0] ?? memKey }));
      }
      if (role === 'jobmanager') jmOutcome = outcome as JobManagerOutcome;
      else tmOutcome = outcome as TaskManagerOutcome;
      reports[role] = report as RoleReport<TaskManagerOutcome>;
    }
  } else {
    findings.push(
      diag('K8S_FLINK_VERSION_NOT_MODELLED', `flinkfit's memory model covers Flink ${FLINK_LINES[0]} … ${FLINK_LINES[FLINK_LINES.length - 1]}; spec.flinkVersion ${flinkVersion ?? '(missing)'} is not among them, so only the operator's rules and the pods are shown.`, at(flinkVersion ? ['spec', 'flinkVersion'] : ['spec'])),
    );
  }
  const empty = (): RoleReport<never> => ({ source: `${file} (FlinkDeployment ${name})`, configFile: null, config: null, origins: {}, outcome: null });

  // -- pods: Flink's native Kubernetes integration (the standalone operator builds the same resources)
  const roleData = (role: Role): KubernetesRole => {
    const outcome = role === 'jobmanager' ? jmOutcome : tmOutcome;
    const p = role === 'jobmanager' ? 'jobmanager' : 'taskmanager';
    const memFactor = readDouble(effective, [`kubernetes.${p}.memory.limit-factor`], 1.0);
    const cpuFactor = readDouble(effective, [`kubernetes.${p}.cpu.limit-factor`], 1.0);
    let cpu: number;
    if (role === 'jobmanager') {
      cpu = readDouble(effective, ['kubernetes.jobmanager.cpu.amount', 'kubernetes.jobmanager.cpu'], 1.0);
    } else {
      // TaskExecutorProcessUtils.getCpuCoresWithFallback: taskmanager.cpu.cores, else the Kubernetes amount if > 0, else the slots
      const fallback = readDouble(effective, ['kubernetes.taskmanager.cpu.amount', 'kubernetes.taskmanager.cpu'], -1.0);
      cpu = effective[TM.cpuCores.key] !== undefined ? readDouble(effective, [TM.cpuCores.key], slots) : fallback > 0 ? fallback : slots;
    }
    let replicas: number;
    let replicasFrom: string;
    if (role === 'jobmanager') {
      replicas = jmReplicas;
      replicasFrom = jmReplicasRaw === undefined ? 'spec.jobManager.replicas default (1)' : 'spec.jobManager.replicas';
    } else if (mode === 'standalone') {
      replicas = readInt(effective, 'kubernetes.internal.taskmanager.replicas', 1);
      replicasFrom = tmReplicas !== undefined ? 'spec.taskManager.replicas' : job ? `⌈parallelism ${parallelism} / ${slots} slots⌉` : 'the standalone default (1)';
    } else if (job) {
      replicas = tmReplicas ?? Math.ceil((parallelism ?? 0) / slots);
      replicasFrom = tmReplicas !== undefined ? 'spec.taskManager.replicas' : `⌈parallelism ${parallelism} / ${slots} slots⌉`;
    } else {
      replicas = tmReplicas ?? 0;
      replicasFrom = tmReplicas !== undefined ? 'spec.taskManager.replicas' : 'a native session starts TaskManagers when jobs need slots';
    }
    // the scheduler's view of a pod: all containers' requests, or the largest init container's if larger
    const podRequest = (mainBytes: bigint) => (mainBytes + sidecars > initMax ? mainBytes + sidecars : initMax);
    let pod: PodResources | null = null;
    let requestBytes: bigint | null = null;
    let limitBytes: bigint | null = null;
    const factorOk = memFactor >= 1 && cpuFactor >= 1;
    const containers = templateContainers(spec, specName(role));
    const main = containers.find((c) => c.name === 'flink-main-container' && !c.init);
    const mainSet = main ? (['memory', 'cpu'] as const).filter((k) => main.requests[k] !== undefined || main.limits[k] !== undefined) : [];
    if (main && mainSet.length > 0) {
      findings.push(
        diag('K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN', `The ${Role(role)} pod template sets ${mainSet.join(' and ')} of flink-main-container, but Flink writes the main container's memory and cpu requests and limits itself (KubernetesUtils.getResourceRequirements) from the process size and kubernetes.${p}.cpu.amount; the template's values are replaced. Set spec.${specName(role)}.resource instead.`, at(main.path, role)),
      );
    }
    const sidecars = containers.filter((c) => !c.init && c.name !== 'flink-main-container').reduce((a, c) => a + containerMemory(c), 0n);
    const initMax = containers.filter((c) => c.init).reduce((a, c) => (containerMemory(c) > a ? containerMemory(c) : a), 0n);
    if (outcome?.ok && factorOk) {
      const mb = mebiBytes(outcome.memory.totalProcess);
      pod = podResources(mb, memFactor, cpu, cpuFactor);
      requestBytes = podRequest(BigInt(mb) * MiB);
      limitBytes = BigInt(javaIntCast(mb * memFactor)) * MiB;
    } else if (!outcome && factorOk) {
      const v = effective[role === 'jobmanager' ? JM.totalProcess.key : TM.totalProcess.key];
      const b = v !== undefined ? parseMemorySize(v) : undefined;
      if (b?.ok) {
        const mb = mebiBytes(b.bytes);
        pod = podResources(mb, memFactor, cpu, cpuFactor);
        requestBytes = podRequest(BigInt(mb) * MiB);
        limitBytes = BigInt(javaIntCast(mb * memFactor)) * MiB;
      }
    }
    for (const [what, f] of [['memory', memFactor], ['cpu', cpuFactor]] as const) {
      const key = `kubernetes.${p}.${what}.limit-factor`;
      if (f < 1) {
        findings.push(diag('K8S_LIMIT_FACTOR_BELOW_ONE', `${key} is ${javaDoubleToString(f)}; Flink refuses to build the ${Role(role)} pod: "${key} should be greater or equal to 1."`, { ...at(confLine(key), role), key }));
      } else if (what === 'memory' && f > 1 && pod) {
        findings.push(
          diag('K8S_LIMIT_FACTOR_ABOVE_ONE', `${key} is ${javaDoubleToString(f)}: the ${Role(role)} pod requests ${pod.requests.memory} but may grow to ${pod.limits.memory}. Nodes are filled by requests, so under memory pressure the node can OOM-kill it; the JVM is sized to ${pod.requests.memory} anyway. Leave the factor at 1 unless native memory outside Flink's model needs room.`, { ...at(confLine(key), role), key }),
        );
      }
    }
    return { replicas, replicasFrom, flinkConfig: { ...set[role] }, overrode: { ...overrode[role] }, pod, requestBytes, sidecarRequestBytes: sidecars, limitBytes };
  };
  const jobmanager = roleData('jobmanager');
  const taskmanager = roleData('taskmanager');

  // -- FlinkUtils.calculateClusterMemoryUsage: Math.round(MiB × 1024² × limit factor × replicas), both summed
  let clusterMemory: bigint | null = null;
  if (jobmanager.pod && taskmanager.pod) {
    const part = (r: KubernetesRole, p: string) => {
      const mb = Number(r.pod!.requests.memory.slice(0, -'Mi'.length));
      const f = readDouble(effective, [`kubernetes.${p}.memory.limit-factor`], 1.0);
      return BigInt(Math.round(mb * 1048576 * f * r.replicas));
    };
    clusterMemory = part(jobmanager, 'jobmanager') + part(taskmanager, 'taskmanager');
  }
  // -- FlinkUtils.calculateClusterCpuUsage (identical in releases 1.10 … 1.15 and main): the operator
  // reads kubernetes.{jobmanager,taskmanager}.cpu.amount (legacy keys as fallback) with defaults 1.0
  // and 1 — not taskmanager.cpu.cores nor the slots Flink falls back to for the pod, so the reported
  // total can differ from what the TaskManager pods request. Same order of double operations.
  let clusterCpu: string | null = null;
  if (jobmanager.pod && taskmanager.pod) {
    const jmTotal = readDouble(effective, ['kubernetes.jobmanager.cpu.amount', 'kubernetes.jobmanager.cpu'], 1.0) * readDouble(effective, ['kubernetes.jobmanager.cpu.limit-factor'], 1.0) * jobmanager.replicas;
    const tmTotal = readDouble(effective, ['kubernetes.taskmanager.cpu.amount', 'kubernetes.taskmanager.cpu'], 1.0) * readDouble(effective, ['kubernetes.taskmanager.cpu.limit-factor'], 1.0) * taskmanager.replicas;
    clusterCpu = javaDoubleToString(tmTotal + jmTotal);
  }

  if (tmOutcome && (tmOutcome as TaskManagerOutcome).ok) {
    // the workload checks every deployment gets (state backend and managed memory), located in
    // flinkConfiguration, or at the TaskManager's spec for a default; the same whether the manifest
    // is checked alone or beside compose files (check/run.ts leaves Kubernetes deployments to this)
    const tmOk = tmOutcome as TaskManagerOutcome & { ok: true };
    const wOrigins: Record<string, { file: string; line: number }> = {};
    for (const k of ['state.backend.type', 'state.backend', 'taskmanager.memory.managed.fraction', 'taskmanager.memory.managed.size']) {
      wOrigins[k] = { file, line: res.lineOf(userConf[k] !== undefined ? confLine(k) : ["spec", "taskManager"]) };
    }
    append(findings, workloadFindings(tmOk, effective, undefined, wOrigins));
  }
  if (tmOutcome && (tmOutcome as TaskManagerOutcome).ok && jmOutcome && (jmOutcome as JobManagerOutcome).ok) {
    append(findings, minimumFindings(jmOutcome as JobManagerOutcome & { ok: true }, tmOutcome as TaskManagerOutcome & { ok: true }, slots, Math.max(1, taskmanager.replicas), effective, (role) => ({ file, line: res.lineOf(["spec", specName(role)]), role })));
  }

  const explanation: Explanation = {
    flinkVersion: line?.version ?? flinkVersion ?? '',
    line: line?.line ?? FLINK_LINES[FLINK_LINES.length - 1]!,
    taskmanager: (reports.taskmanager as RoleReport<TaskManagerOutcome>) ?? empty(),
    jobmanager: (reports.jobmanager as RoleReport<JobManagerOutcome>) ?? empty(),
    diagnostics: [...explanationDiags, ...findings],
  };

  return {
    kind: 'kubernetes',
    file,
    line: res.line,
    name,
    namespace: res.namespace ?? null,
    operatorVersion: opts.operatorVersion,
    flinkVersion: flinkVersion ?? null,
    modelledVersion: line?.version ?? null,
    mode,
    cluster: job ? 'application' : 'session',
    image: image ?? null,
    jobmanager,
    taskmanager,
    clusterMemory,
    clusterCpu,
    errors,
    findings: explanation.diagnostics,
    explanation,
    effectiveConfig: effective,
    taskSlots: slots,
    parallelism,
  };
}

function decimalHint(memory: string): string {
  const m = /^\s*(\d*\.\d+)\s*([A-Za-z]*)\s*$/.exec(memory);
  if (!m) return '"1536Mi"';
  const unit = m[2]!.toLowerCase().replace(/b$/, '');
  const mult: Record<string, number> = { gi: 1024, g: 1024, mi: 1, m: 1, ti: 1024 * 1024, t: 1024 * 1024 };
  const f = mult[unit];
  return f ? `"${Math.round(Number(m[1]) * f)}Mi"` : '"1536Mi"';
}

/** ResourceConfigUtils.hasResourceRequirements: a non-empty requests or limits map (an empty `resources: {}` does not count). */
function hasResourceRequirements(rr: Obj | undefined): boolean {
  if (!rr) return false;
  const nonEmpty = (v: unknown) => {
    const o = obj(v);
    return o !== undefined && Object.keys(o).length > 0;
  };
  return nonEmpty(rr.requests) || nonEmpty(rr.limits);
}
