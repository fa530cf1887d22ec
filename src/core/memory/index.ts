// The public face of the memory model: resolveTaskManager / resolveJobManager take a config as
// written in that version's config file and return every component, the JVM flags and the -D list.
import type { ConfigValue, FlinkConfig } from '../config-value.js';
import { parseFlinkVersion, majorOf, type FlinkLine } from '../versions.js';
import { javaTrim } from '../java.js';
import { resolveJobManagerConfig } from './jobmanager.js';
import { resolveTaskManagerConfig } from './taskmanager.js';
import type { JobManagerOutcome, ResolveOptions, TaskManagerOutcome } from './types.js';

/**
 * Values as a 1.x flink-conf.yaml line hands them over: the line `key: value` is cut at the first
 * '#', trimmed and split at the first ": "; empty keys or values are dropped. 2.x config.yaml
 * values in the vectors are double-quoted strings, so Flink sees them exactly as given.
 */
const SPECIAL = /[#\r\n]|: /;
const SPECIAL_VALUE = /[#\r\n]/;

/** True when the flat-file line `key: value` would hand both over unchanged. */
function clean(s: string): boolean {
  return s.length > 0 && s.charCodeAt(0) > 0x20 && s.charCodeAt(s.length - 1) > 0x20 && !SPECIAL_VALUE.test(s);
}

export function configAsLoaded(config: Readonly<Record<string, ConfigValue>>, line: FlinkLine): FlinkConfig {
  if (majorOf(line) === 2) return config;
  let unchanged = true;
  for (const key in config) {
    const value = config[key];
    if (typeof value === 'string' && !(clean(key) && clean(value) && key.indexOf(': ') < 0)) {
      unchanged = false;
      break;
    }
  }
  // the usual config is already what the loader would produce: no copy needed
  if (unchanged) return config;
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
  return resolveTaskManagerConfig(configAsLoaded(config, v.line), v.line, v.version);
}

/** JobManager memory exactly as Flink computes it (JobManagerProcessUtils via BashJavaUtils). */
export function resolveJobManager(config: Readonly<Record<string, ConfigValue>>, options: ResolveOptions = {}): JobManagerOutcome {
  const v = parseFlinkVersion(options.flinkVersion);
  if (!v.ok) return versionError(v.message, options.flinkVersion);
  return resolveJobManagerConfig(configAsLoaded(config, v.line), v.line, v.version);
}

export { resolveJobManagerConfig, resolveTaskManagerConfig };
