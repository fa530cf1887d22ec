// From a service to the conf directory its container starts with: the image's own files, replaced
// by a directory mount, with single files mounted over them; the mount modes decide what the
// official entrypoint may rewrite. Then everything the entrypoint emulation needs.
import type { FlinkLine } from '../versions.js';
import type { ConfDirMount, EntrypointInput } from '../docker/entrypoint.js';
import type { FlinkDetection } from './detect.js';
import type { ComposeDiagnostic, ComposeService } from './types.js';

export interface MountSources {
  /** the image's own conf directory (file name -> text); empty when flinkfit cannot know it */
  imageConf: Readonly<Record<string, string>>;
  /**
   * The contents of a bind-mounted host path (absolute once loaded, or as written in a single
   * file read without a project): for a directory a map of its files, for a file its text.
   */
  read(source: string, kind: 'directory' | 'file'): Readonly<Record<string, string>> | string | undefined;
}

export interface ServiceConfDir {
  files: Record<string, string>;
  mount: ConfDirMount;
  diagnostics: ComposeDiagnostic[];
}

/** The config files a line reads, in the order it prefers them. */
export function configFilesRead(line: FlinkLine): string[] {
  return line === '1.18' ? ['flink-conf.yaml'] : line.startsWith('1.') ? ['flink-conf.yaml', 'config.yaml'] : ['config.yaml'];
}

export function serviceConfDir(svc: ComposeService, sources: MountSources, det?: Pick<FlinkDetection, 'line' | 'officialEntrypoint'>): ServiceConfDir {
  let files: Record<string, string> = { ...sources.imageConf };
  const mount: { readOnlyDir?: boolean; fileMounts?: Record<string, { readOnly: boolean }> } = {};
  const diagnostics: ComposeDiagnostic[] = [];
  const line = det ? det.line : (svc.image?.flinkLine ?? null);
  const entrypointEdits = det ? det.officialEntrypoint : svc.entrypoint === null;
  const d = (x: Omit<ComposeDiagnostic, 'service'>): void => {
    diagnostics.push({ ...x, service: svc.name });
  };
  const ignored = (file: string | null) => line !== null && file !== null && (file === 'flink-conf.yaml' || file === 'config.yaml') && !configFilesRead(line).includes(file);
  // a directory mount hides the image's files; file mounts then sit on top (Docker orders by depth)
  const ordered = [...svc.confMounts].sort((a, b) => (a.file === null ? 0 : 1) - (b.file === null ? 0 : 1));
  for (const m of ordered) {
    if (m.file === null) {
      mount.readOnlyDir = m.readOnly;
      if (m.kind === 'bind') {
        const got = sources.read(m.source, 'directory');
        if (got === undefined || typeof got === 'string') {
          d({ code: 'CONF_MOUNT_UNREADABLE', severity: 'error', file: m.from, line: m.line, message: `the contents of ${m.written}, mounted at ${m.target}, are not known` });
          files = {};
        } else {
          files = { ...got };
        }
      }
      // named and anonymous volumes start as a copy of the image's directory
    } else {
      const got = m.content ?? sources.read(m.source, 'file');
      if (got === undefined || typeof got !== 'string') {
        d({ code: 'CONF_MOUNT_UNREADABLE', severity: 'error', file: m.from, line: m.line, message: `the contents of ${m.written}, mounted at ${m.target}, are not known` });
        continue;
      }
      files[m.file] = got;
      (mount.fileMounts ??= {})[m.file] = { readOnly: m.readOnly };
    }
    // the entrypoint writes the config file it uses; other files (log4j…) may well be read-only
    if (entrypointEdits && m.readOnly && m.kind !== 'config' && (m.file === null || writtenConfigFiles(svc, line).includes(m.file))) {
      d({ code: 'CONFIG_MOUNT_READONLY', severity: 'error', file: m.from, line: m.line, message: `${m.target} is mounted read-only; the entrypoint cannot write the configuration it prepares` });
    }
  }
  for (const m of svc.confMounts) {
    // the entrypoint edits only the file the image reads; an ignored file stays as it is
    if (entrypointEdits && m.kind === 'bind' && !m.readOnly && (m.file === 'flink-conf.yaml' || m.file === 'config.yaml') && !ignored(m.file)) {
      d({
        code: 'CONFIG_MOUNT_SINGLE_FILE',
        severity: 'warning',
        file: m.from,
        line: m.line,
        message: `${m.written} is bind-mounted as a single file: the entrypoint edits it at every start${line === '1.18' ? ' (appending, since sed -i and mv cannot replace a mounted file)' : ''}, so its changes land in your source file`,
      });
    }
  }
  if (line !== null) {
    const reads = configFilesRead(line);
    for (const m of svc.confMounts) {
      if (ignored(m.file)) {
        d({
          code: 'COMPOSE_CONFIG_IGNORED',
          severity: 'error',
          file: m.from,
          line: m.line,
          message: `Flink ${line} does not read ${m.file}; it reads ${reads.join(' or ')}, so the mounted file is ignored and the image's configuration runs`,
        });
      }
    }
  }
  return { files, mount, diagnostics };
}

/** The config file(s) the image's entrypoint rewrites for that Flink line (both when the line is unknown). */
function writtenConfigFiles(svc: ComposeService, line: FlinkLine | null): string[] {
  if (line === null) return ['flink-conf.yaml', 'config.yaml'];
  if (line === '1.18') return ['flink-conf.yaml'];
  if (line.startsWith('1.')) return svc.confMounts.some((m) => m.file === 'flink-conf.yaml') ? ['flink-conf.yaml'] : ['config.yaml'];
  return ['config.yaml'];
}

/** Everything the entrypoint needs for a service, or null when the line is unknown. */
export function entrypointInputFor(svc: ComposeService, conf: ServiceConfDir, lineOverride?: FlinkLine | null): EntrypointInput | null {
  const flinkLine = lineOverride ?? svc.image?.flinkLine ?? null;
  if (flinkLine === null) return null;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.environment)) if (k !== 'FLINK_PROPERTIES') env[k] = v.value;
  return {
    flinkLine,
    files: conf.files,
    flinkProperties: svc.flinkProperties?.value ?? null,
    env,
    ...(svc.hostname !== null ? { hostname: svc.hostname.value } : {}),
    mount: conf.mount,
  };
}
