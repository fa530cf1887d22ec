// Config-file loaders for library users: read a flink-conf.yaml, a config.yaml or a whole conf
// directory exactly as `flinkfit explain` and Flink's start-up do, and hand back the key/value
// config that resolveTaskManager / resolveJobManager take. Never throw for bad file content: every
// problem comes back as data with a stable code.
import { diag, type Diagnostic } from '../diagnostics.js';
import { chooseVersion, classifyInputs } from '../analysis/inputs.js';
import type { FlinkConfig } from '../config-value.js';
import { loadConfDir, type ConfDiagnostic, type ConfOrigin } from './confdir.js';

export type { ConfDiagnostic, ConfOrigin };

export interface LoadConfigOptions {
  /**
   * The file's name or path: `flink-conf.yaml` is read as the flat 1.x format, `config.yaml` as
   * standard YAML; any other name is judged by its content (as `explain` does, with a note).
   * Default: `config.yaml`.
   */
  fileName?: string;
  /** Flink version or release line ("1.20", "2.1.0"). Default: 1.20 for a lone flink-conf.yaml, else the newest. */
  flinkVersion?: string;
  /** Dynamic properties (`-D key=value`), applied last as strings. */
  dynamic?: Readonly<Record<string, string>>;
}

export type LoadConfigResult =
  | {
      ok: true;
      /** the Flink version the file was read for, e.g. "1.20.4" */
      flinkVersion: string;
      /** the file Flink reads: "flink-conf.yaml" or "config.yaml" */
      configFile: string;
      /** key → value as that version's loader hands it over; pass it to resolveTaskManager / resolveJobManager */
      config: FlinkConfig;
      /** where each key was set (file and line, or "-D") */
      origins: Readonly<Record<string, ConfOrigin>>;
      /** notes and warnings: keys Flink skips, duplicate keys, the version assumed, … */
      diagnostics: ConfDiagnostic[];
    }
  | {
      ok: false;
      flinkVersion: string | null;
      /** why Flink (or flinkfit) cannot read it: CONFIG_LOAD_ERROR, NO_CONFIG_FILE, FLINK_VERSION_UNSUPPORTED */
      error: ConfDiagnostic;
      diagnostics: ConfDiagnostic[];
    };

const baseName = (path: string): string => path.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() ?? path;

function confDiagnostic(d: Diagnostic): ConfDiagnostic {
  return { code: d.code, severity: d.severity, message: d.message, ...(d.file !== undefined ? { file: d.file } : {}), ...(d.line !== undefined ? { line: d.line } : {}), ...(d.key !== undefined ? { key: d.key } : {}) };
}

/**
 * Reads one config file's text as Flink would: `loadConfig(text, { fileName: 'flink-conf.yaml', flinkVersion: '1.20' })`.
 */
export function loadConfig(text: string, options: LoadConfigOptions = {}): LoadConfigResult {
  const path = options.fileName ?? 'config.yaml';
  return load([{ kind: 'file', path, name: baseName(path), text }], options);
}

/**
 * Reads a conf directory (file name → text) as Flink's `--configDir` does: which names count and
 * which file wins depend on the version.
 */
export function loadConfigDir(files: Readonly<Record<string, string>>, options: Omit<LoadConfigOptions, 'fileName'> = {}): LoadConfigResult {
  return load([{ kind: 'dir', path: '.', files: { ...files } }], options);
}

function load(inputs: Parameters<typeof classifyInputs>[0], options: LoadConfigOptions): LoadConfigResult {
  const asked = options.flinkVersion !== undefined ? chooseVersion(options.flinkVersion, {}) : undefined;
  if (asked && 'error' in asked) {
    const error = confDiagnostic(diag('FLINK_VERSION_UNSUPPORTED', asked.error));
    return { ok: false, flinkVersion: null, error, diagnostics: [error] };
  }
  const classified = classifyInputs(inputs, asked?.line);
  // a compose file is not a Flink config file: read it as the config.yaml it would otherwise be
  for (const c of classified.composeFiles) classified.confFiles['config.yaml'] ??= c.text;
  const choice = chooseVersion(options.flinkVersion, classified.confFiles);
  if ('error' in choice) {
    const error = confDiagnostic(diag('FLINK_VERSION_UNSUPPORTED', choice.error));
    return { ok: false, flinkVersion: null, error, diagnostics: [error] };
  }
  const notes = [...choice.diagnostics, ...classified.diagnostics].map(confDiagnostic);
  const r = loadConfDir(classified.confFiles, { flinkLine: choice.line, ...(options.dynamic ? { dynamic: options.dynamic } : {}) });
  if (!r.ok) return { ok: false, flinkVersion: choice.version, error: r.error, diagnostics: [...notes, ...r.diagnostics] };
  return { ok: true, flinkVersion: choice.version, configFile: r.configFile ?? '', config: r.config, origins: r.origins, diagnostics: [...notes, ...r.diagnostics] };
}
