import { describe, expect, it } from 'vitest';
import {
  entrypointInputFor,
  interpolate,
  parseComposeBytes,
  parseVolumeSpec,
  readCompose,
  serviceConfDir,
  shellWords,
  type ComposeRead,
  type ComposeService,
} from '../src/core/docker/compose.js';
import { applyEntrypoint } from '../src/core/docker/entrypoint.js';
import { imageFlinkLine, parseImageRef } from '../src/core/docker/image.js';

function services(r: ComposeRead): ComposeService[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.services;
}

function codes(r: ComposeRead): string[] {
  return r.diagnostics.map((d) => d.code).sort();
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
  it('reads image, role, environment, mounts, replicas and memory limits with their lines', () => {
    const r = readCompose(SESSION);
    const [jm, tm] = services(r);
    expect(jm!.name).toBe('jobmanager');
    expect(jm!.line).toBe(3);
    expect(jm!.image).toMatchObject({ repository: 'flink', tag: '1.20.1-scala_2.12-java17', flinkLine: '1.20', flinkVersion: '1.20.1', line: 4 });
    expect(jm!.role).toBe('jobmanager');
    expect(jm!.roleFrom).toBe('command');
    expect(jm!.flinkProperties).toEqual({
      value: '\njobmanager.rpc.address: jobmanager\njobmanager.memory.process.size: 1600m\n',
      line: 8,
      // the list item `- |` is on line 8; its text, "FLINK_PROPERTIES=" and the value's first line, on 9
      firstLine: 9,
    });
    expect(jm!.confMounts).toEqual([
      { kind: 'bind', source: './conf', target: '/opt/flink/conf', file: null, readOnly: true, line: 13 },
    ]);
    expect(jm!.memLimit).toEqual({ value: 2n * 1024n ** 3n, text: '2g', line: 14, from: 'mem_limit' });
    expect(tm!.role).toBe('taskmanager');
    expect(tm!.environment.TASK_MANAGER_NUMBER_OF_TASK_SLOTS).toEqual({ value: '2', line: 22 });
    expect(tm!.replicas).toEqual({ value: 2, line: 19, from: 'scale' });
    expect(tm!.memLimit).toMatchObject({ value: (3n * 1024n ** 3n) / 2n, from: 'deploy.resources.limits.memory', line: 26 });
    expect(codes(r)).toEqual([]);
  });

  it('applies Compose interpolation first: $$, ${VAR}, ${VAR:-default}, $VAR, unset -> empty', () => {
    const r = readCompose(
      `services:
  jm:
    image: flink:\${FLINK_TAG:-2.2}
    command: jobmanager
    environment:
      A: "$$HOME and \${SLOTS}"
      B: $SLOTS-x
      C: \${MISSING}
      D: \${SLOTS:+set}\${NOPE-fallback}
`,
      { env: { SLOTS: '4' } },
    );
    const [jm] = services(r);
    expect(jm!.image?.flinkLine).toBe('2.2');
    expect(jm!.environment.A?.value).toBe('$HOME and 4');
    expect(jm!.environment.B?.value).toBe('4-x');
    expect(jm!.environment.C?.value).toBe('');
    expect(jm!.environment.D?.value).toBe('setfallback');
    const unset = r.diagnostics.find((d) => d.code === 'COMPOSE_VARIABLE_UNSET');
    expect(unset).toMatchObject({ line: 8, path: 'services.jm.environment.C', severity: 'warning' });
  });

  it('reports a required variable and a bad template as errors with file and line', () => {
    const req = readCompose('services:\n  jm:\n    image: flink:2.2\n    hostname: ${HOST:?set HOST}\n', { file: 'compose.yaml' });
    expect(req.ok).toBe(false);
    if (!req.ok) {
      expect(req.error).toMatchObject({ code: 'COMPOSE_VARIABLE_REQUIRED', file: 'compose.yaml', line: 4, path: 'services.jm.hostname' });
      expect(req.error.message).toContain('set HOST');
    }
    const bad = readCompose('services:\n  jm:\n    image: flink:${}\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'COMPOSE_INTERPOLATION_INVALID', line: 3 });
  });

  it('reports invalid YAML and a file without services', () => {
    const r = readCompose('services:\n  jm:\n    image: [flink\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('COMPOSE_YAML_INVALID');
    const n = readCompose('version: "3"\n');
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.error.code).toBe('COMPOSE_NO_SERVICES');
  });

  it('reads both forms of environment, and KEY without a value from the shell', () => {
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
    const [a, b] = services(r);
    expect(Object.fromEntries(Object.entries(a!.environment).map(([k, v]) => [k, v.value]))).toEqual({
      JOB_MANAGER_RPC_ADDRESS: 'jm',
      EMPTY: '',
      FROM_SHELL: 'x',
    });
    expect(Object.fromEntries(Object.entries(b!.environment).map(([k, v]) => [k, v.value]))).toEqual({
      JOB_MANAGER_RPC_ADDRESS: 'jm',
      FLAG: 'true',
      N: '16',
      FROM_SHELL: 'x',
    });
    expect(r.diagnostics.filter((d) => d.code === 'ENV_FROM_SHELL_UNSET')).toMatchObject([{ line: 9, service: 'a' }]);
  });

  it('infers the Flink line from the tag; latest or no tag means the newest line with a published image, with a warning', () => {
    const r = readCompose(
      `services:
  a: {image: flink, command: jobmanager}
  b: {image: "flink:latest", command: jobmanager}
  c: {image: "flink:scala_2.12-java17", command: jobmanager}
  d: {image: "apache/flink:1.19.3-scala_2.12-java11", command: jobmanager}
  e: {image: "registry.local:5000/mirror/flink:2.0", command: jobmanager}
  f: {image: "flink:1.17.2", command: jobmanager}
  g: {image: "bitnami/flink:3.1", command: jobmanager}
  h: {image: "flink:2.2@sha256:abcd", command: jobmanager}
`,
    );
    const s = services(r);
    expect(s.map((x) => x.image?.flinkLine ?? null)).toEqual(['2.2', '2.2', '2.2', '1.19', '2.0', null, null, '2.2']);
    expect(s[3]!.image?.flinkVersion).toBe('1.19.3');
    expect(s[4]!.image).toMatchObject({ repository: 'registry.local:5000/mirror/flink', tag: '2.0' });
    expect(s[7]!.image).toMatchObject({ tag: '2.2', digest: 'sha256:abcd' });
    expect(codes(r)).toEqual([
      'IMAGE_ASSUMED_OFFICIAL',
      'IMAGE_LATEST',
      'IMAGE_LATEST',
      'IMAGE_LINE_UNSUPPORTED',
      'IMAGE_NOT_FLINK',
      'IMAGE_NO_TAG',
    ]);
    expect(r.diagnostics.find((d) => d.code === 'IMAGE_LINE_UNSUPPORTED')).toMatchObject({ line: 7, service: 'f' });
  });

  it('takes the role from command, else from the service name', () => {
    const r = readCompose(
      `services:
  one: {image: "flink:2.2", command: ["standalone-job", "--job-classname", "com.example.Job"]}
  flink-jobmanager: {image: "flink:2.2"}
  tm-1: {image: "flink:2.2", command: "sh -c 'sleep 1'"}
  other: {image: "flink:2.2", command: help}
`,
    );
    const s = services(r);
    expect(s.map((x) => [x.role, x.roleFrom])).toEqual([
      ['standalone-job', 'command'],
      ['jobmanager', 'name'],
      ['taskmanager', 'name'],
      [null, null],
    ]);
    expect(s[2]!.command?.value).toEqual(['sh', '-c', 'sleep 1']);
    expect(codes(r)).toEqual(['COMMAND_MISSING', 'ROLE_FROM_NAME', 'ROLE_FROM_NAME', 'ROLE_UNKNOWN', 'TASKMANAGER_RPC_ADDRESS_MISSING']);
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
configs:
  flinkconf:
    content: |
      taskmanager.memory.process.size: 2g
`,
    );
    const [jm] = services(r);
    expect(jm!.confMounts).toEqual([
      { kind: 'bind', source: './conf/flink-conf.yaml', target: '/opt/flink/conf/flink-conf.yaml', file: 'flink-conf.yaml', readOnly: false, line: 6 },
      { kind: 'bind', source: './log4j.properties', target: '/opt/flink/conf/log4j-console.properties', file: 'log4j-console.properties', readOnly: true, line: 7 },
      { kind: 'config', source: 'flinkconf', target: '/opt/flink/conf/config.yaml', file: 'config.yaml', readOnly: true, line: 14, content: 'taskmanager.memory.process.size: 2g\n' },
    ]);
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
`,
    );
    expect(codes(r)).toEqual(['CONF_VOLUME_NAMED', 'FLINK_CONF_DIR_SET']);
  });

  it('reports conflicting replicas and memory limits', () => {
    const r = readCompose(
      `services:
  tm:
    image: flink:2.0
    command: taskmanager
    environment: [JOB_MANAGER_RPC_ADDRESS=jm]
    scale: 3
    mem_limit: 1g
    deploy:
      replicas: 2
      resources: {limits: {memory: 2g}}
`,
    );
    const [tm] = services(r);
    expect(tm!.replicas).toEqual({ value: 2, line: 9, from: 'deploy.replicas' });
    expect(tm!.memLimit?.value).toBe(2n * 1024n ** 3n);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['REPLICAS_CONFLICT', 'error', 6],
      ['MEM_LIMIT_CONFLICT', 'error', 7],
    ]);
  });

  it('refuses a memory limit Compose cannot read, naming the key and line', () => {
    const r = readCompose('services:\n  tm:\n    image: flink:2.0\n    command: taskmanager\n    mem_limit: 2 gigs\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'COMPOSE_VALUE_INVALID', line: 5, path: 'services.tm.mem_limit' });
  });

  it('resolves anchors and merge keys', () => {
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
    expect(tm!.environment.JOB_MANAGER_RPC_ADDRESS?.value).toBe('jm');
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
  });

  it('interpolates nested defaults and keeps a lone $', () => {
    expect(interpolate('${A:-${B:-x}}', {})).toEqual({ ok: true, value: 'x', unset: [] });
    expect(interpolate('${A-x}', { A: '' })).toEqual({ ok: true, value: '', unset: [] });
    expect(interpolate('${A:-x}', { A: '' })).toEqual({ ok: true, value: 'x', unset: [] });
    expect(interpolate('cost: 5$ $1', {})).toEqual({ ok: true, value: 'cost: 5$ $1', unset: [] });
  });

  it('splits command strings like a shell', () => {
    expect(shellWords(`standalone-job --job-classname "com.example.Job" -Dx='a b'`)).toEqual([
      'standalone-job',
      '--job-classname',
      'com.example.Job',
      '-Dx=a b',
    ]);
  });

  it('reads image references', () => {
    expect(parseImageRef('localhost:5000/flink')).toEqual({ ref: 'localhost:5000/flink', repository: 'localhost:5000/flink', tag: null, digest: null });
    expect(imageFlinkLine(parseImageRef('flink:1.20-java11'))).toEqual({ kind: 'line', line: '1.20', version: null, fromTag: true });
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
    const { result } = prepare(
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
    expect(result.files['config.yaml']).toBe('taskmanager.memory.process.size: 2g\n');
    expect(result.diagnostics.filter((d) => d.code === 'CONF_NOT_WRITABLE')).toHaveLength(2);
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
    expect(conf.diagnostics.map((d) => d.code)).toEqual(['CONFIG_MOUNT_SINGLE_FILE', 'COMPOSE_CONFIG_IGNORED']);
    expect(result.files['flink-conf.yaml']).toBe('taskmanager.memory.process.size: 4g\n');
    expect(result.files['config.yaml']).toContain('size: 1728m');
  });

  it('1.18 on a single mounted file: appends work, sed and envsubst cannot replace the file', () => {
    const { result } = prepare(
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
    expect(result.files['flink-conf.yaml']).toBe(
      'jobmanager.rpc.address: localhost\nblob.server.port: 6124\nquery.server.port: 6125\ntaskmanager.memory.process.size: $TM\n',
    );
    expect(result.diagnostics.find((d) => d.code === 'CONF_NOT_WRITABLE')?.message).toContain('jobmanager.rpc.address, environment variables');
  });

  it('reports keys lost when a shorter key replaces their map, and the conflict that breaks the file', () => {
    const run = (fp: string, extra = '') =>
      prepare(
        `services:\n  jm:\n    image: flink:2.2\n    command: jobmanager\n    environment:\n      FLINK_PROPERTIES: ${JSON.stringify(fp)}\n${extra}`,
        {},
      ).result;
    // Flink's HashMap hands state.backend.incremental to the writer first; state.backend then
    // replaces the map built for it
    const dropped = run('state.backend.incremental: true\nstate.backend: rocksdb\n');
    expect(dropped.resultIsError).toBe(false);
    expect(dropped.diagnostics.filter((d) => d.code === 'PREFIX_KEY_DROPPED')).toMatchObject([
      { key: 'state.backend.incremental', severity: 'warning' },
    ]);
    expect(dropped.files['config.yaml']).toContain('state:\n  backend: rocksdb\n');
    // here state.backend comes first, and nesting state.backend.type under it fails
    const broken = run('state.backend: rocksdb\nstate.backend.type: hashmap\n');
    expect(broken.resultIsError).toBe(true);
    expect(broken.files['config.yaml']).toMatch(/^\[ERROR\] /);
    expect(broken.diagnostics.find((d) => d.code === 'PREFIX_KEY_CONFLICT')).toMatchObject({
      key: 'state.backend.type',
      severity: 'error',
    });
    // nested YAML in FLINK_PROPERTIES: 'taskmanager' (empty) silently replaces the image's
    // taskmanager.memory.process.size, or breaks the file once another taskmanager.* key follows
    const nested = 'taskmanager:\n  memory:\n    process.size: 3g\n';
    const lost = run(nested);
    expect(lost.resultIsError).toBe(false);
    expect(lost.diagnostics.filter((d) => d.code === 'PREFIX_KEY_DROPPED').map((d) => d.key)).toEqual([
      'taskmanager.memory.process.size',
    ]);
    const failed = run(nested, '      TASK_MANAGER_NUMBER_OF_TASK_SLOTS: 2\n');
    expect(failed.resultIsError).toBe(true);
    expect(failed.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['FLINK_PROPERTIES_NESTED_YAML', 'PREFIX_KEY_CONFLICT']),
    );
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
});
