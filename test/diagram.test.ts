// The SVG diagram: well-formed XML, every part as wide as its bytes (within a pixel), every part
// and group labelled, the JVM flags marked over the region they bound, a refusal drawn with its
// shortfall and fix; golden files for the seed's case and Flink's default config, written by the
// built CLI. After a deliberate change of the picture, rewrite them and look at the result:
//   UPDATE_GOLDEN=1 npx vitest run test/diagram.test.ts
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import '../src/core/conf/standard.js';
import { explainConfDir } from '../src/core/analysis/explain.js';
import { BAR_WIDTH, explanationSvg } from '../src/core/diagram/index.js';
import { formatBytes } from '../src/core/size.js';
import type { FlinkLine } from '../src/core/versions.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/flinkfit.cjs');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const SHARED = join(ROOT, '../shared');

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.cjs'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}, 180_000);

type El = Record<string, unknown>;

/** Every element of the parsed document, depth first, with its tag name. */
function elements(svg: string): Array<{ tag: string; el: El; children: unknown[] }> {
  const tree = new XMLParser({ ignoreAttributes: false, preserveOrder: true, attributeNamePrefix: '' }).parse(svg) as unknown[];
  const out: Array<{ tag: string; el: El; children: unknown[] }> = [];
  const walk = (nodes: unknown[]) => {
    for (const node of nodes as El[]) {
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (!tag || tag === '#text') continue;
      const children = node[tag] as unknown[];
      out.push({ tag, el: (node[':@'] ?? {}) as El, children });
      walk(children);
    }
  };
  walk(tree);
  return out;
}

function textOf(children: unknown[]): string {
  return (children as El[])
    .map((c) => ('#text' in c ? String(c['#text']) : Object.entries(c).filter(([k]) => k !== ':@').map(([, v]) => textOf(v as unknown[])).join(' ')))
    .join(' ');
}

/** section id -> the bytes its bar's full width stands for */
function scales(svg: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const { tag, el } of elements(svg)) if (tag === 'g' && typeof el['data-scale-bytes'] === 'string') out.set(String(el.id).replace(/^ff-/, ''), BigInt(el['data-scale-bytes']));
  return out;
}

interface Drawn {
  section: string;
  id: string;
  bytes: bigint;
  x: number;
  width: number;
}

/** The parts of each bar with their rectangles; the labels by the id they name. */
function inspect(svg: string): { parts: Drawn[]; bands: Drawn[]; labels: Map<string, string>; flags: Array<{ flag: string; bytes: bigint }> } {
  const parts: Drawn[] = [];
  const bands: Drawn[] = [];
  const labels = new Map<string, string>();
  const flags: Array<{ flag: string; bytes: bigint }> = [];
  for (const { tag, el, children } of elements(svg)) {
    if (tag === 'g' && typeof el['data-part'] === 'string') {
      const rect = (children as El[]).find((c) => 'rect' in c)![':@'] as El;
      const id = el['data-part'];
      parts.push({ section: id.split('.')[0]!, id, bytes: BigInt(String(el['data-bytes'])), x: Number(rect.x), width: Number(rect.width) });
    }
    if (tag === 'g' && typeof el['data-band'] === 'string') {
      const rect = (children as El[]).find((c) => 'rect' in c)![':@'] as El;
      bands.push({ section: el['data-band'].split('.')[0]!, id: el['data-band'], bytes: BigInt(String(rect['data-bytes'])), x: Number(rect.x), width: Number(rect.width) });
    }
    if (tag === 'text' && typeof el['data-label-for'] === 'string') labels.set(el['data-label-for'], textOf(children));
    if (tag === 'path' && typeof el['data-flag'] === 'string') flags.push({ flag: el['data-flag'], bytes: BigInt(String(el['data-bytes'])) });
  }
  return { parts, bands, labels, flags };
}

/**
 * Within each bar: one pixel scale (the bar's width for the bytes it stands for, at least the sum of
 * its parts), parts laid edge to edge, each part's and group's width within a pixel of its bytes.
 */
function expectProportional(svg: string): void {
  const { parts, bands } = inspect(svg);
  const scale = scales(svg);
  const sections = [...new Set(parts.map((p) => p.section))];
  expect(sections.length).toBeGreaterThan(0);
  for (const s of sections) {
    const ps = parts.filter((p) => p.section === s);
    const bytes = ps.reduce((a, p) => a + p.bytes, 0n);
    expect(scale.get(s)! >= bytes, `${s}: the bar stands for at least its parts`).toBe(true);
    const width = ps.reduce((a, p) => a + p.width, 0);
    expect(width).toBeLessThanOrEqual(BAR_WIDTH + 0.05);
    if (bytes === 0n) continue;
    const k = BAR_WIDTH / Number(scale.get(s)!);
    let x = ps[0]!.x;
    for (const p of ps) {
      expect(Math.abs(p.width - Number(p.bytes) * k), `${p.id}: ${p.width}px for ${p.bytes} bytes`).toBeLessThanOrEqual(1);
      expect(Math.abs(p.x - x), `${p.id} starts where the part before it ends`).toBeLessThanOrEqual(0.02);
      x = p.x + p.width;
    }
    for (const b of bands.filter((b) => b.section === s)) {
      expect(Math.abs(b.width - Number(b.bytes) * k), `${b.id}: ${b.width}px for ${b.bytes} bytes`).toBeLessThanOrEqual(1);
    }
  }
}

/** Every part and group has a label naming it with its size. */
function expectLabelled(svg: string): void {
  const { parts, bands, labels } = inspect(svg);
  for (const p of [...parts, ...bands]) {
    const text = labels.get(p.id);
    expect(text, `${p.id} has a label`).toBeDefined();
    expect(text!.replace(/\s+/g, ' '), `${p.id}'s label gives its size`).toContain(formatBytes(p.bytes));
  }
}

function cli(args: string[], cwd = ROOT): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1' } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function golden(file: string, actual: string): void {
  const path = join(ROOT, file);
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  expect(actual, `${file} is out of date; rerun with UPDATE_GOLDEN=1 and review the picture`).toBe(readFileSync(path, 'utf8'));
}

const GOLDEN_CASES = [
  { file: 'test/golden/diagram-seed-e2-micro.svg', args: ['explain', '--format', 'svg', '--preset', 'gcp-e2-micro', 'examples/seed/flink-conf.yaml'], status: 1 },
  { file: 'test/golden/diagram-flink-default-2.3.svg', args: ['explain', '--format', 'svg', '--flink-version', '2.3', join(SHARED, 'dist-conf/2.3/config.yaml')], status: 0 },
];

describe('explain --format svg (the built CLI)', () => {
  for (const c of GOLDEN_CASES) {
    it(`${c.file}: well-formed, proportional, labelled, as committed`, () => {
      const r = cli(c.args);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(c.status);
      expect(XMLValidator.validate(r.stdout)).toBe(true);
      expectProportional(r.stdout);
      expectLabelled(r.stdout);
      golden(c.file, r.stdout);
    });
  }

  it('the README diagram (docs/diagram.svg) is what flinkfit draws for the seed on an e2-micro', () => {
    golden('docs/diagram.svg', cli(GOLDEN_CASES[0]!.args).stdout);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/diagram.svg');
  });

  it('draws the refusal: the shortfall past the configured size and the smallest fix', () => {
    const svg = cli(GOLDEN_CASES[0]!.args).stdout;
    // 500 MiB configured; metaspace 256 + overhead 192 + the Flink parts 309 MiB = 757 MiB
    expect(svg).toContain('data-shortfall="269274317"');
    expect(svg).toContain('Smallest fix: set taskmanager.memory.process.size: 961m');
    expect(svg).toContain('Smallest fix: set jobmanager.memory.process.size: 577m');
    expect(svg).toMatch(/<title id="ff-title">[^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="ff-desc">[^<]*framework heap 128 MiB \(134217728 bytes\)/);
    expect(svg).toContain('prefers-color-scheme:dark');
  });

  it('marks -Xmx, -XX:MaxDirectMemorySize and -XX:MaxMetaspaceSize over the regions they bound', () => {
    const svg = cli(GOLDEN_CASES[1]!.args).stdout;
    const { flags, labels } = inspect(svg);
    expect(flags).toEqual([
      { flag: '-Xmx', bytes: 536870902n },
      { flag: '-XX:MaxDirectMemorySize', bytes: 268435458n },
      { flag: '-XX:MaxMetaspaceSize', bytes: 268435456n },
      { flag: '-Xmx', bytes: 1073741824n },
      { flag: '-XX:MaxMetaspaceSize', bytes: 268435456n },
    ]);
    expect(labels.get('taskmanager.-XX:MaxDirectMemorySize')).toBe('-XX:MaxDirectMemorySize 256 MiB');
  });

  it('is deterministic', () => {
    expect(cli(GOLDEN_CASES[1]!.args).stdout).toBe(cli(GOLDEN_CASES[1]!.args).stdout);
  });
});

describe('diagrams of configs real Flink computed', () => {
  const lines: FlinkLine[] = ['1.20', '2.3'];
  for (const line of lines) {
    it(`flink-${line}.jsonl: the first 150 cases, accepted or refused`, () => {
      const cases = readFileSync(join(SHARED, `vectors/flink-${line}.jsonl`), 'utf8').split('\n').filter(Boolean).slice(0, 150);
      for (const l of cases) {
        const v = JSON.parse(l) as { flinkVersion: string; config: Record<string, string> };
        const file = line.startsWith('1.') ? 'flink-conf.yaml' : 'config.yaml';
        const text = Object.entries(v.config)
          .map(([k, val]) => (file === 'config.yaml' ? `${k}: ${JSON.stringify(val)}` : `${k}: ${val}`))
          .join('\n');
        const e = explainConfDir({ files: { [file]: `${text}\n` }, line, version: v.flinkVersion });
        const svg = explanationSvg(e, { name: 'test', memory: 2048n * 1048576n, systemReserved: 300n * 1048576n, parts: [{ name: 'TaskManager', bytes: 1000n * 1048576n, count: 2 }] });
        expect(XMLValidator.validate(svg)).toBe(true);
        expectProportional(svg);
        expectLabelled(svg);
      }
    });
  }
});
