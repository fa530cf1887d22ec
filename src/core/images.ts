// Which releases of the official `flink` Docker image exist. `generate` pins only these, so the
// files it writes pull on the first try; `check` treats a tag newer than this table as unknown
// rather than wrong. Pure data, refreshed by hand from the source below.
import { FLINK_LINES, type FlinkLine } from './versions.js';

/**
 * Source: the release Dockerfiles of apache/flink-docker (`<line>/scala_2.12-java<N>-ubuntu/Dockerfile`,
 * each naming the `flink-<version>-bin` it installs), read through the git history of its master
 * branch: every version a Dockerfile ever installed for the lines flinkfit models. Every one of them
 * has Java 17 variants, so `flink:<version>-java17` exists for each.
 */
export const IMAGE_TABLE_SOURCE = {
  repository: 'https://github.com/apache/flink-docker',
  commit: '983be3455636eb12cd1d3dee1efc8e32c4b875db',
  /** the date of that commit, the newest in the snapshot read */
  date: '2026-05-13',
} as const;

/** Published image releases per release line, oldest first. An empty list: no image yet. */
export const PUBLISHED_IMAGES: Readonly<Record<FlinkLine, readonly string[]>> = {
  '1.18': ['1.18.0', '1.18.1'],
  '1.19': ['1.19.0', '1.19.1', '1.19.2', '1.19.3'],
  '1.20': ['1.20.0', '1.20.1', '1.20.2', '1.20.3', '1.20.4'],
  '2.0': ['2.0.0', '2.0.1', '2.0.2'],
  '2.1': ['2.1.0', '2.1.1', '2.1.2'],
  '2.2': ['2.2.0', '2.2.1'],
  '2.3': [],
};

/** The newest published image release of a line, or null when the line has none yet. */
export function newestPublishedImage(line: FlinkLine): string | null {
  const list = PUBLISHED_IMAGES[line];
  return list.length > 0 ? list[list.length - 1]! : null;
}

/** The newest line with a published image: what `flink:latest` runs and `generate`'s default. */
export const NEWEST_PUBLISHED_LINE: FlinkLine = [...FLINK_LINES].reverse().find((l) => newestPublishedImage(l) !== null)!;

/** Whether an official image of exactly this release is in the table. */
export function isPublishedImage(version: string): boolean {
  return Object.values(PUBLISHED_IMAGES).some((list) => list.includes(version));
}

/** The image tag flinkfit pins for a release: `flink:<release>-java17` (both Java and Flink pinned). */
export function imageTagFor(version: string): string {
  return `flink:${version}-java17`;
}

/** A sentence for when a line has no published image yet, with what to do instead. */
export function noPublishedImageMessage(line: FlinkLine): string {
  return (
    `no official flink image of Flink ${line} is published yet (apache/flink-docker as of ${IMAGE_TABLE_SOURCE.date}); ` +
    `pass --image REF to use an image of your own, or --flink-version ${NEWEST_PUBLISHED_LINE}, the newest with an image`
  );
}
