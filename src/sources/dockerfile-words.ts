// Dockerfile arguments as Docker reads them (buildkit's shell lexer, not a shell): COPY / ADD / WORKDIR words split at
// unquoted blanks, quotes removed (`"${LAMBDA_TASK_ROOT}"` is /var/task, not a folder named with quotes), backslash
// escapes, `$VAR` / `${VAR}` / `${VAR:-x}` from ARG and ENV; leading `--flag[=value]` options; the JSON form.
// A variable that is not known makes the word unknown (why), never guessed.
import { jsonArray, substitute, type Vars } from './dockerfile-read.js';

export interface DWord {
  /** The word after quote removal and expansion (undefined when `why`). */
  value?: string;
  why?: string;
  /** Offsets into the instruction's args, and the text as written. */
  start: number;
  end: number;
  raw: string;
}

/** `${…}` or `$NAME` at `k`: its end offset (exclusive). */
function expansionEnd(s: string, k: number): number {
  if (s[k + 1] === '{') {
    let depth = 0;
    for (let j = k + 1; j < s.length; j++) {
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return j + 1;
    }
    return s.length;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(k + 1));
  return m ? k + 1 + m[0].length : k + 1;
}

/** The words of `s` (shell form) from offset `from`. */
export function shellWords(s: string, vars: Vars, from = 0): DWord[] {
  const out: DWord[] = [];
  let k = from;
  for (;;) {
    while (k < s.length && /\s/.test(s[k])) k++;
    if (k >= s.length) break;
    const start = k;
    let value = '';
    let why: string | undefined;
    let q: string | null = null;
    while (k < s.length && (q !== null || !/\s/.test(s[k]))) {
      const c = s[k];
      if (q === "'") {
        if (c === "'") q = null;
        else value += c;
        k++;
      } else if (c === '\\' && k + 1 < s.length) {
        // Inside double quotes only `\"`, `\$` and `\\` are escapes (buildkit's processDoubleQuote).
        if (q === '"' && !'"$\\'.includes(s[k + 1])) value += c;
        value += s[k + 1];
        k += 2;
      } else if (q === null && (c === '"' || c === "'")) {
        q = c;
        k++;
      } else if (q === '"' && c === '"') {
        q = null;
        k++;
      } else if (c === '$' && k + 1 < s.length && /[{A-Za-z_]/.test(s[k + 1])) {
        const end = expansionEnd(s, k);
        const r = substitute(s.slice(k, end), vars);
        if ('value' in r) value += r.value;
        else why ??= r.why;
        k = end;
      } else {
        value += c;
        k++;
      }
    }
    out.push(why ? { why, start, end: k, raw: s.slice(start, k) } : { value, start, end: k, raw: s.slice(start, k) });
  }
  return out;
}

export interface CopyArgs {
  /** `--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`: name → value ('' for a bare flag). */
  flags: Map<string, DWord>;
  /** Sources then the destination. */
  words: DWord[];
  json: boolean;
}

/** COPY / ADD arguments: leading flags, then a JSON array or shell words. */
export function copyArgs(args: string, vars: Vars): CopyArgs {
  const flags = new Map<string, DWord>();
  let k = 0;
  for (;;) {
    const m = /^\s*(--([a-z][a-z-]*)(?:=(?:"[^"]*"|'[^']*'|\S)*)?)/.exec(args.slice(k));
    if (!m) break;
    const start = k + m[0].length - m[1].length;
    const eq = m[1].indexOf('=');
    const w = eq < 0 ? { value: '', start, end: start + m[1].length, raw: m[1] } : shellWords(args.slice(0, start + m[1].length), vars, start + eq + 1)[0] ?? { value: '', start, end: start + m[1].length, raw: m[1] };
    flags.set(m[2], w);
    k += m[0].length;
  }
  const json = jsonArray(args.slice(k));
  if (json) {
    const words = json.map((j): DWord => {
      const r = substitute(j.value, vars);
      const pos = { start: k + j.start, end: k + j.end, raw: args.slice(k + j.start, k + j.end) };
      return 'value' in r ? { value: r.value, ...pos } : { why: r.why, ...pos };
    });
    return { flags, words, json: true };
  }
  return { flags, words: shellWords(args, vars, k), json: false };
}

/** A WORKDIR argument: one word, quotes removed, variables expanded. */
export function oneWord(args: string, vars: Vars): { value: string } | { why: string } {
  const ws = shellWords(args, vars);
  if (ws.length === 0) return { why: 'empty' };
  const why = ws.find((w) => w.why)?.why;
  if (why) return { why };
  return { value: ws.map((w) => w.value).join(' ') };
}
