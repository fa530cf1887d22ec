// flinkfit's version: written into the bundle by the build (scripts/bundle.mjs), read from
// package.json when running from source.
import { readFileSync } from 'node:fs';

declare const __FLINKFIT_VERSION__: string | undefined;

export const VERSION: string =
  typeof __FLINKFIT_VERSION__ === 'string'
    ? __FLINKFIT_VERSION__
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
