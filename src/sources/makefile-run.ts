// `make [targets]` on the shell simulator's tree: the Makefile's statements replayed in order (variables, rules,
// conditionals), prerequisites made first and once, each recipe line expanded by make's rules (`$(VAR)`, `${VAR}`,
// `$@ $< $^`, `$$`, a few text functions) and run as its own shell (one shell with .ONESHELL) in make's folder.
// A value make would compute from outside (`$(shell …)`, `$(wildcard …)`, an `include`d file, a condition it
// cannot decide) is an unknown at its line, never a guess.
import { posix } from 'node:path';
import type { Location } from '../types.js';
import type { Interpreter, Lookup } from '../shell/index.js';
import { closing, splitTop, topComma, type Makefile, type RecipeLine } from './makefile.js';
import { at } from './common.js';

type Val = { value: string } | { why: string };
type Var = { raw: string; recursive: boolean; export: boolean } | { why: string };
interface Rule {
  prereqs: string[];
  recipe: RecipeLine[];
  line: number;
  column: number;
  conditional: boolean;
}

export interface MakeCall {
  mf: Makefile;
  /** The absolute folder make runs in (its CURDIR). */
  dir: string;
  /** `make VAR=value` */
  cmdVars: Map<string, string>;
  /** The caller's environment (make imports it). */
  env(name: string): Lookup | undefined;
  /** Called for every target made (the callers' registry). */
  onTarget?(id: string): void;
}

const splitWords = (s: string) => s.split(/\s+/).filter(Boolean);

export class Make {
  private vars = new Map<string, Var>();
  readonly rules = new Map<string, Rule>();
  private phony = new Set<string>();
  private made = new Set<string>();
  private includes: string | null = null;
  defaultGoal?: string;
  readonly problems: { line: number; why: string }[] = [];

  constructor(readonly call: MakeCall) {
    for (const [k, v] of call.cmdVars) this.vars.set(k, { raw: v, recursive: false, export: true });
    this.replay();
  }

  private replay() {
    const { mf } = this.call;
    // Each level: true (taken), false (skipped), null (make decides at run time: not known here).
    const stack: { state: boolean | null; done: boolean }[] = [];
    const state = () => (stack.some((s) => s.state === false) ? false : stack.some((s) => s.state === null) ? null : true);
    for (const st of mf.stmts) {
      if (st.kind === 'if') {
        const t = this.condition(st.test, st.args);
        stack.push({ state: t, done: t === true });
        continue;
      }
      if (st.kind === 'else') {
        const top = stack[stack.length - 1];
        if (!top) continue;
        const t = top.done ? false : st.chained && st.chained.kind === 'if' ? this.condition(st.chained.test, st.chained.args) : top.state === null ? null : true;
        top.state = t;
        top.done ||= t === true;
        continue;
      }
      if (st.kind === 'endif') {
        stack.pop();
        continue;
      }
      const s = state();
      if (s === false) continue;
      if (st.kind === 'assign') {
        if (s === null) this.vars.set(st.name, { why: `$(${st.name}) is set under a condition (${mf.path}:${st.line})` });
        else this.assign(st.name, st.op, st.value, st.export, st.override);
      } else if (st.kind === 'export') {
        for (const n of splitWords(st.names)) {
          const v = this.vars.get(n);
          if (v && 'raw' in v) v.export = !st.unexport;
        }
      } else if (st.kind === 'unknown') {
        if (st.name) this.vars.set(st.name, { why: st.why });
        else if (st.include) this.includes ??= `${st.why} (${mf.path}:${st.line})`;
      } else if (st.kind === 'rule') this.rule(st, s === null);
    }
  }

  private rule(st: Extract<Makefile['stmts'][number], { kind: 'rule' }>, conditional: boolean) {
    const t = this.expand(st.targets);
    const p = this.expand(st.prereqs.replace(/\|/, ' '));
    if ('why' in t) return this.problems.push({ line: st.line, why: `the targets ${st.targets}: ${t.why}` });
    const prereqs = 'why' in p ? [] : splitWords(p.value);
    if ('why' in p) this.problems.push({ line: st.line, why: `the prerequisites of ${st.targets}: ${p.why}` });
    for (const target of splitWords(t.value)) {
      if (target === '.PHONY') prereqs.forEach((x) => this.phony.add(x));
      if (target.startsWith('.') || target.includes('%')) continue;
      this.defaultGoal ??= target;
      const old = this.rules.get(target);
      this.rules.set(target, {
        prereqs: [...(old?.prereqs ?? []), ...prereqs],
        recipe: st.recipe.length || !old ? st.recipe : old.recipe,
        line: st.recipe.length || !old ? st.line : old.line,
        column: st.column,
        conditional,
      });
    }
  }

  private assign(name: string, op: string, value: string, exp: boolean, override: boolean) {
    if (this.call.cmdVars.has(name) && !override) return;
    const old = this.vars.get(name);
    if (op === '?=') {
      if (old || this.call.env(name)) return;
      this.vars.set(name, { raw: value, recursive: true, export: exp });
    } else if (op === '+=') {
      const base: Var | undefined = old ?? (this.call.env(name) ? this.envVar(name) : undefined);
      if (base && 'why' in base) return;
      if (base && !base.recursive) {
        const v = this.expand(value);
        this.vars.set(name, 'why' in v ? v : { raw: `${base.raw} ${v.value}`.trim(), recursive: false, export: exp || base.export });
      } else this.vars.set(name, { raw: `${base?.raw ?? ''} ${value}`.trim(), recursive: true, export: exp || !!base?.export });
    } else if (op === '=') this.vars.set(name, { raw: value, recursive: true, export: exp });
    else {
      const v = this.expand(value);
      this.vars.set(name, 'why' in v ? v : { raw: v.value, recursive: false, export: exp });
    }
  }

  private envVar(name: string): Var {
    const e = this.call.env(name);
    return !e ? { raw: '', recursive: false, export: true } : 'why' in e ? { why: e.why } : { raw: e.value, recursive: false, export: true };
  }

  private condition(test: string, args: string): boolean | null {
    if (test === 'ifdef' || test === 'ifndef') {
      const v = this.lookup(args.trim(), 0);
      if ('why' in v) return null;
      return (v.value !== '') === (test === 'ifdef');
    }
    let a: string;
    let b: string;
    const paren = /^\((.*)\)$/.exec(args.trim());
    const quoted = /^(["'])(.*?)\1\s+(["'])(.*?)\3$/.exec(args.trim());
    if (paren) {
      const k = topComma(paren[1]);
      if (k < 0) return null;
      [a, b] = [paren[1].slice(0, k), paren[1].slice(k + 1)];
    } else if (quoted) [a, b] = [quoted[2], quoted[4]];
    else return null;
    const x = this.expand(a.trim());
    const y = this.expand(b.trim());
    if ('why' in x || 'why' in y) return null;
    return (x.value === y.value) === (test === 'ifeq');
  }

  private lookup(name: string, depth: number, auto?: Record<string, string>): Val {
    if (auto && name in auto) return { value: auto[name] };
    const v = this.vars.get(name);
    if (v) {
      if ('why' in v) return v;
      return v.recursive ? this.expand(v.raw, auto, depth + 1) : { value: v.raw };
    }
    const e = this.call.env(name);
    if (e) return e;
    const builtin: Record<string, string> = { MAKE: 'make', CURDIR: this.call.dir, SHELL: '/bin/sh', MAKEFILE_LIST: ` ${this.call.mf.path}`, MAKEFLAGS: '' };
    if (name in builtin) return { value: builtin[name] };
    if (this.includes) return { why: `$(${name}) is not set here and may come from elsewhere: ${this.includes}` };
    return { value: '' };
  }

  /** `text` expanded as make expands it (`auto`: $@ $< $^ of the recipe's rule). */
  expand(text: string, auto?: Record<string, string>, depth = 0): Val {
    if (depth > 30) return { why: 'a variable refers to itself' };
    let out = '';
    for (let k = 0; k < text.length; k++) {
      if (text[k] !== '$') {
        out += text[k];
        continue;
      }
      const c = text[++k];
      if (c === undefined) break;
      if (c === '$') {
        out += '$';
        continue;
      }
      let r: Val;
      if (c === '(' || c === '{') {
        const end = closing(text, k);
        if (end < 0) return { why: `unterminated variable reference in ${text.slice(0, 40)}` };
        r = this.reference(text.slice(k + 1, end), auto, depth);
        k = end;
      } else r = this.lookup(c, depth, auto);
      if ('why' in r) return r;
      out += r.value;
    }
    return { value: out };
  }

  private reference(inner: string, auto: Record<string, string> | undefined, depth: number): Val {
    const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
    if (fn) return this.func(fn[1], fn[2], auto, depth);
    if (/:[^=]*=/.test(inner)) return { why: `$(${inner}) (a substitution reference) is not simulated` };
    const name = this.expand(inner, auto, depth + 1);
    return 'why' in name ? name : this.lookup(name.value, depth, auto);
  }

  private func(name: string, argText: string, auto: Record<string, string> | undefined, depth: number): Val {
    const args: string[] = [];
    for (const a of splitTop(argText)) {
      const v = this.expand(a, auto, depth + 1);
      if ('why' in v) return v;
      args.push(v.value);
    }
    const words = (s: string) => splitWords(s);
    const abs = (p: string) => posix.resolve(this.call.dir, p);
    switch (name) {
      case 'strip':
        return { value: words(args.join(',')).join(' ') };
      case 'notdir':
        return { value: words(args[0]).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ') };
      case 'dir':
        return { value: words(args[0]).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' ') };
      case 'addprefix':
        return { value: words(args[1] ?? '').map((w) => args[0] + w).join(' ') };
      case 'addsuffix':
        return { value: words(args[1] ?? '').map((w) => w + args[0]).join(' ') };
      case 'subst':
        return args.length === 3 ? { value: args[2].split(args[0]).join(args[1]) } : { why: `$(subst ${argText}) is not understood` };
      case 'abspath':
      case 'realpath':
        return { value: words(args[0]).map(abs).join(' ') };
      case 'firstword':
        return { value: words(args[0])[0] ?? '' };
      case 'lastword':
        return { value: words(args[0]).at(-1) ?? '' };
      default:
        return { why: `$(${name} …) is make's ${name} function: not simulated` };
    }
  }

  /** Makes `target` (its prerequisites first, each target once); false when make would stop there. */
  make(sh: Interpreter, target: string, callLoc: Location): boolean {
    if (this.made.has(target)) return true;
    this.made.add(target);
    const { mf, dir } = this.call;
    const rule = this.rules.get(target);
    const abs = posix.resolve(dir, target);
    if (!rule) {
      if (sh.vfs.exists(abs)) return true;
      sh.unknownAt(callLoc, `make: no rule to make target '${target}' in ${mf.path}`);
      return false;
    }
    const loc = at(mf.path, { line: rule.line, column: rule.column, endLine: rule.line, endColumn: rule.column });
    if (rule.conditional) {
      sh.unknownAt(loc, `make target ${target} is defined under a condition make decides at run time`);
      return false;
    }
    for (const p of rule.prereqs) if (!this.make(sh, p, loc)) return false;
    if (!this.phony.has(target) && sh.vfs.exists(abs)) {
      if (rule.prereqs.length && rule.recipe.length) sh.unknownAt(loc, `make may find ${target} up to date (it exists): its recipe is not simulated`);
      return true;
    }
    this.call.onTarget?.(`make:${mf.path}:${target}`);
    const auto = { '@': target, '<': rule.prereqs[0] ?? '', '^': [...new Set(rule.prereqs)].join(' '), '+': rule.prereqs.join(' ') };
    const lines = this.call.mf.oneshell ? [rule.recipe] : rule.recipe.map((r) => [r]);
    for (const group of lines) this.recipe(sh, target, group, auto);
    return true;
  }

  private recipe(sh: Interpreter, target: string, group: RecipeLine[], auto: Record<string, string>) {
    const { mf, dir } = this.call;
    const texts: string[] = [];
    const maps: { line: number; column: number; exact: boolean; width: number }[] = [];
    for (const r of group) {
      const body = r.text.replace(/^[@+\-\s]*/, '');
      const pre = r.text.length - body.length;
      const v = this.expand(body, auto);
      const loc = at(mf.path, { line: r.line, column: r.column, endLine: r.line, endColumn: r.column + r.text.length });
      if ('why' in v) {
        sh.unknownAt(loc, `make ${target}: ${v.why}`);
        return;
      }
      texts.push(v.value);
      maps.push({ line: r.line, column: r.column + pre, exact: v.value === body, width: body.split('\n')[0].length });
    }
    // Rows of the script are the group's lines (a line's continuations are further rows of the same line).
    const rowStart: number[] = [];
    let row = 0;
    for (const t of texts) {
      rowStart.push(row);
      row += t.split('\n').length;
    }
    // An expanded line's columns are not the file's: it is pointed at whole.
    const place = (p: { row: number; column: number }, end: boolean) => {
      let i = rowStart.length - 1;
      while (i > 0 && rowStart[i] > p.row) i--;
      const m = maps[i];
      const r = p.row - rowStart[i];
      if (!m.exact) return { line: m.line, column: end ? m.column + m.width : m.column };
      return { line: m.line + r, column: r === 0 ? m.column + p.column : p.column + 1 };
    };
    // The recipe's shell gets make's environment, plus the variables the Makefile exports.
    const env = (name: string): Lookup | undefined => {
      const v = this.vars.get(name);
      return v && 'raw' in v && v.export ? this.lookup(name, 0) : this.call.env(name);
    };
    sh.runNested(texts.join('\n'), {
      id: `make:${mf.path}:${target}`,
      cwd: dir,
      args: [],
      argv0: '/bin/sh',
      env,
      locate: (s, e) => {
        const a = place(s, false);
        const b = place(e, true);
        return at(mf.path, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
      },
    });
  }
}
