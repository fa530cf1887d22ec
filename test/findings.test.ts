// Every finding code has a fixture that makes flinkfit report it, with the full sorted list of codes
// and where the finding points; a new code without a fixture (or a reason it cannot have one) fails.
// The fixtures run through the core (src/core/analysis, src/core/check) as `flinkfit check` does,
// without spawning the CLI; test/cli-transcripts.test.ts runs a sample through the built bin.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_INFO, type Diagnostic } from '../src/core/diagnostics.js';
import { CASES, NOT_FROM_FILES, codeOf, type FindingCase } from './findings-cases.js';
import { checkFixture, explainFixture, sortedCodes } from './findings-harness.js';

const FIXTURES = fileURLToPath(new URL('fixtures/findings/', import.meta.url));
const BUGS = fileURLToPath(new URL('fixtures/known-bugs/', import.meta.url));

function findings(c: FindingCase): Diagnostic[] {
  const root = join(FIXTURES, c.dir);
  return c.mode === 'check' ? checkFixture(root, c).findings : explainFixture(root, c).diagnostics;
}

function where(d: Diagnostic): string {
  return `${d.file ?? ''}${d.line !== undefined ? `:${d.line}` : ''}`;
}

function locations(ds: Diagnostic[], code: string): string[] {
  return ds
    .filter((d) => d.code === code)
    .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0))
    .map(where);
}

/** Findings about the setup as a whole: no file or line is theirs to point at. */
const NOWHERE = new Set(['VERSION_ASSUMED']);
/** Findings about a whole file (which file matters, no line does). */
const WHOLE_FILE = new Set(['CONFIG_FILE_IGNORED', 'NO_CONFIG_FILE', 'LEGACY_CONFIG_FILE', 'FILE_KIND_ASSUMED', 'ROLE_UNKNOWN', 'COMPOSE_NO_FLINK', 'NOT_FLINK_CONFIG', 'CONFIG_CHECKED_WITH_COMPOSE', 'COMPOSE_FILE_SHADOWED', 'NO_DEPLOYMENT_FOUND', 'MANIFEST_TEMPLATE_SKIPPED', 'KUSTOMIZE_PATCH_SKIPPED', 'COMPOSE_FILE_MISSING', 'COMPOSE_ENV_FILE_MISSING', 'COMPOSE_ENV_FILE_SKIPPED', 'COMPOSE_OVERRIDE_MULTIPLE', 'COMPOSE_TOO_LARGE', 'COMPOSE_ENV_FILE_INVALID']);

describe.each(CASES)('$dir', (c) => {
  const code = codeOf(c);
  let cached: Diagnostic[] | undefined;
  // SERVICE_DETECTED is said for every Flink service (what it runs and why); the project fixtures
  // (test/projects.test.ts) check those, so here it counts only in its own fixture. Likewise the
  // Kubernetes fixtures keep Flink's default state backend and managed fraction, for which every
  // FlinkDeployment gets MANAGED_MEMORY_UNUSED (its line is checked in test/k8s.test.ts and the
  // explain-flinkdeployment transcript); in a K8S_* fixture it does not count.
  const ubiquitous = (d: Diagnostic) => (d.code === 'SERVICE_DETECTED' && code !== 'SERVICE_DETECTED') || (d.code === 'MANAGED_MEMORY_UNUSED' && code.startsWith('K8S_'));
  const run = (): Diagnostic[] => (cached ??= findings(c).filter((d) => !ubiquitous(d)));

  it.skipIf(c.bug?.breaks === 'codes')(`reports ${code} and exactly the expected codes`, () => {
    expect(sortedCodes(run())).toEqual(c.codes);
  });
  if (c.bug?.breaks === 'codes') {
    // known bug in src/ (see the note in findings-cases.ts): remove `bug` once it is fixed
    it.fails(`reports exactly the expected codes (known bug: ${c.bug.note})`, () => {
      expect(sortedCodes(run())).toEqual(c.codes);
    });
  }

  it.skipIf(c.bug?.breaks === 'at')(`points each ${code} at its file and line`, () => {
    expect(locations(run(), code)).toEqual(c.at);
  });
  if (c.bug?.breaks === 'at') {
    it.fails(`points each ${code} at its file and line (known bug: ${c.bug.note})`, () => {
      expect(locations(run(), code)).toEqual(c.at);
    });
  }

  it('gives every finding with a natural location its file and line, and a registered severity', () => {
    for (const d of run()) {
      expect(Object.keys(DIAGNOSTIC_INFO), d.code).toContain(d.code);
      expect(['error', 'warning', 'info'], d.code).toContain(d.severity);
      if (d.line !== undefined) expect(d.file, `${d.code} has a line but no file`).toBeDefined();
      if (NOWHERE.has(d.code) || d.code === 'MANAGED_MEMORY_UNUSED' || d.code === 'MANAGED_MEMORY_MISSING') continue;
      expect(d.file, `${d.code} names no file: ${d.message}`).toBeDefined();
      if (!WHOLE_FILE.has(d.code)) expect(d.line, `${d.code} names no line: ${d.message}`).toBeGreaterThan(0);
    }
  });
});

describe('fixture completeness', () => {
  it('every code in DIAGNOSTIC_INFO has a fixture or a reason it cannot come from files', () => {
    const covered = new Set(CASES.map(codeOf));
    for (const code of Object.keys(NOT_FROM_FILES)) expect(covered.has(code as never), `${code} has a fixture and a reason`).toBe(false);
    const accounted = [...covered, ...Object.keys(NOT_FROM_FILES)].sort();
    expect(accounted).toEqual(Object.keys(DIAGNOSTIC_INFO).sort());
  });

  it('every reason for a code without fixture is one line of text', () => {
    for (const [code, why] of Object.entries(NOT_FROM_FILES)) expect(why, code).toMatch(/^[^\n]{10,}$/);
  });

  it('every fixture directory has a case and every case a directory', () => {
    const dirs = new Set(CASES.map((c) => c.dir));
    for (const d of dirs) expect(existsSync(join(FIXTURES, d)), d).toBe(true);
    // a code's directory is the fixture itself, or holds one directory per variant
    for (const code of readdirSync(FIXTURES)) {
      if (dirs.has(code)) continue;
      const orphans = readdirSync(join(FIXTURES, code)).map((v) => `${code}/${v}`).filter((d) => !dirs.has(d));
      expect(orphans, `${code}: directories without a case in findings-cases.ts`).toEqual([]);
    }
  });

  it('every case is about a registered code, and each code has its own primary case', () => {
    for (const c of CASES) expect(Object.keys(DIAGNOSTIC_INFO), c.dir).toContain(codeOf(c));
    for (const c of CASES) expect(c.codes, `${c.dir} must report ${codeOf(c)}`).toContain(codeOf(c));
  });
});

// Bugs found in src/ and fixed, kept as regression tests (each with the exact input under
// test/fixtures/known-bugs/).
describe('fixed bugs', () => {
  it('a read-only mount of a file the entrypoint does not write (log4j) is no error', () => {
    // compose.ts serviceConfDir reports CONFIG_MOUNT_READONLY (error) for every read-only mount in
    // the conf directory, although the entrypoint only writes flink-conf.yaml / config.yaml
    const e = explainFixture(join(BUGS, 'readonly-log4j-mount'), { inputs: ['docker-compose.yml'] });
    expect(sortedCodes(e.diagnostics)).not.toContain('CONFIG_MOUNT_READONLY');
  });

  it('logging and start-script files of a conf directory are not reported as ignored config files', () => {
    // confdir.ts marks log4j.properties, masters… as info; explain.ts fromConfDiagnostic replaces
    // every non-error severity by the registry default (warning), so `check --strict conf/` fails
    // on any real Flink conf directory
    const e = explainFixture(join(BUGS, 'conf-dir-with-log4j'), { inputs: ['conf'], flinkVersion: '2.0' });
    // log4j and masters are read by Flink's logging and start scripts, just not as options: no finding
    const ignored = e.diagnostics.filter((d) => d.code === 'CONFIG_FILE_IGNORED');
    expect(ignored).toEqual([]);
  });

  it('an overridden entrypoint does not apply FLINK_PROPERTIES', () => {
    // entrypoint: [taskmanager.sh, start-foreground] skips docker-entrypoint.sh, so the taskmanager
    // runs the image's config.yaml (process size 1728m), not FLINK_PROPERTIES' 1g
    const e = explainFixture(join(BUGS, 'entrypoint-overridden'), { inputs: ['docker-compose.yml'] });
    const tm = e.taskmanager.outcome;
    expect(tm?.ok && tm.memory.totalProcess).toBe(1728n * 1024n * 1024n);
  });

  it('a one-line FLINK_PROPERTIES finding points at the line of the variable', () => {
    // compose.ts fromEntrypoint adds the line within FLINK_PROPERTIES to the variable's own line,
    // which is right for a block scalar (its first line is the next one) but one too many for
    // FLINK_PROPERTIES: "…" and - FLINK_PROPERTIES=… on a single line
    const e = explainFixture(join(BUGS, 'flink-properties-one-line'), { inputs: ['docker-compose.yml'] });
    expect(locations(e.diagnostics, 'FLINK_PROPERTIES_NO_COLON')).toEqual(['docker-compose.yml:7', 'docker-compose.yml:14']);
  });

  it('a duplicate key in one mapping names the full Flink key', () => {
    // standard.ts reports the key as written in its mapping ('process.size'); every other finding's
    // key is the flattened Flink key
    const c = CASES.find((x) => x.dir === 'CONFIG_LOAD_ERROR/duplicate-key')!;
    const d = findings(c).find((x) => x.code === 'CONFIG_LOAD_ERROR');
    expect(d?.key).toBe('taskmanager.memory.process.size');
  });

  it('an unsupported image tag is not said to name no version', () => {
    // the old compose reader said "The image tag does not say which Flink runs" beside
    // IMAGE_LINE_UNSUPPORTED naming the release; the fixture's flink:1.9.3 names its version
    const c = CASES.find((x) => x.dir === 'IMAGE_LINE_UNSUPPORTED')!;
    const ds = findings(c);
    const unsupported = ds.filter((x) => x.code === 'IMAGE_LINE_UNSUPPORTED');
    expect(unsupported).toHaveLength(2);
    for (const d of unsupported) expect(d.message).toMatch(/runs Flink 1\.9\.3\b/);
    expect(ds.filter((x) => x.code === 'IMAGE_VERSION_UNKNOWN' || x.code === 'VERSION_ASSUMED')).toEqual([]);
  });
});
