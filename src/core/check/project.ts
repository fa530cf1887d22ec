// The project file `.flinkfit.yaml`: defaults for `check` (preset, Flink version, reserves,
// strictness) so a repository's hook and CI say it once. Command-line options win.
import { z } from 'zod';
import { reserveSizeError } from './reserve.js';
import { parseYamlSafe, toJsSafe } from '../yaml-safe.js';

/** A project file is a few lines; 1 MiB is far more than any needs. */
export const PROJECT_MAX_CHARS = 1024 * 1024;

export const ProjectSchema = z
  .object({
    preset: z.string().min(1).optional().describe('Preset id (see `flinkfit presets`) or a path to a preset YAML file, relative to this file.'),
    flinkVersion: z.union([z.string(), z.number()]).transform(String).optional().describe('Flink version such as "1.20" or "2.2" (quote it: 2.0 as a YAML number loses its zero).'),
    reserve: z.record(z.string(), z.union([z.string(), z.number().transform(String)])).optional().describe('Memory other services need on the machine, name -> size with a unit, e.g. { kafka: 384m }.'),
    strict: z.boolean().optional().describe('Count warnings as failures.'),
    taskmanagers: z.number().int().positive().optional().describe('How many TaskManagers run (when no compose file says).'),
  })
  .strict();

export type ProjectFile = z.infer<typeof ProjectSchema>;

export type ProjectParse = { ok: true; project: ProjectFile } | { ok: false; message: string; line?: number };

export function parseProjectFile(text: string, file: string): ProjectParse {
  const parsed = parseYamlSafe(text, { single: true, limits: { maxChars: PROJECT_MAX_CHARS } });
  if (!parsed.ok) {
    const { line, message } = parsed.error;
    return { ok: false, message: `${file}:${line}: not valid YAML: ${message}`, line };
  }
  const js = parsed.doc ? toJsSafe(parsed.doc) : { ok: true as const, value: null };
  if (!js.ok) return { ok: false, message: `${file}:${js.error.line}: ${js.error.message}`, line: js.error.line };
  const data = js.value ?? {};
  const r = ProjectSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const key = i.path.join('.') || (i.code === 'unrecognized_keys' ? i.keys.join(', ') : '');
    return { ok: false, message: `${file}: ${key ? `${key}: ` : ''}${i.message}` };
  }
  for (const [name, size] of Object.entries(r.data.reserve ?? {})) {
    const err = reserveSizeError(size);
    if (err) return { ok: false, message: `${file}: reserve.${name}: ${err}` };
  }
  return { ok: true, project: r.data };
}

// --reserve parsing lives in reserve.ts (no zod or YAML), so commands that never read a project file
// do not load either; re-exported here for existing importers
export { parseReserve, reserveSizeError } from './reserve.js';
