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

/** Template placeholders (Helm/Go, Jinja, Mustache `{{ … }}`): the file is rendered before it is a manifest. */
export function isTemplatedManifest(text: string): boolean {
  return /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.test(text);
}
