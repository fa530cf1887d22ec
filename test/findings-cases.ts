// One fixture per finding code (test/fixtures/findings/<CODE>/, or <CODE>/<variant>/ when a code
// has more than one natural cause): how to run it and what flinkfit must report for it.
// `codes` is every code reported, sorted, repeats included (one per service for compose files);
// `at` is where each finding of the directory's own code points, as file:line (file alone when it
// concerns the whole file, '' when it concerns no file), sorted.
import type { DiagnosticCode } from '../src/core/diagnostics.js';
import type { FixtureOptions } from './findings-harness.js';

export interface FindingCase extends FixtureOptions {
  /** directory under test/fixtures/findings/; its first segment is the code it demonstrates */
  dir: string;
  /** explain: what `flinkfit explain` reports; check: `flinkfit check` (budget, limits, workload too) */
  mode: 'explain' | 'check';
  codes: string[];
  at: string[];
  /** a known bug in src/: the expectation above is the correct one and the test that it breaks runs as it.fails */
  bug?: { breaks: 'codes' | 'at'; note: string };
}

export const CASES: FindingCase[] = [
  { dir: 'TM_REFUSED', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['TM_REFUSED'], at: ['config.yaml:4'] },
  { dir: 'JM_REFUSED', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['JM_REFUSED'], at: ['config.yaml:3'] },
  { dir: 'CONFIG_LOAD_ERROR/syntax', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['CONFIG_LOAD_ERROR'], at: ['config.yaml:4'] },
  { dir: 'CONFIG_LOAD_ERROR/duplicate-key', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['CONFIG_LOAD_ERROR'], at: ['config.yaml:4'] },
  { dir: 'NO_CONFIG_FILE', mode: 'explain', inputs: ['conf'], flinkVersion: '2.3', codes: ['NO_CONFIG_FILE'], at: ['config.yaml'] },
  { dir: 'CONFIG_FILE_IGNORED/config-yaml-on-1.18', mode: 'explain', inputs: ['conf'], flinkVersion: '1.18', codes: ['CONFIG_FILE_IGNORED'], at: ['conf/config.yaml'] },
  { dir: 'CONFIG_FILE_IGNORED/flink-conf-on-2.x', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '2.0', codes: ['CONFIG_FILE_IGNORED', 'NO_CONFIG_FILE'], at: ['flink-conf.yaml'] },
  { dir: 'CONFIG_FILE_IGNORED/lookalike-name', mode: 'explain', inputs: ['conf'], flinkVersion: '1.19', codes: ['CONFIG_FILE_IGNORED'], at: ['conf/flink-conf.yml'] },
  { dir: 'FLAT_LINE_SKIPPED', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '1.18', codes: ['FLAT_LINE_SKIPPED'], at: ['flink-conf.yaml:3'] },
  { dir: 'DUPLICATE_KEY/flat', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '1.18', codes: ['DUPLICATE_KEY'], at: ['flink-conf.yaml:3'] },
  { dir: 'DUPLICATE_KEY/nested-and-dotted', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['DUPLICATE_KEY'], at: ['config.yaml:5'] },
  { dir: 'FLAT_BOM_IN_KEY', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '1.18', codes: ['FLAT_BOM_IN_KEY'], at: ['flink-conf.yaml:1'] },
  { dir: 'LEGACY_CONFIG_FILE', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '1.19', codes: ['LEGACY_CONFIG_FILE'], at: ['flink-conf.yaml'] },
  { dir: 'SIZE_WITHOUT_UNIT', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['SIZE_WITHOUT_UNIT'], at: ['config.yaml:3'] },
  { dir: 'DEPRECATED_KEY', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['DEPRECATED_KEY'], at: ['config.yaml:2'] },
  { dir: 'LEGACY_KEY', mode: 'explain', inputs: ['flink-conf.yaml'], flinkVersion: '1.18', codes: ['LEGACY_KEY'], at: ['flink-conf.yaml:1'] },
  { dir: 'KEY_IGNORED_BY_VERSION', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['KEY_IGNORED_BY_VERSION'], at: ['config.yaml:2'] },
  { dir: 'UNKNOWN_MEMORY_KEY', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['UNKNOWN_MEMORY_KEY'], at: ['config.yaml:3'] },
  { dir: 'OPTION_SET_TWICE', mode: 'explain', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['OPTION_SET_TWICE'], at: ['config.yaml:3'] },
  { dir: 'VERSION_ASSUMED', mode: 'explain', inputs: ['config.yaml'], codes: ['VERSION_ASSUMED'], at: [''] },
  { dir: 'FILE_KIND_ASSUMED', mode: 'explain', inputs: ['flink-tm.conf'], flinkVersion: '1.18', codes: ['FILE_KIND_ASSUMED'], at: ['flink-tm.conf'] },
  { dir: 'BUDGET_EXCEEDED', mode: 'check', inputs: ['config.yaml'], flinkVersion: '2.3', preset: 'gcp-e2-micro', codes: ['BUDGET_EXCEEDED'], at: ['config.yaml:1'] },
  { dir: 'BUDGET_FITS', mode: 'check', inputs: ['config.yaml'], flinkVersion: '2.3', preset: 'gcp-e2-micro', codes: ['BUDGET_FITS'], at: ['config.yaml:1'] },
  { dir: 'SLOTS_ABOVE_VCPUS', mode: 'check', inputs: ['config.yaml'], flinkVersion: '2.3', preset: 'gcp-e2-medium', codes: ['BUDGET_FITS', 'SLOTS_ABOVE_VCPUS'], at: ['config.yaml:3'] },
  { dir: 'MANAGED_MEMORY_UNUSED', mode: 'check', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['MANAGED_MEMORY_UNUSED'], at: ['config.yaml:2'] },
  { dir: 'MANAGED_MEMORY_MISSING', mode: 'check', inputs: ['config.yaml'], flinkVersion: '2.3', codes: ['MANAGED_MEMORY_MISSING'], at: ['config.yaml:3'] },
  { dir: 'CONTAINER_LIMIT_MISSING', mode: 'check', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'CONTAINER_LIMIT_MISSING', 'MANAGED_MEMORY_UNUSED'], at: ['docker-compose.yml:8'] },
  { dir: 'CONTAINER_LIMIT_TOO_LOW', mode: 'check', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'CONTAINER_LIMIT_TOO_LOW', 'MANAGED_MEMORY_UNUSED'], at: ['docker-compose.yml:17'] },
  { dir: 'COMPOSE_YAML_INVALID', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_YAML_INVALID'], at: ['docker-compose.yml:5'],
    // regression: the line once came from e.linePos, which `yaml` fills only with prettyErrors: true
  },
  { dir: 'COMPOSE_NO_SERVICES', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_NO_SERVICES'], at: ['docker-compose.yml:1'] },
  { dir: 'COMPOSE_INTERPOLATION_INVALID', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_INTERPOLATION_INVALID'], at: ['docker-compose.yml:9'] },
  { dir: 'COMPOSE_VARIABLE_REQUIRED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_VARIABLE_REQUIRED'], at: ['docker-compose.yml:9'] },
  { dir: 'COMPOSE_VARIABLE_UNSET', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_VARIABLE_UNSET', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml:9'] },
  { dir: 'COMPOSE_VALUE_INVALID', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_VALUE_INVALID', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'RPC_ADDRESS_FROM_HOSTNAME', 'TASKMANAGER_RPC_ADDRESS_MISSING'], at: ['docker-compose.yml:11'] },
  { dir: 'IMAGE_UNMODELLED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'IMAGE_UNMODELLED', 'IMAGE_UNMODELLED'], at: ['docker-compose.yml:9', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_ASSUMED_OFFICIAL', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'IMAGE_ASSUMED_OFFICIAL'], at: ['docker-compose.yml:9'] },
  { dir: 'IMAGE_NO_TAG', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'IMAGE_NO_TAG', 'IMAGE_NO_TAG'], at: ['docker-compose.yml:3', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_LATEST', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'IMAGE_LATEST', 'IMAGE_LATEST'], at: ['docker-compose.yml:3', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_VERSION_UNKNOWN', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['IMAGE_UNMODELLED', 'IMAGE_UNMODELLED', 'IMAGE_VERSION_UNKNOWN', 'IMAGE_VERSION_UNKNOWN'], at: ['docker-compose.yml:3', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_LINE_OLD', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['IMAGE_LINE_OLD', 'IMAGE_LINE_OLD'], at: ['docker-compose.yml:3', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_LINE_UNSUPPORTED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['IMAGE_LINE_UNSUPPORTED', 'IMAGE_LINE_UNSUPPORTED'], at: ['docker-compose.yml:4', 'docker-compose.yml:9'] },
  { dir: 'IMAGE_RELEASE_UNKNOWN', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['IMAGE_RELEASE_UNKNOWN', 'IMAGE_RELEASE_UNKNOWN'], at: ['docker-compose.yml:3', 'docker-compose.yml:9'] },
  { dir: 'ROLE_UNKNOWN', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'ROLE_UNKNOWN'], at: ['docker-compose.yml'] },
  { dir: 'COMMAND_MISSING', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMMAND_MISSING', 'CONF_FILE_REWRITTEN', 'ROLE_UNKNOWN'], at: ['docker-compose.yml:8'] },
  { dir: 'ENTRYPOINT_OVERRIDDEN', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'ENTRYPOINT_OVERRIDDEN'], at: ['docker-compose.yml:10'],
    // regression: with the entrypoint replaced, docker-entrypoint.sh never rewrites the taskmanager's
    // config, so only the jobmanager's rewrite is reported
  },
  { dir: 'COMPOSE_FILE_MISSING', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_FILE_MISSING'], at: ['docker-compose.yml:9'] },
  { dir: 'TASKMANAGER_RPC_ADDRESS_MISSING', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'RPC_ADDRESS_FROM_HOSTNAME', 'TASKMANAGER_RPC_ADDRESS_MISSING'], at: ['docker-compose.yml:8'] },
  { dir: 'FLINK_CONF_DIR_SET', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_CONF_DIR_SET'], at: ['docker-compose.yml:13'] },
  { dir: 'FLINK_HOME_MOUNTED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_HOME_MOUNTED'], at: ['docker-compose.yml:14'] },
  { dir: 'REPLICAS_CONFLICT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'REPLICAS_CONFLICT'], at: ['docker-compose.yml:13'] },
  { dir: 'MEM_LIMIT_CONFLICT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'MEM_LIMIT_CONFLICT'], at: ['docker-compose.yml:13'] },
  { dir: 'CONF_VOLUME_NAMED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'CONF_VOLUME_NAMED'], at: ['docker-compose.yml:14'] },
  { dir: 'CONF_MOUNT_UNREADABLE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_LOAD_ERROR', 'CONF_FILE_REWRITTEN', 'CONF_MOUNT_UNREADABLE', 'ENTRYPOINT_REWRITE_FAILED'], at: ['docker-compose.yml:14'] },
  { dir: 'COMPOSE_CONFIG_IGNORED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_CONFIG_IGNORED', 'COMPOSE_CONFIG_IGNORED', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml:8', 'docker-compose.yml:16'] },
  { dir: 'IGNORED_CONFIG_REFUSED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_CONFIG_IGNORED', 'COMPOSE_CONFIG_IGNORED', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'IGNORED_CONFIG_REFUSED'], at: ['docker-compose.yml:16'] },
  { dir: 'CONFIG_MOUNT_READONLY', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_MOUNT_READONLY', 'CONFIG_MOUNT_READONLY', 'CONF_NOT_WRITABLE', 'CONF_NOT_WRITABLE'], at: ['docker-compose.yml:8', 'docker-compose.yml:16'] },
  { dir: 'CONFIG_MOUNT_SINGLE_FILE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_MOUNT_SINGLE_FILE', 'CONFIG_MOUNT_SINGLE_FILE', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml:8', 'docker-compose.yml:16'] },
  { dir: 'ENTRYPOINT_REWRITE_FAILED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_LOAD_ERROR', 'CONFIG_LOAD_ERROR', 'ENTRYPOINT_REWRITE_FAILED', 'ENTRYPOINT_REWRITE_FAILED'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'PREFIX_KEY_CONFLICT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_LOAD_ERROR', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'PREFIX_KEY_CONFLICT'], at: ['docker-compose.yml:8'] },
  { dir: 'PREFIX_KEY_DROPPED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'PREFIX_KEY_DROPPED'], at: ['docker-compose.yml:8'] },
  { dir: 'CONF_NOT_WRITABLE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_MOUNT_SINGLE_FILE', 'CONF_NOT_WRITABLE'], at: ['docker-compose.yml:8'] },
  { dir: 'CONF_FILE_REWRITTEN', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'CONF_OUTPUT_TRUNCATED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONFIG_LOAD_ERROR', 'CONFIG_LOAD_ERROR', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'CONF_OUTPUT_TRUNCATED', 'CONF_OUTPUT_TRUNCATED'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'FINAL_NEWLINE_MISSING', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['FINAL_NEWLINE_MISSING', 'FINAL_NEWLINE_MISSING', 'TM_REFUSED'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'SED_EDITED_OTHER_LINE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['SED_EDITED_OTHER_LINE', 'SED_EDITED_OTHER_LINE'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'RPC_ADDRESS_FROM_HOSTNAME', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['RPC_ADDRESS_FROM_HOSTNAME'], at: ['docker-compose.yml:2'] },
  { dir: 'SLOTS_VALUE_SPLIT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['SLOTS_VALUE_SPLIT'], at: ['docker-compose.yml:8'] },
  { dir: 'ENV_VAR_UNSET', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'ENV_VAR_UNSET'], at: ['docker-compose.yml:15'] },
  { dir: 'ENV_VAR_APPROXIMATE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'ENV_VAR_APPROXIMATE'], at: ['docker-compose.yml:15'] },
  { dir: 'ENV_VAR_NOT_SUBSTITUTED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'ENV_VAR_NOT_SUBSTITUTED', 'ENV_VAR_NOT_SUBSTITUTED'], at: ['docker-compose.yml:2', 'docker-compose.yml:10'] },
  { dir: 'FLINK_PROPERTIES_WHITESPACE_REMOVED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_WHITESPACE_REMOVED'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_NO_COLON', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_NO_COLON', 'TM_REFUSED'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_COMMENT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_COMMENT'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_NESTED_YAML', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_NESTED_YAML'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_EMPTY_VALUE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_EMPTY_VALUE'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_EMPTY_KEY', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_EMPTY_KEY'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_QUOTED_VALUE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_QUOTED_VALUE', 'TM_REFUSED'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_VALUE_LOST', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_VALUE_LOST'], at: ['docker-compose.yml:15'] },
  { dir: 'FLINK_PROPERTIES_VALUE_SPLIT', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'FLINK_PROPERTIES_VALUE_SPLIT'], at: ['docker-compose.yml:16'] },
  // the project model: how deployments are found and which services run Flink
  { dir: 'SERVICE_DETECTED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'SERVICE_DETECTED', 'SERVICE_DETECTED'], at: ['docker-compose.yml:4', 'docker-compose.yml:11'] },
  { dir: 'SERVICE_INACTIVE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'SERVICE_INACTIVE'], at: ['docker-compose.yml:13'] },
  { dir: 'DOCKERFILE_NOT_READ', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'DOCKERFILE_NOT_READ'], at: ['docker-compose.yml:5'] },
  { dir: 'COMPOSE_NO_FLINK', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_NO_FLINK'], at: ['docker-compose.yml'] },
  { dir: 'SERVICE_LIMIT_MISSING', mode: 'check', inputs: ['docker-compose.yml'], preset: 'gcp-e2-small', codes: ['BUDGET_EXCEEDED', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'MANAGED_MEMORY_UNUSED', 'SERVICE_LIMIT_MISSING'], at: ['docker-compose.yml:20'] },
  // no deployment is found in these, so they run as `check` does (explain needs one to show)
  { dir: 'NOT_FLINK_CONFIG', mode: 'check', inputs: ['config.yaml'], codes: ['NOT_FLINK_CONFIG'], at: ['config.yaml'] },
  { dir: 'NO_DEPLOYMENT_FOUND', mode: 'check', inputs: ['sql'], codes: ['NO_DEPLOYMENT_FOUND'], at: ['sql'] },
  { dir: 'MANIFEST_TEMPLATE_SKIPPED', mode: 'check', inputs: ['chart'], codes: ['MANIFEST_TEMPLATE_SKIPPED'], at: ['chart/templates/flinkdeployment.yaml'] },
  { dir: 'KUSTOMIZE_PATCH_SKIPPED', mode: 'check', inputs: ['.'], codes: ['KUSTOMIZE_PATCH_SKIPPED'], at: ['overlay/more-taskmanagers.yaml'] },
  { dir: 'CONFIG_CHECKED_WITH_COMPOSE', mode: 'explain', inputs: ['conf/config.yaml'], codes: ['CONFIG_CHECKED_WITH_COMPOSE', 'CONFIG_MOUNT_SINGLE_FILE', 'CONFIG_MOUNT_SINGLE_FILE', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN', 'VERSION_ASSUMED'], at: ['conf/config.yaml'] },
  { dir: 'COMPOSE_FILE_SHADOWED', mode: 'explain', inputs: ['.'], codes: ['COMPOSE_FILE_SHADOWED', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml'] },
  // the Compose project loader: what Compose itself refuses or warns about
  { dir: 'COMPOSE_TOO_LARGE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_TOO_LARGE'], at: ['docker-compose.yml'] },
  { dir: 'COMPOSE_INVALID', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_INVALID'], at: ['docker-compose.yml:8'] },
  { dir: 'COMPOSE_ENV_FILE_INVALID', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_ENV_FILE_INVALID'], at: ['.env:3'] },
  { dir: 'COMPOSE_ENV_FILE_MISSING', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_ENV_FILE_MISSING', 'COMPOSE_ENV_FILE_MISSING'], at: ['docker-compose.yml:7', 'docker-compose.yml:14'] },
  { dir: 'COMPOSE_ENV_FILE_SKIPPED', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_ENV_FILE_SKIPPED', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['docker-compose.yml:7'] },
  { dir: 'COMPOSE_OVERRIDE_MULTIPLE', mode: 'explain', inputs: ['docker-compose.yml'], codes: ['COMPOSE_OVERRIDE_MULTIPLE', 'CONF_FILE_REWRITTEN', 'CONF_FILE_REWRITTEN'], at: ['compose.override.yml'] },
  // Flink Kubernetes Operator manifests (src/core/k8s)
  { dir: 'K8S_MEMORY_UNIT_TRAP', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_MEMORY_UNIT_TRAP'], at: ['flinkdeployment.yaml:17'] },
  { dir: 'K8S_MEMORY_REFUSED', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_MEMORY_REFUSED'], at: ['flinkdeployment.yaml:17'] },
  { dir: 'K8S_MEMORY_KEY_OVERRIDDEN', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_MEMORY_KEY_OVERRIDDEN'], at: ['flinkdeployment.yaml:11'] },
  { dir: 'K8S_LIMIT_FACTOR_ABOVE_ONE', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_LIMIT_FACTOR_ABOVE_ONE'], at: ['flinkdeployment.yaml:11'] },
  { dir: 'K8S_LIMIT_FACTOR_BELOW_ONE', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_LIMIT_FACTOR_BELOW_ONE'], at: ['flinkdeployment.yaml:11'] },
  { dir: 'K8S_FLINK_VERSION_REFUSED', mode: 'explain', inputs: ['flinkdeployment.yaml'], operatorVersion: '1.12', codes: ['K8S_FLINK_VERSION_REFUSED'], at: ['flinkdeployment.yaml:7'] },
  { dir: 'K8S_FLINK_VERSION_IMAGE_MISMATCH', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_FLINK_VERSION_IMAGE_MISMATCH'], at: ['flinkdeployment.yaml:7'] },
  { dir: 'K8S_FLINK_VERSION_NOT_MODELLED', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_FLINK_VERSION_NOT_MODELLED'], at: ['flinkdeployment.yaml:7'] },
  { dir: 'K8S_PARALLELISM_ABOVE_SLOTS', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_PARALLELISM_ABOVE_SLOTS'], at: ['flinkdeployment.yaml:22'] },
  { dir: 'K8S_JOBMANAGER_HA_MISSING', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_JOBMANAGER_HA_MISSING'], at: ['flinkdeployment.yaml:12'] },
  { dir: 'K8S_AUTOSCALER_MEMORY_TUNING', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_AUTOSCALER_MEMORY_TUNING'], at: ['flinkdeployment.yaml:12'] },
  { dir: 'K8S_BELOW_MINIMUM', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_BELOW_MINIMUM'], at: ['flinkdeployment.yaml:12'] },
  { dir: 'K8S_VALIDATION_ERROR', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_VALIDATION_ERROR'], at: ['flinkdeployment.yaml:5'] },
  { dir: 'K8S_RESOURCES_UNRELEASED', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_RESOURCES_UNRELEASED'], at: ['flinkdeployment.yaml:16'] },
  { dir: 'K8S_RESOURCE_IGNORED', mode: 'explain', inputs: ['flinkdeployment.yaml'], operatorVersion: 'main', codes: ['K8S_RESOURCE_IGNORED'], at: ['flinkdeployment.yaml:15'] },
  { dir: 'K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_POD_TEMPLATE_RESOURCES_OVERRIDDEN'], at: ['flinkdeployment.yaml:23'] },
  { dir: 'K8S_SESSION_JOB', mode: 'explain', inputs: ['flinkdeployment.yaml'], codes: ['K8S_SESSION_JOB'], at: ['flinkdeployment.yaml:25'] },
  { dir: 'K8S_POD_UNSCHEDULABLE', mode: 'check', inputs: ['flinkdeployment.yaml'], nodePreset: 'k8s-4g', nodes: 1, codes: ['K8S_POD_UNSCHEDULABLE'], at: ['flinkdeployment.yaml:1'] },
  { dir: 'K8S_SCHEDULE_FITS', mode: 'check', inputs: ['flinkdeployment.yaml'], nodePreset: 'k8s-8g', codes: ['K8S_SCHEDULE_FITS'], at: ['flinkdeployment.yaml:1'] },
];

/**
 * Codes no file can make flinkfit report, each with the reason. Empty today: every code has a
 * fixture. A code goes here only when it truly cannot come from a config or compose file.
 */
export const NOT_FROM_FILES: Partial<Record<DiagnosticCode, string>> = {
  FLINK_VERSION_UNSUPPORTED: 'a version given to the library loaders, not found in a file; the command line exits 2 for it instead',
};

export function codeOf(c: FindingCase): DiagnosticCode {
  return c.dir.split('/')[0] as DiagnosticCode;
}
