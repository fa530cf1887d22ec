// What `flinkfit generate` takes and returns: a cluster shape on a machine in, Flink's JobManager
// and TaskManager memory (as TaskExecutorProcessUtils / JobManagerProcessUtils resolve it) out.
import type { JobManagerMemory, TaskManagerMemory } from '../memory/types.js';
import type { Preset } from '../presets/index.js';
import type { FlinkLine } from '../versions.js';
import type { MinimumId, Tier } from './minimums.js';

export type StateBackendChoice = 'hashmap' | 'rocksdb';

export const STATE_BACKENDS: readonly StateBackendChoice[] = ['hashmap', 'rocksdb'];

export interface Reserve {
  name: string;
  bytes: bigint;
}

export interface GenerateInput {
  /** the machine: a bundled or user preset, or plainMachine(…) for --memory */
  preset: Preset;
  /** true when the preset was made from --memory */
  plainMachine?: boolean;
  /** "2.2", "1.20.1"…; the newest line with a published image when omitted */
  flinkVersion?: string;
  /** an image reference to use instead of the official image release flinkfit pins (--image) */
  image?: string;
  taskManagers: number;
  slots: number;
  stateBackend: StateBackendChoice;
  reserves: readonly Reserve[];
  /** execution.checkpointing.interval as the user wrote it (validated: parseDuration) */
  checkpointInterval: string;
  /** where checkpoints go; the compose file mounts a named volume at /opt/flink/checkpoints */
  checkpointDir: string;
  /** -D key=value in the order given; kept as given in the config file */
  dynamic: Readonly<Record<string, string>>;
  /** every bundled preset, for "the smallest preset that fits" */
  presets: readonly Preset[];
  /** the command line that reproduces these files, for their header comments */
  command: string;
}

/** One line of the generated config file: key, value as written, and why. */
export interface ConfEntry {
  key: string;
  value: string;
  comment?: string;
  /** plan: sized by the solver; user: given with -D; setup: wiring for the image and compose */
  source: 'plan' | 'user' | 'setup';
}

export interface AppliedMinimum {
  id: MinimumId;
  /** the size the solver held this component to (the user's value when -D set it) */
  bytes: bigint;
  /** true when a -D replaced flinkfit's minimum */
  fromUser: boolean;
}

export interface Budget {
  memory: bigint;
  systemReserved: bigint;
  /** memory − systemReserved: what Flink and the reserves may use */
  available: bigint;
  jobManager: bigint;
  taskManager: bigint;
  taskManagers: number;
  reserves: readonly Reserve[];
  /** jobManager + taskManagers × taskManager + reserves */
  used: bigint;
  spare: bigint;
}

export interface Plan {
  line: FlinkLine;
  /** the release the image tag pins, e.g. 2.3.0 */
  version: string;
  image: string;
  preset: Preset;
  plainMachine: boolean;
  taskManagers: number;
  slots: number;
  stateBackend: StateBackendChoice;
  checkpointInterval: string;
  checkpointDir: string;
  command: string;
  tier: Tier;
  /** every line of the config file, in file order */
  entries: ConfEntry[];
  jobManager: JobManagerMemory;
  taskManager: TaskManagerMemory;
  minimums: AppliedMinimum[];
  budget: Budget;
}

export type GenerateErrorCode =
  /** the minimums (and reserves) need more memory than the machine leaves */
  | 'DOES_NOT_FIT'
  /** Flink refuses the configuration the -D options lead to */
  | 'REFUSED'
  /** a -D option conflicts with a flag or is not valid */
  | 'INVALID_OPTION';

export interface NeededMemory {
  /** JobManager + taskManagers × TaskManager at their minimums + reserves */
  bytes: bigint;
  jobManager: bigint;
  taskManager: bigint;
  taskManagers: number;
  reserves: bigint;
  /** the reserves by name, as given */
  reserveParts: readonly Reserve[];
  available: bigint;
  /** bytes − available */
  shortBy: bigint;
  /** a machine of the same kind with this much memory would fit (its system share included) */
  machineMemory: bigint;
  /** the smallest bundled preset whose memory left for Flink suffices; null when none does */
  smallestPreset: { id: string; memoryMiB: number; availableBytes: bigint } | null;
  /** the minimums that make up the need, largest first */
  binding: AppliedMinimum[];
}

export interface GenerateError {
  ok: false;
  code: GenerateErrorCode;
  message: string;
  needed?: NeededMemory;
}

export type GenerateResult = { ok: true; plan: Plan; files: GeneratedFile[] } | GenerateError;

export interface GeneratedFile {
  /** relative to the output directory, '/'-separated */
  path: string;
  text: string;
  /** file mode when not the usual 0644: the config file must be writable by the container's user */
  mode?: number;
}
