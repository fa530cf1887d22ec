#!/usr/bin/env node
// Builds dist/ after `npm install` in a source checkout (a clone, or the pre-commit framework's copy
// of this repository). In an installed package (no src/) there is nothing to do. `prepare` would
// also run on `npm pack`, whose banner then pollutes the tarball name the pre-commit framework
// reads from npm's output; install-time building avoids that.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(new URL('../src/cli/main.ts', import.meta.url))) process.exit(0);
const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
