// One compose file held in memory, read as a whole Compose project would be: for `generate`'s
// round trip and for tests that feed compose text with mounts from a map. Paths resolve inside a
// virtual project directory, and mounts are asked for as written (`./conf`).
import { detectFlink } from '../compose/detect.js';
import { loadComposeProject } from '../compose/load.js';
import type { MountSources } from '../compose/mounts.js';
import { displayPath } from '../compose/paths.js';
import { readService } from '../compose/service.js';
import type { ComposeDiagnostic, ComposeService, FlinkRole } from '../compose/types.js';
import { explainComposeProject } from './compose.js';
import type { DeploymentExplanation } from './types.js';

const ROOT = '/flinkfit-project';

export interface ComposeTextInput {
  /** the compose file's name, used in messages */
  path: string;
  text: string;
  /** what a bind mount holds, by its source as written relative to the compose file (`./conf`) */
  read: MountSources['read'];
  /** other files of the project by relative path (.env, env files, Dockerfiles) */
  files?: Readonly<Record<string, string>>;
  flinkVersion?: string;
  dynamic?: Readonly<Record<string, string>>;
  env?: Readonly<Record<string, string>>;
}

function virtualFs(input: ComposeTextInput) {
  const main = `${ROOT}/${input.path.replace(/^.*\//, '')}`;
  const rel = (abs: string) => `./${displayPath(ROOT, abs)}`;
  const readFile = (abs: string): string | undefined => {
    if (abs === main) return input.text;
    const r = displayPath(ROOT, abs);
    if (input.files && r in input.files) return input.files[r];
    const got = input.read(rel(abs), 'file');
    return typeof got === 'string' ? got : undefined;
  };
  return { main, readFile, readMount: ((abs, kind) => input.read(rel(abs), kind)) as MountSources['read'] };
}

export function explainCompose(input: ComposeTextInput): DeploymentExplanation {
  const v = virtualFs(input);
  const project = loadComposeProject({ files: [v.main], autoOverride: false, env: input.env ?? {}, fs: { readFile: v.readFile } });
  return explainComposeProject({
    project,
    readFile: v.readFile,
    readMount: v.readMount,
    label: (f) => (f.startsWith('/') ? displayPath(ROOT, f) : f),
    ...(input.flinkVersion !== undefined ? { flinkVersion: input.flinkVersion } : {}),
    ...(input.dynamic ? { dynamic: input.dynamic } : {}),
  });
}

export type ReadServices =
  | { ok: true; services: Array<ComposeService & { role: FlinkRole | null }>; diagnostics: ComposeDiagnostic[] }
  | { ok: false; error: { message: string } };

/** The services of one compose text with their Flink process and line, as the project reader sees them. */
export function readCompose(text: string, opts: { path?: string; env?: Readonly<Record<string, string>> } = {}): ReadServices {
  const v = virtualFs({ path: opts.path ?? 'docker-compose.yml', text, read: () => undefined });
  const project = loadComposeProject({ files: [v.main], autoOverride: false, env: opts.env ?? {}, fs: { readFile: v.readFile } });
  if (!project.ok) return { ok: false, error: { message: project.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ') } };
  const diagnostics: ComposeDiagnostic[] = [];
  const services = project.services.map((ls) => {
    const svc = readService(ls.name, ls.node, ls.key ?? ls.node.loc, { configs: project.configs, env: project.interpolationEnv, diagnostics }, ls.active);
    const det = detectFlink(svc, { read: v.readFile });
    // mount sources as written, relative to the compose file
    for (const m of svc.confMounts) {
      if (m.kind !== 'bind') continue;
      m.source = `./${displayPath(ROOT, m.source)}`;
      m.written = m.source;
    }
    return { ...svc, role: det.process, image: svc.image ? { ...svc.image, flinkLine: det.line, flinkVersion: det.flinkVersion } : null };
  });
  return { ok: true, services, diagnostics };
}
