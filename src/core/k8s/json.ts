// The `kubernetes` object of explain --json and check --format json: what the operator and Flink's
// Kubernetes integration make of one FlinkDeployment, bytes as decimal strings. Pure data.
import { jsonSafe } from '../analysis/json.js';
import type { KubernetesDeployment, KubernetesRole } from './analyze.js';
import type { Schedule } from './schedule.js';

function roleJson(r: KubernetesRole): unknown {
  return { replicas: r.replicas, replicasFrom: r.replicasFrom, flinkConfig: r.flinkConfig, overrode: r.overrode, pod: r.pod };
}

export function kubernetesJson(d: KubernetesDeployment, s?: Schedule): Record<string, unknown> {
  return jsonSafe({
    name: d.name,
    namespace: d.namespace,
    operatorVersion: d.operatorVersion,
    /** true for `main`: the operator's unreleased main branch */
    operatorUnreleased: d.operatorVersion === 'main',
    flinkVersion: d.flinkVersion,
    mode: d.mode,
    cluster: d.cluster,
    image: d.image,
    jobmanager: roleJson(d.jobmanager),
    taskmanager: roleJson(d.taskmanager),
    clusterMemory: d.clusterMemory,
    clusterCpu: d.clusterCpu,
    errors: d.errors,
    ...(s ? { schedule: { nodes: s.nodes, unschedulable: s.unschedulable, smallestCount: s.smallestCount, smallestType: s.smallestType } } : {}),
  }) as Record<string, unknown>;
}
