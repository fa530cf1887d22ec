// Flink Kubernetes Operator manifests as deployments of the project model (loaded only when a
// manifest is among the inputs): each FlinkDeployment with its JobManager and TaskManager as the
// operator sizes them, the pods' replicas as counts, and the operator's findings.
import { analyzeManifests } from '../k8s/index.js';
import type { KubernetesPlanExplainer } from './index.js';
import type { DeploymentExplanation, ProcessReport } from './types.js';
import { append } from '../arrays.js';

export const explainKubernetesPlan: KubernetesPlanExplainer = (plan, opts, label) => {
  const inputs = plan.files.flatMap((f) => {
    const text = opts.fs.readFile(f);
    return text === undefined ? [] : [{ file: label(f), text }];
  });
  const r = analyzeManifests(inputs, opts.operatorVersion ? { operatorVersion: opts.operatorVersion } : {});
  const out: DeploymentExplanation[] = r.deployments.map((d) => {
    const e = d.explanation;
    const at = { file: d.file, line: d.line };
    const proc = (role: 'taskmanager' | 'jobmanager'): ProcessReport => ({
      role,
      service: null,
      count: (role === 'taskmanager' ? d.taskmanager : d.jobmanager).replicas,
      flinkVersion: e.flinkVersion,
      line: e.line,
      approximate: null,
      report: role === 'taskmanager' ? e.taskmanager : e.jobmanager,
      memLimit: null,
      at,
    });
    return { ...e, kind: 'kubernetes', files: [d.file], label: `${d.file} (FlinkDeployment ${d.name})`, flink: true, processes: [proc('taskmanager'), proc('jobmanager')], services: [], diagnostics: [...d.findings], kubernetes: d };
  });
  // findings of no single deployment (YAML errors, session jobs) go with the first, or stand alone
  if (r.findings.length > 0) {
    if (out[0]) append(out[0].diagnostics, r.findings);
  }
  return out;
};
