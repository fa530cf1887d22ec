// The Kubernetes layer (src/core/k8s): the operator's own test cases ported as data
// (test/k8s-operator-cases.ts), Flink's pod resources, the node formulas against the providers'
// worked examples, scheduling, and generate --target kubernetes (CRD-derived schema + round trip).
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  analyzeManifest,
  flattenFlinkConfiguration,
  parseResourceMemory,
  podResources,
  OPERATOR_RELEASES,
  OPERATOR_VERSIONS,
  parseOperatorVersion,
  type KubernetesDeployment,
} from '../src/core/k8s/index.js';
import { generateKubernetes, type KubernetesGenerateInput } from '../src/core/k8s/generate.js';
import { MANIFEST_MAX_CHARS, readManifests } from '../src/core/k8s/manifest.js';
import { manifestTemplateKind } from '../src/core/k8s/detect.js';
import { aksAllocatable, eksAllocatable, gkeAllocatable, kubeletDefaultAllocatable, allocatableFor } from '../src/core/k8s/nodes.js';
import { firstFitDecreasing, podsOf, schedule } from '../src/core/k8s/schedule.js';
import { presetKind, type Preset } from '../src/core/presets/index.js';
import { parsePreset } from '../src/core/presets/parse.js';
import { loadBundledPresets } from '../src/node/presets.js';
import { isTemplatedManifest, looksLikeFlinkManifest } from '../src/core/k8s/detect.js';
import { kustomizePatchPaths } from '../src/core/project/discover.js';
import { CLUSTER_CPU, CLUSTER_MEMORY, FLATTEN, MEMORY_CASES, NUM_TMS, REFUSED_MEMORY, SPEC_CASES } from './k8s-operator-cases.js';

const MiB = 1024n * 1024n;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const BASE_SPEC = {
  image: 'flink:1.20.1-java17',
  flinkVersion: 'v1_20',
  serviceAccount: 'flink',
  flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' },
  jobManager: { replicas: 1, resource: { memory: '2048m', cpu: 1 } },
  taskManager: { resource: { memory: '2048m', cpu: 1 } },
};

function manifest(spec: Record<string, unknown>, name = 'basic'): string {
  return stringify({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkDeployment', metadata: { name }, spec: { ...BASE_SPEC, ...spec } });
}

function one(text: string, operatorVersion: (typeof OPERATOR_VERSIONS)[number] | 'main' = '1.15'): KubernetesDeployment {
  const r = analyzeManifest(text, 'flinkdeployment.yaml', { operatorVersion });
  expect(r.deployments).toHaveLength(1);
  return r.deployments[0]!;
}

const nodePresets: Preset[] = loadBundledPresets().flatMap((r) => (r.ok && presetKind(r.preset) === 'kubernetes-node' ? [r.preset] : []));
const node = (id: string) => nodePresets.find((p) => p.id === id)!;

describe('resource.memory as the operator parses it (FlinkConfigBuilderTest, DefaultValidatorTest)', () => {
  it.each(MEMORY_CASES)('$memory → $configValue ($source)', (c) => {
    const p = parseResourceMemory(c.memory);
    expect(p).toMatchObject({ ok: true, bytes: c.bytes, configValue: c.configValue });
    // and the TaskManager gets exactly that process size
    const d = one(manifest({ taskManager: { resource: { memory: c.memory, cpu: 1 } } }));
    expect(d.taskmanager.flinkConfig['taskmanager.memory.process.size']).toBe(c.configValue);
  });

  it.each(REFUSED_MEMORY)('$memory is refused with a parse error ($source)', (c) => {
    expect(parseResourceMemory(c.memory).ok).toBe(false);
    const d = one(manifest({ taskManager: { resource: { memory: c.memory, cpu: 1 } } }));
    expect(d.errors[0]).toMatch(/^TaskManager resource memory parse error: /);
    expect(d.findings.map((f) => f.code)).toContain('K8S_MEMORY_REFUSED');
  });

  it('a decimal goes through the quantity fallback and comes out with a fraction', () => {
    expect(parseResourceMemory('1.5Gi')).toMatchObject({ ok: false, via: 'kubernetes', configValue: '1610612736.0' });
    expect(parseResourceMemory('0.5G')).toMatchObject({ ok: false, configValue: '500000000.0' });
    expect(parseResourceMemory('2.0Gi')).toMatchObject({ ok: false, configValue: '2147483648.0' });
  });
});

describe('FlinkConfigBuilder and DefaultValidator on a whole spec', () => {
  it.each(SPEC_CASES)('$source', (c) => {
    const d = one(manifest(c.spec));
    if (c.expect.parallelism !== undefined) expect(d.parallelism).toBe(c.expect.parallelism);
    if (c.expect.tmReplicas !== undefined) expect(d.taskmanager.replicas).toBe(c.expect.tmReplicas);
    for (const [k, v] of Object.entries(c.expect.flinkConfig ?? {})) expect(d.effectiveConfig[k], k).toBe(v);
    if (c.expect.errors !== undefined) expect(d.errors).toEqual(c.expect.errors);
  });

  it.each(NUM_TMS)('⌈$parallelism / $slots⌉ = $tms TaskManagers ($source)', (c) => {
    const d = one(manifest({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': String(c.slots) }, job: { jarURI: 'local:///job.jar', parallelism: c.parallelism, upgradeMode: 'stateless' } }));
    expect(d.taskmanager.replicas).toBe(c.tms);
  });

  it.each(CLUSTER_MEMORY)('cluster memory with $taskManagers TaskManagers ($source)', (c) => {
    const spec = {
      flinkConfiguration: {
        'high-availability.type': 'kubernetes',
        'taskmanager.numberOfTaskSlots': '1',
        'kubernetes.jobmanager.memory.limit-factor': '2.0',
        'kubernetes.taskmanager.memory.limit-factor': '1.5',
      },
      jobManager: { replicas: 2, resource: { memory: '1g', cpu: 1 } },
      taskManager: { resource: { memory: '2g', cpu: 1 } },
      ...(c.taskManagers > 0 ? { job: { jarURI: 'local:///job.jar', parallelism: c.taskManagers, upgradeMode: 'stateless' } } : {}),
    };
    const d = one(manifest(spec));
    expect(d.taskmanager.replicas).toBe(c.taskManagers);
    expect(d.clusterMemory).toBe(c.bytes);
  });

  it.each(CLUSTER_CPU)('cluster cpu with $taskManagers TaskManagers ($source)', (c) => {
    const spec = {
      flinkConfiguration: {
        'high-availability.type': 'kubernetes',
        'taskmanager.numberOfTaskSlots': '1',
        'kubernetes.jobmanager.cpu.limit-factor': '2.0',
        'kubernetes.taskmanager.cpu.limit-factor': '1.5',
      },
      jobManager: { replicas: 2, resource: { memory: '1g', cpu: 2.5 } },
      taskManager: { resource: { memory: '2g', cpu: 3.5 } },
      ...(c.taskManagers > 0 ? { job: { jarURI: 'local:///job.jar', parallelism: c.taskManagers, upgradeMode: 'stateless' } } : {}),
    };
    const d = one(manifest(spec));
    expect(d.taskmanager.replicas).toBe(c.taskManagers);
    expect(d.clusterCpu).toBe(c.cpu);
  });

  it('cluster cpu counts kubernetes.taskmanager.cpu.amount or 1, not the slots the TaskManager pod falls back to', () => {
    const d = one(manifest({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' }, taskManager: { resource: { memory: '2048m' } }, job: { jarURI: 'local:///job.jar', parallelism: 4, upgradeMode: 'stateless' } }));
    expect(d.taskmanager.replicas).toBe(2);
    expect(d.taskmanager.pod?.limits.cpu).toBe('2.0');
    // 2 TaskManagers × 1 + 1 JobManager × 1, although the pods' cpu limits add up to 5
    expect(d.clusterCpu).toBe('3.0');
  });

  it.each(FLATTEN)('flattens nested flinkConfiguration ($source)', (c) => {
    expect(flattenFlinkConfiguration(parseYaml(c.yaml, { intAsBigInt: true }))).toEqual(c.flat);
  });

  it('reads flinkConfiguration as strings only up to operator 1.12, nested from 1.13', () => {
    const nested = manifest({ flinkConfiguration: { taskmanager: { numberOfTaskSlots: 4 } }, job: { jarURI: 'local:///j.jar', parallelism: 8, upgradeMode: 'stateless' } });
    expect(one(nested, '1.13').taskSlots).toBe(4);
    expect(one(nested, '1.13').errors).toEqual([]);
    const old = one(nested, '1.12');
    expect(old.errors[0]).toMatch(/accepts only string values/);
    expect(OPERATOR_VERSIONS.map((v) => OPERATOR_RELEASES[v].nestedFlinkConfiguration)).toEqual([false, false, false, true, true, true]);
  });

  it('resource.memory overrides the process size written in flinkConfiguration', () => {
    const d = one(manifest({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2', 'taskmanager.memory.process.size': '4g' } }));
    expect(d.taskmanager.flinkConfig['taskmanager.memory.process.size']).toBe('2 gb');
    expect(d.taskmanager.overrode).toEqual({ 'taskmanager.memory.process.size': '4g' });
    const tm = d.explanation.taskmanager.outcome;
    expect(tm?.ok && tm.memory.totalProcess).toBe(2048n * MiB);
  });

  it('cpu: the new key always, the legacy key before Flink 1.17; TaskManager cpu falls back to the slots', () => {
    const d = one(manifest({ taskManager: { resource: { memory: '2048m' } } }));
    expect(d.taskmanager.pod?.requests.cpu).toBe('2.0');
    expect(d.taskmanager.flinkConfig['kubernetes.taskmanager.cpu']).toBeUndefined();
    const cores = one(manifest({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2', 'taskmanager.cpu.cores': '3' }, taskManager: { resource: { memory: '2048m', cpu: 0.5 } } }));
    // TaskExecutorProcessUtils.getCpuCoresWithFallback: taskmanager.cpu.cores before the Kubernetes amount
    expect(cores.taskmanager.pod?.requests.cpu).toBe('3.0');
  });
});

describe('the resources (requests/limits) form, operator main branch only (6e9caeb4, FlinkConfigBuilder.setResourceRequirements)', () => {
  const withResources = (tm: Record<string, unknown>, jm: Record<string, unknown> = { requests: { memory: '1600Mi', cpu: '1' } }) =>
    manifest({ jobManager: { replicas: 1, resources: jm }, taskManager: { resources: tm } });

  it("reads the operator's own main-branch example as main does, and as a release prunes it", () => {
    const text = readFileSync(`${ROOT}test/fixtures/k8s/operator-main-basic.yaml`, 'utf8');
    const main = one(text, 'main');
    expect(main.errors).toEqual([]);
    expect(main.taskmanager.flinkConfig).toMatchObject({ 'taskmanager.memory.process.size': '2 gb', 'kubernetes.taskmanager.cpu.amount': '1.0' });
    expect(main.taskmanager.pod).toEqual({ requests: { memory: '2048Mi', cpu: '1.0' }, limits: { memory: '2048Mi', cpu: '1.0' } });
    // its TaskManager keeps Flink's default managed fraction with the default hashmap backend
    expect(main.findings.map((f) => f.code).sort()).toEqual(['K8S_MEMORY_UNIT_TRAP', 'K8S_MEMORY_UNIT_TRAP', 'MANAGED_MEMORY_UNUSED']);
    const released = one(text, '1.15');
    expect(released.findings.map((f) => f.code)).toContain('K8S_RESOURCES_UNRELEASED');
    expect(released.errors[0]).toBe('JobManager resource memory must be defined using `spec.jobManager.resource.memory`');
  });

  it('1Gi / 500m requests with 2048Mi / 1 limits: 1 GiB, 0.5 cpu, both limit factors 2.0 (ResourceConfigUtilsTest#testMixedUnitsMemoryAndCpu)', () => {
    const d = one(withResources({ requests: { memory: '1Gi', cpu: '500m' }, limits: { memory: '2048Mi', cpu: '1' } }), 'main');
    expect(d.taskmanager.flinkConfig).toMatchObject({ 'taskmanager.memory.process.size': '1073741824', 'kubernetes.taskmanager.cpu.amount': '0.5', 'kubernetes.taskmanager.memory.limit-factor': '2.0', 'kubernetes.taskmanager.cpu.limit-factor': '2.0' });
    expect(d.taskmanager.pod).toEqual({ requests: { memory: '1024Mi', cpu: '0.5' }, limits: { memory: '2048Mi', cpu: '1.0' } });
    expect(d.findings.map((f) => f.code)).toContain('K8S_LIMIT_FACTOR_ABOVE_ONE');
  });

  it('a limit alone is the request (getRequestOrLimit) and sets no factor; a zero request sets none either', () => {
    const d = one(withResources({ limits: { memory: '2Gi', cpu: 2 } }), 'main');
    expect(d.taskmanager.pod).toEqual({ requests: { memory: '2048Mi', cpu: '2.0' }, limits: { memory: '2048Mi', cpu: '2.0' } });
    expect(d.taskmanager.flinkConfig['kubernetes.taskmanager.cpu.limit-factor']).toBeUndefined();
  });

  it('the memory limit factor divides Quantity amounts, so a Flink-style "2048m" request makes it absurd', () => {
    // 4Gi / 2.048 (2048m as a Kubernetes quantity) = 2097152000; (int)(2048 MiB × that) saturates
    const d = one(withResources({ requests: { memory: '2048m' }, limits: { memory: '4Gi' } }), 'main');
    expect(d.taskmanager.flinkConfig['kubernetes.taskmanager.memory.limit-factor']).toBe('2.097152E9');
    expect(d.taskmanager.pod?.limits.memory).toBe('2147483647Mi');
    expect(d.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['K8S_MEMORY_UNIT_TRAP', 'K8S_LIMIT_FACTOR_ABOVE_ONE']));
  });

  it("refuses what main's validator refuses (DefaultValidator.validateResourceRequirements)", () => {
    expect(one(withResources({ requests: { memory: '4Gi', cpu: '2' }, limits: { memory: '2Gi', cpu: '1' } }), 'main').errors).toEqual([
      'TaskManager resource requirements cpu request (2) must not exceed its limit (1); TaskManager resource requirements memory request (4Gi) must not exceed its limit (2Gi)',
    ]);
    expect(one(withResources({ requests: { memory: '2Gi', cpu: '0' } }), 'main').errors).toEqual(['TaskManager resource requirements requests cpu must be positive: 0']);
    const bad = one(withResources({ requests: { memory: '1.5Gi' } }), 'main');
    expect(bad.errors[0]).toMatch(/^TaskManager resource requirements requests memory parse error: /);
    expect(bad.findings.map((f) => f.code)).toContain('K8S_MEMORY_REFUSED');
  });

  it('is chosen with --operator-version main only; released lines keep pruning it', () => {
    expect(parseOperatorVersion('main')).toEqual({ ok: true, version: 'main' });
    expect(parseOperatorVersion(undefined)).toEqual({ ok: true, version: '1.15' });
    expect(OPERATOR_VERSIONS.every((v) => !OPERATOR_RELEASES[v].resourceRequirements)).toBe(true);
  });
});

describe('pod resources as Flink writes them (KubernetesUtils.getResourceRequirements)', () => {
  it('request = process MiB truncated, limit = (int)(MiB × factor), cpu as Java prints doubles', () => {
    expect(podResources(1728, 1.0, 1.0, 1.0)).toEqual({ requests: { memory: '1728Mi', cpu: '1.0' }, limits: { memory: '1728Mi', cpu: '1.0' } });
    expect(podResources(1728, 1.5, 0.1, 3)).toEqual({ requests: { memory: '1728Mi', cpu: '0.1' }, limits: { memory: '2592Mi', cpu: '0.30000000000000004' } });
    expect(podResources(1000, 1.3333, 2, 1)).toMatchObject({ limits: { memory: '1333Mi', cpu: '2.0' } });
  });

  it('a process size that is not whole MiB requests the MiB below it', () => {
    const d = one(manifest({ taskManager: { resource: { memory: '2000000000', cpu: 1 } } }));
    expect(d.taskmanager.pod?.requests.memory).toBe('1907Mi');
  });

  it('sidecars of the pod template add to the pod\'s request; the main container keeps Flink\'s numbers', () => {
    const text = readFileSync(`${ROOT}test/fixtures/findings/K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN/flinkdeployment.yaml`, 'utf8');
    const d = one(text);
    expect(d.taskmanager.pod?.limits.memory).toBe('1728Mi');
    expect(d.taskmanager.sidecarRequestBytes).toBe(128n * MiB);
    expect(d.taskmanager.requestBytes).toBe((1728n + 128n) * MiB);
    expect(d.clusterMemory).toBe((1600n + 1728n) * MiB);
  });

  it('a limit factor below 1 leaves no pod (Flink refuses to build it)', () => {
    const d = one(manifest({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2', 'kubernetes.taskmanager.memory.limit-factor': '0.9' } }));
    expect(d.taskmanager.pod).toBeNull();
    expect(d.clusterMemory).toBeNull();
  });
});

describe('node allocatable memory against the providers\' formulas and worked examples', () => {
  it('AKS 1.29+: "8 GB, up to 30 pods: 20 MB × 30 + 50 MB = 650 MB; 8 − 0.65 − 0.1 = 7.25 GB" (learn.microsoft.com/azure/aks/node-resource-reservations)', () => {
    expect(aksAllocatable(8000, 30)).toMatchObject({ kubeReservedMiB: 650, evictionHardMiB: 100, allocatableMiB: 7250 });
    // the lesser of the per-pod figure and 25% of memory
    expect(aksAllocatable(4000, 250).kubeReservedMiB).toBe(1000);
  });

  it('GKE Standard: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above; +100 MiB eviction', () => {
    expect(gkeAllocatable(4096)).toMatchObject({ kubeReservedMiB: 1024, allocatableMiB: 4096 - 1024 - 100 });
    expect(gkeAllocatable(8192).kubeReservedMiB).toBe(Math.ceil(1024 + 819.2));
    expect(gkeAllocatable(16384).kubeReservedMiB).toBe(Math.ceil(1024 + 819.2 + 819.2));
    expect(gkeAllocatable(32768).kubeReservedMiB).toBe(Math.ceil(2662.4 + 0.06 * 16384));
    expect(gkeAllocatable(256 * 1024).kubeReservedMiB).toBe(Math.ceil(2662.4 + 0.06 * 114688 + 0.02 * 128 * 1024));
    expect(gkeAllocatable(512).kubeReservedMiB).toBe(255);
  });

  it('EKS optimized AMI: 11 MiB per pod + 255 MiB (m5.large: 29 pods → 574 MiB), evictionHard 100 MiB', () => {
    expect(eksAllocatable(8192, 29)).toMatchObject({ kubeReservedMiB: 574, systemReservedMiB: 0, allocatableMiB: 8192 - 574 - 100 });
  });

  it('kubelet defaults: only the 100 MiB hard eviction threshold', () => {
    expect(kubeletDefaultAllocatable(4096).allocatableMiB).toBe(3996);
  });

  it('the preset schema keeps a node preset consistent (PRESET_NODE_MISMATCH)', () => {
    const text = readFileSync(`${ROOT}presets/k8s-4g.yaml`, 'utf8');
    expect(parsePreset(text, 'k8s-4g.yaml').ok).toBe(true);
    const codes = (t: string) => {
      const r = parsePreset(t, 'x.yaml');
      return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path.join('.')}`);
    };
    expect(codes(text.replace('allocatableMiB: 3996', 'allocatableMiB: 4000'))).toEqual(['PRESET_NODE_MISMATCH kubernetes.allocatableMiB']);
    expect(codes(text.replace('systemReservedMiB: 200', 'systemReservedMiB: 150'))).toEqual(['PRESET_NODE_MISMATCH systemReservedMiB', 'PRESET_PARTS_MISMATCH systemReservedParts']);
    expect(codes(text.replace('kind: kubernetes-node\n', ''))).toEqual(['PRESET_NODE_MISMATCH kind']);
  });

  it('every bundled node preset states what its formula gives', () => {
    expect(nodePresets.map((p) => p.id).sort()).toHaveLength(14);
    for (const p of nodePresets) {
      const k = p.kubernetes!;
      const a = allocatableFor(k.formula, p.memoryMiB, k.maxPods);
      expect({ kube: k.kubeReservedMiB, sys: k.systemReservedMiB, ev: k.evictionHardMiB, alloc: k.allocatableMiB }, p.id).toEqual({ kube: a.kubeReservedMiB, sys: a.systemReservedMiB, ev: a.evictionHardMiB, alloc: a.allocatableMiB });
      expect(p.systemReservedMiB).toBe(p.memoryMiB - k.allocatableMiB + k.daemonSetsMiB);
      expect(p.systemReservedParts?.some((x) => /ESTIMATE/.test(x.what)), p.id).toBe(true);
    }
  });
});

describe('scheduling by memory request (first-fit decreasing)', () => {
  const pod = (name: string, mib: number) => ({ name, role: 'taskmanager' as const, request: BigInt(mib) * MiB });
  it('places the largest first, each on the first node with room, and reports the rest', () => {
    const r = firstFitDecreasing([pod('a', 1000), pod('b', 3000), pod('c', 2000), pod('d', 2500)], [
      { name: 'n1', presetId: 'x', capacity: 4000n * MiB },
      { name: 'n2', presetId: 'x', capacity: 4000n * MiB },
    ]);
    expect(r.nodes.map((n) => n.pods)).toEqual([['b', 'a'], ['d']]);
    expect(r.unschedulable.map((p) => p.name)).toEqual(['c']);
  });

  it('says the smallest node count and node type that hold every pod', () => {
    const d = one(manifest({ jobManager: { resource: { memory: '1024Mi', cpu: 1 } }, taskManager: { replicas: 3, resource: { memory: '2048Mi', cpu: 1 } }, job: { jarURI: 'local:///j.jar', parallelism: 6, upgradeMode: 'stateless' } }));
    const s = schedule(podsOf(d), [node('k8s-4g')], nodePresets);
    // 3896 MiB for pods: one TaskManager and the JobManager fit, two TaskManagers wait
    expect(s.nodes[0]!.pods).toEqual(['basic-taskmanager-1', 'basic-jobmanager']);
    expect(s.unschedulable.map((p) => p.name)).toEqual(['basic-taskmanager-2', 'basic-taskmanager-3']);
    expect(s.smallestCount).toBe(3);
    // 7168 MiB on one node: the 8 GiB node type that leaves the least but enough (7302 MiB)
    expect(s.smallestType).toBe('eks-t3-large');
  });
});

describe('generate --target kubernetes', () => {
  const base = (over: Partial<KubernetesGenerateInput> = {}): KubernetesGenerateInput => ({
    node: node('gke-e2-standard-4'),
    nodes: 1,
    nodeTypes: nodePresets,
    mode: 'native',
    operatorVersion: '1.15',
    name: 'flink',
    taskManagers: 1,
    slots: 1,
    stateBackend: 'hashmap',
    reserves: [],
    checkpointInterval: '60s',
    checkpointDir: 'file:///opt/flink/checkpoints',
    dynamic: {},
    presets: [],
    command: 'flinkfit generate --target kubernetes',
    ...over,
  });
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(`${ROOT}schemas/flinkdeployment-v1beta1.schema.json`, 'utf8')));

  const shapes: Array<[string, Partial<KubernetesGenerateInput>]> = [
    ['one node, session', {}],
    ['application on 2 nodes, 3 TaskManagers × 2 slots', { nodes: 2, taskManagers: 3, slots: 2, jobJar: 'local:///opt/flink/usrlib/job.jar', entryClass: 'com.example.Job' }],
    ['standalone RocksDB on an EKS m5.large', { node: node('eks-m5-large'), mode: 'standalone', stateBackend: 'rocksdb', taskManagers: 2 }],
    ['AKS D2s v5, Flink 1.20, operator 1.10', { node: node('aks-standard-d2s-v5'), operatorVersion: '1.10', flinkVersion: '1.20' }],
    ['4 GiB kubelet-default node, 2 slots', { node: node('k8s-4g'), slots: 2 }],
    ['operator 1.12 with Flink 2.0 and -D', { operatorVersion: '1.12', flinkVersion: '2.0', dynamic: { 'taskmanager.memory.jvm-metaspace.size': '192m' } }],
  ];

  it.each(shapes)('%s: validates against the CRD-derived schema and reads back to the plan', (_, over) => {
    const r = generateKubernetes(base(over));
    if (!r.ok) throw new Error(r.message);
    const doc = parseYaml(r.manifest) as unknown;
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // read back exactly as explain reads it
    const d = one(r.manifest, base(over).operatorVersion);
    expect(d.errors).toEqual([]);
    const tm = d.explanation.taskmanager.outcome;
    const jm = d.explanation.jobmanager.outcome;
    expect(tm?.ok && tm.memory).toEqual(r.plan.taskManager);
    expect(jm?.ok && jm.memory).toEqual(r.plan.jobManager);
    expect(d.taskmanager.replicas).toBe(r.plan.taskManagers);
    expect(d.taskmanager.pod?.requests.memory).toBe(`${r.plan.taskManager.totalProcess / MiB}Mi`);
    expect(d.jobmanager.pod?.limits.memory).toBe(`${r.plan.jobManager.totalProcess / MiB}Mi`);
    expect(d.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([]);
    const s = schedule(podsOf(d), Array.from({ length: base(over).nodes }, () => base(over).node), nodePresets);
    expect(s.unschedulable).toEqual([]);
  });

  it('a cluster too large for the node says so, with a node count or type that fits', () => {
    const r = generateKubernetes(base({ node: node('k8s-4g'), taskManagers: 8, slots: 4, stateBackend: 'rocksdb' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/k8s-4g/);
  });

  it('refuses a Flink version the operator release\'s CRD does not list', () => {
    const r = generateKubernetes(base({ operatorVersion: '1.10', flinkVersion: '2.0' }));
    expect(r).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
  });
});

describe('built CLI on a FlinkDeployment', () => {
  const bin = `${ROOT}bin/flinkfit.cjs`;
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

  it('explain --json carries the kubernetes object beside the memory results', () => {
    const r = run('explain', '--json', 'test/fixtures/findings/K8S_SCHEDULE_FITS/flinkdeployment.yaml');
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.taskmanager.memory.totalProcess).toBe(String(1728n * MiB));
    expect(doc.kubernetes).toMatchObject({
      operatorVersion: '1.15',
      flinkVersion: 'v1_20',
      jobmanager: { replicas: 1, pod: { requests: { memory: '1600Mi', cpu: '1.0' }, limits: { memory: '1600Mi', cpu: '1.0' } } },
      taskmanager: { replicas: 1, flinkConfig: { 'taskmanager.memory.process.size': '1811939328' } },
      clusterMemory: String(3328n * MiB),
      clusterCpu: '2.0',
      errors: [],
    });
    expect(r.status).toBe(0);
  });

  it('check --format json lists deployments, each with its kubernetes object and schedule', () => {
    const r = run('check', '--format', 'json', '--node-preset', 'k8s-4g', 'test/fixtures/findings/K8S_POD_UNSCHEDULABLE/flinkdeployment.yaml');
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(r.status).toBe(1);
    expect(doc.deployments[0].kubernetes.schedule.unschedulable).toHaveLength(2);
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('K8S_POD_UNSCHEDULABLE');
  });

  it('check DIR finds the manifests in it, checks them as if named, and says which files it skipped', () => {
    const r = run('check', '--format', 'json', '--node-preset', 'k8s-8g', '--nodes', '2', 'test/fixtures/projects/kustomize-flinkdeployment-overlays');
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Record<string, any>;
    expect(doc.deployments.map((d: { file: string }) => d.file)).toEqual(['test/fixtures/projects/kustomize-flinkdeployment-overlays/flink/base/flinkdeployment.yaml']);
    expect(doc.deployments[0].kubernetes).toMatchObject({ clusterCpu: '5.0', clusterMemory: String(10240n * MiB), taskmanager: { replicas: 2 } });
    // no state backend is set, so Flink's default hashmap leaves the default managed memory unused
    expect(doc.findings.map((f: { code: string }) => f.code).sort()).toEqual(['K8S_SCHEDULE_FITS', 'KUSTOMIZE_PATCH_SKIPPED', 'KUSTOMIZE_PATCH_SKIPPED', 'MANAGED_MEMORY_UNUSED']);
    expect(r.status).toBe(0);
  });

  it('explain on a Helm chart skips the template with a note, and exits 0', () => {
    const r = run('explain', 'test/fixtures/projects/wikimedia-flink-app-helm-chart');
    expect(r.stdout).toMatch(/info \[MANIFEST_TEMPLATE_SKIPPED\] .*templates\/flinkdeployment\.yaml: .*helm template test\/fixtures\/projects\/wikimedia-flink-app-helm-chart\/charts\/flink-app/);
    expect(r.stdout).not.toMatch(/error/);
    expect(r.status).toBe(0);
    // named on its own, the template is not read as a broken manifest either
    const one = run('check', 'test/fixtures/projects/wikimedia-flink-app-helm-chart/charts/flink-app/templates/flinkdeployment.yaml');
    expect(one.stdout).toMatch(/MANIFEST_TEMPLATE_SKIPPED/);
    expect(one.status).toBe(0);
  });

  it('--operator-version reaches manifests found beside a compose project (the project model)', () => {
    const args = ['--format', 'json', 'test/fixtures/findings/K8S_FLINK_VERSION_REFUSED/flinkdeployment.yaml', 'test/fixtures/projects/ops-playground-1-16/operations-playground/docker-compose.yaml'];
    const codes = (v: string) => (JSON.parse(run('check', '--operator-version', v, ...args).stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);
    expect(codes('1.12')).toContain('K8S_FLINK_VERSION_REFUSED');
    expect(codes('1.15')).not.toContain('K8S_FLINK_VERSION_REFUSED');
  });

  it('check --format sarif and gitlab work on manifests as on other inputs', () => {
    const sarif = run('check', '--format', 'sarif', 'test/fixtures/findings/K8S_MEMORY_UNIT_TRAP/flinkdeployment.yaml');
    const doc = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(doc.runs[0]!.results.map((r) => r.ruleId)).toContain('K8S_MEMORY_UNIT_TRAP');
    expect(sarif.status).toBe(0);
    const gitlab = JSON.parse(run('check', '--format', 'gitlab', 'test/fixtures/findings/K8S_VALIDATION_ERROR/flinkdeployment.yaml').stdout) as Array<{ check_name: string }>;
    expect(gitlab.map((g) => g.check_name)).toContain('K8S_VALIDATION_ERROR');
  });

  it('--operator-version main reads the resources form, labelled as the unreleased main branch in text and JSON', () => {
    const text = run('explain', '--operator-version', 'main', 'test/fixtures/k8s/operator-main-basic.yaml');
    expect(text.stdout).toMatch(/operator main branch \(unreleased, 6e9caeb4\), flinkVersion v2_2/);
    expect(text.status).toBe(0);
    const doc = JSON.parse(run('explain', '--json', '--operator-version', 'main', 'test/fixtures/k8s/operator-main-basic.yaml').stdout) as Record<string, any>;
    expect(doc.kubernetes).toMatchObject({ operatorVersion: 'main', operatorUnreleased: true, errors: [], taskmanager: { pod: { requests: { memory: '2048Mi' } } } });
    const released = JSON.parse(run('explain', '--json', 'test/fixtures/k8s/operator-main-basic.yaml').stdout) as Record<string, any>;
    expect(released.kubernetes).toMatchObject({ operatorVersion: '1.15', operatorUnreleased: false });
    expect(released.kubernetes.errors).toHaveLength(2);
    const gen = run('generate', '--target', 'kubernetes', '--node-preset', 'eks-m5-large', '--operator-version', 'main', '--stdout');
    expect(gen.status).toBe(2);
    expect(gen.stderr).toMatch(/released operator/);
  });

  it('generate --target kubernetes --stdout prints a manifest that check accepts', () => {
    const g = run('generate', '--target', 'kubernetes', '--node-preset', 'eks-m5-large', '--taskmanagers', '2', '--stdout');
    expect(g.status).toBe(0);
    expect(g.stdout).toMatch(/^kind: FlinkDeployment$/m);
    const bad = run('generate', '--target', 'kubernetes', '--node-preset', 'gcp-e2-micro', '--stdout');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/VM preset/);
  });
});

describe('finding manifests among other YAML (directory scans)', () => {
  it('counts only top-level apiVersion/kind: references and embedded manifests are not manifests', () => {
    const ops = (f: string) => readFileSync(`${ROOT}test/fixtures/projects/${f}`, 'utf8');
    expect(looksLikeFlinkManifest(ops('operator-examples-1-15/examples/basic.yaml'))).toBe(true);
    expect(looksLikeFlinkManifest(ops('operator-examples-1-15/examples/basic-session-job-only.yaml'))).toBe(true);
    // FlinkStateSnapshot: jobReference.kind FlinkDeployment is indented
    expect(looksLikeFlinkManifest(ops('operator-examples-1-15/examples/snapshot/checkpoint.yaml'))).toBe(false);
    // a JobTemplate whose block scalar embeds a FlinkSessionJob
    expect(looksLikeFlinkManifest(ops('hoptimator-session-cluster-job-templates/deploy/samples/flinkSessionJob.yaml'))).toBe(false);
    // an HPA scaling a FlinkDeployment
    expect(looksLikeFlinkManifest('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef:\n    apiVersion: flink.apache.org/v1beta1\n    kind: FlinkDeployment\n')).toBe(false);
    const chart = ops('wikimedia-flink-app-helm-chart/charts/flink-app/templates/flinkdeployment.yaml');
    expect(looksLikeFlinkManifest(chart) && isTemplatedManifest(chart)).toBe(true);
    expect(isTemplatedManifest(ops('operator-examples-1-15/examples/basic.yaml'))).toBe(false);
  });

  it('reads the patch files a kustomization lists (patches, patchesStrategicMerge, patchesJson6902), not its resources', () => {
    const text = [
      'resources:',
      '  - ../../base',
      '  - extra.yaml',
      'patches:',
      '  - path: taskmanager.yaml',
      '    target:',
      '      kind: FlinkDeployment',
      '  - patch: |-',
      '      - op: replace',
      '        path: /spec/taskManager/replicas',
      'patchesStrategicMerge:',
      '- "jobmanager-small.yaml"',
      '- |-',
      '  apiVersion: flink.apache.org/v1beta1',
      'patchesJson6902:',
      '- target: {kind: FlinkDeployment, name: x}',
      '  path: json-patch.yaml',
    ].join('\n');
    expect(kustomizePatchPaths(text)).toEqual(['taskmanager.yaml', 'jobmanager-small.yaml', 'json-patch.yaml']);
  });
});

describe('manifests with many documents (kustomize build, helm template)', () => {
  // a CustomResourceDefinition of the operator's size and shape: `kind: FlinkDeployment` appears in
  // it, indented, and it is larger than one parse may be
  const crd = (lines: number) =>
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: flinkdeployments.flink.apache.org\nspec:\n  names:\n    kind: FlinkDeployment\n  versions:\n  - name: v1beta1\n    schema:\n      openAPIV3Schema:\n        properties:\n' +
    Array.from({ length: lines }, (_, i) => `          field${i}:\n            type: string\n            description: "a field of the schema, described at some length as real CRDs do ${i}"\n`).join('');
  const deployment = 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: job\nspec:\n  flinkVersion: v1_20\n  jobManager:\n    resource:\n      memory: "2048m"\n      cpu: 1\n  taskManager:\n    resource:\n      memory: "2048m"\n      cpu: 1\n';

  it('parses only the Flink documents, with lines counted in the whole file, and names the others', () => {
    const big = crd(12_000);
    expect(big.length).toBeGreaterThan(MANIFEST_MAX_CHARS);
    const text = `${big}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ui\n---\n${deployment}`;
    const r = readManifests(text);
    expect(r.errors).toEqual([]);
    expect(r.others).toEqual(['CustomResourceDefinition', 'Service']);
    expect(r.resources).toHaveLength(1);
    const lines = text.split('\n');
    const first = r.resources[0]!;
    expect(lines[first.line - 1]).toBe('apiVersion: flink.apache.org/v1beta1');
    expect(lines[first.lineOf(['spec', 'jobManager', 'resource', 'memory']) - 1]).toBe('      memory: "2048m"');
  });

  it('refuses one document past the limit, naming its line', () => {
    const huge = deployment + '  flinkConfiguration:\n' + Array.from({ length: 40_000 }, (_, i) => `    app.key${i}: "value ${i}"\n`).join('');
    expect(huge.length).toBeGreaterThan(MANIFEST_MAX_CHARS);
    const r = readManifests(`apiVersion: v1\nkind: Service\n---\n${huge}`);
    expect(r.resources).toEqual([]);
    expect(r.errors).toEqual([{ message: expect.stringMatching(/larger than 1 MiB/), line: 3 }]);
  });
});

describe('manifest templates', () => {
  it('are told by {{ }} or ${NAME} outside comments; Kubernetes $(NAME) and plain $ are not templates', () => {
    const head = 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n';
    expect(manifestTemplateKind(`${head}metadata:\n  name: {{ .Values.name }}\n`)).toBe('braces');
    expect(manifestTemplateKind(`${head}spec:\n  image: \${FLINK_IMAGE}\n`)).toBe('dollar');
    expect(manifestTemplateKind(`${head}spec:\n  taskManager:\n    resource:\n      memory: "\${TM_MEMORY:-2048m}"\n`)).toBe('dollar');
    expect(manifestTemplateKind(`${head}# render with envsubst: \${TM_MEMORY}\nspec: {}\n`)).toBeNull();
    expect(manifestTemplateKind(`${head}spec:\n  podTemplate:\n    spec:\n      containers:\n      - args: ["--host", "$(POD_IP)"]\n`)).toBeNull();
    expect(manifestTemplateKind(`${head}spec:\n  flinkConfiguration:\n    s3.secret-key: "a$b"\n`)).toBeNull();
  });
});
