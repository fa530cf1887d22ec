#!/usr/bin/env node
// Builds the web calculator into one self-contained file, dist/web/index.html (inline CSS and
// script; no request of any kind, so it works from file:// and on any static host). Run by
// `npm run build` through tsx, reading the presets and the report CSS from the sources.
//
// The page bundles the pure core and the `yaml` parser only:
// - the bundled presets are parsed and validated here, at build time, and handed over as JSON;
// - `zod` is replaced by an inert stand-in: core/presets builds its schema at import, but the page
//   never validates a preset (it has only the ones validated here), so no zod code is shipped;
// - commander, chalk or any node: built-in reaching the bundle fails the build.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadBundledPresets } from '../src/node/presets.ts';
import { REPORT_CSS } from '../src/cli/render/html.ts';
import { DIAGRAM_CSS, DIAGRAM_DEFS } from '../src/core/diagram/index.ts';

const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

const presets = loadBundledPresets().map((r) => {
  if (!r.ok) throw new Error(`build-web: a bundled preset does not load: ${JSON.stringify(r.error)}`);
  return r.preset;
});

const pageOnly = {
  name: 'page-only',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: root('node_modules/yaml/browser/index.js') }));
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'inert' }));
    b.onLoad({ filter: /.*/, namespace: 'inert' }, () => ({
      // every property and call gives the stand-in back, so schema definitions evaluate to nothing
      contents: 'const z = new Proxy(function () {}, { get: (_, k) => (k === Symbol.toPrimitive ? () => "" : z), apply: () => z });\nexport { z };\nexport default z;\n',
      loader: 'js',
    }));
    b.onResolve({ filter: /^(commander|chalk|node:.*)$/ }, (args) => ({ errors: [{ text: `${args.path} must not reach the web page (imported by ${args.importer})` }] }));
  },
};

const result = await build({
  entryPoints: [root('src/web/main.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { __FLINKFIT_PRESETS__: JSON.stringify(presets) },
  plugins: [pageOnly],
});
const script = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
const shell = readFileSync(root('src/web/shell.html'), 'utf8');
const html = shell.replace('/*REPORT_CSS*/', () => REPORT_CSS + DIAGRAM_CSS).replace('<!--DIAGRAM_DEFS-->', () => `<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false" class="ff-diagram"><defs>${DIAGRAM_DEFS}</defs></svg>`).replace('/*SCRIPT*/', () => script);
mkdirSync(root('dist/web'), { recursive: true });
writeFileSync(root('dist/web/index.html'), html);
// what went in, for the test that keeps the page to the core and yaml
writeFileSync(root('dist/web/inputs.json'), JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1) + '\n');
