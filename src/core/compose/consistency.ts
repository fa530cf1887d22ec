// The checks Compose makes on the loaded project before it runs anything (compose-go
// loader/validate.go checkConsistency), on the services the active profiles enable: each has an
// image or a build; every named volume, network, config and secret it uses is declared; every
// service it depends on exists and is enabled (unless `required: false`). A failure is Compose's
// refusal of the whole project. (`scale` against `deploy.replicas` is the service reader's
// REPLICAS_CONFLICT.)

import { loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import type { CMap, CNode } from './tree.js';
import { isMapNode, isSeqNode, scalarText } from './tree.js';

export interface ServiceForCheck {
  name: string;
  node: CMap;
  active: boolean;
  /** where the service's key stands */
  file: string;
  line: number;
}

const names = (n: CNode | undefined): Set<string> => new Set(isMapNode(n) ? n.entries.keys() : []);

export function checkConsistency(dict: CMap, services: ServiceForCheck[]): ComposeLoadDiagnostic[] {
  const out: ComposeLoadDiagnostic[] = [];
  const volumes = names(dict.entries.get('volumes')?.value);
  const networks = names(dict.entries.get('networks')?.value);
  networks.add('default');
  const configs = names(dict.entries.get('configs')?.value);
  const secrets = names(dict.entries.get('secrets')?.value);
  const byName = new Map(services.map((s) => [s.name, s]));
  for (const s of services) {
    if (!s.active) continue;
    const fail = (message: string, at?: CNode): void => {
      out.push(loadDiag('COMPOSE_INVALID', message, at?.loc.file ?? s.file, at?.loc.line ?? s.line, s.name));
    };
    const get = (k: string): CNode | undefined => s.node.entries.get(k)?.value;
    if (get('image') === undefined && get('build') === undefined && get('provider') === undefined) {
      fail(`service "${s.name}" has neither an image nor a build context specified`);
    }
    const vols = get('volumes');
    for (const v of isSeqNode(vols) ? vols.items : []) {
      if (!isMapNode(v) || scalarText(v.entries.get('type')?.value) !== 'volume') continue;
      const src = scalarText(v.entries.get('source')?.value);
      if (src !== null && src !== '' && !volumes.has(src)) fail(`service "${s.name}" refers to undefined volume ${src}`, v);
    }
    const nets = get('networks');
    const netNames = isMapNode(nets) ? [...nets.entries.keys()] : isSeqNode(nets) ? nets.items.map(scalarText).filter((x): x is string => x !== null) : [];
    for (const n of netNames) if (!networks.has(n)) fail(`service "${s.name}" refers to undefined network ${n}`, nets);
    for (const [key, declared] of [
      ['configs', configs],
      ['secrets', secrets],
    ] as const) {
      const list = get(key);
      for (const item of isSeqNode(list) ? list.items : []) {
        const src = isMapNode(item) ? scalarText(item.entries.get('source')?.value) : scalarText(item);
        if (src !== null && !declared.has(src)) fail(`service "${s.name}" refers to undefined ${key === 'configs' ? 'config' : 'secret'} ${src}`, item);
      }
    }
    const deps = get('depends_on');
    const depEntries: Array<[string, CNode]> = isMapNode(deps) ? [...deps.entries].map(([k, e]) => [k, e.value]) : isSeqNode(deps) ? deps.items.map((i) => [scalarText(i) ?? '', i]) : [];
    for (const [dep, cfg] of depEntries) {
      const target = byName.get(dep);
      const required = !(isMapNode(cfg) && cfg.entries.get('required')?.value.kind === 'scalar' && (cfg.entries.get('required')!.value as { value: unknown }).value === false);
      if (target === undefined || (!target.active && required)) {
        fail(`service "${s.name}" depends on ${target === undefined ? 'undefined' : 'disabled'} service "${dep}"${target === undefined ? '' : ` (its profiles are not enabled)`}`, cfg);
      }
    }
  }
  return out;
}
