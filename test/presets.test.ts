// Machine presets: the bundled files, the schema that guards them, the JSON Schema for editors, the
// errors a broken user preset gets, and the built `flinkfit presets` command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableBytes,
  availableMiB,
  formatPresetIssue,
  suggest,
  type Preset,
} from '../src/core/presets/index.js';
import { parsePreset } from '../src/core/presets/parse.js';
import { presetJsonSchema } from '../src/core/presets/schema.js';
import { listBundledPresetIds, loadBundledPresets, loadPreset } from '../src/node/presets.js';
import { BUNDLED_PRESETS_DIR } from '../src/node/bundled-presets.js';
import { renderPresetDetail, renderPresetTable, type PresetEntry } from '../src/cli/render/presets.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PRESETS_DIR = fileURLToPath(BUNDLED_PRESETS_DIR);

const EXPECTED_IDS = [
  'gcp-e2-micro',
  'gcp-e2-small',
  'gcp-e2-medium',
  'gcp-e2-standard-2',
  'aws-t3-micro',
  'aws-t3-small',
  'aws-t3-medium',
  'aws-t4g-small',
  'aws-t4g-medium',
  'azure-b1s',
  'azure-b1ms',
  'azure-b2s',
  'rpi4-1gb',
  'rpi4-2gb',
  'rpi4-4gb',
  'rpi4-8gb',
  'ram-1g',
  'ram-2g',
  'ram-4g',
  'ram-8g',
];

/** Kubernetes node presets (kind: kubernetes-node): their figures are tested in test/k8s-nodes.test.ts. */
const NODE_IDS = [
  'gke-e2-standard-2',
  'gke-e2-standard-4',
  'gke-e2-standard-8',
  'gke-e2-highmem-4',
  'eks-m5-large',
  'eks-m5-xlarge',
  'eks-m5-2xlarge',
  'eks-t3-large',
  'aks-standard-d2s-v5',
  'aks-standard-d4s-v5',
  'aks-standard-d8s-v5',
  'k8s-4g',
  'k8s-8g',
  'k8s-16g',
];

function bundled(): Preset[] {
  return loadBundledPresets().map((r) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
    return r.preset;
  });
}

function byId(id: string): Preset {
  const p = bundled().find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
}

describe('bundled presets', () => {
  it('are exactly the expected ids', () => {
    expect(listBundledPresetIds()).toEqual([...EXPECTED_IDS, ...NODE_IDS].sort());
    expect(readdirSync(PRESETS_DIR).filter((f) => f !== 'schema.json').sort()).toEqual(
      [...EXPECTED_IDS, ...NODE_IDS].map((id) => `${id}.yaml`).sort(),
    );
  });

  it('every one validates, and its id matches its file name', () => {
    for (const r of loadBundledPresets()) {
      expect(r, JSON.stringify(!r.ok && r.error)).toMatchObject({ ok: true });
      if (r.ok) expect(r.origin.file).toBe(`presets/${r.preset.id}.yaml`);
    }
  });

  it('every one points editors at the schema, explains its reserve and, unless generic, cites sources', () => {
    for (const id of EXPECTED_IDS) {
      const text = readFileSync(join(PRESETS_DIR, `${id}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    }
    for (const p of bundled()) {
      expect(p.basis).toMatch(/estimate/);
      expect(p.systemReservedParts?.length).toBeGreaterThan(0);
      if (p.provider !== 'generic') expect(p.sources?.length, p.id).toBeGreaterThan(0);
      expect(availableMiB(p)).toBeGreaterThan(p.memoryMiB / 2);
    }
  });

  it('state the provider figures', () => {
    const figures = Object.fromEntries(
      bundled()
        .filter((p) => p.kind !== 'kubernetes-node')
        .map((p) => [p.id, [p.memoryMiB, p.vcpus, p.sustainedVcpus ?? null, p.architecture]]),
    );
    expect(figures).toEqual({
      'gcp-e2-micro': [1024, 2, 0.25, 'x86_64'],
      'gcp-e2-small': [2048, 2, 0.5, 'x86_64'],
      'gcp-e2-medium': [4096, 2, 1, 'x86_64'],
      'gcp-e2-standard-2': [8192, 2, null, 'x86_64'],
      'aws-t3-micro': [1024, 2, 0.2, 'x86_64'],
      'aws-t3-small': [2048, 2, 0.4, 'x86_64'],
      'aws-t3-medium': [4096, 2, 0.4, 'x86_64'],
      'aws-t4g-small': [2048, 2, 0.4, 'arm64'],
      'aws-t4g-medium': [4096, 2, 0.4, 'arm64'],
      'azure-b1s': [1024, 1, 0.1, 'x86_64'],
      'azure-b1ms': [2048, 1, 0.2, 'x86_64'],
      'azure-b2s': [4096, 2, 0.4, 'x86_64'],
      'rpi4-1gb': [1024, 4, null, 'arm64'],
      'rpi4-2gb': [2048, 4, null, 'arm64'],
      'rpi4-4gb': [4096, 4, null, 'arm64'],
      'rpi4-8gb': [8192, 4, null, 'arm64'],
      'ram-1g': [1024, 2, null, 'x86_64'],
      'ram-2g': [2048, 2, null, 'x86_64'],
      'ram-4g': [4096, 2, null, 'x86_64'],
      'ram-8g': [8192, 2, null, 'x86_64'],
    });
  });

  it('available memory is memory less the reserve, in MiB and in bytes', () => {
    const p = byId('gcp-e2-micro');
    expect(availableMiB(p)).toBe(p.memoryMiB - p.systemReservedMiB);
    expect(availableBytes(p)).toBe(BigInt(availableMiB(p)) * 1048576n);
    // a Pi gives the GPU its gpu_mem before Linux starts, so it keeps less than a generic host
    expect(availableMiB(byId('rpi4-1gb'))).toBeLessThan(availableMiB(byId('ram-1g')));
  });
});

describe('presets/schema.json', () => {
  it('is the one generated from the zod schema (regenerate: npm run build && node scripts/gen-preset-schema.mjs)', () => {
    const committed = readFileSync(join(PRESETS_DIR, 'schema.json'), 'utf8');
    expect(committed).toBe(JSON.stringify(presetJsonSchema(), null, 2) + '\n');
  });

  it('refuses unknown keys and documents every field', () => {
    const schema = presetJsonSchema() as {
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
    };
    expect(schema.additionalProperties).toBe(false);
    for (const [key, prop] of Object.entries(schema.properties)) expect(prop.description, key).toBeTruthy();
  });
});

const VALID = `id: my-vm
name: My VM
provider: hetzner
memoryMiB: 2048
vcpus: 2
architecture: x86_64
systemReservedMiB: 300
basis: measured with free -m
`;

describe('parsePreset: a broken user preset names the file, line and key', () => {
  const issuesOf = (text: string) => {
    const r = parsePreset(text, 'my-vm.yaml');
    if (r.ok) throw new Error('expected issues');
    return r.issues;
  };

  it('accepts a minimal valid preset', () => {
    const r = parsePreset(VALID, 'my-vm.yaml');
    expect(r.ok && availableMiB(r.preset)).toBe(1748);
  });

  it('bad YAML', () => {
    const [issue] = issuesOf('id: my-vm\nname: [unclosed\nmemoryMiB: 1\n');
    expect(issue).toMatchObject({ code: 'PRESET_YAML_SYNTAX', file: 'my-vm.yaml' });
    expect(issue!.line).toBeGreaterThan(1);
    expect(formatPresetIssue(issue!)).toMatch(/^my-vm\.yaml:\d+:\d+: not valid YAML/);
  });

  it('a document that is not a mapping', () => {
    expect(issuesOf('- a\n- b\n').map((i) => i.code)).toEqual(['PRESET_NOT_A_MAPPING']);
    expect(issuesOf('').map((i) => i.code)).toEqual(['PRESET_NOT_A_MAPPING']);
  });

  it('unknown key, with a did-you-mean', () => {
    const issues = issuesOf(VALID.replace('memoryMiB: 2048', 'memoryMiB: 2048\nmemory: 2g'));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'PRESET_UNKNOWN_KEY', path: ['memory'], line: 5, column: 1, didYouMean: ['memoryMiB'] }),
    ]);
    expect(formatPresetIssue(issues[0]!)).toBe("my-vm.yaml:5:1: memory: unknown key (did you mean 'memoryMiB'?)");
  });

  it('negative memory', () => {
    const issues = issuesOf(VALID.replace('memoryMiB: 2048', 'memoryMiB: -2048'));
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([['PRESET_INVALID_VALUE', ['memoryMiB'], 4]]);
    expect(formatPresetIssue(issues[0]!)).toBe('my-vm.yaml:4:12: memoryMiB: must be at least 1');
  });

  it('memory written as a Flink size instead of MiB', () => {
    const issues = issuesOf(VALID.replace('memoryMiB: 2048', 'memoryMiB: 2g'));
    expect(formatPresetIssue(issues[0]!)).toMatch(/^my-vm\.yaml:4:12: memoryMiB: must be a whole number of MiB/);
  });

  it('reserve not below memory', () => {
    const issues = issuesOf(VALID.replace('systemReservedMiB: 300', 'systemReservedMiB: 2048'));
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['PRESET_RESERVED_TOO_LARGE', ['systemReservedMiB'], 7],
    ]);
    expect(formatPresetIssue(issues[0]!)).toMatch(/^my-vm\.yaml:7:20: systemReservedMiB: 2048 MiB must be less than memoryMiB/);
  });

  it('a missing key points at the mapping, a nested problem at its item', () => {
    const issues = issuesOf(
      VALID.replace('basis: measured with free -m\n', '') +
        'systemReservedParts:\n  - what: kernel\n    mib: 100\n  - what: docker\n    mibs: 200\n',
    );
    expect(issues.map((i) => [i.code, formatPresetIssue(i)])).toEqual([
      ['PRESET_MISSING_KEY', 'my-vm.yaml:1:1: basis: missing (required)'],
      ['PRESET_MISSING_KEY', 'my-vm.yaml:11:5: systemReservedParts[1].mib: missing (required)'],
      ['PRESET_UNKNOWN_KEY', "my-vm.yaml:12:5: systemReservedParts[1].mibs: unknown key (did you mean 'mib'?)"],
    ]);
  });

  it('parts that do not add up, sustained above vcpus, duplicate keys', () => {
    expect(
      issuesOf(VALID + 'systemReservedParts:\n  - what: kernel\n    mib: 100\n').map((i) => [i.code, i.line]),
    ).toEqual([['PRESET_PARTS_MISMATCH', 10]]);
    expect(issuesOf(VALID + 'sustainedVcpus: 3\n').map((i) => i.code)).toEqual(['PRESET_SUSTAINED_EXCEEDS_VCPUS']);
    expect(issuesOf(VALID + 'vcpus: 4\n').map((i) => i.code)).toEqual(['PRESET_YAML_SYNTAX']);
  });
});

describe('loadPreset', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flinkfit-presets-'));
    writeFileSync(join(dir, 'good.yaml'), VALID);
    writeFileSync(join(dir, 'broken.yaml'), VALID.replace('memoryMiB: 2048', 'memoryMiB: -1\nram: 2048'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a bundled id and a user file', async () => {
    expect(await loadPreset('aws-t3-micro')).toMatchObject({ ok: true, origin: { kind: 'bundled' }, preset: { memoryMiB: 1024 } });
    expect(await loadPreset(join(dir, 'good.yaml'))).toMatchObject({ ok: true, origin: { kind: 'file' }, preset: { id: 'my-vm' } });
  });

  it('reports every problem of a broken user file with its file name', async () => {
    const r = await loadPreset(join(dir, 'broken.yaml'), { cwd: dir });
    expect(r.ok).toBe(false);
    if (r.ok || r.error.code !== 'PRESET_INVALID') throw new Error('expected PRESET_INVALID');
    expect(r.error.file).toBe('broken.yaml');
    expect(r.error.issues.map(formatPresetIssue)).toEqual([
      'broken.yaml:4:12: memoryMiB: must be at least 1',
      'broken.yaml:5:1: ram: unknown key',
    ]);
  });

  it('an unreadable file', async () => {
    expect(await loadPreset(join(dir, 'missing.yaml'))).toMatchObject({ ok: false, error: { code: 'PRESET_UNREADABLE' } });
  });

  it('an unknown id suggests close bundled ids', async () => {
    const didYouMean = async (id: string) => {
      const r = await loadPreset(id);
      if (r.ok || r.error.code !== 'PRESET_UNKNOWN') throw new Error('expected PRESET_UNKNOWN');
      return r.error.didYouMean;
    };
    expect(await didYouMean('t3.micro')).toEqual(['aws-t3-micro']);
    expect(await didYouMean('e2-micro')).toEqual(['gcp-e2-micro']);
    expect(await didYouMean('Standard_B1s')).toEqual(['azure-b1s']);
    expect(await didYouMean('gcp-e2-mirco')).toEqual(['gcp-e2-micro']);
    expect((await didYouMean('rpi4-1g'))[0]).toBe('rpi4-1gb');
  });

  it('suggest() always has something to offer', () => {
    const s = suggest('nope', EXPECTED_IDS);
    expect(s.close).toEqual([]);
    expect(s.nearest).toHaveLength(3);
  });
});

describe('renderers', () => {
  const entries: PresetEntry[] = loadBundledPresets().flatMap((r) => (r.ok ? [{ preset: r.preset, origin: r.origin }] : []));

  it('colour is an option', () => {
    expect(renderPresetTable(entries, { color: false })).not.toMatch(/\x1b\[/);
    expect(renderPresetTable(entries, { color: true })).toMatch(/\x1b\[/);
  });

  it('the table aligns its columns', () => {
    const lines = renderPresetTable(entries, { color: false }).split('\n').slice(0, 21);
    const at = lines[0]!.indexOf('FOR FLINK') + 'FOR FLINK'.length;
    for (const line of lines) expect(line.length).toBe(at);
  });

  it('the detail shows the reserve and its basis', () => {
    const e2 = entries.find((e) => e.preset.id === 'gcp-e2-micro')!;
    const text = renderPresetDetail(e2, { color: false, width: 80 });
    expect(text).toContain('312 MiB (estimate)');
    expect(text).toContain('712 MiB (memory less reserved)');
    expect(text).toContain('google-guest-agent');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('core purity', () => {
  it('src/core/presets imports no Node built-ins', () => {
    const dir = join(ROOT, 'src/core/presets');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/from '(node:|fs|path|os|process)/);
      expect(text, f).not.toMatch(/\bprocess\.(env|exit|stdout|stderr|argv|cwd)\b/);
    }
  });
});

describe('built CLI: flinkfit presets', () => {
  let dir: string;
  beforeAll(() => {
    // `npm test` builds first; build here too when run on a fresh checkout
    if (!existsSync(join(ROOT, 'dist/cli/main.cjs'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT });
    dir = mkdtempSync(join(tmpdir(), 'flinkfit-cli-'));
    writeFileSync(join(dir, 'broken.yaml'), VALID.replace('systemReservedMiB: 300', 'systemReservedMiB: 4096'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const flinkfit = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/flinkfit.cjs'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status };
  };

  it('lists all 20 presets', () => {
    const r = flinkfit('presets');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    const ids = r.stdout.split('\n').slice(1, 21).map((l) => l.split(/\s+/)[0]);
    expect(ids.sort()).toEqual([...EXPECTED_IDS].sort());
    expect(r.stdout).toMatch(/^gcp-e2-micro\s+Google Cloud e2-micro\s+1 GiB\s+2 \(0\.25\)\s+x86_64\s+712 MiB$/m);
  });

  it('--json is the data model', () => {
    const r = flinkfit('presets', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; presets: { id: string; availableMiB: number }[] };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.presets).toHaveLength(EXPECTED_IDS.length + NODE_IDS.length);
    expect(doc.presets.find((p) => p.id === 'aws-t3-micro')?.availableMiB).toBe(722);
  });

  it('shows one preset with its basis', () => {
    const r = flinkfit('presets', 'rpi4-4gb');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gpu_mem');
    expect(r.stdout).toMatch(/^basis$/m);
  });

  it('an unknown id exits 2 with a did-you-mean', () => {
    const r = flinkfit('presets', 'nope');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^flinkfit: unknown preset 'nope'\. Did you mean /);
    expect(flinkfit('presets', 't3.micro').stderr).toContain('Did you mean aws-t3-micro?');
  });

  it('a broken user preset exits 2 naming file, line and key', () => {
    const r = flinkfit('presets', './broken.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('flinkfit: invalid preset broken.yaml (1 problem):');
    expect(r.stderr).toContain('broken.yaml:7:20: systemReservedMiB: 4096 MiB must be less than memoryMiB (2048 MiB)');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a missing file exits 2', () => {
    const r = flinkfit('presets', 'missing.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('flinkfit: cannot read preset file missing.yaml: no such file\n');
  });
});
