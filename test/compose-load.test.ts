// The syntax layers of the Compose loader, each checked against the rule Compose itself applies:
// interpolation (compose-go template/template.go), env files (compose-go dotenv/parser.go) and
// YAML with anchors and merge keys (go-yaml as compose-go uses it), with bounded expansion.
import { describe, expect, it } from 'vitest';
import { COMPOSE_LOAD_CODES } from '../src/core/compose/codes.js';
import { parseDotenv } from '../src/core/compose/dotenv.js';
import { InterpolationError, substitute } from '../src/core/compose/interpolate.js';
import { MAX_NODES, parseComposeYaml } from '../src/core/compose/yaml.js';
import { codes, loadMemory, plain, service } from './compose-load-helpers.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', TAG: '1.20.1', NESTED: 'inner' };
const lookup = (k: string): string | undefined => env[k];

describe('interpolation (compose-go template/template.go, compose-spec interpolation.md)', () => {
  const cases: Array<[string, string]> = [
    ['$SET', 'value'],
    ['${SET}', 'value'],
    ['flink:${TAG}-java17', 'flink:1.20.1-java17'],
    ['${UNSET:-dflt}', 'dflt'],
    ['${EMPTY:-dflt}', 'dflt'], // `:-` also when empty
    ['${EMPTY-dflt}', ''], // `-` only when unset
    ['${UNSET-dflt}', 'dflt'],
    ['${SET:-dflt}', 'value'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''], // `:+` needs non-empty
    ['${EMPTY+alt}', 'alt'], // `+` only needs set
    ['${UNSET+alt}', ''],
    ['${UNSET:-${NESTED}}', 'inner'], // defaults are substituted
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-a}-${SET}', 'a-value'], // text after the first closing brace is its own substitution
    ['$$SET', '$SET'], // `$$` is a literal dollar
    ['a $$ b', 'a $ b'],
    ['cost $5', 'cost $5'], // `$` before a non-name is left alone
    ['${UNSET:-with:colon}', 'with:colon'],
    ['${SET?never}', 'value'],
  ];
  for (const [template, want] of cases) {
    it(`${template} → ${JSON.stringify(want)}`, () => expect(substitute(template, lookup)).toBe(want));
  }

  it('an unset variable reads as "" and is reported (Compose warns "Defaulting to a blank string")', () => {
    const unset: string[] = [];
    expect(substitute('x${NOPE}y$NOPE2', lookup, (n) => unset.push(n))).toBe('xy');
    expect(unset).toEqual(['NOPE', 'NOPE2']);
  });

  it('`:?` refuses unset and empty, `?` only unset, with the message substituted', () => {
    expect(() => substitute('${EMPTY:?need it}', lookup)).toThrow('required variable EMPTY is missing a value: need it');
    expect(() => substitute('${UNSET?set ${SET}}', lookup)).toThrow('required variable UNSET is missing a value: set value');
    expect(substitute('${EMPTY?x}', lookup)).toBe('');
  });

  it('`${` that is not a name is invalid', () => {
    for (const bad of ['${}', '${ SET}', '${SET:x}', '${1A}']) {
      expect(() => substitute(bad, lookup), bad).toThrow(InterpolationError);
    }
  });

  it('applies to values, not keys; the shell environment wins over .env', () => {
    const p = loadMemory(
      {
        '/p/compose.yaml': 'services:\n  app:\n    image: img:${TAG}\n    labels:\n      ${KEY}: ${KEY}\n',
        '/p/.env': 'TAG=from-dotenv\nKEY=k\n',
      },
      { files: ['/p/compose.yaml'], env: { TAG: 'from-shell' } },
    );
    expect(p.ok).toBe(true);
    expect(service(p, 'app')).toMatchObject({ image: 'img:from-shell', labels: { '${KEY}': 'k' } });
    expect(p.interpolationEnv).toMatchObject({ TAG: 'from-shell', KEY: 'k' });
  });

  it('a missing required variable makes Compose refuse the project, at its line', () => {
    const p = loadMemory({ '/p/compose.yaml': 'services:\n  app:\n    image: flink:${VERSION:?set VERSION}\n' }, { files: ['/p/compose.yaml'] });
    expect(p.ok).toBe(false);
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_VARIABLE_REQUIRED', severity: 'error', file: 'compose.yaml', line: 3 })]);
  });

  it('the .env file satisfies a required variable', () => {
    const p = loadMemory({ '/p/compose.yaml': 'services:\n  app:\n    image: flink:${VERSION:?set VERSION}\n', '/p/.env': 'VERSION=1.18.1\n' }, { files: ['/p/compose.yaml'] });
    expect(p.ok).toBe(true);
    expect(service(p, 'app').image).toBe('flink:1.18.1');
  });

  it('an unset variable is a warning, once, and the value is empty', () => {
    const p = loadMemory({ '/p/compose.yaml': 'services:\n  app:\n    image: flink:${V}\n    hostname: h${V}\n' }, { files: ['/p/compose.yaml'] });
    expect(p.ok).toBe(true);
    expect(service(p, 'app')).toMatchObject({ image: 'flink:', hostname: 'h' });
    expect(p.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_VARIABLE_UNSET', severity: 'warning', line: 3 })]);
  });
});

describe('env files (compose-go dotenv/parser.go)', () => {
  const parse = (text: string, shell: Record<string, string> = {}) => parseDotenv(text, (k) => shell[k]);
  const values = (text: string, shell: Record<string, string> = {}) => Object.fromEntries([...parse(text, shell).vars].map(([k, v]) => [k, v.value]));

  it('reads KEY=VALUE, KEY: VALUE, export, comments and blank lines', () => {
    expect(values('# c\n\nA=1\nexport B=2\nC: 3\n  D = 4  \n')).toEqual({ A: '1', B: '2', C: '3', D: '4' });
  });

  it('cuts an inline comment only after a space in an unquoted value', () => {
    expect(values('A=x # note\nB=x#not-a-comment\n')).toEqual({ A: 'x', B: 'x#not-a-comment' });
  });

  it('takes single quotes literally and expands escapes and variables in double quotes', () => {
    expect(values(`A='a\\nb $X'\nB="a\\nb\\t\\"q\\" \\\\ $X"\nX=1\n`, { X: 'x' })).toEqual({ A: 'a\\nb $X', B: 'a\nb\t"q" \\ x', X: '1' });
  });

  it('keeps an escaped dollar in double quotes', () => {
    expect(values('A="cost \\$5"\n')).toEqual({ A: 'cost $5' });
  });

  it('reads a quoted value over several lines and counts lines past it', () => {
    const r = parse('A="line1\nline2"\nB=2\n');
    expect(r.vars.get('A')).toEqual({ value: 'line1\nline2', line: 1 });
    expect(r.vars.get('B')).toEqual({ value: '2', line: 3 });
  });

  it('expands ${VAR} from the lookup first, then from keys already read', () => {
    expect(values('HOST=db\nURL=jdbc://${HOST}:${PORT:-5432}\nSHELL_WINS=${X}\n', { X: 'shell' })).toEqual({ HOST: 'db', URL: 'jdbc://db:5432', SHELL_WINS: 'shell' });
  });

  it('a bare KEY takes the lookup value, or is left out', () => {
    expect(values('A\nB\n', { A: 'a' })).toEqual({ A: 'a' });
  });

  it('refuses a key with a space, a bad character and an unterminated quote, with the line', () => {
    expect(parse('A=1\nMY KEY=2\n').error).toEqual({ message: 'line 2: key cannot contain a space', line: 2 });
    expect(parse('A=1\n\nB%=2\n').error?.line).toBe(3);
    expect(parse('A="open\n').error?.message).toMatch(/unterminated quoted value/);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(values('\ufeffA=1\n')).toEqual({ A: '1' });
  });
});

describe('YAML as Compose decodes it', () => {
  it('expands anchors and `<<` merge keys: explicit keys win, the first merged map wins', () => {
    const r = parseComposeYaml('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n  "<<": quoted\n', 'f.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(plain(r.docs[0]!.entries.get('c')!.value)).toEqual({ x: 3, y: 1, z: 2, '<<': 'quoted' });
  });

  it('keeps numbers as written and the line of a block scalar\'s body', () => {
    const r = parseComposeYaml('a: 010\nb: |\n  first\n  second\n', 'f.yaml');
    const a = r.docs[0]!.entries.get('a')!.value;
    const b = r.docs[0]!.entries.get('b')!.value;
    expect(a).toMatchObject({ value: 10, source: '010', loc: { file: 'f.yaml', line: 1 } });
    expect(b).toMatchObject({ value: 'first\nsecond\n', loc: { line: 2 }, bodyLine: 3 });
  });

  it('a merge-key bomb stops at the node limit with COMPOSE_TOO_LARGE', () => {
    const lines = ['a0: &a0 {k: v}'];
    for (let i = 1; i <= 30; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const r = parseComposeYaml(lines.join('\n'), 'bomb.yaml');
    expect(r.docs).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_TOO_LARGE', severity: 'error' })]);
    expect(r.diagnostics[0]!.message).toContain(String(MAX_NODES));
  });

  it('a mapping that merges itself is refused, not recursed into', () => {
    const r = parseComposeYaml('a: &a\n  x: 1\n  b:\n    <<: *a\n', 'self.yaml');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'COMPOSE_YAML_INVALID', line: 4 })]);
    expect(r.diagnostics[0]!.message).toContain('contains itself');
  });

  it('deep nesting is refused, not a stack overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const r = parseComposeYaml(`a: ${deep}\n`, 'deep.yaml');
    expect(r.docs).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['COMPOSE_TOO_LARGE']);
  });

  it('a key repeated in one mapping is refused (go-yaml: "mapping key already defined")', () => {
    const p = loadMemory({ '/p/compose.yaml': 'services:\n  app:\n    image: a\n    image: b\n' }, { files: ['/p/compose.yaml'] });
    expect(p.ok).toBe(false);
    expect(codes(p)).toEqual(['COMPOSE_YAML_INVALID']);
    expect(p.diagnostics[0]!.line).toBe(4);
  });

  it('a top level that is not a mapping is refused', () => {
    expect(parseComposeYaml('- a\n', 'f.yaml').diagnostics.map((d) => d.code)).toEqual(['COMPOSE_YAML_INVALID']);
  });

  it('several documents in one file merge like override files', () => {
    const p = loadMemory({ '/p/compose.yaml': 'services:\n  app:\n    image: a\n---\nservices:\n  app:\n    image: b\n' }, { files: ['/p/compose.yaml'] });
    expect(service(p, 'app').image).toBe('b');
  });
});

describe('diagnostic codes', () => {
  it('every code the loader emits is documented', () => {
    for (const [code, info] of Object.entries(COMPOSE_LOAD_CODES)) {
      expect(code).toMatch(/^COMPOSE_[A-Z_]+$/);
      expect(info.title.length, code).toBeGreaterThan(10);
      expect(info.description.length, code).toBeGreaterThan(30);
    }
  });
});
