// Which of explain's and check's inputs are Flink Kubernetes Operator manifests (read by content),
// named as files or found by scanning the directories named (or the current directory).
import { resolve } from 'node:path';
import { displayPath } from '../../core/compose/paths.js';
import { diag, type Diagnostic } from '../../core/diagnostics.js';
import { isTemplatedManifest, looksLikeFlinkManifest } from '../../core/k8s/detect.js';
import { discover } from '../../core/project/discover.js';
import { readInput } from '../../node/inputs.js';
import { nodeProjectFs } from '../../node/project-fs.js';

/** The files among `files` that are Flink operator manifests, read; undefined when not all are. */
export function manifestInputs(files: readonly string[]): Array<{ path: string; text: string }> | undefined {
  const out: Array<{ path: string; text: string }> = [];
  for (const f of files) {
    const r = readInput(f);
    // a template ({{ … }}) goes through discovery, which says to render it first
    if (r.kind === 'file' && looksLikeFlinkManifest(r.text) && !isTemplatedManifest(r.text)) out.push({ path: r.path, text: r.text });
  }
  // manifests alone get the Kubernetes view; named with compose or config files they are one more
  // deployment of the project model
  if (out.length === 0 || out.length !== files.length) return undefined;
  return out;
}

/**
 * Directories (or the current directory) whose deployments are all FlinkDeployment manifests:
 * the manifests, read, and discovery's notes (templates and kustomize patches skipped), so they get
 * the same Kubernetes view as manifests named one by one. Undefined when anything else is found.
 */
/**
 * discover() for these inputs, once per run: explain and check first ask whether a directory holds
 * only manifests, then build the project from the same discovery (it walks directories and reads
 * files, so it is not done twice). Discovery depends only on the inputs, the working directory and
 * --compose-file.
 */
let lastDiscovery: { key: string; found: ReturnType<typeof discover> } | undefined;
export function discoverOnce(o: Parameters<typeof discover>[0]): ReturnType<typeof discover> {
  const key = JSON.stringify([o.inputs, o.cwd, o.composeFiles ?? []]);
  if (lastDiscovery?.key !== key) lastDiscovery = { key, found: discover(o) };
  return lastDiscovery.found;
}

export function discoveredManifests(files: readonly string[], opts: { composeFile?: string[] } = {}): { inputs: Array<{ path: string; text: string }>; notes: Diagnostic[] } | undefined {
  if (opts.composeFile && opts.composeFile.length > 0) return undefined;
  const cwd = process.cwd();
  const fs = nodeProjectFs();
  const found = discoverOnce({ inputs: files.map((f) => resolve(f)), cwd, fs });
  if (found.missing.length > 0 || found.plans.length === 0 || !found.plans.every((p) => p.kind === 'kubernetes')) return undefined;
  const inputs = found.plans.flatMap((p) => (p.kind === 'kubernetes' ? p.files : [])).flatMap((f) => {
    const text = fs.readFile(f);
    return text === undefined ? [] : [{ path: displayPath(cwd, f), text }];
  });
  const rel = (m: string) => m.split(`${cwd.replace(/\/+$/, '')}/`).join('');
  const notes = found.notes.map((n) => diag(n.code, rel(n.message), n.file ? { file: displayPath(cwd, n.file) } : {}));
  return { inputs, notes };
}
