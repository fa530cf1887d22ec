// Where a finding is shown in CI: GitHub annotations, SARIF results and GitLab issues need a file
// and a line. A finding that has no place of its own points at the first input file, line 1.
import type { Diagnostic } from '../../core/diagnostics.js';

export interface FindingLocation {
  /** a relative path with forward slashes, as CI systems match it against the repository */
  file: string;
  line: number;
}

export function findingLocation(d: Pick<Diagnostic, 'file' | 'line'>, fallbackFile: string): FindingLocation {
  const file = (d.file ?? fallbackFile).replace(/\\/g, '/').replace(/^\.\//, '');
  return { file, line: d.line !== undefined && d.line >= 1 ? d.line : 1 };
}
