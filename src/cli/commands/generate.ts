// `flinkfit generate`: sizes a JobManager and TaskManagers for a machine and writes Flink's config
// file and a docker-compose.yml for the official image. Parses flags here, sizes in the core,
// writes through node/write.ts, renders with the pure renderers.
import { resolve } from 'node:path';
import { parseReserve } from '../../core/check/reserve.js';
import {
  DEFAULT_CHECKPOINT_DIR,
  DEFAULT_CHECKPOINT_INTERVAL,
  STATE_BACKENDS,
  chooseImage,
  generate,
  plainMachine,
  type GenerateError,
  type GenerateInput,
  type StateBackendChoice,
} from '../../core/generate/index.js';
import { presetKind, type Preset } from '../../core/presets/index.js';
import { parseMemorySize } from '../../core/size.js';
import { parseFlinkVersion } from '../../core/versions.js';
import { loadBundledPresets, loadPreset } from '../../node/presets.js';
import { writeFiles } from '../../node/write.js';
import { CliError, ExitCode } from '../errors.js';
import { output, useColor } from '../options.js';
import { writeErr, writeOut } from '../stdio.js';
import { renderFilesToStdout, renderGenerateError, renderWritten } from '../render/generate.js';
import { presetLoadErrorMessage } from '../render/presets.js';
import { append } from '../../core/arrays.js';

export interface GenerateCliOptions {
  preset?: string;
  memory?: string;
  flinkVersion?: string;
  image?: string;
  taskmanagers?: string;
  slots?: string;
  stateBackend?: string;
  reserve?: string[];
  checkpointInterval?: string;
  checkpointDir?: string;
  D?: Record<string, string>;
  out?: string;
  force?: boolean;
  stdout?: boolean;
}

const MiB = 1024n * 1024n;

export function count(flag: string, text: string | undefined, max: number): number {
  if (text === undefined) return 1;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > max) {
    throw new CliError(`${flag} must be a whole number from 1 to ${max}, not '${text}'`);
  }
  return Number(text);
}

async function machine(opts: GenerateCliOptions): Promise<{ preset: Preset; plain: boolean }> {
  if (opts.preset !== undefined && opts.memory !== undefined) throw new CliError('give --preset or --memory, not both');
  if (opts.memory !== undefined) {
    const p = parseMemorySize(opts.memory);
    if (!p.ok) throw new CliError(`--memory: '${opts.memory}' is not a size: ${p.reason}`);
    if (/^\s*\d+\s*$/.test(opts.memory)) throw new CliError(`--memory: '${opts.memory}' has no unit; write e.g. ${opts.memory.trim()}m or 2g`);
    if (p.bytes % MiB !== 0n || p.bytes < MiB) throw new CliError(`--memory must be a whole number of MiB, e.g. 1g or 1536m, not '${opts.memory}'`);
    if (p.bytes > 16n * 1024n * 1024n * MiB) throw new CliError('--memory must be at most 16t');
    return { preset: plainMachine(Number(p.bytes / MiB)), plain: true };
  }
  if (opts.preset === undefined) throw new CliError('give the machine: --preset ID (see flinkfit presets) or --memory SIZE');
  const r = await loadPreset(opts.preset);
  if (!r.ok) throw new CliError(presetLoadErrorMessage(r.error));
  if (presetKind(r.preset) === 'kubernetes-node') throw new CliError(`${opts.preset} is a Kubernetes node preset; use generate --target kubernetes --node-preset ${opts.preset}`);
  return { preset: r.preset, plain: false };
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`;
}

/** The command line that reproduces the files, every choice spelled out. */
function commandLine(input: Omit<GenerateInput, 'command'>, memoryText: string | undefined): string {
  // the release generate settles on (the default line, or the line of --image's tag)
  const chosen = chooseImage(input);
  const v = 'ok' in chosen ? parseFlinkVersion(input.flinkVersion) : ({ ok: true, line: chosen.line, version: chosen.version } as const);
  const words = ['flinkfit', 'generate'];
  append(words, (input.plainMachine ? ['--memory', memoryText ?? `${input.preset.memoryMiB}m`] : ['--preset', input.preset.id]));
  words.push('--flink-version', v.ok ? (input.flinkVersion?.split('.').length === 3 ? v.version : v.line) : String(input.flinkVersion));
  if (input.image !== undefined) words.push('--image', input.image);
  words.push('--taskmanagers', String(input.taskManagers), '--slots', String(input.slots), '--state-backend', input.stateBackend);
  for (const r of input.reserves) words.push('--reserve', `${r.name}=${r.bytes % MiB === 0n ? `${r.bytes / MiB}m` : `${r.bytes}b`}`);
  words.push('--checkpoint-interval', input.checkpointInterval);
  if (input.checkpointDir !== DEFAULT_CHECKPOINT_DIR) words.push('--checkpoint-dir', input.checkpointDir);
  for (const [k, val] of Object.entries(input.dynamic)) words.push('-D', `${k}=${val}`);
  return words.map(shellWord).join(' ');
}

/** A flag or -D the tool cannot work with is a usage problem (exit 2); a machine too small is a finding (exit 1). */
export function reportFailure(result: GenerateError): void {
  if (result.code === 'INVALID_OPTION') throw new CliError(result.message);
  writeErr(renderGenerateError(result, { color: useColor(output(2)) }));
  process.exitCode = ExitCode.Findings;
}

/** Writes the files (all or none); a file in the way or an unwritable path is a usage problem. */
export function writeOrFail(dir: string, files: Parameters<typeof writeFiles>[1], force: boolean): string[] {
  const w = writeFiles(dir, files, { force });
  if (!w.ok) {
    // say exactly what is on disk now: what was written, what was not
    const outcome = w.written.length === 0 ? 'nothing was written' : `written: ${w.written.join(', ')}; not written: ${w.notWritten.join(', ')}`;
    if (w.problem === 'exists') throw new CliError(`${w.file} already exists; ${outcome} (use --force to replace it)`);
    throw new CliError(`cannot write ${w.file}: ${w.reason}; ${outcome}`);
  }
  return w.written;
}

export async function run(opts: GenerateCliOptions & { target?: string }): Promise<void> {
  if (opts.target !== undefined && opts.target !== 'docker') {
    if (opts.target !== 'kubernetes') throw new CliError(`--target must be docker or kubernetes, not '${opts.target}'`);
    return (await import('./generate-kubernetes.js')).run(opts);
  }
  const color = useColor();
  const { preset, plain } = await machine(opts);
  const flinkVersion = opts.flinkVersion;
  if (flinkVersion !== undefined) {
    const v = parseFlinkVersion(flinkVersion);
    if (!v.ok) throw new CliError(v.message);
  }
  const stateBackend = (opts.stateBackend ?? 'hashmap').toLowerCase();
  if (!(STATE_BACKENDS as readonly string[]).includes(stateBackend)) {
    throw new CliError(`--state-backend must be ${STATE_BACKENDS.join(' or ')}, not '${opts.stateBackend}'`);
  }
  const reserves = (opts.reserve ?? []).map((spec) => {
    const r = parseReserve(spec);
    if ('error' in r) throw new CliError(r.error);
    return r;
  });
  const presets = loadBundledPresets().flatMap((r) => (r.ok && presetKind(r.preset) === 'vm' ? [r.preset] : []));
  const base: Omit<GenerateInput, 'command'> = {
    preset,
    plainMachine: plain,
    ...(flinkVersion !== undefined ? { flinkVersion } : {}),
    ...(opts.image !== undefined ? { image: opts.image } : {}),
    taskManagers: count('--taskmanagers', opts.taskmanagers, 64),
    slots: count('--slots', opts.slots, 256),
    stateBackend: stateBackend as StateBackendChoice,
    reserves,
    checkpointInterval: opts.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL,
    checkpointDir: opts.checkpointDir ?? DEFAULT_CHECKPOINT_DIR,
    dynamic: opts.D ?? {},
    presets,
  };
  const result = generate({ ...base, command: commandLine(base, opts.memory?.trim()) });
  if (!result.ok) return reportFailure(result);
  if (opts.stdout) {
    writeOut(renderFilesToStdout(result.files));
    return;
  }
  const dir = opts.out ?? '.';
  const written = writeOrFail(dir, result.files, opts.force === true);
  writeOut(renderWritten(resolve(dir) === resolve('.') ? '.' : dir, written, result.plan, { color }));
}
