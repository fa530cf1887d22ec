// Sizes a JobManager and N TaskManagers for a machine, the way Flink's TaskExecutorProcessUtils and
// JobManagerProcessUtils will resolve them: every component at least its practical minimum
// (minimums.ts), the spare memory given to what the workload uses (task heap for hashmap, managed
// memory for RocksDB), and the result checked by resolving the very file that will be written.
import { loadConfDir } from '../conf/confdir.js';
import { resolveJobManager, resolveJobManagerConfig, resolveTaskManager, resolveTaskManagerConfig } from '../memory/index.js';
import type { JobManagerMemory, JobManagerOutcome, TaskManagerMemory, TaskManagerOutcome } from '../memory/types.js';
import { JM, TM, type OptionDef } from '../options.js';
import { availableBytes } from '../presets/index.js';
import { formatBytes } from '../size.js';
import { parseFlinkVersion, type FlinkLine } from '../versions.js';
import { renderConfigFile } from './conf-file.js';
import { plainMemoryFor, smallestPresetFor } from './machine.js';
import {
  MINIMUMS,
  MINIMUM_IDS,
  NETWORK_EXCHANGES,
  networkBuffers,
  tierBytes,
  type MinimumId,
  type SizingContext,
  type Tier,
} from './minimums.js';
import { Overrides, WAIVED_BY, isMemoryKey } from './overrides.js';
import { FLAG_KEYS, checkpointIntervalError, setupEntries } from './setup.js';
import { NEWEST_PUBLISHED_LINE, PUBLISHED_IMAGES, imageTagFor, isPublishedImage, newestPublishedImage, noPublishedImageMessage, IMAGE_TABLE_SOURCE } from '../images.js';
import { imageFlinkLine, parseImageRef } from '../docker/image.js';
import type { AppliedMinimum, Budget, ConfEntry, GenerateError, GenerateInput, NeededMemory, Plan } from './types.js';
import { docsUrl } from '../links.js';
import { append } from '../arrays.js';

const MiB = 1024n * 1024n;
const JM_IDS: MinimumId[] = ['JM_HEAP', 'JM_OFF_HEAP', 'JM_METASPACE', 'JM_OVERHEAD'];
const TM_IDS: MinimumId[] = MINIMUM_IDS.filter((id) => MINIMUMS[id].role === 'taskmanager');

export type SolveResult = { ok: true; plan: Plan } | GenerateError;

const mib = (b: bigint): string => `${b / MiB}m`;
/** A size as the config file writes it: whole MiB when it is, else bytes. */
export function sizeText(b: bigint): string {
  return b % MiB === 0n ? mib(b) : `${b}b`;
}

export function fail(code: GenerateError['code'], message: string, needed?: NeededMemory): GenerateError {
  return { ok: false, code, message, ...(needed ? { needed } : {}) };
}

/** Short reasons for the memory lines, by component. */
const WHY: Partial<Record<MinimumId, string>> = {
  JM_OFF_HEAP: 'Netty buffers of RPC and REST',
  JM_METASPACE: "Flink's classes and a small job jar",
  JM_OVERHEAD: 'thread stacks, code cache, GC',
  TM_FRAMEWORK_HEAP: "Flink's own heap",
  TM_FRAMEWORK_OFF_HEAP: 'Netty buffers of RPC and shuffle',
  TM_METASPACE: "Flink's classes and a small job jar",
  TM_OVERHEAD: 'thread stacks, code cache, GC',
};

const FLINK_DEFAULT: Partial<Record<MinimumId, string>> = {
  JM_OFF_HEAP: '128m',
  JM_METASPACE: '256m',
  JM_OVERHEAD: '192m',
  TM_FRAMEWORK_HEAP: '128m',
  TM_FRAMEWORK_OFF_HEAP: '128m',
  TM_METASPACE: '256m',
  TM_OVERHEAD: '192m',
};

interface Sizing {
  line: FlinkLine;
  version: string;
  /** the image reference the compose file runs */
  image: string;
  ctx: SizingContext;
  ov: Overrides;
  input: GenerateInput;
  /** setup lines and the -D lines that are not memory options, in file order */
  setup: ConfEntry[];
  userOther: ConfEntry[];
}

/** Lines of one (min, max, fraction) range: exactly `value` unless the user set part of it. */
function rangeEntries(
  s: Sizing,
  minO: OptionDef,
  maxO: OptionDef,
  fracO: OptionDef,
  value: bigint,
  comment: string,
): ConfEntry[] {
  const { ov } = s;
  const uMin = ov.has(minO);
  const uMax = ov.has(maxO);
  const uFrac = ov.has(fracO);
  const plan = (key: string, v: string, c?: string): ConfEntry => ({ key, value: v, source: 'plan', ...(c ? { comment: c } : {}) });
  if (!uMin && !uMax && !uFrac) {
    return [plan(minO.key, sizeText(value), comment), plan(maxO.key, sizeText(value), 'min = max: exactly this size')];
  }
  const out: ConfEntry[] = [];
  if (!uMin) {
    const cap = uMax ? ov.size(maxO) : undefined;
    out.push(plan(minO.key, sizeText(cap !== undefined && cap < value ? cap : value), 'lower bound to your -D'));
  }
  if (!uMax && !uFrac) {
    const floor = uMin ? ov.size(minO) : undefined;
    out.push(plan(maxO.key, sizeText(floor !== undefined && floor > value ? floor : value), 'upper bound to your -D'));
  }
  // one bound given: take the other bound, not 10% of the total, so the size is the one asked for
  if (!uFrac && uMin !== uMax) out.push(plan(fracO.key, '0', 'the size is the bound you set'));
  return out;
}

/** The size a range resolves to for the arithmetic estimate (the model has the last word). */
function rangeValue(ov: Overrides, minO: OptionDef, maxO: OptionDef, fracO: OptionDef, value: bigint): bigint {
  const lo = ov.size(minO);
  const hi = ov.size(maxO);
  if (ov.has(fracO)) return value;
  if (lo !== undefined && hi === undefined) return lo;
  if (hi !== undefined && lo === undefined) return hi < value ? hi : value;
  if (lo !== undefined && hi !== undefined) return lo;
  return value;
}

function suffix(id: MinimumId, source: 'minimum' | 'standard'): string {
  const d = FLINK_DEFAULT[id];
  if (source === 'standard') return "Flink's default";
  return d ? `minimum; Flink's default: ${d}` : 'minimum';
}

function userEntries(s: Sizing, prefix: string): ConfEntry[] {
  return Object.entries(s.input.dynamic)
    .filter(([k]) => isMemoryKey(k) && k.startsWith(prefix))
    .map(([key, value]) => ({ key, value, source: 'user' as const, comment: 'given with -D' }));
}

// ---------------------------------------------------------------------------------------------
// JobManager
// ---------------------------------------------------------------------------------------------

interface JmPlan {
  entries: ConfEntry[];
  /** arithmetic process size (exact unless the user's -D makes Flink derive it) */
  estimate: bigint;
}

function jmUserFixed(ov: Overrides): boolean {
  return ov.any(JM.totalProcess, JM.totalFlink, JM.heap, JM.legacyHeap, JM.legacyHeapMb);
}

function planJobManagerParts(s: Sizing, tier: Tier = 'minimum') {
  const { ov, ctx } = s;
  const t = (id: MinimumId) => tierBytes(id, tier, ctx);
  return {
    heap: t('JM_HEAP'),
    offHeap: ov.size(JM.offHeap) ?? t('JM_OFF_HEAP'),
    metaspace: ov.size(JM.metaspace) ?? t('JM_METASPACE'),
    overhead: rangeValue(ov, JM.overheadMin, JM.overheadMax, JM.overheadFraction, t('JM_OVERHEAD')),
  };
}

function planJobManager(s: Sizing, tier: Tier): JmPlan {
  const { ov, ctx } = s;
  const t = (id: MinimumId) => tierBytes(id, tier, ctx);
  const src = tier === 'standard' ? 'standard' : 'minimum';
  const { heap, offHeap, metaspace, overhead } = planJobManagerParts(s, tier);
  const estimate = heap + offHeap + metaspace + overhead;
  const entries: ConfEntry[] = [];
  const fixed = jmUserFixed(ov);
  if (!fixed) {
    entries.push({
      key: JM.totalProcess.key,
      value: sizeText(estimate),
      source: 'plan',
      comment: 'the container memory limit; JVM heap is the rest',
    });
  }
  if (!ov.has(JM.offHeap)) entries.push({ key: JM.offHeap.key, value: sizeText(offHeap), source: 'plan', comment: `${WHY.JM_OFF_HEAP} (${suffix('JM_OFF_HEAP', src)})` });
  if (!ov.has(JM.metaspace)) entries.push({ key: JM.metaspace.key, value: sizeText(metaspace), source: 'plan', comment: `${WHY.JM_METASPACE} (${suffix('JM_METASPACE', src)})` });
  append(entries, rangeEntries(s, JM.overheadMin, JM.overheadMax, JM.overheadFraction, t('JM_OVERHEAD'), `${WHY.JM_OVERHEAD} (${suffix('JM_OVERHEAD', src)})`));
  for (const x of userEntries(s, 'jobmanager.')) entries.push(x);
  return { entries, estimate };
}

// ---------------------------------------------------------------------------------------------
// TaskManager
// ---------------------------------------------------------------------------------------------

function tmUserFixed(ov: Overrides): boolean {
  return ov.any(TM.totalProcess, TM.totalFlink, TM.taskHeap, TM.legacyHeap, TM.legacyHeapMb);
}

interface TmParts {
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskOffHeap: bigint;
  network: bigint;
  managed: bigint;
  metaspace: bigint;
  overhead: bigint;
  taskHeapFloor: bigint;
}

function tmParts(s: Sizing, tier: Tier): TmParts {
  const { ov, ctx } = s;
  const t = (id: MinimumId) => tierBytes(id, tier, ctx);
  return {
    frameworkHeap: ov.size(TM.frameworkHeap) ?? t('TM_FRAMEWORK_HEAP'),
    frameworkOffHeap: ov.size(TM.frameworkOffHeap) ?? t('TM_FRAMEWORK_OFF_HEAP'),
    taskOffHeap: ov.size(TM.taskOffHeap) ?? 0n,
    network: rangeValue(ov, TM.networkMin, TM.networkMax, TM.networkFraction, t('TM_NETWORK')),
    managed: ov.size(TM.managedSize) ?? (ov.has(TM.managedFraction) ? 0n : t('TM_MANAGED')),
    metaspace: ov.size(TM.metaspace) ?? t('TM_METASPACE'),
    overhead: rangeValue(ov, TM.overheadMin, TM.overheadMax, TM.overheadFraction, t('TM_OVERHEAD')),
    taskHeapFloor: ov.size(TM.taskHeap) ?? t('TM_TASK_HEAP'),
  };
}

/** The smallest TaskManager process by arithmetic: every part at its minimum. */
function tmEstimate(p: TmParts): bigint {
  return p.frameworkHeap + p.frameworkOffHeap + p.taskOffHeap + p.network + p.managed + p.metaspace + p.overhead + p.taskHeapFloor;
}

/** The TaskManager's memory lines for a process size (undefined: the user's -D fixes the size). */
function tmEntries(s: Sizing, tier: Tier, process: bigint | undefined, managed: bigint): ConfEntry[] {
  const { ov, ctx } = s;
  const t = (id: MinimumId) => tierBytes(id, tier, ctx);
  const src = tier === 'standard' ? 'standard' : 'minimum';
  const rocks = ctx.stateBackend === 'rocksdb';
  const entries: ConfEntry[] = [];
  if (process !== undefined) {
    entries.push({
      key: TM.totalProcess.key,
      value: sizeText(process),
      source: 'plan',
      comment: `the container memory limit: what the machine has left${rocks ? '' : '; task heap is the rest'}`,
    });
  }
  if (!ov.has(TM.frameworkHeap)) entries.push({ key: TM.frameworkHeap.key, value: sizeText(t('TM_FRAMEWORK_HEAP')), source: 'plan', comment: `${WHY.TM_FRAMEWORK_HEAP} (Flink's default)` });
  if (!ov.has(TM.frameworkOffHeap)) entries.push({ key: TM.frameworkOffHeap.key, value: sizeText(t('TM_FRAMEWORK_OFF_HEAP')), source: 'plan', comment: `${WHY.TM_FRAMEWORK_OFF_HEAP} (${suffix('TM_FRAMEWORK_OFF_HEAP', src)})` });
  const buffers = networkBuffers(ctx);
  entries.push(
    ...rangeEntries(s, TM.networkMin, TM.networkMax, TM.networkFraction, t('TM_NETWORK'), `${buffers} buffers of ${formatBytes(ctx.segmentSize)}: ${NETWORK_EXCHANGES} exchanges per slot, parallelism ${ctx.taskManagers * ctx.slots}`),
  );
  if (!ov.any(TM.managedSize, TM.managedFraction)) {
    entries.push({
      key: TM.managedSize.key,
      value: sizeText(managed),
      source: 'plan',
      comment: rocks ? 'RocksDB block cache and memtables: the spare memory' : 'none: hashmap keeps state on the task heap',
    });
  }
  if (!ov.has(TM.metaspace)) entries.push({ key: TM.metaspace.key, value: sizeText(t('TM_METASPACE')), source: 'plan', comment: `${WHY.TM_METASPACE} (${suffix('TM_METASPACE', src)})` });
  append(entries, rangeEntries(s, TM.overheadMin, TM.overheadMax, TM.overheadFraction, t('TM_OVERHEAD'), `${WHY.TM_OVERHEAD} (${suffix('TM_OVERHEAD', src)})`));
  for (const x of userEntries(s, 'taskmanager.')) entries.push(x);
  return entries;
}

function asConfig(s: Sizing, entries: readonly ConfEntry[]): Record<string, string> {
  const c: Record<string, string> = { 'taskmanager.numberOfTaskSlots': String(s.ctx.slots) };
  for (const e of entries) c[e.key] = e.value;
  return c;
}

function tmOutcome(s: Sizing, entries: readonly ConfEntry[]): TaskManagerOutcome {
  return resolveTaskManager(asConfig(s, entries), { flinkVersion: s.version });
}

// ---------------------------------------------------------------------------------------------
// Minimums held
// ---------------------------------------------------------------------------------------------

function tmComponent(id: MinimumId, m: TaskManagerMemory): bigint {
  switch (id) {
    case 'TM_FRAMEWORK_HEAP':
      return m.frameworkHeap;
    case 'TM_FRAMEWORK_OFF_HEAP':
      return m.frameworkOffHeap;
    case 'TM_TASK_HEAP':
      return m.taskHeap;
    case 'TM_NETWORK':
      return m.network;
    case 'TM_MANAGED':
      return m.managed;
    case 'TM_METASPACE':
      return m.jvmMetaspace;
    default:
      return m.jvmOverhead;
  }
}

function jmComponent(id: MinimumId, m: JobManagerMemory): bigint {
  switch (id) {
    case 'JM_HEAP':
      return m.jvmHeap;
    case 'JM_OFF_HEAP':
      return m.offHeap;
    case 'JM_METASPACE':
      return m.jvmMetaspace;
    default:
      return m.jvmOverhead;
  }
}

function waived(s: Sizing, id: MinimumId): boolean {
  return s.ov.any(...WAIVED_BY[id]);
}

/** The first minimum a resolved TaskManager misses (its own tier's size), if any. */
function tmShortfall(s: Sizing, tier: Tier, m: TaskManagerMemory): { id: MinimumId; has: bigint; needs: bigint } | undefined {
  for (const id of TM_IDS) {
    if (waived(s, id)) continue;
    const needs = tierBytes(id, tier, s.ctx);
    const has = tmComponent(id, m);
    if (has < needs) return { id, has, needs };
  }
  return undefined;
}

function jmShortfall(s: Sizing, tier: Tier, m: JobManagerMemory): { id: MinimumId; has: bigint; needs: bigint } | undefined {
  for (const id of JM_IDS) {
    if (waived(s, id)) continue;
    const needs = tierBytes(id, tier, s.ctx);
    const has = jmComponent(id, m);
    if (has < needs) return { id, has, needs };
  }
  return undefined;
}

function applied(s: Sizing, tier: Tier, jm: JobManagerMemory, tm: TaskManagerMemory): AppliedMinimum[] {
  return MINIMUM_IDS.map((id) => {
    const fromUser = waived(s, id);
    const bytes = fromUser
      ? MINIMUMS[id].role === 'jobmanager'
        ? jmComponent(id, jm)
        : tmComponent(id, tm)
      : tierBytes(id, tier, s.ctx);
    return { id, bytes, fromUser };
  });
}

function refusal(o: { message: string }, role: string, s: Sizing): GenerateError {
  const given = Object.keys(s.input.dynamic).filter(isMemoryKey);
  const why = given.length > 0 ? ` (with -D ${given.join(', -D ')})` : '';
  return fail('REFUSED', `Flink ${s.version} would refuse the ${role} configuration${why}: ${o.message}`);
}

// ---------------------------------------------------------------------------------------------
// The solver
// ---------------------------------------------------------------------------------------------

/**
 * The Flink release and the image that runs it. --image wins (its tag gives the line when no
 * --flink-version does); otherwise only an official image release that exists is pinned: the one
 * asked for, or the newest of the line; the default line is the newest with a published image.
 */
export function chooseImage(input: Pick<GenerateInput, 'flinkVersion' | 'image'>): GenerateError | { line: FlinkLine; version: string; image: string } {
  const image = input.image?.trim();
  if (image !== undefined) {
    if (image === '' || /\s/.test(image)) return fail('INVALID_OPTION', `--image must be an image reference such as flink:2.2.1-java17, not '${input.image}'`);
    const fromTag = imageFlinkLine(parseImageRef(image));
    const asked = input.flinkVersion ?? (fromTag.kind === 'line' && fromTag.fromTag ? (fromTag.version ?? fromTag.line) : NEWEST_PUBLISHED_LINE);
    const v = parseFlinkVersion(asked);
    if (!v.ok) return fail('INVALID_OPTION', v.message);
    return { line: v.line, version: v.version, image };
  }
  const v = parseFlinkVersion(input.flinkVersion ?? NEWEST_PUBLISHED_LINE);
  if (!v.ok) return fail('INVALID_OPTION', v.message);
  if (/^\s*v?\d+\.\d+\.\d+\s*$/.test(input.flinkVersion ?? '')) {
    if (isPublishedImage(v.version)) return { line: v.line, version: v.version, image: imageTagFor(v.version) };
    const list = PUBLISHED_IMAGES[v.line];
    return fail(
      'INVALID_OPTION',
      `no official flink image of Flink ${v.version} is published (apache/flink-docker as of ${IMAGE_TABLE_SOURCE.date}` +
        `${list.length > 0 ? `; ${v.line} has ${list.join(', ')}` : ''}); pass --image REF to use an image of your own` +
        `${list.length > 0 ? `, or --flink-version ${list[list.length - 1]}` : ''}`,
    );
  }
  const newest = newestPublishedImage(v.line);
  if (newest === null) return fail('INVALID_OPTION', noPublishedImageMessage(v.line));
  return { line: v.line, version: newest, image: imageTagFor(newest) };
}

function validate(input: GenerateInput): GenerateError | { line: FlinkLine; version: string; image: string } {
  const v = chooseImage(input);
  if ('ok' in v) return v;
  if (!Number.isInteger(input.taskManagers) || input.taskManagers < 1) return fail('INVALID_OPTION', `--taskmanagers must be a whole number of at least 1, not ${input.taskManagers}`);
  if (!Number.isInteger(input.slots) || input.slots < 1) return fail('INVALID_OPTION', `--slots must be a whole number of at least 1, not ${input.slots}`);
  const ci = checkpointIntervalError(input.checkpointInterval);
  if (ci) return fail('INVALID_OPTION', `--checkpoint-interval: ${ci}`);
  if (input.checkpointDir.trim() === '' || /[\s#]/.test(input.checkpointDir)) {
    return fail('INVALID_OPTION', `--checkpoint-dir must be a URI without spaces or '#', e.g. file:///opt/flink/checkpoints`);
  }
  for (const [key, value] of Object.entries(input.dynamic)) {
    const flag = FLAG_KEYS[key];
    if (flag) return fail('INVALID_OPTION', `-D ${key} is set by ${flag}; use that instead`);
    if (key.trim() === '' || /[\s#:]/.test(key)) return fail('INVALID_OPTION', `-D '${key}' is not a Flink option name`);
    if (/[\r\n]/.test(value)) return fail('INVALID_OPTION', `-D ${key}: a value cannot span lines`);
    // flink-conf.yaml cuts every line at its first '#'
    if (v.line === '1.18' && value.includes('#')) return fail('INVALID_OPTION', `-D ${key}: Flink 1.18's flink-conf.yaml cannot hold a value with '#'`);
  }
  return v;
}

function sizingFor(input: GenerateInput, line: FlinkLine, version: string, image: string): Sizing {
  const ov = new Overrides(input.dynamic, line);
  const segment = ov.size(TM.segmentSize);
  const ctx: SizingContext = {
    taskManagers: input.taskManagers,
    slots: input.slots,
    stateBackend: input.stateBackend,
    segmentSize: segment !== undefined && segment > 0n ? segment : 32n * 1024n,
  };
  const setupAll = setupEntries({ line, ...input });
  const setup = setupAll.filter((e) => !Object.hasOwn(input.dynamic, e.key));
  const userOther = Object.entries(input.dynamic)
    .filter(([k]) => !isMemoryKey(k))
    .map(([key, value]) => ({ key, value, source: 'user' as const, comment: 'given with -D' }));
  return { line, version, image, ctx, ov, input, setup, userOther };
}

/** What a tier needs at least: JobManager + N × TaskManager at their minimums (arithmetic). */
function tierNeed(s: Sizing, tier: Tier): { jm: bigint; tm: bigint } {
  return { jm: planJobManager(s, tier).estimate, tm: tmEstimate(tmParts(s, tier)) };
}

export function solve(input: GenerateInput): SolveResult {
  const v = validate(input);
  if ('ok' in v) return v;
  const s = sizingFor(input, v.line, v.version, v.image);
  const N = BigInt(input.taskManagers);
  const available = availableBytes(input.preset);
  const reserves = input.reserves.reduce((a, r) => a + r.bytes, 0n);
  const forFlink = available - reserves;

  // Flink's defaults for the fixed parts when they take at most half of Flink's share
  const std = tierNeed(s, 'standard');
  const tier: Tier = 2n * (std.jm + N * std.tm) <= forFlink ? 'standard' : 'minimum';

  // JobManager: fixed size (or the user's)
  const jmPlan = planJobManager(s, tier);
  const jmOut = resolveJobManager(asConfig(s, jmPlan.entries), { flinkVersion: s.version });
  if (!jmOut.ok) return refusal(jmOut, 'JobManager', s);
  const jmShort = jmShortfall(s, tier, jmOut.memory);
  if (jmShort) return shortfallError(s, 'JobManager', jmShort);
  const jmBytes = jmOut.memory.totalProcess;

  // TaskManager: the smallest that keeps every minimum, and the largest the machine allows
  const fixedTm = tmUserFixed(s.ov);
  const parts = tmParts(s, tier);
  const managedFloor = parts.managed;
  const feasible = (process: bigint): TaskManagerOutcome | undefined => {
    const o = tmOutcome(s, tmEntries(s, tier, process, managedFloor));
    return o.ok && !tmShortfall(s, tier, o.memory) ? o : undefined;
  };
  let tmMin: bigint;
  if (fixedTm) {
    const o = tmOutcome(s, tmEntries(s, tier, undefined, managedFloor));
    if (!o.ok) return refusal(o, 'TaskManager', s);
    const short = tmShortfall(s, tier, o.memory);
    if (short) return shortfallError(s, 'TaskManager', short);
    tmMin = o.memory.totalProcess;
  } else {
    const found = smallestFeasible(tmEstimate(parts), feasible);
    if (found === undefined) {
      // no size works: show why at the arithmetic minimum
      const o = tmOutcome(s, tmEntries(s, tier, tmEstimate(parts), managedFloor));
      if (!o.ok) return refusal(o, 'TaskManager', s);
      const short = tmShortfall(s, tier, o.memory);
      return short ? shortfallError(s, 'TaskManager', short) : refusal({ message: 'no process size satisfies the minimums' }, 'TaskManager', s);
    }
    tmMin = found;
  }

  const room = forFlink - jmBytes;
  const tmMax = room > 0n ? (room / N / MiB) * MiB : 0n;
  if (tmMax < tmMin) return doesNotFit(s, jmBytes, tmMin, reserves, available);

  // Fill the machine: hashmap puts the spare in the task heap (the remainder), RocksDB in managed
  let tmEntriesFinal: ConfEntry[];
  if (fixedTm) {
    tmEntriesFinal = tmEntries(s, tier, undefined, managedFloor);
  } else {
    const first = tmOutcome(s, tmEntries(s, tier, tmMax, managedFloor));
    if (!first.ok) return refusal(first, 'TaskManager', s);
    let managed = managedFloor;
    if (input.stateBackend === 'rocksdb' && !s.ov.any(TM.managedSize, TM.managedFraction, TM.taskHeap)) {
      managed += first.memory.taskHeap - parts.taskHeapFloor;
    }
    tmEntriesFinal = tmEntries(s, tier, tmMax, managed);
  }

  // The file as it will be written, loaded back the way Flink loads it, and resolved
  const entries = [...s.setup, ...jmPlan.entries, ...tmEntriesFinal, ...s.userOther];
  const file = renderConfigFile(s.line, [], entries);
  const load = loadConfDir({ [file.name]: file.text }, { flinkLine: s.line });
  if (!load.ok) return fail('INVALID_OPTION', `the generated ${file.name} does not load: ${load.error.message}`);
  const jm: JobManagerOutcome = resolveJobManagerConfig(load.config, s.line, s.version);
  if (!jm.ok) return refusal(jm, 'JobManager', s);
  const tm: TaskManagerOutcome = resolveTaskManagerConfig(load.config, s.line, s.version);
  if (!tm.ok) return refusal(tm, 'TaskManager', s);
  const short = tmShortfall(s, tier, tm.memory);
  if (short) return shortfallError(s, 'TaskManager', short);

  const used = jm.memory.totalProcess + N * tm.memory.totalProcess + reserves;
  if (used > available) return doesNotFit(s, jm.memory.totalProcess, tm.memory.totalProcess, reserves, available);
  const budget: Budget = {
    memory: BigInt(input.preset.memoryMiB) * MiB,
    systemReserved: BigInt(input.preset.systemReservedMiB) * MiB,
    available,
    jobManager: jm.memory.totalProcess,
    taskManager: tm.memory.totalProcess,
    taskManagers: input.taskManagers,
    reserves: input.reserves,
    used,
    spare: available - used,
  };
  const plan: Plan = {
    line: s.line,
    version: s.version,
    image: s.image,
    preset: input.preset,
    plainMachine: input.plainMachine === true,
    taskManagers: input.taskManagers,
    slots: input.slots,
    stateBackend: input.stateBackend,
    checkpointInterval: input.checkpointInterval,
    checkpointDir: input.checkpointDir,
    command: input.command,
    tier,
    entries,
    jobManager: jm.memory,
    taskManager: tm.memory,
    minimums: applied(s, tier, jm.memory, tm.memory),
    budget,
  };
  return { ok: true, plan };
}

/** The smallest whole-MiB process size at or above `from` that passes (undefined: none below 1 TiB). */
function smallestFeasible(from: bigint, ok: (p: bigint) => unknown): bigint | undefined {
  let lo = ((from + MiB - 1n) / MiB) * MiB;
  if (lo < MiB) lo = MiB;
  if (ok(lo)) return lo;
  const limit = 1024n * 1024n * MiB;
  let hi = lo * 2n;
  while (!ok(hi)) {
    lo = hi;
    hi *= 2n;
    if (hi > limit) return undefined;
  }
  // ok(hi), not ok(lo): the boundary is in (lo, hi]
  while (hi - lo > MiB) {
    const mid = ((lo + hi) / 2n / MiB) * MiB;
    if (mid <= lo) break;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function shortfallError(s: Sizing, role: string, sf: { id: MinimumId; has: bigint; needs: bigint }): GenerateError {
  const info = MINIMUMS[sf.id];
  const given = Object.keys(s.input.dynamic).filter(isMemoryKey);
  const why = given.length > 0 ? ` with -D ${given.join(', -D ')}` : '';
  return fail(
    'REFUSED',
    `${why ? `${role}${why}` : role}: ${info.component} would be ${formatBytes(sf.has)}, below its minimum of ${formatBytes(sf.needs)} (${info.rule}). Set -D ${info.key}=… to accept less, or give the process more room.`,
  );
}

function doesNotFit(s: Sizing, jm: bigint, tm: bigint, reserves: bigint, available: bigint): GenerateError {
  const N = BigInt(s.input.taskManagers);
  const bytes = jm + N * tm + reserves;
  const preset = s.input.preset;
  const machineMemory = s.input.plainMachine
    ? BigInt(plainMemoryFor(bytes)) * MiB
    : bytes + BigInt(preset.systemReservedMiB) * MiB;
  const smallest = smallestPresetFor(bytes, s.input.presets, preset);
  // the minimums behind the need (as held, your -D values included): the JobManager's once, the
  // TaskManager's N times
  const jmP = planJobManagerParts(s);
  const tmP = tmParts(s, 'minimum');
  const held: Record<MinimumId, bigint> = {
    JM_HEAP: jmP.heap,
    JM_OFF_HEAP: jmP.offHeap,
    JM_METASPACE: jmP.metaspace,
    JM_OVERHEAD: jmP.overhead,
    TM_FRAMEWORK_HEAP: tmP.frameworkHeap * N,
    TM_FRAMEWORK_OFF_HEAP: tmP.frameworkOffHeap * N,
    TM_TASK_HEAP: tmP.taskHeapFloor * N,
    TM_NETWORK: tmP.network * N,
    TM_MANAGED: tmP.managed * N,
    TM_METASPACE: tmP.metaspace * N,
    TM_OVERHEAD: tmP.overhead * N,
  };
  const binding: AppliedMinimum[] = MINIMUM_IDS.map((id) => ({ id, bytes: held[id], fromUser: waived(s, id) }))
    .filter((m) => m.bytes > 0n)
    .sort((a, b) => (a.bytes === b.bytes ? MINIMUM_IDS.indexOf(a.id) - MINIMUM_IDS.indexOf(b.id) : a.bytes > b.bytes ? -1 : 1));
  const needed: NeededMemory = {
    bytes,
    jobManager: jm,
    taskManager: tm,
    taskManagers: s.input.taskManagers,
    reserves,
    reserveParts: s.input.reserves,
    available,
    shortBy: bytes - available,
    machineMemory,
    smallestPreset: smallest ? { id: smallest.id, memoryMiB: smallest.memoryMiB, availableBytes: availableBytes(smallest) } : null,
    binding,
  };
  const tmText = s.input.taskManagers === 1 ? `TaskManager ${formatBytes(tm)}` : `${s.input.taskManagers} × TaskManager ${formatBytes(tm)}`;
  const resText = reserves > 0n ? ` + reserves ${formatBytes(reserves)}` : '';
  const parts = [
    ...s.input.reserves.map((r) => ({ bytes: r.bytes, text: `reserve ${r.name} ${formatBytes(r.bytes)}` })),
    ...binding.map((m) => ({
      bytes: m.bytes,
      text: `${MINIMUMS[m.id].role === 'jobmanager' ? 'JobManager' : N === 1n ? 'TaskManager' : `${N} TaskManagers'`} ${MINIMUMS[m.id].component} ${formatBytes(m.bytes)}${m.fromUser ? ' (your -D)' : ''}`,
    })),
  ];
  // stable: reserves before minimums of the same size
  const top = parts
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => (a.bytes === b.bytes ? a.i - b.i : a.bytes > b.bytes ? -1 : 1))
    .slice(0, 3)
    .map((p) => p.text)
    .join(', ');
  const where = smallest
    ? ` The smallest bundled preset that fits is ${smallest.id} (${formatBytes(BigInt(smallest.memoryMiB) * MiB)}, ${formatBytes(availableBytes(smallest))} for Flink).`
    : ' No bundled preset is large enough.';
  return fail(
    'DOES_NOT_FIT',
    `Nothing fits on ${preset.id}: at their minimums JobManager ${formatBytes(jm)} + ${tmText}${resText} = ${formatBytes(bytes)}, but ${available > 0n ? `the machine leaves ${formatBytes(available)} (${formatBytes(BigInt(preset.memoryMiB) * MiB)} − ${formatBytes(BigInt(preset.systemReservedMiB) * MiB)} for the system)` : `the system alone takes ${formatBytes(BigInt(preset.systemReservedMiB) * MiB)} of its ${formatBytes(BigInt(preset.memoryMiB) * MiB)}, leaving nothing`}, short by ${formatBytes(bytes - (available > 0n ? available : 0n))}. ` +
      `It needs a machine with at least ${formatBytes(machineMemory)}.${where} The largest parts: ${top} (minimums: ${docsUrl('generate.md')}).`,
    needed,
  );
}
