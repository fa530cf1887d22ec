#!/usr/bin/env node
// Checks vector files computed by real Flink against flinkfit: `npm run vectors -- FILE...`.
// Ends with "N passed, N failed"; exits 1 when any case disagrees.
import { readFileSync } from 'node:fs';
import { checkMemoryVector } from '../src/testing/vectors.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npm run vectors -- FILE.jsonl...\n');
  process.exit(2);
}
const verbose = process.env.VERBOSE === '1';
let passed = 0;
let failed = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`vectors: cannot read ${file}: ${e.message}\n`);
    process.exit(2);
  }
  let filePassed = 0;
  let fileFailed = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let v;
    try {
      v = JSON.parse(lines[i]);
    } catch (e) {
      process.stderr.write(`${file}:${i + 1}: not JSON: ${e.message}\n`);
      fileFailed++;
      continue;
    }
    const diffs = checkMemoryVector(v);
    if (diffs.length === 0) filePassed++;
    else {
      fileFailed++;
      if (verbose || fileFailed <= 5) {
        process.stdout.write(`FAIL ${file}:${i + 1} ${JSON.stringify(v.config)}\n  ${diffs.join('\n  ')}\n`);
      }
    }
  }
  process.stdout.write(`${file}: ${filePassed} passed, ${fileFailed} failed\n`);
  passed += filePassed;
  failed += fileFailed;
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
