// The YAML limits: every breach is a located error, never a throw, a hang or a stack overflow.
import { describe, expect, it } from 'vitest';
import { parseYamlSafe, toJsSafe, YAML_LIMITS, depthBreach } from '../src/core/yaml-safe.js';

/** "billion laughs": each level a list of nine aliases of the level before */
export function aliasBomb(levels = 10): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** merge keys: each level merges the level before twice */
export function mergeBomb(levels = 30): string {
  const lines = ['m0: &m0 {a: 1, b: 2}'];
  for (let i = 1; i < levels; i++) lines.push(`m${i}: &m${i}\n  <<: [*m${i - 1}, *m${i - 1}]\n  k${i}: ${i}`);
  return lines.join('\n') + '\n';
}

describe('parseYamlSafe', () => {
  it('parses ordinary YAML and hands back the document', () => {
    const r = parseYamlSafe('a: 1\nb: [x, y]\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc?.toJS()).toEqual({ a: 1, b: ['x', 'y'] });
  });

  it('refuses an alias bomb with the line of the alias that breaks the budget', () => {
    const r = parseYamlSafe(aliasBomb());
    expect(r).toMatchObject({ ok: false, error: { code: 'YAML_ALIAS_LIMIT' } });
    if (!r.ok) expect(r.error.line).toBeGreaterThan(1);
  });

  it('refuses a merge-key bomb', () => {
    const r = parseYamlSafe(mergeBomb(), { parse: { merge: true } });
    expect(r).toMatchObject({ ok: false, error: { code: 'YAML_ALIAS_LIMIT' } });
  });

  it('refuses a mapping that merges into itself, naming its line', () => {
    const r = parseYamlSafe('x: 1\na: &a\n  b: 1\n  <<: *a\n', { parse: { merge: true } });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'YAML_RECURSIVE_ALIAS', line: 4 }) });
  });

  it.each([
    ['flow brackets', 'a: ' + '['.repeat(50_000) + ']'.repeat(50_000) + '\n', 1],
    ['compact sequences', '- '.repeat(5_000) + 'x\n', 1],
    ['nested mappings', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n' + ' '.repeat(300) + 'v\n', 101],
  ])('refuses nesting beyond the limit (%s) without overflowing the stack', (_name, text, line) => {
    const r = parseYamlSafe(text);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'YAML_TOO_DEEP', line }) });
  });

  it('accepts nesting up to the limit', () => {
    const depth = YAML_LIMITS.maxDepth - 1;
    expect(parseYamlSafe('[' .repeat(depth) + ']'.repeat(depth)).ok).toBe(true);
    expect(depthBreach('a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n')).toBe(-1);
  });

  it('refuses a text beyond the size limit before parsing it', () => {
    const r = parseYamlSafe('a: 1\n', { limits: { maxChars: 3 } });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'YAML_TOO_LARGE', line: 1 }) });
  });

  it('reports duplicate keys as the package does, but in linear time', () => {
    const r = parseYamlSafe('a: 1\nb: 2\na: 3\n');
    expect(r).toEqual({ ok: false, error: { code: 'YAML_SYNTAX_ERROR', message: 'Map keys must be unique', line: 3 } });
    expect(parseYamlSafe('a: 1\n', { parse: { uniqueKeys: false } }).ok).toBe(true);
  });

  it('keeps syntax errors for callers that report them their own way', () => {
    const r = parseYamlSafe('a: [\n', { keepSyntaxErrors: true });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc?.errors.length).toBeGreaterThan(0);
  });

  it('never throws, whatever it is given', () => {
    for (const t of ['', '\0\0', '---\n---\n', '*a', '&a [*a]', '? [a\n: b', '%YAML 9.9\n---\na', 42 as unknown as string]) {
      expect(() => parseYamlSafe(t)).not.toThrow();
    }
  });
});

describe('toJsSafe', () => {
  it('turns the package alias budget into an error', () => {
    const r = parseYamlSafe('a: &a [1, 2]\nb: [*a, *a, *a]\n');
    expect(r.ok).toBe(true);
    if (!r.ok || !r.doc) return;
    expect(toJsSafe(r.doc)).toEqual({ ok: true, value: { a: [1, 2], b: [[1, 2], [1, 2], [1, 2]] } });
    expect(toJsSafe(r.doc, { limits: { maxAliasCount: 0 } })).toMatchObject({ ok: false, error: { code: 'YAML_ALIAS_LIMIT' } });
  });
});
