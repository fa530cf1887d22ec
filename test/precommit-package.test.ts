// The published-package form of the pre-commit hook (README, "Pre-commit"): a `repo: local` hook of
// language node whose additional_dependencies install flinkfit from npm — here the packed tarball,
// as `flinkfit@X.Y.Z` would be — so the first run installs a built package instead of building
// from source. Run with the real framework; under CI it must be there (.ci/run installs it).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPreCommit, hookRepository, inCi, root } from './precommit-helpers.js';

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
    const { dir, write, commit } = hookRepository(
      'flinkfit-precommit-pkg-',
      (d) => {
        const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', d], { cwd: root, encoding: 'utf8' });
        return readmeHook(join(d, (JSON.parse(packed) as Array<{ filename: string }>)[0]!.filename));
      },
      { npm_config_offline: 'true' },
    );
    try {
      write('flink-conf.yaml', readFileSync(join(root, 'examples/seed/flink-conf.yaml'), 'utf8'));
      const refused = commit('seed config', 'flink-conf.yaml');
      expect(refused.status, refused.out).not.toBe(0);
      expect(refused.out).toContain('BUDGET_EXCEEDED');
      expect(refused.out).toContain('TM_REFUSED');

      write('flink-conf.yaml', readFileSync(join(root, 'test/fixtures/fits-e2-micro/flink-conf.yaml'), 'utf8'));
      const accepted = commit('fitting config', 'flink-conf.yaml');
      expect(accepted.status, accepted.out).toBe(0);
      expect(accepted.out).toMatch(/flinkfit check\.+Passed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
