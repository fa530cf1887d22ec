// The official `flink` Docker image: which Flink release line a tag runs, and the environment a
// container of it starts with (the Dockerfile's ENV plus what Docker and the entrypoint add).

import { FLINK_LINES, type FlinkLine } from '../versions.js';
import { NEWEST_PUBLISHED_LINE } from '../images.js';

export interface ImageRef {
  /** the reference as written, e.g. `flink:1.20.1-scala_2.12-java17` */
  ref: string;
  /** registry/namespace/name without tag or digest, e.g. `flink`, `apache/flink` */
  repository: string;
  tag: string | null;
  digest: string | null;
}

export type ImageLine =
  | { kind: 'line'; line: FlinkLine; version: string | null; fromTag: boolean }
  | { kind: 'unsupported'; version: string; /** newer than every line flinkfit knows: unknown, not wrong */ newer: boolean }
  | { kind: 'unknown'; reason: 'not-flink' | 'no-version' };

export function parseImageRef(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // a ':' after the last '/' starts the tag (an earlier one is a registry port)
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  const tag = colon >= 0 ? rest.slice(colon + 1) : null;
  const repository = colon >= 0 ? rest.slice(0, colon) : rest;
  return { ref, repository, tag, digest };
}

/**
 * `official`: Docker Hub's `flink` or `apache/flink`; `assumed`: another registry's or namespace's
 * `.../flink`, taken to be a mirror of it; `other`: anything else (bitnami/flink has its own
 * entrypoint).
 */
export function flinkRepositoryKind(repository: string): 'official' | 'assumed' | 'other' {
  const r = repository.toLowerCase();
  if (/^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/flink|flink|apache\/flink)$/.test(r)) {
    return 'official';
  }
  if (r.split('/').pop() !== 'flink' || /(?:^|\/)bitnami(?:charts)?\/flink$/.test(r)) return 'other';
  return 'assumed';
}

/**
 * The release line an image runs: `flink:1.20.1-scala_2.12-java17` and `flink:1.20` are 1.20;
 * `flink`, `flink:latest` and tags without a version (`flink:scala_2.12-java17`, `flink:java17`)
 * are the newest release, taken here as the newest line with a published image (images.ts).
 */
export function imageFlinkLine(image: ImageRef): ImageLine {
  if (flinkRepositoryKind(image.repository) === 'other') return { kind: 'unknown', reason: 'not-flink' };
  const tag = image.tag;
  if (tag === null || tag === '' || tag === 'latest' || /^(?:scala_[\d.]+)?-?(?:java\d+)?$/.test(tag)) {
    if (tag === null && image.digest !== null) return { kind: 'unknown', reason: 'no-version' };
    return { kind: 'line', line: NEWEST_PUBLISHED_LINE, version: null, fromTag: false };
  }
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:-|$)/.exec(tag);
  if (m === null) return { kind: 'unknown', reason: 'no-version' };
  const line = `${Number(m[1])}.${Number(m[2])}`;
  const version = m[3] === undefined ? null : `${line}.${Number(m[3])}`;
  if (!(FLINK_LINES as readonly string[]).includes(line)) {
    const newest = FLINK_LINES[FLINK_LINES.length - 1]!;
    const [a, b] = newest.split('.').map(Number) as [number, number];
    const newer = Number(m[1]) > a || (Number(m[1]) === a && Number(m[2]) > b);
    return { kind: 'unsupported', version: version ?? line, newer };
  }
  return { kind: 'line', line: line as FlinkLine, version, fromTag: true };
}

/** Where a variable of the container's environment comes from, for envsubst's purposes. */
export interface ContainerVariable {
  value: string;
  /** true when the value depends on the host, architecture or exact image build */
  approximate: boolean;
}

/**
 * Variables every container of the image has besides the service's `environment`: the
 * Dockerfile's ENV, HOSTNAME/HOME from Docker, LD_PRELOAD exported by the entrypoint (jemalloc).
 * From 2.0 the image runs as user `flink`, whose home is /opt/flink.
 */
export function imageEnvironment(line: FlinkLine, hostname: string): Record<string, ContainerVariable> {
  const exact = (value: string): ContainerVariable => ({ value, approximate: false });
  const approx = (value: string): ContainerVariable => ({ value, approximate: true });
  return {
    FLINK_HOME: exact('/opt/flink'),
    JAVA_HOME: exact('/opt/java/openjdk'),
    LANG: exact('en_US.UTF-8'),
    LANGUAGE: exact('en_US:en'),
    LC_ALL: exact('en_US.UTF-8'),
    CHECK_GPG: exact('true'),
    HOSTNAME: approx(hostname),
    HOME: exact(line.startsWith('1.') ? '/root' : '/opt/flink'),
    PATH: approx('/opt/flink/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'),
    LD_PRELOAD: approx(':/usr/lib/x86_64-linux-gnu/libjemalloc.so'),
    JAVA_VERSION: approx(''),
    FLINK_TGZ_URL: approx(''),
    FLINK_ASC_URL: approx(''),
    GPG_KEY: approx(''),
  };
}
