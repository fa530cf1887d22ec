// Lays diagram sections out in pixels and writes them as one SVG document: a pure function of the
// data (no DOM, no measuring), so the same input gives the same bytes everywhere.
//
// Proportions: every part of a bar is exactly as wide as its share of the bar's bytes (to 1/100 px);
// nothing is widened for legibility. A part too narrow for its label (down to 0 bytes) keeps its
// true width and is labelled by a callout under the bar, joined to it by a leader line.
import { formatBytes } from '../size.js';
import type { BarDiagram, DiagramDocument, PartKind, Section } from './types.js';

export const WIDTH = 960;
export const MARGIN = 16;
/** the pixels a whole bar's bytes span */
export const BAR_WIDTH = WIDTH - 2 * MARGIN;
const BAND_H = 22;
const BAR_H = 56;
const LINE_H = 16;
/** a conservative width of one character at 12px in a sans-serif face: labels never overrun */
const CHAR_W = 7;

const PATTERNED: Partial<Record<PartKind | 'short', string>> = {
  managed: '<circle cx="3" cy="3" r="1.1"/>',
  direct: '<path d="M0 8L8 0"/>',
  offheap: '<path d="M0 8L8 0"/>',
  metaspace: '<path d="M0 4H8"/>',
  overhead: '<path d="M0 8L8 0M0 0L8 8"/>',
  system: '<path d="M4 0V8"/>',
  taskmanager: '<circle cx="3" cy="3" r="1.1"/>',
  reserve: '<path d="M0 4H8"/>',
  short: '<path d="M0 4L4 0M0 8L8 0M4 8L8 4"/>',
};

/** The diagram's stylesheet; a page that shows many diagrams can hold it once instead. */
export const DIAGRAM_CSS = `
.ff-diagram{--bg:#fff;--fg:#1a1a1a;--muted:#4a4a4a;--line:#333;--pat:rgba(0,0,0,.22);--band:#f3f3f3;--problem:#a4001d;--short:#ffd9de;
--heap:#cfe0f7;--managed:#d3ecd0;--direct:#fbe3c2;--offheap:#fbe3c2;--metaspace:#e4daf3;--overhead:#e6e6e6;--system:#dcdcdc;--jobmanager:#cfe0f7;--taskmanager:#d3ecd0;--reserve:#fff0b0;--spare:#fff}
@media (prefers-color-scheme:dark){.ff-diagram{--bg:#15181c;--fg:#eceff3;--muted:#b9c0c8;--line:#c9ced4;--pat:rgba(255,255,255,.2);--band:#23282e;--problem:#ff8a95;--short:#4a1820;
--heap:#1e3a5c;--managed:#1f4426;--direct:#553a12;--offheap:#553a12;--metaspace:#3b2d57;--overhead:#3a3d42;--system:#3a3d42;--jobmanager:#1e3a5c;--taskmanager:#1f4426;--reserve:#4d4212;--spare:#15181c}}
.ff-diagram text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:12px;fill:var(--fg)}
.ff-diagram .ff-bg{fill:var(--bg)}
.ff-diagram .ff-h{font-size:14px;font-weight:700}
.ff-diagram .ff-in{paint-order:stroke;stroke:var(--bg);stroke-width:3px;stroke-linejoin:round}
.ff-diagram .ff-part,.ff-diagram .ff-band{stroke:var(--line);stroke-width:1}
.ff-diagram .ff-band{fill:var(--band)}
.ff-diagram .ff-pat{stroke:var(--pat);fill:var(--pat);stroke-width:1.2}
.ff-diagram .ff-lead{stroke:var(--muted);stroke-width:1}
.ff-diagram .ff-flag{stroke:var(--line);stroke-width:1.5;fill:none}
.ff-diagram .ff-edge{stroke:var(--problem);stroke-width:2}
.ff-diagram .ff-edge.ff-ok{stroke:var(--line)}
.ff-diagram .ff-short{fill:var(--short);stroke:var(--problem);stroke-width:2}
.ff-diagram .ff-shortpat{stroke:var(--problem)}
.ff-diagram text.ff-problem{fill:var(--problem);font-weight:600}
.ff-diagram text.ff-muted{fill:var(--muted)}
.ff-diagram text.ff-flagtext{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:11px}
${(['heap', 'managed', 'direct', 'offheap', 'metaspace', 'overhead', 'system', 'jobmanager', 'taskmanager', 'reserve', 'spare'] as const).map((k) => `.ff-diagram .ff-k-${k}{fill:var(--${k})}`).join('\n')}
.ff-diagram .ff-k-spare{stroke-dasharray:4 3}
`;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Pixel numbers with at most two decimals, always printed the same way. */
function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

const textWidth = (s: string, bold = false) => s.length * (bold ? CHAR_W + 0.8 : CHAR_W);

export function sizeText(bytes: bigint): string {
  return `${formatBytes(bytes)} (${bytes} bytes)`;
}

/** Splits a long line at spaces so it fits the drawing's width. */
export function wrap(text: string, width = BAR_WIDTH, bold = true): string[] {
  const max = Math.floor(width / (bold ? CHAR_W + 0.8 : CHAR_W));
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line !== '' && line.length + 1 + w.length > max) {
      out.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') out.push(line);
  return out;
}

interface Label {
  /** the x the label is about */
  cx: number;
  text: string;
  cls: string;
  /** where the leader line starts (bottom of the thing labelled); none for flag labels */
  fromY?: number;
  forId: string;
  /** a JVM flag's region, bracketed from the bar down to the label */
  span?: { x1: number; x2: number; flag: string };
}

/**
 * Places labels on as few lines as possible: no two on a line overlap, and no label's leader line
 * (dropped at its cx through the lines above it) runs through another label's text.
 */
function placeLines(labels: readonly Label[]): Array<{ x: number; line: number }> {
  const placed: Array<{ x1: number; x2: number; line: number; cx: number }> = [];
  const order = labels.map((l, i) => i).sort((a, b) => labels[a]!.cx - labels[b]!.cx || a - b);
  const out: Array<{ x: number; line: number }> = new Array(labels.length);
  for (const i of order) {
    const l = labels[i]!;
    const w = textWidth(l.text, l.cls === 'ff-problem');
    const x = Math.max(MARGIN, Math.min(l.cx - w / 2, WIDTH - MARGIN - w));
    const overlaps = (line: number) => placed.some((p) => p.line === line && x < p.x2 + 10 && x + w + 10 > p.x1);
    const crossings = (line: number) =>
      placed.filter((p) => (p.line < line && l.cx >= p.x1 - 3 && l.cx <= p.x2 + 3) || (p.line > line && p.cx >= x - 3 && p.cx <= x + w + 3)).length;
    // the first line with no overlap and no crossing; failing that, the fewest crossings
    const top = placed.reduce((m, p) => Math.max(m, p.line + 1), 0);
    let line = -1;
    let best = Infinity;
    for (let k = 0; k <= top; k++) {
      if (overlaps(k)) continue;
      const c = crossings(k);
      if (c < best) {
        best = c;
        line = k;
      }
      if (c === 0) break;
    }
    placed.push({ x1: x, x2: x + w, line, cx: l.cx });
    out[i] = { x, line };
  }
  return out;
}

function isBar(s: Section): s is BarDiagram {
  return 'parts' in s;
}

/** Draws one bar section; returns the y below it and the bytes its full width stands for. */
function drawBar(d: BarDiagram, top: number, out: string[]): { y: number; scale: bigint } {
  const sum = d.parts.reduce((a, p) => a + p.bytes, 0n);
  let total = sum;
  if (d.edge && d.edge.bytes > total) total = d.edge.bytes;
  for (const row of d.bands) for (const b of row) if (b.start + b.bytes > total) total = b.start + b.bytes;
  for (const f of d.flags) if (f.start + f.bytes > total) total = f.start + f.bytes;
  const px = (b: bigint) => (total === 0n ? 0 : (Number(b) / Number(total)) * BAR_WIDTH);
  const X = (b: bigint) => MARGIN + px(b);
  let y = top;
  out.push(`<text class="ff-h" x="${MARGIN}" y="${n(y + 15)}">${escapeXml(d.heading)}</text>`);
  y += 26;
  const edgeY = y + 12;
  if (d.edge) y += 18;
  const callouts: Label[] = [];
  for (const row of d.bands) {
    for (const b of row) {
      const x = X(b.start);
      const w = px(b.bytes);
      const text = `${b.label} ${formatBytes(b.bytes)}`;
      out.push(`<g data-band="${escapeXml(b.id)}"><rect class="ff-band" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${BAND_H - 3}" data-bytes="${b.bytes}"><title>${escapeXml(`${b.label}: ${sizeText(b.bytes)}`)}</title></rect>`);
      if (textWidth(text) + 8 <= w) {
        out.push(`<text x="${n(x + w / 2)}" y="${n(y + 14)}" text-anchor="middle" data-label-for="${escapeXml(b.id)}">${escapeXml(text)}</text></g>`);
      } else {
        out.push('</g>');
        callouts.push({ cx: x + w / 2, text, cls: 'ff-muted', fromY: y + BAND_H - 3, forId: b.id });
      }
    }
    y += BAND_H;
  }
  let x0 = 0n;
  for (const p of d.parts) {
    const x = X(x0);
    const w = px(p.bytes);
    const size = formatBytes(p.bytes);
    const tip = `${p.label}: ${p.atLeast ? 'at least ' : ''}${sizeText(p.bytes)}`;
    out.push(`<g data-part="${escapeXml(p.id)}" data-bytes="${p.bytes}"><rect class="ff-part ff-k-${p.kind}" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${BAR_H}"><title>${escapeXml(tip)}</title></rect>`);
    if (PATTERNED[p.kind] && w > 0) out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${BAR_H}" fill="url(#ff-p-${p.kind})" pointer-events="none"/>`);
    if (Math.max(textWidth(p.label), textWidth(size)) + 8 <= w) {
      out.push(`<text class="ff-in" x="${n(x + w / 2)}" y="${n(y + 24)}" text-anchor="middle" data-label-for="${escapeXml(p.id)}"><tspan x="${n(x + w / 2)}">${escapeXml(p.label)}</tspan><tspan x="${n(x + w / 2)}" dy="16">${escapeXml(size)}</tspan></text></g>`);
    } else {
      out.push('</g>');
      callouts.push({ cx: x + w / 2, text: `${p.label} ${size}`, cls: '', fromY: y + BAR_H, forId: p.id });
    }
    x0 += p.bytes;
  }
  const barBottom = y + BAR_H;
  if (d.edge) {
    const over = sum > d.edge.bytes;
    const ex = X(d.edge.bytes);
    if (over) {
      // the shortfall: a hatched strip under the parts that stick out, so their labels stay legible
      const w = X(sum) - ex;
      out.push(`<g data-shortfall="${sum - d.edge.bytes}"><rect class="ff-short" x="${n(ex)}" y="${n(barBottom + 2)}" width="${n(w)}" height="10"><title>${escapeXml(`shortfall: ${sizeText(sum - d.edge.bytes)}`)}</title></rect><rect x="${n(ex)}" y="${n(barBottom + 2)}" width="${n(w)}" height="10" fill="url(#ff-p-short)" pointer-events="none"/></g>`);
    }
    // the size the parts must stay within, named above the bands at its edge
    const label = `${d.edge.label} ${formatBytes(d.edge.bytes)}`;
    const right = ex + 6 + textWidth(label, over) <= WIDTH - MARGIN;
    out.push(`<line class="ff-edge${over ? '' : ' ff-ok'}" x1="${n(ex)}" x2="${n(ex)}" y1="${n(edgeY - 12)}" y2="${n(barBottom + (over ? 12 : 4))}"/>`);
    out.push(`<text class="${over ? 'ff-problem' : ''}" x="${n(right ? ex + 6 : ex - 6)}" y="${n(edgeY)}"${right ? '' : ' text-anchor="end"'} data-label-for="${escapeXml(d.id)}.edge">${escapeXml(label)}</text>`);
  }
  for (const f of d.flags) {
    // the region a JVM flag bounds: a bracket under the bar from one edge of the region to the other
    const x1 = X(f.start);
    const x2 = X(f.start + f.bytes);
    out.push(`<path class="ff-flag" data-flag="${escapeXml(f.flag)}" data-bytes="${f.bytes}" d="M${n(x1)} ${n(barBottom + 2)}V${n(barBottom + 8)}H${n(x2)}V${n(barBottom + 2)}"/>`);
    callouts.push({ cx: (x1 + x2) / 2, text: `${f.flag} ${formatBytes(f.bytes)}`, cls: 'ff-flagtext', fromY: barBottom + 8, forId: `${d.id}.${f.flag}` });
  }
  y = barBottom + 14;
  if (callouts.length > 0) {
    const placed = placeLines(callouts);
    const lines = Math.max(...placed.map((p) => p.line)) + 1;
    callouts.forEach((c, i) => {
      const ly = y + 16 + placed[i]!.line * LINE_H;
      out.push(`<path class="ff-lead" d="M${n(c.cx)} ${n(c.fromY!)}V${n(ly - 11)}"/>`);
      out.push(`<text class="${c.cls}" x="${n(placed[i]!.x)}" y="${n(ly)}" data-label-for="${escapeXml(c.forId)}">${escapeXml(c.text)}</text>`);
    });
    y += 6 + lines * LINE_H;
  }
  return { y, scale: total };
}

function drawLines(lines: readonly string[], cls: string, top: number, out: string[]): number {
  let y = top;
  for (const l of lines) {
    for (const w of wrap(l)) {
      y += LINE_H;
      out.push(`<text class="${cls}" x="${MARGIN}" y="${n(y)}">${escapeXml(w)}</text>`);
    }
  }
  return y;
}

/** The whole document: title and description for screen readers, one block per section. */
/** The fill patterns (readable without colour); a page showing diagrams can hold them once instead. */
export const DIAGRAM_DEFS = Object.entries(PATTERNED)
  .map(([k, shape]) => `<pattern id="ff-p-${k}" width="8" height="8" patternUnits="userSpaceOnUse"><g class="ff-pat${k === 'short' ? ' ff-shortpat' : ''}">${shape}</g></pattern>`)
  .join('');

/** `shared: true` leaves out the stylesheet and patterns, for a page that holds them once (the web page). */
export function renderDiagramSvg(doc: DiagramDocument, opts: { shared?: boolean } = {}): string {
  const body: string[] = [];
  let y = 8;
  for (const s of doc.sections) {
    const open = body.push(`<g id="ff-${escapeXml(s.id)}">`) - 1;
    if (isBar(s)) {
      const drawn = drawBar(s, y, body);
      y = drawn.y;
      // the bytes BAR_WIDTH pixels stand for in this bar, for whoever checks the proportions
      body[open] = `<g id="ff-${escapeXml(s.id)}" data-scale-bytes="${drawn.scale}">`;
      if (s.problem) y = drawLines(s.problem, 'ff-problem', y, body);
      if (s.notes) y = drawLines(s.notes, 'ff-muted', y, body);
    } else {
      body.push(`<text class="ff-h" x="${MARGIN}" y="${n(y + 15)}">${escapeXml(s.heading)}</text>`);
      y = drawLines(s.problem, 'ff-problem', y + 20, body);
    }
    body.push('</g>');
    y += 22;
  }
  const height = Math.ceil(y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="ff-diagram" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="ff-title ff-desc">\n` +
    `<title id="ff-title">${escapeXml(doc.title)}</title>\n<desc id="ff-desc">${escapeXml(doc.description)}</desc>\n` +
    (opts.shared ? '' : `<style>${DIAGRAM_CSS}</style>\n<defs>${DIAGRAM_DEFS}</defs>\n`) +
    `<rect class="ff-bg" width="${WIDTH}" height="${height}"/>\n` +
    body.join('\n') +
    '\n</svg>\n'
  );
}

/** What the picture shows, in words, for the <desc> a screen reader reads. */
export function describeSections(sections: readonly Section[]): string {
  return sections
    .map((s) => {
      if (!isBar(s)) return `${s.heading}. ${s.problem.join(' ')}`;
      const parts = s.parts.map((p) => `${p.label} ${sizeText(p.bytes)}`).join(', ');
      const flags = s.flags.map((f) => `${f.flag} ${f.bytes}`).join(', ');
      return `${s.heading}. Parts from left to right: ${parts}.${flags ? ` JVM flags: ${flags}.` : ''}${s.problem ? ` ${s.problem.join(' ')}` : ''}`;
    })
    .join(' ');
}
