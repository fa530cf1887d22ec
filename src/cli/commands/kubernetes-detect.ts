// Which of explain's and check's inputs are Flink Kubernetes Operator manifests (read by content).
import { looksLikeFlinkManifest } from '../../core/k8s/detect.js';
import { readInput } from '../../node/inputs.js';

/** The files among `files` that are Flink operator manifests, read; undefined when none is. */
export function manifestInputs(files: readonly string[]): Array<{ path: string; text: string }> | undefined {
  const out: Array<{ path: string; text: string }> = [];
  for (const f of files) {
    const r = readInput(f);
    if (r.kind === 'file' && looksLikeFlinkManifest(r.text)) out.push({ path: r.path, text: r.text });
  }
  // manifests alone get the Kubernetes view; named with compose or config files they are one more
  // deployment of the project model
  if (out.length === 0 || out.length !== files.length) return undefined;
  return out;
}
