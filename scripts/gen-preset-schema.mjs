// Writes presets/schema.json from the zod schema in src/core/presets/schema.ts, so editors can check
// and complete preset files (each starts with `# yaml-language-server: $schema=./schema.json`).
// Runs from source with tsx: `npm run docs` (`--check` only compares).
import { readFileSync, writeFileSync } from 'node:fs';

const target = new URL('../presets/schema.json', import.meta.url);
let mod;
try {
  mod = await import('../src/core/presets/schema.ts');
} catch (err) {
  process.stderr.write(`gen-preset-schema: cannot load src/core/presets/schema.ts (run it with tsx: npm run docs) (${err.message})\n`);
  process.exit(2);
}
const text = JSON.stringify(mod.presetJsonSchema(), null, 2) + '\n';

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    process.stderr.write('presets/schema.json is stale: run `npm run build && node scripts/gen-preset-schema.mjs`\n');
    process.exit(1);
  }
  process.stdout.write('presets/schema.json is current\n');
} else {
  writeFileSync(target, text);
  process.stdout.write('wrote presets/schema.json\n');
}
