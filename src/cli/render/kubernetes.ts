// Renders what the operator and Flink's Kubernetes integration make of a FlinkDeployment: the
// Flink keys each process gets, its pod as Kubernetes receives it, replicas, cluster memory and
// the node schedule. Pure; the JSON form is the `kubernetes` object of explain --json / check.
import { Chalk } from 'chalk';
import type { KubernetesDeployment } from '../../core/k8s/analyze.js';
import type { Schedule } from '../../core/k8s/schedule.js';
import { javaDoubleToString } from '../../core/java.js';
import { operatorLabel } from '../../core/k8s/operator.js';
import { formatBytes } from '../../core/size.js';

export { kubernetesJson } from '../../core/k8s/json.js';

/** The pods' cpu limits summed (limit × replicas), printed as Java prints a double. */
function podCpuTotal(d: KubernetesDeployment): string | null {
  if (!d.jobmanager.pod || !d.taskmanager.pod) return null;
  const total = Number(d.taskmanager.pod.limits.cpu) * d.taskmanager.replicas + Number(d.jobmanager.pod.limits.cpu) * d.jobmanager.replicas;
  return javaDoubleToString(total);
}

export function renderKubernetesText(d: KubernetesDeployment, color: boolean, s?: Schedule): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  out.push(c.bold(`FlinkDeployment ${d.name}${d.namespace ? ` (namespace ${d.namespace})` : ''}`) + ` — ${d.file}:${d.line}`);
  out.push(`  operator ${operatorLabel(d.operatorVersion)}, flinkVersion ${d.flinkVersion ?? '(missing)'}, ${d.mode} ${d.cluster} cluster${d.image ? `, image ${d.image}` : ''}`);
  for (const [label, r] of [['JobManager', d.jobmanager], ['TaskManager', d.taskmanager]] as const) {
    out.push('');
    out.push(`  ${c.bold(label)} × ${r.replicas} (${r.replicasFrom})`);
    const keys = Object.keys(r.flinkConfig);
    if (keys.length > 0) {
      out.push('    Flink options the operator sets:');
      const w = Math.max(...keys.map((k) => k.length));
      for (const k of keys) out.push(`      ${k.padEnd(w)}  ${r.flinkConfig[k]}${r.overrode[k] !== undefined ? c.yellow(`  (replaces flinkConfiguration's ${r.overrode[k]})`) : ''}`);
    }
    if (r.pod) {
      out.push(`    pod resources:  requests memory ${r.pod.requests.memory}, cpu ${r.pod.requests.cpu}; limits memory ${r.pod.limits.memory}, cpu ${r.pod.limits.cpu}`);
    } else {
      out.push(c.red('    pod resources:  none — Flink cannot build this pod (see the findings)'));
    }
  }
  out.push('');
  out.push(`  cluster memory (as the operator reports it): ${d.clusterMemory === null ? 'unknown' : `${formatBytes(d.clusterMemory)} (${d.clusterMemory} bytes)`}`);
  out.push(`  cluster cpu (as the operator reports it): ${d.clusterCpu ?? 'unknown'}${d.clusterCpu !== null && d.clusterCpu !== podCpuTotal(d) ? ` (the pods' cpu limits add up to ${podCpuTotal(d)}: the operator counts kubernetes.taskmanager.cpu.amount or 1, not the cpu Flink gives the TaskManager pod)` : ''}`);
  if (d.errors.length > 0) {
    out.push(c.red(`  the operator's validator refuses it (${d.errors.length === 1 ? 'this error' : `the first of these ${d.errors.length} errors`} goes to status.error):`));
    for (const e of d.errors) out.push(c.red(`    - ${e}`));
  }
  if (s) {
    out.push('');
    out.push(`  ${c.bold('Nodes')} (pods placed by memory request, first-fit decreasing)`);
    for (const n of s.nodes) out.push(`    ${n.name}: ${formatBytes(n.used)} of ${formatBytes(n.capacity)}${n.pods.length ? ` — ${n.pods.join(', ')}` : ''}`);
    for (const p of s.unschedulable) out.push(c.red(`    Pending: ${p.name} (requests ${formatBytes(p.request)})`));
    if (s.unschedulable.length > 0) {
      if (s.smallestCount !== null) out.push(`    ${s.smallestCount} node${s.smallestCount === 1 ? '' : 's'} of this type would hold every pod`);
      if (s.smallestType) out.push(`    smallest node type for ${s.nodes.length} node${s.nodes.length === 1 ? '' : 's'}: ${s.smallestType}`);
    }
  }
  return out.join('\n') + '\n';
}
