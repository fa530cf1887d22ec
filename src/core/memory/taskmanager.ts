// Flink's TaskExecutorProcessUtils / TaskExecutorFlinkMemoryUtils: the TaskManager memory model —
// framework and task heap/off-heap, network, managed memory, metaspace and overhead — derived from
// task heap + managed memory, from total Flink memory, or from total process memory.
import type { FlinkConfig } from '../config-value.js';
import { javaDoubleToString } from '../java.js';
import { TM } from '../options.js';
import type { FlinkLine } from '../versions.js';
import {
  type Derived,
  type ProcessOptions,
  deriveWithFraction,
  deriveWithInverseFraction,
  metaspaceAndOverheadFromFlink,
  totalFlinkFromProcess,
  applyLegacyHeap,
  rangeFraction,
  readSize,
} from './process.js';
import { ConfigReader, MemoryConfigError, add, sz } from './reader.js';
import { COMPONENT_NAMES, type Derivation, type TaskManagerComponent, type TaskManagerMemory, type TaskManagerOutcome } from './types.js';

const TM_PROCESS: ProcessOptions = {
  role: 'TaskManager',
  totalProcess: TM.totalProcess,
  totalFlink: TM.totalFlink,
  metaspace: TM.metaspace,
  overheadMin: TM.overheadMin,
  overheadMax: TM.overheadMax,
  overheadFraction: TM.overheadFraction,
};

const MIN_PAGE_SIZE = 4096n;

interface FlinkParts {
  frameworkHeap: Derived;
  frameworkOffHeap: Derived;
  taskHeap: Derived;
  taskOffHeap: Derived;
  network: Derived;
  managed: Derived;
}

/** The legacy number-of-buffers option counts only when no new network option is set (1.x). */
function usesLegacyNetwork(r: ConfigReader): boolean {
  return (
    !r.contains(TM.networkMin) &&
    !r.contains(TM.networkMax) &&
    !r.contains(TM.networkFraction) &&
    r.contains(TM.legacyNetworkBuffers)
  );
}

function legacyNetwork(r: ConfigReader): Derived {
  const buffers = r.int(TM.legacyNetworkBuffers);
  const page = r.size(TM.segmentSize);
  const pageKey = r.sourceKey(TM.segmentSize) ?? TM.segmentSize.key;
  if (page > 2n ** 31n - 1n) {
    throw new MemoryConfigError('INVALID_VALUE', [pageKey], `${pageKey} (${sz(page)}) must fit in a 32-bit integer.`);
  }
  if (page < MIN_PAGE_SIZE) {
    throw new MemoryConfigError('INVALID_VALUE', [pageKey], `${pageKey} is ${sz(page)}; the minimum memory segment size is 4096 bytes.`);
  }
  if ((page & (page - 1n)) !== 0n) {
    throw new MemoryConfigError('INVALID_VALUE', [pageKey], `${pageKey} is ${sz(page)}; it must be a power of 2.`);
  }
  const bytes = BigInt(buffers) * page;
  if (bytes < 0n) {
    throw new MemoryConfigError('INVALID_VALUE', [TM.legacyNetworkBuffers.key], `${TM.legacyNetworkBuffers.key} is ${buffers}; it must not be negative.`);
  }
  return {
    bytes,
    derivation: { kind: 'legacy', key: TM.legacyNetworkBuffers.key, note: `${buffers} buffers × ${page} bytes (${TM.segmentSize.key})` },
  };
}

function networkRange(r: ConfigReader) {
  return rangeFraction(r, TM.networkMin, TM.networkMax, TM.networkFraction);
}

/** Network memory left over after the other parts of an explicit total: it must still fit its range. */
function checkRemainderNetwork(r: ConfigReader, network: bigint, totalFlink: bigint): void {
  if (usesLegacyNetwork(r)) {
    const configured = legacyNetwork(r).bytes;
    if (configured !== network) {
      throw new MemoryConfigError(
        'NETWORK_CONFLICT',
        [TM.legacyNetworkBuffers.key, TM.totalFlink.key],
        `Total Flink memory (${sz(totalFlink)}) minus the other parts leaves ${sz(network)} for network memory, but ${TM.legacyNetworkBuffers.key} asks for ${sz(configured)}.`,
        { network, configured, totalFlink },
      );
    }
    return;
  }
  const rf = networkRange(r);
  if (network > rf.max || network < rf.min) {
    throw new MemoryConfigError(
      'DERIVED_OUT_OF_RANGE',
      [TM.totalFlink.key, TM.taskHeap.key, TM.managedSize.key, rf.minKey, rf.maxKey],
      `With total Flink memory ${sz(totalFlink)} and task heap and/or managed memory set explicitly, network memory is what remains: ${sz(network)}, outside its range [${sz(rf.min)}, ${sz(rf.max)}] (${rf.minKey}, ${rf.maxKey}).`,
      { network, min: rf.min, max: rf.max, totalFlink },
    );
  }
}

function managedAbsoluteOrFraction(r: ConfigReader, totalFlink: bigint): Derived {
  if (r.contains(TM.managedSize)) return readSize(r, TM.managedSize);
  const fraction = r.float(TM.managedFraction);
  const key = r.sourceKey(TM.managedFraction) ?? TM.managedFraction.key;
  if (!(fraction >= 0 && fraction < 1)) {
    throw new MemoryConfigError('INVALID_FRACTION', [key], `${key} is ${javaDoubleToString(fraction)}; a fraction must be at least 0 and less than 1.`);
  }
  return deriveWithFraction(totalFlink, 'totalFlink', {
    min: 0n,
    max: 2n ** 63n - 1n,
    fraction,
    minKey: key,
    maxKey: key,
    fractionKey: key,
  });
}


function listParts(parts: Partial<Record<keyof FlinkParts, Derived>>): string {
  return Object.entries(parts)
    .map(([k, v]) => `${COMPONENT_NAMES[k]} ${sz(v!.bytes)}`)
    .join(', ');
}

function sumExceeds(r: ConfigReader, parts: Partial<Record<keyof FlinkParts, Derived>>, sum: bigint, totalFlink: bigint): MemoryConfigError {
  // the key the user can change: total Flink memory when set, else the process size it came from
  const totalKey = r.contains(TM.totalFlink) ? TM.totalFlink.key : TM.totalProcess.key;
  const more = totalKey === TM.totalProcess.key ? [TM.metaspace.key, TM.overheadMin.key] : [];
  return new MemoryConfigError(
    'SUM_EXCEEDS_TOTAL_FLINK',
    [totalKey, ...Object.keys(parts).map((k) => TM_KEYS[k as keyof FlinkParts]), ...more],
    `TaskManager: ${listParts(parts)} add up to ${sz(sum)}, more than the total Flink memory of ${sz(totalFlink)} (short by ${sz(sum - totalFlink)}).`,
    { sum, totalFlink, shortBy: sum - totalFlink },
  );
}

const TM_KEYS: Record<keyof FlinkParts, string> = {
  frameworkHeap: TM.frameworkHeap.key,
  frameworkOffHeap: TM.frameworkOffHeap.key,
  taskHeap: TM.taskHeap.key,
  taskOffHeap: TM.taskOffHeap.key,
  network: TM.networkMin.key,
  managed: TM.managedSize.key,
};

/** Task heap and managed memory both given: network is an inverse fraction (or the remainder of an explicit total). */
function fromFineGrained(r: ConfigReader): FlinkParts {
  const taskHeap = readSize(r, TM.taskHeap);
  const managed = readSize(r, TM.managedSize);
  const frameworkHeap = readSize(r, TM.frameworkHeap);
  const frameworkOffHeap = readSize(r, TM.frameworkOffHeap);
  const taskOffHeap = readSize(r, TM.taskOffHeap);
  const withoutNetwork = add(frameworkHeap.bytes, frameworkOffHeap.bytes, taskHeap.bytes, taskOffHeap.bytes, managed.bytes);
  let network: Derived;
  if (r.contains(TM.totalFlink)) {
    const totalFlink = r.size(TM.totalFlink);
    if (withoutNetwork > totalFlink) {
      throw sumExceeds(r, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed }, withoutNetwork, totalFlink);
    }
    const bytes = totalFlink - withoutNetwork;
    checkRemainderNetwork(r, bytes, totalFlink);
    network = { bytes, derivation: { kind: 'remainder', of: 'totalFlink', ofBytes: totalFlink, minus: ['frameworkHeap', 'frameworkOffHeap', 'taskHeap', 'taskOffHeap', 'managed'] } };
  } else if (usesLegacyNetwork(r)) {
    network = legacyNetwork(r);
  } else {
    network = deriveWithInverseFraction(withoutNetwork, 'the other Flink memory parts', networkRange(r));
  }
  return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
}

/** Total Flink memory known: managed and network by fraction, task heap the remainder (or network if task heap is set). */
function fromTotalFlink(r: ConfigReader, totalFlink: bigint, partial: Record<string, Derived>): FlinkParts {
  const frameworkHeap = readSize(r, TM.frameworkHeap);
  const frameworkOffHeap = readSize(r, TM.frameworkOffHeap);
  const taskOffHeap = readSize(r, TM.taskOffHeap);
  Object.assign(partial, { frameworkHeap, frameworkOffHeap, taskOffHeap });
  if (r.contains(TM.taskHeap)) {
    const taskHeap = readSize(r, TM.taskHeap);
    const managed = managedAbsoluteOrFraction(r, totalFlink);
    Object.assign(partial, { taskHeap, managed });
    const withoutNetwork = add(frameworkHeap.bytes, frameworkOffHeap.bytes, taskHeap.bytes, taskOffHeap.bytes, managed.bytes);
    if (withoutNetwork > totalFlink) {
      throw sumExceeds(r, { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed }, withoutNetwork, totalFlink);
    }
    const bytes = totalFlink - withoutNetwork;
    checkRemainderNetwork(r, bytes, totalFlink);
    const network: Derived = { bytes, derivation: { kind: 'remainder', of: 'totalFlink', ofBytes: totalFlink, minus: ['frameworkHeap', 'frameworkOffHeap', 'taskHeap', 'taskOffHeap', 'managed'] } };
    return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
  }
  const managed = managedAbsoluteOrFraction(r, totalFlink);
  partial.managed = managed;
  const network = usesLegacyNetwork(r) ? legacyNetwork(r) : deriveWithFraction(totalFlink, 'totalFlink', networkRange(r));
  partial.network = network;
  const withoutTaskHeap = add(frameworkHeap.bytes, frameworkOffHeap.bytes, taskOffHeap.bytes, managed.bytes, network.bytes);
  if (withoutTaskHeap > totalFlink) {
    throw sumExceeds(r, { frameworkHeap, frameworkOffHeap, taskOffHeap, managed, network }, withoutTaskHeap, totalFlink);
  }
  const taskHeap: Derived = {
    bytes: totalFlink - withoutTaskHeap,
    derivation: { kind: 'remainder', of: 'totalFlink', ofBytes: totalFlink, minus: ['frameworkHeap', 'frameworkOffHeap', 'taskOffHeap', 'managed', 'network'] },
  };
  return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, network, managed };
}

function sumParts(p: FlinkParts): bigint {
  return add(p.frameworkHeap.bytes, p.frameworkOffHeap.bytes, p.taskHeap.bytes, p.taskOffHeap.bytes, p.network.bytes, p.managed.bytes);
}

function cpuCores(r: ConfigReader): number {
  const cores = r.contains(TM.cpuCores) ? r.double(TM.cpuCores) : r.int(TM.numSlots);
  if (!(cores > 0) || !Number.isFinite(cores)) {
    throw new MemoryConfigError(
      'INVALID_VALUE',
      [TM.cpuCores.key, TM.numSlots.key],
      `A TaskManager needs a positive number of CPU cores: ${TM.cpuCores.key} is unset or not positive, and so is ${TM.numSlots.key}.`,
    );
  }
  return cores;
}

/** Resolves TaskManager memory from values as Flink holds them (already loaded from the file). */
export function resolveTaskManagerConfig(config: FlinkConfig, line: FlinkLine, version: string, trimValues = false): TaskManagerOutcome {
  const r = new ConfigReader(config, line, trimValues);
  const notes: string[] = [];
  const partial: Record<string, Derived> = {};
  try {
    const legacy = applyLegacyHeap(r, TM.legacyHeap, TM.legacyHeapMb, TM.totalFlink, notes);
    let parts: FlinkParts;
    let totalFlinkDerivation: Derivation;
    let mo;
    if (r.contains(TM.taskHeap) && r.contains(TM.managedSize)) {
      parts = fromFineGrained(r);
      const totalFlink = sumParts(parts);
      totalFlinkDerivation = r.contains(TM.totalFlink)
        ? (legacy ?? { kind: 'explicit', key: TM.totalFlink.key })
        : { kind: 'sum', of: ['frameworkHeap', 'frameworkOffHeap', 'taskHeap', 'taskOffHeap', 'network', 'managed'] };
      mo = metaspaceAndOverheadFromFlink(r, TM_PROCESS, totalFlink);
    } else if (r.contains(TM.totalFlink)) {
      const totalFlink = r.size(TM.totalFlink);
      totalFlinkDerivation = legacy ?? { kind: 'explicit', key: TM.totalFlink.key };
      partial.totalFlink = { bytes: totalFlink, derivation: totalFlinkDerivation };
      parts = fromTotalFlink(r, totalFlink, partial);
      totalFlinkDerivation = legacy ?? { kind: 'explicit', key: TM.totalFlink.key };
      mo = metaspaceAndOverheadFromFlink(r, TM_PROCESS, totalFlink);
    } else if (r.contains(TM.totalProcess)) {
      const fromProcess = totalFlinkFromProcess(r, TM_PROCESS, partial);
      mo = fromProcess.mo;
      totalFlinkDerivation = fromProcess.derivation;
      const totalFlink = fromProcess.totalFlink;
      parts = fromTotalFlink(r, totalFlink, partial);
    } else {
      throw new MemoryConfigError(
        'NOT_CONFIGURED',
        [TM.totalProcess.key, TM.totalFlink.key, TM.taskHeap.key, TM.managedSize.key],
        `TaskManager memory is not configured: set ${TM.totalProcess.key} (recommended), or ${TM.totalFlink.key}, or both ${TM.taskHeap.key} and ${TM.managedSize.key}.`,
      );
    }
    const totalFlink = sumParts(parts);
    const totalProcess = add(totalFlink, mo.metaspace.bytes, mo.overhead.bytes);
    const cores = cpuCores(r);
    const numSlots = r.int(TM.numSlots);
    const memory: TaskManagerMemory = {
      frameworkHeap: parts.frameworkHeap.bytes,
      frameworkOffHeap: parts.frameworkOffHeap.bytes,
      taskHeap: parts.taskHeap.bytes,
      taskOffHeap: parts.taskOffHeap.bytes,
      network: parts.network.bytes,
      managed: parts.managed.bytes,
      jvmMetaspace: mo.metaspace.bytes,
      jvmOverhead: mo.overhead.bytes,
      totalFlink,
      totalProcess,
      jvmHeap: add(parts.frameworkHeap.bytes, parts.taskHeap.bytes),
      jvmDirect: add(parts.frameworkOffHeap.bytes, parts.taskOffHeap.bytes, parts.network.bytes),
    };
    const derivations: Record<TaskManagerComponent, Derivation> = {
      frameworkHeap: parts.frameworkHeap.derivation,
      frameworkOffHeap: parts.frameworkOffHeap.derivation,
      taskHeap: parts.taskHeap.derivation,
      taskOffHeap: parts.taskOffHeap.derivation,
      network: parts.network.derivation,
      managed: parts.managed.derivation,
      jvmMetaspace: mo.metaspace.derivation,
      jvmOverhead: mo.overhead.derivation,
      totalFlink: totalFlinkDerivation,
      totalProcess: r.contains(TM.totalProcess)
        ? { kind: 'explicit', key: TM.totalProcess.key }
        : { kind: 'sum', of: ['totalFlink', 'jvmMetaspace', 'jvmOverhead'] },
      jvmHeap: { kind: 'sum', of: ['frameworkHeap', 'taskHeap'] },
      jvmDirect: { kind: 'sum', of: ['frameworkOffHeap', 'taskOffHeap', 'network'] },
    };
    const cpu = javaDoubleToString(cores);
    return {
      ok: true,
      flinkVersion: version,
      memory,
      cpuCores: cpu,
      numSlots,
      derivations,
      jvmArgs: `-Xmx${memory.jvmHeap} -Xms${memory.jvmHeap} -XX:MaxDirectMemorySize=${memory.jvmDirect} -XX:MaxMetaspaceSize=${memory.jvmMetaspace}`,
      dynamicConfigs: tmDynamicConfigs(memory, cpu, numSlots),
      notes,
    };
  } catch (e) {
    if (e instanceof MemoryConfigError) {
      return { ok: false, flinkVersion: version, code: e.code, keys: e.keys, message: e.message, numbers: e.numbers, partial };
    }
    throw e;
  }
}

/** The -D list Flink's start-up scripts pass to the TaskManager, in the order Flink prints it. */
function tmDynamicConfigs(m: TaskManagerMemory, cpu: string, slots: number): string {
  return (
    `-D ${TM.networkMin.key}=${m.network}b -D ${TM.cpuCores.key}=${cpu} -D ${TM.taskOffHeap.key}=${m.taskOffHeap}b ` +
    `-D ${TM.metaspace.key}=${m.jvmMetaspace}b -D external-resources=none -D ${TM.overheadMin.key}=${m.jvmOverhead}b ` +
    `-D ${TM.frameworkOffHeap.key}=${m.frameworkOffHeap}b -D ${TM.networkMax.key}=${m.network}b ` +
    `-D ${TM.frameworkHeap.key}=${m.frameworkHeap}b -D ${TM.managedSize.key}=${m.managed}b ` +
    `-D ${TM.taskHeap.key}=${m.taskHeap}b -D ${TM.numSlots.key}=${slots} -D ${TM.overheadMax.key}=${m.jvmOverhead}b`
  );
}
