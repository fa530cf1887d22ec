// Places a FlinkDeployment's pods on nodes by their memory requests, first-fit decreasing — the
// densest placement a scheduler can reach; kube-scheduler spreads pods and does no better. A pod
// fits a node while the requests on it stay within what the node leaves for pods (its allocatable
// memory less the DaemonSets' requests). Pure.
import { diag, type Diagnostic } from '../diagnostics.js';
import { availableBytes, type Preset } from '../presets/model.js';
import { formatBytes } from '../size.js';
import type { KubernetesDeployment } from './analyze.js';

export interface Pod {
  name: string;
  role: 'jobmanager' | 'taskmanager';
  request: bigint;
}

export interface NodeUse {
  name: string;
  presetId: string;
  /** what the node leaves for these pods */
  capacity: bigint;
  used: bigint;
  pods: string[];
}

export interface Schedule {
  nodes: NodeUse[];
  unschedulable: Pod[];
  /** the least number of nodes of the first type that holds every pod (null: a pod is larger than that node) */
  smallestCount: number | null;
  /** the smallest bundled node type that holds every pod on the same number of nodes */
  smallestType: string | null;
}

/** The deployment's pods: JobManager replicas, then TaskManagers, each with its memory request. */
export function podsOf(d: KubernetesDeployment): Pod[] {
  const pods: Pod[] = [];
  if (d.jobmanager.requestBytes !== null) for (let i = 0; i < d.jobmanager.replicas; i++) pods.push({ name: `${d.name}-jobmanager${d.jobmanager.replicas > 1 ? `-${i + 1}` : ''}`, role: 'jobmanager', request: d.jobmanager.requestBytes });
  if (d.taskmanager.requestBytes !== null) for (let i = 0; i < d.taskmanager.replicas; i++) pods.push({ name: `${d.name}-taskmanager-${i + 1}`, role: 'taskmanager', request: d.taskmanager.requestBytes });
  return pods;
}

export function firstFitDecreasing(pods: readonly Pod[], nodes: ReadonlyArray<{ name: string; presetId: string; capacity: bigint }>): { nodes: NodeUse[]; unschedulable: Pod[] } {
  const use: NodeUse[] = nodes.map((n) => ({ ...n, used: 0n, pods: [] }));
  const unschedulable: Pod[] = [];
  // stable: equal requests keep their order (JobManagers before TaskManagers)
  const order = pods.map((p, i) => ({ p, i })).sort((a, b) => (a.p.request === b.p.request ? a.i - b.i : a.p.request > b.p.request ? -1 : 1));
  for (const { p } of order) {
    const n = use.find((u) => u.capacity - u.used >= p.request);
    if (n) {
      n.used += p.request;
      n.pods.push(p.name);
    } else {
      unschedulable.push(p);
    }
  }
  return { nodes: use, unschedulable };
}

function fits(pods: readonly Pod[], preset: Preset, count: number): boolean {
  const nodes = Array.from({ length: count }, (_, i) => ({ name: `${preset.id}-${i + 1}`, presetId: preset.id, capacity: availableBytes(preset) }));
  return firstFitDecreasing(pods, nodes).unschedulable.length === 0;
}

/**
 * Schedules the pods on the nodes given (a node preset per node), and says how many nodes of the
 * first type, or which bundled node type for the same count, would hold them all.
 */
export function schedule(pods: readonly Pod[], nodes: readonly Preset[], nodeTypes: readonly Preset[]): Schedule {
  const placed = firstFitDecreasing(
    pods,
    nodes.map((p, i) => ({ name: `node-${i + 1} (${p.id})`, presetId: p.id, capacity: availableBytes(p) })),
  );
  const first = nodes[0];
  let smallestCount: number | null = null;
  if (first && pods.every((p) => p.request <= availableBytes(first))) {
    for (let n = 1; n <= Math.max(1, pods.length); n++) {
      if (fits(pods, first, n)) {
        smallestCount = n;
        break;
      }
    }
  }
  const count = Math.max(1, nodes.length);
  const smallest = [...nodeTypes].sort((a, b) => a.memoryMiB - b.memoryMiB || Number(availableBytes(a) - availableBytes(b)) || (a.id < b.id ? -1 : 1)).find((t) => fits(pods, t, count));
  return { ...placed, smallestCount, smallestType: smallest?.id ?? null };
}

export function scheduleFindings(s: Schedule, where: { file: string; line: number }): Diagnostic[] {
  const use = s.nodes.map((n) => `${n.name}: ${formatBytes(n.used)} of ${formatBytes(n.capacity)}${n.pods.length ? ` (${n.pods.join(', ')})` : ''}`).join('; ');
  if (s.unschedulable.length === 0) return [diag('K8S_SCHEDULE_FITS', `Every pod fits by its memory request: ${use}.`, where)];
  const pods = s.unschedulable.map((p) => `${p.name} (requests ${formatBytes(p.request)})`).join(', ');
  const count = s.smallestCount !== null ? ` ${s.smallestCount} node${s.smallestCount === 1 ? '' : 's'} of this type would hold them all.` : ' A single pod is larger than this node type leaves for pods.';
  const type = s.smallestType ? ` The smallest bundled node type that holds them on ${s.nodes.length} node${s.nodes.length === 1 ? '' : 's'} is ${s.smallestType}.` : '';
  return [diag('K8S_POD_UNSCHEDULABLE', `${s.unschedulable.length} pod${s.unschedulable.length === 1 ? '' : 's'} would stay Pending: ${pods}. Placed: ${use}.${count}${type}`, where)];
}
