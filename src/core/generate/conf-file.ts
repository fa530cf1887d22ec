// Writes Flink's config file for a release line: flink-conf.yaml with flat `key: value` lines for
// 1.18 (GlobalConfiguration's line reader), config.yaml in standard YAML from 1.19 on (read by
// YamlParserUtils). Each line may carry a short comment; the loaders in conf/ read it back.
import { LEGACY_FILE, STANDARD_FILE } from '../conf/confdir.js';
import { yamlString } from '../docker/flink-writer.js';
import type { FlinkLine } from '../versions.js';
import { isMemoryKey } from './overrides.js';
import type { ConfEntry } from './types.js';

/** The file the official image's Flink of that line reads (config.yaml from 1.19 on). */
export function configFileName(line: FlinkLine): string {
  return line === '1.18' ? LEGACY_FILE : STANDARD_FILE;
}

/** Widest `key: value` that still gets its comment beside it; longer lines get it above. */
const COMMENT_COLUMN_MAX = 64;

function valueText(line: FlinkLine, e: ConfEntry): string {
  if (line === '1.18') return e.value;
  // small whole numbers of our own stay plain YAML integers, as the image's file writes them;
  // anything given with -D is written as the exact string
  if (e.source !== 'user' && /^(0|[1-9][0-9]{0,8})$/.test(e.value)) return e.value;
  return yamlString(e.value);
}

function keyText(line: FlinkLine, key: string): string {
  return line === '1.18' ? key : yamlString(key, true);
}

export interface ConfigSection {
  /** comment lines above the section (without '# ') */
  title?: string[];
  entries: ConfEntry[];
}

/**
 * The config file: the header (comment lines), then one line per entry with its comment. Sections
 * start where an entry's source or role changes, so the file reads top-down: setup, JobManager,
 * TaskManager, the -D options.
 */
export function renderConfigFile(
  line: FlinkLine,
  header: readonly string[],
  entries: readonly ConfEntry[],
  titles: Partial<Record<Section, readonly string[]>> = {},
): { name: string; text: string } {
  const body = entries.map((e) => `${keyText(line, e.key)}: ${valueText(line, e)}`);
  const sections = entries.map(sectionOf);
  // comments line up within a section
  const width = new Map<Section, number>();
  body.forEach((b, i) => {
    if (b.length <= COMMENT_COLUMN_MAX) width.set(sections[i]!, Math.max(width.get(sections[i]!) ?? 0, b.length));
  });
  const out: string[] = header.map((h) => (h === '' ? '#' : `# ${h}`));
  let section: Section | '' = '';
  entries.forEach((e, i) => {
    const s = sections[i]!;
    if (s !== section) {
      if (out.length > 0) out.push('');
      for (const t of titles[s] ?? [SECTION_TITLES[s]]) out.push(`# ${t}`);
      section = s;
    }
    const text = body[i]!;
    if (e.comment === undefined) out.push(text);
    else if (text.length <= COMMENT_COLUMN_MAX) out.push(`${text.padEnd(width.get(s) ?? 0)}  # ${e.comment}`);
    else out.push(`# ${e.comment}`, text);
  });
  return { name: configFileName(line), text: out.join('\n') + '\n' };
}

export type Section = 'setup' | 'jobmanager' | 'taskmanager' | 'user';

function sectionOf(e: ConfEntry): Section {
  if (e.source === 'setup') return 'setup';
  if (e.source === 'user' && !isMemoryKey(e.key)) return 'user';
  return e.key.startsWith('jobmanager.') ? 'jobmanager' : e.key.startsWith('taskmanager.') ? 'taskmanager' : 'user';
}

const SECTION_TITLES: Record<Section, string> = {
  setup: 'Cluster wiring for the official flink image, state and checkpoints',
  jobmanager: 'JobManager memory (jobmanager.memory.*): sizes add up to the process size exactly',
  taskmanager: 'TaskManager memory (taskmanager.memory.*): sizes add up to the process size exactly',
  user: 'Given with -D, kept as given',
};
