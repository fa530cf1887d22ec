// Hostile inputs from issue 10, each a named generator: the regression fixtures of the fuzz and
// limit tests. Generated rather than stored, since several are megabytes.

/** "billion laughs": each level a list of nine aliases of the level before */
export function aliasBomb(levels = 10): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** merge keys: each level merges the level before twice (474 bytes took 8.4 s in compose) */
export function mergeBomb(levels = 30, indent = ''): string {
  const lines = [`${indent}m0: &m0 {a: 1, b: 2}`];
  for (let i = 1; i < levels; i++) lines.push(`${indent}m${i}: &m${i}\n${indent}  <<: [*m${i - 1}, *m${i - 1}]\n${indent}  k${i}: ${i}`);
  return lines.join('\n') + '\n';
}

export const selfMerge = 'a: &a\n  b: 1\n  <<: *a\n';

export function deepFlow(n = 50_000): string {
  return 'a: ' + '['.repeat(n) + ']'.repeat(n) + '\n';
}

export function deepBlock(n = 3_000): string {
  return Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + '\n' + ' '.repeat(n) + 'v\n';
}

/** a flow list whose continuation lines sit at column 0 (15 s at 17 KB before) */
export function flowAtColumnZero(items = 3_000): string {
  return 'taskmanager.memory.process.size: 1g\nlist: [\n' + Array.from({ length: items }, (_, i) => `x${i},\n`).join('') + ']\n';
}

/** many two-line quoted values (26 s at 44 KB before) */
export function twoLineQuoted(n = 3_000): string {
  return Array.from({ length: n }, (_, i) => `k${i}: "a\n  b${i}"\n`).join('');
}

/** many flat keys (150,000 did not finish in 30 s before) */
export function manyKeys(n = 150_000): string {
  return 'taskmanager.memory.process.size: 1g\n' + Array.from({ length: n }, (_, i) => `key${i}: value${i}\n`).join('');
}

/** unknown memory keys, each asking for a did-you-mean (2,000 took 6 s before) */
export function unknownMemoryKeys(n = 2_000): string {
  return 'taskmanager.memory.process.size: 1g\n' + Array.from({ length: n }, (_, i) => `taskmanager.memory.unknown${i}: 1m\n`).join('');
}
