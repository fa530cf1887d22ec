// The files `flinkfit generate` writes for a plan: Flink's config file (conf/flink-conf.yaml for
// 1.18, conf/config.yaml from 1.19), the logging file the image's start scripts point log4j at,
// and a docker-compose.yml (Compose Specification) that mounts conf/ as the image's conf directory.
// Pure: texts only, byte-identical for the same plan.
import { formatBytes } from '../size.js';
import { configFileName, renderConfigFile } from './conf-file.js';
import { CHECKPOINT_MOUNT, JOBMANAGER_SERVICE, TASKMANAGER_SERVICE } from './setup.js';
import type { GeneratedFile, Plan } from './types.js';
import { docsUrl } from '../links.js';

const MiB = 1024n * 1024n;

export const CONF_DIR = 'conf';
export const COMPOSE_FILE = 'docker-compose.yml';
export const LOG4J_FILE = 'log4j-console.properties';
/** A one-shot container that hands the new checkpoint volume to the image's user flink (uid 9999). */
export const INIT_SERVICE = 'checkpoints-init';
export const INIT_IMAGE = 'busybox:1.36';

function mibText(b: bigint): string {
  return formatBytes(b);
}

function machineLine(plan: Plan): string {
  const p = plan.preset;
  return `${p.name} (${plan.plainMachine ? `--memory ${p.memoryMiB}m` : p.id})`;
}

/** "JobManager 320 MiB + 1 × TaskManager 392 MiB + reserves 0 B = 712 MiB of 712 MiB left for Flink" */
export function budgetLine(plan: Plan): string {
  const b = plan.budget;
  const reserves = b.reserves.reduce((a, r) => a + r.bytes, 0n);
  const res = b.reserves.length > 0 ? ` + reserves ${mibText(reserves)} (${b.reserves.map((r) => `${r.name} ${mibText(r.bytes)}`).join(', ')})` : '';
  return `JobManager ${mibText(b.jobManager)} + ${b.taskManagers} × TaskManager ${mibText(b.taskManager)}${res} = ${mibText(b.used)} of the ${mibText(b.available)} this machine leaves (${mibText(b.memory)} − ${mibText(b.systemReserved)} for the system)`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  // a number stays with its unit ("64 MiB" is never split)
  const glued = text.replace(/(\d) (B|KiB|MiB|GiB|TiB)\b/g, '$1\u00a0$2');
  for (const word of glued.split(' ')) {
    if (cur !== '' && cur.length + 1 + word.length > width) {
      out.push(cur);
      cur = word;
    } else cur = cur === '' ? word : `${cur} ${word}`;
  }
  if (cur !== '') out.push(cur);
  return out.map((l) => l.replace(/\u00a0/g, ' '));
}

export function configHeader(plan: Plan): string[] {
  const rewrite =
    plan.line === '1.18'
      ? "The image's entrypoint edits a few lines of it at every start (jobmanager.rpc.address, blob and query ports)."
      : "The image's entrypoint has Flink rewrite this file at every start: comments and order are lost, the values stay.";
  return [
    `Flink ${plan.line} configuration for ${machineLine(plan)}, written by flinkfit:`,
    `  ${plan.command}`,
    ...wrap(`${budgetLine(plan)}.`, 96),
    ...wrap(
      `${plan.taskManagers} TaskManager${plan.taskManagers === 1 ? '' : 's'} × ${plan.slots} slot${plan.slots === 1 ? '' : 's'}, ${plan.stateBackend} state backend. The memory lines add up exactly: regenerate rather than edit them (-D overrides a minimum), and see them as Flink resolves them with \`flinkfit explain\`. Minimums and their bases: ${docsUrl('generate.md')}`,
      96,
    ),
    ...wrap(rewrite, 96),
  ];
}

/** "process 392 MiB = framework heap 128 MiB + …": the section titles, with the resolved sizes. */
export function memoryTitles(plan: Plan): { jobmanager: string[]; taskmanager: string[] } {
  const j = plan.jobManager;
  const t = plan.taskManager;
  const f = mibText;
  const rocks = plan.stateBackend === 'rocksdb';
  const jm = `JobManager memory: process ${f(j.totalProcess)} = JVM heap ${f(j.jvmHeap)} (the rest) + off-heap ${f(j.offHeap)} + JVM metaspace ${f(j.jvmMetaspace)} + JVM overhead ${f(j.jvmOverhead)}`;
  const parts = [
    `framework heap ${f(t.frameworkHeap)}`,
    `task heap ${f(t.taskHeap)}${rocks ? '' : ' (the rest)'}`,
    `framework off-heap ${f(t.frameworkOffHeap)}`,
    ...(t.taskOffHeap > 0n ? [`task off-heap ${f(t.taskOffHeap)}`] : []),
    `network ${f(t.network)}`,
    `managed ${f(t.managed)}${rocks ? ' (the spare)' : ''}`,
    `JVM metaspace ${f(t.jvmMetaspace)}`,
    `JVM overhead ${f(t.jvmOverhead)}`,
  ];
  const tm = `TaskManager memory: process ${f(t.totalProcess)} = ${parts.join(' + ')}`;
  return { jobmanager: wrap(jm, 96), taskmanager: wrap(tm, 96) };
}

export function renderConfig(plan: Plan): GeneratedFile {
  const f = renderConfigFile(plan.line, configHeader(plan), plan.entries, memoryTitles(plan));
  // from 2.0 the image runs as user flink (uid 9999), and its entrypoint rewrites this file
  return { path: `${CONF_DIR}/${f.name}`, text: f.text, mode: 0o666 };
}

/**
 * Flink's start scripts point log4j at conf/log4j-console.properties; mounting conf/ over the
 * image's directory hides the image's copy, so this is the equivalent of Flink's own file (console
 * and the log file the web UI shows), with smaller log files for a small disk.
 */
export function renderLog4j(): GeneratedFile {
  const lines = [
    '# Logging for Flink in the official image, written by flinkfit. conf/ is mounted over the',
    "# image's conf directory, which hides the image's own logging files; Flink's start scripts",
    '# read this one (log4j-console.properties): INFO to the console (docker compose logs) and to',
    '# the log file the web UI shows, kept small for a small disk.',
    'monitorInterval = 30',
    '',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.console.ref = ConsoleAppender',
    'rootLogger.appenderRef.rolling.ref = RollingFileAppender',
    '',
    'logger.pekko.name = org.apache.pekko',
    'logger.pekko.level = INFO',
    'logger.kafka.name = org.apache.kafka',
    'logger.kafka.level = INFO',
    'logger.hadoop.name = org.apache.hadoop',
    'logger.hadoop.level = WARN',
    'logger.zookeeper.name = org.apache.zookeeper',
    'logger.zookeeper.level = INFO',
    'logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3',
    'logger.shaded_zookeeper.level = INFO',
    '',
    'appender.console.name = ConsoleAppender',
    'appender.console.type = CONSOLE',
    'appender.console.layout.type = PatternLayout',
    'appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n',
    '',
    'appender.rolling.name = RollingFileAppender',
    'appender.rolling.type = RollingFile',
    'appender.rolling.append = true',
    'appender.rolling.fileName = ${sys:log.file}',
    'appender.rolling.filePattern = ${sys:log.file}.%i',
    'appender.rolling.layout.type = PatternLayout',
    'appender.rolling.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n',
    'appender.rolling.policies.type = Policies',
    'appender.rolling.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.rolling.policies.size.size = 10MB',
    'appender.rolling.policies.startup.type = OnStartupTriggeringPolicy',
    'appender.rolling.strategy.type = DefaultRolloverStrategy',
    'appender.rolling.strategy.max = 3',
    '',
    '# Suppress the irrelevant (wrong) warnings from the Netty channel handler',
    'logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline',
    'logger.netty.level = OFF',
  ];
  return { path: `${CONF_DIR}/${LOG4J_FILE}`, text: lines.join('\n') + '\n' };
}

/** A memory limit as Compose reads it (go-units RAMInBytes: m = MiB). */
function composeBytes(b: bigint): string {
  return b % MiB === 0n ? `${b / MiB}m` : `${b}`;
}

export function renderCompose(plan: Plan): GeneratedFile {
  const conf = `./${CONF_DIR}:/opt/flink/conf`;
  const ckpt = `checkpoints:${CHECKPOINT_MOUNT}`;
  const confFile = `${CONF_DIR}/${configFileName(plan.line)}`;
  const header = [
    `Flink ${plan.line} session cluster for ${machineLine(plan)}, written by flinkfit:`,
    `  ${plan.command}`,
    ...wrap(`${budgetLine(plan)}.`, 96),
    'Start it with `docker compose up -d`; the web UI is on http://localhost:8081.',
    ...wrap(
      `${CONF_DIR}/ is mounted as the image's conf directory and must stay writable: the entrypoint ${plan.line === '1.18' ? 'edits' : 'rewrites'} ${confFile} at every start. The memory limits equal the process sizes in ${confFile}; change both with flinkfit.`,
      96,
    ),
  ].map((l) => `# ${l}`);
  const logging = ['    logging:', '      driver: json-file', '      options:', '        max-size: "10m"', '        max-file: "3"'];
  // what both Flink services share; `between` goes after the restart policy, `dependsOn` names
  // what the service waits for beyond the checkpoint volume's owner change
  const flinkService = (name: string, command: string, between: string[], dependsOn: string[], deploy: string[], limit: bigint, limitKey: string): string[] => [
    `  ${name}:`,
    `    image: ${plan.image}`,
    `    command: ${command}`,
    '    restart: unless-stopped',
    ...between,
    '    environment:',
    `      JOB_MANAGER_RPC_ADDRESS: ${JOBMANAGER_SERVICE}`,
    '    volumes:',
    `      - ${conf}`,
    `      - ${ckpt}`,
    '    depends_on:',
    ...dependsOn,
    `      ${INIT_SERVICE}:`,
    '        condition: service_completed_successfully',
    '    deploy:',
    ...deploy,
    '      resources:',
    '        limits:',
    `          memory: ${composeBytes(limit)}  # ${limitKey}`,
    ...logging,
  ];
  const lines = [
    ...header,
    'services:',
    ...flinkService(JOBMANAGER_SERVICE, 'jobmanager', ['    ports:', '      - "8081:8081"'], [], [], plan.budget.jobManager, 'jobmanager.memory.process.size'),
    ...flinkService(TASKMANAGER_SERVICE, 'taskmanager', [], [`      ${JOBMANAGER_SERVICE}:`, '        condition: service_started'], [`      replicas: ${plan.taskManagers}`], plan.budget.taskManager, 'taskmanager.memory.process.size'),
  `  ${INIT_SERVICE}:`,
    '    # runs once: a new named volume belongs to root, Flink runs as user flink (uid 9999)',
    `    image: ${INIT_IMAGE}`,
    `    command: ["chown", "9999:9999", "/checkpoints"]`,
    '    volumes:',
    '      - checkpoints:/checkpoints',
    'volumes:',
    '  checkpoints:',
  ];
  return { path: COMPOSE_FILE, text: lines.join('\n') + '\n' };
}

/** Every file, in the order they are listed and written. */
export function renderFiles(plan: Plan): GeneratedFile[] {
  return [renderConfig(plan), renderLog4j(), renderCompose(plan)];
}
