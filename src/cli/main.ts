// The flinkfit command line: a thin shell over the pure core. Each command module is loaded only
// when that command runs, so a cold start pays only for what it uses.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, ExitCode } from './errors.js';
import { collectDynamic } from './options.js';

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
    .option('--debug', 'on an internal error, print its stack trace')
    .exitOverride();
  program
    .command('presets [id]')
    .description('list the bundled machine presets, or show one (an id or the path of a preset YAML file)')
    .option('--json', 'print JSON (schemaVersion 1) instead of text')
    .action(async (...a: [string | undefined, { json?: boolean }]) => (await import('./commands/presets.js')).run(...a));
  program
    .command('explain [files...]')
    .description('read Flink config files, conf directories or a docker-compose file and explain every memory number')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: from the image tag, else assumed')
    .option('-D <key=value>', 'a dynamic property, applied last like Flink\'s -D (repeatable)', collectDynamic)
    .option('--json', 'print the explanation as JSON')
    .action(async (files: string[], opts) => (await import('./commands/explain.js')).run(files, opts));
  program
    .command('check [files...]')
    .description('check Flink config files and docker-compose files against Flink\'s rules and a machine budget')
    .option('--preset <id|path>', 'machine preset id (see flinkfit presets) or a preset YAML file')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: from the image tag, else assumed')
    .option('--reserve <name=size>', 'memory another service needs on the machine, e.g. kafka=384m (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--format <format>', 'text, json or github', 'text')
    .option('--strict', 'count warnings as failures')
    .option('-D <key=value>', 'a dynamic property, applied last like Flink\'s -D (repeatable)', collectDynamic)
    .option('--config <file>', 'project file (default: .flinkfit.yaml in the current directory, if present)')
    .action(async (files: string[], opts) => (await import('./commands/check.js')).run(files, opts));
  program
    .command('generate')
    .description('size Flink for a machine and write its config file and a docker-compose.yml')
    .option('--preset <id|path>', 'machine preset id (see flinkfit presets) or a preset YAML file')
    .option('--memory <size>', 'instead of a preset: a plain Linux host with this much memory, e.g. 2g')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: the newest')
    .option('--taskmanagers <n>', 'number of TaskManagers (default 1)')
    .option('--slots <n>', 'task slots per TaskManager (default 1)')
    .option('--state-backend <name>', 'hashmap or rocksdb (default hashmap)')
    .option('--reserve <name=size>', 'memory another service needs on the machine, e.g. kafka=384m (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--checkpoint-interval <duration>', 'execution.checkpointing.interval, e.g. 10s (default 60s)')
    .option('--checkpoint-dir <uri>', 'checkpoint directory (default file:///opt/flink/checkpoints, a named volume)')
    .option('-D <key=value>', 'a Flink option to set as given; memory options override the minimums (repeatable)', collectDynamic)
    .option('--out <dir>', 'directory to write into (default: the current one; created if missing)')
    .option('--force', 'replace files that exist')
    .option('--stdout', 'print the files instead of writing them')
    .action(async (opts) => (await import('./commands/generate.js')).run(opts));
  return program;
}

/**
 * Output piped into `head` and the like: once the reader is gone, the rest of the output has
 * nowhere to go. That is a normal end, not an error: stop quietly with the exit code decided so far.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? ExitCode.Ok);
    throw err;
  });
}

/** A bug in flinkfit: one line asking for a report; the stack only with --debug. */
function internalErrorText(err: unknown, debug: boolean): string {
  const first = String((err as Error)?.message ?? err).split('\n')[0] ?? '';
  const detail = debug
    ? `\n${(err as Error)?.stack ?? String(err)}\n`
    : ' Run again with --debug for the details.\n';
  return `flinkfit: internal error (a bug in flinkfit, please report it with the command you ran): ${first}.${detail}`;
}

async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  const debug = argv.includes('--debug');
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
    process.stderr.write(internalErrorText(err, debug));
    process.exitCode = ExitCode.Internal;
  }
}

// main() handles every error itself; nothing is left to reject. Anything thrown outside it (an
// event handler) is still a bug, said the same short way.
process.on('uncaughtException', (err) => {
  process.stderr.write(internalErrorText(err, process.argv.includes('--debug')));
  process.exit(ExitCode.Internal);
});
void main(process.argv);
