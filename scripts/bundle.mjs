#!/usr/bin/env node
// Builds dist/ from src/ in one esbuild pass: the CLI (dist/bin/main.js) and the library
// (dist/index.js) share chunks, every dependency is inlined (the package has no runtime
// dependencies), each command and each parser is a chunk loaded only when used, and the bundled
// presets are validated here and shipped as data. Type declarations come from tsc
// (tsconfig.build.json) and are pruned to what dist/index.d.ts reaches, so dist/ holds no dead files.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// start clean: chunk names carry content hashes, and stale files must not reach the package
rmSync(DIST, { recursive: true, force: true });

/**
 * Start-up trimming, each measured with `npm run bench`:
 * - every Node built-in is taken with process.getBuiltinModule (Node ≥ 20.16) instead of an ES import
 *   or require(): an ES import of a built-in builds a facade that copies all its exports (~0.7 ms
 *   each, more for `process`), and the first require() sets up the CommonJS loader (~12 ms). Only the
 *   names src/ imports are bound (see importedNames);
 * - `yaml` is taken in its ES module build (the same parser; its Node build only adds require() calls);
 * - commander loads node:child_process (~30–40 ms cold) only for external sub-commands, which
 *   flinkfit has none of, so it gets a proxy that loads the module on first use;
 * - chalk's colour detection (node:tty, node:os at import) is replaced by a stub: flinkfit always
 *   passes an explicit colour level (NO_COLOR / FORCE_COLOR / TERM=dumb / --no-color / isTTY).
 */
const BUILTINS = new Set((await import('node:module')).builtinModules);
/**
 * The names src/ imports from each built-in (`import { a, b } from 'node:x'`): only those are bound,
 * since reading every export would run lazy getters (fs.promises loads node:fs/promises). The
 * bundled dependencies reach built-ins only through require(), which gets the module itself.
 */
const importedNames = new Map();
const scan = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) scan(p);
    else if (p.endsWith('.ts')) {
      for (const m of readFileSync(p, 'utf8').matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](?:node:)?([\w/]+)['"]/g)) {
        if (!BUILTINS.has(m[2])) continue;
        const set = importedNames.get(m[2]) ?? new Set();
        for (const n of m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]).filter(Boolean)) set.add(n.replace(/^type\s+/, ''));
        importedNames.set(m[2], set);
      }
    }
  }
};
scan(join(ROOT, 'src'));
const exportNames = (name) => [...(importedNames.get(name) ?? [])].sort();
const lazyStartup = {
  name: 'lazy-startup',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: join(ROOT, 'node_modules/yaml/browser/index.js') }));
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('commander') ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'lazy' }));
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!BUILTINS.has(name)) return undefined;
      // require() (commander) gets the module object itself; ES imports (src/) get named bindings
      return { path: name, namespace: args.kind === 'require-call' ? 'builtin-cjs' : 'builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-cjs' }, (args) => ({
      contents: args.path === 'process' ? 'module.exports = process;\n' : `module.exports = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});\n`,
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      const spec = `node:${args.path}`;
      const names = exportNames(args.path);
      if (args.path === 'process') return { contents: 'export default process;\n' + names.map((n) => `export const ${n} = process.${n};\n`).join(''), loader: 'js' };
      // a module Node's own start has not loaded (node:crypto, node:os…) costs its load, with what it
      // pulls in, only when one of its functions is first called: plain functions are bound lazily,
      // classes and values at once
      const real = await import(spec);
      const lazy = (n) => typeof real[n] === 'function' && /^[a-z]/.test(n) && !/^class\b/.test(Function.prototype.toString.call(real[n]));
      return {
        contents:
          `let m;\nconst load = () => (m ??= process.getBuiltinModule(${JSON.stringify(spec)}));\n` +
          'export default new Proxy({}, { get: (_, k) => load()[k] });\n' +
          names.map((n) => (lazy(n) ? `export function ${n}(...a) { return load().${n}(...a); }\n` : `export const ${n} = load().${n};\n`)).join(''),
        loader: 'js',
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) =>
      args.path === 'child_process'
        ? {
            contents:
              'let real;\n' +
              "const load = () => (real ??= process.getBuiltinModule('node:child_process'));\n" +
              'export default new Proxy({}, { get: (_, k) => load()[k] });\n',
            loader: 'js',
          }
        : { contents: 'export default { stdout: false, stderr: false };\n', loader: 'js' },
    );
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [lazyStartup],
  define: { __FLINKFIT_VERSION__: JSON.stringify(pkg.version) },
};

// 1. the bundled presets, read and validated by the same code the tests run (src/node/bundled-presets.ts)
const presetProbe = join(DIST, 'probe/presets.mjs'); // two levels below the root, as src/node/ is
await build({ ...common, entryPoints: ['src/node/bundled-presets.ts'], outfile: presetProbe });
const results = (await import(pathToFileURL(presetProbe).href)).bundledPresetResults();
rmSync(dirname(presetProbe), { recursive: true });
const broken = results.filter((r) => !r.ok);
if (broken.length > 0 || results.length === 0) {
  process.stderr.write(`bundle: ${broken.length ? 'broken bundled presets' : 'no bundled presets found'}:\n`);
  for (const r of broken) process.stderr.write(`  ${JSON.stringify(r.error)}\n`);
  process.exit(1);
}
const presetData = {
  name: 'preset-data',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]node[\\/]bundled-presets\.ts$/ }, () => ({
      contents:
        '// generated by scripts/bundle.mjs from presets/*.yaml, validated at build time\n' +
        `const RESULTS = JSON.parse(${JSON.stringify(JSON.stringify(results))});\n` +
        'export function bundledPresetResults() { return RESULTS; }\n',
      loader: 'js',
    }));
  },
};

// 2. the library: ES modules, one chunk per lazily loaded part
const main = await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: DIST,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  minify: true,
  keepNames: false,
  plugins: [presetData, lazyStartup],
  metafile: true,
});

// what each chunk holds, for start-up work: BUNDLE_META=file npm run build
if (process.env.BUNDLE_META) (await import('node:fs')).writeFileSync(process.env.BUNDLE_META, JSON.stringify(main.metafile));

// 2b. the CLI: CommonJS chunks in dist/cli/, loaded by bin/flinkfit.cjs. Node 20 starts a CommonJS
// file without setting up the ES module loader (~6 ms here), and only CommonJS can be compiled through
// vm.Script with V8's code cache, which Node 20 has no built-in use of (module.enableCompileCache
// arrived in Node 22.1). esbuild splits only ES modules, so the CLI is split as ES modules first and
// each chunk is then rewritten as CommonJS: static imports become require() at the top, dynamic
// import() a require() on first use, so each command still loads only its own chunks.
const CLI = join(DIST, 'cli');
const cliEsm = await build({
  ...common,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: CLI,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  splitting: true,
  // readable chunks for a profile: BUNDLE_NO_MINIFY=1 npm run build
  minify: !process.env.BUNDLE_NO_MINIFY,
  keepNames: false,
  write: false,
  metafile: true,
  plugins: [presetData, lazyStartup],
  // CommonJS has no import.meta; the chunks sit two levels below the package root, as src/cli/ does
  define: { ...common.define, 'import.meta.url': '__flinkfitModuleUrl' },
});
if (process.env.BUNDLE_META) writeFileSync(`${process.env.BUNDLE_META}.cli.json`, JSON.stringify(cliEsm.metafile));
const { transform } = await import('esbuild');
const { mkdirSync } = await import('node:fs');
mkdirSync(CLI, { recursive: true });
for (const out of cliEsm.outputFiles) {
  const cjs = await transform(out.text, { format: 'cjs', platform: 'node', target: 'node20', minify: !process.env.BUNDLE_NO_MINIFY, supported: { 'dynamic-import': false }, legalComments: 'none' });
  if (cjs.warnings.length > 0) {
    // e.g. "import.meta" left in the code, which CommonJS would leave empty
    process.stderr.write(`bundle: rewriting ${out.path} as CommonJS: ${cjs.warnings.map((w) => w.text).join('; ')}\n`);
    process.exit(1);
  }
  let code = cjs.code.replace(/require\("(\.\/[^"]+)\.mjs"\)/g, 'require("$1.cjs")');
  if (code.includes('__flinkfitModuleUrl')) code = `var __flinkfitModuleUrl=require("node:url").pathToFileURL(__filename).href;${code}`;
  writeFileSync(out.path.replace(/\.mjs$/, '.cjs'), code);
}
// the loader bin/flinkfit.cjs starts the CLI with (src/cli/boot.ts)
await build({ ...common, plugins: [], format: 'cjs', entryPoints: ['src/cli/boot.ts'], outfile: join(CLI, 'boot.cjs'), minify: true });

// 3. declarations for the library, only those dist/index.d.ts reaches
const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
const reached = new Set();
const walk = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    walk(resolve(dirname(file), m[1].replace(/\.js$/, '.d.ts')));
  }
};
walk(join(DIST, 'index.d.ts'));
const prune = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      prune(p);
      if (readdirSync(p).length === 0) rmSync(p, { recursive: true });
    } else if (p.endsWith('.d.ts') && !reached.has(p)) rmSync(p);
  }
};
prune(DIST);

// 4. the CommonJS door: `require('flinkfit')` loads the same ES module (require(esm), Node ≥ 20.19),
// and TypeScript consumers compiled as CommonJS get the same declarations as .d.cts
writeFileSync(join(DIST, 'index.cjs'), "'use strict';\n// require(esm): Node >= 20.19 loads the ES module build synchronously\nmodule.exports = require('./index.js');\n");
for (const file of reached) {
  const text = readFileSync(file, 'utf8').replace(/((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]+)\.js(['"])/g, '$1.cjs$2');
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), text);
}
