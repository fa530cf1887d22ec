// Golden vectors: every case that real Flink (BashJavaUtils via TaskExecutorProcessUtils and
// JobManagerProcessUtils) computed for each release line must come out identical here.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkMemoryVector, type MemoryVector } from '../src/testing/vectors.js';

const DIR = new URL('../../shared/vectors/', import.meta.url);
const LINES = ['1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;
const CASES_PER_FILE = 2000;

function load(line: string): MemoryVector[] {
  const url = new URL(`flink-${line}.jsonl`, DIR);
  // a missing file must fail the run: skipping would make "all green" mean nothing
  if (!existsSync(url)) throw new Error(`vector file missing: ${fileURLToPath(url)}`);
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as MemoryVector;
      } catch (e) {
        throw new Error(`flink-${line}.jsonl:${i + 1} is not JSON: ${(e as Error).message}`);
      }
    });
}

describe('golden vectors computed by real Flink', () => {
  it('the vector folder exists', () => {
    expect(existsSync(DIR), `expected the vectors at ${fileURLToPath(DIR)}`).toBe(true);
  });

  for (const line of LINES) {
    it(`flink-${line}.jsonl: all ${CASES_PER_FILE} cases agree`, () => {
      const cases = load(line);
      expect(cases).toHaveLength(CASES_PER_FILE);
      // every case belongs to this release line
      expect(new Set(cases.map((c) => c.flinkVersion.split('.').slice(0, 2).join('.')))).toEqual(new Set([line]));
      const failures: Array<{ case: number; config: Record<string, string>; diffs: string[] }> = [];
      cases.forEach((v, i) => {
        const diffs = checkMemoryVector(v);
        if (diffs.length > 0) failures.push({ case: i + 1, config: v.config, diffs });
      });
      expect(failures).toEqual([]);
    });
  }
});
