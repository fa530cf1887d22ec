// Unit tests for the conf-directory loaders: the rules Flink's loaders follow that are easy to break.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueType, type ConfigValue } from '../src/core/config-value.js';
import { javaString, loadConfDir, type ConfLoad } from '../src/core/conf/confdir.js';
import { forEachJavaLine, javaTrim, parseFlatConf } from '../src/core/conf/flat.js';
import { constructYamlInt, javaDouble, parseStandardConf } from '../src/core/conf/standard.js';
import { FLINK_LINES } from '../src/core/versions.js';
import { MAX_CONFIG_KEYS } from '../src/core/conf/limits.js';
import { capPerCode, MAX_LISTED_PER_CODE } from '../src/core/diagnostics.js';

/** key -> "text:Type" for a standard file, or the reason it fails. */
function std(text: string): Record<string, string> | string {
  const r = parseStandardConf(text);
  if (!r.ok) return r.error.reason ?? r.error.code;
  return Object.fromEntries(
    r.entries.map((e) => [e.key, `${javaString(e.value)}:${valueType(e.value)}`]),
  );
}

function javaLines(text: string): string[] {
  const lines: string[] = [];
  forEachJavaLine(text, (line) => lines.push(line) > 0);
  return lines;
}

function flat(text: string): Record<string, string> {
  return Object.fromEntries(parseFlatConf(text).entries.map((e) => [e.key, e.value]));
}

function okLoad(load: ConfLoad): Extract<ConfLoad, { ok: true }> {
  if (!load.ok) throw new Error(load.error.message);
  return load;
}

describe('flat flink-conf.yaml', () => {
  it('splits lines like BufferedReader.readLine', () => {
    expect(javaLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(javaLines('a\n')).toEqual(['a']);
    expect(javaLines('a\u0085b\u2028c')).toEqual(['a\u0085b\u2028c']);
    expect(javaLines('')).toEqual([]);
  });

  it('trims like String.trim: controls go, NBSP stays', () => {
    expect(javaTrim('\u0001\t x \u001f')).toBe('x');
    expect(javaTrim('\u00a0x')).toBe('\u00a0x');
  });

  it('cuts at the first # anywhere and splits at the first ": "', () => {
    expect(flat('a: 2g#x\nb: "q # r"\nc: d: e\n')).toEqual({ a: '2g', b: '"q', c: 'd: e' });
  });

  it('skips lines without ": " and empty keys or values, with line numbers', () => {
    const r = parseFlatConf('k:v\n: v\nk2: \n\nok: 1\n');
    expect(r.entries).toEqual([{ file: 'flink-conf.yaml', key: 'ok', value: '1', line: 5 }]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['FLAT_LINE_SKIPPED', 1],
      ['FLAT_LINE_SKIPPED', 2],
      ['FLAT_LINE_SKIPPED', 3],
    ]);
  });

  it('lets the last occurrence win and reports both lines', () => {
    const r = parseFlatConf('a: 1\nb: 2\na: 3\n');
    expect(r.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['a', '3', 3],
      ['b', '2', 2],
    ]);
    const dup = r.diagnostics.find((d) => d.code === 'DUPLICATE_KEY');
    expect(dup?.message).toContain('lines 1 and 3');
    expect(dup?.line).toBe(3);
  });

  it('keeps quotes, a BOM in the first key, and lone-CR line ends', () => {
    expect(flat('\ufeffa: 1\rb: "2g"\r')).toEqual({ '\ufeffa': '1', b: '"2g"' });
    expect(parseFlatConf('\ufeffa: 1').diagnostics.map((d) => d.code)).toEqual(['FLAT_BOM_IN_KEY']);
  });
});

describe('standard config.yaml: typed scalars', () => {
  it('sizes integers as snakeyaml-engine does', () => {
    expect(constructYamlInt('2147483647')?.type).toBe('Integer');
    expect(constructYamlInt('2147483648')?.type).toBe('Long');
    expect(constructYamlInt('-2147483648')?.type).toBe('Integer');
    expect(constructYamlInt('9223372036854775808')?.type).toBe('BigInteger');
    // More digits than Integer.MAX_VALUE is never an Integer, leading zeros included.
    expect(constructYamlInt('00000000001')).toEqual({ type: 'Long', value: 1n });
    expect(constructYamlInt('0x40000000')).toEqual({ type: 'Integer', value: 1073741824n });
    expect(constructYamlInt('0o17')).toEqual({ type: 'Integer', value: 15n });
  });

  it('resolves the YAML 1.2 core schema on plain scalars only', () => {
    expect(std('a: 04\nb: +12\nc: "12"\nd: -0x10\ne: 1_000\n')).toEqual({
      a: '4:Integer',
      b: '12:Integer',
      c: '12:String',
      d: '-0x10:String',
      e: '1_000:String',
    });
    expect(std('a: 1e3\nb: .5\nc: 1.\nd: -.Inf\ne: .NaN\nf: 3.4e39\n')).toEqual({
      a: '1000.0:Double',
      b: '0.5:Double',
      c: '1.0:Double',
      d: '-Infinity:Double',
      e: 'NaN:Double',
      f: '3.4E39:Double',
    });
    expect(std('a: True\nb: FALSE\nc: yes\nd: on\ne: tRue\n')).toEqual({
      a: 'true:Boolean',
      b: 'false:Boolean',
      c: 'yes:String',
      d: 'on:String',
      e: 'tRue:String',
    });
  });

  it('applies explicit tags', () => {
    expect(std('a: !!str 123\nb: !!int "12"\nc: !!float "1"\n')).toEqual({
      a: '123:String',
      b: '12:Integer',
      c: '1.0:Double',
    });
    expect(std('a: !custom x\n')).toBe('YAML_UNKNOWN_TAG');
    expect(std('a: !!int x\n')).toBe('YAML_BAD_TAGGED_VALUE');
  });
});

describe('standard config.yaml: structure', () => {
  it('flattens nested maps with dots; nested and dotted, the later wins', () => {
    expect(std('a:\n  b:\n    c: x\na.b.c: y\n')).toEqual({ 'a.b.c': 'y:String' });
    const r = parseStandardConf('a.b: 1\na:\n  b: 2\n');
    expect(r.ok && r.entries).toEqual([
      { file: 'config.yaml', key: 'a.b', value: { type: 'Integer', value: 2n }, line: 3 },
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_KEY']);
  });

  it('turns lists into their flow form and does not merge <<', () => {
    expect(std('a: [1g, 2g]\nb:\n  - x\n  - "1"\nc: []\n')).toEqual({
      a: '[1g, 2g]:String',
      b: "[x, '1']:String",
      c: '[]:String',
    });
    expect(std('d: &d\n  x: 1\nt:\n  <<: *d\n')).toEqual({ 'd.x': '1:Integer', 't.<<.x': '1:Integer' });
  });

  it('fails the whole load on a null value, naming key and line', () => {
    for (const v of ['', ' ~', ' null', ' Null', ' NULL', ' !!null x']) {
      const r = parseStandardConf(`ok: 1\nbad:${v}\n`);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect([r.error.reason, r.error.key, r.error.line]).toEqual(['YAML_NULL_VALUE', 'bad', 2]);
      }
    }
    // Only the surviving value counts: a null overridden later is harmless.
    expect(std('a.b: ~\na:\n  b: 1\n')).toEqual({ 'a.b': '1:Integer' });
  });

  it('refuses non-string keys but keeps a null key as "null"', () => {
    expect(std('1: x\n')).toBe('YAML_NON_STRING_KEY');
    expect(std('true: x\n')).toBe('YAML_NON_STRING_KEY');
    expect(std('? [a]\n: x\n')).toBe('YAML_NON_STRING_KEY');
    expect(std('~: x\na:\n  null: y\n')).toEqual({ null: 'x:String', 'a.null': 'y:String' });
  });

  it('refuses duplicate keys within one mapping', () => {
    expect(std('a: 1\na: 2\n')).toBe('YAML_DUPLICATE_KEY');
    expect(std('"a": 1\na: 2\n')).toBe('YAML_DUPLICATE_KEY');
    expect(std('x: {b: 1, b: 2}\n')).toBe('YAML_DUPLICATE_KEY');
    expect(std('x:\n  b: 1\nx.b: 2\n')).toEqual({ 'x.b': '2:Integer' });
  });

  it('needs one mapping document; empty documents load nothing', () => {
    for (const empty of ['', '# only a comment\n', '---\n', '...\n', '{}\n', '\ufeff']) {
      expect(std(empty)).toEqual({});
    }
    expect(std('a: 1\n---\nb: 2\n')).toBe('YAML_MULTIPLE_DOCUMENTS');
    expect(std('- a\n')).toBe('YAML_TOP_NOT_MAPPING');
    expect(std('\ufeff- a\n')).toBe('YAML_TOP_NOT_MAPPING');
    expect(std('just text\n')).toBe('YAML_TOP_NOT_MAPPING');
  });

  it('handles directives, aliases and line ends like snakeyaml-engine', () => {
    expect(std('%YAML 1.2\n---\na: 1\n')).toEqual({ a: '1:Integer' });
    expect(std('%YAML 2.0\n---\na: 1\n')).toBe('YAML_VERSION_UNSUPPORTED');
    expect(std('a: &x 5\nb: *x\n')).toEqual({ a: '5:Integer', b: '5:Integer' });
    expect(std('b: *x\n')).toBe('YAML_UNDEFINED_ALIAS');
    expect(std('a: 1\rb: 2\r\nc: 3')).toEqual({ a: '1:Integer', b: '2:Integer', c: '3:Integer' });
  });

  it('refuses characters outside the YAML printable set anywhere', () => {
    expect(std('a: b\u0001\n')).toBe('YAML_SPECIAL_CHARACTER');
    expect(std('# \u001b in a comment\na: 1\n')).toBe('YAML_SPECIAL_CHARACTER');
    expect(std('a: "\u00a0x\u2028"\n')).toEqual({ a: '\u00a0x\u2028:String' });
  });
});

describe('standard config.yaml: tabs', () => {
  it('refuses a tab where a token starts', () => {
    const texts = ['a:\tb\n', 'a: \tb\n', 'a:\t\n  b: 1\n', '\ta: 1\n', '  \tb: 1\n', 'a: "x"\t\n'];
    for (const text of [...texts, 'a:\n  -\tx\n', 'a: [x,\ty]\n']) {
      const r = parseStandardConf(text);
      expect(r.ok ? 'ok' : r.error.reason, JSON.stringify(text)).toBe('YAML_TAB');
    }
  });

  it('accepts tabs after a plain scalar, inside scalars and in comments', () => {
    expect(std('a: b\t\nc: d \t# note\t\ne: "x\ty"\nf: g\th\n# \there\n')).toEqual({
      a: 'b:String',
      c: 'd:String',
      e: 'x\ty:String',
      f: 'g\th:String',
    });
  });
});

describe('standard config.yaml: quoted scalars', () => {
  it('reads multi-line quoted values whatever their indentation, as snakeyaml does', () => {
    expect(std('a:\n  b: "foo\nbar"\nc: 1\n')).toEqual({ 'a.b': 'foo bar:String', c: '1:Integer' });
    expect(std("a: 'it''s\n\n   ok'\n")).toEqual({ a: "it's\nok:String" });
    expect(std('a: "x\\\n   yz"\n')).toEqual({ a: 'xyz:String' });
    const r = parseStandardConf('a: "two\nlines"\nb: 2\n');
    expect(r.ok && r.entries.map((e) => [e.key, e.line])).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('fails on an unclosed quote, a multi-line quoted key, or an escape snakeyaml lacks', () => {
    expect(std('a: "1g\\"\nb: 2\n')).toBe('YAML_SYNTAX_ERROR');
    expect(std('"a\nb": 1\n')).toBe('YAML_SYNTAX_ERROR');
    expect(std('a: "\\L"\n')).toBe('YAML_SYNTAX_ERROR');
  });
});

describe('standard config.yaml: snakeyaml leniency kept', () => {
  it('ignores indentation inside flow collections', () => {
    const text = 'taskmanager: {\n  memory: {\n    process.size: 2g\n  }\n}\nrest.port: 1\n';
    expect(std(text)).toEqual({ 'taskmanager.memory.process.size': '2g:String', 'rest.port': '1:Integer' });
    expect(std('a: [x,\ny]\n')).toEqual({ a: '[x, y]:String' });
  });

  it("takes '#' right after a quote or bracket as a comment", () => {
    expect(std('a: "x"#c\nb: [y]#d\nc: z#e\n')).toEqual({ a: 'x:String', b: '[y]:String', c: 'z#e:String' });
  });
});

describe('javaString', () => {
  it('prints values as Java toString does', () => {
    const cases: [ConfigValue, string][] = [
      ['2g', '2g'],
      [{ type: 'Integer', value: -5n }, '-5'],
      [{ type: 'BigInteger', value: 2n ** 70n }, '1180591620717411303424'],
      [{ type: 'Boolean', value: true }, 'true'],
      [{ type: 'Double', value: 1e10 }, '1.0E10'],
      [{ type: 'Double', value: 0.001 }, '0.001'],
      [{ type: 'Double', value: 1e-4 }, '1.0E-4'],
      [{ type: 'Double', value: 1234567.5 }, '1234567.5'],
      [{ type: 'Double', value: 1e7 }, '1.0E7'],
      [{ type: 'Double', value: 2.2511616e8 }, '2.2511616E8'],
      [{ type: 'Double', value: -0 }, '-0.0'],
      [{ type: 'Double', value: NaN }, 'NaN'],
      [{ type: 'Double', value: -Infinity }, '-Infinity'],
    ];
    for (const [v, text] of cases) expect(javaString(v)).toBe(text);
    expect(javaDouble(100)).toBe('100.0');
  });
});

describe('loadConfDir: which file each line reads', () => {
  const both = { 'flink-conf.yaml': 'a: flat\n', 'config.yaml': 'a: standard\n' };

  it('1.18 reads only flink-conf.yaml', () => {
    const load = okLoad(loadConfDir(both, { flinkLine: '1.18' }));
    expect([load.configFile, load.config.a, load.ignoredFiles]).toEqual([
      'flink-conf.yaml',
      'flat',
      ['config.yaml'],
    ]);
    expect(loadConfDir({ 'config.yaml': 'a: 1\n' }, { flinkLine: '1.18' }).ok).toBe(false);
  });

  it('1.19/1.20 prefer flink-conf.yaml, even empty, over any config.yaml', () => {
    for (const flinkLine of ['1.19', '1.20'] as const) {
      const load = okLoad(loadConfDir({ 'flink-conf.yaml': '', 'config.yaml': 'a: [' }, { flinkLine }));
      expect([load.configFile, load.config]).toEqual(['flink-conf.yaml', {}]);
      expect(load.diagnostics.map((d) => d.code)).toContain('CONFIG_FILE_IGNORED');
      expect(okLoad(loadConfDir({ 'config.yaml': 'a: 1\n' }, { flinkLine })).config.a).toEqual({
        type: 'Integer',
        value: 1n,
      });
    }
  });

  it('2.x reads only config.yaml; a lone flink-conf.yaml is an error', () => {
    expect(okLoad(loadConfDir(both, { flinkLine: '2.0' })).config.a).toBe('standard');
    const load = loadConfDir({ 'flink-conf.yaml': 'a: 1\n' }, { flinkLine: '2.3' });
    expect(load.ok).toBe(false);
    if (!load.ok) {
      expect(load.error.code).toBe('NO_CONFIG_FILE');
      const codes = load.diagnostics.map((d) => [d.code, d.file]);
      expect(codes).toEqual([['CONFIG_FILE_IGNORED', 'flink-conf.yaml']]);
    }
  });

  it('matches names exactly and lists the others as ignored', () => {
    const files = { 'Config.yaml': 'a: 1\n', 'config.yml': 'a: 1\n', 'config.yaml.bak': 'a: 1\n' };
    const load = loadConfDir(files, { flinkLine: '2.1' });
    expect(load.ok).toBe(false);
    const ignored = ['Config.yaml', 'config.yaml.bak', 'config.yml'];
    expect(load.diagnostics.map((d) => d.file)).toEqual(ignored);
    const withReal = okLoad(loadConfDir({ ...files, 'config.yaml': 'b: 2\n' }, { flinkLine: '2.1' }));
    expect(withReal.ignoredFiles).toEqual(ignored);
  });

  it('applies -D last, as strings, and records where each key came from', () => {
    const load = okLoad(
      loadConfDir(
        { 'config.yaml': 'x:\n  y: 1\nz: 2\n' },
        { flinkLine: '2.2', dynamic: { z: ' 3 ', w: '~' } },
      ),
    );
    expect(load.config).toEqual({ 'x.y': { type: 'Integer', value: 1n }, z: ' 3 ', w: '~' });
    expect(load.origins).toEqual({
      'x.y': { file: 'config.yaml', line: 2 },
      z: { file: '-D' },
      w: { file: '-D' },
    });
  });

  it('names file, line and key in a load error', () => {
    const load = loadConfDir({ 'config.yaml': 'a: 1\nb:\n' }, { flinkLine: '2.0' });
    expect(load.ok).toBe(false);
    if (!load.ok) {
      expect(load.error).toMatchObject({ code: 'CONFIG_LOAD_ERROR', reason: 'YAML_NULL_VALUE', line: 2, key: 'b' });
      expect(load.error.message).toMatch(/config\.yaml line 2 key 'b'/);
    }
  });
});

describe('robustness', () => {
  // Any text, however broken, loads or fails with a coded error: the loaders never throw.
  const yamlish = fc
    .array(
      fc.constantFrom(
        'a', 'b.c', ':', ': ', ' ', '  ', '\t', '\n', '\r', '\r\n', '\u0085', '#', '-', '- ', '"', "'",
        '\\', '[', ']', '{', '}', ',', '&x', '*x', '!!str ', '? ', '|', '>', '---', '...', '~', '1', '0x1F',
        '1.5e3', 'true', '\ufeff', '%YAML 1.2', '\u00a0', 'é',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...FLINK_LINES), (text, flinkLine) => {
        for (const name of ['config.yaml', 'flink-conf.yaml']) {
          const load = loadConfDir({ [name]: text }, { flinkLine });
          if (!load.ok) expect(load.error.code).toMatch(/^[A-Z_]+$/);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the key limit (flinkfit, not Flink)', () => {
  const keys = (n: number, indent = ''): string => Array.from({ length: n }, (_, i) => `${indent}k${i}: v${i}\n`).join('');
  it.each([
    ['flink-conf.yaml', (n: number) => keys(n)],
    ['config.yaml', (n: number) => keys(n)],
    ['config.yaml', (n: number) => `app:\n${keys(n, '  ')}`],
  ])('%s reads %# up to MAX_CONFIG_KEYS keys and refuses the next one at its line', (name, text) => {
    const at = okLoad(loadConfDir({ [name]: text(MAX_CONFIG_KEYS) }, { flinkLine: '1.20' }));
    expect(Object.keys(at.config)).toHaveLength(MAX_CONFIG_KEYS);
    const past = loadConfDir({ [name]: text(MAX_CONFIG_KEYS + 1) }, { flinkLine: '1.20' });
    const nested = text(1).startsWith('app:');
    expect(past).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_LOAD_ERROR', reason: 'TOO_MANY_KEYS', file: name, line: MAX_CONFIG_KEYS + (nested ? 2 : 1), key: `${nested ? 'app.' : ''}k${MAX_CONFIG_KEYS}` },
    });
  });
  it('counts keys, not lines: a key set twice in a flat file counts once, as Flink keeps one', () => {
    const text = `${keys(MAX_CONFIG_KEYS)}k0: again\n`;
    const load = okLoad(loadConfDir({ 'flink-conf.yaml': text }, { flinkLine: '1.20' }));
    expect(load.config['k0']).toBe('again');
  });
});

describe('findings of one kind in one file', () => {
  it('lists the first 100 and counts the rest in one finding on the first line not listed', () => {
    const text = `${'x\n'.repeat(250)}${'y\n'.repeat(3)}`;
    const { diagnostics } = loadConfDir({ 'flink-conf.yaml': text }, { flinkLine: '1.20' });
    const skipped = diagnostics.filter((d) => d.code === 'FLAT_LINE_SKIPPED');
    expect(skipped).toHaveLength(MAX_LISTED_PER_CODE + 1);
    const summary = skipped[MAX_LISTED_PER_CODE]!;
    expect(summary).toMatchObject({ code: 'FLAT_LINE_SKIPPED', severity: 'warning', file: 'flink-conf.yaml', line: MAX_LISTED_PER_CODE + 1 });
    expect(summary.message).toMatch(/^153 more FLAT_LINE_SKIPPED findings in this file, from this line on, are not listed/);
  });
  it('counts per code and per file, and keeps a list at the limit as it is', () => {
    const d = (code: string, file: string, line: number) => ({ code, severity: 'warning' as const, file, line, key: `k${line}`, message: `m${line}` });
    const list = [...Array.from({ length: 100 }, (_, i) => d('A', 'f', i + 1)), ...Array.from({ length: 3 }, (_, i) => d('A', 'g', i + 1)), d('B', 'f', 1)];
    expect(capPerCode(list)).toEqual(list);
    const over = [...list, d('A', 'f', 101), d('A', 'f', 102)];
    const capped = capPerCode(over);
    expect(capped).toHaveLength(list.length + 1);
    expect(capped.at(-1)).toEqual({ code: 'A', severity: 'warning', file: 'f', line: 101, message: expect.stringMatching(/^2 more A findings/) });
    expect(capPerCode(capped), 'capping twice changes nothing').toEqual(capped);
  });
});
