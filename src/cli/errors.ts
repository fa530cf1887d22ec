// Exit codes and the error type for failures the user can act on (no stack trace for these).

export const ExitCode = {
  /** the config is accepted / the check found nothing at error level */
  Ok: 0,
  /** Flink would refuse the config, or a budget or check failed */
  Findings: 1,
  /** flinkfit could not run as asked: bad flag, missing file, unknown preset */
  Usage: 2,
  /** a bug in flinkfit */
  Internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
