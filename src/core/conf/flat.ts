// Mirrors Flink's legacy flat `flink-conf.yaml` reader (GlobalConfiguration's line-by-line loader).

import type { ConfDiagnostic } from './confdir.js';
import { javaTrim } from '../java.js';
import { MAX_CONFIG_KEYS, tooManyKeys } from './limits.js';
import { FindingCap } from '../diagnostics.js';

export { javaTrim };

/** One accepted `key: value` line; `line` is 1-based. */
export interface FlatEntry {
  readonly file: string;
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

export interface FlatParse {
  /** The surviving entry per key (the last occurrence), in order of first appearance. */
  readonly entries: readonly FlatEntry[];
  readonly diagnostics: readonly ConfDiagnostic[];
  /** Set when the file sets more than MAX_CONFIG_KEYS keys: flinkfit's refusal, not Flink's. */
  readonly error?: ConfDiagnostic;
}

/**
 * Calls `fn` with each line and its 1-based number until it returns false. Lines split like Java's
 * BufferedReader.readLine: a line ends at '\n', '\r\n' or a lone '\r' (not at U+0085/U+2028/U+2029);
 * a final terminator does not start another (empty) line.
 */
export function forEachJavaLine(text: string, fn: (line: string, n: number) => boolean): void {
  let start = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (!fn(text.slice(start, i), ++n)) return;
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
  }
  if (start < text.length) fn(text.slice(start), ++n);
}

/** Parses a legacy flat file the way Flink does: bad lines are skipped, never fatal (only flinkfit's key limit, `error`, stops it). */
export function parseFlatConf(text: string, file = 'flink-conf.yaml'): FlatParse {
  // one finding per bad line, up to a limit per kind: a file of millions of bad lines is counted
  const cap = new FindingCap<ConfDiagnostic>();
  const note = (code: string, make: () => ConfDiagnostic): void => {
    if (cap.admit(code, file)) cap.add(make());
  };
  const byKey = new Map<string, FlatEntry>();
  let error: ConfDiagnostic | undefined;
  forEachJavaLine(text, (raw, line) => {
    // Flink cuts at the first '#' anywhere, even inside quotes or a value ("2g#x" -> "2g").
    const hash = raw.indexOf('#');
    const conf = hash < 0 ? raw : raw.slice(0, hash);
    if (conf.length === 0) return true;
    const sep = conf.indexOf(': ');
    if (sep < 0) {
      // Flink warns about any non-empty remainder; blank lines are not worth a diagnostic.
      if (javaTrim(conf).length > 0) {
        note('FLAT_LINE_SKIPPED', () => ({
          code: 'FLAT_LINE_SKIPPED',
          severity: 'warning',
          file,
          line,
          message: `${file} line ${line} has no ": " separating key and value, so Flink skips it`,
        }));
      }
      return true;
    }
    const key = javaTrim(conf.slice(0, sep));
    const value = javaTrim(conf.slice(sep + 2));
    if (key.length === 0 || value.length === 0) {
      note('FLAT_LINE_SKIPPED', () => ({
        code: 'FLAT_LINE_SKIPPED',
        severity: 'warning',
        file,
        line,
        ...(key.length > 0 ? { key } : {}),
        message: `${file} line ${line} has an empty ${key ? 'value' : 'key'}; Flink skips it`,
      }));
      return true;
    }
    if (key.charCodeAt(0) === 0xfeff) {
      // Java's reader keeps a leading byte-order mark, so it becomes part of the first key.
      note('FLAT_BOM_IN_KEY', () => ({
        code: 'FLAT_BOM_IN_KEY',
        severity: 'warning',
        file,
        line,
        key,
        message:
          `${file} line ${line}: the key '${key.slice(1)}' starts with a byte-order mark (U+FEFF), ` +
          'which Flink keeps as part of the key, so that setting is not recognised',
      }));
    }
    const previous = byKey.get(key);
    if (previous === undefined && byKey.size >= MAX_CONFIG_KEYS) {
      error = tooManyKeys(file, line, key);
      return false;
    }
    if (previous !== undefined) {
      note('DUPLICATE_KEY', () => ({
        code: 'DUPLICATE_KEY',
        severity: 'warning',
        file,
        line,
        key,
        message: `${file} sets '${key}' on lines ${previous.line} and ${line}; the later one wins`,
      }));
    }
    // Map.set keeps the first position, so entries stay in order of first appearance.
    byKey.set(key, { file, key, value, line });
    return true;
  });
  const diagnostics = cap.done();
  if (error) return { entries: [], diagnostics, error };
  return { entries: [...byKey.values()], diagnostics };
}
