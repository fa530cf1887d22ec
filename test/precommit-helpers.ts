// A throw-away git repository with a .pre-commit-config.yaml installed by the real pre-commit
// framework, for the hook tests (source form and published-package form).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
export const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

export interface HookRepository {
  dir: string;
  repo: string;
  git: (...args: string[]) => SpawnSyncReturns<string>;
  /** write a file of the repository, folders created */
  write: (path: string, text: string) => void;
  /** stage the paths and commit: the hook's verdict */
  commit: (message: string, ...paths: string[]) => { status: number | null; out: string };
}

/** A repository whose first commit holds `config` as .pre-commit-config.yaml, with the hook installed. */
export function hookRepository(prefix: string, config: (dir: string) => string, extraEnv: Record<string, string> = {}): HookRepository {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = { ...process.env, PRE_COMMIT_HOME: join(dir, '.cache'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', NO_COLOR: '1', ...extraEnv };
  const repo = join(dir, 'repo');
  execFileSync('git', ['init', '-q', repo], { env });
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const commit = (message: string, ...paths: string[]) => {
    expect(git('add', ...paths).status).toBe(0);
    const r = git('commit', '-m', message);
    return { status: r.status, out: r.stdout + r.stderr };
  };
  write('.pre-commit-config.yaml', config(dir));
  expect(git('add', '.pre-commit-config.yaml').status).toBe(0);
  expect(git('commit', '-q', '-m', 'hook config').status).toBe(0);
  const install = spawnSync('pre-commit', ['install'], { cwd: repo, env, encoding: 'utf8' });
  expect(install.status, install.stderr).toBe(0);
  return { dir, repo, git, write, commit };
}
