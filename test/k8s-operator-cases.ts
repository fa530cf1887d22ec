// Cases of the Flink Kubernetes Operator's own tests, ported as data (our format, not their code).
// Each names the test it comes from; all are from apache/flink-kubernetes-operator at tag
// release-1.15.0 (commit 79d730bab4d8403f3a447fb027f879f5cbdc59ad).
// The operator asserts MemorySize equality, so `bytes` is the claim ported; `configValue` is the
// string FlinkConfigBuilder writes, as flinkfit derives it (MemorySize.toString or the quantity).

const CB = 'flink-kubernetes-operator/src/test/java/org/apache/flink/kubernetes/operator/config/FlinkConfigBuilderTest.java';
const FU = 'flink-kubernetes-operator/src/test/java/org/apache/flink/kubernetes/operator/utils/FlinkUtilsTest.java';
const DV = 'flink-kubernetes-operator/src/test/java/org/apache/flink/kubernetes/operator/validation/DefaultValidatorTest.java';
const ON = 'flink-kubernetes-operator-api/src/test/java/org/apache/flink/kubernetes/operator/api/spec/ConfigObjectNodeTest.java';

const GiB = 1024n ** 3n;
const MiB = 1024n ** 2n;

export interface MemoryCase {
  source: string;
  memory: string;
  bytes: bigint;
  configValue: string;
}

export const MEMORY_CASES: MemoryCase[] = [
  { source: `${CB}#testApplyJobManagerSpec`, memory: '2048m', bytes: 2n * GiB, configValue: '2 gb' },
  { source: `${CB}#testApplyJobManagerSpecWithBiByteMemorySetting`, memory: '1Gi', bytes: GiB, configValue: '1073741824' },
  { source: `${CB}#testTaskManagerSpecWith2048MiSetting`, memory: '2048Mi', bytes: 2n * GiB, configValue: '2147483648' },
  { source: `${CB}#testTaskManagerSpecWith2gSetting`, memory: '2g', bytes: 2n * GiB, configValue: '2 gb' },
  { source: `${CB}#testTaskManagerSpecWith2giSetting`, memory: '2gi', bytes: 2n * GiB, configValue: '2147483648' },
  { source: `${CB}#testTaskManagerSpecWith2gbSetting`, memory: '2gb', bytes: 2n * GiB, configValue: '2 gb' },
  { source: `${CB}#testTaskManagerSpecWith2gibSetting`, memory: '2gib', bytes: 2n * GiB, configValue: '2147483648' },
  { source: `${CB}#testTaskManagerSpecWith2GSetting`, memory: '2G', bytes: 2n * GiB, configValue: '2 gb' },
  { source: `${CB}#testTaskManagerSpecWith2GiSetting`, memory: '2Gi', bytes: 2n * GiB, configValue: '2147483648' },
  { source: `${CB}#testTaskManagerSpecWith2_gSetting`, memory: '2 g', bytes: 2n * GiB, configValue: '2 gb' },
  { source: `${CB}#testTaskManagerSpecWith2_GiSetting`, memory: '2 Gi', bytes: 2n * GiB, configValue: '2147483648' },
  { source: `${CB}#testTaskManagerSpecWith512mSetting`, memory: '512m', bytes: 512n * MiB, configValue: '512 mb' },
  { source: `${CB}#testTaskManagerSpecWith512miSetting`, memory: '512mi', bytes: 512n * MiB, configValue: '536870912' },
  { source: `${CB}#testTaskManagerSpecWith1024mSetting`, memory: '1024m', bytes: GiB, configValue: '1 gb' },
  { source: `${CB}#testTaskManagerSpecWith1024miSetting`, memory: '1024mi', bytes: GiB, configValue: '1073741824' },
  { source: `${CB}#testTaskManagerSpecWith1000000bSetting`, memory: '1000000b', bytes: 1000000n, configValue: '1000000 bytes' },
  { source: `${CB}#testTaskManagerSpecWith1000000_bSetting`, memory: '1000000 b', bytes: 1000000n, configValue: '1000000 bytes' },
  { source: `${CB}#testTaskManagerSpecWith1e6Setting`, memory: '1e6', bytes: 1000000n, configValue: '1000000' },
  { source: `${CB}#testTaskManagerSpecWith1e6_bSetting`, memory: '1e6 b', bytes: 1000000n, configValue: '1000000' },
  { source: `${DV}#testValidationWithoutDefaultConfig (resource validation)`, memory: '1G', bytes: GiB, configValue: '1 gb' },
  { source: `${DV}#testValidationWithoutDefaultConfig (resource validation)`, memory: '100', bytes: 100n, configValue: '100 bytes' },
];

/** resource.memory values the validator refuses ("<Role> resource memory parse error"). */
export const REFUSED_MEMORY: Array<{ source: string; memory: string }> = [
  { source: `${DV}#testValidationWithoutDefaultConfig (resource validation)`, memory: 'invalid' },
  // not in the operator's tests: the decimal case the issue names, derived from parseResourceMemoryString
  { source: 'FlinkConfigBuilder.parseResourceMemoryString + MemorySize.parse', memory: '1.5Gi' },
];

export interface SpecCase {
  source: string;
  /** fields merged into a FlinkDeployment spec */
  spec: Record<string, unknown>;
  expect: { parallelism?: number | null; tmReplicas?: number; flinkConfig?: Record<string, string>; errors?: string[] };
}

const JAR = 'local:///opt/flink/examples/streaming/StateMachineExample.jar';

export const SPEC_CASES: SpecCase[] = [
  {
    source: `${CB}#testApplyJobOrSessionSpec (parallelism from the job)`,
    spec: { job: { jarURI: JAR, parallelism: 2, upgradeMode: 'stateless' } },
    expect: { parallelism: 2, flinkConfig: { 'parallelism.default': '2', 'execution.target': 'kubernetes-application' } },
  },
  {
    source: `${CB}#testApplyJobOrSessionSpec (replicas × slots wins)`,
    spec: { flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '4' }, taskManager: { replicas: 3, resource: { memory: '2048m', cpu: 1 } }, job: { jarURI: JAR, parallelism: 2, upgradeMode: 'stateless' } },
    expect: { parallelism: 12, tmReplicas: 3 },
  },
  {
    source: `${CB}#testApplyStandaloneApplicationSpec (replicas 3, 2 slots)`,
    spec: { mode: 'standalone', flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' }, taskManager: { replicas: 3, resource: { memory: '2048m', cpu: 1 } }, job: { jarURI: JAR, parallelism: 2, upgradeMode: 'stateless' } },
    expect: { parallelism: 6, tmReplicas: 3, flinkConfig: { 'execution.target': 'remote', 'kubernetes.internal.taskmanager.replicas': '3' } },
  },
  {
    source: `${CB}#testApplyStandaloneApplicationSpec (no replicas, parallelism 10)`,
    spec: { mode: 'standalone', flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' }, job: { jarURI: JAR, parallelism: 10, upgradeMode: 'stateless' } },
    expect: { parallelism: 10, tmReplicas: 5 },
  },
  {
    source: `${CB}#testApplyStandaloneApplicationSpec (parallelism overrides)`,
    spec: { mode: 'standalone', flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2', 'pipeline.jobvertex-parallelism-overrides': 'vertex1:10,vertex2:20' }, job: { jarURI: JAR, parallelism: 10, upgradeMode: 'stateless' } },
    expect: { tmReplicas: 10 },
  },
  {
    source: `${CB}#testDeprecatedConfigKeys (Flink 1.16 gets the old cpu keys too)`,
    spec: { flinkVersion: 'v1_16', image: 'flink:1.16.3' },
    expect: { flinkConfig: { 'kubernetes.jobmanager.cpu': '1.0', 'kubernetes.jobmanager.cpu.amount': '1.0' } },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (parallelism 0)`,
    spec: { job: { jarURI: JAR, parallelism: 0, upgradeMode: 'stateless' } },
    expect: { errors: ['Job parallelism must be larger than 0'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (TaskManager replicas 0)`,
    spec: { taskManager: { replicas: 0, resource: { memory: '2048m', cpu: 1 } }, job: { jarURI: JAR, parallelism: 2, upgradeMode: 'stateless' } },
    expect: { errors: ['TaskManager replicas must be larger than 0'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (replicas 1, parallelism 0 is fine)`,
    spec: { taskManager: { replicas: 1, resource: { memory: '2048m', cpu: 1 } }, job: { jarURI: JAR, parallelism: 0, upgradeMode: 'stateless' } },
    expect: { errors: [] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (standby JobManagers without HA)`,
    spec: { flinkConfiguration: {}, jobManager: { replicas: 2, resource: { memory: '2048m', cpu: 1 } } },
    expect: { errors: ['High availability should be enabled when starting standby JobManagers.'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (JobManager replicas 0)`,
    spec: { jobManager: { replicas: 0, resource: { memory: '2048m', cpu: 1 } } },
    expect: { errors: ['JobManager replicas should not be configured less than one.'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (no TaskManager memory)`,
    spec: { taskManager: { resource: { cpu: 1 } } },
    expect: { errors: ['TaskManager resource memory must be defined using `spec.taskManager.resource.memory`'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (no JobManager memory)`,
    spec: { jobManager: { resource: { cpu: 1 } } },
    expect: { errors: ['JobManager resource memory must be defined using `spec.jobManager.resource.memory`'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (task heap alone does not size a TaskManager)`,
    spec: { flinkConfiguration: { 'taskmanager.memory.task.heap.size': '1024m' }, taskManager: { resource: { cpu: 1 } } },
    expect: { errors: ['TaskManager resource memory must be defined using `spec.taskManager.resource.memory`'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (JVM heap sizes a JobManager)`,
    spec: { flinkConfiguration: { 'jobmanager.memory.heap.size': '2048m' }, jobManager: { resource: { cpu: 1 } } },
    expect: { errors: [] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (total Flink memory sizes a TaskManager)`,
    spec: { flinkConfiguration: { 'taskmanager.memory.flink.size': '2048m' }, taskManager: { resource: { cpu: 1 } } },
    expect: { errors: [] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (task heap and managed size a TaskManager)`,
    spec: { flinkConfiguration: { 'taskmanager.memory.task.heap.size': '1024m', 'taskmanager.memory.managed.size': '1024m' }, taskManager: { resource: { cpu: 1 } } },
    expect: { errors: [] },
  },
  {
    source: 'DefaultValidator.validateResources (ephemeral storage must be a Kubernetes quantity: 2K is not, 2k is)',
    spec: { taskManager: { resource: { memory: '2048m', cpu: 1, ephemeralStorage: '2K' } } },
    expect: { errors: ['TaskManager resource ephemeral storage parse error: Invalid quantity format passed to parse'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (flinkVersion)`,
    spec: { flinkVersion: 'v1_14' },
    expect: { errors: ['Flink version v1_14 is not supported by this operator version'] },
  },
  {
    source: `${DV}#testValidationWithoutDefaultConfig (serviceAccount)`,
    spec: { serviceAccount: null },
    expect: { errors: ['spec.serviceAccount must be defined. If you use helm, its value should be the same with the name of jobServiceAccount.'] },
  },
];

/** FlinkUtilsTest#testComputeNumTms: ⌈parallelism / slots⌉ TaskManagers. */
export const NUM_TMS: Array<{ source: string; parallelism: number; slots: number; tms: number }> = [
  { source: `${FU}#testComputeNumTms`, parallelism: 2, slots: 1, tms: 2 },
  { source: `${FU}#testComputeNumTms`, parallelism: 2, slots: 3, tms: 1 },
  { source: `${FU}#testComputeNumTms`, parallelism: 7, slots: 2, tms: 4 },
];

/** FlinkUtilsTest#testCalculateClusterMemoryUsage: JM 1g × factor 2 × 2 replicas, TM 2g × 1.5 per TaskManager. */
export const CLUSTER_MEMORY: Array<{ source: string; taskManagers: number; bytes: bigint }> = [
  { source: `${FU}#testCalculateClusterMemoryUsage`, taskManagers: 0, bytes: 4n * GiB },
  { source: `${FU}#testCalculateClusterMemoryUsage`, taskManagers: 1, bytes: 7n * GiB },
  { source: `${FU}#testCalculateClusterMemoryUsage`, taskManagers: 2, bytes: 10n * GiB },
];

/**
 * FlinkUtilsTest#testCalculateClusterCpuUsage (release-1.10.0 … release-1.15.0, unchanged): 2
 * JobManagers of cpu 2.5 × limit factor 2.0, TaskManagers of cpu 3.5 × limit factor 1.5; the
 * operator's status shows String.valueOf(double).
 */
export const CLUSTER_CPU: Array<{ source: string; taskManagers: number; cpu: string }> = [
  { source: `${FU}#testCalculateClusterCpuUsage`, taskManagers: 0, cpu: '10.0' },
  { source: `${FU}#testCalculateClusterCpuUsage`, taskManagers: 1, cpu: '15.25' },
  { source: `${FU}#testCalculateClusterCpuUsage`, taskManagers: 2, cpu: '20.5' },
];

/** ConfigObjectNodeTest (operator ≥ 1.13): nested YAML flattened, lists joined with ';'. */
export const FLATTEN: Array<{ source: string; yaml: string; flat: Record<string, string> }> = [
  { source: `${ON}#deserializeArray`, yaml: 'a: 1\nb:\n c: [1,2]', flat: { a: '1', 'b.c': '1;2' } },
  { source: `${ON}#deserializeStringArray`, yaml: 'a: 1\nb:\n c: ["1","2"]', flat: { a: '1', 'b.c': '1;2' } },
];
