#!/usr/bin/env node
// Bundles the CLI into dist/bin/ (one entry, a chunk per lazily loaded command) so a cold start
// reads a handful of files instead of hundreds of modules: `explain` must start about as fast as
// `node -e 0`. The library build (dist/*.js from tsc) stays unbundled for importers.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// chunk names carry content hashes: start clean so stale chunks do not pile up in the package
rmSync(new URL('../dist/bin/', import.meta.url), { recursive: true, force: true });

/** Node built-ins that CommonJS dependencies (commander) require at load time. */
const BUILTINS = ['events', 'path', 'fs', 'process'];

/**
 * Start-up trimming, each measured with `npm run bench`:
 * - the first require() in an ES module process sets up Node's CommonJS loader (~12 ms): the
 *   built-ins commander requires are handed over from ES imports instead, and `yaml` is taken in its
 *   ES module build (the same parser; its Node build only adds require() calls);
 * - commander loads node:child_process (~30–40 ms cold) only for external sub-commands, which
 *   flinkfit has none of, so it gets a proxy that loads the module on first use;
 * - chalk's colour detection (node:tty, node:os at import) is replaced by a stub: flinkfit always
 *   passes an explicit colour level (NO_COLOR / FORCE_COLOR / isTTY).
 */
const lazyStartup = {
  name: 'lazy-startup',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) }));
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('commander') ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onResolve({ filter: /^(node:)?(events|path|fs|process)$/ }, (args) =>
      args.kind === 'require-call' ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin' } : undefined,
    );
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = __ffBuiltin_${args.path};\n`, loader: 'js' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) =>
      args.path === 'child_process'
        ? {
            contents:
              "import { createRequire } from 'node:module';\n" +
              'let real;\n' +
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
  // the built-ins above, as module-scope bindings the CommonJS shims read
  banner: { js: BUILTINS.map((m) => `import __ffBuiltin_${m} from 'node:${m}';`).join(' ') },
});
