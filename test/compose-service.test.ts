// A compose service as the project reader sees it: what readService takes from a loaded service
// (image, command, environment, mounts, replicas, limits, each with its line), which services run
// Flink and as which process (detect.ts: image or Dockerfile FROM, command or entrypoint, never the
// name), and how a service's conf directory reaches the entrypoint emulation. The loader's own
// behaviour (interpolation, env files, extends, include) is tested in compose-load*.test.ts.
import { NEWEST_PUBLISHED_LINE, newestPublishedImage } from '../src/core/images.js';
import { describe, expect, it } from 'vitest';
import { detectFlink, dockerfileBase, processOf, tagVersion } from '../src/core/compose/detect.js';
import { entrypointInputFor, serviceConfDir } from '../src/core/compose/mounts.js';
import { parseComposeBytes, parseVolumeSpec, shellWords } from '../src/core/compose/service.js';
import { applyEntrypoint } from '../src/core/docker/entrypoint.js';
import { imageFlinkLine, parseImageRef } from '../src/core/docker/image.js';
import { explainCompose, readCompose, type ReadServices } from '../src/core/project/single.js';

type Service = Extract<ReadServices, { ok: true }>['services'][number];

function services(r: ReadServices): Service[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.services;
}

function codes(r: ReadServices): string[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.diagnostics.map((d) => d.code).sort();
}

function byName(r: ReadServices, name: string): Service {
  const s = services(r).find((x) => x.name === name);
  if (!s) throw new Error(`no service ${name}`);
  return s;
}

/** The whole project reader on one compose text (Dockerfiles and mounted files from `files`). */
function explain(text: string, files: Record<string, string> = {}) {
  return explainCompose({ path: 'docker-compose.yml', text, files, read: (source) => files[source.replace(/^\.\//, '')] });
}

const SESSION = `
services:
  jobmanager:
    image: flink:1.20.1-scala_2.12-java17
    command: jobmanager
    ports: ["8081:8081"]
    environment:
      - |
        FLINK_PROPERTIES=
        jobmanager.rpc.address: jobmanager
        jobmanager.memory.process.size: 1600m
    volumes:
      - ./conf:/opt/flink/conf:ro
    mem_limit: 2g
  taskmanager:
    image: flink:1.20.1-scala_2.12-java17
    depends_on: [jobmanager]
    command: taskmanager
    scale: 2
    environment:
      JOB_MANAGER_RPC_ADDRESS: jobmanager
      TASK_MANAGER_NUMBER_OF_TASK_SLOTS: 2
    deploy:
      resources:
        limits:
          memory: 1.5G
`;

describe('readCompose', () => {
  it('reads image, process, environment, mounts, replicas and memory limits with their lines', () => {
    const r = readCompose(SESSION);
    const [jm, tm] = services(r);
    expect(jm!.name).toBe('jobmanager');
    expect(jm!.image).toMatchObject({ repository: 'flink', tag: '1.20.1-scala_2.12-java17', flinkLine: '1.20', flinkVersion: '1.20.1', line: 4 });
    expect(jm!.role).toBe('jobmanager');
    expect(jm!.command).toMatchObject({ value: ['jobmanager'], line: 5 });
    expect(jm!.flinkProperties).toMatchObject({
      value: '\njobmanager.rpc.address: jobmanager\njobmanager.memory.process.size: 1600m\n',
      line: 8,
      // the list item `- |` is on line 8; its text, "FLINK_PROPERTIES=" and the value's first line, on 9
      firstLine: 9,
    });
    expect(jm!.confMounts).toHaveLength(1);
    expect(jm!.confMounts[0]).toMatchObject({ kind: 'bind', source: './conf', target: '/opt/flink/conf', file: null, readOnly: true, line: 13 });
    expect(jm!.memLimit).toMatchObject({ value: 2n * 1024n ** 3n, text: '2g', line: 14, from: 'mem_limit' });
    expect(jm!.replicas).toBeNull();
    expect(tm!.role).toBe('taskmanager');
    expect(tm!.environment.TASK_MANAGER_NUMBER_OF_TASK_SLOTS).toMatchObject({ value: '2', line: 22 });
    expect(tm!.replicas).toMatchObject({ value: 2, line: 19, from: 'scale' });
    expect(tm!.memLimit).toMatchObject({ value: (3n * 1024n ** 3n) / 2n, text: '1.5G', from: 'deploy.resources.limits.memory', line: 26 });
    expect(codes(r)).toEqual([]);
  });

  it('names each service at the line of its name, as the project reader does', () => {
    const [jm, tm] = services(readCompose(SESSION));
    expect([jm!.line, tm!.line]).toEqual([3, 15]);
  });

  it('the project reader names each service at the line of its name', () => {
    expect(explain(SESSION).services.map((s) => [s.name, s.line])).toEqual([
      ['jobmanager', 3],
      ['taskmanager', 15],
    ]);
  });

  it('reads both forms of environment; KEY without a value comes from the shell or is left out', () => {
    const r = readCompose(
      `services:
  a:
    image: flink:2.1
    command: taskmanager
    environment:
      - JOB_MANAGER_RPC_ADDRESS=jm
      - EMPTY=
      - FROM_SHELL
      - NOT_IN_SHELL
  b:
    image: flink:2.1
    command: taskmanager
    environment:
      JOB_MANAGER_RPC_ADDRESS: jm
      FLAG: true
      N: 16
      FROM_SHELL:
`,
      { env: { FROM_SHELL: 'x' } },
    );
    const values = (s: Service) => Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, v.value]));
    expect(values(byName(r, 'a'))).toEqual({ JOB_MANAGER_RPC_ADDRESS: 'jm', EMPTY: '', FROM_SHELL: 'x' });
    expect(values(byName(r, 'b'))).toEqual({ JOB_MANAGER_RPC_ADDRESS: 'jm', FLAG: 'true', N: '16', FROM_SHELL: 'x' });
    expect(byName(r, 'a').environment.FROM_SHELL?.line).toBe(8);
  });

  it('infers the Flink line from the tag: latest or no tag is the newest line, old lines read as 1.18', () => {
    const text = `services:
  a: {image: flink, command: jobmanager}
  b: {image: "flink:latest", command: jobmanager}
  c: {image: "flink:scala_2.12-java17", command: jobmanager}
  d: {image: "apache/flink:1.19.3-scala_2.12-java11", command: jobmanager}
  e: {image: "registry.local:5000/mirror/flink:2.0", command: jobmanager}
  f: {image: "flink:1.17.2", command: jobmanager}
  g: {image: "flink:1.9.3", command: jobmanager}
  h: {image: "flink:2.2@sha256:abcd", command: jobmanager}
  i: {image: "flink@sha256:abcd", command: jobmanager}
`;
    const s = services(readCompose(text));
    // latest (or no tag) is the newest line with a published image
    const L = NEWEST_PUBLISHED_LINE;
    expect(s.map((x) => x.image?.flinkLine ?? null)).toEqual([L, L, L, '1.19', '2.0', '1.18', null, '2.2', null]);
    const V = newestPublishedImage(L);
    expect(s.map((x) => x.image?.flinkVersion ?? null)).toEqual([V, V, V, '1.19.3', '2.0', '1.17.2', '1.9.3', '2.2', null]);
    expect(s[4]!.image).toMatchObject({ repository: 'registry.local:5000/mirror/flink', tag: '2.0' });
    expect(s[7]!.image).toMatchObject({ tag: '2.2', digest: 'sha256:abcd' });
    // what the project reader says about each image, at the image's line
    const said = explain(text)
      .diagnostics.filter((d) => d.code.startsWith('IMAGE_'))
      .map((d) => `${d.line} ${d.code}`)
      .sort();
    expect(said).toEqual([
      '10 IMAGE_UNMODELLED',
      '10 IMAGE_VERSION_UNKNOWN',
      '2 IMAGE_LATEST',
      '3 IMAGE_LATEST',
      '4 IMAGE_NO_TAG',
      '6 IMAGE_ASSUMED_OFFICIAL',
      '7 IMAGE_LINE_OLD',
      '8 IMAGE_LINE_UNSUPPORTED',
    ]);
  });

  it('takes the process from the command only, never from the service name', () => {
    const text = `services:
  one: {image: "flink:2.2", command: ["standalone-job", "--job-classname", "com.example.Job"]}
  flink-jobmanager: {image: "flink:2.2"}
  tm-1: {image: "flink:2.2", command: "sh -c 'sleep 1'"}
  taskmanager: {image: "flink:2.2", command: help}
`;
    const r = readCompose(text);
    expect(services(r).map((x) => x.role)).toEqual(['standalone-job', null, null, null]);
    expect(byName(r, 'tm-1').command?.value).toEqual(['sh', '-c', 'sleep 1']);
    const e = explain(text);
    expect(e.services.map((x) => [x.name, x.role])).toEqual([
      ['one', 'jobmanager'],
      ['flink-jobmanager', null],
      ['tm-1', null],
      ['taskmanager', null],
    ]);
    // no command: the image prints its help; nothing runs a TaskManager, whatever the names say
    expect(e.diagnostics.filter((d) => d.code === 'COMMAND_MISSING').map((d) => d.line)).toEqual([3]);
    expect(e.diagnostics.filter((d) => d.code === 'ROLE_UNKNOWN').map((d) => d.message)).toEqual([expect.stringContaining('TaskManager')]);
    expect(e.processes.map((p) => [p.service, p.role])).toEqual([['one', 'jobmanager']]);
  });

  it('finds mounts of the conf directory and of single files, short and long syntax, and configs', () => {
    const r = readCompose(
      `services:
  jm:
    image: flink:1.19
    command: jobmanager
    volumes:
      - ./conf/flink-conf.yaml:/opt/flink/conf/flink-conf.yaml
      - type: bind
        source: ./log4j.properties
        target: /opt/flink/conf/log4j-console.properties
        read_only: true
      - flink-data:/opt/flink/data
      - ./usrlib:/opt/flink/usrlib:ro
    configs:
      - source: flinkconf
        target: /opt/flink/conf/config.yaml
volumes:
  flink-data: {}
configs:
  flinkconf:
    content: |
      taskmanager.memory.process.size: 2g
`,
    );
    const [jm] = services(r);
    expect(jm!.confMounts.map(({ kind, source, target, file, readOnly, line }) => ({ kind, source, target, file, readOnly, line }))).toEqual([
      { kind: 'bind', source: './conf/flink-conf.yaml', target: '/opt/flink/conf/flink-conf.yaml', file: 'flink-conf.yaml', readOnly: false, line: 6 },
      { kind: 'bind', source: './log4j.properties', target: '/opt/flink/conf/log4j-console.properties', file: 'log4j-console.properties', readOnly: true, line: 7 },
      { kind: 'config', source: 'flinkconf', target: '/opt/flink/conf/config.yaml', file: 'config.yaml', readOnly: true, line: 14 },
    ]);
    expect(jm!.confMounts[2]!.content).toBe('taskmanager.memory.process.size: 2g\n');
  });

  it('warns about a named volume over the conf directory and FLINK_CONF_DIR pointing elsewhere', () => {
    const r = readCompose(
      `services:
  jm:
    image: flink:2.0
    command: jobmanager
    environment:
      FLINK_CONF_DIR: /etc/flink
    volumes:
      - flinkconf:/opt/flink/conf
volumes:
  flinkconf:
`,
    );
    expect(codes(r)).toEqual(['CONF_VOLUME_NAMED', 'FLINK_CONF_DIR_SET']);
    if (r.ok) expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['FLINK_CONF_DIR_SET', 6],
      ['CONF_VOLUME_NAMED', 8],
    ]);
  });

  it('takes replicas and the memory limit from deploy, and reports a mem_limit that differs', () => {
    const r = readCompose(
      `services:
  tm:
    image: flink:2.0
    command: taskmanager
    environment: [JOB_MANAGER_RPC_ADDRESS=jm]
    scale: 2
    mem_limit: 1g
    deploy:
      replicas: 2
      resources: {limits: {memory: 2g}}
`,
    );
    const [tm] = services(r);
    expect(tm!.replicas).toMatchObject({ value: 2, line: 9, from: 'deploy.replicas' });
    expect(tm!.memLimit).toMatchObject({ value: 2n * 1024n ** 3n, line: 10, from: 'deploy.resources.limits.memory' });
    if (r.ok) expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['MEM_LIMIT_CONFLICT', 'error', 7]]);
  });

  it('refuses scale and deploy.replicas that differ, as Compose does', () => {
    const r = readCompose('services:\n  tm:\n    image: flink:2.0\n    command: taskmanager\n    scale: 3\n    deploy:\n      replicas: 2\n');
    // Compose's consistency check refuses the project; the service reader reports it as an error
    // where the loader lets it through
    const refused = !r.ok || r.diagnostics.some((d) => d.code === 'REPLICAS_CONFLICT' && d.severity === 'error' && d.line === 5);
    expect(refused).toBe(true);
  });

  it('refuses a memory limit Compose cannot read, naming the key and line', () => {
    const r = readCompose('services:\n  tm:\n    image: flink:2.0\n    command: taskmanager\n    mem_limit: 2 gigs\n');
    expect(byName(r, 'tm').memLimit).toBeNull();
    if (r.ok) expect(r.diagnostics).toMatchObject([{ code: 'COMPOSE_VALUE_INVALID', severity: 'error', line: 5, path: 'services.tm.mem_limit', service: 'tm' }]);
  });

  it('reads a service assembled from an anchor and a merge key', () => {
    const r = readCompose(
      `x-flink: &flink
  image: flink:1.18
  environment:
    JOB_MANAGER_RPC_ADDRESS: jm
services:
  tm:
    <<: *flink
    command: taskmanager
`,
    );
    const [tm] = services(r);
    expect(tm!.image?.flinkLine).toBe('1.18');
    expect(tm!.role).toBe('taskmanager');
    expect(tm!.environment.JOB_MANAGER_RPC_ADDRESS?.value).toBe('jm');
  });

  it('fails as Compose does on a project it refuses', () => {
    const r = readCompose('services:\n  jm:\n    image: [flink\n');
    expect(r.ok).toBe(false);
    const missing = readCompose('services:\n  jm:\n    command: jobmanager\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toContain('neither an image nor a build context');
  });
});

describe('compose building blocks', () => {
  it('parses Compose byte sizes like go-units RAMInBytes', () => {
    expect(parseComposeBytes('512m')).toBe(512n * 1024n ** 2n);
    expect(parseComposeBytes('1GiB')).toBe(1024n ** 3n);
    expect(parseComposeBytes('2 g')).toBe(2n * 1024n ** 3n);
    expect(parseComposeBytes('1073741824')).toBe(1073741824n);
    expect(parseComposeBytes('0.5k')).toBe(512n);
    expect(parseComposeBytes('1.2.3g')).toBeNull();
    expect(parseComposeBytes('2 gigs')).toBeNull();
  });

  it('splits volume specs', () => {
    expect(parseVolumeSpec('./conf:/opt/flink/conf:ro')).toEqual({ kind: 'bind', source: './conf', target: '/opt/flink/conf', readOnly: true });
    expect(parseVolumeSpec('conf:/opt/flink/conf:rw,z')).toEqual({ kind: 'volume', source: 'conf', target: '/opt/flink/conf', readOnly: false });
    expect(parseVolumeSpec('/opt/flink/conf')).toEqual({ kind: 'volume', source: '', target: '/opt/flink/conf', readOnly: false });
    expect(parseVolumeSpec('C:\\flink\\conf:/opt/flink/conf')).toMatchObject({ kind: 'bind', source: 'C:\\flink\\conf' });
    expect(parseVolumeSpec('a:b:c:d')).toBeNull();
  });

  it('splits command strings like a shell', () => {
    expect(shellWords(`standalone-job --job-classname "com.example.Job" -Dx='a b'`)).toEqual(['standalone-job', '--job-classname', 'com.example.Job', '-Dx=a b']);
    expect(shellWords(`bash -c "echo \\"hi\\" && jobmanager.sh start-foreground"`)).toEqual(['bash', '-c', 'echo "hi" && jobmanager.sh start-foreground']);
    expect(shellWords('a\\ b  c')).toEqual(['a b', 'c']);
  });

  it('reads image references and the line a tag names', () => {
    expect(parseImageRef('localhost:5000/flink')).toEqual({ ref: 'localhost:5000/flink', repository: 'localhost:5000/flink', tag: null, digest: null });
    expect(parseImageRef('ghcr.io/acme/flink:1.20@sha256:ff')).toEqual({ ref: 'ghcr.io/acme/flink:1.20@sha256:ff', repository: 'ghcr.io/acme/flink', tag: '1.20', digest: 'sha256:ff' });
    expect(imageFlinkLine(parseImageRef('flink:1.20-java11'))).toEqual({ kind: 'line', line: '1.20', version: null, fromTag: true });
    expect(imageFlinkLine(parseImageRef('flink:1.19.2-scala_2.12'))).toEqual({ kind: 'line', line: '1.19', version: '1.19.2', fromTag: true });
    expect(imageFlinkLine(parseImageRef('flink:1.9.3'))).toEqual({ kind: 'unsupported', version: '1.9.3', newer: false });
    expect(imageFlinkLine(parseImageRef('postgres:16'))).toEqual({ kind: 'unknown', reason: 'not-flink' });
  });
});

describe('from a service to the entrypoint', () => {
  const imageConf = { 'config.yaml': 'taskmanager:\n  memory:\n    process:\n      size: 1728m\n' };

  function prepare(compose: string, mounted: Record<string, Record<string, string> | string>) {
    const [svc] = services(readCompose(compose));
    const conf = serviceConfDir(svc!, { imageConf, read: (source) => mounted[source] });
    const input = entrypointInputFor(svc!, conf);
    if (input === null) throw new Error('no input');
    return { conf, result: applyEntrypoint(input) };
  }

  it('uses the image configuration when nothing is mounted', () => {
    const { result } = prepare('services:\n  jm:\n    image: flink:2.2\n    command: jobmanager\n    hostname: jm\n', {});
    expect(result.files['config.yaml']).toBe(
      "blob:\n  server:\n    port: '6124'\ntaskmanager:\n  memory:\n    process:\n      size: 1728m\njobmanager:\n  rpc:\n    address: jm\nquery:\n  server:\n    port: '6125'\n",
    );
  });

  it('cannot rewrite a read-only conf directory: FLINK_PROPERTIES is not applied', () => {
    const { conf, result } = prepare(
      `services:
  jm:
    image: flink:2.2
    command: jobmanager
    environment:
      FLINK_PROPERTIES: "taskmanager.memory.process.size: 4g"
    volumes: ["./conf:/opt/flink/conf:ro"]
`,
      { './conf': { 'config.yaml': 'taskmanager.memory.process.size: 2g\n' } },
    );
    expect(conf.diagnostics.map((d) => [d.code, d.line])).toEqual([['CONFIG_MOUNT_READONLY', 7]]);
    expect(result.files['config.yaml']).toBe('taskmanager.memory.process.size: 2g\n');
    expect(result.diagnostics.filter((d) => d.code === 'CONF_NOT_WRITABLE')).toHaveLength(2);
  });

  it('says a mounted directory it cannot read is unknown, instead of using the image defaults', () => {
    const [svc] = services(readCompose('services:\n  jm:\n    image: flink:2.2\n    command: jobmanager\n    volumes: ["./conf:/opt/flink/conf"]\n'));
    const conf = serviceConfDir(svc!, { imageConf, read: () => undefined });
    expect(conf.files).toEqual({});
    expect(conf.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['CONF_MOUNT_UNREADABLE', 'error', 5]]);
  });

  it('ignores a mounted flink-conf.yaml on 2.x: the image configuration runs', () => {
    const { conf, result } = prepare(
      `services:
  jm:
    image: flink:2.0
    command: jobmanager
    volumes: ["./flink-conf.yaml:/opt/flink/conf/flink-conf.yaml"]
`,
      { './flink-conf.yaml': 'taskmanager.memory.process.size: 4g\n' },
    );
    expect(conf.diagnostics.map((d) => d.code)).toEqual(['COMPOSE_CONFIG_IGNORED']);
    expect(result.files['flink-conf.yaml']).toBe('taskmanager.memory.process.size: 4g\n');
    expect(result.files['config.yaml']).toContain('size: 1728m');
  });

  it('1.18 on a single mounted file: appends work, sed and envsubst cannot replace the file', () => {
    const { conf, result } = prepare(
      `services:
  jm:
    image: flink:1.18
    command: jobmanager
    environment:
      FLINK_PROPERTIES: "taskmanager.memory.process.size: $$TM"
      TM: 3g
    volumes: ["./flink-conf.yaml:/opt/flink/conf/flink-conf.yaml"]
`,
      { './flink-conf.yaml': 'jobmanager.rpc.address: localhost\n' },
    );
    expect(conf.diagnostics.map((d) => d.code)).toEqual(['CONFIG_MOUNT_SINGLE_FILE']);
    expect(conf.diagnostics[0]!.message).toContain('sed -i and mv cannot replace a mounted file');
    expect(result.files['flink-conf.yaml']).toBe('jobmanager.rpc.address: localhost\nblob.server.port: 6124\nquery.server.port: 6125\ntaskmanager.memory.process.size: $TM\n');
    expect(result.diagnostics.find((d) => d.code === 'CONF_NOT_WRITABLE')?.message).toContain('jobmanager.rpc.address, environment variables');
  });

  it('reports keys lost when a shorter key replaces their map, and the conflict that breaks the file', () => {
    const run = (fp: string, extra = '') =>
      prepare(`services:\n  jm:\n    image: flink:2.2\n    command: jobmanager\n    environment:\n      FLINK_PROPERTIES: ${JSON.stringify(fp)}\n${extra}`, {}).result;
    // Flink's HashMap hands state.backend.incremental to the writer first; state.backend then
    // replaces the map built for it
    const dropped = run('state.backend.incremental: true\nstate.backend: rocksdb\n');
    expect(dropped.resultIsError).toBe(false);
    expect(dropped.diagnostics.filter((d) => d.code === 'PREFIX_KEY_DROPPED')).toMatchObject([{ key: 'state.backend.incremental', severity: 'warning' }]);
    expect(dropped.files['config.yaml']).toContain('state:\n  backend: rocksdb\n');
    // here state.backend comes first, and nesting state.backend.type under it fails
    const broken = run('state.backend: rocksdb\nstate.backend.type: hashmap\n');
    expect(broken.resultIsError).toBe(true);
    expect(broken.files['config.yaml']).toMatch(/^\[ERROR\] /);
    expect(broken.diagnostics.find((d) => d.code === 'PREFIX_KEY_CONFLICT')).toMatchObject({ key: 'state.backend.type', severity: 'error' });
    // nested YAML in FLINK_PROPERTIES: 'taskmanager' (empty) silently replaces the image's
    // taskmanager.memory.process.size, or breaks the file once another taskmanager.* key follows
    const nested = 'taskmanager:\n  memory:\n    process.size: 3g\n';
    const lost = run(nested);
    expect(lost.resultIsError).toBe(false);
    expect(lost.diagnostics.filter((d) => d.code === 'PREFIX_KEY_DROPPED').map((d) => d.key)).toEqual(['taskmanager.memory.process.size']);
    const failed = run(nested, '      TASK_MANAGER_NUMBER_OF_TASK_SLOTS: 2\n');
    expect(failed.resultIsError).toBe(true);
    expect(failed.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['FLINK_PROPERTIES_NESTED_YAML', 'PREFIX_KEY_CONFLICT']));
  });

  it('explains whitespace removal and comment lines in FLINK_PROPERTIES', () => {
    const { result } = prepare(
      `services:
  jm:
    image: flink:1.20
    command: jobmanager
    environment:
      FLINK_PROPERTIES: "# memory\\nenv.java.opts.all: -Xss1m -Dfoo=bar\\n"
`,
      {},
    );
    expect(result.diagnostics.filter((d) => d.source === 'FLINK_PROPERTIES').map((d) => [d.code, d.line])).toEqual([
      ['FLINK_PROPERTIES_COMMENT', 1],
      ['FLINK_PROPERTIES_WHITESPACE_REMOVED', 2],
    ]);
    expect(result.files['config.yaml']).toContain('all: -Xss1m-Dfoo=bar');
  });

  it('has nothing to hand the entrypoint when the Flink line is unknown', () => {
    const [svc] = services(readCompose('services:\n  jm:\n    image: flink:1.9.3\n    command: jobmanager\n'));
    expect(entrypointInputFor(svc!, serviceConfDir(svc!, { imageConf, read: () => undefined }))).toBeNull();
  });
});

describe('which services run Flink', () => {
  const DOCKERFILE = `# the job's dependencies on top of the official image
ARG FLINK_VERSION=1.19.1
ARG SCALA=2.12
FROM maven:3.9-eclipse-temurin-17 AS build
COPY pom.xml .
RUN mvn -q package
FROM flink:\${FLINK_VERSION}-scala_\${SCALA}-java17
COPY --from=build /target/job.jar /opt/flink/usrlib/job.jar
`;

  it('reads the base image of the last stage, with ARG defaults and build args substituted', () => {
    expect(dockerfileBase(DOCKERFILE, {})).toMatchObject({ image: 'flink:1.19.1-scala_2.12-java17', entrypoint: false, copiesConf: false });
    expect(dockerfileBase(DOCKERFILE, { FLINK_VERSION: '1.20.0' }).image).toBe('flink:1.20.0-scala_2.12-java17');
    // a stage built on an earlier one runs that one's base image
    expect(dockerfileBase('FROM apache/flink:2.0.0-java17 AS base\nRUN echo\nFROM base\nENTRYPOINT ["/start.sh"]\n', {})).toMatchObject({ image: 'apache/flink:2.0.0-java17', entrypoint: true });
    expect(dockerfileBase('FROM flink:1.20.1\nCOPY conf/config.yaml /opt/flink/conf/\n', {}).copiesConf).toBe(true);
    expect(dockerfileBase('# nothing here\n', {}).image).toBeNull();
  });

  it('follows a build: service to the FROM of its Dockerfile, with the build args of the compose file', () => {
    const text = `services:
  jobmanager:
    build:
      context: ./flink
      args:
        FLINK_VERSION: 1.20.0
    command: jobmanager
    environment: [JOB_MANAGER_RPC_ADDRESS=jobmanager]
  taskmanager:
    build: ./flink
    command: taskmanager
    environment: [JOB_MANAGER_RPC_ADDRESS=jobmanager]
`;
    const files = { 'flink/Dockerfile': DOCKERFILE };
    const [jm, tm] = services(readCompose(text)).map((s) => detectFlink(s, { read: (p) => (p.endsWith('/flink/Dockerfile') ? DOCKERFILE : undefined) }));
    expect(jm).toMatchObject({ flink: true, role: 'jobmanager', imageFrom: 'dockerfile', family: 'official', flinkVersion: '1.20.0', versionFrom: 'dockerfile', line: '1.20', officialEntrypoint: true, dockerfileUnread: null });
    expect(jm!.image?.ref).toBe('flink:1.20.0-scala_2.12-java17');
    expect(tm).toMatchObject({ flink: true, role: 'taskmanager', flinkVersion: '1.19.1', line: '1.19' });
    // and through the whole reader: both processes are computed on the release the build runs
    const e = explain(text, files);
    expect(e.processes.map((p) => [p.service, p.role, p.flinkVersion])).toEqual([
      ['jobmanager', 'jobmanager', '1.20.0'],
      ['taskmanager', 'taskmanager', '1.19.1'],
    ]);
    expect(e.diagnostics.filter((d) => d.code === 'DOCKERFILE_NOT_READ')).toEqual([]);
  });

  it('says when the Dockerfile of a build service cannot be read', () => {
    const [svc] = services(readCompose('services:\n  jm:\n    build: ./flink\n    command: ["/opt/flink/bin/jobmanager.sh", "start-foreground"]\n'));
    const det = detectFlink(svc!, { read: () => undefined });
    expect(det).toMatchObject({ flink: true, role: 'jobmanager', image: null, flinkVersion: null, line: null });
    expect(det.dockerfileUnread).toMatch(/\/flink\/Dockerfile$/);
  });

  it('reads the release of Confluent and Bitnami tags', () => {
    expect(tagVersion('1.20.0-cp1-java17')).toEqual({ version: '1.20.0', line: '1.20' });
    expect(tagVersion('1.18.1-debian-12-r5')).toEqual({ version: '1.18.1', line: '1.18' });
    expect(tagVersion('scala_2.12-java17')).toBe('latest');
    expect(tagVersion('main')).toBeNull();
    const r = readCompose(`services:
  cp:
    image: confluentinc/cp-flink:1.20.0-cp1-java17
    command: taskmanager
  bn:
    image: bitnami/flink:1.18.1-debian-12-r5
    command: taskmanager
`);
    const [cp, bn] = services(r).map((s) => detectFlink(s, { read: () => undefined }));
    expect(cp).toMatchObject({ flink: true, role: 'taskmanager', family: 'assumed-official', flinkVersion: '1.20.0', line: '1.20', officialEntrypoint: true, imageDefaultsKnown: true });
    // Bitnami's run.sh takes the entrypoint's words, but prepares its own conf directory
    expect(bn).toMatchObject({ flink: true, role: 'taskmanager', family: 'bitnami', flinkVersion: '1.18.1', officialEntrypoint: false, imageDefaultsKnown: false, confDir: '/opt/bitnami/flink/conf' });
  });

  it('finds the process in scripts a shell command or entrypoint starts', () => {
    const r = readCompose(`services:
  cluster:
    image: flink:1.20.1
    command: ["bash", "-c", "/opt/flink/bin/start-cluster.sh && tail -f /opt/flink/log/*"]
  jm:
    image: flink:1.20.1
    command: bash -c "cp /tmp/conf/* /opt/flink/conf/ && /opt/flink/bin/jobmanager.sh start-foreground"
  tm:
    image: flink:1.20.1
    entrypoint: ["/opt/flink/bin/taskmanager.sh"]
    command: ["start-foreground"]
`);
    expect(services(r).map((s) => s.role)).toEqual(['cluster', 'jobmanager', 'taskmanager']);
    const [cluster, jm, tm] = services(r).map((s) => detectFlink(s, { read: () => undefined }));
    expect(cluster).toMatchObject({ flink: true, role: 'both', process: 'cluster' });
    expect(jm).toMatchObject({ flink: true, role: 'jobmanager', process: 'jobmanager' });
    // its own entrypoint: docker-entrypoint.sh does not prepare the configuration
    expect(tm).toMatchObject({ flink: true, role: 'taskmanager', officialEntrypoint: false });
  });

  it('takes the entrypoint words only where the official entrypoint reads them', () => {
    expect(processOf(['jobmanager'], true)).toBe('jobmanager');
    expect(processOf(['jobmanager'], false)).toBeNull();
    expect(processOf(['standalone-job', '--job-classname', 'com.example.Job'], true)).toBe('standalone-job');
    expect(processOf(['history-server'], true)).toBe('history-server');
    expect(processOf(['/opt/flink/bin/taskmanager.sh', 'start-foreground'], false)).toBe('taskmanager');
    expect(processOf(['/opt/flink/bin/sql-gateway.sh', 'start-foreground'], false)).toBe('sql-gateway');
    expect(processOf(['bin/sql-client.sh'], true)).toBe('client');
    expect(processOf(['postgres', '-c', 'wal_level=logical'], false)).toBeNull();
  });

  it('finds no Flink in other images, whatever the services are called', () => {
    const text = `services:
  jobmanager:
    image: postgres:16
    command: ["postgres", "-c", "wal_level=logical"]
    mem_limit: 512m
  spark-worker-1:
    image: bitnami/spark:3.5
    environment:
      SPARK_MODE: worker
      SPARK_MASTER_URL: spark://spark-master:7077
  taskmanager:
    image: redis:7
`;
    const dets = services(readCompose(text)).map((s) => detectFlink(s, { read: () => undefined }));
    expect(dets.map((d) => [d.flink, d.role, d.family])).toEqual([
      [false, null, 'other'],
      [false, null, 'other'],
      [false, null, 'other'],
    ]);
    const e = explain(text);
    expect(e.flink).toBe(false);
    expect(e.diagnostics.map((d) => d.code)).toEqual(['COMPOSE_NO_FLINK']);
  });
});
