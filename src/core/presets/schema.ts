// The rules a machine preset obeys, as a zod schema: what the provider sells (memory, vCPUs) and what
// the OS and Docker keep for themselves before Flink's process memory
// (taskmanager.memory.process.size / jobmanager.memory.process.size) can be sized. Pure: no fs.
// Loaded only to validate a preset file (a user's, or the bundled ones at build time).
import { z } from 'zod';
import { ARCHITECTURES, NODE_FORMULAS, PRESET_KINDS, type KubernetesNode, type Preset, type PresetRuleCode, type PresetSource, type ReservedPart } from './model.js';
import { docsUrl } from '../links.js';

/** Largest memory a preset may state: 16 TiB, far above any machine flinkfit sizes for. */
const MAX_MIB = 16 * 1024 * 1024;

// Messages name no key: the issue formatter puts file, line and key in front of them.
const mib = (min = 0) =>
  z
    .int({ error: 'must be a whole number of MiB, e.g. 1024 (not "1g")' })
    .min(min, { error: min === 0 ? 'must not be negative' : `must be at least ${min}` })
    .max(MAX_MIB, { error: `must be at most ${MAX_MIB} MiB (16 TiB)` });

const text = () => z.string({ error: 'must be a text' }).min(1, { error: 'must not be empty' });

const slug = (example: string) =>
  z
    .string({ error: 'must be a text' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: `must be lower-case letters, digits and dashes, e.g. "${example}"` });

export const KubernetesNodeSchema = z
  .strictObject({
    formula: z
      .enum(NODE_FORMULAS, { error: 'must be "gke", "eks", "aks" or "kubelet-default"' })
      .describe("Whose published allocatable formula applies: GKE Standard, the EKS optimized AMI, AKS 1.29+, or the kubelet's defaults (kubeadm, k3s)."),
    formulaText: text().describe('The formula in words, with the numbers of this node.'),
    maxPods: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1000, { error: 'must be at most 1000' }).describe('Pods the node admits (EKS: the VPC CNI ENI limit; AKS: the network plugin default); EKS and AKS reserve memory per pod.'),
    kubeReservedMiB: mib().describe('kube-reserved memory by the formula.'),
    systemReservedMiB: mib().describe('system-reserved memory by the formula (0 where the provider reserves none).'),
    evictionHardMiB: mib().describe("The kubelet's hard eviction threshold (memory.available)."),
    allocatableMiB: mib(1).describe('memoryMiB − kubeReservedMiB − systemReservedMiB − evictionHardMiB: what `kubectl describe node` shows as Allocatable (a little less in practice: the kernel keeps part of the memory out of MemTotal).'),
    daemonSetsMiB: mib().describe("An ESTIMATE of the memory requests of the DaemonSets the provider runs on every node by default (CNI, kube-proxy, CSI, logging/metrics agents). Not from a formula: check `kubectl describe node` (Non-terminated Pods)."),
  })
  .describe('For kind: kubernetes-node: how the node\'s allocatable memory comes about.');
export const ReservedPartSchema = z
  .strictObject({
    what: text().describe(
      'What takes this memory, e.g. "dockerd + containerd" or "kernel: struct page array, slab, page tables".',
    ),
    mib: mib().describe('Estimated MiB it takes at steady state.'),
  })
  .describe('One line of the estimate behind systemReservedMiB.');

export const SourceSchema = z
  .strictObject({
    title: text().describe('Name of the page or document, e.g. "Compute Engine: general-purpose machine family".'),
    url: z.url({ error: 'must be an absolute URL, e.g. https://…' }).describe('Where it can be read.'),
  })
  .describe('A page the provider figures (memory, vCPUs, baseline CPU) were taken from.');

const PresetObject = z
  .strictObject({
    id: slug('aws-t3-micro').describe(
      'Stable identifier, used as `flinkfit presets ID`; a bundled preset is stored as presets/<id>.yaml.',
    ),
    name: text().describe('Human-readable name, e.g. "AWS t3.micro".'),
    kind: z
      .enum(PRESET_KINDS, { error: 'must be "vm" or "kubernetes-node"' })
      .optional()
      .describe('vm (the default): a machine running Flink in Docker. kubernetes-node: a node of a Kubernetes cluster; then `kubernetes` says what is allocatable, and systemReservedMiB is memoryMiB − allocatable + the DaemonSet estimate.'),
    provider: slug('aws').describe(
      'Who sells or makes the machine: gcp, aws, azure, raspberry-pi, generic, or any other lower-case slug.',
    ),
    memoryMiB: mib(1).describe(
      'Memory of the machine as the provider states it, in MiB (1 GiB = 1024 MiB). Cloud providers that write "GB" for VM memory mean GiB.',
    ),
    vcpus: z
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(4096, { error: 'must be at most 4096' })
      .describe('Number of vCPUs the guest OS sees (what `nproc` prints), including burstable ones.'),
    sustainedVcpus: z
      .number({ error: 'must be a number, e.g. 0.25' })
      .positive({ error: 'must be greater than 0' })
      .optional()
      .describe(
        'For shared-core or burstable machines: the CPU the machine may use indefinitely, in vCPUs (e.g. 0.25 for GCP e2-micro, 0.2 for AWS t3.micro). Omit when every vCPU is dedicated.',
      ),
    architecture: z
      .enum(ARCHITECTURES, { error: 'must be "x86_64" or "arm64"' })
      .describe('CPU architecture; decides which image variant (amd64 or arm64v8) Docker pulls.'),
    systemReservedMiB: mib().describe(
      'Estimated MiB taken by everything but Flink: the kernel, OS services, the cloud guest agent, the Docker daemon, a GPU split. Must be less than memoryMiB.',
    ),
    systemReservedParts: z
      .array(ReservedPartSchema, { error: 'must be a list of { what, mib }' })
      .min(1, { error: 'must not be empty (leave it out instead)' })
      .optional()
      .describe('Optional breakdown of systemReservedMiB; when present its MiB must add up to systemReservedMiB.'),
    basis: text().describe('Plain words: what the reserve estimate rests on, and how sure it is.'),
    sources: z
      .array(SourceSchema, { error: 'must be a list of { title, url }' })
      .optional()
      .describe('Where the provider figures come from (documentation pages).'),
    kubernetes: KubernetesNodeSchema.optional(),
  })
  .describe(
    `A machine preset for flinkfit: the memory and CPUs a small machine offers, and what is left for Flink. See ${docsUrl('presets.md')}`,
  );

export const PresetSchema = PresetObject.superRefine((p, ctx) => {
  // only once both sizes are themselves valid, so one mistake gives one message
  if (p.memoryMiB >= 1 && p.systemReservedMiB >= 0 && p.systemReservedMiB >= p.memoryMiB) {
    ctx.addIssue({
      code: 'custom',
      path: ['systemReservedMiB'],
      params: { presetCode: 'PRESET_RESERVED_TOO_LARGE' satisfies PresetRuleCode },
      message: `${p.systemReservedMiB} MiB must be less than memoryMiB (${p.memoryMiB} MiB), or nothing is left for Flink`,
    });
  }
  const node = p.kubernetes;
  if ((p.kind === 'kubernetes-node') !== (node !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: node ? ['kind'] : ['kubernetes'],
      params: { presetCode: 'PRESET_NODE_MISMATCH' satisfies PresetRuleCode },
      message: node ? 'must be "kubernetes-node" when `kubernetes` is given' : 'is required for kind: kubernetes-node',
    });
  } else if (node) {
    const alloc = p.memoryMiB - node.kubeReservedMiB - node.systemReservedMiB - node.evictionHardMiB;
    const left = p.memoryMiB - node.allocatableMiB + node.daemonSetsMiB;
    const problem =
      node.allocatableMiB !== alloc
        ? { path: ['kubernetes', 'allocatableMiB'], message: `${node.allocatableMiB} MiB is not memoryMiB − kubeReservedMiB − systemReservedMiB − evictionHardMiB (${alloc} MiB)` }
        : p.systemReservedMiB !== left
          ? { path: ['systemReservedMiB'], message: `${p.systemReservedMiB} MiB must be memoryMiB − kubernetes.allocatableMiB + kubernetes.daemonSetsMiB (${left} MiB) for a Kubernetes node` }
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: problem.path, params: { presetCode: 'PRESET_NODE_MISMATCH' satisfies PresetRuleCode }, message: problem.message });
  }  if (p.systemReservedParts !== undefined) {
    const sum = p.systemReservedParts.reduce((s, part) => s + part.mib, 0);
    if (sum !== p.systemReservedMiB) {
      ctx.addIssue({
        code: 'custom',
        path: ['systemReservedParts'],
        params: { presetCode: 'PRESET_PARTS_MISMATCH' satisfies PresetRuleCode },
        message: `the parts add up to ${sum} MiB but systemReservedMiB is ${p.systemReservedMiB}`,
      });
    }
  }
  if (p.sustainedVcpus !== undefined && p.sustainedVcpus > p.vcpus) {
    ctx.addIssue({
      code: 'custom',
      path: ['sustainedVcpus'],
      params: { presetCode: 'PRESET_SUSTAINED_EXCEEDS_VCPUS' satisfies PresetRuleCode },
      message: `${p.sustainedVcpus} must not exceed vcpus (${p.vcpus})`,
    });
  }
});

// model.ts spells the types out so that reading bundled presets needs no zod; these fail to compile
// when the schema and the types drift apart
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<z.infer<typeof PresetSchema>, Preset>,
  Same<z.infer<typeof ReservedPartSchema>, ReservedPart>,
  Same<z.infer<typeof SourceSchema>, PresetSource>,
  Same<z.infer<typeof KubernetesNodeSchema>, KubernetesNode>,
] = [true, true, true, true];
void sameTypes;

/** The keys a preset may have at each level, in schema order (for did-you-mean on unknown keys). */
export const PRESET_KEYS: readonly string[] = Object.keys(PresetObject.shape);
export const RESERVED_PART_KEYS: readonly string[] = Object.keys(ReservedPartSchema.shape);
export const SOURCE_KEYS: readonly string[] = Object.keys(SourceSchema.shape);

/** The JSON Schema editors use for presets/*.yaml (written to presets/schema.json). */
export function presetJsonSchema(): Record<string, unknown> {
  // draft-07: the newest draft that yaml-language-server and most editors fully support
  const generated = z.toJSONSchema(PresetSchema, { target: 'draft-7' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: 'flinkfit machine preset', ...rest };
}
