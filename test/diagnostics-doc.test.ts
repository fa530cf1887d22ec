// The diagnostics page is complete and current, and every code the source can emit is registered.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnosticsDoc } from '../src/core/diagnostics-doc.js';
import { DIAGNOSTIC_INFO } from '../src/core/diagnostics.js';

const root = new URL('../', import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('docs/diagnostics.md', () => {
  it('is what the registry generates (run scripts/gen-diagnostics-doc.mjs after a change)', () => {
    expect(readFileSync(new URL('docs/diagnostics.md', root), 'utf8')).toBe(renderDiagnosticsDoc());
  });

  it('documents every code, each once', () => {
    const doc = renderDiagnosticsDoc();
    for (const code of Object.keys(DIAGNOSTIC_INFO)) {
      expect(doc.split(`### \`${code}\``).length - 1, code).toBe(1);
    }
  });

  it('every code written in the source is in the registry', () => {
    const used = new Set<string>();
    // findings come from the core and the CLI; src/node's error codes (a file that exists, an I/O
    // failure, an unreadable preset) end the command instead
    for (const f of [...sources(new URL('src/core/', root).pathname), ...sources(new URL('src/cli/', root).pathname)]) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:diag\(|code: )'([A-Z][A-Z0-9_]+)'/g)) used.add(m[1]!);
    }
    // sub-reasons of a load error and preset-file issues are not findings of their own
    const notFindings = [...used].filter((c) => /^(YAML_|PRESET_|UNSUPPORTED_VERSION$|INVALID_|NOT_CONFIGURED$|SUM_EXCEEDS|TOTAL_|DERIVED_|NETWORK_CONFLICT$|OVERFLOW$)/.test(c));
    const missing = [...used].filter((c) => !notFindings.includes(c) && !(c in DIAGNOSTIC_INFO));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });
});
