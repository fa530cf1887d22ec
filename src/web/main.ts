// The web calculator's page script: reads the form, runs the model (the CLI's core) on every input,
// writes the results, keeps the state in the URL hash, offers generate's files for download.
import type { Preset } from '../core/presets/model.js';
import { compute, decodeState, encodeState, FILE_KINDS, generateFor, OPTIONS, render, VERSIONS, type FileKind, type WebState } from './model.js';

/** Bundled presets, parsed and validated at build time (scripts/build-web.mjs). */
declare const __FLINKFIT_PRESETS__: Preset[];
const presets: Preset[] = __FLINKFIT_PRESETS__;

const el = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

function buildForm(): void {
  el<HTMLSelectElement>('version').innerHTML =
    VERSIONS.map((v) => `<option value="${v}">${v}</option>`).join('') + '<option value="">from the image tag, else assumed (as the CLI without --flink-version)</option>';
  el<HTMLSelectElement>('preset').innerHTML =
    '<option value="">none</option>' +
    presets.map((p) => `<option value="${esc(p.id)}">${esc(p.id)} — ${esc(p.name)}, ${p.memoryMiB} MiB</option>`).join('');
  el<HTMLSelectElement>('kind').innerHTML = FILE_KINDS.map((k) => `<option value="${k}">${k === 'auto' ? 'tell from the text' : k}</option>`).join('');
  el('options').innerHTML = OPTIONS.map(
    (o, i) => `<div class="opt"><label for="opt-${i}"><code>${o.key}</code></label><input id="opt-${i}" data-key="${o.key}" type="text" spellcheck="false" autocomplete="off" placeholder="${esc(o.hint)}"></div>`,
  ).join('');
}

function readForm(): WebState {
  const options: Record<string, string> = {};
  for (const input of document.querySelectorAll<HTMLInputElement>('#options input')) if (input.value.trim() !== '') options[input.dataset.key!] = input.value;
  const tm = Number(el<HTMLInputElement>('taskmanagers').value);
  return {
    version: el<HTMLSelectElement>('version').value,
    preset: el<HTMLSelectElement>('preset').value,
    taskmanagers: Number.isInteger(tm) && tm >= 1 ? tm : 1,
    kind: el<HTMLSelectElement>('kind').value as FileKind,
    conf: el<HTMLTextAreaElement>('conf').value,
    compose: el<HTMLTextAreaElement>('compose').value,
    options,
  };
}

function fillForm(s: WebState): void {
  el<HTMLSelectElement>('version').value = s.version;
  el<HTMLSelectElement>('preset').value = s.preset;
  el<HTMLInputElement>('taskmanagers').value = String(s.taskmanagers);
  el<HTMLSelectElement>('kind').value = s.kind;
  el<HTMLTextAreaElement>('conf').value = s.conf;
  el<HTMLTextAreaElement>('compose').value = s.compose;
  for (const input of document.querySelectorAll<HTMLInputElement>('#options input')) input.value = s.options[input.dataset.key!] ?? '';
}

let lastHash = '';
let hashTimer: ReturnType<typeof setTimeout> | undefined;
const shown: Record<string, string> = {};

function update(): void {
  const s = readForm();
  const r = render(compute(s, presets));
  // a keystroke often changes no number: leave what is unchanged alone (no re-parse, no re-layout)
  for (const [id, html] of [['summary', r.summary], ['diagram', r.svg], ['findings', r.findings], ['details', r.details]] as const) {
    if (shown[id] !== html) el(id).innerHTML = shown[id] = html;
  }
  if (shown.files !== s.preset + s.version + s.taskmanagers + (s.options['taskmanager.numberOfTaskSlots'] ?? '')) el('files').innerHTML = '';
  shown.files = s.preset + s.version + s.taskmanagers + (s.options['taskmanager.numberOfTaskSlots'] ?? '');
  // the address follows once typing pauses: replacing a long URL costs more than a whole recompute
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const hash = encodeState(s);
    if (hash === lastHash) return;
    lastHash = hash;
    const url = `${location.pathname}${location.search}${hash}`;
    try {
      history.replaceState(null, '', url);
    } catch {
      location.hash = hash;
    }
  }, 250);
}

function offerFiles(): void {
  const r = generateFor(readForm(), presets);
  const out = el('files');
  if (!r.ok) {
    out.innerHTML = `<p class="problem">${esc(r.message)}</p>`;
    return;
  }
  out.innerHTML =
    '<ul class="files">' +
    r.files
      .map((f, i) => `<li><a id="file-${i}" download="${esc(f.path.split('/').pop()!)}">${esc(f.path)}</a> <span class="muted">(${f.text.length} bytes)</span><details><summary>show ${esc(f.path)}</summary><pre><code>${esc(f.text)}</code></pre></details></li>`)
      .join('') +
    '</ul>';
  r.files.forEach((f, i) => {
    el<HTMLAnchorElement>(`file-${i}`).href = URL.createObjectURL(new Blob([f.text], { type: 'text/plain' }));
  });
}

buildForm();
const initial = decodeState(location.hash);
fillForm(initial);
lastHash = encodeState(initial);
el('form').addEventListener('input', update);
el('form').addEventListener('change', update);
el('form').addEventListener('submit', (ev) => ev.preventDefault());
el('generate').addEventListener('click', offerFiles);
window.addEventListener('hashchange', () => {
  if (location.hash === lastHash || (location.hash === '' && lastHash === '')) return;
  fillForm(decodeState(location.hash));
  update();
});
update();
