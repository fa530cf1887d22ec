// check's CI formats from the built CLI: SARIF 2.1.0 valid against the official schema (vendored in
// test/fixtures/sarif/, from @microsoft/jest-sarif 1.0.0-beta.0, MIT), GitLab code quality, and GitHub
// annotations — every finding with a file and a line, falling back to the first input file, line 1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_INFO } from '../src/core/diagnostics.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = join(ROOT, 'examples/seed');

function check(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), 'check', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sarifValidator() {
  // the schema is draft-04 with an `id`; Ajv 8 reads it as draft-07 once `id` is `$id` (it uses no
  // draft-04-only keyword such as a boolean exclusiveMinimum)
  const { id, $schema: _, ...schema } = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile({ $id: id as string, ...schema });
}

const cases: Array<[string, string, string[]]> = [
  ['the seed compose file', SEED, ['docker-compose.yml', '--preset', 'gcp-e2-micro']],
  ['the seed flink-conf.yaml (budget findings)', SEED, ['flink-conf.yaml', '--preset', 'gcp-e2-micro', '--flink-version', '1.20']],
];

describe('check --format sarif', () => {
  const validate = sarifValidator();
  it('the validator rejects a broken log (it can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] })).toBe(false);
  });
  for (const [name, cwd, args] of cases) {
    it(`${name}: valid SARIF 2.1.0, a rule per code, every result with a file and line`, () => {
      const r = check(cwd, ...args, '--format', 'sarif');
      expect(r.code).toBe(1);
      const log = JSON.parse(r.stdout);
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const run = log.runs[0];
      expect(run.results.length).toBeGreaterThan(0);
      for (const res of run.results) {
        expect(Object.keys(DIAGNOSTIC_INFO)).toContain(res.ruleId);
        expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
        const loc = res.locations[0].physicalLocation;
        expect(loc.artifactLocation.uri).toMatch(/^[^/].*\.ya?ml$/);
        expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      }
      for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(/^https:\/\/.*diagnostics\.md#[a-z_]+-(error|warning|info)$/);
    });
  }
});

describe('check --format gitlab and --format github', () => {
  for (const [name, cwd, args] of cases) {
    it(`${name}: every GitLab issue and GitHub annotation has a path and line`, () => {
      const gl = JSON.parse(check(cwd, ...args, '--format', 'gitlab').stdout) as Array<Record<string, any>>;
      expect(gl.length).toBeGreaterThan(0);
      for (const i of gl) {
        expect(i).toMatchObject({ check_name: expect.any(String), description: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
        expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
        expect(i.location.path).toMatch(/\.ya?ml$/);
        expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
      }
      expect(new Set(gl.map((i) => i.fingerprint)).size).toBe(gl.length);
      const gh = check(cwd, ...args, '--format', 'github').stdout.trim().split('\n');
      expect(gh.length).toBe(gl.length);
      for (const line of gh) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+\.ya?ml,line=\d+,title=[A-Z_]+::/);
    });
  }
});
