// flinkfit as a hook of the real pre-commit framework: a throw-away repository uses this checkout
// (at HEAD) as its hook repository; a commit of the seed's config is refused, a fitting one passes.
// Under CI the framework must be there (.ci/run installs it); locally a missing one skips loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

describe('pre-commit hook', () => {
  it.runIf(hasPreCommit || inCi)('refuses a commit of the seed config and accepts a fitting one', () => {
    expect(hasPreCommit, 'pre-commit must be installed under CI (.ci/run installs Debian\'s package)').toBe(true);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-precommit-'));
    const env = { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1' };
    const repo = join(dir, 'repo');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    execFileSync('git', ['init', '-q', repo], { env });
    writeFileSync(
      join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${root}\n    rev: ${head}\n    hooks:\n      - id: flinkfit\n        args: [--preset, gcp-e2-micro, --flink-version, '1.20']\n`,
    );
    expect(git('add', '.pre-commit-config.yaml').status).toBe(0);
    expect(git('commit', '-q', '-m', 'hook config').status).toBe(0);
    const install = spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);

    copyFileSync(join(root, 'examples/seed/flink-conf.yaml'), join(repo, 'flink-conf.yaml'));
    git('add', 'flink-conf.yaml');
    const refused = git('commit', '-m', 'seed config');
    const out = refused.stdout + refused.stderr;
    expect(refused.status, out).not.toBe(0);
    expect(out).toContain('flinkfit check');
    expect(out).toContain('TM_REFUSED');
    expect(out).toContain('JM_REFUSED');
    expect(out).toContain('BUDGET_EXCEEDED');
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);

    copyFileSync(join(root, 'test/fixtures/fits-e2-micro/flink-conf.yaml'), join(repo, 'flink-conf.yaml'));
    git('add', 'flink-conf.yaml');
    const accepted = git('commit', '-m', 'fitting config');
    expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
    expect(accepted.stdout + accepted.stderr).toMatch(/flinkfit check\.+Passed/);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(2);
  }, 300_000);

  // The cases that once broke real repositories (issue 8): a second compose file, two config files in
  // different folders, a static site's config.yaml, and a mounted config changed on its own.
  it.runIf(hasPreCommit || inCi)('checks each deployment of a real-shaped repository on its own', () => {
    expect(hasPreCommit, 'pre-commit must be installed under CI').toBe(true);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-precommit-repo-'));
    const env = { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1' };
    const repo = join(dir, 'repo');
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    };
    const commit = (msg: string, ...paths: string[]) => {
      expect(git('add', ...paths).status).toBe(0);
      const r = git('commit', '-m', msg);
      return { status: r.status, out: r.stdout + r.stderr };
    };
    execFileSync('git', ['init', '-q', repo], { env });
    write('.pre-commit-config.yaml', `repos:\n  - repo: ${root}\n    rev: ${head}\n    hooks:\n      - id: flinkfit\n        args: [--preset, gcp-e2-medium]\n`);
    expect(commit('hook config', '.pre-commit-config.yaml').status).toBe(0);
    expect(spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' }).status).toBe(0);

    const service = (role: string, size: string) =>
      `  ${role}:\n    image: flink:1.20.1-java17\n    command: ${role}\n    environment:\n      JOB_MANAGER_RPC_ADDRESS: jobmanager\n    volumes:\n      - ./conf:/opt/flink/conf\n    mem_limit: ${size}\n`;
    const fitting = 'jobmanager.memory.process.size: 1024m\ntaskmanager.memory.process.size: 1536m\ntaskmanager.memory.managed.fraction: 0\n';
    // a Flink stack, a second compose file with Kafka only, and a Hugo site: all staged at once
    write('docker-compose.yml', `services:\n${service('jobmanager', '1024m')}${service('taskmanager', '1536m')}`);
    write('conf/config.yaml', fitting);
    write('kafka/docker-compose.yml', 'services:\n  kafka:\n    image: apache/kafka:3.8.0\n    mem_limit: 512m\n');
    write('site/config.yaml', 'baseURL: https://example.org/\ntitle: Docs\nparams:\n  theme: dark\n');
    const first = commit('stack', 'docker-compose.yml', 'conf/config.yaml', 'kafka/docker-compose.yml', 'site/config.yaml');
    expect(first.out).not.toContain('at most one compose file');
    expect(first.out).not.toMatch(/TM_REFUSED|JM_REFUSED/);
    expect(first.status, first.out).toBe(0);

    // a change to the mounted config alone is checked through the compose file that mounts it
    write('conf/config.yaml', 'jobmanager.memory.process.size: 1024m\ntaskmanager.memory.process.size: 6g\n');
    const tooBig = commit('bigger taskmanager', 'conf/config.yaml');
    expect(tooBig.status, tooBig.out).not.toBe(0);
    expect(tooBig.out).toContain('CONTAINER_LIMIT_TOO_LOW');
    expect(tooBig.out).toContain('BUDGET_EXCEEDED');
    git('checkout', '--', 'conf/config.yaml');
    git('reset', '-q');

    // two flink-conf.yaml in different folders are two deployments: the refused one fails the commit
    write('a/flink-conf.yaml', readFileSync(join(root, 'examples/seed/flink-conf.yaml'), 'utf8'));
    write('b/flink-conf.yaml', 'jobmanager.memory.process.size: 1024m\ntaskmanager.memory.process.size: 1536m\n');
    const two = commit('two configs', 'a/flink-conf.yaml', 'b/flink-conf.yaml');
    expect(two.status, two.out).not.toBe(0);
    expect(two.out).toContain('TM_REFUSED');
    expect(two.out).toMatch(/a\/flink-conf\.yaml/);
    expect(two.out).not.toMatch(/b\/flink-conf\.yaml:\d+.*REFUSED/);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(2);
  }, 300_000);
});
