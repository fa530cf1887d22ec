// The public face of the memory model: resolveTaskManager / resolveJobManager take a config as
// written in that version's config file and return every component, the JVM flags and the -D list.
import type { ConfigValue, FlinkConfig } from '../config-value.js';
import { parseFlinkVersion, majorOf, type FlinkLine } from '../versions.js';
import { javaTrim } from '../java.js';
import { resolveJobManagerConfig } from './jobmanager.js';
import { resolveTaskManagerConfig } from './taskmanager.js';
import type { JobManagerOutcome, ResolveOptions, TaskManagerOutcome } from './types.js';

// Values as a 1.x flink-conf.yaml line hands them over: the line `key: value` is cut at the first
// '#', trimmed and split at the first ": "; empty keys or values are dropped. 2.x config.yaml
// values (in the vectors, double-quoted strings) reach Flink exactly as given.
const SPECIAL = /[#\r\n]|: /;
const SPECIAL_VALUE = /[#\r\n]/;

/**
 * How a config written as 1.x flink-conf.yaml lines reaches the model. Usually only trimming
 * applies, which the reader does as it reads (`trim`), so no copy is made; a key that needs
 * trimming or a value with '#', CR or LF (a comment, another line) takes the full flat-line rules.
 */
export function configAsLoaded(config: Readonly<Record<string, ConfigValue>>, line: FlinkLine): { config: FlinkConfig; trim: boolean } {
  if (majorOf(line) === 2) return { config, trim: false };
  let simple = true;
  for (const key in config) {
    const value = config[key];
    if (typeof value !== 'string') continue;
    if (key === '' || key.charCodeAt(0) <= 0x20 || key.charCodeAt(key.length - 1) <= 0x20 || SPECIAL.test(key) || SPECIAL_VALUE.test(value)) {
      simple = false;
      break;
    }
  }
  if (simple) return { config, trim: true };
  return { config: flatLines(config), trim: false };
}

/** The full flat-file rules for `key: value` lines: cut at '#', split lines, trim, drop empties. */
function flatLines(config: Readonly<Record<string, ConfigValue>>): FlinkConfig {
  const out: Record<string, ConfigValue> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    if (!SPECIAL.test(key) && !SPECIAL_VALUE.test(value)) {
      // the common case: one line, no comment; only trimming applies
      const k = javaTrim(key);
      const v = javaTrim(value);
      if (k !== '' && v !== '') out[k] = v;
      continue;
    }
    for (const physical of `${key}: ${value}`.split(/\r\n|\r|\n/)) {
      const hash = physical.indexOf('#');
      const text = javaTrim(hash >= 0 ? physical.slice(0, hash) : physical);
      const sep = text.indexOf(': ');
      if (sep < 0) continue;
      const k = javaTrim(text.slice(0, sep));
      const v = javaTrim(text.slice(sep + 2));
      if (k === '' || v === '') continue;
      out[k] = v;
    }
  }
  return out;
}

function versionError(message: string, flinkVersion: string | undefined) {
  return { ok: false as const, flinkVersion: flinkVersion ?? '', code: 'UNSUPPORTED_VERSION' as const, keys: [], message };
}

/** TaskManager memory exactly as Flink computes it (TaskExecutorProcessUtils via BashJavaUtils). */
export function resolveTaskManager(config: Readonly<Record<string, ConfigValue>>, options: ResolveOptions = {}): TaskManagerOutcome {
  const v = parseFlinkVersion(options.flinkVersion);
  if (!v.ok) return versionError(v.message, options.flinkVersion);
  const loaded = configAsLoaded(config, v.line);
  return resolveTaskManagerConfig(loaded.config, v.line, v.version, loaded.trim);
}

/** JobManager memory exactly as Flink computes it (JobManagerProcessUtils via BashJavaUtils). */
export function resolveJobManager(config: Readonly<Record<string, ConfigValue>>, options: ResolveOptions = {}): JobManagerOutcome {
  const v = parseFlinkVersion(options.flinkVersion);
  if (!v.ok) return versionError(v.message, options.flinkVersion);
  const loaded = configAsLoaded(config, v.line);
  return resolveJobManagerConfig(loaded.config, v.line, v.version, loaded.trim);
}

export { resolveJobManagerConfig, resolveTaskManagerConfig };
