// Memory diagrams: an explanation (and optionally a machine budget) in, an SVG document out.
import type { Explanation } from '../analysis/explain.js';
import { machineSection, type MachineInput } from './machine.js';
import { explanationSections } from './process.js';
import { describeSections, renderDiagramSvg } from './svg.js';
import type { DiagramDocument } from './types.js';

export * from './types.js';
export { machineSection, type MachineInput } from './machine.js';
export { explanationSections, jvmMemoryFlags, processSection } from './process.js';
export { BAR_WIDTH, DIAGRAM_CSS, DIAGRAM_DEFS, MARGIN, WIDTH, describeSections, escapeXml, renderDiagramSvg, sizeText, wrap } from './svg.js';

/** The diagram of both processes, with the machine bar when a preset's budget is known. */
export function explanationDiagram(e: Explanation, machine?: MachineInput): DiagramDocument {
  const sections = explanationSections(e);
  if (machine) sections.push(machineSection(machine));
  return {
    title: `Flink ${e.flinkVersion} memory: TaskManager and JobManager${machine ? ` on ${machine.name}` : ''}, as Flink computes it (flinkfit)`,
    description: describeSections(sections),
    sections,
  };
}

/** `shared: true` leaves the stylesheet and patterns out, for a page that holds DIAGRAM_CSS and DIAGRAM_DEFS itself. */
export function explanationSvg(e: Explanation, machine?: MachineInput, opts: { shared?: boolean } = {}): string {
  return renderDiagramSvg(explanationDiagram(e, machine), opts);
}
