// What differs between the Flink Kubernetes Operator releases flinkfit follows (1.10 … 1.15), read
// from the operator's source at each release tag (github.com/apache/flink-kubernetes-operator):
//   FlinkVersion enum: flink-kubernetes-operator-api/src/main/java/org/apache/flink/kubernetes/
//     operator/api/spec/FlinkVersion.java; isSupported(v) is v ≥ v1_15 in every release here.
//   flinkConfiguration: a Map<String, String> up to release-1.12.x; from release-1.13.0 a
//     ConfigObjectNode (nested YAML, flattened by asFlatMap) — AbstractFlinkSpec.java, ConfigObjectNode.java.
//   resource.memory parser (MemorySize, then Quantity): FlinkConfigBuilder.parseResourceMemoryString,
//     added in release-1.7.0; identical in 1.10 … 1.15, so "2Gi" works in every release listed here.
//   The `resources` (Kubernetes ResourceRequirements) form of jobManager/taskManager exists only on
//     the main branch (6e9caeb4, 2026-07-20), in no release: read with --operator-version main.

export const OPERATOR_VERSIONS = ['1.10', '1.11', '1.12', '1.13', '1.14', '1.15'] as const;
/** A released operator line, or `main`: the operator's main branch at the commit below, in no release. */
export type OperatorVersion = (typeof OPERATOR_VERSIONS)[number] | 'main';
export type ReleasedOperatorVersion = (typeof OPERATOR_VERSIONS)[number];
export const DEFAULT_OPERATOR_VERSION: ReleasedOperatorVersion = '1.15';

/** How a release is named to users: `1.15`, or `main (unreleased, 6e9caeb4)`. */
export function operatorLabel(v: OperatorVersion): string {
  return v === 'main' ? `main branch (unreleased, ${OPERATOR_RELEASES.main.commit.slice(0, 8)})` : v;
}

export interface OperatorRelease {
  tag: string;
  commit: string;
  /** spec.flinkVersion values of FlinkVersion.java, oldest first */
  flinkVersions: readonly string[];
  /**
   * The enum of the CRD file checked in at the tag (helm/flink-kubernetes-operator/crds/
   * flinkdeployments.flink.apache.org-v1.yml). At release-1.15.0 it stops at v2_2 although
   * FlinkVersion.java has v2_3 and v2_4: generate uses only versions in both.
   */
  crdFlinkVersions: readonly string[];
  /** the ones marked @Deprecated in FlinkVersion.java */
  deprecated: readonly string[];
  /** flinkConfiguration may be nested YAML (flattened with dots, lists joined with ';') */
  nestedFlinkConfiguration: boolean;
  /** spec.{jobManager,taskManager}.resources (Kubernetes ResourceRequirements) is read: main branch only */
  resourceRequirements: boolean;
  /** not a release: the main branch, labelled as unreleased wherever it is shown */
  unreleased: boolean;
}

const V = (...xs: string[]) => xs.map((x) => `v${x.replace('.', '_')}`);

export const OPERATOR_RELEASES: Readonly<Record<OperatorVersion, OperatorRelease>> = {
  '1.10': { tag: 'release-1.10.0', commit: 'c70325503016262820ff96280e0364c8081d4f8b', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20'), deprecated: V('1.13', '1.14', '1.15'), nestedFlinkConfiguration: false, resourceRequirements: false, unreleased: false },
  '1.11': { tag: 'release-1.11.0', commit: 'cc9c6cb8768ae9a4fd5c12d6eaaecde918b9706b', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0'), deprecated: V('1.13', '1.14', '1.15', '1.16'), nestedFlinkConfiguration: false, resourceRequirements: false, unreleased: false },
  '1.12': { tag: 'release-1.12.0', commit: '0d40e659d59aed26fc75703b5aef15d36753ca91', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0'), deprecated: V('1.13', '1.14', '1.15', '1.16'), nestedFlinkConfiguration: false, resourceRequirements: false, unreleased: false },
  '1.13': { tag: 'release-1.13.0', commit: 'b40c55391ca25fc402b018abb79babe920272e19', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'), deprecated: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18'), nestedFlinkConfiguration: true, resourceRequirements: false, unreleased: false },
  '1.14': { tag: 'release-1.14.0', commit: 'f50413820c3fcd948bf404c604294e6677264618', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'), deprecated: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18'), nestedFlinkConfiguration: true, resourceRequirements: false, unreleased: false },
  // main at 6e9caeb4 (2026-07-20): FlinkVersion.java and the CRD list v1_13 … v2_4; FlinkConfigBuilder reads
  // spec.*.resources (FLINK-33548, d131b70a) through ResourceConfigUtils
  main: { tag: 'main', commit: '6e9caeb48118934f4311534725196c52159eaa21', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3', '2.4'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3', '2.4'), deprecated: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18'), nestedFlinkConfiguration: true, resourceRequirements: true, unreleased: true },
  '1.15': { tag: 'release-1.15.0', commit: '79d730bab4d8403f3a447fb027f879f5cbdc59ad', flinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3', '2.4'), crdFlinkVersions: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'), deprecated: V('1.13', '1.14', '1.15', '1.16', '1.17', '1.18'), nestedFlinkConfiguration: true, resourceRequirements: false, unreleased: false },
};

export function parseOperatorVersion(text: string | undefined): { ok: true; version: OperatorVersion } | { ok: false; message: string } {
  if (text === undefined || text.trim() === '') return { ok: true, version: DEFAULT_OPERATOR_VERSION };
  if (text.trim().toLowerCase() === 'main') return { ok: true, version: 'main' };
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  const line = m ? `${Number(m[1])}.${Number(m[2])}` : '';
  if ((OPERATOR_VERSIONS as readonly string[]).includes(line)) return { ok: true, version: line as OperatorVersion };
  return { ok: false, message: `--operator-version '${text}' is not a release flinkfit knows; use one of ${OPERATOR_VERSIONS.join(', ')}, or main (the unreleased main branch)` };
}

/** "v1_20" → { major: 1, minor: 20 }; undefined for anything else. */
export function flinkVersionParts(v: string): { major: number; minor: number } | undefined {
  const m = /^v(\d+)_(\d+)$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** FlinkVersion.isEqualOrNewer: compare by major, then minor. */
export function flinkVersionAtLeast(v: string, major: number, minor: number): boolean {
  const p = flinkVersionParts(v);
  return p !== undefined && (p.major > major || (p.major === major && p.minor >= minor));
}

/**
 * The operator's default Flink configuration as its Helm chart ships it
 * (helm/flink-kubernetes-operator/conf/flink-conf.yaml, release-1.15.0): the only defaults that
 * touch sizing. The validator merges them under the deployment's flinkConfiguration.
 */
export const OPERATOR_DEFAULT_CONFIG: Readonly<Record<string, string>> = {
  'taskmanager.numberOfTaskSlots': '1',
  'parallelism.default': '1',
};
