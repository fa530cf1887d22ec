// flinkfit as a hook of the real pre-commit framework: a throw-away repository uses this checkout
// (at HEAD) as its hook repository; a commit of the seed's config is refused, a fitting one passes.
// Under CI the framework must be there (.ci/run installs it); locally a missing one skips loudly.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
