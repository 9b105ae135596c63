// A Makefile read line by line, as GNU make reads it (a Makefile is not Python nor shell: a careful line reader).
// The result is the file's statements in order: variable assignments (`=`, `:=`, `::=`, `?=`, `+=`, with `export`
// and `override`), rules (targets, prerequisites, recipe lines with their positions), `.PHONY`, `export`,
// conditionals (`ifeq`/`ifneq`/`ifdef`/`ifndef`/`else`/`endif`) and what is not simulated (`include`, `define`,
// `!=`), each with its line. Variables are expanded when the file is run (makefile-run.ts), in order, with the
// caller's environment and command-line variables, because that is when make knows them.

export type MakeStmt =
  | { kind: 'assign'; name: string; op: string; value: string; line: number; export: boolean; override: boolean }
  | { kind: 'rule'; targets: string; prereqs: string; recipe: RecipeLine[]; line: number; column: number }
  | { kind: 'export'; names: string; line: number; unexport: boolean }
  | { kind: 'if'; test: 'ifeq' | 'ifneq' | 'ifdef' | 'ifndef'; args: string; line: number }
  | { kind: 'else'; line: number; chained?: MakeStmt }
  | { kind: 'endif'; line: number }
  | { kind: 'unknown'; why: string; line: number; name?: string; include?: boolean };

/** One recipe line: its text (continuations kept, as make hands it to the shell) and where it starts. */
export interface RecipeLine {
  text: string;
  /** 1-based line and column of the text's first character (after the tab). */
  line: number;
  column: number;
}

export interface Makefile {
  path: string;
  stmts: MakeStmt[];
  oneshell: boolean;
}

const ASSIGN = /^(override\s+)?(export\s+)?([^\s:#=!?+$()]+|\$[({][^)}]+[)}])\s*(::=|:::=|:=|\?=|\+=|!=|=)\s?(.*)$/s;
const CONDITIONAL = /^(ifeq|ifneq|ifdef|ifndef)\b\s*(.*)$/;

/** Physical lines joined at backslash-newline: [text, first line number]; recipe lines keep their newlines. */
function logicalLines(text: string): { text: string; line: number; recipe: boolean }[] {
  const lines = text.split(/\r?\n/);
  const out: { text: string; line: number; recipe: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    const recipe = lines[i].startsWith('\t');
    let t = lines[i];
    while (/(^|[^\\])(\\\\)*\\$/.test(t) && i + 1 < lines.length) {
      i++;
      t = recipe ? `${t}\n${lines[i].replace(/^\t/, '')}` : `${t.slice(0, -1).trimEnd()} ${lines[i].trimStart()}`;
    }
    out.push({ text: t, line: start + 1, recipe });
  }
  return out;
}

/** The text before an unescaped `#` (make's comments, outside recipes). */
function stripComment(s: string): string {
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\' && s[k + 1] === '#') k++;
    else if (s[k] === '#') return s.slice(0, k);
  }
  return s;
}

/** The index of the rule's `:` (not `:=`, not inside `$(…)`), or -1. */
function ruleColon(s: string): number {
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '$' && (s[k + 1] === '(' || s[k + 1] === '{')) {
      depth++;
      k++;
    } else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ':' && depth === 0 && s[k + 1] !== '=') return k;
  }
  return -1;
}

export function parseMakefile(path: string, text: string): Makefile {
  const mf: Makefile = { path, stmts: [], oneshell: false };
  let rule: Extract<MakeStmt, { kind: 'rule' }> | null = null;
  let define: string | null = null;
  for (const l of logicalLines(text)) {
    if (define !== null) {
      if (/^\s*endef\b/.test(l.text)) define = null;
      continue;
    }
    if (l.recipe && rule) {
      rule.recipe.push({ text: l.text.slice(1), line: l.line, column: 2 });
      continue;
    }
    const s = stripComment(l.text).trim();
    if (s === '') continue;
    rule = null;
    const cond = CONDITIONAL.exec(s);
    if (cond) {
      mf.stmts.push({ kind: 'if', test: cond[1] as 'ifeq', args: cond[2], line: l.line });
      continue;
    }
    if (/^else\b/.test(s)) {
      const rest = s.slice(4).trim();
      const c = CONDITIONAL.exec(rest);
      mf.stmts.push({ kind: 'else', line: l.line, chained: c ? { kind: 'if', test: c[1] as 'ifeq', args: c[2], line: l.line } : undefined });
      continue;
    }
    if (/^endif\b/.test(s)) {
      mf.stmts.push({ kind: 'endif', line: l.line });
      continue;
    }
    const def = /^(override\s+|export\s+)*define\s+(\S+)/.exec(s);
    if (def) {
      define = def[2];
      mf.stmts.push({ kind: 'unknown', why: `the multi-line variable ${def[2]} (define) is not simulated`, line: l.line, name: def[2] });
      continue;
    }
    if (/^-?(include|sinclude)\s/.test(s)) {
      mf.stmts.push({ kind: 'unknown', why: `${s.split(/\s+/)[0]} is not followed: variables and rules may come from it`, line: l.line, include: true });
      continue;
    }
    const ex = /^(export|unexport)(\s+(.*))?$/.exec(s);
    if (ex && !ASSIGN.test(s.replace(/^export\s+/, ''))) {
      mf.stmts.push({ kind: 'export', names: ex[3] ?? '', line: l.line, unexport: ex[1] === 'unexport' });
      continue;
    }
    const a = ASSIGN.exec(s);
    if (a) {
      if (a[4] === '!=') mf.stmts.push({ kind: 'unknown', why: `${a[3]} != runs a shell command`, line: l.line, name: a[3] });
      else mf.stmts.push({ kind: 'assign', name: a[3], op: a[4], value: a[5].trim(), line: l.line, export: !!a[2], override: !!a[1] });
      continue;
    }
    const c = ruleColon(s);
    if (c > 0) {
      let rest = s.slice(c + 1).replace(/^:/, '');
      let inline: string | null = null;
      const semi = rest.indexOf(';');
      if (semi >= 0) {
        inline = rest.slice(semi + 1).trim();
        rest = rest.slice(0, semi);
      }
      const targets = s.slice(0, c).trim();
      rule = { kind: 'rule', targets, prereqs: rest.trim(), recipe: [], line: l.line, column: l.text.indexOf(targets) + 1 };
      if (inline) rule.recipe.push({ text: inline, line: l.line, column: l.text.indexOf(inline) + 1 });
      if (targets === '.ONESHELL') mf.oneshell = true;
      mf.stmts.push(rule);
      continue;
    }
    mf.stmts.push({ kind: 'unknown', why: `make line not understood: ${s.slice(0, 60)}`, line: l.line });
  }
  return mf;
}

/** The index of the bracket closing the one at `open` (`$(` … `)`), or -1. */
export function closing(s: string, open: number): number {
  const o = s[open];
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === o) depth++;
    else if (s[k] === c && --depth === 0) return k;
  }
  return -1;
}

/** The first comma outside brackets, or -1. */
export function topComma(s: string): number {
  let depth = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '(' || s[k] === '{') depth++;
    else if (s[k] === ')' || s[k] === '}') depth--;
    else if (s[k] === ',' && depth === 0) return k;
  }
  return -1;
}

/** A function's arguments: split at the commas outside brackets. */
export function splitTop(s: string): string[] {
  const out: string[] = [];
  let rest = s;
  for (let k = topComma(rest); k >= 0; k = topComma(rest)) {
    out.push(rest.slice(0, k));
    rest = rest.slice(k + 1);
  }
  out.push(rest);
  return out;
}
