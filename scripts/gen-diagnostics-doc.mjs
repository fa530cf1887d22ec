#!/usr/bin/env node
// Writes docs/diagnostics.md from the registry (run with tsx: `npm run docs`); --check only compares.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderDiagnosticsDoc } from '../src/core/diagnostics-doc.ts';

const path = new URL('../docs/diagnostics.md', import.meta.url);
const text = renderDiagnosticsDoc();
if (process.argv.includes('--check')) {
  let old = '';
  try { old = readFileSync(path, 'utf8'); } catch {}
  if (old !== text) { console.error('docs/diagnostics.md is out of date: run node scripts/gen-diagnostics-doc.mjs'); process.exit(1); }
  console.log('docs/diagnostics.md is current');
} else {
  writeFileSync(path, text);
  console.log('wrote docs/diagnostics.md');
}
