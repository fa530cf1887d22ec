// Where the config.yaml parser is found. It is registered by conf/standard.ts when that module
// loads, so a process that only reads flat flink-conf.yaml files never loads the YAML library
// (a cold `flinkfit explain flink-conf.yaml` is ~10 ms faster). The package entry point and every
// command that can meet a config.yaml import conf/standard.js.
import type { StandardParse } from './standard.js';

export type StandardParser = (text: string, file: string) => StandardParse;

let standard: StandardParser | undefined;

export function registerStandardParser(parser: StandardParser): void {
  standard = parser;
}

export function standardParser(): StandardParser {
  if (standard === undefined) {
    throw new Error('internal: the config.yaml parser was not loaded (import core/conf/standard.js before reading one)');
  }
  return standard;
}
