// Flink release lines that flinkfit models. Results are identical within 1.18-1.20 and within
// 2.0-2.3 for memory; config file handling differs per line (see conf/).

export const FLINK_LINES = ['1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;
export type FlinkLine = (typeof FLINK_LINES)[number];

/** The newest supported line: the default when no version is given, and what `flink:latest` runs. */
export const DEFAULT_FLINK_LINE: FlinkLine = '2.3';

/** The release of each line that the shared vectors were computed with (and images we pin). */
export const LATEST_PATCH: Readonly<Record<FlinkLine, string>> = {
  '1.18': '1.18.1',
  '1.19': '1.19.3',
  '1.20': '1.20.5',
  '2.0': '2.0.2',
  '2.1': '2.1.3',
  '2.2': '2.2.1',
  '2.3': '2.3.0',
};

export type VersionResult =
  | { ok: true; line: FlinkLine; version: string }
  | { ok: false; message: string };

/** Accepts "1.20", "1.20.3", "2.0.0", "v2.1"; picks the release line. */
const versionCache = new Map<string, VersionResult>();

export function parseFlinkVersion(text: string | undefined): VersionResult {
  const key = text ?? '';
  let r = versionCache.get(key);
  if (r === undefined) {
    r = parseVersionText(text);
    if (versionCache.size < 256) versionCache.set(key, r);
  }
  return r;
}

function parseVersionText(text: string | undefined): VersionResult {
  if (text === undefined || text.trim() === '') {
    return { ok: true, line: DEFAULT_FLINK_LINE, version: LATEST_PATCH[DEFAULT_FLINK_LINE] };
  }
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) {
    return {
      ok: false,
      message: `'${text}' is not a Flink version; use a release line such as ${FLINK_LINES.join(', ')}`,
    };
  }
  const line = `${Number(m[1])}.${Number(m[2])}`;
  if (!(FLINK_LINES as readonly string[]).includes(line)) {
    return {
      ok: false,
      message: `Flink ${text} is not supported; supported release lines: ${FLINK_LINES.join(', ')}`,
    };
  }
  const l = line as FlinkLine;
  return { ok: true, line: l, version: m[3] === undefined ? LATEST_PATCH[l] : `${line}.${Number(m[3])}` };
}

/** Flink 1.x and 2.x differ in legacy keys and config files. */
export function majorOf(line: FlinkLine): 1 | 2 {
  return line.startsWith('1.') ? 1 : 2;
}

export function compareLines(a: FlinkLine, b: FlinkLine): number {
  return FLINK_LINES.indexOf(a) - FLINK_LINES.indexOf(b);
}
