// Flink's ProcessMemoryUtils and RangeFraction: the part shared by TaskManager and JobManager —
// JVM metaspace and overhead around total Flink memory, and sizes derived from a fraction that is
// clamped to [min, max].
import { optionKnownIn, type OptionDef } from '../options.js';
import { javaDoubleToString } from '../java.js';
import { ConfigReader, MemoryConfigError, add, multiply, sz } from './reader.js';
import type { Derivation } from './types.js';

export interface RangeFraction {
  min: bigint;
  max: bigint;
  fraction: number;
  minKey: string;
  maxKey: string;
  fractionKey: string;
}

/** Reads min/max/fraction; Flink refuses min > max and a fraction outside [0, 1). */
export function rangeFraction(r: ConfigReader, minO: OptionDef, maxO: OptionDef, fracO: OptionDef): RangeFraction {
  const min = r.size(minO);
  const max = r.size(maxO);
  const fraction = r.float(fracO);
  const keys = { minKey: r.sourceKey(minO) ?? minO.key, maxKey: r.sourceKey(maxO) ?? maxO.key, fractionKey: r.sourceKey(fracO) ?? fracO.key };
  if (min > max) {
    throw new MemoryConfigError(
      'INVALID_FRACTION',
      [keys.minKey, keys.maxKey],
      `${keys.minKey} (${sz(min)}) is larger than ${keys.maxKey} (${sz(max)}); the minimum must not exceed the maximum.`,
      { min, max },
    );
  }
  if (!(fraction >= 0 && fraction < 1)) {
    throw new MemoryConfigError(
      'INVALID_FRACTION',
      [keys.fractionKey],
      `${keys.fractionKey} is ${javaDoubleToString(fraction)}; a fraction must be at least 0 and less than 1.`,
    );
  }
  return { min, max, fraction, ...keys };
}

export interface Derived {
  bytes: bigint;
  derivation: Derivation;
}

function clamp(raw: bigint, rf: RangeFraction): { bytes: bigint; clamped: 'min' | 'max' | null } {
  if (raw > rf.max) return { bytes: rf.max, clamped: 'max' };
  if (raw < rf.min) return { bytes: rf.min, clamped: 'min' };
  return { bytes: raw, clamped: null };
}

/** fraction × base, clamped to [min, max]. */
export function deriveWithFraction(base: bigint, baseName: string, rf: RangeFraction): Derived {
  return fractionOf(base, baseName, rf, 'fraction', rf.fraction);
}

/** The size that is `fraction` of (base + itself): base × f / (1 − f), clamped to [min, max]. */
export function deriveWithInverseFraction(base: bigint, baseName: string, rf: RangeFraction): Derived {
  return fractionOf(base, baseName, rf, 'inverseFraction', rf.fraction / (1 - rf.fraction));
}

function fractionOf(base: bigint, baseName: string, rf: RangeFraction, kind: 'fraction' | 'inverseFraction', multiplier: number): Derived {
  const raw = multiply(base, multiplier);
  const { bytes, clamped } = clamp(raw, rf);
  return {
    bytes,
    derivation: { kind, key: rf.fractionKey, fraction: rf.fraction, of: baseName, ofBytes: base, raw, min: rf.min, max: rf.max, clamped, minKey: rf.minKey, maxKey: rf.maxKey },
  };
}

/** Option set that differs between TaskManager and JobManager (ProcessMemoryOptions). */
export interface ProcessOptions {
  role: 'TaskManager' | 'JobManager';
  totalProcess: OptionDef;
  totalFlink: OptionDef;
  metaspace: OptionDef;
  overheadMin: OptionDef;
  overheadMax: OptionDef;
  overheadFraction: OptionDef;
}

export interface MetaspaceAndOverhead {
  metaspace: Derived;
  overhead: Derived;
}

export function sizeDerivation(r: ConfigReader, o: OptionDef): Derivation {
  const k = r.sourceKey(o);
  if (k === undefined) return { kind: 'default', key: o.key };
  return k === o.key ? { kind: 'explicit', key: o.key } : { kind: 'explicit', key: o.key, viaKey: k };
}

/**
 * Flink 1.x's legacy heap keys (`*.heap.size`, then `*.heap.mb`) are read as the new `target`
 * option when that is not set (MemoryBackwardsCompatibilityUtils); 2.x dropped them.
 */
export function applyLegacyHeap(r: ConfigReader, heap: OptionDef, heapMb: OptionDef, target: OptionDef, notes: string[]): Derivation | undefined {
  if (!optionKnownIn(heap, r.line) || r.contains(target)) return undefined;
  if (r.contains(heap)) {
    r.override(target, r.size(heap));
    notes.push(`${heap.key} is a legacy key: Flink ${r.line} reads it as ${target.key}.`);
    return { kind: 'legacy', key: heap.key, note: `legacy heap size read as ${target.key}` };
  }
  if (r.contains(heapMb)) {
    const mb = r.int(heapMb);
    if (mb < 0) throw new MemoryConfigError('INVALID_VALUE', [heapMb.key], `${heapMb.key} is ${mb}; it must not be negative.`);
    r.override(target, BigInt(mb) << 20n);
    notes.push(`${heapMb.key} is a legacy key: Flink ${r.line} reads it (in MiB) as ${target.key}.`);
    return { kind: 'legacy', key: heapMb.key, note: `legacy heap size in MiB read as ${target.key}` };
  }
  return undefined;
}

export function readSize(r: ConfigReader, o: OptionDef): Derived {
  return { bytes: r.size(o), derivation: sizeDerivation(r, o) };
}

function overheadRange(r: ConfigReader, p: ProcessOptions): RangeFraction {
  return rangeFraction(r, p.overheadMin, p.overheadMax, p.overheadFraction);
}

/** Total process memory given: overhead is a fraction of it; Flink memory is what remains. */
export function metaspaceAndOverheadFromProcess(r: ConfigReader, p: ProcessOptions, process: bigint): MetaspaceAndOverhead {
  const metaspace = readSize(r, p.metaspace);
  const overhead = deriveWithFraction(process, 'totalProcess', overheadRange(r, p));
  const sum = add(metaspace.bytes, overhead.bytes);
  if (sum > process) {
    throw new MemoryConfigError(
      'SUM_EXCEEDS_TOTAL_PROCESS',
      [p.totalProcess.key, p.metaspace.key, p.overheadMin.key],
      `${p.role}: JVM metaspace (${sz(metaspace.bytes)}) and JVM overhead (${sz(overhead.bytes)}) together need ${sz(sum)}, more than the total process memory ${p.totalProcess.key} = ${sz(process)}.`,
      { metaspace: metaspace.bytes, overhead: overhead.bytes, totalProcess: process, needed: sum },
    );
  }
  return { metaspace, overhead };
}

/** Total Flink memory known: overhead is what the process size leaves, or an inverse fraction. */
export function metaspaceAndOverheadFromFlink(r: ConfigReader, p: ProcessOptions, totalFlink: bigint): MetaspaceAndOverhead {
  const metaspace = readSize(r, p.metaspace);
  const flinkAndMeta = add(totalFlink, metaspace.bytes);
  if (r.contains(p.totalProcess)) {
    const process = r.size(p.totalProcess);
    if (process < flinkAndMeta) {
      throw new MemoryConfigError(
        'SUM_EXCEEDS_TOTAL_PROCESS',
        [p.totalProcess.key, p.totalFlink.key, p.metaspace.key],
        `${p.role}: total process memory ${sz(process)} is less than total Flink memory (${sz(totalFlink)}) plus JVM metaspace (${sz(metaspace.bytes)}).`,
        { totalProcess: process, totalFlink, metaspace: metaspace.bytes, needed: flinkAndMeta },
      );
    }
    const overheadBytes = process - flinkAndMeta;
    const rf = overheadRange(r, p);
    if (overheadBytes > rf.max || overheadBytes < rf.min) {
      throw new MemoryConfigError(
        'DERIVED_OUT_OF_RANGE',
        [p.totalProcess.key, p.overheadMin.key, p.overheadMax.key],
        `${p.role}: the process size leaves ${sz(overheadBytes)} for JVM overhead (process ${sz(process)} − Flink ${sz(totalFlink)} − metaspace ${sz(metaspace.bytes)}), outside its range [${sz(rf.min)}, ${sz(rf.max)}].`,
        { overhead: overheadBytes, min: rf.min, max: rf.max, totalProcess: process, totalFlink, metaspace: metaspace.bytes },
      );
    }
    return {
      metaspace,
      overhead: {
        bytes: overheadBytes,
        derivation: { kind: 'remainder', of: 'totalProcess', ofBytes: process, minus: ['totalFlink', 'jvmMetaspace'] },
      },
    };
  }
  const overhead = deriveWithInverseFraction(flinkAndMeta, 'totalFlink + jvmMetaspace', overheadRange(r, p));
  return { metaspace, overhead };
}

/**
 * Total process memory given: metaspace and overhead come off it and total Flink memory is what
 * remains. Records each step in `partial` so a later refusal can still be explained.
 */
export function totalFlinkFromProcess(r: ConfigReader, p: ProcessOptions, partial: Record<string, Derived>): { mo: MetaspaceAndOverhead; totalFlink: bigint; derivation: Derivation } {
  const process = r.size(p.totalProcess);
  partial.totalProcess = { bytes: process, derivation: { kind: 'explicit', key: p.totalProcess.key } };
  const mo = metaspaceAndOverheadFromProcess(r, p, process);
  partial.jvmMetaspace = mo.metaspace;
  partial.jvmOverhead = mo.overhead;
  const totalFlink = process - mo.metaspace.bytes - mo.overhead.bytes;
  const derivation: Derivation = { kind: 'remainder', of: 'totalProcess', ofBytes: process, minus: ['jvmMetaspace', 'jvmOverhead'] };
  partial.totalFlink = { bytes: totalFlink, derivation };
  return { mo, totalFlink, derivation };
}
