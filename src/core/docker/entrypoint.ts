// Mirrors what the official `flink` image's docker-entrypoint.sh does to the conf directory at
// container start: 1.18 edits flink-conf.yaml as text; 1.19+ has Flink itself (BashJavaUtils
// UPDATE_AND_GET_FLINK_CONFIGURATION via bin/config-parser-utils.sh) load and rewrite the file.

import { loadConfDir } from '../conf/confdir.js';
import type { ConfigValue } from '../config-value.js';
import type { FlinkLine } from '../versions.js';
import { JavaHashMap } from './java-hashmap.js';
import { dumpStandardYaml, writeFlatConf, type WriterEntry } from './flink-writer.js';
import { imageEnvironment } from './image.js';
import { echoWord, envsubst, readKeyValue, splitWords, trDeleteSpace, type Substitution } from './shell.js';

export type EntrypointSeverity = 'error' | 'warning' | 'info';

export type EntrypointCode =
  | 'ENTRYPOINT_REWRITE_FAILED'
  | 'PREFIX_KEY_CONFLICT'
  | 'PREFIX_KEY_DROPPED'
  | 'CONF_NOT_WRITABLE'
  | 'CONF_FILE_REWRITTEN'
  | 'CONF_OUTPUT_TRUNCATED'
  | 'FINAL_NEWLINE_MISSING'
  | 'SED_EDITED_OTHER_LINE'
  | 'RPC_ADDRESS_FROM_HOSTNAME'
  | 'SLOTS_VALUE_SPLIT'
  | 'ENV_VAR_UNSET'
  | 'ENV_VAR_APPROXIMATE'
  | 'ENV_VAR_NOT_SUBSTITUTED'
  | 'FLINK_PROPERTIES_WHITESPACE_REMOVED'
  | 'FLINK_PROPERTIES_NO_COLON'
  | 'FLINK_PROPERTIES_COMMENT'
  | 'FLINK_PROPERTIES_NESTED_YAML'
  | 'FLINK_PROPERTIES_EMPTY_VALUE'
  | 'FLINK_PROPERTIES_EMPTY_KEY'
  | 'FLINK_PROPERTIES_QUOTED_VALUE'
  | 'FLINK_PROPERTIES_VALUE_LOST'
  | 'FLINK_PROPERTIES_VALUE_SPLIT';

export interface EntrypointDiagnostic {
  code: EntrypointCode;
  severity: EntrypointSeverity;
  message: string;
  /** 'FLINK_PROPERTIES', an environment variable, or a file of the conf directory */
  source?: string;
  /** 1-based line in `source` */
  line?: number;
  key?: string;
}

/** How the conf directory reached the container; the entrypoint's writes fail on read-only mounts. */
export interface ConfDirMount {
  /** the whole conf directory is a read-only mount (`./conf:/opt/flink/conf:ro`) */
  readOnlyDir?: boolean;
  /** files bind-mounted one by one: written in place only, never replaced; `:ro` ones not at all */
  fileMounts?: Readonly<Record<string, { readOnly: boolean }>>;
}

export interface EntrypointInput {
  flinkLine: FlinkLine;
  /** every file of /opt/flink/conf before the container starts */
  files: Readonly<Record<string, string>>;
  /** FLINK_PROPERTIES; null when the variable is not set */
  flinkProperties: string | null;
  /** the service's other environment variables (the image's own are added) */
  env: Readonly<Record<string, string>>;
  /** `hostname -f` of the container, the default jobmanager.rpc.address; vectors: flink-jobmanager */
  hostname?: string;
  mount?: ConfDirMount;
}

export interface EntrypointResult {
  /** every file of /opt/flink/conf after the entrypoint ran */
  files: Record<string, string>;
  /** the entrypoint wrote an error report into the config file (the container will then fail) */
  resultIsError: boolean;
  /** the file the entrypoint edited or rewrote */
  configFile: string;
  diagnostics: EntrypointDiagnostic[];
}

const DEFAULT_HOSTNAME = 'flink-jobmanager';
const LEGACY = 'flink-conf.yaml';
const STANDARD = 'config.yaml';

export function applyEntrypoint(input: EntrypointInput): EntrypointResult {
  const diagnostics: EntrypointDiagnostic[] = [];
  const hostname = input.hostname ?? DEFAULT_HOSTNAME;
  const container = containerEnvironment(input, hostname);
  const rpcAddress = nonEmpty(input.env.JOB_MANAGER_RPC_ADDRESS) ?? hostname;
  if (nonEmpty(input.env.JOB_MANAGER_RPC_ADDRESS) === undefined) {
    diagnostics.push({
      code: 'RPC_ADDRESS_FROM_HOSTNAME',
      severity: 'info',
      key: 'jobmanager.rpc.address',
      message: `JOB_MANAGER_RPC_ADDRESS is not set, so the entrypoint sets jobmanager.rpc.address to the container's hostname (${input.hostname ?? `unknown, taken as ${hostname}`})`,
    });
  }
  // `set_config_option taskmanager.numberOfTaskSlots ${TASK_MANAGER_NUMBER_OF_TASK_SLOTS}` (and the
  // later word splitting of -D arguments) keeps only the first word
  const options: [string, string][] = [
    ['jobmanager.rpc.address', rpcAddress],
    ['blob.server.port', '6124'],
    ['query.server.port', '6125'],
  ];
  const slotsRaw = input.env.TASK_MANAGER_NUMBER_OF_TASK_SLOTS;
  if (slotsRaw !== undefined && slotsRaw !== '') {
    const words = splitWords(slotsRaw);
    const slots = words[0] ?? '';
    if (words.length !== 1 || slots !== slotsRaw) {
      diagnostics.push({
        code: 'SLOTS_VALUE_SPLIT',
        severity: 'warning',
        source: 'TASK_MANAGER_NUMBER_OF_TASK_SLOTS',
        key: 'taskmanager.numberOfTaskSlots',
        message: `TASK_MANAGER_NUMBER_OF_TASK_SLOTS is ${JSON.stringify(slotsRaw)}; the entrypoint uses only ${JSON.stringify(slots)}`,
      });
    }
    options.push(['taskmanager.numberOfTaskSlots', slots]);
  }
  const run = input.flinkLine === '1.18' ? legacyEntrypoint : flinkRewriteEntrypoint;
  return run(input, options, container, diagnostics);
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

interface ContainerEnv {
  values: Record<string, string>;
  approximate: Set<string>;
}

/** The exported environment envsubst sees: image variables, then the service's, then LD_PRELOAD. */
function containerEnvironment(input: EntrypointInput, hostname: string): ContainerEnv {
  const values: Record<string, string> = {};
  const approximate = new Set<string>();
  for (const [name, v] of Object.entries(imageEnvironment(input.flinkLine, hostname))) {
    values[name] = v.value;
    if (v.approximate) approximate.add(name);
  }
  for (const [name, value] of Object.entries(input.env)) {
    values[name] = value;
    approximate.delete(name);
  }
  if (input.flinkProperties !== null) values.FLINK_PROPERTIES = input.flinkProperties;
  // maybe_enable_jemalloc: `export LD_PRELOAD=$LD_PRELOAD:<libjemalloc.so>` unless disabled
  if ((input.env.DISABLE_JEMALLOC ?? 'false') === 'false') {
    values.LD_PRELOAD = `${input.env.LD_PRELOAD ?? ''}:/usr/lib/x86_64-linux-gnu/libjemalloc.so`;
    approximate.add('LD_PRELOAD');
  } else if (input.env.LD_PRELOAD === undefined) {
    delete values.LD_PRELOAD;
  }
  return { values, approximate };
}

function reportSubstitutions(
  subs: readonly Substitution[],
  env: ContainerEnv,
  where: { source: string; lineOf: (at: number) => number; key?: string },
  diagnostics: EntrypointDiagnostic[],
): void {
  for (const s of subs) {
    const line = where.lineOf(s.at);
    if (s.value === undefined) {
      diagnostics.push({
        code: 'ENV_VAR_UNSET',
        severity: 'warning',
        source: where.source,
        line,
        ...(where.key !== undefined ? { key: where.key } : {}),
        message: `$${s.name} is not set in the container, so envsubst replaces it with nothing`,
      });
    } else if (env.approximate.has(s.name)) {
      diagnostics.push({
        code: 'ENV_VAR_APPROXIMATE',
        severity: 'info',
        source: where.source,
        line,
        ...(where.key !== undefined ? { key: where.key } : {}),
        message: `$${s.name} comes from the image or Docker; its value depends on the host (assumed ${JSON.stringify(s.value)})`,
      });
    }
  }
}

function lineOfOffset(text: string): (at: number) => number {
  return (at) => {
    let n = 1;
    for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) n++;
    return n;
  };
}

// ---------------------------------------------------------------------------------------------
// 1.18: sed/echo edits of flink-conf.yaml, FLINK_PROPERTIES appended, envsubst over the file
// ---------------------------------------------------------------------------------------------

function legacyEntrypoint(
  input: EntrypointInput,
  options: readonly [string, string][],
  env: ContainerEnv,
  diagnostics: EntrypointDiagnostic[],
): EntrypointResult {
  const files: Record<string, string> = { ...input.files };
  const file = LEGACY;
  const fileMount = input.mount?.fileMounts?.[file];
  const readOnlyDir = input.mount?.readOnlyDir === true;
  // `>>` writes in place; `sed -i` and `envsubst > tmp && mv` replace the file via the directory
  const canAppend = fileMount !== undefined ? !fileMount.readOnly : !readOnlyDir;
  const canReplace = fileMount === undefined && !readOnlyDir;
  let text = files[file];
  const blocked = new Set<string>();

  const append = (line: string, what: string): void => {
    if (!canAppend) {
      blocked.add(what);
      return;
    }
    const current = text ?? '';
    if (current.length > 0 && !current.endsWith('\n')) {
      const last = current.slice(current.lastIndexOf('\n') + 1);
      diagnostics.push({
        code: 'FINAL_NEWLINE_MISSING',
        severity: 'warning',
        source: file,
        line: current.split('\n').length,
        message: `${file} does not end with a newline, so the entrypoint glues ${JSON.stringify(line.split('\n')[0])} onto its last line ${JSON.stringify(last)}`,
      });
    }
    text = current + line + '\n';
  };

  for (const [key, value] of options) {
    // set_config_option: `grep -E "^key:"` decides; `sed "s/key:.*/key: value/g"` then edits
    // every line containing `key:` anywhere (comments too), from there to the end of the line
    const lines = text === undefined ? [] : text.split('\n');
    if (lines.some((l) => l.startsWith(`${key}:`))) {
      if (!canReplace) {
        blocked.add(key);
        continue;
      }
      const edited = lines.map((l, i) => {
        const at = l.indexOf(`${key}:`);
        if (at < 0) return l;
        if (at > 0) {
          diagnostics.push({
            code: 'SED_EDITED_OTHER_LINE',
            severity: 'info',
            source: file,
            line: i + 1,
            key,
            message: `the entrypoint's sed also rewrites line ${i + 1} of ${file}, which only contains '${key}:' after other text`,
          });
        }
        return l.slice(0, at) + sedReplacement(`${key}: ${value}`, l.slice(at));
      });
      text = edited.join('\n');
    } else {
      append(`${key}: ${value}`, key);
    }
  }
  if (input.flinkProperties !== null && input.flinkProperties !== '') {
    diagnoseLegacyProperties(input.flinkProperties, diagnostics);
    append(input.flinkProperties, 'FLINK_PROPERTIES');
  }
  if (text !== undefined) {
    const sub = envsubst(text, env.values);
    if (canReplace) {
      reportSubstitutions(sub.substitutions, env, { source: file, lineOf: lineOfOffset(text) }, diagnostics);
      text = sub.text;
    } else if (sub.text !== text) {
      blocked.add('environment variables');
    }
    files[file] = text;
  }
  if (blocked.size > 0) {
    diagnostics.push({
      code: 'CONF_NOT_WRITABLE',
      severity: 'warning',
      source: file,
      message: `${file} is mounted ${fileMount !== undefined && !fileMount.readOnly ? 'as a single file' : 'read-only'}, so the entrypoint cannot apply ${[...blocked].join(', ')}; Flink runs the file as mounted`,
    });
  }
  return { files, resultIsError: false, configFile: file, diagnostics };
}

/** GNU sed's replacement text: `&` is the match, `\x` is x (and `\n` a newline). */
function sedReplacement(replacement: string, match: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '&') out += match;
    else if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i]!;
      out += n === 'n' ? '\n' : n;
    } else out += c;
  }
  return out;
}

function diagnoseLegacyProperties(fp: string, diagnostics: EntrypointDiagnostic[]): void {
  const lines = fp.split('\n');
  let inBlock = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const next = lines[i + 1];
    const conf = raw.split('#')[0]!;
    if (inBlock && /^\s+\S/.test(raw)) return;
    inBlock = false;
    if (/^\s*[^#\s][^:]*:\s*$/.test(raw) && next !== undefined && /^\s+\S/.test(next)) {
      inBlock = true;
      diagnostics.push({
        code: 'FLINK_PROPERTIES_NESTED_YAML',
        severity: 'warning',
        source: 'FLINK_PROPERTIES',
        line,
        message: `FLINK_PROPERTIES line ${line} starts a nested YAML block; the entrypoint appends it to flink-conf.yaml, whose flat reader takes only 'key: value' lines`,
      });
    } else if (conf.trim() !== '' && !conf.includes(': ')) {
      diagnostics.push({
        code: 'FLINK_PROPERTIES_NO_COLON',
        severity: 'warning',
        source: 'FLINK_PROPERTIES',
        line,
        message: `FLINK_PROPERTIES line ${line} has no ": " between key and value, so Flink's flat reader skips it`,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 1.19+: Flink loads the conf directory with -D options and writes the whole file back
// ---------------------------------------------------------------------------------------------

interface DynamicProperty {
  key: string;
  value: string;
}

function flinkRewriteEntrypoint(
  input: EntrypointInput,
  options: readonly [string, string][],
  env: ContainerEnv,
  diagnostics: EntrypointDiagnostic[],
): EntrypointResult {
  let files: Record<string, string> = { ...input.files };
  diagnoseUnsubstituted(input, diagnostics);
  const first = runConfigParser(input, files, options.map(([k, v]) => `-D${k}=${v}`), diagnostics);
  files = first.files;
  let resultIsError = first.error;
  let configFile = first.configFile;
  if (input.flinkProperties !== null && input.flinkProperties !== '') {
    const args = processFlinkProperties(input.flinkProperties, env, diagnostics);
    if (args.length > 0) {
      const second = runConfigParser(input, files, args, diagnostics, first.error);
      files = second.files;
      resultIsError = second.error || (first.error && !second.wrote);
      configFile = second.configFile;
    }
  }
  return { files, resultIsError, configFile, diagnostics };
}

/** 1.18's entrypoint ran envsubst over the whole file; from 1.19 `$VAR` in the file stays as is. */
function diagnoseUnsubstituted(input: EntrypointInput, diagnostics: EntrypointDiagnostic[]): void {
  const load = loadConfDir(input.files, { flinkLine: input.flinkLine });
  if (!load.ok) return;
  for (const [key, value] of Object.entries(load.config)) {
    const m = typeof value === 'string' ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value) : null;
    if (m === null) continue;
    const origin = load.origins[key];
    diagnostics.push({
      code: 'ENV_VAR_NOT_SUBSTITUTED',
      severity: 'warning',
      key,
      ...(origin !== undefined ? { source: origin.file } : {}),
      ...(origin?.line !== undefined ? { line: origin.line } : {}),
      message: `'${key}' contains $${m[1]}, but since Flink 1.19 the entrypoint substitutes environment variables only in FLINK_PROPERTIES, so Flink gets the text ${JSON.stringify(value)}`,
    });
  }
}

/**
 * process_flink_properties: each non-empty line loses every whitespace character, splits at its
 * first ':' (bash `read`), and the value goes through `echo | envsubst`; the pairs become
 * `-Dkey=value` arguments.
 */
function processFlinkProperties(
  fp: string,
  env: ContainerEnv,
  diagnostics: EntrypointDiagnostic[],
): string[] {
  const args: string[] = [];
  const lines = fp.split('\n');
  let inBlock = false; // inside a nested YAML block already reported
  lines.forEach((raw, i) => {
    const line = i + 1;
    const at = { source: 'FLINK_PROPERTIES', line };
    const prop = trDeleteSpace(echoWord(raw));
    if (prop === '') return;
    if (!/^\s/.test(raw)) inBlock = false;
    const { key, value: rawValue } = readKeyValue(prop);
    const original = raw.indexOf(':') >= 0 ? raw.slice(raw.indexOf(':') + 1).trim() : '';
    if (raw.trimStart().startsWith('#')) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_COMMENT',
        severity: 'warning',
        key,
        message: `FLINK_PROPERTIES line ${line} is a comment, but the entrypoint does not skip comments: it sets a key '${key}'`,
      });
    } else if (inBlock) {
      // each indented line of a nested block becomes a key of its own (reported with the block)
    } else if (raw.indexOf(':') < 0) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_NO_COLON',
        severity: 'warning',
        key: key.includes('=') ? key.slice(0, key.indexOf('=')) : key,
        message: key.includes('=')
          ? `FLINK_PROPERTIES line ${line} uses '=' instead of ':'; Flink receives -D${key}= and sets '${key.slice(0, key.indexOf('='))}' to ${JSON.stringify(key.slice(key.indexOf('=') + 1) + '=')}`
          : `FLINK_PROPERTIES line ${line} has no ':'; the entrypoint sets '${key}' to an empty value`,
      });
    } else if (rawValue === '') {
      const next = lines[i + 1];
      const nested = next !== undefined && /^\s+\S/.test(next);
      if (nested) inBlock = true;
      diagnostics.push({
        ...at,
        code: nested ? 'FLINK_PROPERTIES_NESTED_YAML' : 'FLINK_PROPERTIES_EMPTY_VALUE',
        severity: 'warning',
        key,
        message: nested
          ? `FLINK_PROPERTIES line ${line} starts a nested YAML block; the entrypoint reads line by line, so '${key}' is set to an empty value and each indented line becomes a key of its own`
          : `FLINK_PROPERTIES line ${line} sets '${key}' to an empty value`,
      });
    } else if (/\S\s+\S/.test(original)) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_WHITESPACE_REMOVED',
        severity: 'warning',
        key,
        message: `the entrypoint removes every whitespace character from FLINK_PROPERTIES lines: '${key}' becomes ${JSON.stringify(rawValue)}, not ${JSON.stringify(original)}`,
      });
    }
    if (key === '') {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_EMPTY_KEY',
        severity: 'warning',
        message: `FLINK_PROPERTIES line ${line} has nothing before its ':'`,
      });
    }
    if (/^(['"]).*\1$/.test(rawValue) && rawValue.length >= 2) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_QUOTED_VALUE',
        severity: 'warning',
        key,
        message: `FLINK_PROPERTIES quotes are not YAML quotes: '${key}' is set to ${JSON.stringify(rawValue)}, quotes included`,
      });
    }
    // value=$(echo $value | envsubst): echo eats -n/-e, $(...) drops trailing newlines
    const echoed = echoWord(rawValue);
    if (echoed !== rawValue) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_VALUE_LOST',
        severity: 'warning',
        key,
        message: `the entrypoint passes the value through 'echo', which takes ${JSON.stringify(rawValue)} as an option: '${key}' is set to an empty value`,
      });
    }
    const sub = envsubst(echoed + '\n', env.values);
    reportSubstitutions(sub.substitutions, env, { source: 'FLINK_PROPERTIES', lineOf: () => line, key }, diagnostics);
    const value = sub.text.replace(/\n+$/, '');
    const arg = `-D${key}=${value}`;
    // the -D arguments are later joined and re-split on whitespace by bash-java-utils.sh
    const words = splitWords(arg);
    if (words.length !== 1 || words[0] !== arg) {
      diagnostics.push({
        ...at,
        code: 'FLINK_PROPERTIES_VALUE_SPLIT',
        severity: 'warning',
        key,
        message: `after variable substitution '${key}' is ${JSON.stringify(value)}; Flink's start script splits it at whitespace and keeps ${JSON.stringify(words[0] ?? '')}`,
      });
    }
    args.push(arg);
  });
  return args;
}

/** The -D arguments as Flink's command line parser (commons-cli) turns them into properties. */
function parseDynamicArgs(args: readonly string[]): DynamicProperty[] {
  const props = new Map<string, string>(); // java.util.Properties: last value, first position
  for (const token of args.flatMap(splitWords)) {
    if (!token.startsWith('-D')) continue; // FlinkConfigLoader drops everything else
    const t = token.slice(1);
    const eq = t.indexOf('=');
    if (eq < 0) {
      if (t.length > 1) props.set(t.slice(1), 'true');
    } else if (eq === 1) {
      // "-D=v": the option's value "v" is split again on '='
      const v = t.slice(2);
      const e2 = v.indexOf('=');
      if (e2 < 0) props.set(v, 'true');
      else props.set(v.slice(0, e2), v.slice(e2 + 1));
    } else {
      props.set(t.slice(1, eq), t.slice(eq + 1));
    }
  }
  return [...props].map(([key, value]) => ({ key, value }));
}

const OUTPUT_LINE_LIMIT = 1000; // runBashJavaUtilsCmd pipes Flink's output through `tail -n 1000`
const RESULT_PREFIX = 'BASH_JAVA_UTILS_EXEC_RESULT:';

/**
 * One `config-parser-utils.sh <conf> <bin> <lib> -D...` run: Flink loads the directory, applies
 * the -D properties and prints the whole configuration; the script writes what it printed, or
 * the error output when Flink failed, over flink-conf.yaml if it exists, else config.yaml.
 */
function runConfigParser(
  input: EntrypointInput,
  files: Record<string, string>,
  args: readonly string[],
  diagnostics: EntrypointDiagnostic[],
  previousFailed = false,
): { files: Record<string, string>; error: boolean; wrote: boolean; configFile: string } {
  const line = input.flinkLine;
  const target = line.startsWith('1.') && Object.hasOwn(files, LEGACY) ? LEGACY : STANDARD;
  const dynamic = parseDynamicArgs(args);
  let output: string;
  let error = false;
  const load = loadConfDir(files, { flinkLine: line });
  if (!load.ok) {
    error = true;
    output = errorReport('java.lang.RuntimeException', load.error.message);
    if (!previousFailed) {
      diagnostics.push({
        code: 'ENTRYPOINT_REWRITE_FAILED',
        severity: 'error',
        source: load.error.file ?? target,
        ...(load.error.line !== undefined ? { line: load.error.line } : {}),
        ...(load.error.key !== undefined ? { key: load.error.key } : {}),
        message: `Flink cannot load the conf directory (${load.error.message}); the entrypoint writes Flink's error output into ${target} and the container then fails to start`,
      });
    }
  } else {
    const conf = new JavaHashMap<ConfigValue>();
    for (const [k, v] of Object.entries(load.config)) conf.put(k, v);
    const dyn = new JavaHashMap<ConfigValue>();
    for (const p of dynamic) dyn.put(p.key, p.value);
    conf.putAll(dyn);
    const entries: WriterEntry[] = conf.entries();
    const flat = load.configFile === LEGACY;
    if (flat) {
      output = writeFlatConf(entries);
    } else {
      const dump = dumpStandardYaml(entries);
      if (dump.ok) {
        output = dump.text;
        for (const d of dump.dropped) {
          diagnostics.push({
            code: 'PREFIX_KEY_DROPPED',
            severity: 'warning',
            source: target,
            key: d.key,
            message: `'${d.replacedBy}' is a prefix of '${d.key}': when Flink rewrites ${target} it nests dotted keys, and the value of '${d.replacedBy}' replaces '${d.key}', which is silently lost`,
          });
        }
      } else {
        error = true;
        output = errorReport(dump.exception, dump.message);
        diagnostics.push({
          code: dump.exception === 'java.lang.ClassCastException' ? 'PREFIX_KEY_CONFLICT' : 'ENTRYPOINT_REWRITE_FAILED',
          severity: 'error',
          source: target,
          key: dump.key,
          message: `${dump.message}; the entrypoint writes Flink's error output into ${target} and the container then fails to start`,
        });
      }
    }
    if (!error) output = truncateOutput(output, target, diagnostics);
  }
  const fileMount = input.mount?.fileMounts?.[target];
  const writable = fileMount !== undefined ? !fileMount.readOnly : input.mount?.readOnlyDir !== true;
  if (!writable) {
    diagnostics.push({
      code: 'CONF_NOT_WRITABLE',
      severity: 'warning',
      source: target,
      message: `${target} is mounted read-only, so the entrypoint cannot write it: ${dynamic.map((p) => p.key).join(', ')} ${dynamic.length === 1 ? 'is' : 'are'} not applied and Flink runs the file as mounted`,
    });
    return { files, error: false, wrote: false, configFile: target };
  }
  if (!error && !previousFailed && !diagnostics.some((d) => d.code === 'CONF_FILE_REWRITTEN')) {
    diagnostics.push({
      code: 'CONF_FILE_REWRITTEN',
      severity: 'info',
      source: target,
      message: `the entrypoint has Flink rewrite ${target} on every start: comments and key order are lost, and values set through the entrypoint become strings`,
    });
  }
  return { files: { ...files, [target]: output }, error, wrote: true, configFile: target };
}

function truncateOutput(text: string, target: string, diagnostics: EntrypointDiagnostic[]): string {
  // `${execution_results//PREFIX/}` strips the marker wherever it occurs, even inside values
  let out = text.split(RESULT_PREFIX).join('');
  const lines = out.replace(/\n+$/, '').split('\n');
  if (lines.length > OUTPUT_LINE_LIMIT) {
    diagnostics.push({
      code: 'CONF_OUTPUT_TRUNCATED',
      severity: 'warning',
      source: target,
      message: `Flink prints ${lines.length} lines for ${target}, but its start script keeps only the last ${OUTPUT_LINE_LIMIT}`,
    });
    out = lines.slice(-OUTPUT_LINE_LIMIT).join('\n') + '\n';
  }
  // `$(...)` drops trailing newlines, `echo` adds one
  return out.replace(/\n+$/, '') + '\n';
}

/** What the script writes instead of the configuration when Flink fails (stack frames omitted). */
function errorReport(exception: string, message: string): string {
  return (
    [
      '[ERROR] Could not parse configurations properly.',
      '[ERROR] Raw output from BashJavaUtils:',
      `Exception in thread "main" ${exception}: ${message.split('\n')[0]}`,
    ].join('\n') + '\n'
  );
}
