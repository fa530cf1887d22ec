// Variable substitution as Compose does it (compose-go template/template.go): `$VAR`, `${VAR}`,
// `${VAR:-default}` / `${VAR-default}` (default when unset or empty / when unset),
// `${VAR:?err}` / `${VAR?err}` (error when unset or empty / when unset), `${VAR:+alt}` / `${VAR+alt}`
// (alt when set and non-empty / when set), defaults and messages themselves substituted (nested
// `${A:-${B}}`), `$$` for a literal `$`. An unset variable becomes "" with a warning; `${` that is not
// a valid name is an error. Only values are substituted, never keys.

import { loadDiag, type ComposeLoadDiagnostic } from './codes.js';
import type { CMap, CNode, CSeq, Loc } from './tree.js';
import { copyTag } from './yaml.js';

/** Compose's pattern: `$$`, `$name`, `${name[op…]}` or an invalid `${`; names are case-insensitive. */
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{(?:([_a-z][_a-z0-9]*(?::?[-+?](.*))?)\}|()))/gi;
const NAME = /^[_a-z][_a-z0-9]*/i;

export type Lookup = (name: string) => string | undefined;

export class InterpolationError extends Error {
  constructor(
    readonly kind: 'required' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Substitute every variable in `template`. Unset variables read as "" and are passed to `onUnset`.
 * Throws InterpolationError for `${VAR:?…}` / `${VAR?…}` on a missing variable and for an invalid `${`.
 */
export function substitute(template: string, lookup: Lookup, onUnset: (name: string) => void = () => {}): string {
  if (!template.includes('$')) return template;
  return template.replace(PATTERN, (match) => replace(match, lookup, onUnset));
}

function replace(match: string, lookup: Lookup, onUnset: (name: string) => void): string {
  if (match === '$$') return '$';
  if (match[1] !== '{') {
    const name = match.slice(1);
    const v = lookup(name);
    if (v === undefined) onUnset(name);
    return v ?? '';
  }
  // `${…}`: the first brace that closes the opening one ends this substitution; what follows it in
  // the same match (the regex is greedy up to the last `}` of the line) is substituted on its own
  const close = closingBrace(match);
  const body = close < 0 ? '' : match.slice(2, close);
  const rest = close < 0 ? '' : match.slice(close + 1);
  const name = NAME.exec(body)?.[0];
  if (close < 0 || name === undefined) throw new InterpolationError('invalid', `invalid interpolation format: "${match}"`);
  const after = body.slice(name.length);
  if (after === '') {
    const v = lookup(name);
    if (v === undefined) onUnset(name);
    return (v ?? '') + substitute(rest, lookup, onUnset);
  }
  const op = after.startsWith(':') ? after.slice(0, 2) : after.slice(0, 1);
  const arg = after.slice(op.length);
  if (!/^:?[-+?]$/.test(op)) throw new InterpolationError('invalid', `invalid interpolation format: "${match}"`);
  const v = lookup(name);
  const emptyCounts = op.startsWith(':');
  const present = v !== undefined && !(emptyCounts && v === '');
  let value: string;
  switch (op[op.length - 1]) {
    case '-':
      value = present ? v! : substitute(arg, lookup, onUnset);
      break;
    case '+':
      value = present ? substitute(arg, lookup, onUnset) : (v ?? '');
      break;
    default: {
      if (!present) {
        const reason = substitute(arg, lookup, onUnset);
        throw new InterpolationError('required', `required variable ${name} is missing a value${reason === '' ? '' : `: ${reason}`}`);
      }
      value = v!;
    }
  }
  return value + substitute(rest, lookup, onUnset);
}

/** Index of the `}` closing the `${` at the start of `s`, counting nested `${…}` (compose-go's rule). */
function closingBrace(s: string): number {
  let open = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s[i] === '{') {
      open++;
      i++;
    }
  }
  return -1;
}

export interface InterpolateResult<T extends CNode> {
  node: T;
  diagnostics: ComposeLoadDiagnostic[];
}

/**
 * A copy of `node` with every string value substituted (keys untouched). Unset variables are reported
 * once each, at their first use; a required or invalid substitution is an error at its line.
 */
export function interpolateTree<T extends CNode>(node: T, lookup: Lookup, warned: Set<string> = new Set()): InterpolateResult<T> {
  const diagnostics: ComposeLoadDiagnostic[] = [];
  const walk = (n: CNode): CNode => {
    let out: CNode;
    if (n.kind === 'map') {
      const m: CMap = { kind: 'map', entries: new Map(), loc: n.loc };
      for (const [k, e] of n.entries) m.entries.set(k, { key: e.key, value: walk(e.value) });
      out = m;
    } else if (n.kind === 'seq') {
      out = { kind: 'seq', items: n.items.map(walk), loc: n.loc } satisfies CSeq;
    } else if (typeof n.value === 'string' && n.value.includes('$')) {
      out = { ...n, value: substituteAt(n.value, n.loc, lookup, warned, diagnostics) };
    } else {
      out = n;
    }
    copyTag(n, out);
    return out;
  };
  return { node: walk(node) as T, diagnostics };
}

/** Substitute one value found at `loc`, reporting as interpolateTree does. */
export function substituteAt(text: string, loc: Loc, lookup: Lookup, warned: Set<string>, diagnostics: ComposeLoadDiagnostic[]): string {
  try {
    return substitute(text, lookup, (name) => {
      if (warned.has(name)) return;
      warned.add(name);
      diagnostics.push(loadDiag('COMPOSE_VARIABLE_UNSET', `the variable ${name} is not set (${loc.file} line ${loc.line}); Compose substitutes an empty string`, loc.file, loc.line));
    });
  } catch (e) {
    if (!(e instanceof InterpolationError)) throw e;
    const code = e.kind === 'required' ? 'COMPOSE_VARIABLE_REQUIRED' : 'COMPOSE_INTERPOLATION_INVALID';
    diagnostics.push(loadDiag(code, `${loc.file} line ${loc.line}: ${e.message}`, loc.file, loc.line));
    return '';
  }
}
