// config.yaml files of flat `key: value` lines are read directly (linear); the general path must
// give the same result. "---" in front sends a file down the general path, one line lower.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStandardConf } from '../src/core/conf/standard.js';
import { aliasBomb, deepBlock, deepFlow, flowAtColumnZero, manyKeys, selfMerge, twoLineQuoted } from './hostile/cases.js';

const general = (text: string) => {
  const r = parseStandardConf(`---\n${text}`);
  if (r.ok) return { ...r, entries: r.entries.map((e) => ({ ...e, line: e.line - 1 })) };
  return { ...r, error: { ...r.error, line: (r.error.line ?? 0) - 1, message: r.error.message.replace(/line (\d+)/, (_, n: string) => `line ${Number(n) - 1}`) } };
};

const word = fc.stringMatching(/^[A-Za-z0-9_.\/+=@%,~():-]{1,12}$/);
const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/), fc.constantFrom('true', 'null', '1', '0x1f', 'a', 'a.b'));
const value = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')),
  fc.constantFrom('1024', '-1', '0x10', '0o17', '.inf', '-.inf', '.NaN', '1e3', 'true', 'False', 'null', '~', '-', '1g', '-Xmx1g -XX:+UseG1GC', 'a:b', 'a: b', 'x:', '12345678901234567890'),
);
const line = fc.oneof(
  fc.tuple(key, value, fc.constantFrom('', ' ', '  # note', ' #x')).map(([k, v, tail]) => `${k}: ${v}${tail}`),
  fc.constantFrom('', '# comment', '   ', '  # indented'),
);

describe('standard config.yaml: the flat fast path', () => {
  it('agrees with the general path on flat files', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n') + '\n';
        expect(JSON.parse(JSON.stringify(parseStandardConf(text), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))).toEqual(
          JSON.parse(JSON.stringify(general(text), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))),
        );
      }),
      { numRuns: 400, seed: 10 },
    );
  });
});

// nested block mappings, the shape of Flink 2.x's own config.yaml, with quoted leaves; random
// indentation also makes files this reader must hand on (bad columns, continuations, null values)
const quoted = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 _.:#\/\\'-]{0,10}$/).map((t) => `"${t}"`),
  fc.stringMatching(/^[A-Za-z0-9 _.:#\/\\"-]{0,10}$/).map((t) => `'${t}'`),
  fc.constantFrom('"a\\tb"', "'it''s'", '"x"y', '"', "''"),
);
const nestedLine = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(0, 0, 2, 2, 4, 4, 6, 1, 3), key, fc.oneof(value, quoted), fc.constantFrom('', ' ', '  # note')).map(([n, k, v, tail]) => `${' '.repeat(n)}${k}: ${v}${tail}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, 0, 2, 2, 4, 1), key, fc.constantFrom('', ' # open', ' ')).map(([n, k, tail]) => `${' '.repeat(n)}${k}:${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '    # indented', '  continued', '  - item') },
);

describe('standard config.yaml: the nested block fast path', () => {
  it('agrees with the general path on nested files', () => {
    fc.assert(
      fc.property(fc.array(nestedLine, { maxLength: 14 }), (lines) => {
        const text = lines.join('\n') + '\n';
        const direct = parseStandardConf(text);
        // a top-level list is refused at line 1 either way (the shift of `general` does not apply)
        fc.pre(direct.ok || direct.error.reason !== 'YAML_TOP_NOT_MAPPING');
        expect(JSON.parse(JSON.stringify(direct, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)))).toEqual(
          JSON.parse(JSON.stringify(general(text), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))),
        );
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('reads a many-level file without the general path', () => {
    const text = 'taskmanager:\n  memory:\n    process:\n      size: 1g\n    network.fraction: "0.1"\n  numberOfTaskSlots: 2\njobmanager.memory.process.size: 1g\n';
    expect(parseStandardConf(text)).toMatchObject({
      ok: true,
      entries: [
        { key: 'taskmanager.memory.process.size', value: '1g', line: 4 },
        { key: 'taskmanager.memory.network.fraction', value: '0.1', line: 5 },
        { key: 'taskmanager.numberOfTaskSlots', value: { type: 'Integer', value: 2n }, line: 6 },
        { key: 'jobmanager.memory.process.size', value: '1g', line: 7 },
      ],
    });
  });
});

describe('standard config.yaml: hostile files (issue 10) end as load errors or loads, in linear time', () => {
  it.each([
    ['alias bomb', aliasBomb(), 'YAML_ALIAS_LIMIT'],
    ['mapping merging into itself', selfMerge, undefined],
    ['deep flow nesting', deepFlow(), 'YAML_TOO_DEEP'],
    ['deep block nesting', deepBlock(), 'YAML_TOO_DEEP'],
  ])('%s', (_name, text, reason) => {
    const r = parseStandardConf(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    if (reason) expect(r.error.reason).toBe(reason);
    expect(r.error.line).toBeGreaterThanOrEqual(1);
    expect(r.error.line).toBeLessThanOrEqual(text.split('\n').length);
  });

  it('a flow list continuing at column 0 loads', () => {
    const r = parseStandardConf(flowAtColumnZero());
    expect(r.ok && r.entries.find((e) => e.key === 'list')?.value).toMatch(/^\[x0, x1, .*x2999\]$/);
  });

  it('3,000 two-line quoted values load, folded', () => {
    const r = parseStandardConf(twoLineQuoted());
    expect(r.ok && r.entries.length).toBe(3000);
    expect(r.ok && r.entries[2999]).toMatchObject({ key: 'k2999', value: 'a b2999', line: 5999 });
  });

  it('150,000 keys load with their lines', () => {
    const r = parseStandardConf(manyKeys());
    expect(r.ok && r.entries.length).toBe(150_001);
    expect(r.ok && r.entries[150_000]).toMatchObject({ key: 'key149999', value: 'value149999', line: 150_001 });
  });
});
