// What a Flink cluster in the official `flink` image needs besides memory: the image tag, the
// settings the image's own config file carries (bind addresses, Java 17 module flags), and the
// option names each release line knows for checkpointing (CheckpointingOptions).
import { imageTagFor, newestPublishedImage } from '../images.js';
import type { FlinkLine } from '../versions.js';
import type { ConfEntry, StateBackendChoice } from './types.js';

/** The compose service name of the JobManager; jobmanager.rpc.address points at it. */
export const JOBMANAGER_SERVICE = 'jobmanager';
export const TASKMANAGER_SERVICE = 'taskmanager';
/** Where the named checkpoint volume is mounted in both containers. */
export const CHECKPOINT_MOUNT = '/opt/flink/checkpoints';
export const DEFAULT_CHECKPOINT_DIR = `file://${CHECKPOINT_MOUNT}`;
export const DEFAULT_CHECKPOINT_INTERVAL = '60s';

/**
 * The image tag: `flink:<release>-java17`. The official image publishes every release for each
 * supported Java (`1.20.3-scala_2.12-java17`, `1.20.3-java17`, …) and gives the plain `1.20.3` tag
 * to a default Java that differs between lines (11 for 1.x, 17 for 2.x); naming Java 17 pins both.
 */
export function imageTag(line: FlinkLine, version: string | null = newestPublishedImage(line)): string {
  return imageTagFor(version ?? `${line}.0`);
}

// The JVM module flags the image's config file sets (env.java.opts.all, from the distribution's
// config): without them Java 17 refuses Flink's reflective access (Kryo, RPC). 2.1 dropped the first.
const JAVA_OPTS = [
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.net=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens=java.base/java.text=ALL-UNNAMED',
  '--add-opens=java.base/java.time=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED',
];

/** env.java.opts.all exactly as the image's config file of that line has it. */
export function imageJavaOpts(line: FlinkLine): string {
  const dropsSunNet = line !== '1.18' && line !== '1.19' && line !== '1.20' && line !== '2.0';
  return (dropsSunNet ? JAVA_OPTS.slice(1) : JAVA_OPTS).join(' ');
}

/**
 * execution.checkpointing.dir from 1.20 on (CheckpointingOptions.CHECKPOINTS_DIRECTORY, which
 * 1.20 still reads under its old name); state.checkpoints.dir before, a name 2.0 removed.
 */
export function checkpointDirKey(line: FlinkLine): string {
  return line === '1.18' || line === '1.19' ? 'state.checkpoints.dir' : 'execution.checkpointing.dir';
}

/** Keys the generator sets from flags: a -D for one of them is refused (use the flag). */
export const FLAG_KEYS: Readonly<Record<string, string>> = {
  'taskmanager.numberOfTaskSlots': '--slots',
  'state.backend.type': '--state-backend',
  'state.backend': '--state-backend',
  'execution.checkpointing.interval': '--checkpoint-interval',
  'execution.checkpointing.dir': '--checkpoint-dir',
  'state.checkpoints.dir': '--checkpoint-dir',
  'parallelism.default': '--taskmanagers and --slots',
};

/** The settings before the memory lines: addresses as the image sets them, slots, state, checkpoints. */
export function setupEntries(opts: {
  line: FlinkLine;
  taskManagers: number;
  slots: number;
  stateBackend: StateBackendChoice;
  checkpointInterval: string;
  checkpointDir: string;
}): ConfEntry[] {
  const { line } = opts;
  const e = (key: string, value: string, comment?: string): ConfEntry => ({ key, value, source: 'setup', ...(comment ? { comment } : {}) });
  const out: ConfEntry[] = [
    e('jobmanager.rpc.address', JOBMANAGER_SERVICE, 'the compose service (JOB_MANAGER_RPC_ADDRESS says the same)'),
    e('jobmanager.rpc.port', '6123'),
    e('jobmanager.bind-host', '0.0.0.0', 'listen on the container network, as the image does'),
    e('taskmanager.bind-host', '0.0.0.0'),
    e('rest.address', '0.0.0.0'),
  ];
  // the image's own file sets rest.bind-address only up to 1.19
  if (line === '1.18' || line === '1.19') out.push(e('rest.bind-address', '0.0.0.0'));
  out.push(
    e('jobmanager.execution.failover-strategy', 'region'),
    e('env.java.opts.all', imageJavaOpts(line), 'module flags the image sets for Java 17'),
    e('taskmanager.numberOfTaskSlots', String(opts.slots)),
    e('parallelism.default', String(opts.taskManagers * opts.slots), 'every slot of every TaskManager'),
    e('state.backend.type', opts.stateBackend, opts.stateBackend === 'rocksdb' ? 'state in RocksDB, in managed memory' : 'state on the task heap'),
    e('execution.checkpointing.interval', opts.checkpointInterval),
    e(checkpointDirKey(line), opts.checkpointDir, 'a named volume in docker-compose.yml'),
  );
  return out;
}

/**
 * Flink's TimeUtils.parseDuration: a whole number and an optional unit (ms, s, min, h, d and
 * their long forms; none means milliseconds). Checkpointing refuses intervals below 10 ms.
 */
export function checkpointIntervalError(text: string): string | undefined {
  const m = /^\s*(\d+)\s*([a-zµ]*)\s*$/i.exec(text);
  const units: Record<string, number> = {
    '': 1, ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
    s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
    m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
    h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
    d: 86_400_000, day: 86_400_000, days: 86_400_000,
  };
  if (m === null) return `'${text}' is not a duration; write e.g. 10s, 1min or 500ms`;
  const unit = units[m[2]!.toLowerCase()];
  if (unit === undefined) return `'${m[2]}' is not a time unit; use ms, s, min, h or d`;
  if (Number(m[1]) * unit < 10) return `'${text}' is below the 10 ms Flink accepts for a checkpoint interval`;
  return undefined;
}
