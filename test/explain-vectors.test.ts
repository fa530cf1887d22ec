// The shared file and entrypoint vectors through the very code paths of `flinkfit explain DIR`
// (explainConfDir) and `flinkfit explain docker-compose.yml` (explainCompose): load errors and the
// TaskManager and JobManager memory must agree with what real Flink computed, on every case.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainCompose } from '../src/core/project/single.js';
import { explainConfDir } from '../src/core/analysis/explain.js';
import { yamlString } from '../src/core/docker/flink-writer.js';
import { compareSide, type FlinkSide } from '../src/testing/vectors.js';
import { FLINK_LINES, parseFlinkVersion, type FlinkLine } from '../src/core/versions.js';

const shared = new URL('../../shared/', import.meta.url);

function rows<T>(dir: string, line: FlinkLine): T[] {
  return readFileSync(new URL(`${dir}/flink-${line}.jsonl`, shared), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function versionOf(v: string): { line: FlinkLine; version: string } {
  const p = parseFlinkVersion(v);
  if (!p.ok) throw new Error(p.message);
  return { line: p.line, version: p.version };
}

interface FileRow {
  flinkVersion: string;
  case: string;
  files: Record<string, string>;
  dynamic?: Record<string, string>;
  taskmanager: FlinkSide;
  jobmanager: FlinkSide;
  loadError?: unknown;
}

interface EntrypointRow {
  flinkVersion: string;
  case: string;
  baseFile: Record<string, string>;
  FLINK_PROPERTIES: string | null;
  env?: Record<string, string>;
  taskmanager: FlinkSide;
  jobmanager: FlinkSide;
  loadError?: unknown;
}

describe.each(FLINK_LINES)('explain DIR on the file vectors, Flink %s', (line) => {
  const cases = rows<FileRow>('file-vectors', line);
  it('agrees on every case', () => {
    expect(cases.length).toBe(500);
    const failures: string[] = [];
    cases.forEach((row, i) => {
      const e = explainConfDir({ files: row.files, ...(row.dynamic ? { dynamic: row.dynamic } : {}), ...versionOf(row.flinkVersion) });
      const diffs: string[] = [];
      if ((row.loadError !== undefined) !== (e.taskmanager.outcome === null)) diffs.push(`load: Flink ${row.loadError ? 'fails' : 'loads'}`);
      if (row.loadError === undefined && e.taskmanager.outcome && e.jobmanager.outcome) {
        diffs.push(...compareSide(row.taskmanager, e.taskmanager.outcome, 'taskmanager'), ...compareSide(row.jobmanager, e.jobmanager.outcome, 'jobmanager'));
      }
      if (diffs.length) failures.push(`#${i} ${row.case}: ${diffs.join('; ')}`);
    });
    expect(failures).toEqual([]);
  });
});

/** A compose file running the case's conf dir in both Flink services; `$` doubled for Compose. */
function composeFor(row: EntrypointRow, mount: boolean): string {
  const env: [string, string][] = [];
  if (row.FLINK_PROPERTIES !== null) env.push(['FLINK_PROPERTIES', row.FLINK_PROPERTIES]);
  for (const [k, v] of Object.entries(row.env ?? {})) env.push([k, v]);
  const service = (name: string) => [
    `  ${name}:`,
    `    image: flink:${row.flinkVersion}`,
    '    hostname: flink-jobmanager',
    `    command: ${name}`,
    ...(env.length > 0 ? ['    environment:', ...env.map(([k, v]) => `      ${k}: ${yamlString(v.replaceAll('$', '$$$$'))}`)] : []),
    ...(mount ? ['    volumes:', '      - ./conf:/opt/flink/conf'] : []),
  ];
  return ['services:', ...service('jobmanager'), ...service('taskmanager'), ''].join('\n');
}

describe.each(FLINK_LINES)('explain docker-compose.yml on the entrypoint vectors, Flink %s', (line) => {
  const cases = rows<EntrypointRow>('entrypoint-vectors', line);
  const imageFiles = readFileSync(new URL(`image-conf/${line}/${line === '1.18' ? 'flink-conf.yaml' : 'config.yaml'}`, shared), 'utf8');
  it('agrees on every case', () => {
    expect(cases.length).toBe(150);
    const failures: string[] = [];
    cases.forEach((row, i) => {
      // the image's own config runs when the case's directory is exactly the image's
      const names = Object.keys(row.baseFile);
      const mount = !(names.length === 1 && row.baseFile[names[0]!] === imageFiles);
      const e = explainCompose({
        path: 'docker-compose.yml',
        text: composeFor(row, mount),
        read: (source, kind) => (source === './conf' && kind === 'directory' ? row.baseFile : undefined),
      });
      const diffs: string[] = [];
      const tm = e.taskmanager.outcome;
      const jm = e.jobmanager.outcome;
      if ((row.loadError !== undefined) !== (tm === null)) diffs.push(`load: Flink ${row.loadError ? 'fails' : 'loads'}, flinkfit ${tm === null ? 'fails' : 'loads'}`);
      if (row.loadError === undefined && tm && jm) diffs.push(...compareSide(row.taskmanager, tm, 'taskmanager'), ...compareSide(row.jobmanager, jm, 'jobmanager'));
      if (e.flinkVersion !== row.flinkVersion) diffs.push(`version ${e.flinkVersion}`);
      if (diffs.length) failures.push(`#${i} ${row.case}: ${diffs.join('; ')}`);
    });
    expect(failures).toEqual([]);
  });
});
