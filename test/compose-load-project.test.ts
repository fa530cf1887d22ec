// A Compose project as a whole: override files, the Compose Specification's merge rules (merge.md,
// compose-go override/merge.go + override/uncity.go), env_file (compose-go types/project.go
// WithServicesEnvironmentResolved), extends (extends.md, compose-go loader/extends.go), include
// (include.md, compose-go loader/include.go) and profiles (profiles.md, cli/options.go).
import { describe, expect, it } from 'vitest';
import { OVERRIDE_FILE_NAMES } from '../src/core/compose/load.js';
import { codes, loadMemory, service } from './compose-load-helpers.js';

const main = '/p/compose.yaml';

describe('override files', () => {
  it('adds the override file Compose would, in its order of preference, and warns when there are several', () => {
    expect(OVERRIDE_FILE_NAMES).toEqual(['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml']);
    const files = {
      [main]: 'services:\n  app:\n    image: base\n',
      '/p/compose.override.yaml': 'services:\n  app:\n    image: from-yaml\n',
      '/p/docker-compose.override.yml': 'services:\n  app:\n    image: from-docker-yml\n',
    };
    const p = loadMemory(files, { files: [main], autoOverride: true });
    expect(service(p, 'app').image).toBe('from-yaml');
    expect(p.composeFiles).toEqual([main, '/p/compose.override.yaml']);
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_OVERRIDE_MULTIPLE', severity: 'warning' })]);
    // an explicit -f list gets no override file
    expect(service(loadMemory(files, { files: [main] }), 'app').image).toBe('base');
  });
});

describe('merge rules', () => {
  const merged = (over: string, base = BASE) => service(loadMemory({ [main]: base, '/p/o.yaml': over }, { files: [main, '/p/o.yaml'] }), 'app');
  const BASE = `services:
  app:
    image: flink:1.18
    command: [jobmanager, "-D", "a=b"]
    environment: [A=1, B=2]
    labels: {l1: x}
    ports: ["8081:8081"]
    volumes:
      - ./conf:/opt/flink/conf
      - data:/data
    build: ./ctx
    deploy: {resources: {limits: {memory: 1g, cpus: "1"}}}
`;

  it('mappings merge, scalars are replaced, environment merges by key', () => {
    const s = merged('services:\n  app:\n    image: flink:1.19\n    environment:\n      B: "3"\n      C: "4"\n    deploy: {resources: {limits: {memory: 2g}}}\n');
    expect(s.image).toBe('flink:1.19');
    expect(s.environment).toEqual({ A: '1', B: '3', C: '4' });
    expect(s.deploy).toEqual({ resources: { limits: { memory: '2g', cpus: '1' } } });
  });

  it('command and entrypoint are replaced, never appended', () => {
    expect(merged('services:\n  app:\n    command: taskmanager\n').command).toBe('taskmanager');
  });

  it('ports are appended; volumes merge by target', () => {
    const s = merged('services:\n  app:\n    ports: ["9249:9249"]\n    volumes:\n      - ./other-conf:/opt/flink/conf:ro\n');
    expect(s.ports).toEqual(['8081:8081', '9249:9249']);
    expect(s.volumes).toEqual([
      { type: 'bind', source: '/p/other-conf', target: '/opt/flink/conf', read_only: true },
      { type: 'volume', source: 'data', target: '/data' },
    ]);
  });

  it('labels given as a list merge with a mapping by key', () => {
    expect(merged('services:\n  app:\n    labels: [l1=y, l2=z]\n').labels).toEqual(['l1=y', 'l2=z']);
  });

  it('build: path merges as build: {context: path}', () => {
    expect(merged('services:\n  app:\n    build: {dockerfile: Dockerfile.flink}\n').build).toEqual({ context: '/p/ctx', dockerfile: 'Dockerfile.flink' });
  });

  it('depends_on and networks lists merge as mappings; logging with another driver is replaced; extra_hosts once each (override/merge.go)', () => {
    const base = 'services:\n  app:\n    image: x\n    depends_on: [db]\n    networks: [front]\n    logging: {driver: json-file, options: {max-size: 1m}}\n    extra_hosts: ["a:1.1.1.1"]\n';
    const s = merged('services:\n  app:\n    depends_on: {cache: {condition: service_healthy}}\n    networks: [back]\n    logging: {driver: syslog}\n    extra_hosts: ["a:1.1.1.1", "b:2.2.2.2"]\n', base);
    expect(s.depends_on).toEqual({ db: null, cache: { condition: 'service_healthy' } });
    expect(s.networks).toEqual({ front: null, back: null });
    expect(s.logging).toEqual({ driver: 'syslog' });
    expect(s.extra_hosts).toEqual(['a:1.1.1.1', 'b:2.2.2.2']);
    expect(merged('services:\n  app:\n    logging: {options: {max-file: "3"}}\n', base).logging).toEqual({ driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3' } });
  });

  it('!reset removes and !override replaces what earlier files set', () => {
    const s = merged('services:\n  app:\n    ports: !reset []\n    environment: !override\n      Z: "1"\n    labels: !reset {}\n');
    expect(s.ports).toBeUndefined();
    expect(s.labels).toBeUndefined();
    expect(s.environment).toEqual({ Z: '1' });
  });

  it('a mapping replaced by a list is refused as Compose refuses it', () => {
    const p = loadMemory({ [main]: BASE, '/p/o.yaml': 'services:\n  app:\n    deploy: [x]\n' }, { files: [main, '/p/o.yaml'] });
    expect(p.ok).toBe(false);
    expect(codes(p)).toEqual(['COMPOSE_INVALID']);
  });
});

describe('environment and env_file', () => {
  it('list and mapping forms become one mapping; `K` takes the interpolation environment or is dropped', () => {
    const p = loadMemory({ [main]: 'services:\n  app:\n    image: x\n    environment:\n      - A=1=2\n      - FROM_DOTENV\n      - UNSET\n      - EMPTY=\n', '/p/.env': 'FROM_DOTENV=d\n' }, { files: [main] });
    expect(service(p, 'app').environment).toEqual({ A: '1=2', FROM_DOTENV: 'd', EMPTY: '' });
  });

  it('env_file values sit beneath environment, later files win, each value keeps its line', () => {
    const p = loadMemory(
      {
        [main]: 'services:\n  app:\n    image: x\n    env_file: [a.env, {path: b.env, required: true}]\n    environment:\n      OWN: own\n      SHARED: from-environment\n',
        '/p/a.env': 'SHARED=a\nONLY_A=a\nBOTH=a\n',
        '/p/b.env': '# b\nBOTH=b\nREF=${ONLY_A}-${OWN}\n',
      },
      { files: [main] },
    );
    const s = p.services[0]!;
    expect(service(p, 'app').environment).toEqual({ SHARED: 'from-environment', ONLY_A: 'a', BOTH: 'b', REF: 'a-own', OWN: 'own' });
    const both = s.node.entries.get('environment');
    expect(both?.value.kind === 'map' && both.value.entries.get('BOTH')?.value.loc).toEqual({ file: 'b.env', line: 2 });
    expect(p.envFiles).toEqual([
      { path: '/p/.env', used: false, why: 'not found' },
      { path: '/p/a.env', used: true },
      { path: '/p/b.env', used: true },
    ]);
  });

  it('a missing required env_file is an error; `required: false` only a note', () => {
    const p = loadMemory({ [main]: 'services:\n  app:\n    image: x\n    env_file:\n      - path: opt.env\n        required: false\n      - req.env\n' }, { files: [main] });
    expect(p.ok).toBe(false);
    expect(p.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['COMPOSE_ENV_FILE_SKIPPED', 'info', 5],
      ['COMPOSE_ENV_FILE_MISSING', 'error', 7],
    ]);
    expect(p.envFiles.map((e) => [e.path, e.used])).toEqual([
      ['/p/.env', false],
      ['/p/opt.env', false],
      ['/p/req.env', false],
    ]);
  });

  it('--env-file replaces .env; a missing one is an error', () => {
    const files = { [main]: 'services:\n  app:\n    image: flink:${V}\n', '/p/.env': 'V=dotenv\n', '/p/prod.env': 'V=prod\n' };
    expect(service(loadMemory(files, { files: [main], envFiles: ['/p/prod.env'] }), 'app').image).toBe('flink:prod');
    const missing = loadMemory(files, { files: [main], envFiles: ['/p/nope.env'] });
    expect(missing.ok).toBe(false);
    expect(codes(missing)).toEqual(['COMPOSE_ENV_FILE_MISSING']);
  });
});

describe('extends', () => {
  it('extends a service of the same file and of another file, whose paths resolve against its own directory', () => {
    const p = loadMemory(
      {
        [main]: `services:
  base:
    image: flink:1.20
    environment: {A: "1"}
  tm:
    extends: base
    command: taskmanager
    environment: {B: "2"}
  jm:
    extends: {file: common/flink.yaml, service: flink}
    command: jobmanager
`,
        '/p/common/flink.yaml': 'services:\n  flink:\n    image: flink:${TAG:-1.19}\n    volumes: [./conf:/opt/flink/conf]\n    env_file: flink.env\n',
        '/p/common/flink.env': 'FROM_COMMON=1\n',
      },
      { files: [main] },
    );
    expect(p.ok).toBe(true);
    expect(service(p, 'tm')).toEqual({ image: 'flink:1.20', environment: { A: '1', B: '2' }, command: 'taskmanager' });
    expect(service(p, 'jm')).toMatchObject({
      image: 'flink:1.19',
      command: 'jobmanager',
      volumes: [{ type: 'bind', source: '/p/common/conf', target: '/opt/flink/conf' }],
      environment: { FROM_COMMON: '1' },
    });
    expect(p.composeFiles).toEqual([main, '/p/common/flink.yaml']);
  });

  it('a service that extends itself, or an unknown service, is refused', () => {
    expect(codes(loadMemory({ [main]: 'services:\n  a:\n    image: x\n    extends: a\n' }, { files: [main] }))).toEqual(['COMPOSE_INVALID']);
    expect(codes(loadMemory({ [main]: 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n' }, { files: [main] }))).toEqual(['COMPOSE_INVALID']);
    expect(codes(loadMemory({ [main]: 'services:\n  a:\n    extends: nope\n' }, { files: [main] }))).toEqual(['COMPOSE_INVALID']);
  });
});

describe('include', () => {
  it('imports services with their own directory and env file; the including project\'s variables win', () => {
    const p = loadMemory(
      {
        [main]: 'include:\n  - flink/compose.yaml\n  - path: kafka/compose.yaml\n    project_directory: kafka\n    env_file: kafka/kafka.env\nservices:\n  app:\n    image: app:${SHARED}\n',
        '/p/.env': 'SHARED=from-root\n',
        '/p/flink/compose.yaml': 'services:\n  jobmanager:\n    image: flink:${FLINK_TAG}-${SHARED}\n    volumes: [./conf:/opt/flink/conf]\n',
        '/p/flink/.env': 'FLINK_TAG=1.20\nSHARED=from-flink\n',
        '/p/kafka/compose.yaml': 'services:\n  kafka:\n    image: kafka:${KAFKA_TAG}\n',
        '/p/kafka/kafka.env': 'KAFKA_TAG=3.7\n',
      },
      { files: [main] },
    );
    expect(p.diagnostics).toEqual([]);
    expect(service(p, 'jobmanager')).toEqual({ image: 'flink:1.20-from-root', volumes: [{ type: 'bind', source: '/p/flink/conf', target: '/opt/flink/conf' }] });
    expect(service(p, 'kafka').image).toBe('kafka:3.7');
    expect(service(p, 'app').image).toBe('app:from-root');
    expect(p.composeFiles).toEqual([main, '/p/flink/compose.yaml', '/p/kafka/compose.yaml']);
  });

  it('a diamond of includes that would read thousands of files stops with COMPOSE_TOO_LARGE', () => {
    const files: Record<string, string> = { [main]: 'include: [l1.yaml, l1.yaml]\nservices: {}\n' };
    for (let i = 1; i < 12; i++) files[`/p/l${i}.yaml`] = `include: [l${i + 1}.yaml, l${i + 1}.yaml]\n`;
    files['/p/l12.yaml'] = 'services:\n  leaf:\n    image: x\n';
    const p = loadMemory(files, { files: [main] });
    expect(p.ok).toBe(false);
    expect(codes(p)).toEqual(['COMPOSE_TOO_LARGE']);
  });

  it('an include cycle is refused', () => {
    const p = loadMemory({ [main]: 'include: [b.yaml]\nservices: {}\n', '/p/b.yaml': 'include: [compose.yaml]\n' }, { files: [main] });
    expect(p.ok).toBe(false);
    expect(codes(p)).toEqual(['COMPOSE_INVALID']);
  });
});

describe('profiles', () => {
  const files = { [main]: 'services:\n  jm:\n    image: flink\n  debug:\n    image: flink\n    profiles: [debug]\n  tools:\n    image: t\n    profiles: [tools, ops]\n' };
  const active = (p: ReturnType<typeof loadMemory>) => p.services.filter((s) => s.active).map((s) => s.name);

  it('services without profiles are always active; others only with a matching profile', () => {
    expect(active(loadMemory(files, { files: [main] }))).toEqual(['jm']);
    expect(active(loadMemory(files, { files: [main], profiles: ['ops'] }))).toEqual(['jm', 'tools']);
    expect(active(loadMemory(files, { files: [main], profiles: ['*'] }))).toEqual(['jm', 'debug', 'tools']);
  });

  it('COMPOSE_PROFILES (shell or .env) applies when no --profile is given', () => {
    expect(active(loadMemory({ ...files, '/p/.env': 'COMPOSE_PROFILES=debug, tools\n' }, { files: [main] }))).toEqual(['jm', 'debug', 'tools']);
    expect(active(loadMemory(files, { files: [main], env: { COMPOSE_PROFILES: 'debug' }, profiles: ['ops'] }))).toEqual(['jm', 'tools']);
  });
});

describe('Compose refusals', () => {
  it('a service with neither image nor build', () => {
    const p = loadMemory({ [main]: 'services:\n  a:\n    command: x\n' }, { files: [main] });
    expect(p.ok).toBe(false);
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_INVALID', service: 'a', line: 2 })]);
  });

  it('undeclared named volumes, networks, configs and secrets on enabled services (compose-go loader/validate.go)', () => {
    const svc = (extra: string) => loadMemory({ [main]: `services:\n  a:\n    image: x\n${extra}` }, { files: [main] });
    for (const extra of ['    volumes: [data:/data]\n', '    networks: [back]\n', '    configs: [conf]\n', '    secrets: [pw]\n', '    depends_on: [nope]\n']) {
      expect(codes(svc(extra)), extra).toEqual(['COMPOSE_INVALID']);
    }
    // declared, anonymous, bind and the default network are fine; a disabled service is not checked
    const ok = loadMemory({ [main]: 'services:\n  a:\n    image: x\n    volumes: [data:/data, /anon, ./b:/b]\n    networks: [default]\n  off:\n    profiles: [p]\n    volumes: [nope:/x]\nvolumes:\n  data:\n' }, { files: [main] });
    expect(ok.diagnostics).toEqual([]);
  });

  it('build defaults, args without a value, path resolution: `~` from HOME, URLs kept (compose-go loader/normalize.go, paths/)', () => {
    const p = loadMemory({ [main]: 'services:\n  a:\n    build: {args: [V=1, W, UNSET_ARG]}\n    volumes: [~/conf:/c, ../up:/u]\n  b:\n    build: https://github.com/x/y.git#main\n' }, { files: [main], env: { HOME: '/home/me', W: 'w' } });
    expect(service(p, 'a')).toMatchObject({
      build: { args: { V: '1', W: 'w' }, context: '/p', dockerfile: 'Dockerfile' },
      volumes: [
        { type: 'bind', source: '/home/me/conf', target: '/c' },
        { type: 'bind', source: '/up', target: '/u' },
      ],
    });
    expect(service(p, 'a').build).toEqual({ args: { V: '1', W: 'w' }, context: '/p', dockerfile: 'Dockerfile' });
    expect(service(p, 'b').build).toEqual({ context: 'https://github.com/x/y.git#main', dockerfile: 'Dockerfile' });
  });

  it('a missing compose file, and never a throw', () => {
    const p = loadMemory({}, { files: ['/p/nope.yaml'] });
    expect(p.ok).toBe(false);
    expect(codes(p)).toEqual(['COMPOSE_FILE_MISSING']);
  });
});
