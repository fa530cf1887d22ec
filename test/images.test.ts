// Pins only official images that exist (src/core/images.ts, read from apache/flink-docker), --image
// overrides, a line without an image is said plainly, and a tag newer than flinkfit knows is unknown.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/core/generate/index.js';
import { NEWEST_PUBLISHED_LINE, PUBLISHED_IMAGES, isPublishedImage, newestPublishedImage } from '../src/core/images.js';
import { explainCompose } from '../src/core/project/single.js';
import { FLINK_LINES } from '../src/core/versions.js';
import { generateInput, PRESETS } from './generate-helpers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const micro = PRESETS.find((p) => p.id === 'ram-2g')!;

describe('the table of published official images', () => {
  it('has each modelled line, releases in order, and its newest line is what generate and flink:latest use', () => {
    expect(Object.keys(PUBLISHED_IMAGES)).toEqual([...FLINK_LINES]);
    for (const [line, list] of Object.entries(PUBLISHED_IMAGES)) {
      for (const v of list) expect(v.startsWith(`${line}.`), v).toBe(true);
      expect(list.map((v) => Number(v.split('.')[2]))).toEqual(list.map((_, i) => i));
    }
    // the snapshot of apache/flink-docker (2026-05-13) has no 2.3 and stops at 1.20.4 / 2.1.2 / 2.2.1
    expect(NEWEST_PUBLISHED_LINE).toBe('2.2');
    expect(newestPublishedImage('2.3')).toBeNull();
    expect(isPublishedImage('1.20.4') && !isPublishedImage('1.20.5') && !isPublishedImage('2.1.3')).toBe(true);
  });
});

describe('generate pins images that exist', () => {
  it('defaults to the newest line with an image, and each line to its newest published release', () => {
    const r = generate(generateInput({ preset: micro }));
    if (!r.ok) throw new Error(r.message);
    expect(r.plan.image).toBe('flink:2.2.1-java17');
    const l = generate(generateInput({ preset: micro, flinkVersion: '1.20' }));
    expect(l.ok && l.plan.image).toBe('flink:1.20.4-java17');
    const exact = generate(generateInput({ preset: micro, flinkVersion: '2.1.1' }));
    expect(exact.ok && exact.plan.image).toBe('flink:2.1.1-java17');
  });

  it('says so when a line or release has no published image, and --image overrides', () => {
    const { image: _, ...noImage } = generateInput({ preset: micro, flinkVersion: '2.3' });
    const r = generate(noImage);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    if (!r.ok) expect(r.message).toMatch(/no official flink image of Flink 2\.3 is published yet .*--image REF.*--flink-version 2\.2/);
    const patch = generate(generateInput({ preset: micro, flinkVersion: '1.20.5' }));
    if (patch.ok) throw new Error('expected a refusal');
    expect(patch.message).toContain('1.20 has 1.20.0, 1.20.1, 1.20.2, 1.20.3, 1.20.4');
    const own = generate(generateInput({ preset: micro, image: 'registry.example.com/flink:2.3.0-java17' }));
    if (!own.ok) throw new Error(own.message);
    // the line comes from the image's tag when no --flink-version says it
    expect(own.plan).toMatchObject({ line: '2.3', image: 'registry.example.com/flink:2.3.0-java17' });
  });

  it('the built CLI: --image in the files and the command line; exit 2 for a line without an image', () => {
    const bin = join(ROOT, 'bin/flinkfit.cjs');
    const ok = spawnSync(process.execPath, [bin, 'generate', '--preset', 'ram-2g', '--image', 'my/flink:2.3.0-java17', '--stdout'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('image: my/flink:2.3.0-java17');
    expect(ok.stdout).toContain('--flink-version 2.3');
    expect(ok.stdout).toContain('--image my/flink:2.3.0-java17');
    const no = spawnSync(process.execPath, [bin, 'generate', '--preset', 'ram-2g', '--flink-version', '2.3', '--stdout'], { encoding: 'utf8' });
    expect(no.status).toBe(2);
    expect(no.stderr).toContain('no official flink image of Flink 2.3 is published yet');
  });
});

describe('check: a tag newer than flinkfit knows is unknown, not wrong', () => {
  it('warns IMAGE_RELEASE_UNKNOWN for flink:2.9.0; 1.17 is read approximately as 1.18 and 1.9 is not modelled', () => {
    const e = explainCompose({
      path: 'c.yml',
      text: 'services:\n  jm: {image: "flink:2.9.0-java17", command: jobmanager}\n  old: {image: "flink:1.17.2", command: jobmanager}\n  older: {image: "flink:1.9.3", command: jobmanager}\n',
      read: () => undefined,
    });
    const codes = e.diagnostics.map((d) => [d.code, d.severity, d.message.split(':')[0]]);
    expect(codes).toContainEqual(['IMAGE_RELEASE_UNKNOWN', 'warning', 'service jm']);
    expect(codes).toContainEqual(['IMAGE_LINE_OLD', 'info', 'service old']);
    expect(codes).toContainEqual(['IMAGE_LINE_UNSUPPORTED', 'warning', 'service older']);
    expect(e.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
