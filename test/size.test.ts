// Flink's MemorySize.parse / parseBytes: what text a size option accepts, and how flinkfit prints sizes.
// Flink: trim (String.trim), leading ASCII digits -> Long.parseLong, rest trimmed and lower-cased
// (Locale.US) must be one of the MemoryUnit spellings; value x multiplier must fit in a long.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIZE_UNITS, formatBytes, parseMemorySize, toFlinkSizeText } from '../src/core/size.js';

const KiB = 1024n;
const MiB = KiB * KiB;
const GiB = MiB * KiB;
const TiB = GiB * KiB;
const LONG_MAX = 2n ** 63n - 1n;

function bytesOf(text: string): bigint {
  const p = parseMemorySize(text);
  if (!p.ok) throw new Error(`expected '${text}' to parse, got: ${p.reason}`);
  return p.bytes;
}

function refused(text: string): boolean {
  return !parseMemorySize(text).ok;
}

/** Every casing a user might type: lower, UPPER, Capitalised and alternating. */
function casings(s: string): string[] {
  const alt = [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
  return [...new Set([s, s.toUpperCase(), s[0]!.toUpperCase() + s.slice(1), alt])];
}

describe('parseMemorySize: units', () => {
  const table: Array<[bigint, string[]]> = [
    [1n, ['b', 'bytes']],
    [KiB, ['k', 'kb', 'kibibytes']],
    [MiB, ['m', 'mb', 'mebibytes']],
    [GiB, ['g', 'gb', 'gibibytes']],
    [TiB, ['t', 'tb', 'tebibytes']],
  ];

  it('knows exactly the MemoryUnit spellings', () => {
    expect([...SIZE_UNITS].sort()).toEqual(table.flatMap(([, names]) => names).sort());
  });

  for (const [multiplier, names] of table) {
    for (const name of names) {
      it(`'${name}' means ${multiplier} bytes, in any case`, () => {
        for (const unit of casings(name)) {
          expect(bytesOf(`3${unit}`), unit).toBe(3n * multiplier);
          expect(bytesOf(`0${unit}`), unit).toBe(0n);
        }
      });
    }
  }

  it('a plain number is bytes', () => {
    expect(bytesOf('0')).toBe(0n);
    expect(bytesOf('1')).toBe(1n);
    expect(bytesOf('1234')).toBe(1234n);
    expect(bytesOf('1073741824')).toBe(GiB);
  });

  it('refuses spellings that are not MemoryUnit names', () => {
    // Flink knows kibibytes but not KiB / kilobytes / megabytes / peta
    for (const u of ['kib', 'mib', 'gib', 'tib', 'byte', 'kilobytes', 'megabytes', 'gigabytes', 'p', 'pb', 'kbytes', 'mbs', 'bb']) {
      expect(refused(`1${u}`), u).toBe(true);
    }
  });

  it('lower-cases like Java (Locale.US): the Kelvin sign K becomes k', () => {
    // Character.toLowerCase(U+212A) is 'k' in Java as in JavaScript, so Flink reads "1Kb" (Kelvin) as 1 KiB
    expect(bytesOf('1\u212Ab')).toBe(KiB);
  });
});

describe('parseMemorySize: whitespace, zeros and layout', () => {
  it('accepts spaces and tabs between number and unit, and around the value', () => {
    expect(bytesOf('512 m')).toBe(512n * MiB);
    expect(bytesOf('512  mb')).toBe(512n * MiB);
    expect(bytesOf('512\tm')).toBe(512n * MiB);
    expect(bytesOf('512 \t kb')).toBe(512n * KiB);
    expect(bytesOf('  512m  ')).toBe(512n * MiB);
    expect(bytesOf('\t1g\n')).toBe(GiB);
    expect(bytesOf(' 268435456  bytes')).toBe(256n * MiB);
  });

  it('trims like String.trim: every char up to U+0020, nothing beyond', () => {
    expect(bytesOf('\u00001m\u0001')).toBe(MiB); // control chars are <= U+0020
    expect(bytesOf('1\u000bm')).toBe(MiB); // vertical tab between number and unit
    expect(refused('1\u00a0m')).toBe(true); // no-break space is not trimmed
    expect(refused('\u30001m')).toBe(true); // ideographic space neither
    expect(refused('1m\u2003')).toBe(true);
  });

  it('reads leading zeros as decimal (no octal)', () => {
    expect(bytesOf('0001m')).toBe(MiB);
    expect(bytesOf('010')).toBe(10n);
    expect(bytesOf('016GIbiByTES')).toBe(16n * GiB);
    expect(bytesOf('00')).toBe(0n);
    expect(bytesOf('0000000000000000000000000009223372036854775807')).toBe(LONG_MAX);
  });

  it.each([
    ['-1', 'a sign is not a digit'],
    ['-1m', 'negative size'],
    ['+1g', 'a plus sign is not a digit either'],
    ['1.5g', 'no decimals'],
    ['.5g', 'no decimals'],
    ['1e3', 'no exponent'],
    ['0x10', 'no hex'],
    ['1_024m', 'no digit separators'],
    ['1,024m', 'no digit separators'],
    ['1 024m', 'no digit grouping'],
    ['1０24m', 'full-width digits end the number'],
    ['１０２４m', 'full-width digits are not ASCII digits'],
    ['', 'empty'],
    [' ', 'blank'],
    ['\t\n', 'blank'],
    ['1 2m', 'two numbers'],
    ['100 megabytes', 'not a unit name'],
    ['m', 'no number'],
    ['mb 5', 'unit first'],
    ['1 g b', 'two units'],
    ['abc', 'not a size'],
    ['1024mb # note', 'a comment is part of the value where Flink sees it whole (2.x)'],
  ])('refuses %j (%s)', (text) => {
    expect(refused(text)).toBe(true);
  });
});

describe('parseMemorySize: the 64-bit range', () => {
  it('accepts exactly 2^63-1 bytes', () => {
    expect(bytesOf('9223372036854775807')).toBe(LONG_MAX);
    expect(bytesOf('9223372036854775807b')).toBe(LONG_MAX);
    expect(bytesOf('9223372036854775807 bytes')).toBe(LONG_MAX);
  });

  it('refuses 2^63 and more (Long.parseLong overflows)', () => {
    expect(refused('9223372036854775808')).toBe(true);
    expect(refused('9223372036854775808b')).toBe(true);
    expect(refused('99999999999999999999999')).toBe(true);
  });

  it('refuses a number that fits but whose bytes do not (value x unit overflow)', () => {
    expect(refused('9223372036854775807k')).toBe(true);
    expect(refused('9223372036854775807t')).toBe(true);
    // largest multiples that still fit: 2^63 - unit
    expect(bytesOf('9007199254740991k')).toBe(2n ** 63n - KiB);
    expect(refused('9007199254740992k')).toBe(true);
    expect(bytesOf('8796093022207m')).toBe(2n ** 63n - MiB);
    expect(refused('8796093022208m')).toBe(true);
    expect(bytesOf('8589934591g')).toBe(2n ** 63n - GiB);
    expect(refused('8589934592g')).toBe(true);
    expect(bytesOf('8388607t')).toBe(9223370937343148032n); // 8388607 x 2^40 = 2^63 - 2^40
    expect(refused('8388608t')).toBe(true);
  });

  it('never throws and never returns a negative or out-of-range size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const p = parseMemorySize(s);
        if (p.ok) {
          expect(p.bytes >= 0n && p.bytes <= LONG_MAX).toBe(true);
        } else {
          expect(p.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with digits x unit for any number and unit', () => {
    const units = SIZE_UNITS.map((u) => [u, ({ b: 1n, k: KiB, m: MiB, g: GiB, t: TiB } as Record<string, bigint>)[u[0]!]!] as const);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: LONG_MAX }), fc.constantFrom(...units), fc.constantFrom('', ' ', '\t', '  '), (n, [unit, mult], gap) => {
        const p = parseMemorySize(`${n}${gap}${unit}`);
        if (n * mult > LONG_MAX) expect(p.ok).toBe(false);
        else expect(p).toEqual({ ok: true, bytes: n * mult });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseMemorySize against what Flink read in the vectors', () => {
  // In 2.x every vector value reaches Flink exactly as written, and these keys feed one component
  // unchanged whenever they are set; a value Flink could not parse must have failed that side.
  const TM_DIRECT: Record<string, string> = {
    'taskmanager.memory.process.size': 'totalProcess',
    'taskmanager.memory.flink.size': 'totalFlink',
    'taskmanager.memory.framework.heap.size': 'frameworkHeap',
    'taskmanager.memory.framework.off-heap.size': 'frameworkOffHeap',
    'taskmanager.memory.task.heap.size': 'taskHeap',
    'taskmanager.memory.task.off-heap.size': 'taskOffHeap',
    'taskmanager.memory.managed.size': 'managed',
    'taskmanager.memory.jvm-metaspace.size': 'jvmMetaspace',
  };
  const JM_DIRECT: Record<string, string> = {
    'jobmanager.memory.process.size': 'totalProcess',
    'jobmanager.memory.flink.size': 'totalFlink',
    'jobmanager.memory.heap.size': 'jvmHeap',
    'jobmanager.memory.off-heap.size': 'offHeap',
    'jobmanager.memory.jvm-metaspace.size': 'jvmMetaspace',
  };

  it('every size Flink accepted reads to the same bytes, every size we refuse was refused by Flink', () => {
    const url = new URL('../../shared/vectors/flink-2.3.jsonl', import.meta.url);
    const rows = readFileSync(url, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { config: Record<string, string>; taskmanager: { ok: boolean; bytes?: Record<string, string> }; jobmanager: { ok: boolean; bytes?: Record<string, string> } });
    const mismatches: string[] = [];
    let compared = 0;
    let refusals = 0;
    const spellings = new Set<string>();
    for (const [i, row] of rows.entries()) {
      for (const [side, direct] of [
        [row.taskmanager, TM_DIRECT],
        [row.jobmanager, JM_DIRECT],
      ] as const) {
        for (const [key, component] of Object.entries(direct)) {
          const text = row.config[key];
          if (text === undefined) continue;
          const p = parseMemorySize(text);
          if (!p.ok) {
            refusals++;
            if (side.ok) mismatches.push(`row ${i + 1} ${key}=${JSON.stringify(text)}: Flink accepted ${side.bytes?.[component]}, we refuse`);
          } else if (side.ok) {
            compared++;
            spellings.add(text.replace(/[0-9]/g, '').trim().toLowerCase());
            if (side.bytes?.[component] !== String(p.bytes)) {
              mismatches.push(`row ${i + 1} ${key}=${JSON.stringify(text)}: Flink ${side.bytes?.[component]}, we ${p.bytes}`);
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(3000);
    expect(refusals).toBeGreaterThan(20);
    // the vectors exercise the long spellings and odd casings too
    for (const u of ['', 'b', 'bytes', 'k', 'kb', 'kibibytes', 'm', 'mb', 'mebibytes', 'g', 'gb', 'gibibytes', 't']) {
      expect(spellings.has(u), `unit '${u}' seen in the vectors`).toBe(true);
    }
  });

  it('a few rows of flink-2.3.jsonl, by hand', () => {
    // row 5: task off-heap "238MB", framework off-heap "475004928bytes", process "20450304K"
    expect(bytesOf('238MB')).toBe(249561088n);
    expect(bytesOf('475004928bytes')).toBe(475004928n);
    expect(bytesOf('20450304K')).toBe(20941111296n);
    // row 10: jobmanager.memory.flink.size "8388607t" — the largest whole-TiB size
    expect(bytesOf('8388607t')).toBe(9223370937343148032n);
    // row 12: jobmanager.memory.process.size "3072\tm"
    expect(bytesOf('3072\tm')).toBe(3221225472n);
  });
});

describe('formatBytes', () => {
  it.each([
    [0n, '0 B'],
    [1n, '1 B'],
    [1023n, '1023 B'],
    [1024n, '1 KiB'],
    [1536n, '1.5 KiB'],
    [121n * MiB, '121 MiB'],
    [1277191372n, '1.19 GiB'],
    [10n * MiB + 512n * KiB, '10.5 MiB'],
    [10n * MiB, '10 MiB'],
    [99n * MiB + 512n * KiB, '99.5 MiB'],
    [2n * MiB + 10n * KiB, '2.01 MiB'],
    [128n * MiB, '128 MiB'],
    [GiB, '1 GiB'],
    [TiB, '1 TiB'],
    [LONG_MAX, '8388608 TiB'],
    [-2048n, '-2 KiB'],
    [-5n, '-5 B'],
  ])('%s bytes -> %s', (b, text) => {
    expect(formatBytes(b)).toBe(text);
  });

  // regression: trimNumber once stripped the zeros of whole numbers ("100 MiB" -> "1 MiB"), fixed in ceed4b4
  it('prints whole numbers of 100 and more with their trailing zeros', () => {
    expect([100n * MiB, 200n * MiB, 1000n * MiB, 110n * MiB, 500n * KiB, 300n * GiB, 100n * MiB + 400n * KiB].map(formatBytes)).toEqual([
      '100 MiB',
      '200 MiB',
      '1000 MiB',
      '110 MiB',
      '500 KiB',
      '300 GiB',
      '100 MiB', // 100.39 MiB: three significant figures at most
    ]);
  });
});

describe('toFlinkSizeText', () => {
  it.each([
    [0n, '0b'],
    [1234n, '1234b'],
    [KiB, '1k'],
    [1536n * KiB, '1536k'],
    [512n * MiB, '512m'],
    [GiB, '1g'],
    [1536n * MiB, '1536m'],
    [TiB, '1t'],
    [LONG_MAX, '9223372036854775807b'],
    [9223370937343148032n, '8388607t'],
  ])('%s bytes -> %s', (b, text) => {
    expect(toFlinkSizeText(b)).toBe(text);
  });

  it('round-trips through parseMemorySize for every size', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: LONG_MAX }),
          fc.bigInt({ min: 0n, max: 2n ** 33n }).map((n) => n * MiB),
          fc.bigInt({ min: 0n, max: 2n ** 20n }).map((n) => n * GiB),
        ),
        (b) => {
          expect(bytesOf(toFlinkSizeText(b))).toBe(b);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('javaDoubleToString keeps the sign of zero whatever was printed before', () => {
  it('prints -0.0 and 0.0 in either order', async () => {
    const { javaDoubleToString } = await import('../src/core/java.js');
    expect(javaDoubleToString(-0)).toBe('-0.0');
    expect(javaDoubleToString(0)).toBe('0.0');
    expect(javaDoubleToString(-0)).toBe('-0.0');
  });
});
