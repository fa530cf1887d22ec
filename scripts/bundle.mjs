#!/usr/bin/env node
// Bundles the CLI into dist/bin/ (one entry, a chunk per lazily loaded command) so a cold start
// reads a handful of files instead of hundreds of modules: `explain` must start about as fast as
// `node -e 0`. The library build (dist/*.js from tsc) stays unbundled for importers.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// chunk names carry content hashes: start clean so stale chunks do not pile up in the package
rmSync(new URL('../dist/bin/', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  // a few CommonJS-minded dependencies ask for require(); give ESM output one
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
