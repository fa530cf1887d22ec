// A docker-compose file as the official flink image would run it: for the jobmanager and the
// taskmanager service, the conf directory the container starts with (image config, mounts), what
// the entrypoint makes of it (FLINK_PROPERTIES, rewrites), and then Flink's memory for that role.
// compose files name config.yaml for 1.19+ images: the parser must be there
import '../conf/standard.js';
import { diag, DIAGNOSTIC_INFO, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { readCompose, serviceConfDir, entrypointInputFor, type ComposeDiagnostic, type ComposeService, type MountSources } from '../docker/compose.js';
import { applyEntrypoint, type EntrypointDiagnostic } from '../docker/entrypoint.js';
import { imageConf } from '../docker/image-conf.js';
import { DEFAULT_FLINK_LINE, LATEST_PATCH, parseFlinkVersion, type FlinkLine } from '../versions.js';
import { analyzeRole, dedupe, type Explanation, type Role } from './explain.js';
import type { ClassifiedInputs } from './inputs.js';

export interface ComposeFacts {
  file: string;
  services: ComposeService[];
  jobmanager?: ComposeService;
  taskmanager?: ComposeService;
  /** TaskManager containers: replicas/scale of the taskmanager service(s) */
  taskmanagerCount: number;
}

export type ComposeExplanation = Explanation & { compose: ComposeFacts | null };

export interface ComposeExplainInput {
  path: string;
  text: string;
  /** contents of bind-mounted host paths, as written in the compose file */
  read: MountSources['read'];
  flinkVersion?: string;
  dynamic?: Readonly<Record<string, string>>;
  /** variables for ${VAR} interpolation (the shell's environment) */
  env?: Readonly<Record<string, string>>;
}

function fromCompose(d: ComposeDiagnostic): Diagnostic {
  const out = diag(d.code, d.service ? `service ${d.service}: ${d.message}` : d.message, { file: d.file });
  out.severity = d.severity;
  if (d.line !== undefined) out.line = d.line;
  if (d.key !== undefined) out.key = d.key;
  return out;
}

function fromEntrypoint(d: EntrypointDiagnostic, svc: ComposeService, file: string): Diagnostic {
  const code = (d.code in DIAGNOSTIC_INFO ? d.code : 'ENTRYPOINT_REWRITE_FAILED') as DiagnosticCode;
  const out = diag(code, `service ${svc.name}: ${d.message}`, { file });
  out.severity = d.severity;
  // FLINK_PROPERTIES lines count within the variable; point at the variable in the compose file
  const first = d.source === 'FLINK_PROPERTIES' ? svc.flinkProperties?.firstLine : undefined;
  if (first !== undefined) out.line = first + (d.line !== undefined ? d.line - 1 : 0);
  else out.line = svc.line;
  if (d.key !== undefined) out.key = d.key;
  return out;
}

function roleService(services: ComposeService[], role: Role): ComposeService | undefined {
  const wanted = role === 'jobmanager' ? ['jobmanager', 'standalone-job'] : ['taskmanager'];
  return services.find((s) => s.role !== null && wanted.includes(s.role));
}

export function explainCompose(input: ComposeExplainInput): ComposeExplanation {
  const diagnostics: Diagnostic[] = [];
  const read = readCompose(input.text, { file: input.path, env: input.env ?? {} });
  diagnostics.push(...read.diagnostics.map(fromCompose));
  const asked = input.flinkVersion !== undefined ? parseFlinkVersion(input.flinkVersion) : undefined;
  const fallbackLine: FlinkLine = asked?.ok ? asked.line : DEFAULT_FLINK_LINE;
  const empty = (source: string) => ({ source, configFile: null, config: null, origins: {}, outcome: null });
  if (!read.ok) {
    diagnostics.push(fromCompose(read.error));
    return { flinkVersion: LATEST_PATCH[fallbackLine], line: fallbackLine, taskmanager: empty(input.path), jobmanager: empty(input.path), diagnostics, compose: null };
  }
  const jm = roleService(read.services, 'jobmanager');
  const tm = roleService(read.services, 'taskmanager');
  const taskmanagerCount = read.services.filter((s) => s.role === 'taskmanager').reduce((n, s) => n + (s.replicas?.value ?? 1), 0);
  const facts: ComposeFacts = { file: input.path, services: read.services, taskmanagerCount, ...(jm ? { jobmanager: jm } : {}), ...(tm ? { taskmanager: tm } : {}) };

  // the Flink the containers run: --flink-version wins, else the image tag
  const imageLine = (jm ?? tm)?.image?.flinkLine ?? null;
  let line: FlinkLine = asked?.ok ? asked.line : imageLine ?? DEFAULT_FLINK_LINE;
  let version = asked?.ok ? asked.version : ((jm ?? tm)?.image?.flinkVersion ?? LATEST_PATCH[line]);
  if (!asked && imageLine === null) {
    const tag = (jm ?? tm)?.image?.tag;
    const why = tag && /^\d+\.\d+/.test(tag) ? `flinkfit does not model the Flink of tag ${tag}` : 'The image tag does not say which Flink runs';
    diagnostics.push(diag('VERSION_ASSUMED', `${why}; assuming ${LATEST_PATCH[line]}. Pass --flink-version to choose.`, { file: input.path }));
  }
  if (asked?.ok && imageLine !== null && imageLine !== asked.line) {
    diagnostics.push(diag('VERSION_ASSUMED', `--flink-version ${input.flinkVersion} overrides the image's Flink ${imageLine}.`, { file: input.path }));
  }
  if (tm && jm && tm.image?.flinkLine && jm.image?.flinkLine && tm.image.flinkLine !== jm.image.flinkLine && !asked) {
    diagnostics.push(diag('VERSION_ASSUMED', `The jobmanager runs Flink ${jm.image.flinkLine} and the taskmanager ${tm.image.flinkLine}; both are explained as ${line}.`, { file: input.path }));
  }
  line = line as FlinkLine;
  version = version ?? LATEST_PATCH[line];

  const explainService = (role: Role, svc: ComposeService | undefined) => {
    if (!svc) {
      diagnostics.push(diag('ROLE_UNKNOWN', `No ${role} service found in ${input.path} (a service whose command is '${role}' or whose name says so).`, { file: input.path }));
      return { report: empty(input.path), diagnostics: [] as Diagnostic[] };
    }
    const conf = serviceConfDir(svc, { imageConf: imageConf(line), read: input.read }, input.path);
    diagnostics.push(...conf.diagnostics.map(fromCompose));
    diagnostics.push(...ignoredConfigVerdict(role, svc, conf.diagnostics, input));
    // a replaced entrypoint does not prepare the configuration: Flink reads the files as they are
    const epInput = svc.entrypoint !== null ? null : entrypointInputFor({ ...svc, image: svc.image ? { ...svc.image, flinkLine: line } : svc.image }, conf);
    const files = epInput ? applyEntrypointFiles(epInput, svc, input.path, diagnostics) : conf.files;
    const mounted = svc.confMounts.some((m) => m.file === null) ? 'its mounted conf directory' : svc.confMounts.length > 0 ? 'its mounted files over the image\'s config' : 'the image\'s own config';
    const analyzed = analyzeRole(role, {
      files,
      line,
      version,
      ...(input.dynamic ? { dynamic: input.dynamic } : {}),
      source: `${input.path}, service ${svc.name}: ${mounted}`,
      labels: Object.fromEntries(Object.keys(files).map((f) => [f, `${svc.name}:/opt/flink/conf/${f}`])),
    });
    // a mounted file the image ignores is already said (COMPOSE_CONFIG_IGNORED, with its mount line)
    const toldIgnored = new Set(conf.diagnostics.filter((d) => d.code === 'COMPOSE_CONFIG_IGNORED').flatMap(() => svc.confMounts.map((m) => `${svc.name}:/opt/flink/conf/${m.file}`)));
    analyzed.diagnostics = analyzed.diagnostics.filter((d) => !(d.code === 'CONFIG_FILE_IGNORED' && d.file !== undefined && toldIgnored.has(d.file)));
    return analyzed;
  };
  const t = explainService('taskmanager', tm);
  const j = explainService('jobmanager', jm);
  return {
    flinkVersion: version,
    line,
    taskmanager: t.report as ComposeExplanation['taskmanager'],
    jobmanager: j.report as ComposeExplanation['jobmanager'],
    diagnostics: dedupe([...diagnostics, ...t.diagnostics, ...j.diagnostics]),
    compose: facts,
  };
}

/**
 * A mounted config file the image ignores still says what the user meant: judge it on the newest
 * Flink that reads it, so a config that would be refused anyway is not hidden behind the first error.
 */
function ignoredConfigVerdict(role: Role, svc: ComposeService, confDiags: ComposeDiagnostic[], input: ComposeExplainInput): Diagnostic[] {
  if (!confDiags.some((d) => d.code === 'COMPOSE_CONFIG_IGNORED')) return [];
  const m = svc.confMounts.find((x) => x.file === 'flink-conf.yaml' || x.file === 'config.yaml');
  if (!m) return [];
  const text = m.content ?? input.read(m.source, 'file');
  if (typeof text !== 'string') return [];
  const readsIt: FlinkLine = m.file === 'flink-conf.yaml' ? '1.20' : DEFAULT_FLINK_LINE;
  const r = analyzeRole(role, { files: { [m.file!]: text }, line: readsIt, version: LATEST_PATCH[readsIt], labels: { [m.file!]: m.source } });
  const o = r.report.outcome;
  if (o === null || o.ok) return [];
  const fix = r.report.fix ? ` It would need ${r.report.fix.key}: ${r.report.fix.bytes / 1048576n}m or more.` : '';
  return [
    diag('IGNORED_CONFIG_REFUSED', `service ${svc.name}: ${m.source} is ignored by this image, and even Flink ${readsIt}, which reads it, would refuse its ${role === 'taskmanager' ? 'TaskManager' : 'JobManager'} settings: ${o.message}${fix}`, { file: input.path, line: m.line, role }),
  ];
}

function applyEntrypointFiles(epInput: NonNullable<ReturnType<typeof entrypointInputFor>>, svc: ComposeService, file: string, out: Diagnostic[]): Record<string, string> {
  const r = applyEntrypoint(epInput);
  out.push(...r.diagnostics.map((d) => fromEntrypoint(d, svc, file)));
  return r.files;
}

/**
 * The compose branch of `explain` and `check`: config files named beside a compose file are not
 * what its containers read, which is said; the notes about how the inputs were read go in front.
 */
export function explainComposeInputs(compose: { path: string; text: string }, classified: ClassifiedInputs, opts: Omit<ComposeExplainInput, 'path' | 'text'>): ComposeExplanation {
  const e = explainCompose({ path: compose.path, text: compose.text, ...opts });
  const beside = Object.values(classified.labels);
  if (beside.length > 0) {
    e.diagnostics.push(diag('CONFIG_FILE_IGNORED', `With a compose file, the configuration comes from what its services mount; ${beside.join(', ')} given beside it ${beside.length === 1 ? 'is' : 'are'} not used.`));
  }
  e.diagnostics.unshift(...classified.diagnostics);
  return e;
}
