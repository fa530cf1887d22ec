// flinkfit as a hook of the real pre-commit framework: a throw-away repository uses this checkout
// (at HEAD) as its hook repository; a commit of the seed's config is refused, a fitting one passes.
// Under CI the framework must be there (.ci/run installs it); locally a missing one skips loudly.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPreCommit, hookRepository, inCi, root } from './precommit-helpers.js';

const head = () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const sourceHook = (args: string) => `repos:\n  - repo: ${root}\n    rev: ${head()}\n    hooks:\n      - id: flinkfit\n        args: [${args}]\n`;

describe('pre-commit hook', () => {
  it.runIf(hasPreCommit || inCi)('refuses a commit of the seed config and accepts a fitting one', () => {
    expect(hasPreCommit, 'pre-commit must be installed under CI (.ci/run installs Debian\'s package)').toBe(true);
    const { write, commit, git } = hookRepository('flinkfit-precommit-', () => sourceHook("--preset, gcp-e2-micro, --flink-version, '1.20'"));

    write('flink-conf.yaml', readFileSync(join(root, 'examples/seed/flink-conf.yaml'), 'utf8'));
    const { status, out } = commit('seed config', 'flink-conf.yaml');
    expect(status, out).not.toBe(0);
    expect(out).toContain('flinkfit check');
    expect(out).toContain('TM_REFUSED');
    expect(out).toContain('JM_REFUSED');
    expect(out).toContain('BUDGET_EXCEEDED');
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);

    write('flink-conf.yaml', readFileSync(join(root, 'test/fixtures/fits-e2-micro/flink-conf.yaml'), 'utf8'));
    const accepted = commit('fitting config', 'flink-conf.yaml');
    expect(accepted.status, accepted.out).toBe(0);
    expect(accepted.out).toMatch(/flinkfit check\.+Passed/);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(2);
  }, 300_000);

  // The cases that once broke real repositories (issue 8): a second compose file, two config files in
  // different folders, a static site's config.yaml, and a mounted config changed on its own.
  it.runIf(hasPreCommit || inCi)('checks each deployment of a real-shaped repository on its own', () => {
    expect(hasPreCommit, 'pre-commit must be installed under CI').toBe(true);
    const { write, commit, git } = hookRepository('flinkfit-precommit-repo-', () => sourceHook('--preset, gcp-e2-medium'));

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
