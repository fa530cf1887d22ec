// The config-file loaders the library exports: the same reading as `explain`, as data, never a throw.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigDir, resolveTaskManager } from '../src/index.js';

const seed = readFileSync(new URL('../examples/seed/flink-conf.yaml', import.meta.url), 'utf8');
const configYaml = readFileSync(new URL('./fixtures/seed-config-yaml/config.yaml', import.meta.url), 'utf8');

describe('loadConfig', () => {
  it('reads a flink-conf.yaml as Flink 1.20 by default and feeds the memory model', () => {
    const r = loadConfig(seed, { fileName: 'conf/flink-conf.yaml' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.flinkVersion).toMatch(/^1\.20\./);
    expect(r.configFile).toBe('flink-conf.yaml');
    expect(r.config['taskmanager.memory.process.size']).toBe('500mb');
    expect(r.origins['taskmanager.memory.process.size']).toMatchObject({ file: 'flink-conf.yaml' });
    expect(r.diagnostics.map((d) => d.code)).toContain('VERSION_ASSUMED');
    const tm = resolveTaskManager(r.config, { flinkVersion: r.flinkVersion });
    expect(tm.ok).toBe(false); // the seed is refused by Flink, as explain says
  });

  it('reads a nested config.yaml with typed values', () => {
    const r = loadConfig(configYaml, { fileName: 'config.yaml', flinkVersion: '2.1' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.flinkVersion).toMatch(/^2\.1\./);
    expect(Object.keys(r.config).length).toBeGreaterThan(0);
    expect(resolveTaskManager(r.config, { flinkVersion: r.flinkVersion }).ok).toBeTypeOf('boolean');
  });

  it('reports, does not throw: bad YAML, a flink-conf.yaml on Flink 2, a bad version', () => {
    const bad = loadConfig('a: [1, 2\nb: {', { fileName: 'config.yaml', flinkVersion: '2.0' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'CONFIG_LOAD_ERROR' } });
    expect(loadConfig(seed, { fileName: 'flink-conf.yaml', flinkVersion: '2.0' })).toMatchObject({ ok: false, error: { code: 'NO_CONFIG_FILE' } });
    expect(loadConfig(seed, { fileName: 'flink-conf.yaml', flinkVersion: '3.9' })).toMatchObject({ ok: false, flinkVersion: null, error: { code: 'FLINK_VERSION_UNSUPPORTED' } });
  });

  it('loadConfigDir picks the file Flink reads and says which it ignores', () => {
    const r = loadConfigDir({ 'flink-conf.yaml': seed, 'config.yaml': configYaml }, { flinkVersion: '1.19' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.configFile).toBe('flink-conf.yaml');
    expect(r.diagnostics.map((d) => d.code)).toContain('CONFIG_FILE_IGNORED');
    expect(loadConfigDir({ 'config.yaml': configYaml }, { flinkVersion: '2.3', dynamic: { 'taskmanager.memory.process.size': '2g' } })).toMatchObject({
      ok: true,
      config: { 'taskmanager.memory.process.size': '2g' },
      origins: { 'taskmanager.memory.process.size': { file: '-D' } },
    });
  });
});
