// Real-project shapes (test/fixtures/projects/<slug>/, each citing the public repository it follows
// in SOURCE.md): the deployments flinkfit finds, every service with what it runs, its image and
// Flink release, replicas, memory limit and process size, against the golden expected.yaml.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import '../src/core/conf/standard.js';
import { explainComposePlan } from '../src/core/project/compose-plan.js';
import { explainKubernetesPlan } from '../src/core/project/kubernetes-plan.js';
import { discover, explainProject, type ProjectExplanation } from '../src/core/project/index.js';
import { parseComposeBytes } from '../src/core/compose/service.js';
import { parseMemorySize } from '../src/core/size.js';
import { nodeProjectFs } from '../src/node/project-fs.js';

const ROOT = new URL('./fixtures/projects/', import.meta.url).pathname;

interface ExpectedService {
  name: string;
  flink: boolean;
  role?: string | null;
  image?: string | null;
  flinkVersion?: string | null;
  replicas?: number;
  memoryLimit?: string | null;
  processSize?: string | null;
}
interface Expected {
  args?: string[];
  options?: { profiles?: string[]; envFile?: string; flinkVersion?: string; composeFiles?: string[] };
  deployments: Array<{ kind: string; files?: string[]; services?: ExpectedService[]; conf?: { jobmanager?: string; taskmanager?: string } }>;
  /** the notes about the inputs as a whole (files skipped), by code, sorted */
  codes?: string[];
}

const dirs = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'expected.yaml'))).map((d) => d.name);

function run(dir: string, e: Expected): ProjectExplanation {
  const root = join(ROOT, dir);
  const o = e.options ?? {};
  const opts = {
    inputs: (e.args ?? (o.composeFiles ? [] : ['.'])).map((a) => resolve(root, a)),
    cwd: root,
    fs: nodeProjectFs(),
    // as a user runs it from the project: $PWD is that directory
    env: { PWD: root },
    ...(o.composeFiles ? { composeFiles: o.composeFiles.map((f) => resolve(root, f)) } : {}),
    ...(o.envFile ? { envFiles: [resolve(root, o.envFile)] } : {}),
    ...(o.profiles ? { profiles: o.profiles } : {}),
    ...(o.flinkVersion ? { flinkVersion: o.flinkVersion } : {}),
  };
  const r = explainProject(opts, discover(opts), explainComposePlan, explainKubernetesPlan);
  if (!r.ok) throw new Error(r.message);
  return r.project;
}

const bytes = (s: string) => {
  const p = parseMemorySize(s);
  return p.ok ? p.bytes : parseComposeBytes(s);
};

describe('real-project shapes', () => {
  it('has at least 30 of them, each citing its source', () => {
    expect(dirs.length).toBeGreaterThanOrEqual(30);
    for (const d of dirs) expect(readFileSync(join(ROOT, d, 'SOURCE.md'), 'utf8'), d).toMatch(/[\w.-]+\/[\w.-]+/);
  });

  describe.each(dirs)('%s', (dir) => {
    const e = parse(readFileSync(join(ROOT, dir, 'expected.yaml'), 'utf8')) as Expected;
    const p = run(dir, e);
    it('finds the expected deployments', () => {
      const found = p.deployments.filter((d) => d.flink || d.services.length > 0 || d.kind !== 'compose');
      expect(found.map((d) => d.kind), JSON.stringify(p.deployments.map((d) => d.files))).toEqual(e.deployments.map((d) => d.kind));
      if (e.codes !== undefined) expect(p.diagnostics.map((d) => d.code).sort(), `${dir}: notes about the inputs`).toEqual([...e.codes].sort());
      e.deployments.forEach((want, i) => {
        const got = found[i]!;
        if (want.files) expect([...got.files].filter((f) => !/(^|\/)\.env$|\.env$/.test(f) || want.files!.includes(f)).sort(), `deployment ${i} files`).toEqual([...want.files].sort());
        // a conf directory or file: the process sizes it sets
        for (const role of ['jobmanager', 'taskmanager'] as const) {
          const size = want.conf?.[role];
          if (size === undefined) continue;
          const proc = got.processes.find((x) => x.role === role);
          const o = proc?.report.outcome;
          expect(o?.ok ? o.memory.totalProcess : null, `${dir}: ${role} of ${got.label}`).toBe(bytes(size));
        }
        for (const ws of want.services ?? []) {
          const gs = got.services.find((s) => s.name === ws.name);
          expect(gs, `service ${ws.name}`).toBeDefined();
          const where = `${dir}: service ${ws.name} (${gs!.why})`;
          expect(gs!.flink, where).toBe(ws.flink);
          if (ws.role !== undefined) expect(gs!.role, where).toBe(ws.role);
          if (ws.image !== undefined) expect(gs!.image, where).toBe(ws.image);
          if (ws.flinkVersion !== undefined && ws.flinkVersion !== null) expect(gs!.flinkVersion, where).toBe(ws.flinkVersion);
          if (ws.replicas !== undefined) expect(gs!.replicas, where).toBe(ws.replicas);
          if (ws.memoryLimit !== undefined) expect(gs!.memoryLimit, where).toBe(ws.memoryLimit === null ? null : bytes(ws.memoryLimit));
          if (ws.processSize !== undefined) {
            const want = ws.processSize === null ? null : bytes(ws.processSize);
            expect(gs!.processSize, where).toBe(want);
          }
        }
      });
    });
  });
});

describe('a FlinkDeployment manifest named with a compose file', () => {
  it('is one more deployment: the compose project and the manifest are each checked on their own', () => {
    const root = fileURLToPath(new URL('./fixtures/', import.meta.url));
    const opts = {
      inputs: [resolve(root, 'findings/K8S_MEMORY_UNIT_TRAP/flinkdeployment.yaml'), resolve(root, 'projects/ops-playground-1-16/operations-playground/docker-compose.yaml')],
      cwd: root,
      fs: nodeProjectFs(),
      env: {},
    };
    const r = explainProject(opts, discover(opts), explainComposePlan, explainKubernetesPlan);
    if (!r.ok) throw new Error(r.message);
    expect(r.project.deployments.map((d) => d.kind)).toEqual(['compose', 'kubernetes']);
    const k8s = r.project.deployments[1]!;
    // the operator reads resource.memory "1728m" with Flink's MemorySize: 1.69 GiB
    const tm = k8s.processes.find((p) => p.role === 'taskmanager')!.report.outcome;
    expect(tm?.ok && tm.memory.totalProcess).toBe(1728n * 1024n * 1024n);
    expect(k8s.diagnostics.map((d) => d.code)).toContain('K8S_MEMORY_UNIT_TRAP');
  });
});
