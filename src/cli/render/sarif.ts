// check's findings as SARIF 2.1.0 (`--format sarif`), the format GitHub code scanning uploads: one
// run of the flinkfit driver, a rule per code that occurs (documented by URL), a result per finding,
// each with a file and line. Pure: the caller writes the text.
import { DIAGNOSTIC_INFO, sortDiagnostics, type Severity } from '../../core/diagnostics.js';
import { diagnosticUrl, REPOSITORY_URL } from '../../core/links.js';
import type { CheckReport } from './check.js';
import { findingLocation } from './location.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function renderCheckSarif(r: CheckReport, opts: { version: string; fallbackFile: string }): string {
  const findings = sortDiagnostics(r.result.findings);
  const codes = [...new Set(findings.map((d) => d.code))].sort();
  const rules = codes.map((code) => {
    const info = DIAGNOSTIC_INFO[code];
    return {
      id: code,
      shortDescription: { text: info.title },
      fullDescription: { text: info.description },
      helpUri: diagnosticUrl(code, info.severity),
      defaultConfiguration: { level: LEVEL[info.severity] },
    };
  });
  const results = findings.map((d) => {
    const at = findingLocation(d, opts.fallbackFile);
    return {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(at.file) }, region: { startLine: at.line } } }],
      ...(d.key !== undefined || d.role !== undefined ? { properties: { ...(d.key !== undefined ? { key: d.key } : {}), ...(d.role !== undefined ? { role: d.role } : {}) } } : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'flinkfit', version: opts.version, informationUri: REPOSITORY_URL, rules } },
        results,
        properties: { flinkVersion: r.flinkVersion, ...(r.presetId ? { preset: r.presetId } : {}), exitCode: r.exitCode },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
