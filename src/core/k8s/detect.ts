// Whether a file is a Flink Kubernetes Operator manifest, by its content alone (no YAML parser, so
// explain, check and directory scans pay nothing for it on other inputs).

/**
 * A document with apiVersion flink.apache.org/… and kind FlinkDeployment or FlinkSessionJob, both
 * at the start of a line: a resource's own keys. Indented ones belong to something else — a
 * FlinkStateSnapshot's jobReference, an HPA's scaleTargetRef, a manifest embedded in another
 * resource's block scalar — and do not make the file a manifest.
 */
export function looksLikeFlinkManifest(text: string): boolean {
  return /^apiVersion:[ \t]*["']?flink\.apache\.org\//m.test(text) && /^kind:[ \t]*["']?(FlinkDeployment|FlinkSessionJob)["']?[ \t]*(#.*)?$/m.test(text);
}

/**
 * Template placeholders: the file is rendered before it is a manifest. `braces`: Helm/Go, Jinja,
 * Mustache `{{ … }}`; `dollar`: `${NAME}` outside a comment, as envsubst and Flux's post-build
 * substitution (`${NAME:-default}`) fill in — a FlinkDeployment holds no such text once rendered
 * (Kubernetes' own `$(NAME)` is not one of them).
 */
export function manifestTemplateKind(text: string): 'braces' | 'dollar' | null {
  if (/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.test(text)) return 'braces';
  if (/^[^#\n]*\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}\n]*)?\}/m.test(text)) return 'dollar';
  return null;
}

export function isTemplatedManifest(text: string): boolean {
  return manifestTemplateKind(text) !== null;
}
