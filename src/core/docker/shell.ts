// The shell steps of the flink image's docker-entrypoint.sh that change text: GNU envsubst, bash's
// `IFS=':' read -r key value`, `echo $x` eating -n/-e, `tr -d '[:space:]'` and word splitting.

/** One `$NAME` / `${NAME}` that envsubst replaced. */
export interface Substitution {
  name: string;
  /** undefined: the variable is not set, so envsubst wrote nothing */
  value: string | undefined;
  /** UTF-16 offset in the input */
  at: number;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * GNU gettext `envsubst` without a format argument: `$NAME` and `${NAME}` become the variable's
 * value, or nothing when unset; anything else (`$$`, `$1`, `${NAME:-x}`, an unclosed `${`) stays.
 */
export function envsubst(
  text: string,
  env: Readonly<Record<string, string>>,
): { text: string; substitutions: Substitution[] } {
  const substitutions: Substitution[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) break;
    out += text.slice(i, dollar);
    const braced = text[dollar + 1] === '{';
    NAME.lastIndex = dollar + (braced ? 2 : 1);
    const m = NAME.exec(text);
    const end = m === null ? -1 : NAME.lastIndex;
    if (m !== null && (!braced || text[end] === '}')) {
      const name = m[0];
      const value = Object.hasOwn(env, name) ? env[name] : undefined;
      substitutions.push({ name, value, at: dollar });
      out += value ?? '';
      i = braced ? end + 1 : end;
    } else {
      out += '$';
      i = dollar + 1;
    }
  }
  out += text.slice(i);
  return { text: out, substitutions };
}

/** bash's builtin echo takes a lone word of -n/-e/-E letters as options and prints nothing. */
export function echoWord(word: string): string {
  return /^-[neE]+$/.test(word) ? '' : word;
}

/** `tr -d '[:space:]'`: space, tab, LF, VT, FF and CR (bytes only, so no Unicode spaces). */
export function trDeleteSpace(s: string): string {
  return s.replace(/[ \t\n\v\f\r]/g, '');
}

/**
 * `IFS=':' read -r key value <<< "$prop"`: the key ends at the first ':', the value is the rest,
 * except that a rest of one field plus a single trailing ':' loses that ':' ("k:v:" gives "v").
 */
export function readKeyValue(prop: string): { key: string; value: string } {
  const colon = prop.indexOf(':');
  if (colon < 0) return { key: prop, value: '' };
  let rest = prop.slice(colon + 1);
  if (/^[^:]*:$/.test(rest)) rest = rest.slice(0, -1);
  return { key: prop.slice(0, colon), value: rest };
}

/** Word splitting of an unquoted expansion with the default IFS (glob characters not modelled). */
export function splitWords(s: string): string[] {
  return s.split(/[ \t\n]+/).filter((w) => w.length > 0);
}
