// Renders docs/diagnostics.md from the diagnostic registry, so the page cannot drift from the code.
import { DIAGNOSTIC_INFO, type DiagnosticCode } from './diagnostics.js';

const GROUPS: Array<[string, RegExp]> = [
  ["Flink's verdict and config files", /^(TM_|JM_|CONFIG_LOAD|NO_CONFIG|IGNORED_CONFIG|CONFIG_FILE_IGNORED|FLAT_|DUPLICATE_KEY|LEGACY_CONFIG_FILE|FILE_KIND)/],
  ['Keys and values', /^(SIZE_WITHOUT_UNIT|DEPRECATED_KEY|LEGACY_KEY|KEY_IGNORED|UNKNOWN_MEMORY_KEY|OPTION_SET_TWICE|VERSION_ASSUMED)/],
  ['Machine budget and workload', /^(BUDGET_|SLOTS_|MANAGED_MEMORY)/],
  ['Containers, images and compose files', /^(CONTAINER_|COMPOSE_|IMAGE_|ROLE_|COMMAND_|ENTRYPOINT_OVERRIDDEN|ENV_FROM|ENV_FILE|EXTENDS|TASKMANAGER_RPC|FLINK_CONF_DIR|FLINK_HOME|REPLICAS|MEM_LIMIT|CONF_VOLUME|CONF_MOUNT|CONFIG_MOUNT)/],
  ["The image's entrypoint", /./],
];

export function renderDiagnosticsDoc(): string {
  const codes = Object.keys(DIAGNOSTIC_INFO) as DiagnosticCode[];
  const placed = new Set<string>();
  const out: string[] = [
    '# Diagnostics',
    '',
    'Every finding flinkfit reports has a stable code. `explain` and `check` print it in brackets,',
    '`--format json` gives it as `code`, and `--format github` as the annotation title. The severity',
    'shown is the default; `check` exits 1 on any error, and with `--strict` on any warning too.',
    '',
    '<!-- generated from src/core/diagnostics.ts by scripts/gen-diagnostics-doc.mjs; do not edit -->',
  ];
  for (const [title, re] of GROUPS) {
    const mine = codes.filter((c) => !placed.has(c) && re.test(c)).sort();
    if (mine.length === 0) continue;
    out.push('', `## ${title}`, '');
    for (const c of mine) {
      placed.add(c);
      const info = DIAGNOSTIC_INFO[c];
      out.push(`### \`${c}\` (${info.severity})`, '', `**${info.title}.** ${info.description}`, '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
