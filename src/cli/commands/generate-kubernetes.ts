// `flinkfit generate --target kubernetes`: a FlinkDeployment sized for a Kubernetes node type,
// written as flinkdeployment.yaml (or printed with --stdout). Parses flags here, sizes in core/k8s.
import { resolve } from 'node:path';
import { parseReserve } from '../../core/check/project.js';
import { DEFAULT_CHECKPOINT_DIR, DEFAULT_CHECKPOINT_INTERVAL, STATE_BACKENDS, type StateBackendChoice } from '../../core/generate/index.js';
import { generateKubernetes } from '../../core/k8s/generate.js';
import { parseOperatorVersion } from '../../core/k8s/operator.js';
import { presetKind } from '../../core/presets/index.js';
import { formatBytes } from '../../core/size.js';
import { loadBundledPresets, loadPreset } from '../../node/presets.js';
import { CliError } from '../errors.js';
import { writeOut } from '../stdio.js';
import { presetLoadErrorMessage } from '../render/presets.js';
import { count, reportFailure, writeOrFail, type GenerateCliOptions } from './generate.js';

export const MANIFEST_FILE = 'flinkdeployment.yaml';

export interface KubernetesGenerateCliOptions extends GenerateCliOptions {
  nodePreset?: string;
  nodes?: string;
  mode?: string;
  jobJar?: string;
  entryClass?: string;
  operatorVersion?: string;
  name?: string;
}

function word(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

export async function run(opts: KubernetesGenerateCliOptions): Promise<void> {
  if (opts.preset !== undefined || opts.memory !== undefined) throw new CliError('with --target kubernetes give the node type with --node-preset ID (see the Kubernetes nodes in flinkfit presets)');
  if (opts.nodePreset === undefined) throw new CliError('--target kubernetes needs --node-preset ID (see the Kubernetes nodes in flinkfit presets)');
  const r = await loadPreset(opts.nodePreset);
  if (!r.ok) throw new CliError(presetLoadErrorMessage(r.error));
  if (presetKind(r.preset) !== 'kubernetes-node') throw new CliError(`--node-preset ${opts.nodePreset} is a VM preset; choose a Kubernetes node (flinkfit presets lists them apart)`);
  const op = parseOperatorVersion(opts.operatorVersion);
  if (!op.ok) throw new CliError(op.message);
  if (op.version === 'main') throw new CliError('generate writes manifests for a released operator (1.10 … 1.15); main is read by explain and check only');
  const mode = (opts.mode ?? 'native').toLowerCase();
  if (mode !== 'native' && mode !== 'standalone') throw new CliError(`--mode must be native or standalone, not '${opts.mode}'`);
  const stateBackend = (opts.stateBackend ?? 'hashmap').toLowerCase();
  if (!(STATE_BACKENDS as readonly string[]).includes(stateBackend)) throw new CliError(`--state-backend must be ${STATE_BACKENDS.join(' or ')}, not '${opts.stateBackend}'`);
  if (opts.entryClass !== undefined && opts.jobJar === undefined) throw new CliError('--entry-class goes with --job-jar');
  const reserves = (opts.reserve ?? []).map((spec) => {
    const p = parseReserve(spec);
    if ('error' in p) throw new CliError(p.error);
    return p;
  });
  if (reserves.length > 0) throw new CliError('--reserve is for machines shared with other services; on Kubernetes other pods have their own requests');
  const nodes = count('--nodes', opts.nodes, 1000);
  const taskManagers = count('--taskmanagers', opts.taskmanagers, 256);
  const slots = count('--slots', opts.slots, 256);
  const words = ['flinkfit', 'generate', '--target', 'kubernetes', '--node-preset', r.preset.id, '--nodes', String(nodes), '--taskmanagers', String(taskManagers), '--slots', String(slots), '--mode', mode, '--operator-version', op.version, '--state-backend', stateBackend];
  if (opts.flinkVersion) words.push('--flink-version', opts.flinkVersion);
  if (opts.jobJar) words.push('--job-jar', opts.jobJar);
  if (opts.entryClass) words.push('--entry-class', opts.entryClass);
  if (opts.checkpointInterval) words.push('--checkpoint-interval', opts.checkpointInterval);
  if (opts.checkpointDir) words.push('--checkpoint-dir', opts.checkpointDir);
  for (const [k, v] of Object.entries(opts.D ?? {})) words.push('-D', `${k}=${v}`);
  const result = generateKubernetes({
    node: r.preset,
    nodes,
    nodeTypes: loadBundledPresets().flatMap((x) => (x.ok && presetKind(x.preset) === 'kubernetes-node' ? [x.preset] : [])),
    mode,
    operatorVersion: op.version,
    name: opts.name ?? 'flink',
    ...(opts.jobJar !== undefined ? { jobJar: opts.jobJar } : {}),
    ...(opts.entryClass !== undefined ? { entryClass: opts.entryClass } : {}),
    ...(opts.flinkVersion !== undefined ? { flinkVersion: opts.flinkVersion } : {}),
    taskManagers,
    slots,
    stateBackend: stateBackend as StateBackendChoice,
    reserves: [],
    checkpointInterval: opts.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL,
    checkpointDir: opts.checkpointDir ?? DEFAULT_CHECKPOINT_DIR,
    dynamic: opts.D ?? {},
    presets: [],
    command: words.map(word).join(' '),
  });
  if (!result.ok) return reportFailure(result);
  if (opts.stdout) {
    writeOut(result.manifest);
    return;
  }
  const dir = opts.out ?? '.';
  writeOrFail(dir, [{ path: MANIFEST_FILE, text: result.manifest }], opts.force === true);
  const p = result.plan;
  const where = resolve(dir) === resolve('.') ? '' : `${dir}/`;
  writeOut(
    `wrote ${where}${MANIFEST_FILE}: Flink ${p.version} on ${nodes} × ${r.preset.id} — JobManager ${formatBytes(p.jobManager.totalProcess)}, ${p.taskManagers} × TaskManager ${formatBytes(p.taskManager.totalProcess)} (${p.slots} slot${p.slots === 1 ? '' : 's'} each)\n` +
      `next: kubectl apply -f ${where}${MANIFEST_FILE}   (check it: flinkfit check --node-preset ${r.preset.id} --nodes ${nodes} ${where}${MANIFEST_FILE})\n`,
  );
}
