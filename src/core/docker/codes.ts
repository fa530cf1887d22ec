// One documented entry per diagnostic code of the Docker layer (the image entrypoint and the
// compose reader); typed as exhaustive records so a new code without an entry fails the type check.

import type { ComposeCode, ComposeSeverity } from '../compose/types.js';
import type { EntrypointCode, EntrypointSeverity } from './entrypoint.js';

export interface CodeInfo<S> {
  severity: S;
  title: string;
  description: string;
}

export const ENTRYPOINT_CODES: Readonly<Record<EntrypointCode, CodeInfo<EntrypointSeverity>>> = {
  ENTRYPOINT_REWRITE_FAILED: {
    severity: 'error',
    title: 'Flink failed while the entrypoint rewrote the configuration',
    description:
      'From 1.19 the entrypoint has Flink load the conf directory and print it back. When that fails (invalid YAML, duplicate keys, no config file), the script writes the error output into the config file; the container starts and Flink then fails on that file.',
  },
  PREFIX_KEY_CONFLICT: {
    severity: 'error',
    title: 'A key is a prefix of another: Flink cannot write config.yaml',
    description:
      "Rewriting config.yaml nests dotted keys. If 'a.b' holds a value and 'a.b.c' comes later in Flink's HashMap order, Flink throws ClassCastException and the error output replaces config.yaml.",
  },
  PREFIX_KEY_DROPPED: {
    severity: 'warning',
    title: 'A key is silently lost when config.yaml is rewritten',
    description:
      "If 'a.b.c' is nested before 'a.b' in Flink's HashMap order, the value of 'a.b' replaces the map holding 'a.b.c', which disappears from the rewritten file.",
  },
  CONF_NOT_WRITABLE: {
    severity: 'warning',
    title: 'The entrypoint cannot write the config file',
    description:
      'The file or its directory is mounted read-only (or, in 1.18, mounted as a single file that sed -i and mv cannot replace). jobmanager.rpc.address, the ports, slots and FLINK_PROPERTIES are then not applied and Flink runs the file as mounted.',
  },
  CONF_FILE_REWRITTEN: {
    severity: 'info',
    title: 'The config file is rewritten on every start',
    description:
      'From 1.19 the whole file is replaced by what Flink prints: comments and key order are lost, and values set through the entrypoint are strings.',
  },
  CONF_OUTPUT_TRUNCATED: {
    severity: 'warning',
    title: "Flink's output was cut to its last 1000 lines",
    description: "bash-java-utils.sh pipes Flink's output through `tail -n 1000`; a longer configuration loses its beginning.",
  },
  FINAL_NEWLINE_MISSING: {
    severity: 'warning',
    title: 'The first appended line is glued onto the last line (1.18)',
    description:
      'flink-conf.yaml does not end with a newline, so the first line the entrypoint appends joins the last line of the file and both are misread.',
  },
  SED_EDITED_OTHER_LINE: {
    severity: 'info',
    title: "The entrypoint's sed also edits a comment or another line (1.18)",
    description: "The substitution is not anchored: every line containing 'key:' is rewritten from there on, comments included.",
  },
  RPC_ADDRESS_FROM_HOSTNAME: {
    severity: 'info',
    title: "jobmanager.rpc.address is the container's hostname",
    description: 'Without JOB_MANAGER_RPC_ADDRESS the entrypoint uses `hostname -f` of the container.',
  },
  SLOTS_VALUE_SPLIT: {
    severity: 'warning',
    title: 'TASK_MANAGER_NUMBER_OF_TASK_SLOTS is cut at whitespace',
    description: 'The variable is expanded unquoted, so only its first word reaches taskmanager.numberOfTaskSlots.',
  },
  ENV_VAR_UNSET: {
    severity: 'warning',
    title: 'A $VARIABLE is not set in the container',
    description: 'envsubst replaces references to unset variables with nothing.',
  },
  ENV_VAR_APPROXIMATE: {
    severity: 'info',
    title: 'A $VARIABLE comes from the image or Docker',
    description: 'Its value (hostname, PATH, LD_PRELOAD, image build details) depends on the host or the exact image.',
  },
  ENV_VAR_NOT_SUBSTITUTED: {
    severity: 'warning',
    title: 'A $VARIABLE in the config file stays literal (1.19+)',
    description:
      "1.18's entrypoint ran envsubst over flink-conf.yaml; from 1.19 only FLINK_PROPERTIES values are substituted, so Flink reads the text with the dollar sign.",
  },
  FLINK_PROPERTIES_WHITESPACE_REMOVED: {
    severity: 'warning',
    title: 'FLINK_PROPERTIES values lose their whitespace (1.19+)',
    description: 'Every whitespace character of each line is deleted: `-Xms1g -Xss1m` becomes `-Xms1g-Xss1m`.',
  },
  FLINK_PROPERTIES_NO_COLON: {
    severity: 'warning',
    title: "A FLINK_PROPERTIES line has no ':' (1.19+) or no ': ' (1.18)",
    description:
      "1.19+ sets the whole line as a key with an empty value (`key=value` gives key 'key' the value 'value='); 1.18's flat reader skips the line.",
  },
  FLINK_PROPERTIES_COMMENT: {
    severity: 'warning',
    title: 'A comment in FLINK_PROPERTIES becomes a key (1.19+)',
    description: "The entrypoint does not skip '#' lines: `# note` sets a key '#note'.",
  },
  FLINK_PROPERTIES_NESTED_YAML: {
    severity: 'warning',
    title: 'Nested YAML in FLINK_PROPERTIES',
    description:
      'Lines are read one by one: `taskmanager:` sets taskmanager to an empty value and each indented line becomes a top-level key, which can drop keys or break config.yaml.',
  },
  FLINK_PROPERTIES_EMPTY_VALUE: {
    severity: 'warning',
    title: 'A FLINK_PROPERTIES key is set to an empty value',
    description: 'The key is written with an empty string, which Flink may reject when it reads the option.',
  },
  FLINK_PROPERTIES_EMPTY_KEY: {
    severity: 'warning',
    title: "A FLINK_PROPERTIES line has nothing before ':'",
    description: 'Flink receives -D=value, which its command line parser reads as the key value set to true.',
  },
  FLINK_PROPERTIES_QUOTED_VALUE: {
    severity: 'warning',
    title: 'Quotes in FLINK_PROPERTIES stay part of the value',
    description: "The entrypoint does not parse YAML: `key: '1g'` sets the value '1g' with its quotes.",
  },
  FLINK_PROPERTIES_VALUE_LOST: {
    severity: 'warning',
    title: "A FLINK_PROPERTIES value is taken as an option of 'echo'",
    description: 'The values -n, -e, -E (and combinations) vanish in `echo $value`.',
  },
  FLINK_PROPERTIES_VALUE_SPLIT: {
    severity: 'warning',
    title: 'A substituted FLINK_PROPERTIES value contains whitespace',
    description: "Flink's start script re-splits the -D arguments at whitespace; only the first word is kept.",
  },
};

export const COMPOSE_CODES: Readonly<Record<ComposeCode, CodeInfo<ComposeSeverity>>> = {
  COMPOSE_YAML_INVALID: { severity: 'error', title: 'The compose file is not valid YAML', description: 'Compose cannot read the file.' },
  COMPOSE_NO_SERVICES: { severity: 'error', title: "The compose file has no 'services'", description: 'There is nothing to check.' },
  COMPOSE_INTERPOLATION_INVALID: {
    severity: 'error',
    title: 'A ${...} reference is malformed',
    description: 'Compose refuses the file; write $$ for a literal dollar sign.',
  },
  COMPOSE_VARIABLE_REQUIRED: {
    severity: 'error',
    title: 'A required variable (${VAR:?message}) is not set',
    description: 'Compose refuses to start the services.',
  },
  COMPOSE_VARIABLE_UNSET: {
    severity: 'warning',
    title: 'A variable used in the compose file is not set',
    description: 'Compose substitutes an empty string. A literal $ (also in FLINK_PROPERTIES) must be written $$.',
  },
  COMPOSE_VALUE_INVALID: { severity: 'error', title: 'A value Compose cannot read', description: 'For example a memory limit that is not a size.' },
  COMPOSE_TOO_LARGE: { severity: 'error', title: 'A compose file expands beyond what flinkfit reads', description: 'Anchors, aliases and merge keys would expand it past flinkfit\'s limits; it is not read.' },
  COMPOSE_FILE_MISSING: { severity: 'error', title: 'A compose file of the project is missing', description: 'A file named with --compose-file, include or extends cannot be read; Compose refuses the project.' },
  COMPOSE_NO_FLINK: { severity: 'info', title: 'A compose project without Flink', description: 'No service runs a Flink image or starts a Flink process; the project is skipped, and no budget is claimed for it.' },
  IMAGE_LINE_OLD: { severity: 'info', title: 'A Flink release older than the modelled lines', description: 'flinkfit models Flink 1.18 and later. An image of 1.10–1.17 is read as 1.18, which reads the same flink-conf.yaml with the same memory model; every number is labelled approximate.' },
  IMAGE_UNMODELLED: { severity: 'info', title: 'An image whose start-up flinkfit does not model', description: 'For example Bitnami\'s flink image (its own scripts and conf directory) or an image whose Flink version cannot be told. Only the config files mounted into it are analysed; no image default is stated as fact.' },
  SERVICE_DETECTED: { severity: 'info', title: 'A service found to run Flink', description: 'Which process it runs (JobManager, TaskManager, both with start-cluster.sh, or another Flink process), which Flink release, and the rule that decided: the image or the FROM of its Dockerfile, and its command or entrypoint. Service names are never used.' },
  SERVICE_INACTIVE: { severity: 'info', title: 'A Flink service whose profile is not enabled', description: 'Compose does not start a service whose profiles are all disabled; pass --profile to check it.' },
  DOCKERFILE_NOT_READ: { severity: 'info', title: 'The Dockerfile of a build service cannot be read', description: 'Its base image, and so its Flink release, are unknown.' },
  IMAGE_ASSUMED_OFFICIAL: {
    severity: 'info',
    title: 'An image named flink from another registry or namespace',
    description: 'It is taken to be a mirror of the official image.',
  },
  IMAGE_NO_TAG: {
    severity: 'warning',
    title: 'The image tag names no Flink version',
    description: 'Tags such as scala_2.12-java17 follow the newest release; the newest line with a published official image is assumed.',
  },
  IMAGE_LATEST: {
    severity: 'warning',
    title: 'flink or flink:latest',
    description: 'The Flink release changes when the image is pulled again; the newest line with a published official image is assumed.',
  },
  IMAGE_VERSION_UNKNOWN: { severity: 'warning', title: 'The Flink version cannot be read from the tag', description: 'Pass the version explicitly.' },
  IMAGE_LINE_UNSUPPORTED: { severity: 'warning', title: 'A Flink release flinkfit does not model', description: 'flinkfit models 1.18 to 2.3, and 1.10–1.17 approximately (read as 1.18). Older or unknown newer releases get no memory numbers.' },
  IMAGE_RELEASE_UNKNOWN: {
    severity: 'warning',
    title: 'A Flink release newer than flinkfit knows',
    description: 'The tag names a release line newer than any flinkfit models. It is not wrong, only unknown: its memory is not computed unless --flink-version names a modelled line to read it as.',
  },
  ROLE_UNKNOWN: { severity: 'info', title: 'No service runs a JobManager (or a TaskManager)', description: 'By image and command, no service of the compose project starts that Flink process; the deployment is checked without it. Service names are never taken as evidence.' },
  COMMAND_MISSING: {
    severity: 'warning',
    title: 'No command',
    description: "The flink image's default command is `help`: the container prints usage and exits.",
  },
  ENTRYPOINT_OVERRIDDEN: {
    severity: 'warning',
    title: "The image's entrypoint is replaced",
    description: 'docker-entrypoint.sh does not run, so neither FLINK_PROPERTIES nor the rpc address and ports are applied.',
  },
  TASKMANAGER_RPC_ADDRESS_MISSING: {
    severity: 'warning',
    title: 'A TaskManager without the JobManager address',
    description:
      'Without JOB_MANAGER_RPC_ADDRESS or jobmanager.rpc.address in FLINK_PROPERTIES the entrypoint sets the TaskManager\'s own hostname, and it never finds the JobManager.',
  },
  FLINK_CONF_DIR_SET: {
    severity: 'warning',
    title: 'FLINK_CONF_DIR points elsewhere',
    description: 'Flink reads FLINK_CONF_DIR, but the entrypoint prepares $FLINK_HOME/conf.',
  },
  FLINK_HOME_MOUNTED: { severity: 'warning', title: "A mount covers Flink's installation", description: 'The conf directory comes from the mount, with everything else.' },
  REPLICAS_CONFLICT: { severity: 'error', title: 'scale and deploy.replicas differ', description: 'Compose refuses different values.' },
  MEM_LIMIT_CONFLICT: { severity: 'error', title: 'mem_limit and deploy.resources.limits.memory differ', description: 'Compose refuses different values.' },
  CONF_VOLUME_NAMED: {
    severity: 'warning',
    title: 'A named or anonymous volume holds the conf directory',
    description: "Docker copies the image's files into it once; the entrypoint's rewrites then accumulate across restarts.",
  },
  CONF_MOUNT_UNREADABLE: { severity: 'error', title: 'The contents of a mounted path are not known', description: 'The caller did not provide the mounted files.' },
  COMPOSE_CONFIG_IGNORED: {
    severity: 'error',
    title: "A mounted config file this Flink version does not read",
    description: "1.18 reads only flink-conf.yaml, 2.x only config.yaml: the mounted file is ignored and the image's configuration runs.",
  },
  CONFIG_MOUNT_READONLY: {
    severity: 'error',
    title: 'A read-only config mount the entrypoint must rewrite',
    description: 'The entrypoint cannot write what it prepares (rpc address, ports, FLINK_PROPERTIES); see CONF_NOT_WRITABLE.',
  },
  CONFIG_MOUNT_SINGLE_FILE: {
    severity: 'warning',
    title: 'A single config file bind-mounted into the conf directory',
    description:
      'The entrypoint edits the file at every start, so its changes land in the source file on the host; in 1.18 sed -i and mv cannot replace it, so only appends happen.',
  },
};
