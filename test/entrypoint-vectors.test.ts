// Every case of shared/entrypoint-vectors: a compose file starting the official image's
// jobmanager, read by compose.ts, its conf directory prepared by applyEntrypoint, and the result
// loaded the way Flink loads it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { javaString, loadConfDir } from '../src/core/conf/confdir.js';
import { valueType } from '../src/core/config-value.js';
import { entrypointInputFor, serviceConfDir } from '../src/core/compose/mounts.js';
import { readCompose } from '../src/core/project/single.js';
import { applyEntrypoint } from '../src/core/docker/entrypoint.js';
import { yamlString } from '../src/core/docker/flink-writer.js';
import { FLINK_LINES } from '../src/core/versions.js';

const shared = new URL('../../shared/', import.meta.url);

interface Row {
  flinkVersion: string;
  case: string;
  baseFile: Record<string, string>;
  FLINK_PROPERTIES: string | null;
  env?: Record<string, string>;
  resultFile: Record<string, string>;
  resultIsError: boolean;
  effective?: Record<string, string>;
  effectiveTypes?: Record<string, string>;
  loadError?: unknown;
}

function readDir(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(url)) out[name] = readFileSync(new URL(name, url), 'utf8');
  return out;
}

function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  return ka.join('\n') === Object.keys(b).sort().join('\n') && ka.every((k) => a[k] === b[k]);
}

/** A compose value: `$` doubled so Compose's interpolation gives the text back unchanged. */
function composeValue(s: string): string {
  return yamlString(s.replaceAll('$', '$$$$'));
}

function composeFor(row: Row, mountConf: boolean): string {
  const env: [string, string][] = [];
  if (row.FLINK_PROPERTIES !== null) env.push(['FLINK_PROPERTIES', row.FLINK_PROPERTIES]);
  for (const [k, v] of Object.entries(row.env ?? {})) env.push([k, v]);
  return [
    'services:',
    '  jobmanager:',
    `    image: flink:${row.flinkVersion}`,
    '    hostname: flink-jobmanager',
    '    command: jobmanager',
    ...(env.length > 0 ? ['    environment:', ...env.map(([k, v]) => `      ${k}: ${composeValue(v)}`)] : []),
    ...(mountConf ? ['    volumes:', '      - ./conf:/opt/flink/conf'] : []),
    '',
  ].join('\n');
}

for (const line of FLINK_LINES) {
  const rows = readFileSync(new URL(`entrypoint-vectors/flink-${line}.jsonl`, shared), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  const imageConf = readDir(new URL(`image-conf/${line}/`, shared));

  describe(`entrypoint vectors ${line}`, () => {
    it('has 150 cases', () => expect(rows.length).toBe(150));
    rows.forEach((row, i) => {
      it(`#${i} ${row.case}`, () => {
        // the image's own configuration runs when nothing is mounted over /opt/flink/conf
        const mountConf = !sameFiles(row.baseFile, imageConf);
        const compose = readCompose(composeFor(row, mountConf));
        if (!compose.ok) throw new Error(compose.error.message);
        const svc = compose.services[0]!;
        expect(svc.role).toBe('jobmanager');
        expect(svc.image?.flinkLine).toBe(line);
        const conf = serviceConfDir(svc, {
          imageConf,
          read: (source, kind) => (source === './conf' && kind === 'directory' ? row.baseFile : undefined),
        });
        expect(conf.files).toEqual(row.baseFile);
        const input = entrypointInputFor(svc, conf);
        if (input === null) throw new Error('no entrypoint input');
        expect(input.flinkProperties).toBe(row.FLINK_PROPERTIES);
        expect(input.env).toEqual(row.env ?? {});

        const r = applyEntrypoint(input);
        expect(r.resultIsError).toBe(row.resultIsError);
        expect(Object.keys(r.files).sort()).toEqual(Object.keys(row.resultFile).sort());
        const load = loadConfDir(r.files, { flinkLine: line });
        if (row.resultIsError) {
          // the file holds an error report (its stack frames differ from a real image's)
          expect(load.ok).toBe(false);
          expect(r.files[r.configFile]).toMatch(/^\[ERROR\] /);
          for (const name of Object.keys(row.resultFile)) {
            if (name !== r.configFile) expect(r.files[name]).toBe(row.resultFile[name]);
          }
          return;
        }
        if (!load.ok) throw new Error(load.error.message);
        const effective: Record<string, string> = {};
        const types: Record<string, string> = {};
        for (const [k, v] of Object.entries(load.config)) {
          effective[k] = javaString(v);
          if (valueType(v) !== 'String') types[k] = valueType(v);
        }
        expect(effective).toEqual(row.effective);
        expect(types).toEqual(row.effectiveTypes ?? {});
        // byte for byte: 1.18's text edits, the flat rewrite (HashMap order) and the config.yaml
        // dump (HashMap order re-nested, snakeyaml's quoting)
        expect(r.files).toEqual(row.resultFile);
      });
    });
  });
}
