// The flinkfit command line: a thin shell over the pure core. It runs the program (program.ts) and
// turns every way a run can end into an exit code and at most one short line on stderr.
import { CommanderError } from 'commander';
import { CliError, ExitCode } from './errors.js';
import { buildProgram } from './program.js';
import { writeErr } from './stdio.js';

/** A bug in flinkfit: one line asking for a report; the stack only with --debug. */
function internalErrorText(err: unknown, debug: boolean): string {
  const first = String((err as Error)?.message ?? err).split('\n')[0] ?? '';
  const detail = debug
    ? `\n${(err as Error)?.stack ?? String(err)}\n`
    : ' Run again with --debug for the details.\n';
  return `flinkfit: internal error (a bug in flinkfit, please report it with the command you ran): ${first}.${detail}`;
}

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version end here with code 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return;
    }
    if (err instanceof CliError) {
      writeErr(`flinkfit: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    writeErr(internalErrorText(err, debug));
    process.exitCode = ExitCode.Internal;
  }
}

// main() handles every error itself; nothing is left to reject. Anything thrown outside it (an
// event handler) is still a bug, said the same short way.
process.on('uncaughtException', (err) => {
  writeErr(internalErrorText(err, process.argv.includes('--debug')));
  process.exit(ExitCode.Internal);
});
void main(process.argv);
