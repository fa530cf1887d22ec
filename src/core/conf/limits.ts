// flinkfit's own limits on one config file, beyond the input size (src/node/inputs.ts, 10 MiB).
// Flink has none of these; they bound the time and memory of a run on a hostile or generated file
// (README, "Limits"). Every one is far above what a real configuration holds: Flink documents
// about 1,500 options in all, and the configs seen in public projects set at most a few hundred.
import type { ConfDiagnostic } from './confdir.js';
import { thousands } from '../diagnostics.js';

/**
 * The most distinct keys one config file (flink-conf.yaml or config.yaml) may set. Memory grows
 * with the number of keys (each is a property of the loaded config), not with the bytes: a 10 MiB
 * file of 300,000 short keys took 1.6 s and up to 238 MiB, while 50,000 keys in 10 MiB take 0.3 s
 * and at most 118 MiB (`npm run bench`, "large inputs").
 */
export const MAX_CONFIG_KEYS = 50_000;

/** The refusal when a file sets one key more than MAX_CONFIG_KEYS; `line` is that key's line. */
export function tooManyKeys(file: string, line: number, key: string): ConfDiagnostic {
  return {
    code: 'CONFIG_LOAD_ERROR',
    reason: 'TOO_MANY_KEYS',
    severity: 'error',
    file,
    line,
    key,
    message:
      `${file} line ${line}: the file sets more than ${thousands(MAX_CONFIG_KEYS)} keys, flinkfit's limit for one config file ` +
      '(Flink itself has no such limit; real configs set a few hundred at most)',
  };
}
