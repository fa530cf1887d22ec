// The configuration the official flink image ships in /opt/flink/conf when nothing is mounted: the
// distribution's file as the image build rewrote it. We keep its settings (not its text); a file
// is written from them in the format each line reads, and a test checks that Flink's loader gets
// the same values from it as from the image's real file.
import type { FlinkLine } from '../versions.js';

const JAVA17_OPENS = [
  'java.rmi/sun.rmi.registry',
  'jdk.compiler/com.sun.tools.javac.api',
  'jdk.compiler/com.sun.tools.javac.file',
  'jdk.compiler/com.sun.tools.javac.parser',
  'jdk.compiler/com.sun.tools.javac.tree',
  'jdk.compiler/com.sun.tools.javac.util',
  'java.security.jgss/sun.security.krb5',
];
const JAVA17_OPENS_BASE = [
  'java.base/java.lang',
  'java.base/java.net',
  'java.base/java.io',
  'java.base/java.nio',
  'java.base/sun.nio.ch',
  'java.base/java.lang.reflect',
  'java.base/java.text',
  'java.base/java.time',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/java.util.concurrent.atomic',
  'java.base/java.util.concurrent.locks',
];

function javaOpts(line: FlinkLine): string {
  // up to 2.0 the list also exports java.base/sun.net.util
  const exports = (['2.1', '2.2', '2.3'].includes(line) ? [] : ['java.base/sun.net.util']).concat(JAVA17_OPENS);
  return [...exports.map((m) => `--add-exports=${m}=ALL-UNNAMED`), ...JAVA17_OPENS_BASE.map((m) => `--add-opens=${m}=ALL-UNNAMED`)].join(' ');
}

/** Settings of the image's config: TaskManager 1728m, JobManager 1600m, one slot, open bind addresses. */
export function imageSettings(line: FlinkLine): Array<[string, string]> {
  const s: Array<[string, string]> = [
    ['env.java.opts.all', javaOpts(line)],
    ['jobmanager.rpc.address', 'localhost'],
    ['jobmanager.rpc.port', '6123'],
    ['jobmanager.bind-host', '0.0.0.0'],
    ['jobmanager.memory.process.size', '1600m'],
    ['taskmanager.bind-host', '0.0.0.0'],
    ['taskmanager.memory.process.size', '1728m'],
    ['taskmanager.numberOfTaskSlots', '1'],
    ['parallelism.default', '1'],
    ['jobmanager.execution.failover-strategy', 'region'],
    ['rest.address', '0.0.0.0'],
  ];
  // 1.18 and 1.19 also set rest.bind-address
  if (line === '1.18' || line === '1.19') s.push(['rest.bind-address', '0.0.0.0']);
  return s;
}

const NUMERIC = new Set(['jobmanager.rpc.port', 'taskmanager.numberOfTaskSlots', 'parallelism.default']);

/** The image's conf directory: flink-conf.yaml for 1.18, config.yaml (flat dotted keys) from 1.19. */
export function imageConf(line: FlinkLine): Record<string, string> {
  const settings = imageSettings(line);
  if (line === '1.18') {
    return { 'flink-conf.yaml': settings.map(([k, v]) => `${k}: ${v}\n`).join('') };
  }
  const yaml = settings.map(([k, v]) => `${k}: ${NUMERIC.has(k) ? v : `'${v}'`}\n`).join('');
  return { 'config.yaml': yaml };
}
