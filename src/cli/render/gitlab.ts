// check's findings as a GitLab CI code-quality report (`--format gitlab`): a JSON array of issues,
// each with a description, the check name, a fingerprint that stays the same while the finding
// does, a severity and a location (path and line). Pure: the caller writes the text.
import { createHash } from 'node:crypto';
import { sortDiagnostics, type Severity } from '../../core/diagnostics.js';
import type { CheckReport } from './check.js';
import { findingLocation } from './location.js';

const SEVERITY: Record<Severity, 'critical' | 'minor' | 'info'> = { error: 'critical', warning: 'minor', info: 'info' };

export function renderCheckGitlab(r: CheckReport, opts: { fallbackFile: string }): string {
  const issues = sortDiagnostics(r.result.findings).map((d) => {
    const at = findingLocation(d, opts.fallbackFile);
    return {
      description: `${d.code}: ${d.message}`,
      check_name: d.code,
      fingerprint: createHash('sha256').update(`${d.code}\0${at.file}\0${at.line}\0${d.key ?? ''}\0${d.role ?? ''}\0${d.message}`).digest('hex'),
      severity: SEVERITY[d.severity],
      location: { path: at.file, lines: { begin: at.line } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
