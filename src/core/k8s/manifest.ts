// Reads Kubernetes manifests (one or many YAML documents: a file, `kustomize build` or `helm
// template` output) and picks out the Flink Kubernetes Operator's custom resources
// (apiVersion flink.apache.org/*, kind FlinkDeployment or FlinkSessionJob), keeping where each
// field was written so findings can point at its line. Pure: the caller reads the file.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import { parseYamlSafe, toJsSafe } from '../yaml-safe.js';

export type FlinkResourceKind = 'FlinkDeployment' | 'FlinkSessionJob';

export interface ManifestResource {
  kind: FlinkResourceKind;
  apiVersion: string;
  name: string;
  namespace: string | undefined;
  /** the document as plain data */
  data: Record<string, unknown>;
  /** 1-based line of the document's first key */
  line: number;
  /** 1-based line of a field (its key), or of the nearest enclosing field that exists */
  lineOf(path: readonly (string | number)[]): number;
}

export interface ManifestRead {
  resources: ManifestResource[];
  /** kinds of the other documents, for a note ("also: Service, ConfigMap") */
  others: string[];
  /** YAML syntax problems: message and line */
  errors: Array<{ message: string; line: number }>;
}

export { looksLikeFlinkManifest } from './detect.js';

function keyLine(doc: Document, lc: LineCounter, path: readonly (string | number)[]): number {
  let node: unknown = doc.contents;
  let line = lc.linePos((doc.contents as YamlNode | null)?.range?.[0] ?? 0).line;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return line;
      const k = pair.key as YamlNode;
      if (k.range) line = lc.linePos(k.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item) return line;
      if (item.range) line = lc.linePos(item.range[0]).line;
      node = item;
    } else {
      return line;
    }
  }
  return line;
}

/**
 * The largest text parsed as one: the package's document costs ~60 bytes of memory per byte, so
 * this keeps a run within about 150 MB (npm run bench); a FlinkDeployment is a few KiB.
 */
export const MANIFEST_MAX_CHARS = 1024 * 1024;

// A line that starts a document: YAML ends a document at a `---` (or `...`) line at column 0,
// whatever the context, so splitting there is exact.
const DOC_START = /^---(?=[ \t\r\n]|$)/;
const FLINK_KIND = /^kind:[ \t]*(["']?)Flink(?:Deployment|SessionJob)\1[ \t]*(?:#.*)?\r?$/m;
const ANY_KIND = /^kind:[ \t]*["']?([A-Za-z][A-Za-z0-9]*)/m;

/** The documents of a multi-document text, each with the 0-based line it starts at. */
function splitDocuments(text: string): Array<{ text: string; firstLine: number }> {
  const out: Array<{ text: string; firstLine: number }> = [];
  let start = 0;
  let startLine = 0;
  let line = 0;
  for (let from = 0; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (from > 0 && DOC_START.test(text.slice(from, Math.min(to, from + 4)))) {
      out.push({ text: text.slice(start, from), firstLine: startLine });
      start = from;
      startLine = line;
    }
    line++;
    from = to + 1;
  }
  out.push({ text: text.slice(start), firstLine: startLine });
  return out;
}

/**
 * Reads the Flink resources of a manifest text. `kustomize build` and `helm template` output holds
 * many documents (Services, ConfigMaps, CRDs of hundreds of KiB): when the Flink resources are
 * told by a `kind:` line at column 0, only their documents are parsed, each up to
 * MANIFEST_MAX_CHARS, and the others are counted by kind; otherwise (JSON, flow style) the whole
 * text is parsed, up to MANIFEST_MAX_CHARS.
 */
export function readManifests(text: string): ManifestRead {
  const out: ManifestRead = { resources: [], others: [], errors: [] };
  if (FLINK_KIND.test(text)) {
    for (const d of splitDocuments(text)) {
      if (FLINK_KIND.test(d.text)) readDocuments(d.text, d.firstLine, out);
      else {
        const kind = ANY_KIND.exec(d.text)?.[1];
        if (kind !== undefined) out.others.push(kind);
      }
    }
    return out;
  }
  readDocuments(text, 0, out);
  return out;
}

function readDocuments(text: string, firstLine: number, out: ManifestRead): void {
  // under the limits every YAML input gets (size, nesting, aliases; src/core/yaml-safe.ts), with
  // the linear duplicate-key check; syntax errors stay with their document
  const parsed = parseYamlSafe(text, { keepSyntaxErrors: true, parse: { intAsBigInt: true }, limits: { maxChars: MANIFEST_MAX_CHARS } });
  if (!parsed.ok) {
    out.errors.push({ message: parsed.error.message, line: parsed.error.line + firstLine });
    return;
  }
  const lc = parsed.lineCounter;
  const lineAt = (offset: number) => lc.linePos(offset).line + firstLine;
  for (const doc of parsed.docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) out.errors.push({ message: e.message.split('\n')[0]!, line: lineAt(e.pos[0]) });
      continue;
    }
    const js = toJsSafe(doc, { maxAliasCount: 100 });
    if (!js.ok) {
      out.errors.push({ message: js.error.message, line: js.error.line + firstLine });
      continue;
    }
    const data: unknown = js.value;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    const d = data as Record<string, unknown>;
    const apiVersion = typeof d.apiVersion === 'string' ? d.apiVersion : '';
    const kind = typeof d.kind === 'string' ? d.kind : '';
    if (apiVersion.startsWith('flink.apache.org/') && (kind === 'FlinkDeployment' || kind === 'FlinkSessionJob')) {
      const meta = (d.metadata ?? {}) as Record<string, unknown>;
      out.resources.push({
        kind,
        apiVersion,
        name: typeof meta.name === 'string' ? meta.name : '',
        namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
        data: d,
        line: keyLine(doc, lc, []) + firstLine,
        lineOf: (path) => keyLine(doc, lc, path) + firstLine,
      });
    } else if (kind !== '') {
      out.others.push(kind);
    }
  }
}
