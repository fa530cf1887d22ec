// One documented entry per diagnostic code of the Kubernetes layer (FlinkDeployment manifests, the
// operator's rules, Flink's pod resources, node scheduling). docs/diagnostics.md is generated from it.
import type { Severity } from '../diagnostics.js';

export type KubernetesCode =
  | 'K8S_MEMORY_UNIT_TRAP'
  | 'K8S_MEMORY_REFUSED'
  | 'K8S_MEMORY_KEY_OVERRIDDEN'
  | 'K8S_LIMIT_FACTOR_ABOVE_ONE'
  | 'K8S_LIMIT_FACTOR_BELOW_ONE'
  | 'K8S_FLINK_VERSION_REFUSED'
  | 'K8S_FLINK_VERSION_IMAGE_MISMATCH'
  | 'K8S_FLINK_VERSION_NOT_MODELLED'
  | 'K8S_PARALLELISM_ABOVE_SLOTS'
  | 'K8S_JOBMANAGER_HA_MISSING'
  | 'K8S_AUTOSCALER_MEMORY_TUNING'
  | 'K8S_BELOW_MINIMUM'
  | 'K8S_VALIDATION_ERROR'
  | 'K8S_RESOURCES_UNRELEASED'
  | 'K8S_RESOURCE_IGNORED'
  | 'K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN'
  | 'K8S_SESSION_JOB'
  | 'K8S_POD_UNSCHEDULABLE'
  | 'K8S_SCHEDULE_FITS';

export const KUBERNETES_CODES: Readonly<Record<KubernetesCode, { severity: Severity; title: string; description: string }>> = {
  K8S_MEMORY_UNIT_TRAP: {
    severity: 'warning',
    title: 'A resource.memory value that Flink and Kubernetes read differently',
    description:
      "The operator reads spec.*.resource.memory with Flink's MemorySize first, so '2048m' is 2 GiB and '2G' is 2 GiB — while the same text in a Kubernetes manifest means 2.048 bytes or 2×10⁹ bytes. Write a unit both read alike (e.g. 2048Mi or a plain byte count) so the next reader is not misled.",
  },
  K8S_MEMORY_REFUSED: {
    severity: 'error',
    title: 'The operator refuses a resource.memory value',
    description:
      "A value neither Flink's MemorySize nor the Kubernetes quantity fallback turns into whole bytes: a decimal such as 1.5Gi becomes 1610612736.0, which MemorySize refuses; an unknown unit fails both. The operator's validator reports 'resource memory parse error' and deploys nothing.",
  },
  K8S_MEMORY_KEY_OVERRIDDEN: {
    severity: 'warning',
    title: 'A flinkConfiguration memory key silently overridden by resource.memory',
    description:
      'FlinkConfigBuilder writes spec.*.resource.memory into *.memory.process.size after flinkConfiguration, so a process size (or legacy heap size) set in flinkConfiguration has no effect.',
  },
  K8S_LIMIT_FACTOR_ABOVE_ONE: {
    severity: 'warning',
    title: 'A memory limit factor above 1: the node is overcommitted',
    description:
      'kubernetes.*.memory.limit-factor sets the pod limit above its request. The scheduler places the pod by its request, so under pressure the node can OOM-kill it; the JVM is sized to the process size anyway, so the headroom mostly helps native memory that Flink does not account for.',
  },
  K8S_LIMIT_FACTOR_BELOW_ONE: {
    severity: 'error',
    title: 'A limit factor below 1: Flink refuses to build the pod',
    description: "KubernetesJobManagerParameters / KubernetesTaskManagerParameters check that each kubernetes.*.limit-factor is at least 1 ('should be greater or equal to 1').",
  },
  K8S_FLINK_VERSION_REFUSED: {
    severity: 'error',
    title: 'A flinkVersion the chosen operator release does not accept',
    description:
      "spec.flinkVersion must be one of the FlinkVersion enum values of the operator release (the CRD refuses others), and the validator refuses versions older than v1_15 ('not supported by this operator version') or a missing one.",
  },
  K8S_FLINK_VERSION_IMAGE_MISMATCH: {
    severity: 'warning',
    title: 'flinkVersion disagrees with the image tag',
    description:
      'The operator picks config keys and behaviour by spec.flinkVersion, but the pods run what the image holds. When the image tag names another Flink release, one of the two is wrong.',
  },
  K8S_FLINK_VERSION_NOT_MODELLED: {
    severity: 'info',
    title: "A Flink version flinkfit's memory model does not cover",
    description: 'flinkfit computes memory for Flink 1.18 … 2.3; for other versions it reports the pods and the operator rules but not the memory breakdown.',
  },
  K8S_PARALLELISM_ABOVE_SLOTS: {
    severity: 'warning',
    title: 'TaskManager replicas × slots below job.parallelism',
    description:
      "When spec.taskManager.replicas is set the operator runs the job with replicas × taskmanager.numberOfTaskSlots and ignores job.parallelism ('Job parallelism setting is ignored as TaskManager replicas are set').",
  },
  K8S_JOBMANAGER_HA_MISSING: {
    severity: 'error',
    title: 'Several JobManagers without high availability',
    description: "The validator refuses spec.jobManager.replicas above 1 unless high-availability.type is set ('High availability should be enabled when starting standby JobManagers').",
  },
  K8S_AUTOSCALER_MEMORY_TUNING: {
    severity: 'info',
    title: 'Autoscaler memory tuning will change these numbers',
    description:
      "With job.autoscaler.enabled and job.autoscaler.memory.tuning.enabled the operator rewrites the TaskManager's process size, task heap, managed, network, metaspace and overhead from observed usage; the sizes shown are the starting point only.",
  },
  K8S_BELOW_MINIMUM: {
    severity: 'warning',
    title: 'A memory component below the practical minimum',
    description: 'A component Flink accepts but that is below the minimum `flinkfit generate` sizes with (docs/generate.md): the process starts but is likely to fail under load.',
  },
  K8S_VALIDATION_ERROR: {
    severity: 'error',
    title: "The operator's validator refuses the FlinkDeployment",
    description:
      "One of DefaultValidator's checks (or the CRD's types) fails: no memory for a process and a flinkConfiguration that cannot derive it, replicas below 1, an invalid name, a missing serviceAccount, a forbidden key, a missing checkpoint directory for last-state or savepoint upgrades, or a value of the wrong type. The operator reports the first in status.error and deploys nothing.",
  },
  K8S_RESOURCES_UNRELEASED: {
    severity: 'warning',
    title: 'The resources (requests/limits) form is in no operator release',
    description:
      'spec.jobManager.resources / spec.taskManager.resources exist only on the operator main branch. Released operators (1.10 … 1.15) prune the unknown field, so the pods get the resource.memory / flinkConfiguration sizes instead. With --operator-version main flinkfit reads the field as the main branch does, labelled as unreleased.',
  },
  K8S_RESOURCE_IGNORED: {
    severity: 'warning',
    title: 'resource and resources both set: the operator main branch ignores resource',
    description:
      "With --operator-version main: when spec.jobManager.resources / spec.taskManager.resources has requests or limits, FlinkConfigBuilder (main, 6e9caeb4) reads them and ignores the deprecated resource field (it logs a warning); the validator still checks resource.memory. Keep one of the two.",
  },
  K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN: {
    severity: 'warning',
    title: "A pod template's memory or cpu for Flink's main container has no effect",
    description:
      "Flink writes flink-main-container's memory and cpu requests and limits itself (KubernetesUtils.getResourceRequirements, from the process size and kubernetes.*.cpu.amount), replacing what the pod template sets. Other containers of the template (sidecars) keep theirs and add to the pod's request, which flinkfit counts when it places pods on nodes.",
  },
  K8S_SESSION_JOB: {
    severity: 'info',
    title: "A FlinkSessionJob runs on its deployment's cluster",
    description: "A FlinkSessionJob starts no pods of its own: its job runs in the slots of the FlinkDeployment named by spec.deploymentName, which must be a session cluster (no spec.job).",
  },
  K8S_POD_UNSCHEDULABLE: {
    severity: 'error',
    title: 'Pods that no node can hold',
    description:
      'Placing the pods by their memory requests on the nodes given (first-fit decreasing, the best a scheduler can do), some do not fit any node: they stay Pending. The message names the smallest node count and node type that fit.',
  },
  K8S_SCHEDULE_FITS: {
    severity: 'info',
    title: 'The pods fit the nodes',
    description: "Where each pod lands by its memory request and how much of each node's allocatable memory is used.",
  },
};
