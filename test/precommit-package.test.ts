// The published-package form of the pre-commit hook (README, "Pre-commit"): a `repo: local` hook of
// language node whose additional_dependencies install flinkfit from npm — here the packed tarball,
// as `flinkfit@X.Y.Z` would be — so the first run installs a built package instead of building
// from source. Run with the real framework; under CI it must be there (.ci/run installs it).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** The hook as the README documents it, with the dependency swapped for `dependency`. */
function readmeHook(dependency: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /```yaml\n(repos:\n  - repo: local\n[\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no `repo: local` pre-commit block');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  expect(block).toContain(`additional_dependencies: ['flinkfit@${version}']`);
  return block.replace(`flinkfit@${version}`, dependency);
}

describe('pre-commit hook from the published package', () => {
  it.runIf(hasPreCommit || inCi)('installs the package (no build) and refuses the seed config, accepts a fitting one', () => {
    expect(hasPreCommit, "pre-commit must be installed under CI (.ci/run installs Debian's package)").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'flinkfit-precommit-pkg-'));
    try {
      const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
      const tarball = join(dir, (JSON.parse(packed) as Array<{ filename: string }>)[0]!.filename);
      const env = { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1', npm_config_offline: 'true' };
      const repo = join(dir, 'repo');
      execFileSync('git', ['init', '-q', repo], { env });
      const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
      writeFileSync(join(repo, '.pre-commit-config.yaml'), readmeHook(tarball));
      expect(git('add', '.pre-commit-config.yaml').status).toBe(0);
      expect(git('commit', '-q', '-m', 'hook config').status).toBe(0);
      expect(spawnSync('pre-commit', ['install'], { cwd: repo, env }).status).toBe(0);

      copyFileSync(join(root, 'examples/seed/flink-conf.yaml'), join(repo, 'flink-conf.yaml'));
      git('add', 'flink-conf.yaml');
      const refused = git('commit', '-m', 'seed config');
      const out = refused.stdout + refused.stderr;
      expect(refused.status, out).not.toBe(0);
      expect(out).toContain('BUDGET_EXCEEDED');
      expect(out).toContain('TM_REFUSED');

      copyFileSync(join(root, 'test/fixtures/fits-e2-micro/flink-conf.yaml'), join(repo, 'flink-conf.yaml'));
      git('add', 'flink-conf.yaml');
      const accepted = git('commit', '-m', 'fitting config');
      expect(accepted.status, accepted.stdout + accepted.stderr).toBe(0);
      expect(accepted.stdout + accepted.stderr).toMatch(/flinkfit check\.+Passed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
