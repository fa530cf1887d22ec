// The machine flinkfit generates for: a preset, or a plain Linux host given only its memory
// (`--memory 2g`) with the same system share as presets/ram-*.yaml. Pure.
import type { Preset } from '../presets/index.js';

const MiB = 1024n * 1024n;

// presets/ram-*.yaml: kernel 40 MiB + 2% of memory, a 32 MiB page-cache floor, OS services 60 MiB,
// Docker Engine (dockerd, containerd, a shim per container) 120 MiB
const PAGE_CACHE_MIB = 32;
const OS_SERVICES_MIB = 60;
const DOCKER_MIB = 120;

function kernelMiB(memoryMiB: number): number {
  return Math.round(40 + memoryMiB * 0.02);
}

/** The system share of a plain host of this size, as presets/ram-*.yaml estimate it. */
export function plainSystemReservedMiB(memoryMiB: number): number {
  return kernelMiB(memoryMiB) + PAGE_CACHE_MIB + OS_SERVICES_MIB + DOCKER_MIB;
}

function mibText(mib: number): string {
  return mib % 1024 === 0 ? `${mib / 1024} GiB` : `${mib} MiB`;
}

/** A preset for a plain Linux host with Docker and `memoryMiB` of memory (whole MiB, ≥ 1). */
export function plainMachine(memoryMiB: number): Preset {
  const kernel = kernelMiB(memoryMiB);
  return {
    id: `plain-${memoryMiB}m`,
    name: `Plain Linux host, ${mibText(memoryMiB)}`,
    provider: 'generic',
    memoryMiB,
    vcpus: 2,
    architecture: 'x86_64',
    systemReservedMiB: plainSystemReservedMiB(memoryMiB),
    systemReservedParts: [
      { what: 'kernel: 40 MiB plus 2% of memory (struct page array, kernel image, slab, page tables)', mib: kernel },
      { what: 'page-cache floor', mib: PAGE_CACHE_MIB },
      { what: 'OS services', mib: OS_SERVICES_MIB },
      { what: 'Docker Engine: dockerd, containerd and a shim per container', mib: DOCKER_MIB },
    ],
    basis: 'A plain Linux host running Docker Engine, estimated as presets/ram-*.yaml are.',
  };
}

/** The smallest plain host (in MiB) that leaves at least `needed` bytes for Flink and reserves. */
export function plainMemoryFor(needed: bigint): number {
  const neededMiB = Number((needed + MiB - 1n) / MiB);
  let m = Math.max(1, neededMiB);
  while (m - plainSystemReservedMiB(m) < neededMiB) m++;
  return m;
}

export { smallestPresetFor } from '../presets/index.js';
