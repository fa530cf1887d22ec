// The compose branch of the project model, loaded only when a deployment is a Compose project.
import { loadComposeProject } from '../compose/load.js';
import { explainComposeProject } from './compose.js';
import type { ComposePlanExplainer } from './index.js';

export const explainComposePlan: ComposePlanExplainer = (plan, opts, label) => {
  const project = loadComposeProject({
    files: plan.files,
    autoOverride: plan.autoOverride,
    env: opts.env,
    ...(opts.envFiles ? { envFiles: opts.envFiles } : {}),
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
    fs: { readFile: (p) => opts.fs.readFile(p) },
  });
  return explainComposeProject({
    project,
    readFile: (p) => opts.fs.readFile(p),
    readMount: (source, kind) => {
      if (kind === 'file') return opts.fs.readFile(source);
      const entries = opts.fs.list(source);
      if (!entries) return undefined;
      const files: Record<string, string> = {};
      for (const e of entries) {
        if (e.dir) continue;
        const t = opts.fs.readFile(`${source}/${e.name}`);
        if (t !== undefined) files[e.name] = t;
      }
      return files;
    },
    label: (f) => (f.startsWith('/') ? label(f) : f),
    ...(opts.flinkVersion !== undefined ? { flinkVersion: opts.flinkVersion } : {}),
    ...(opts.dynamic ? { dynamic: opts.dynamic } : {}),
  });
};
