// Golden file vectors from real Flink: how each release line loads a conf directory.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { valueType } from '../src/core/config-value.js';
import { javaString, loadConfDir } from '../src/core/conf/confdir.js';
import { parseFlinkVersion } from '../src/core/versions.js';

interface FileVector {
  flinkVersion: string;
  case: string;
  files: Record<string, string>;
  dynamic?: Record<string, string>;
  effective?: Record<string, string>;
  effectiveTypes?: Record<string, string>;
  loadError?: { ok: false; error: string };
}

const dir = new URL('../../shared/file-vectors/', import.meta.url);
const vectorFiles = readdirSync(dir)
  .filter((f) => /^flink-.*\.jsonl$/.test(f))
  .sort();

function sorted<T>(rec: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

it('finds the seven release lines', () => {
  expect(vectorFiles).toHaveLength(7);
});

describe.each(vectorFiles)('%s', (fileName) => {
  const rows = readFileSync(new URL(fileName, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => ({ ...(JSON.parse(l) as FileVector), n: i + 1 }));

  it.each(rows)('#$n $case', (row) => {
    const v = parseFlinkVersion(row.flinkVersion);
    if (!v.ok) throw new Error(v.message);
    const dynamic = row.dynamic ? { dynamic: row.dynamic } : {};
    const load = loadConfDir(row.files, { flinkLine: v.line, ...dynamic });

    if (row.loadError) {
      expect(load.ok, `Flink fails: ${row.loadError.error}`).toBe(false);
      return;
    }
    if (!load.ok) expect.fail(`we fail but Flink loads: ${load.error.message}`);

    const effective: Record<string, string> = {};
    const types: Record<string, string> = {};
    for (const [k, val] of Object.entries(load.config)) {
      effective[k] = javaString(val);
      if (valueType(val) !== 'String') types[k] = valueType(val);
    }
    expect(sorted(effective)).toEqual(sorted(row.effective ?? {}));
    expect(sorted(types)).toEqual(sorted(row.effectiveTypes ?? {}));
  });
});
