// Justfile (casey/just; the manual, just.systems/man): what a recipe runs, read without running anything.
//   name param="default" +rest: dep (dep2 "arg") && after
//       line one {{param}}          ← each line its own `sh -cu` (cd does not carry over), unless the body is a
//       @quiet line / -ignored      ← shebang script (`#!/usr/bin/env bash`: one script)
// Variables `x := "a" + y` / `export x := …` (strings, `+`, `/` path join, variables, justfile_directory(),
// invocation_directory(), env_var("X") / env("X"[, "default"])); anything else (a backtick, `if`, another function) is
// unknown, with why. `set shell := [...]` other than a POSIX shell, `import` and `mod` leave what they touch unknown.
// Recipes run in the justfile's folder (`[no-cd]`: the caller's; `set working-directory`/`[working-directory: x]`).
import type { Location } from '../types.js';
import { at } from './common.js';

export type JustValue = { value: string } | { why: string };

export interface JustParam {
  name: string;
  /** Expression text of the default, if any. */
  def?: string;
  variadic?: '+' | '*';
  exported: boolean;
}

export interface JustDep {
  name: string;
  /** Argument expressions. */
  args: string[];
}

export interface JustLine {
  text: string;
  line: number;
  column: number;
}

export interface JustRecipe {
  name: string;
  loc: Location;
  params: JustParam[];
  deps: JustDep[];
  after: JustDep[];
  lines: JustLine[];
  shebang: boolean;
  noCd: boolean;
  workdir?: string;
  private: boolean;
}

export interface Justfile {
  path: string;
  vars: Map<string, { expr: string; exported: boolean }>;
  settings: Map<string, string>;
  recipes: Map<string, JustRecipe>;
  aliases: Map<string, string>;
  /** The first recipe: `just` with no recipe runs it. */
  first?: string;
  /** Why the recipes may not run as read (`set shell := ["pwsh", …]`), when known. */
  shellWhy?: string;
  /** Statements not read (`import`, `mod`), said as unknowns. */
  unread: { loc: Location; why: string }[];
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const HEADER = new RegExp(`^(@?)(${NAME})((?:\\s+[^:]*?)?)\\s*:(?!=)(.*)$`);
const ASSIGN = new RegExp(`^(export\\s+)?(${NAME})\\s*:=\\s*(.*)$`);

/** Walks `s`, calling `split` with the text since the last split at each character `at` accepts outside quotes and
 * parentheses; returns the text after the last split. */
function walkOutside(s: string, at: (ch: string) => boolean, split: (cur: string, ch: string) => void): string {
  let cur = '';
  let depth = 0;
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      cur += ch;
      if (ch === q) q = null;
    } else if (ch === '"' || ch === "'") (q = ch), (cur += ch);
    else if (ch === '(') depth++, (cur += ch);
    else if (ch === ')') depth--, (cur += ch);
    else if (depth === 0 && at(ch)) split(cur, ch), (cur = '');
    else cur += ch;
  }
  return cur;
}

/** Splits on spaces outside quotes and parentheses. */
function tokens(s: string): string[] {
  const out: string[] = [];
  const rest = walkOutside(s, (ch) => /\s/.test(ch), (cur) => {
    if (cur) out.push(cur);
  });
  return rest.trim() ? [...out, rest.trim()] : out;
}

function parseDeps(s: string): JustDep[] {
  return tokens(s).map((t) => {
    if (!t.startsWith('(')) return { name: t, args: [] };
    const [name, ...args] = tokens(t.slice(1, -1));
    return { name, args };
  });
}

export function parseJustfile(path: string, text: string): Justfile {
  const jf: Justfile = { path, vars: new Map(), settings: new Map(), recipes: new Map(), aliases: new Map(), unread: [] };
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let attrs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const l = raw.trim();
    const loc = at(path, { line: i + 1, column: 1, endLine: i + 1, endColumn: raw.length + 1 });
    if (!l || l.startsWith('#') || /^\s/.test(raw)) continue;
    if (/^\[.*\]$/.test(l)) {
      attrs.push(...l.slice(1, -1).split(',').map((a) => a.trim()));
      continue;
    }
    let m: RegExpMatchArray | null;
    if ((m = l.match(/^set\s+([A-Za-z-]+)\s*(?::=\s*(.*))?$/))) {
      jf.settings.set(m[1], m[2] ?? 'true');
      if (m[1] === 'shell' || m[1] === 'script-interpreter') {
        const first = m[2]?.match(/^\[\s*["']([^"']+)["']/)?.[1];
        if (m[1] === 'shell' && first && !/(^|\/)(ba|z|k|da)?sh$/.test(first)) jf.shellWhy = `set shell := ${m[2]} is not a POSIX shell: its recipes are not simulated`;
      }
    } else if ((m = l.match(new RegExp(`^alias\\s+(${NAME})\\s*:=\\s*(${NAME})$`)))) jf.aliases.set(m[1], m[2]);
    else if ((m = l.match(/^(import|mod)\b/))) jf.unread.push({ loc, why: `${l}: ${m[1] === 'import' ? 'an imported justfile' : 'a justfile module'} is not read` });
    else if ((m = l.match(ASSIGN))) jf.vars.set(m[2], { expr: m[3].replace(/\s+#.*$/, ''), exported: !!m[1] });
    else if ((m = l.match(HEADER))) {
      const [, , name, paramText, rest0] = m;
      const rest = rest0.replace(/(^|\s)#.*$/, ''); // `cdk-deploy: #require-venv`: a comment
      const [before, afterText = ''] = rest.split('&&');
      const params = tokens(paramText.trim()).map((t): JustParam => {
        const pm = t.match(/^(\$?)([+*]?)(\$?)([A-Za-z_][A-Za-z0-9_-]*)(?:=(.*))?$/);
        if (!pm) return { name: t, exported: false };
        return { name: pm[4], ...(pm[5] !== undefined ? { def: pm[5] } : {}), ...(pm[2] ? { variadic: pm[2] as '+' | '*' } : {}), exported: !!(pm[1] || pm[3]) };
      });
      const body: JustLine[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        const b = lines[j];
        if (b.trim() === '') continue;
        if (!/^\s/.test(b)) break;
        const indent = b.match(/^\s*/)![0].length;
        body.push({ text: b.slice(indent), line: j + 1, column: indent + 1 });
      }
      i = j - 1;
      const wd = attrs.map((a) => a.match(/^working-directory\s*[:(]\s*(['"])(.*)\1\s*\)?$/)?.[2]).find((x) => x !== undefined);
      jf.recipes.set(name, {
        name,
        loc: at(path, { line: loc.line, column: 1 + raw.indexOf(name), endLine: loc.line, endColumn: 1 + raw.indexOf(name) + name.length }),
        params,
        deps: parseDeps(before),
        after: parseDeps(afterText),
        lines: body,
        shebang: body[0]?.text.startsWith('#!') ?? false,
        noCd: attrs.includes('no-cd'),
        ...(wd !== undefined ? { workdir: wd } : {}),
        private: name.startsWith('_') || attrs.includes('private'),
      });
      jf.first ??= name;
    }
    attrs = [];
  }
  return jf;
}

/** A string literal's value (just: "…" with escapes, '…' raw). */
function literal(t: string): string | undefined {
  if (/^'[^']*'$/.test(t)) return t.slice(1, -1);
  if (/^"(?:[^"\\]|\\.)*"$/.test(t)) return t.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  return undefined;
}

/** Splits an expression on a top-level operator (`+` or `/`), outside quotes and parentheses. */
function splitOn(expr: string, ops: string): { parts: string[]; ops: string[] } {
  const parts: string[] = [];
  const seen: string[] = [];
  const rest = walkOutside(expr, (ch) => ops.includes(ch), (cur, ch) => {
    parts.push(cur.trim());
    seen.push(ch);
  });
  parts.push(rest.trim());
  return { parts, ops: seen };
}

/** What an expression evaluates to, with `name` looked up by the caller (parameters, then variables, …). */
export function evalJust(expr: string, name: (n: string) => JustValue, fns: { dir: string; cwd: string; env: (n: string) => string | undefined }): JustValue {
  const e = expr.trim();
  const { parts, ops } = splitOn(e, '+/');
  if (parts.length > 1) {
    let acc = '';
    for (let k = 0; k < parts.length; k++) {
      const v = evalJust(parts[k], name, fns);
      if ('why' in v) return v;
      acc = k === 0 ? v.value : ops[k - 1] === '/' ? `${acc}/${v.value}` : acc + v.value;
    }
    return { value: acc };
  }
  const lit = literal(e);
  if (lit !== undefined) return { value: lit };
  if (/^\(.*\)$/.test(e)) return evalJust(e.slice(1, -1), name, fns);
  if (new RegExp(`^${NAME}$`).test(e)) return name(e);
  const call = e.match(/^([a-z_]+)\((.*)\)$/);
  if (call) {
    const args = splitArgs(call[2]).map((a) => evalJust(a, name, fns));
    if (call[1] === 'justfile_directory' || call[1] === 'source_directory') return { value: fns.dir };
    if (call[1] === 'invocation_directory') return { value: fns.cwd };
    if ((call[1] === 'env_var' || call[1] === 'env' || call[1] === 'env_var_or_default') && args.length && 'value' in args[0]) {
      const v = fns.env(args[0].value);
      if (v !== undefined) return { value: v };
      if (args[1] && 'value' in args[1]) return args[1];
      return { why: `{{${e}}}: $${args[0].value} is not known here` };
    }
  }
  if (e.startsWith('`')) return { why: `{{${e}}} runs a command just evaluates` };
  return { why: `{{${e}}} is not a literal just expression` };
}

/** A just function call's arguments: split on commas outside quotes and parentheses. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  const rest = walkOutside(s, (ch) => ch === ',', (cur) => out.push(cur.trim()));
  return rest.trim() ? [...out, rest.trim()] : out;
}

/** Expands the `{{expr}}` of a recipe line (`{{{{` is a literal `{{`). */
export function interpolate(text: string, ev: (expr: string) => JustValue): JustValue {
  let out = '';
  let k = 0;
  while (k < text.length) {
    if (text.startsWith('{{{{', k)) {
      out += '{{';
      k += 4;
    } else if (text.startsWith('{{', k)) {
      const end = text.indexOf('}}', k + 2);
      if (end < 0) return { why: `unclosed {{ in ${text.slice(0, 60)}` };
      const v = ev(text.slice(k + 2, end));
      if ('why' in v) return v;
      out += v.value;
      k = end + 2;
    } else out += text[k++];
  }
  return { value: out };
}
