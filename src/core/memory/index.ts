// The public face of the memory model: resolveTaskManager / resolveJobManager take a config as
// written in that version's config file and return every component, the JVM flags and the -D list.
import { checkConfigArgument, scalarText, type ConfigValue, type FlinkConfig } from '../config-value.js';
import { parseFlinkVersion, majorOf, type FlinkLine } from '../versions.js';
import { javaDoubleToString, javaTrim } from '../java.js';
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

function invalidArgument(message: string) {
  return { ok: false as const, flinkVersion: '', code: 'INVALID_ARGUMENT' as const, keys: [], message };
}

type Checked = { ok: true; config: Readonly<Record<string, ConfigValue>>; flinkVersion: string | undefined } | ReturnType<typeof invalidArgument>;

/** The arguments of a public call, checked: never a throw, whatever a JavaScript caller passes. */
function checkArguments(config: unknown, options: unknown): Checked {
  const c = checkConfigArgument(config);
  if (!c.ok) return invalidArgument(c.message);
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    return invalidArgument(`the options must be an object such as { flinkVersion: '2.2' }, not ${Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const raw = (options as { flinkVersion?: unknown } | null | undefined)?.flinkVersion;
  if (raw === undefined || raw === null) return { ok: true, config: c.config, flinkVersion: undefined };
  // a version as a YAML number is a float: 2.0 reads "2.0" (JavaScript cannot tell 2 from 2.0)
  const flinkVersion = typeof raw === 'number' ? javaDoubleToString(raw) : scalarText(raw);
  if (flinkVersion === undefined || typeof raw === 'boolean') return invalidArgument(`flinkVersion must be a version such as '2.2', not ${typeof raw}`);
  return { ok: true, config: c.config, flinkVersion };
}

/** The shared front of both public calls: arguments checked, version chosen, config as loaded. */
function resolvePublic<O>(
  config: unknown,
  options: unknown,
  resolve: (config: FlinkConfig, line: FlinkLine, version: string, trim: boolean) => O,
): O | ReturnType<typeof invalidArgument> | ReturnType<typeof versionError> {
  const a = checkArguments(config, options);
  if (!a.ok) return a;
  const v = parseFlinkVersion(a.flinkVersion);
  if (!v.ok) return versionError(v.message, a.flinkVersion);
  const loaded = configAsLoaded(a.config, v.line);
  return resolve(loaded.config, v.line, v.version, loaded.trim);
}

/**
 * TaskManager memory exactly as Flink computes it (TaskExecutorProcessUtils via BashJavaUtils).
 * Never throws: wrong argument types come back as `{ ok: false, code: 'INVALID_ARGUMENT' }`; numbers
 * and booleans are taken as a parsed config.yaml hands them over (1024 is the YAML int 1024).
 */
export function resolveTaskManager(config: Readonly<Record<string, ConfigValue>>, options?: ResolveOptions): TaskManagerOutcome;
export function resolveTaskManager(config: unknown, options?: unknown): TaskManagerOutcome;
export function resolveTaskManager(config: unknown, options: unknown = {}): TaskManagerOutcome {
  return resolvePublic(config, options, resolveTaskManagerConfig);
}

/** JobManager memory exactly as Flink computes it (JobManagerProcessUtils via BashJavaUtils); never throws. */
export function resolveJobManager(config: Readonly<Record<string, ConfigValue>>, options?: ResolveOptions): JobManagerOutcome;
export function resolveJobManager(config: unknown, options?: unknown): JobManagerOutcome;
export function resolveJobManager(config: unknown, options: unknown = {}): JobManagerOutcome {
  return resolvePublic(config, options, resolveJobManagerConfig);
}

export { resolveJobManagerConfig, resolveTaskManagerConfig };
