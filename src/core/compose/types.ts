// The Compose service as flinkfit models it: what a container runs (image, build, command), the
// environment it gets, what is mounted over Flink's conf directory, replicas and memory limits —
// each value with the file and line it came from, since overrides and env files spread a service
// over several files.
import type { FlinkLine } from '../versions.js';
import type { ImageRef } from '../docker/image.js';

export type ComposeSeverity = 'error' | 'warning' | 'info';

export type ComposeCode =
  | 'COMPOSE_YAML_INVALID'
  | 'COMPOSE_NO_SERVICES'
  | 'COMPOSE_INTERPOLATION_INVALID'
  | 'COMPOSE_VARIABLE_REQUIRED'
  | 'COMPOSE_VARIABLE_UNSET'
  | 'COMPOSE_VALUE_INVALID'
  | 'COMPOSE_TOO_LARGE'
  | 'COMPOSE_FILE_MISSING'
  | 'COMPOSE_NO_FLINK'
  | 'IMAGE_ASSUMED_OFFICIAL'
  | 'IMAGE_NO_TAG'
  | 'IMAGE_LATEST'
  | 'IMAGE_VERSION_UNKNOWN'
  | 'IMAGE_LINE_UNSUPPORTED'
  | 'IMAGE_RELEASE_UNKNOWN'
  | 'IMAGE_LINE_OLD'
  | 'IMAGE_UNMODELLED'
  | 'SERVICE_DETECTED'
  | 'SERVICE_INACTIVE'
  | 'TASKMANAGER_RPC_ADDRESS_MISSING'
  | 'ROLE_UNKNOWN'
  | 'COMMAND_MISSING'
  | 'ENTRYPOINT_OVERRIDDEN'
  | 'DOCKERFILE_NOT_READ'
  | 'FLINK_CONF_DIR_SET'
  | 'FLINK_HOME_MOUNTED'
  | 'REPLICAS_CONFLICT'
  | 'MEM_LIMIT_CONFLICT'
  | 'CONF_VOLUME_NAMED'
  | 'CONF_MOUNT_UNREADABLE'
  | 'COMPOSE_CONFIG_IGNORED'
  | 'CONFIG_MOUNT_SINGLE_FILE'
  | 'CONFIG_MOUNT_READONLY';

/** A finding about a compose project; `path` is the YAML path, e.g. services.jm.environment. */
export interface ComposeDiagnostic {
  code: ComposeCode;
  severity: ComposeSeverity;
  message: string;
  file: string;
  line?: number;
  path?: string;
  service?: string;
  /** the Flink key concerned, if any */
  key?: string;
}

/** The Flink process a service runs, from its command (or entrypoint script). */
export type FlinkRole = 'jobmanager' | 'taskmanager' | 'standalone-job' | 'history-server' | 'sql-gateway' | 'cluster' | 'client';

export interface Located<T> {
  value: T;
  line: number;
  /** the file the value was written in (a compose file, an override, an env file) */
  file: string;
}

export interface ServiceImage extends ImageRef {
  line: number;
  file: string;
  /** the Flink release line the image runs (the modelled line for old releases); null when unknown */
  flinkLine: FlinkLine | null;
  /** the exact release when the tag names one (`1.20.1`), else the line the tag names, or null */
  flinkVersion: string | null;
}

/** Something mounted at or inside the conf directory. */
export interface ConfMount {
  /** bind: a host path; volume: a named or anonymous volume; config: a compose `configs` entry */
  kind: 'bind' | 'volume' | 'config';
  /** host path (bind; absolute once loaded), volume name ('' when anonymous) or config source */
  source: string;
  /** the source as the user wrote it, for messages */
  written: string;
  target: string;
  /** null: the whole conf directory; else the file name inside it */
  file: string | null;
  readOnly: boolean;
  line: number;
  from: string;
  /** a config given inline (`configs: x: content: ...`) */
  content?: string;
}

export interface ServiceBuild {
  context: string;
  dockerfile: string;
  args: Record<string, string>;
  line: number;
  file: string;
}

export interface ComposeService {
  name: string;
  line: number;
  /** the file that defines the service (the first one that names it) */
  file: string;
  image: ServiceImage | null;
  build: ServiceBuild | null;
  command: Located<string[]> | null;
  entrypoint: Located<string[]> | null;
  hostname: Located<string> | null;
  /** every variable the container gets (environment over env_file, values interpolated) */
  environment: Record<string, Located<string>>;
  /** where FLINK_PROPERTIES is named, and the line its first text line stands on */
  flinkProperties: (Located<string> & { firstLine: number }) | null;
  /** the directory the image's Flink reads its configuration from */
  confDir: string;
  confMounts: ConfMount[];
  replicas: (Located<number> & { from: 'deploy.replicas' | 'scale' }) | null;
  memLimit: (Located<bigint> & { text: string; from: 'mem_limit' | 'deploy.resources.limits.memory' }) | null;
  profiles: string[];
  /** services this one waits for, with the condition (service_started unless said) */
  dependsOn: Record<string, string>;
  /** false when the service's profiles are not enabled: Compose does not start it */
  active: boolean;
}
