// The flinkfit command line's commands and options (commander). Each command module is loaded only
// when that command runs, so a cold start pays only for what it uses; main.ts runs the program.
import { Command } from 'commander';
import { collectDynamic, output, useColor } from './options.js';
import { columnsOf, writeErr, writeOut } from './stdio.js';
import { VERSION } from './version.js';
import { REPOSITORY_URL } from '../core/links.js';

/** `Examples:` after a command's help: what one runs, with a word on each. */
const examples = (...lines: Array<[string, string]>) =>
  `\nExamples:\n${lines.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n')}\n`;


/** The Compose project options explain and check share, as `docker compose` spells them. */
const repeatable = (v: string, p: string[] = []) => [...p, v];
function withComposeOptions(cmd: Command): Command {
  return cmd
    .option('--compose-file <file>', 'a compose file to merge, like docker compose -f (repeatable; the files form one deployment)', repeatable)
    .option('--env-file <file>', 'the env file Compose interpolates from, like docker compose --env-file (default: .env of the project)', repeatable)
    .option('--profile <name>', 'enable a Compose profile, like docker compose --profile (repeatable)', repeatable);
}

const COMMAND_NAMES: readonly string[] = ['presets', 'explain', 'check', 'generate'];

/**
 * The program with the commands it needs: a run names one command (the first word that is not an
 * option; the global options take no value), and only that one is built — building all four with
 * their options is ~1.5 ms of a ~25 ms start. With no command, `help` or a word that is not a
 * command, all are built, so help lists them and commander suggests the nearest.
 */
export function buildProgram(argv: readonly string[] = []): Command {
  const word = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = (name: string) => word === undefined || !COMMAND_NAMES.includes(word) || word === name;
  const program = new Command();
  program
    .name('flinkfit')
    .description("Size Apache Flink's memory for small machines, exactly as Flink computes it.")
    .version(VERSION, '-V, --version', 'print the flinkfit version')
    .option('--no-color', 'print without colour (also NO_COLOR=1, TERM=dumb)')
    .showHelpAfterError('(run flinkfit --help for usage)')
    .option('--debug', 'on an internal error, print its stack trace')
    .exitOverride()
    // help and usage errors go out as every other text does: no stream objects (stdio.ts); output
    // piped into a reader that went away (EPIPE) ends quietly there too
    .configureOutput({
      writeOut,
      writeErr,
      getOutHelpWidth: () => columnsOf(1) ?? 80,
      getErrHelpWidth: () => columnsOf(2) ?? 80,
      getOutHasColors: () => useColor(output(1)),
      getErrHasColors: () => useColor(output(2)),
    })
    .addHelpText('after', `\nDocumentation: ${REPOSITORY_URL}#readme`)
    .hook('preAction', (cmd) => {
      // every renderer asks useColor(), which honours NO_COLOR
      if (cmd.opts().color === false) process.env.NO_COLOR = '1';
    });
  if (wanted('presets')) program
    .command('presets [id]')
    .description('list the bundled machine presets, or show one (an id or the path of a preset YAML file)')
    .option('--json', 'print JSON (schemaVersion 1) instead of text')
    .addHelpText('after', examples(['flinkfit presets', 'every bundled machine and what it leaves for Flink'], ['flinkfit presets gcp-e2-micro', 'one machine, with the estimate behind its system share'], ['flinkfit presets ./my-vm.yaml', 'check your own preset file']))
    .action(async (...a: [string | undefined, { json?: boolean }]) => (await import('./commands/presets.js')).run(...a));
  if (wanted('explain')) withComposeOptions(program.command('explain [files...]'))
    .description('find the Flink deployments in files, directories or the current directory (compose projects, conf directories, config files) and explain every memory number')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: from the image tag, else assumed')
    .option('-D <key=value>', 'a dynamic property, applied last like Flink\'s -D (repeatable)', collectDynamic)
    .option('--json', 'print the explanation as JSON (same as --format json)')
    .option('--format <format>', 'text, json, svg (the memory diagram) or html (a self-contained report)')
    .option('--out <file>', 'write the output to this file instead of stdout (never replaces a file without --force)')
    .option('--force', 'with --out: replace the file if it exists')
    .option('--preset <id|path>', 'with svg or html: draw the machine (system share, JobManager, TaskManagers, overflow)')
    .option('--operator-version <version>', 'for FlinkDeployment manifests: Flink Kubernetes Operator release (1.10 … 1.15; default 1.15), or main (unreleased)')
    .addHelpText('after', examples(['flinkfit explain conf/flink-conf.yaml', 'every memory number of a Flink 1.x config, and why'], ['flinkfit explain', 'every deployment in this repository: compose projects and config files'], ['flinkfit explain docker-compose.yml --profile flink', 'each Flink service of a compose project, as docker compose would run it'], ['flinkfit explain conf/flink-conf.yaml --format svg --out memory.svg', 'the memory diagram']))
    .action(async (files: string[], opts) => (await import('./commands/explain.js')).run(files, opts));
  if (wanted('check')) withComposeOptions(program.command('check [files...]'))
    .description('check Flink config files and docker-compose files against Flink\'s rules and a machine budget')
    .option('--preset <id|path>', 'machine preset id (see flinkfit presets) or a preset YAML file')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: from the image tag, else assumed')
    .option('--reserve <name=size>', 'memory another service needs on the machine, e.g. kafka=384m (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--format <format>', 'text, json, github (workflow annotations), sarif (SARIF 2.1.0 for code scanning) or gitlab (code-quality report)', 'text')
    .option('--strict', 'count warnings as failures')
    .option('-D <key=value>', 'a dynamic property, applied last like Flink\'s -D (repeatable)', collectDynamic)
    .option('--config <file>', 'project file (default: .flinkfit.yaml in the current directory, if present)')
    .option('--operator-version <version>', 'for FlinkDeployment manifests: Flink Kubernetes Operator release (1.10 … 1.15; default 1.15), or main (unreleased)')
    .option('--node-preset <ids>', 'for FlinkDeployment manifests: Kubernetes node preset(s), comma-separated, one per node')
    .option('--nodes <n>', 'for FlinkDeployment manifests: how many nodes of the --node-preset type')
    .addHelpText('after', examples(['flinkfit check docker-compose.yml --preset gcp-e2-micro', 'does the deployment fit a 1 GB e2-micro?'], ['flinkfit check conf/config.yaml --reserve kafka=384m --strict', 'leave room for Kafka, and fail on warnings too'], ['flinkfit check docker-compose.yml --preset aws-t3-small --format sarif > flinkfit.sarif', 'SARIF for GitHub code scanning']))
    .action(async (files: string[], opts) => (await import('./commands/check.js')).run(files, opts));
  if (wanted('generate')) program
    .command('generate')
    .description('size Flink for a machine and write its config file and a docker-compose.yml')
    .option('--preset <id|path>', 'machine preset id (see flinkfit presets) or a preset YAML file')
    .option('--memory <size>', 'instead of a preset: a plain Linux host with this much memory, e.g. 2g')
    .option('--flink-version <version>', 'Flink version (1.18 … 2.3); default: the newest with a published official image')
    .option('--image <ref>', 'image to run instead of the official release flinkfit pins, e.g. registry.example.com/flink:2.3.0-java17')
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
    .option('--target <target>', 'docker (a config file and docker-compose.yml, the default) or kubernetes (a FlinkDeployment)')
    .option('--node-preset <id>', 'with --target kubernetes: the Kubernetes node type (see flinkfit presets)')
    .option('--nodes <n>', 'with --target kubernetes: nodes of that type (default 1)')
    .option('--mode <mode>', 'with --target kubernetes: native (default) or standalone')
    .option('--job-jar <uri>', 'with --target kubernetes: an application cluster running this jar (local:///…); without it, a session cluster')
    .option('--entry-class <class>', 'with --target kubernetes: the job\'s main class')
    .option('--operator-version <version>', 'with --target kubernetes: Flink Kubernetes Operator release (1.10 … 1.15; default 1.15)')
    .addHelpText('after', examples(['flinkfit generate --preset gcp-e2-micro --out my-flink', 'a config and docker-compose.yml that fit an e2-micro'], ['flinkfit generate --memory 4g --taskmanagers 2 --state-backend rocksdb --stdout', 'print the files for a 4 GB host'], ['flinkfit generate --preset ram-2g --flink-version 2.3 --image my.registry/flink:2.3.0-java17', 'a line without an official image yet, on your own image']))
    .action(async (opts) => (await import('./commands/generate.js')).run(opts));
  return program;
}

