// The machine as a bar: the system's share, then the JobManager, each TaskManager replica and the
// reserved sidecars, then what is free — or, past the machine's memory, the overflow.
import { formatBytes } from '../size.js';
import type { Band, BarDiagram, Part, PartKind } from './types.js';

export interface MachineInput {
  /** e.g. "gcp-e2-micro" */
  name: string;
  memory: bigint;
  systemReserved: bigint;
  /** one instance's bytes and how many run (check's budget parts) */
  parts: ReadonlyArray<{ name: string; bytes: bigint; count: number; atLeast?: boolean }>;
}

function kindOf(name: string): PartKind {
  return name === 'JobManager' ? 'jobmanager' : name === 'TaskManager' ? 'taskmanager' : 'reserve';
}

export function machineSection(m: MachineInput): BarDiagram {
  const parts: Part[] = [{ id: 'machine.system', label: 'system share', bytes: m.systemReserved, kind: 'system' }];
  const bands: Band[] = [];
  let x = m.systemReserved;
  m.parts.forEach((p, i) => {
    const start = x;
    for (let r = 1; r <= p.count; r++) {
      const label = `${p.name}${p.count > 1 ? ` ${r}/${p.count}` : ''}${p.atLeast ? ' (at least)' : ''}`;
      parts.push({ id: `machine.${i}.${r}`, label, bytes: p.bytes, kind: kindOf(p.name), ...(p.atLeast ? { atLeast: true } : {}) });
      x += p.bytes;
    }
    if (p.count > 1) bands.push({ id: `machine.${i}`, label: `${p.count} × ${p.name}`, start, bytes: x - start });
  });
  if (x < m.memory) parts.push({ id: 'machine.free', label: 'free', bytes: m.memory - x, kind: 'spare' });
  const used = x - m.systemReserved;
  const available = m.memory - m.systemReserved;
  const verdict = x > m.memory ? `does not fit: over by ${formatBytes(x - m.memory)} (${x - m.memory} bytes)` : `fits with ${formatBytes(m.memory - x)} free`;
  const rows: Band[][] = [[{ id: 'machine.available', label: 'for Flink and sidecars', start: m.systemReserved, bytes: available > 0n ? available : 0n }]];
  if (bands.length > 0) rows.push(bands);
  return {
    id: 'machine',
    heading: `Machine ${m.name}: ${formatBytes(m.memory)}; Flink and sidecars need ${formatBytes(used)}, ${verdict}`,
    parts,
    bands: rows,
    flags: [],
    edge: { label: 'machine memory', bytes: m.memory },
    ...(x > m.memory ? { problem: [`OVERFLOW (hatched): the system share and the processes need ${formatBytes(x)} (${x} bytes), ${formatBytes(x - m.memory)} (${x - m.memory} bytes) more than the machine has.`] } : {}),
  };
}
