// Public face of the Kubernetes layer: a manifest's text in, one KubernetesDeployment per
// FlinkDeployment out (the operator's rules, the pods, the memory model's results, findings), plus
// what the FlinkSessionJobs in the same input run on. Pure: the caller reads the file.
import { diag, type Diagnostic } from '../diagnostics.js';
import { analyzeFlinkDeployment, type KubernetesDeployment } from './analyze.js';
import { readManifests, type ManifestResource } from './manifest.js';
import { DEFAULT_OPERATOR_VERSION, type OperatorVersion } from './operator.js';
import { append } from '../arrays.js';

export * from './analyze.js';
export * from './operator.js';
export { looksLikeFlinkManifest, readManifests, type ManifestRead, type ManifestResource } from './manifest.js';
export { parseResourceMemory, flinkMemorySizeText, kubernetesBytes, kubernetesQuantityAmount } from './quantity.js';
export { KUBERNETES_CODES, type KubernetesCode } from './codes.js';

export interface ManifestAnalysis {
  file: string;
  deployments: KubernetesDeployment[];
  /** findings that belong to no single deployment: YAML errors, session jobs */
  findings: Diagnostic[];
}

export interface ManifestOptions {
  operatorVersion?: OperatorVersion;
}

export function analyzeManifest(text: string, file: string, opts: ManifestOptions = {}): ManifestAnalysis {
  const r = analyzeManifests([{ file, text }], opts);
  return { file, deployments: r.deployments, findings: r.findings };
}

/** Several manifest files together: a FlinkSessionJob in one is checked against its FlinkDeployment in another. */
export function analyzeManifests(inputs: ReadonlyArray<{ file: string; text: string }>, opts: ManifestOptions = {}): { deployments: KubernetesDeployment[]; findings: Diagnostic[] } {
  const operatorVersion = opts.operatorVersion ?? DEFAULT_OPERATOR_VERSION;
  const findings: Diagnostic[] = [];
  const deployments: KubernetesDeployment[] = [];
  const jobs: Array<{ job: ManifestResource; file: string }> = [];
  for (const { file, text } of inputs) {
    const read = readManifests(text);
    append(findings, read.errors.map((e) => diag('K8S_VALIDATION_ERROR', `not valid YAML: ${e.message}`, { file, line: e.line })));
    append(deployments, read.resources.filter((r) => r.kind === 'FlinkDeployment').map((r) => analyzeFlinkDeployment(r, file, { operatorVersion })));
    append(jobs, read.resources.filter((r) => r.kind === 'FlinkSessionJob').map((job) => ({ job, file })));
  }
  for (const { job, file } of jobs) {
    const spec = (job.data.spec ?? {}) as Record<string, unknown>;
    const target = typeof spec.deploymentName === 'string' ? spec.deploymentName : '';
    const jobSpec = (spec.job ?? {}) as Record<string, unknown>;
    const parallelism = typeof jobSpec.parallelism === 'bigint' || typeof jobSpec.parallelism === 'number' ? Number(jobSpec.parallelism) : undefined;
    const where = { file, line: job.lineOf(['spec', 'deploymentName']) };
    const d = deployments.find((x) => x.name === target && (job.namespace === undefined || x.namespace === null || x.namespace === job.namespace));
    if (!d) {
      findings.push(diag('K8S_SESSION_JOB', `FlinkSessionJob ${job.name} starts no pods: it runs on the session cluster of FlinkDeployment ${target || '(spec.deploymentName is missing)'}, which is not in this input; give both files to check them together.`, where));
      continue;
    }
    if (d.cluster === 'application') {
      findings.push(diag('K8S_VALIDATION_ERROR', `FlinkSessionJob ${job.name}: Can not submit session job to application cluster (FlinkDeployment ${d.name} has spec.job) — the operator's validator refuses it.`, where));
      continue;
    }
    const capacity = d.mode === 'standalone' ? d.taskmanager.replicas * d.taskSlots : undefined;
    const note = capacity === undefined ? `its native session starts TaskManagers of ${d.taskSlots} slot${d.taskSlots === 1 ? '' : 's'} as jobs need them` : `${d.taskmanager.replicas} TaskManagers × ${d.taskSlots} slots = ${capacity} slots`;
    findings.push(diag('K8S_SESSION_JOB', `FlinkSessionJob ${job.name} starts no pods: it runs in the slots of FlinkDeployment ${d.name} (${note})${parallelism !== undefined ? `, with parallelism ${parallelism}` : ''}.`, where));
    if (capacity !== undefined && parallelism !== undefined && parallelism > capacity) {
      findings.push(diag('K8S_PARALLELISM_ABOVE_SLOTS', `FlinkSessionJob ${job.name} asks for parallelism ${parallelism}, but the standalone session ${d.name} has only ${capacity} slots; the job waits for slots that never come.`, { file, line: job.lineOf(['spec', 'job', 'parallelism']) }));
    }
  }
  return { deployments, findings };
}
