// Whether a file is a Flink Kubernetes Operator manifest, by its content alone (no YAML parser, so
// explain and check pay nothing for it on other inputs).

/** A document with apiVersion flink.apache.org/… and kind FlinkDeployment or FlinkSessionJob. */
export function looksLikeFlinkManifest(text: string): boolean {
  return /^\s*apiVersion:\s*["']?flink\.apache\.org\//m.test(text) && /^\s*kind:\s*["']?(FlinkDeployment|FlinkSessionJob)\b/m.test(text);
}
