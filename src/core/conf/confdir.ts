// Mirrors Flink's GlobalConfiguration.loadConfiguration(configDir, dynamicProperties) per release line.

import { valueText } from '../config-value.js';
import type { ConfigValue, FlinkConfig } from '../config-value.js';
import { majorOf, type FlinkLine } from '../versions.js';
import { parseFlatConf } from './flat.js';
import { capPerCode } from '../diagnostics.js';
import { standardParser } from './parsers.js';
import { parseStandardQuick } from './standard-flat.js';

export interface ConfOrigin {
  /** 'config.yaml' | 'flink-conf.yaml' | '-D' */
  file: string;
  line?: number;
}

export interface ConfDiagnostic {
  /** A code of src/core/diagnostics.ts where one fits (CONFIG_LOAD_ERROR, NO_CONFIG_FILE, …). */
  code: string;
  /** The finer cause of a CONFIG_LOAD_ERROR, e.g. YAML_DUPLICATE_KEY, YAML_NULL_VALUE, YAML_TAB. */
  reason?: string;
  severity: 'error' | 'warning' | 'info';
  file?: string;
  line?: number;
  key?: string;
  message: string;
}

export type ConfLoad =
  | {
      ok: true;
      configFile: string | null;
      config: FlinkConfig;
      origins: Record<string, ConfOrigin>;
      ignoredFiles: string[];
      diagnostics: ConfDiagnostic[];
    }
  | { ok: false; configFile: string | null; error: ConfDiagnostic; diagnostics: ConfDiagnostic[] };

export interface LoadConfDirOptions {
  flinkLine: FlinkLine;
  /** -D key=value overrides; applied last, always as strings. */
  dynamic?: Readonly<Record<string, string>>;
  /**
   * The name each file's origins carry (file name -> label, e.g. its path as the user wrote it);
   * default: the file name. Saves the caller a second origin per key of a large file.
   */
  labels?: Readonly<Record<string, string>>;
}

export const STANDARD_FILE = 'config.yaml';
/** log4j / logback configs, Hadoop's *-site.xml, the start scripts' masters/workers, ZooKeeper's zoo.cfg */
const AUXILIARY_FILE = /^(?:log4j.*\.properties|logback.*\.xml|[\w.-]+-site\.xml|masters|workers|slaves|zoo\.cfg)$/;
export const LEGACY_FILE = 'flink-conf.yaml';

/** The text Java's toString gives for a value (how the vectors' `effective` prints them). */
export const javaString = valueText;

/**
 * Which file Flink reads: 1.18 only flink-conf.yaml; 1.19/1.20 flink-conf.yaml whenever it exists,
 * else config.yaml; 2.x only config.yaml. Names are exact and case-sensitive.
 */
export function chooseConfigFile(names: readonly string[], line: FlinkLine): string {
  if (majorOf(line) === 2) return STANDARD_FILE;
  if (line === '1.18') return LEGACY_FILE;
  return names.includes(LEGACY_FILE) ? LEGACY_FILE : STANDARD_FILE;
}

/** Loads a conf directory's files (name -> exact text) the way Flink's start-up does. */
export function loadConfDir(
  files: Readonly<Record<string, string>>,
  opts: LoadConfDirOptions,
): ConfLoad {
  const names = Object.keys(files).sort();
  const chosen = chooseConfigFile(names, opts.flinkLine);
  const diagnostics: ConfDiagnostic[] = [];
  const ignoredFiles = names.filter((n) => n !== chosen);

  for (const name of ignoredFiles) {
    // logging, Hadoop and cluster-script files are read by other parts of Flink, just not as options
    if (AUXILIARY_FILE.test(name)) continue;
    diagnostics.push(ignoredFileDiagnostic(name, chosen, names, opts.flinkLine));
  }

  const text = files[chosen];
  if (text === undefined) {
    const legacyOnly = majorOf(opts.flinkLine) === 2 && names.includes(LEGACY_FILE);
    return {
      ok: false,
      configFile: null,
      error: {
        code: 'NO_CONFIG_FILE',
        severity: 'error',
        file: chosen,
        message: legacyOnly
          ? `Flink ${opts.flinkLine} reads only ${STANDARD_FILE} and fails without it; ` +
            `${LEGACY_FILE} is no longer read (convert it to ${STANDARD_FILE})`
          : `the configuration directory has no ${chosen}, which Flink ${opts.flinkLine} requires`,
      },
      diagnostics,
    };
  }
  if (chosen === LEGACY_FILE && opts.flinkLine !== '1.18') {
    diagnostics.push({
      code: 'LEGACY_CONFIG_FILE',
      severity: 'info',
      file: chosen,
      message: `${LEGACY_FILE} is deprecated since Flink 1.19; Flink 2.x reads only ${STANDARD_FILE}`,
    });
  }

  // Null-prototype records: a key such as "__proto__" must stay an ordinary key.
  const config: Record<string, ConfigValue> = Object.create(null) as Record<string, ConfigValue>;
  const origins: Record<string, ConfOrigin> = Object.create(null) as Record<string, ConfOrigin>;
  const originFile = opts.labels?.[chosen] ?? chosen;
  if (chosen === LEGACY_FILE) {
    const flat = parseFlatConf(text, chosen);
    for (const d of flat.diagnostics) diagnostics.push(d);
    if (flat.error) return { ok: false, configFile: chosen, error: flat.error, diagnostics: capPerCode(diagnostics) };
    for (const e of flat.entries) {
      config[e.key] = e.value;
      origins[e.key] = { file: originFile, line: e.line };
    }
  } else {
    // the common shapes need no YAML parser (standard-flat.ts); the rest go to the registered one
    const std = parseStandardQuick(text, chosen) ?? standardParser()(text, chosen);
    for (const d of std.diagnostics) diagnostics.push(d);
    if (!std.ok) return { ok: false, configFile: chosen, error: std.error, diagnostics };
    for (const e of std.entries) {
      config[e.key] = e.value;
      origins[e.key] = { file: originFile, line: e.line };
    }
  }

  for (const [key, value] of Object.entries(opts.dynamic ?? {})) {
    config[key] = value;
    origins[key] = { file: '-D' };
  }
  return { ok: true, configFile: chosen, config, origins, ignoredFiles, diagnostics: capPerCode(diagnostics) };
}

/** Why a file of the directory is not read, with a hint for names that look like a config file. */
function ignoredFileDiagnostic(
  name: string,
  chosen: string,
  names: readonly string[],
  line: FlinkLine,
): ConfDiagnostic {
  if (name === STANDARD_FILE || name === LEGACY_FILE) {
    const why =
      name === STANDARD_FILE && line === '1.18'
        ? `Flink 1.18 reads only ${LEGACY_FILE}`
        : name === STANDARD_FILE
          ? `Flink ${line} reads ${LEGACY_FILE} whenever it exists, so ${STANDARD_FILE} is ignored`
          : `Flink ${line} reads only ${STANDARD_FILE}`;
    const message = `${name} is not read: ${why}`;
    return { code: 'CONFIG_FILE_IGNORED', severity: 'warning', file: name, message };
  }
  // Flink matches names exactly: Config.yaml, flink-conf.yml or config.yaml.bak are never read.
  const lookalike = [STANDARD_FILE, LEGACY_FILE].find((known) => {
    const stem = (n: string): string => n.toLowerCase().replace(/\.ya?ml.*$/, '');
    return stem(name) === stem(known) && !names.includes(known);
  });
  return {
    code: 'CONFIG_FILE_IGNORED',
    severity: lookalike ? 'warning' : 'info',
    file: name,
    message: lookalike
      ? `${name} is not read: Flink ${line} reads only the exact name ${chosen} (case-sensitive)`
      : `${name} is not read by Flink ${line}; only ${chosen} is`,
  };
}
