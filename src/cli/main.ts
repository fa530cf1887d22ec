// The flinkfit command line: a thin shell over the pure core. Each command module is loaded only
// when that command runs, so a cold start pays only for what it uses.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, ExitCode } from './errors.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('flinkfit')
    .description("Size Apache Flink's memory for small machines, exactly as Flink computes it.")
    .version(pkg.version, '-V, --version', 'print the flinkfit version')
    .showHelpAfterError('(run flinkfit --help for usage)')
    .exitOverride();
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version end here with code 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
      return;
    }
    if (err instanceof CliError) {
      process.stderr.write(`flinkfit: ${err.message}\n`);
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`flinkfit: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = ExitCode.Internal;
  }
}

await main(process.argv);
