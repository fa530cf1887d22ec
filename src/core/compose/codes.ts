// The diagnostics of the Compose project loader, one documented entry per code. They are kept here
// (not yet in src/core/diagnostics.ts) so the loader stays a self-contained module; the registry can
// spread COMPOSE_LOAD_CODES into DIAGNOSTIC_INFO as it does the Docker layer's codes.

export type ComposeLoadSeverity = 'error' | 'warning' | 'info';

export interface ComposeLoadDiagnostic {
  code: ComposeLoadCode;
  severity: ComposeLoadSeverity;
  message: string;
  /** the file as the user knows it (relative to the project directory when inside it) */
  file: string;
  line?: number;
  service?: string;
}

export const COMPOSE_LOAD_CODES = {
  COMPOSE_YAML_INVALID: {
    severity: 'error',
    title: 'A compose file is not valid YAML',
    description: 'Docker Compose refuses to load the project: a syntax error, a key repeated in one mapping, an alias to an unknown anchor or to the node that holds it, or a top level that is not a mapping.',
  },
  COMPOSE_TOO_LARGE: {
    severity: 'error',
    title: 'A compose file is larger than flinkfit reads',
    description: 'The file is over 1 MiB, or holds (once anchors, aliases and `<<` merge keys are expanded) more than 20,000 nodes or 128 levels of nesting — a real compose file holds a few thousand nodes at most; a "billion laughs" shape ends here. flinkfit stops reading that file instead of exhausting memory.',
  },
  COMPOSE_FILE_MISSING: {
    severity: 'error',
    title: 'A compose file named by the project is missing',
    description: 'A file given with -f, an `include:` or an `extends: file:` cannot be read; Docker Compose refuses the project.',
  },
  COMPOSE_INVALID: {
    severity: 'error',
    title: 'Docker Compose would refuse this project',
    description: 'A structural error Compose reports before it starts anything: a service that is not a mapping, `extends` of a service that does not exist or that extends itself, an `include` cycle, an empty project.',
  },
  COMPOSE_VARIABLE_UNSET: {
    severity: 'warning',
    title: 'A variable in a compose file is not set',
    description: 'Neither the shell environment nor the .env file sets it; Compose warns and substitutes an empty string, as flinkfit does.',
  },
  COMPOSE_VARIABLE_REQUIRED: {
    severity: 'error',
    title: 'A required variable is missing',
    description: '`${VAR:?message}` (unset or empty) or `${VAR?message}` (unset): Compose stops with the message given.',
  },
  COMPOSE_INTERPOLATION_INVALID: {
    severity: 'error',
    title: 'A `${…}` that Compose cannot read',
    description: 'For example `${}` or `${NAME WITH SPACE}`: Compose stops with "invalid interpolation format". Write `$$` for a literal dollar sign.',
  },
  COMPOSE_ENV_FILE_INVALID: {
    severity: 'error',
    title: 'An env file Compose cannot parse',
    description: 'A line of the .env file or of an env_file has a key with a space or a character Compose refuses, or a quoted value that is never closed; Compose stops.',
  },
  COMPOSE_ENV_FILE_MISSING: {
    severity: 'error',
    title: 'A required env file is missing',
    description: 'An env_file entry (required unless `required: false`), an --env-file, or an `include` env_file does not exist; Compose refuses the project.',
  },
  COMPOSE_ENV_FILE_SKIPPED: {
    severity: 'info',
    title: 'An optional env file is missing',
    description: 'An env_file entry with `required: false` does not exist; Compose goes on without it, and so does flinkfit.',
  },
  COMPOSE_OVERRIDE_MULTIPLE: {
    severity: 'warning',
    title: 'More than one override file beside the compose file',
    description: 'Compose uses only the first in its order of preference (compose.override.yml, compose.override.yaml, docker-compose.override.yml, docker-compose.override.yaml) and ignores the others.',
  },
} as const satisfies Record<string, { severity: ComposeLoadSeverity; title: string; description: string }>;

export type ComposeLoadCode = keyof typeof COMPOSE_LOAD_CODES;

/** A diagnostic of the loader with its registered severity. */
export function loadDiag(code: ComposeLoadCode, message: string, file: string, line?: number, service?: string): ComposeLoadDiagnostic {
  const d: ComposeLoadDiagnostic = { code, severity: COMPOSE_LOAD_CODES[code].severity, message, file };
  if (line !== undefined) d.line = line;
  if (service !== undefined) d.service = service;
  return d;
}

/** Compose's refusal of the project: loading stops with this diagnostic. */
export class ComposeRefusal extends Error {
  constructor(readonly diagnostic: ComposeLoadDiagnostic) {
    super(diagnostic.message);
  }
}
