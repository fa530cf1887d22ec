// The image's default config that flinkfit ships must load, in Flink's loader, to exactly what
// the real image's file (../shared/image-conf) loads to: the same keys, values and types.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfDir } from '../src/core/conf/confdir.js';
import { imageConf } from '../src/core/docker/image-conf.js';
import { FLINK_LINES } from '../src/core/versions.js';

const shared = new URL('../../shared/image-conf/', import.meta.url);

describe('image default config', () => {
  for (const line of FLINK_LINES) {
    it(`Flink ${line}: same effective configuration as the real image`, () => {
      const dir = new URL(`${line}/`, shared);
      const real: Record<string, string> = {};
      for (const f of readdirSync(dir)) real[f] = readFileSync(new URL(f, dir), 'utf8');
      const a = loadConfDir(real, { flinkLine: line });
      const b = loadConfDir(imageConf(line), { flinkLine: line });
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      expect(Object.keys(b.config).sort()).toEqual(Object.keys(a.config).sort());
      expect(b.config).toEqual(a.config);
      expect(Object.keys(imageConf(line))).toEqual(Object.keys(real));
    });
  }
});
