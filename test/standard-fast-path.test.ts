// config.yaml files of flat `key: value` lines are read directly (linear); the general path must
// give the same result. "---" in front sends a file down the general path, one line lower.
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERAL_MAX_CHARS, parseStandardConf } from '../src/core/conf/standard.js';
import { MAX_CONFIG_KEYS } from '../src/core/conf/limits.js';
import { findUnprintable, parseFlatStyle } from '../src/core/conf/standard-flat.js';
import { aliasBomb, deepBlock, deepFlow, flowAtColumnZero, manyKeys, selfMerge, twoLineQuoted } from './hostile/cases.js';

/** Every config.yaml of the distributions and images under ../shared (Flink's own files). */
function sharedConfigYamls(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'config.yaml') out.push(p);
    }
  };
  for (const d of ['dist-conf', 'image-conf']) walk(fileURLToPath(new URL(`../../shared/${d}/`, import.meta.url)));
  return out;
}

const general = (text: string) => {
  const r = parseStandardConf(`---\n${text}`);
  if (r.ok) return { ...r, entries: r.entries.map((e) => ({ ...e, line: e.line - 1 })) };
  return { ...r, error: { ...r.error, line: (r.error.line ?? 0) - 1, message: r.error.message.replace(/line (\d+)/, (_, n: string) => `line ${Number(n) - 1}`) } };
};

const word = fc.stringMatching(/^-{0,2}[A-Za-z0-9_.\/+=@%,~():-]{1,12}$/);
const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,20}$/), fc.constantFrom('true', 'null', '1', '0x1f', 'a', 'a.b'));
const value = fc.oneof(
  fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')),
  fc.constantFrom('1024', '-1', '0x10', '0o17', '.inf', '-.inf', '.NaN', '1e3', 'true', 'False', 'null', '~', '-', '1g', '-Xmx1g -XX:+UseG1GC', '--add-opens=java.base/java.lang=ALL-UNNAMED --add-exports=a/b=c', '--', '---', '--x', '-- x', 'a:b', 'a: b', 'x:', '12345678901234567890'),
  // quoted, as the image's config.yaml and Flink's rewrite of it write values; the last ones have escapes
  fc.constantFrom("'localhost'", "''", '""', "'a # b'", '"1600m"', "'6124'", `"a'b"`, `'a"b'`, "'true'", "' x '", "'it''s'", '"a\\tb"', "'a'b'"),
  word.map((w) => `'${w}'`),
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

/**
 * Nested block mappings: a walk of depths (each line at most one deeper than the last), indented
 * by a per-file step; a line followed by a deeper one opens a mapping, the others hold a value
 * (sometimes none, a null), keys may repeat. Comment and blank lines fall anywhere.
 */
const nestedLine = fc.tuple(
  fc.integer({ min: -3, max: 1 }),
  fc.oneof(fc.constantFrom('a', 'b', 'memory', 'process', 'size', 'a.b', 'x-y', 'true', '1'), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,6}$/)),
  fc.option(value, { nil: undefined, freq: 12 }),
  fc.constantFrom('', ' ', '  # note', ' #x'),
);
const nestedFile = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.oneof({ arbitrary: nestedLine, weight: 6 }, { arbitrary: fc.constantFrom('', '# comment', '  # indented'), weight: 1 }), { maxLength: 14 }))
  .map(([step, ls]) => {
    let depth = 0;
    const shaped = ls.map((l) => {
      if (typeof l === 'string') return l;
      depth = Math.max(0, Math.min(depth + l[0], depth + 1));
      return { depth, key: l[1], value: l[2], tail: l[3] };
    });
    const out = shaped.map((l, i) => {
      if (typeof l === 'string') return l;
      const next = shaped.slice(i + 1).find((x) => typeof x !== 'string');
      const opens = next !== undefined && typeof next !== 'string' && next.depth > l.depth;
      return `${' '.repeat(l.depth * step)}${l.key}:${opens || l.value === undefined ? '' : ` ${l.value}`}${l.tail}`;
    });
    return out.join('\n') + '\n';
  });

describe('standard config.yaml: the nested fast path', () => {
  it('agrees with the general path on nested files', () => {
    const json = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
    let fast = 0;
    let nestedFast = 0;
    fc.assert(
      fc.property(nestedFile, (text) => {
        expect(json(parseStandardConf(text))).toEqual(json(general(text)));
        if (parseFlatStyle(text, 'config.yaml') !== undefined) {
          fast++;
          if (/^ +\S/m.test(text.replace(/^ *#.*$/gm, ''))) nestedFast++;
        }
      }),
      { numRuns: 3000, seed: 11 },
    );
    // the property is worth something only if many files took the fast path, nested ones among them
    expect(fast).toBeGreaterThan(400);
    expect(nestedFast).toBeGreaterThan(80);
  });

  it("reads Flink's shipped config.yaml (nested, commented) the same way", () => {
    for (const file of sharedConfigYamls()) {
      const text = readFileSync(file, 'utf8');
      expect(parseStandardConf(text).ok, file).toBe(true);
      expect(parseFlatStyle(text.replace(/\r\n?/g, '\n'), 'config.yaml'), file).toBeDefined();
      expect(parseStandardConf(text)).toEqual(general(text));
    }
  });
});

// A second generator (from the issue-10 work): random columns, quoted leaves with '#', quotes and
// backslashes inside, continuation and list lines, so many files are ones the reader must hand on.
const quotedLeaf = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 _.:#\/\\'-]{0,10}$/).map((t) => `"${t}"`),
  fc.stringMatching(/^[A-Za-z0-9 _.:#\/\\"-]{0,10}$/).map((t) => `'${t}'`),
  fc.constantFrom('"a\\tb"', "'it''s'", '"x"y', '"', "''"),
);
const randomLine = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(0, 0, 2, 2, 4, 4, 6, 1, 3), key, fc.oneof(value, quotedLeaf), fc.constantFrom('', ' ', '  # note')).map(([n, k, v, tail]) => `${' '.repeat(n)}${k}: ${v}${tail}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0, 0, 2, 2, 4, 1), key, fc.constantFrom('', ' # open', ' ')).map(([n, k, tail]) => `${' '.repeat(n)}${k}:${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '# comment', '    # indented', '  continued', '  - item') },
);

describe('standard config.yaml: nested files with random columns', () => {
  it('agree with the general path', () => {
    const json = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
    fc.assert(
      fc.property(fc.array(randomLine, { maxLength: 14 }), (lines) => {
        const text = lines.join('\n') + '\n';
        const direct = parseStandardConf(text);
        // a top-level list is refused at line 1 either way (the shift of `general` does not apply)
        fc.pre(direct.ok || direct.error.reason !== 'YAML_TOP_NOT_MAPPING');
        expect(json(direct)).toEqual(json(general(text)));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('reads a many-level file directly', () => {
    const text = 'taskmanager:\n  memory:\n    process:\n      size: 1g\n    network.fraction: "0.1"\n  numberOfTaskSlots: 2\njobmanager.memory.process.size: 1g\n';
    expect(parseFlatStyle(text, 'config.yaml')).toMatchObject({
      ok: true,
      entries: [
        { key: 'taskmanager.memory.process.size', value: '1g', line: 4 },
        { key: 'taskmanager.memory.network.fraction', value: '0.1', line: 5 },
        { key: 'taskmanager.numberOfTaskSlots', value: { type: 'Integer', value: 2n }, line: 6 },
        { key: 'jobmanager.memory.process.size', value: '1g', line: 7 },
      ],
    });
  });

  it('hands files deeper than 32 levels to the general path, which reads them the same', () => {
    const leaf = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:${i === n - 1 ? ' v' : ''}`).join('\n') + '\n';
    expect(parseFlatStyle(leaf(32), 'config.yaml')).toBeDefined();
    expect(parseFlatStyle(leaf(33), 'config.yaml')).toBeUndefined();
    expect(parseStandardConf(leaf(33))).toEqual(general(leaf(33)));
    expect(parseStandardConf(leaf(32))).toEqual(general(leaf(32)));
  });
});

describe("snakeyaml-engine's printable set", () => {
  /** The reader's rule spelled out code point by code point, as StreamReader checks it. */
  const reference = (text: string): number => {
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i) ?? 0;
      const ok = c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
      if (!ok) return i;
      if (c > 0xffff) i++;
    }
    return -1;
  };
  it('finds the first code point outside it, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (t) => findUnprintable(t) === reference(t)), { numRuns: 20000, seed: 3 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((a) => String.fromCharCode(...a)), (t) => findUnprintable(t) === reference(t)),
      { numRuns: 20000, seed: 4 },
    );
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

  it('a file past 256 KiB that needs the general path is refused before it is parsed; a plain one of that size loads', () => {
    const general = 'app:\n' + Array.from({ length: 30_000 }, (_, i) => `  g${i}:\n    opts: [a, b]\n`).join('');
    expect(general.length).toBeGreaterThan(GENERAL_MAX_CHARS);
    expect(parseStandardConf(general)).toMatchObject({ ok: false, error: { reason: 'YAML_TOO_LARGE', file: 'config.yaml' } });
    const plain = 'app:\n' + Array.from({ length: 30_000 }, (_, i) => `  g${i}:\n    opts: a-b\n`).join('');
    expect(plain.length).toBeGreaterThan(GENERAL_MAX_CHARS);
    expect(parseStandardConf(plain)).toMatchObject({ ok: true });
  });

  it('3,000 two-line quoted values load, folded', () => {
    const r = parseStandardConf(twoLineQuoted());
    expect(r.ok && r.entries.length).toBe(3000);
    expect(r.ok && r.entries[2999]).toMatchObject({ key: 'k2999', value: 'a b2999', line: 5999 });
  });

  it('keys up to the key limit load with their lines; 150,000 are refused at the first one past it', () => {
    const r = parseStandardConf(manyKeys(MAX_CONFIG_KEYS - 1));
    expect(r.ok && r.entries.length).toBe(MAX_CONFIG_KEYS);
    expect(r.ok && r.entries[MAX_CONFIG_KEYS - 1]).toMatchObject({ key: `key${MAX_CONFIG_KEYS - 2}`, value: `value${MAX_CONFIG_KEYS - 2}`, line: MAX_CONFIG_KEYS });
    expect(parseStandardConf(manyKeys())).toMatchObject({ ok: false, error: { reason: 'TOO_MANY_KEYS', line: MAX_CONFIG_KEYS + 1, key: `key${MAX_CONFIG_KEYS - 1}` } });
  });
});
