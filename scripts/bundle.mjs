#!/usr/bin/env node
// Bundles the CLI into dist/bin/ (one entry, a chunk per lazily loaded command) so a cold start
// reads a handful of files instead of hundreds of modules: `explain` must start about as fast as
// `node -e 0`. The library build (dist/*.js from tsc) stays unbundled for importers.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// chunk names carry content hashes: start clean so stale chunks do not pile up in the package
rmSync(new URL('../dist/bin/', import.meta.url), { recursive: true, force: true });

/**
 * Start-up trimming, measured with `npm run bench`: commander loads node:child_process (~30–40 ms
 * cold) only for external sub-commands, which flinkfit has none of, so it gets a proxy that loads
 * the module on first use; chalk's colour detection (node:tty, node:os at import) is replaced by a
 * stub because flinkfit always passes an explicit colour level (NO_COLOR / FORCE_COLOR / isTTY).
 */
const lazyStartup = {
  name: 'lazy-startup',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('commander') ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) =>
      args.path === 'child_process'
        ? {
            contents:
              "import { createRequire } from 'node:module';\n" +
              "let real;\n" +
              "const load = () => (real ??= createRequire(import.meta.url)('node:child_process'));\n" +
              'export default new Proxy({}, { get: (_, k) => load()[k] });\n',
            loader: 'js',
          }
        : { contents: 'export default { stdout: false, stderr: false };\n', loader: 'js' },
    );
  },
};

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
  plugins: [lazyStartup],
  // a few CommonJS-minded dependencies ask for require(); give ESM output one
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
