// The machine a Flink cluster runs on, as plain data types and the arithmetic on them. No zod here:
// the CLI reads its bundled presets (validated at build time) through this module alone, and loads
// the schema (schema.ts, parse.ts) only for a user's own preset file. Pure: no fs.

export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** vm: a machine running Flink in Docker; kubernetes-node: a node of a Kubernetes cluster. */
export const PRESET_KINDS = ['vm', 'kubernetes-node'] as const;
export type PresetKind = (typeof PRESET_KINDS)[number];

export const NODE_FORMULAS = ['gke', 'eks', 'aks', 'kubelet-default'] as const;

/** How a Kubernetes node's allocatable memory comes about (schema.ts documents each field). */
export interface KubernetesNode {
  formula: (typeof NODE_FORMULAS)[number];
  formulaText: string;
  maxPods: number;
  kubeReservedMiB: number;
  systemReservedMiB: number;
  evictionHardMiB: number;
  allocatableMiB: number;
  daemonSetsMiB: number;
}

/** One line of the estimate behind systemReservedMiB. */
export interface ReservedPart {
  what: string;
  mib: number;
}

/** A page the provider figures were taken from. */
export interface PresetSource {
  title: string;
  url: string;
}

/** A machine preset; schema.ts holds the rules each field obeys (and checks they match this type). */
export interface Preset {
  id: string;
  name: string;
  provider: string;
  kind?: PresetKind | undefined;
  memoryMiB: number;
  vcpus: number;
  sustainedVcpus?: number | undefined;
  architecture: Architecture;
  systemReservedMiB: number;
  systemReservedParts?: ReservedPart[] | undefined;
  basis: string;
  sources?: PresetSource[] | undefined;
  kubernetes?: KubernetesNode | undefined;
}

/** Codes of the cross-field checks, carried in the zod issue's params. */
export type PresetRuleCode = 'PRESET_RESERVED_TOO_LARGE' | 'PRESET_PARTS_MISMATCH' | 'PRESET_SUSTAINED_EXCEEDS_VCPUS' | 'PRESET_NODE_MISMATCH';

/** vm unless the preset says otherwise. */
export function presetKind(p: Pick<Preset, 'kind'>): PresetKind {
  return p.kind ?? 'vm';
}

/** Memory left for Flink's processes (JobManager and TaskManager process sizes together), in MiB. */
export function availableMiB(preset: Pick<Preset, 'memoryMiB' | 'systemReservedMiB'>): number {
  return preset.memoryMiB - preset.systemReservedMiB;
}

/** The same in bytes, for the memory model (bytes are bigint there). */
export function availableBytes(preset: Pick<Preset, 'memoryMiB' | 'systemReservedMiB'>): bigint {
  return BigInt(availableMiB(preset)) * 1024n * 1024n;
}
