// A Compose project as its containers would run it: every service read, the Flink ones found by
// what they run, and each JobManager / TaskManager resolved from the conf directory its container
// starts with (image config, mounts, FLINK_PROPERTIES through the image's entrypoint).
import '../conf/standard.js';
import { analyzeRole, dedupe, type LoadedRole, type Role, type RoleReport } from '../analysis/explain.js';
import { detectFlink, type FlinkDetection } from '../compose/detect.js';
import type { LoadedProject } from '../compose/load.js';
import { configFilesRead, entrypointInputFor, serviceConfDir, type MountSources } from '../compose/mounts.js';
import { readService } from '../compose/service.js';
import { valueText, type FlinkConfig } from '../config-value.js';
import { resolvePath } from '../compose/paths.js';
import type { ComposeDiagnostic, ComposeService } from '../compose/types.js';
import { diag, DIAGNOSTIC_INFO, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { applyEntrypoint, type EntrypointDiagnostic } from '../docker/entrypoint.js';
import { imageConf } from '../docker/image-conf.js';
import type { JobManagerOutcome, TaskManagerOutcome } from '../memory/types.js';
import { DEFAULT_FLINK_LINE, LATEST_PATCH, parseFlinkVersion, type FlinkLine } from '../versions.js';
import type { DeploymentExplanation, ProcessReport, ServiceSummary } from './types.js';
import { append } from '../arrays.js';

export interface ComposeProjectInput {
  project: LoadedProject;
  /** the project's files: Dockerfiles (absolute path → text) */
  readFile: (absPath: string) => string | undefined;
  /** what a bind mount holds (absolute source) */
  readMount: MountSources['read'];
  /** how to name a file in messages (the loader's names are kept when absent) */
  label?: (file: string) => string;
  flinkVersion?: string;
  dynamic?: Readonly<Record<string, string>>;
}

export function toDiagnostic(d: { code: string; severity: Diagnostic['severity']; message: string; file?: string; line?: number; key?: string; service?: string }, label: (f: string) => string): Diagnostic {
  const code = (d.code in DIAGNOSTIC_INFO ? d.code : 'COMPOSE_INVALID') as DiagnosticCode;
  const out: Diagnostic = { code, severity: d.severity, message: d.service && !d.message.includes(`service ${d.service}`) ? `service ${d.service}: ${d.message}` : d.message };
  if (d.file !== undefined) out.file = label(d.file);
  if (d.line !== undefined) out.line = d.line;
  if (d.key !== undefined) out.key = d.key;
  return out;
}

function fromEntrypoint(d: EntrypointDiagnostic, svc: ComposeService, label: (f: string) => string): Diagnostic {
  const code = (d.code in DIAGNOSTIC_INFO ? d.code : 'ENTRYPOINT_REWRITE_FAILED') as DiagnosticCode;
  const out = diag(code, `service ${svc.name}: ${d.message}`);
  out.severity = d.severity;
  // FLINK_PROPERTIES lines count within the variable: point at them in the file the user edits
  const fp = d.source === 'FLINK_PROPERTIES' ? svc.flinkProperties : null;
  if (fp) {
    out.file = label(fp.file);
    out.line = fp.firstLine + (d.line !== undefined ? d.line - 1 : 0);
  } else {
    out.file = label(svc.file);
    out.line = svc.line;
  }
  if (d.key !== undefined) out.key = d.key;
  return out;
}

const empty = (source: string): RoleReport<never> => ({ source, configFile: null, config: null, origins: {}, outcome: null });

export function explainComposeProject(input: ComposeProjectInput): DeploymentExplanation {
  const p = input.project;
  // the loader names files relative to the project directory; the caller names them for the user
  const userLabel = input.label ?? ((f: string) => f);
  const label = (f: string) => userLabel(f.startsWith('/') ? f : resolvePath(p.projectDir, f));
  const diagnostics: Diagnostic[] = p.diagnostics.map((d) => toDiagnostic(d, label));
  const asked = input.flinkVersion !== undefined ? parseFlinkVersion(input.flinkVersion) : undefined;
  const forced = asked?.ok ? { line: asked.line, version: asked.version } : undefined;
  const mainFile = p.composeFiles[0] ?? '';
  const out: DeploymentExplanation = {
    kind: 'compose',
    files: [...p.composeFiles, ...p.envFiles.filter((e) => e.used).map((e) => e.path)].map(label),
    label: label(mainFile),
    flink: false,
    processes: [],
    services: [],
    flinkVersion: forced?.version ?? LATEST_PATCH[DEFAULT_FLINK_LINE],
    line: forced?.line ?? DEFAULT_FLINK_LINE,
    taskmanager: empty(label(mainFile)),
    jobmanager: empty(label(mainFile)),
    diagnostics,
  };
  if (!p.ok) {
    out.flink = true; // Compose refuses it: nothing runs, and that is the finding
    return out;
  }
  const composeDiags: ComposeDiagnostic[] = [];
  const roleDiags: Diagnostic[] = [];
  const read = p.services.map((ls) => readService(ls.name, ls.node, ls.key ?? ls.node.loc, { configs: p.configs, env: p.interpolationEnv, diagnostics: composeDiags }, ls.active));
  const builtImages = new Map(read.filter((x) => x.build !== null && x.image !== null).map((x) => [x.image!.ref, x.build!] as const));
  for (const svc of read) {
    for (const m of svc.confMounts) if (m.kind === 'bind' || m.kind === 'config') m.written = label(m.source);
    const det = detectFlink(svc, { read: input.readFile, builtImages, label, ...(forced ? { flinkVersion: forced } : {}) });
    const summary: ServiceSummary = {
      name: svc.name,
      flink: det.flink,
      why: det.why,
      role: det.role,
      image: det.image?.ref ?? null,
      flinkVersion: det.flinkVersion,
      versionFrom: forced ? '--flink-version' : det.versionFrom,
      replicas: svc.replicas?.value ?? 1,
      processSize: null,
      memoryLimit: svc.memLimit?.value ?? null,
      ok: null,
      active: svc.active,
      completesFirst: false,
      file: label(svc.file),
      line: svc.line,
      memLimitAt: svc.memLimit ? { file: label(svc.memLimit.file), line: svc.memLimit.line } : null,
    };
    out.services.push(summary);
    if (!det.flink) continue;
    out.flink = true;
    if (!svc.active) {
      diagnostics.push(diag('SERVICE_INACTIVE', `service ${svc.name} runs Flink but only with profile ${svc.profiles.join(' or ')}, which is not enabled; it is not checked (pass --profile ${svc.profiles[0]} to include it)`, { file: label(svc.file), line: svc.line }));
      continue;
    }
    append(diagnostics, serviceNotes(svc, det, label));
    if (det.role === null) continue;
    const line = det.line;
    if (line === null) {
      if (det.flinkVersion !== null) continue;
      const why = det.image ? `flinkfit cannot tell which Flink ${det.image.ref} runs` : det.dockerfileUnread ? 'its Dockerfile cannot be read, so the image it runs is unknown' : 'it names no image';
      const hint = det.family === 'official' || det.family === 'assumed-official' ? ' (pass --flink-version to read it as that release)' : '';
      diagnostics.push(diag('IMAGE_UNMODELLED', `service ${svc.name}: ${why}; its memory is not computed${hint}`, { file: label(svc.image?.file ?? svc.file), line: svc.image?.line ?? svc.line }));
      continue;
    }
    const version = det.flinkVersion !== null && /^\d+\.\d+\.\d+$/.test(det.flinkVersion) && det.approximate === null ? det.flinkVersion : LATEST_PATCH[line];
    const baseConf: Record<string, string> = det.imageDefaultsKnown ? { ...imageConf(line) } : {};
    for (const [name, abs] of Object.entries(det.bakedConf ?? {})) {
      const t = input.readFile(abs);
      if (t !== undefined) baseConf[name] = t;
    }
    const sources: MountSources = { imageConf: baseConf, read: input.readMount };
    const svcForConf = { ...svc, confDir: det.confDir };
    const conf = serviceConfDir(svcForConf, sources, det);
    append(composeDiags, conf.diagnostics);
    if (det.confReplacedByCommand) {
      diagnostics.push(diag('IMAGE_UNMODELLED', `service ${svc.name}: its ${svc.entrypoint ? 'entrypoint' : 'command'} copies or writes files into ${det.confDir} at start, which flinkfit does not follow; its memory is not computed`, { file: label((svc.command ?? svc.entrypoint)?.file ?? svc.file), line: (svc.command ?? svc.entrypoint)?.line ?? svc.line }));
      continue;
    }
    if (!det.imageDefaultsKnown && !Object.keys(conf.files).some((f) => f === 'flink-conf.yaml' || f === 'config.yaml')) {
      diagnostics.push(diag('IMAGE_UNMODELLED', `service ${svc.name}: flinkfit does not know the configuration ${det.image?.ref ?? 'its image'} starts with, and none is mounted; its memory is not computed`, { file: label(svc.image?.file ?? svc.file), line: svc.image?.line ?? svc.line }));
      continue;
    }
    let files = conf.files;
    let appendedFrom: number | null = null;
    if (det.officialEntrypoint) {
      const ep = entrypointInputFor(svc, conf, line);
      if (ep) {
        const before = conf.files[line === '1.18' ? 'flink-conf.yaml' : 'config.yaml'];
        const r = applyEntrypoint(ep);
        append(roleDiags, r.diagnostics.map((d) => fromEntrypoint(d, svc, label)));
        files = r.files;
        // 1.18 appends its own lines to flink-conf.yaml: keys there are the entrypoint's, not the user's
        if (line === '1.18' && before !== undefined) appendedFrom = before.split('\n').length;
      }
    }
    const mounted = svc.confMounts.some((m) => m.file === null) ? 'its mounted conf directory' : svc.confMounts.length > 0 ? "its mounted files over the image's config" : "the image's own config";
    const roles: Role[] = det.role === 'both' ? ['jobmanager', 'taskmanager'] : [det.role];
    let size = 0n;
    let known = true;
    let ok = true;
    for (const role of roles) {
      const analyzed: LoadedRole = analyzeRole(role, {
        files,
        line,
        version,
        ...(input.dynamic ? { dynamic: input.dynamic } : {}),
        source: `${label(svc.file)}, service ${svc.name}: ${mounted}`,
        labels: labelsFor(svc, det, conf.files, files, label),
      });
      analyzed.diagnostics = analyzed.diagnostics.filter((d) => {
        // a mounted file the image ignores is said once, at its mount line (COMPOSE_CONFIG_IGNORED)
        if (d.code === 'CONFIG_FILE_IGNORED' && d.file !== undefined && svc.confMounts.some((m) => m.file !== null && d.file === mountLabel(svc, m.file, label))) return false;
        // keys the 1.18 entrypoint appended are not the user's duplicates
        if (d.code === 'DUPLICATE_KEY' && appendedFrom !== null && d.line !== undefined && d.line >= appendedFrom) return false;
        return true;
      });
      append(roleDiags, analyzed.diagnostics.map((d) => ({ ...d, message: d.message.startsWith('service ') ? d.message : `service ${svc.name}: ${d.message}` })));
      append(roleDiags, ignoredConfigVerdict(role, svc, det, input, label));
      const o = analyzed.report.outcome;
      if (o?.ok) size += o.memory.totalProcess;
      else known = false;
      if (!o?.ok) ok = false;
      const proc: ProcessReport = {
        role,
        service: svc.name,
        count: svc.replicas?.value ?? 1,
        flinkVersion: det.approximate ? `${det.flinkVersion} (approximate, read as ${line})` : version,
        line,
        approximate: det.approximate,
        report: analyzed.report,
        memLimit: svc.memLimit ? { bytes: svc.memLimit.value, text: svc.memLimit.text, from: svc.memLimit.from, file: label(svc.memLimit.file), line: svc.memLimit.line } : null,
        at: { file: label(svc.file), line: svc.line },
      };
      out.processes.push(proc);
    }
    // a start-cluster.sh container runs two processes: each is in `processes`, none is *the* size
    summary.processSize = known && roles.length === 1 ? size : null;
    summary.ok = ok;
  }
  // depends_on … condition: service_completed_successfully — the dependency has exited before Flink starts
  for (const s of read) {
    if (!out.services.find((x) => x.name === s.name)?.flink) continue;
    for (const [dep, cond] of Object.entries(s.dependsOn)) {
      const target = out.services.find((x) => x.name === dep);
      if (target && cond === 'service_completed_successfully') target.completesFirst = true;
    }
  }
  append(diagnostics, composeDiags.map((d) => toDiagnostic(d, label)));
  const jm = out.processes.find((x) => x.role === 'jobmanager');
  const tm = out.processes.find((x) => x.role === 'taskmanager');
  const first = jm ?? tm;
  if (first && !forced) {
    out.line = first.line;
    out.flinkVersion = first.flinkVersion;
  }
  if (jm) out.jobmanager = jm.report as RoleReport<JobManagerOutcome>;
  if (tm) out.taskmanager = tm.report as RoleReport<TaskManagerOutcome>;
  if (out.services.length === 0) {
    diagnostics.push(diag('COMPOSE_NO_SERVICES', `${label(mainFile)} has no services; nothing to check`, { file: label(mainFile), line: 1 }));
  } else if (!out.flink) {
    diagnostics.push(diag('COMPOSE_NO_FLINK', `${label(mainFile)}: no service runs Flink (${out.services.map((s) => s.name).join(', ') || 'no services'}); nothing to check`, { file: label(mainFile) }));
  } else if (out.processes.length > 0 || out.services.some((s) => s.flink && s.active && s.role !== null)) {
    for (const role of ['jobmanager', 'taskmanager'] as const) {
      if (!out.services.some((s) => s.flink && s.active && (s.role === role || s.role === 'both'))) {
        diagnostics.push(diag('ROLE_UNKNOWN', `${label(mainFile)}: no service runs a Flink ${role === 'jobmanager' ? 'JobManager' : 'TaskManager'} (by image and command)`, { file: label(mainFile) }));
      }
    }
  }
  // with high availability the TaskManagers find the leader through ZooKeeper or Kubernetes, not
  // through jobmanager.rpc.address
  const haServices = new Set(out.processes.filter((x) => x.role === 'taskmanager' && highAvailability(x.report.config)).map((x) => x.service));
  const kept = diagnostics.filter((d) => !(d.code === 'TASKMANAGER_RPC_ADDRESS_MISSING' && [...haServices].some((s) => d.message.startsWith(`taskmanager ${s} `))));
  out.diagnostics = dedupe([...kept, ...roleDiags]);
  return out;
}

function mountLabel(svc: ComposeService, file: string, label: (f: string) => string): string {
  const m = svc.confMounts.find((x) => x.file === file);
  return m && m.kind === 'bind' ? label(m.source) : `${svc.name}:${svc.confDir}/${file}`;
}

/**
 * Findings name the file the user edits: a mounted file the entrypoint left as it was by its host
 * path (its lines are the user's lines); anything else by its path in the container.
 */
function labelsFor(svc: ComposeService, det: FlinkDetection, before: Record<string, string>, after: Record<string, string>, label: (f: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  const dirMount = svc.confMounts.find((m) => m.file === null && m.kind === 'bind');
  for (const f of Object.keys(after)) {
    out[f] = `${svc.name}:${det.confDir}/${f}`;
    if (before[f] === undefined || before[f] !== after[f]) continue;
    const fileMount = svc.confMounts.find((m) => m.file === f && m.kind === 'bind');
    if (fileMount) out[f] = label(fileMount.source);
    else if (dirMount) out[f] = label(`${dirMount.source.replace(/\/+$/, '')}/${f}`);
  }
  return out;
}

/** What the detection decided, said in the findings so the text shows every assumption. */
function serviceNotes(svc: ComposeService, det: FlinkDetection, label: (f: string) => string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { file: label(svc.image?.file ?? svc.build?.file ?? svc.file), line: svc.image?.line ?? svc.build?.line ?? svc.line };
  const role = det.role === 'both' ? 'JobManager and TaskManager (start-cluster.sh)' : det.role === 'jobmanager' ? 'JobManager' : det.role === 'taskmanager' ? 'TaskManager' : null;
  out.push(diag('SERVICE_DETECTED', `service ${svc.name}: ${role ? `a Flink ${role}` : 'runs Flink but no JobManager or TaskManager'}${det.flinkVersion ? `, Flink ${det.flinkVersion}` : ''} — ${det.why}`, at));
  if (det.dockerfileUnread !== null && svc.build) {
    out.push(diag('DOCKERFILE_NOT_READ', `service ${svc.name}: its Dockerfile ${label(det.dockerfileUnread)} cannot be read, so the image it builds is ${det.image ? `taken as ${det.image.ref}` : 'unknown'}`, { file: label(svc.build.file), line: svc.build.line }));
  }
  if (det.family === 'assumed-official' && det.image) {
    out.push(diag('IMAGE_ASSUMED_OFFICIAL', `service ${svc.name}: ${det.image.ref} is modelled as the official flink image (same entrypoint and default configuration); flinkfit has not verified that it is built that way`, at));
  }
  if (det.approximate && det.role !== null) out.push(diag('IMAGE_LINE_OLD', `service ${svc.name}: ${det.approximate}`, at));
  if (det.versionFrom === 'latest' && det.image) {
    const latest = det.image.tag === 'latest' || det.image.tag === null;
    out.push(diag(latest ? 'IMAGE_LATEST' : 'IMAGE_NO_TAG', `service ${svc.name}: ${det.image.ref} runs whatever Flink release is newest when the image is pulled; assuming Flink ${det.line} (pin a version such as flink:${det.line})`, at));
  }
  if (det.family === 'bitnami') {
    out.push(diag('IMAGE_UNMODELLED', `service ${svc.name}: ${det.image?.ref} is Bitnami's image, whose scripts prepare the configuration their own way; only files mounted into ${det.confDir} are analysed`, at));
  }
  if (det.newerThanKnown) {
    out.push(diag('IMAGE_RELEASE_UNKNOWN', `service ${svc.name}: ${det.image?.ref} runs Flink ${det.flinkVersion}, newer than the releases flinkfit knows; its memory is not computed (pass --flink-version to read it as a line flinkfit models)`, at));
  } else if (det.flinkVersion !== null && det.line === null) {
    out.push(diag('IMAGE_LINE_UNSUPPORTED', `service ${svc.name}: ${det.image?.ref} runs Flink ${det.flinkVersion}, which flinkfit does not model (it models 1.18 and later, and 1.10–1.17 approximately); its memory is not computed`, at));
  }
  if (det.image && det.flinkVersion === null && det.line === null && det.family !== 'unmodelled') {
    out.push(diag('IMAGE_VERSION_UNKNOWN', `service ${svc.name}: the tag of ${det.image.ref} does not name a Flink version`, at));
  }
  if (svc.entrypoint !== null) {
    out.push(diag('ENTRYPOINT_OVERRIDDEN', `service ${svc.name} replaces the image's entrypoint, so docker-entrypoint.sh does not prepare the configuration`, { file: label(svc.entrypoint.file), line: svc.entrypoint.line }));
  }
  if (det.officialEntrypoint && svc.command === null && svc.entrypoint === null && det.family === 'official' && det.imageFrom === 'image') {
    out.push(diag('COMMAND_MISSING', `service ${svc.name} has no command; the flink image's default command only prints help and exits`, { file: label(svc.file), line: svc.line }));
  }
  if (det.role === 'taskmanager' && det.officialEntrypoint && svc.environment.JOB_MANAGER_RPC_ADDRESS === undefined && !/^\s*jobmanager\.rpc\.address\s*:/m.test(svc.flinkProperties?.value ?? '')) {
    out.push(
      diag('TASKMANAGER_RPC_ADDRESS_MISSING', `taskmanager ${svc.name} sets neither JOB_MANAGER_RPC_ADDRESS nor jobmanager.rpc.address in FLINK_PROPERTIES, so the entrypoint points it at its own hostname and it cannot find the jobmanager`, {
        file: label(svc.flinkProperties?.file ?? svc.file),
        line: svc.flinkProperties?.line ?? svc.line,
        key: 'jobmanager.rpc.address',
      }),
    );
  }
  return out;
}

/**
 * A mounted config file the image ignores still says what the user meant: judge it on the newest
 * Flink that reads it, so a config that would be refused anyway is not hidden behind the first error.
 */
function ignoredConfigVerdict(role: Role, svc: ComposeService, det: FlinkDetection, input: ComposeProjectInput, label: (f: string) => string): Diagnostic[] {
  if (det.line === null) return [];
  const reads = configFilesRead(det.line);
  const m = svc.confMounts.find((x) => (x.file === 'flink-conf.yaml' || x.file === 'config.yaml') && !reads.includes(x.file));
  if (!m || m.file === null) return [];
  const text = m.content ?? input.readMount(m.source, 'file');
  if (typeof text !== 'string') return [];
  const readsIt: FlinkLine = m.file === 'flink-conf.yaml' ? '1.20' : DEFAULT_FLINK_LINE;
  const r = analyzeRole(role, { files: { [m.file]: text }, line: readsIt, version: LATEST_PATCH[readsIt], labels: { [m.file]: label(m.source) } });
  const o = r.report.outcome;
  if (o === null || o.ok) return [];
  const fix = r.report.fix ? ` It would need ${r.report.fix.key}: ${r.report.fix.bytes / 1048576n}m or more.` : '';
  return [
    diag('IGNORED_CONFIG_REFUSED', `service ${svc.name}: ${m.written} is ignored by this image, and even Flink ${readsIt}, which reads it, would refuse its ${role === 'taskmanager' ? 'TaskManager' : 'JobManager'} settings: ${o.message}${fix}`, { file: label(m.from), line: m.line, role }),
  ];
}

function highAvailability(config: FlinkConfig | null): boolean {
  if (config === null) return false;
  for (const key of ['high-availability.type', 'high-availability']) {
    const v = config[key];
    if (v === undefined) continue;
    const t = valueText(v).trim().toLowerCase();
    return t !== '' && t !== 'none';
  }
  return false;
}
