// A deployment is what runs together and is checked on its own: a Compose project (its files,
// .env, env files and mounts), a conf directory, or a lone config file. Each resolves to the Flink
// processes it starts — every JobManager and TaskManager service with its own config, image and
// replicas — and, for Compose, to every service with the rule that decided whether it runs Flink.
import type { Explanation, RoleReport } from '../analysis/explain.js';
import type { Diagnostic } from '../diagnostics.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import type { FlinkLine } from '../versions.js';
import type { KubernetesDeployment } from '../k8s/analyze.js';

export type DeploymentKind = 'compose' | 'confdir' | 'file' | 'kubernetes';

export interface ProcessReport {
  role: 'taskmanager' | 'jobmanager';
  /** the compose service that runs it; null for a conf directory or file */
  service: string | null;
  /** containers (replicas) that run it */
  count: number;
  flinkVersion: string;
  line: FlinkLine;
  /** why the numbers are approximate (an old Flink read as a modelled line), or null */
  approximate: string | null;
  report: RoleReport<TaskManagerOutcome> | RoleReport<JobManagerOutcome>;
  /** the container's memory limit, where the compose file sets one */
  memLimit: { bytes: bigint; text: string; from: string; file: string; line: number } | null;
  /** where the service is defined (for findings about the whole service) */
  at: { file: string; line: number } | null;
}

export interface ServiceSummary {
  name: string;
  flink: boolean;
  /** the rule that decided `flink`, `role` and the version */
  why: string;
  role: 'jobmanager' | 'taskmanager' | 'both' | null;
  image: string | null;
  flinkVersion: string | null;
  versionFrom: string | null;
  replicas: number;
  /** JobManager + TaskManager process sizes this container runs; null when not known */
  processSize: bigint | null;
  memoryLimit: bigint | null;
  /** Flink would start it (null: not a Flink process flinkfit sizes) */
  ok: boolean | null;
  /** false when its profile is not enabled */
  active: boolean;
  /** a one-shot service that a Flink service waits to complete (an init container): gone while Flink runs */
  completesFirst: boolean;
  file: string;
  line: number;
  memLimitAt: { file: string; line: number } | null;
}

export interface DeploymentExplanation extends Explanation {
  kind: DeploymentKind;
  /** the files that make the deployment (compose files merged, env files, the config read) */
  files: string[];
  /** short name for headings: the main compose file, the conf directory or the config file */
  label: string;
  /** false: no Flink found here (a compose file without Flink services, a YAML file without Flink options) */
  flink: boolean;
  processes: ProcessReport[];
  /** compose only: every service, Flink or not */
  services: ServiceSummary[];
  /** kubernetes only: the FlinkDeployment as the operator and Flink's Kubernetes integration read it */
  kubernetes?: KubernetesDeployment;
}

export interface ProjectExplanation {
  deployments: DeploymentExplanation[];
  /** notes about the inputs as a whole (files skipped, a config checked through the compose that mounts it) */
  diagnostics: Diagnostic[];
}
