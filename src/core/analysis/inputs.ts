// Decides what the user's files are (flink-conf.yaml, config.yaml, a conf directory or a compose
// file) and which Flink version to assume when nothing says, before any file is interpreted.
import { diag, type Diagnostic } from '../diagnostics.js';
import { explainConfDir, type Explanation } from './explain.js';
import { DEFAULT_FLINK_LINE, LATEST_PATCH, parseFlinkVersion, type FlinkLine } from '../versions.js';

export type NamedInput =
  | { kind: 'file'; path: string; name: string; text: string }
  | { kind: 'dir'; path: string; files: Record<string, string> };

export interface ClassifiedInputs {
  /** the virtual conf directory assembled from config files and directories */
  confFiles: Record<string, string>;
  /** conf file name -> path as the user gave it */
  labels: Record<string, string>;
  composeFiles: Array<{ path: string; text: string }>;
  diagnostics: Diagnostic[];
  /** inputs that cannot be taken together (two files for one name of the conf directory) */
  errors: string[];
}

/** The names Flink reads in a conf directory: two inputs for one of them cannot both be meant. */
const CONF_NAMES = ['config.yaml', 'flink-conf.yaml'];

const COMPOSE_NAME = /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i;

export function looksLikeCompose(name: string, text: string): boolean {
  return COMPOSE_NAME.test(name) || /^services\s*:/m.test(text);
}

/** A flat file has only top-level `key: value` lines; anything indented under a key is nested YAML. */
export function looksFlat(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return lines.every((l) => !/^\s/.test(l) && !/^-/.test(l)) && !lines.some((l) => /^[\w.-]+\s*:\s*$/.test(l));
}

export function classifyInputs(inputs: NamedInput[], line: FlinkLine | undefined): ClassifiedInputs {
  const out: ClassifiedInputs = { confFiles: {}, labels: {}, composeFiles: [], diagnostics: [], errors: [] };
  const put = (name: string, text: string, path: string) => {
    const earlier = out.labels[name];
    if (earlier !== undefined && CONF_NAMES.includes(name)) {
      // one conf directory holds one file of a name: say which two, rather than drop one silently
      out.errors.push(`${earlier} and ${path} are both read as ${name}; give one of them (or one conf directory)`);
      return;
    }
    out.confFiles[name] = text;
    out.labels[name] = path;
  };
  for (const input of inputs) {
    if (input.kind === 'dir') {
      for (const [name, text] of Object.entries(input.files)) put(name, text, `${input.path.replace(/\/$/, '')}/${name}`);
      continue;
    }
    if (input.name === 'flink-conf.yaml' || input.name === 'config.yaml') {
      put(input.name, input.text, input.path);
    } else if (looksLikeCompose(input.name, input.text)) {
      out.composeFiles.push({ path: input.path, text: input.text });
    } else {
      const flat = looksFlat(input.text);
      const name = flat && (line === undefined || line.startsWith('1.')) ? 'flink-conf.yaml' : 'config.yaml';
      put(name, input.text, input.path);
      out.diagnostics.push(
        diag('FILE_KIND_ASSUMED', `${input.path} is not named flink-conf.yaml or config.yaml; read as ${name} (${flat ? 'flat key: value lines' : 'nested YAML'}).`, { file: input.path }),
      );
    }
  }
  return out;
}

export interface VersionChoice {
  line: FlinkLine;
  version: string;
  diagnostics: Diagnostic[];
}

/** --flink-version wins; then an image tag; a lone flink-conf.yaml means 1.20; else the newest. */
export function chooseVersion(asked: string | undefined, confFiles: Record<string, string>, fromImage?: { line: FlinkLine; version: string }): VersionChoice | { error: string } {
  if (asked !== undefined) {
    const v = parseFlinkVersion(asked);
    return v.ok ? { line: v.line, version: v.version, diagnostics: [] } : { error: v.message };
  }
  if (fromImage) return { ...fromImage, diagnostics: [] };
  if ('flink-conf.yaml' in confFiles && !('config.yaml' in confFiles)) {
    return {
      line: '1.20',
      version: LATEST_PATCH['1.20'],
      diagnostics: [
        diag('VERSION_ASSUMED', 'Assuming Flink 1.20: flink-conf.yaml is read only by Flink 1.18–1.20 (Flink 2.x ignores it and needs config.yaml). Pass --flink-version to choose.'),
      ],
    };
  }
  return {
    line: DEFAULT_FLINK_LINE,
    version: LATEST_PATCH[DEFAULT_FLINK_LINE],
    diagnostics: [diag('VERSION_ASSUMED', `Assuming Flink ${LATEST_PATCH[DEFAULT_FLINK_LINE]}, the newest supported. Pass --flink-version to choose.`)],
  };
}

/**
 * The conf-directory branch of `explain` and `check`: the version to assume, then both processes
 * from the assembled directory, with the notes about how the inputs were read in front.
 */
export function explainClassified(classified: ClassifiedInputs, opts: { flinkVersion?: string; dynamic?: Readonly<Record<string, string>> }): Explanation | { error: string } {
  const choice = chooseVersion(opts.flinkVersion, classified.confFiles);
  if ('error' in choice) return choice;
  const e = explainConfDir({
    files: classified.confFiles,
    labels: classified.labels,
    line: choice.line,
    version: choice.version,
    ...(opts.dynamic ? { dynamic: opts.dynamic } : {}),
  });
  e.diagnostics = [...choice.diagnostics, ...classified.diagnostics, ...e.diagnostics];
  return e;
}
