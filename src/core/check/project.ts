// The project file `.flinkfit.yaml`: defaults for `check` (preset, Flink version, reserves,
// strictness) so a repository's hook and CI say it once. Command-line options win.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { reserveSizeError } from './reserve.js';

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
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lines.linePos(e.pos[0]).line;
    return { ok: false, message: `${file}:${line}: not valid YAML: ${e.message.split('\n')[0]}`, line };
  }
  const data = doc.toJS() ?? {};
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
