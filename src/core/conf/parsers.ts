// Where the general config.yaml parser is found. It is registered by conf/standard.ts when that
// module loads, so a process that only reads flink-conf.yaml files and plain config.yaml files
// (standard-flat.ts) never loads the YAML library. The package entry point imports
// conf/standard.js; the CLI loads it when a run meets a file that needs it (StandardParserMissing).
import type { StandardParse } from './standard.js';

export type StandardParser = (text: string, file: string) => StandardParse;

let standard: StandardParser | undefined;

export function registerStandardParser(parser: StandardParser): void {
  standard = parser;
}

/** Thrown when a config.yaml needs the general parser and conf/standard.js has not been loaded. */
export class StandardParserMissing extends Error {
  constructor() {
    super('internal: the config.yaml parser was not loaded (import core/conf/standard.js before reading one)');
  }
}

export function standardParser(): StandardParser {
  if (standard === undefined) throw new StandardParserMissing();
  return standard;
}
