// Golden expectations for the loader fixtures that use Compose v2 features Compose v1 lacks (so the
// docker-compose cross-check cannot vouch for them): include, env_file path/required, `${VAR:+…}`,
// !reset/!override, env_file expansion from .env, trimmed COMPOSE_PROFILES, disabled dependencies.
// Each expectation follows the compose-go source or the Compose Specification section named.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadComposeProject, type LoadProjectOptions } from '../src/core/compose/load.js';
import { diskFs, service } from './compose-load-helpers.js';

const base = fileURLToPath(new URL('fixtures/compose-load/', import.meta.url));
const load = (fixture: string, file: string, opts: Partial<LoadProjectOptions> = {}) =>
  loadComposeProject({ files: [`${base}${fixture}/${file}`], autoOverride: true, env: { HOME: '/home/u' }, fs: diskFs, ...opts });

describe('compose-load fixtures (v2 behaviour)', () => {
  it('include: short and long form, own project directory and env file (include.md)', () => {
    const p = load('include', 'compose.yaml');
    expect(p.ok).toBe(true);
    // the including project's .env wins over the included directory's .env (compose-go types.Mapping.Merge)
    expect(service(p, 'jobmanager')).toMatchObject({ image: 'flink:1.20.1-from-root', volumes: [{ type: 'bind', source: `${base}include/flink/conf`, target: '/opt/flink/conf', read_only: true }] });
    // `- FLINK_TAG` resolves from the include's own .env (compose-go ResolveEnvironment per loaded model)
    expect(service(p, 'jobmanager').environment).toEqual({ FLINK_TAG: '1.20.1' });
    expect(service(p, 'kafka')).toMatchObject({ image: 'apache/kafka:3.7.0', mem_limit: '1g' });
    expect(p.composeFiles.map((f) => f.slice(base.length))).toEqual(['include/compose.yaml', 'include/flink/compose.yaml', 'include/kafka/compose.yaml']);
    expect(p.envFiles.filter((e) => e.used).map((e) => e.path.slice(base.length))).toEqual(['include/.env', 'include/flink/.env', 'include/kafka/kafka.env']);
  });

  it('env_file path/required: the optional missing file is a note (spec services.md env_file)', () => {
    const p = load('env-file-long-form', 'compose.yaml');
    expect(p.ok).toBe(true);
    expect(service(p, 'taskmanager').environment).toEqual({ FLINK_PROPERTIES: 'taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 4', TZ: 'UTC' });
    expect(p.diagnostics.map((d) => [d.code, d.line])).toEqual([['COMPOSE_ENV_FILE_SKIPPED', 9]]);
    const env = p.services[0]!.node.entries.get('environment')!.value;
    expect(env.kind === 'map' && env.entries.get('FLINK_PROPERTIES')!.value.loc).toEqual({ file: 'flink.env', line: 1 });
  });

  it('every interpolation form (compose-go template.go)', () => {
    const p = load('interpolation-forms', 'compose.yaml');
    expect(p.ok).toBe(true);
    expect(service(p, 'jobmanager')).toMatchObject({
      image: 'flink:1.20.1',
      mem_limit: '1600m',
      environment: { EMPTY_DASH: '', EMPTY_COLON_DASH: 'used', PLUS_EMPTY: 'set-but-empty', DOLLAR: '$HOME is literal', BARE: '1.20.1' },
    });
    const withRegistry = load('interpolation-forms', 'compose.yaml', { env: { REGISTRY: 'registry.example.com', JM_MEM: '2g' } });
    expect(service(withRegistry, 'jobmanager')).toMatchObject({ image: 'registry.example.com/flink:1.20.1', mem_limit: '2g' });
  });

  it('!reset and !override in the override file (merge.md)', () => {
    const p = load('reset-override-tags', 'compose.yaml');
    expect(p.ok).toBe(true);
    const s = service(p, 'taskmanager');
    expect(s.ports).toBeUndefined();
    expect(s.mem_limit).toBeUndefined();
    expect(s.environment).toEqual({ C: '3' });
  });

  it('.env quirks, and an env_file expanding a .env variable (compose-go dotenv, types/project.go)', () => {
    const p = load('dotenv-quirks', 'compose.yaml');
    expect(p.ok).toBe(true);
    expect(service(p, 'jobmanager')).toMatchObject({
      image: 'flink:1.18.1-java11',
      environment: {
        FROM_DOTENV: '1.18.1-java11',
        PLAIN: 'plain',
        MULTI: 'jobmanager.rpc.address: jobmanager\njobmanager.memory.process.size: 1600m',
        QUOTED: 'tab\there',
        SINGLE: 'no $FLINK_VERSION expansion',
        INLINE: 'value',
        EXPANDED: 'flink-1.18.1-java11',
        ESCAPED: 'cost $5',
      },
    });
  });

  it('COMPOSE_PROFILES from .env, trimmed (cli/options.go WithDefaultProfiles)', () => {
    const p = load('profiles', 'compose.yaml');
    expect(p.services.filter((s) => s.active).map((s) => s.name)).toEqual(['jobmanager', 'taskmanager', 'sql-client']);
    expect(load('profiles', 'compose.yaml', { profiles: ['debug'] }).services.filter((s) => s.active).map((s) => s.name)).toEqual(['jobmanager', 'debug']);
  });

  it('an enabled service depending on a disabled one is refused (loader/validate.go)', () => {
    const p = load('profiles-dependency', 'compose.yaml');
    expect(p.ok).toBe(false);
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_INVALID', service: 'jobmanager', line: 7 })]);
    expect(load('profiles-dependency', 'compose.yaml', { profiles: ['storage'] }).ok).toBe(true);
  });
});
