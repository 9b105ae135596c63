// Shell words: one tree-sitter-bash word node → its value after quote removal and parameter expansion, plus a glob
// pattern when it has unquoted glob characters (the simulator matches it against the virtual tree). What cannot be
// known (`$(cmd)`, an unset `$VAR`, `${VAR#x}`, a caller's stand-in without a value) makes the word unknown with
// why: never guessed.
import type { TSNode } from './bash.js';

export interface Word {
  /** The value after expansion (no globbing). */
  value: string;
  /** A picomatch pattern when the word has unquoted glob characters. */
  glob: string | null;
  text: string;
  node: TSNode;
}
export type WordResult = Word | { why: string; node: TSNode };

/** A variable's value, or why it is not known. */
export type Lookup = { value: string } | { why: string; pattern?: string };


/**
 * Text the caller replaced in the script before parsing it (a GitHub `${{ }}` expression): `token`, as long as the
 * text it replaces so positions hold, stands for `value`, or for something unknown (`why`) when value is undefined.
 */
export interface StandIn {
  token: string;
  value?: string;
  why: string;
  /** The text it replaces (`${{ github.sha }}`), for messages. */
  text?: string;
}

export interface WordEnv {
  lookup(name: string): Lookup;
  standIns: StandIn[];
  /** `~` expands to it. */
  home: string;
  /** `$(…)`: its output when the caller can know it (`$(pwd)`, `$(dirname "$0")`); undefined: not known. */
  substitute?(n: TSNode): Lookup | undefined;
}

export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}()!+@\\]/g, (c) => `\\${c}`);
}

function expandStandIns(s: string, env: WordEnv): Lookup {
  let out = s;
  for (const p of env.standIns) {
    if (!out.includes(p.token)) continue;
    if (p.value === undefined) return { why: p.why };
    out = out.split(p.token).join(p.value);
  }
  return { value: out };
}

/** The word's pieces so far; a visit returns why the word is unknown, or null. */
class Pieces {
  parts: { value: string; glob: string }[] = [];
  hasGlob = false;
  constructor(readonly env: WordEnv) {}

  lit(v: string) {
    this.parts.push({ value: v, glob: escapeGlob(v) });
  }

  /** An unquoted word: backslash escapes and glob characters, `~` at the start of the whole word. */
  unquoted(x: TSNode, whole: boolean): string | null {
    let t = x.text;
    if (whole && t.startsWith('~') && (t.length === 1 || t[1] === '/')) t = this.env.home + t.slice(1);
    let value = '';
    let glob = '';
    for (let k = 0; k < t.length; k++) {
      if (t[k] === '\\' && k + 1 < t.length) {
        value += t[k + 1];
        glob += escapeGlob(t[k + 1]);
        k++;
      } else if ('*?['.includes(t[k])) {
        this.hasGlob = true;
        value += t[k];
        glob += t[k];
      } else {
        value += t[k];
        glob += escapeGlob(t[k]);
      }
    }
    const e = expandStandIns(value, this.env);
    if ('why' in e) return e.why;
    this.parts.push({ value: e.value, glob: value === e.value ? glob : escapeGlob(e.value) });
    return null;
  }

  quoted(raw: string): string | null {
    const e = expandStandIns(raw, this.env);
    if ('why' in e) return e.why;
    this.lit(e.value);
    return null;
  }

  all(nodes: TSNode[], whole: TSNode): string | null {
    for (const c of nodes) {
      const r = this.visit(c, whole);
      if (r) return r;
    }
    return null;
  }

  /** `${VAR}`, `${VAR:-default}`, `${VAR-default}`; other operators are not simulated. */
  expansion(x: TSNode, whole: TSNode): string | null {
    const sub = x.namedChildren.find((c) => c.type === 'subscript');
    if (sub && x.namedChildren.length === 1 && sub.childForFieldName('name')?.text === 'BASH_SOURCE' && sub.childForFieldName('index')?.text === '0') {
      const v = this.env.lookup('BASH_SOURCE');
      if ('why' in v) return v.why;
      this.lit(v.value);
      return null;
    }
    const vn = x.namedChildren.find((c) => c.type === 'variable_name');
    const ops = x.children.filter((c) => !c.type.match(/^[a-z_]+$/) && c.type !== '${' && c.type !== '}').map((c) => c.type);
    if (!vn) return `${x.text} is not understood`;
    const v = this.env.lookup(vn.text);
    if (ops.length === 0) {
      if ('why' in v) return v.why;
      this.lit(v.value);
      return null;
    }
    if (ops.length === 1 && [':-', '-'].includes(ops[0])) {
      if ('value' in v && (v.value !== '' || ops[0] === '-')) {
        this.lit(v.value);
        return null;
      }
      return this.all(x.namedChildren.filter((c) => c !== vn), whole);
    }
    return `${x.text} is not simulated`;
  }

  visit(x: TSNode, whole: TSNode): string | null {
    switch (x.type) {
      case 'word':
      case 'number':
        return this.unquoted(x, x === whole);
      case 'raw_string':
        return this.quoted(x.text.slice(1, -1));
      case 'string':
        return this.all(x.namedChildren, whole);
      case 'string_content':
        return this.quoted(x.text.replace(/\\([$`"\\])/g, '$1'));
      case 'concatenation':
        return this.all(x.children, whole);
      case 'simple_expansion': {
        const v = this.env.lookup(x.namedChildren[0]?.text ?? x.text.slice(1));
        if ('why' in v) return v.why;
        this.lit(v.value);
        return null;
      }
      case 'expansion':
        return this.expansion(x, whole);
      case 'command_substitution': {
        const out = this.env.substitute?.(x);
        if (!out) return `${x.text} is a command substitution`;
        if ('why' in out) return out.why;
        this.lit(out.value);
        return null;
      }
      case 'process_substitution':
      case 'arithmetic_expansion':
        return `${x.text} is not simulated`;
      case 'ansi_c_string':
        this.lit(x.text.slice(2, -1));
        return null;
      case '"':
        return null;
      default:
        if (!x.type.match(/^[a-z_]+$/)) {
          this.lit(x.text);
          return null;
        }
        return `${x.text} (${x.type}) is not simulated`;
    }
  }
}

/** The word node `n` expanded in `env` (no globbing: `glob` says whether and how to match it). */
export function evalWord(n: TSNode, env: WordEnv): WordResult {
  const p = new Pieces(env);
  const why = p.visit(n, n);
  if (why) return { why, node: n };
  return { value: p.parts.map((x) => x.value).join(''), glob: p.hasGlob ? p.parts.map((x) => x.glob).join('') : null, text: n.text, node: n };
}

/**
 * A word as a pattern: what is known of it, `*` for each part that is not (a variable assigned from a word with
 * unknown parts keeps that word's pattern). For matching image tags, never for paths.
 */
export function wordPattern(n: TSNode, env: WordEnv): string {
  const r = evalWord(n, env);
  if ('value' in r) return r.value;
  if (n.type === 'concatenation' || n.type === 'string') return n.children.map((c) => (c.type === '"' ? '' : wordPattern(c, env))).join('');
  if ((n.type === 'simple_expansion' || (n.type === 'expansion' && n.namedChildren.length === 1)) && n.namedChildren[0]?.type === 'variable_name') {
    const v = env.lookup(n.namedChildren[0].text);
    return 'pattern' in v && v.pattern !== undefined ? v.pattern : '*';
  }
  if (n.type === 'word') {
    let t = n.text;
    for (const s of env.standIns) t = t.split(s.token).join(s.value ?? '*');
    return t;
  }
  return '*';
}
