#!/usr/bin/env node
// Rewrites test/transcripts/*.txt from the built CLI (review the diff before committing):
// the same as `UPDATE_TRANSCRIPTS=1 npx vitest run test/cli-transcripts.test.ts`.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['vitest', 'run', 'test/cli-transcripts.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, UPDATE_TRANSCRIPTS: '1' },
});
process.exitCode = r.status ?? 1;
