// `just [opts] [VAR=value…] [recipe args…]` on the shell simulator (builder-calls.ts hands it here): the justfile is
// found upward from the caller's folder (`justfile`, any case, or `.justfile`) or named with -f/--justfile; each
// recipe runs its dependencies first (each once per run, with the same arguments), then its lines, each in its
// own shell in the recipe's folder (a shebang body is one script), then its `&&` dependencies.
import { posix } from 'node:path';
import type { Interpreter, Invocation, Lookup } from '../shell/index.js';
import type { BuilderFiles } from './builder-calls.js';
import { at } from './common.js';
import { evalJust, interpolate, type JustValue, type Justfile, type JustRecipe } from './justfile.js';

export const JUSTFILES = /(^|\/)(\.justfile|[Jj][Uu][Ss][Tt][Ff][Ii][Ll][Ee])$/;

type Call = Invocation & { env: Map<string, Lookup> };

/** The first justfile in `dir` or a folder above it inside the checked folder. */
function findJustfile(sh: Interpreter, dir: string): { abs: string; src: string } | null {
  for (let d = dir; d === sh.vfs.root || d.startsWith(sh.vfs.root + '/'); d = posix.dirname(d)) {
    for (const [abs, f] of sh.vfs.files) if (f.src && posix.dirname(abs) === d && JUSTFILES.test(abs)) return { abs, src: f.src };
    if (d === sh.vfs.root) break;
  }
  return null;
}

export function justCall(sh: Interpreter, inv: Call, files: BuilderFiles, read: (p: string) => Justfile | undefined): boolean {
  const vals = inv.words.map((w) => w.w.value);
  let dir = sh.cwd;
  let file: string | null = null;
  let wd: string | null = null;
  const sets = new Map<string, string>();
  const rest: string[] = [];
  for (let k = 0; k < vals.length; k++) {
    const v = vals[k];
    if (rest.length) rest.push(v);
    else if (v === '-n' || v === '--dry-run' || v === '--list' || v === '-l' || v === '--summary' || v === '--show' || v === '-s' || v === '--evaluate') return true;
    else if (v === '-f' || v === '--justfile') file = vals[++k] ?? null;
    else if (v === '-d' || v === '--working-directory') wd = vals[++k] ?? null;
    else if (v === '--set') sets.set(vals[++k] ?? '', vals[++k] ?? '');
    else if (v.startsWith('-')) continue;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*=/.test(v)) sets.set(v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1));
    else rest.push(v);
  }
  if (sh.cwdWhy) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
    return true;
  }
  const found = file ? (() => { const abs = posix.resolve(dir, file); const f = sh.vfs.files.get(abs); return f?.src ? { abs, src: f.src } : null; })() : findJustfile(sh, dir);
  const jf = found ? read(found.src) : undefined;
  if (!found || !jf) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: no justfile of the checked folder`);
    return true;
  }
  if (wd) dir = posix.resolve(dir, wd);
  const { frame, vars, opts } = sh;
  const env = (n: string) => inv.env.get(n) ?? (frame.exported.has(n) ? vars.get(n) : undefined) ?? opts.env(n);
  runJust(sh, files, jf, wd ? dir : posix.dirname(found.abs), sh.cwd, rest, sets, inv.loc, env);
  return true;
}

/**
 * Runs `words` (recipe names, each followed by as many arguments as it takes; none: the first recipe) of a justfile
 * whose folder is `jfDir`, called from `cwd`.
 */
export function runJust(sh: Interpreter, files: BuilderFiles, jf: Justfile, jfDir: string, cwd: string, words: string[], sets: Map<string, string>, loc: Invocation['loc'], env: (n: string) => Lookup | undefined) {
  for (const u of jf.unread) sh.unknownAt(u.loc, u.why);
  const envText = (n: string) => {
    const v = env(n);
    return v && 'value' in v ? v.value : undefined;
  };
  const fns = { dir: jfDir, cwd, env: envText };
  const varCache = new Map<string, JustValue>();
  const variable = (n: string, depth = 0): JustValue => {
    if (sets.has(n)) return { value: sets.get(n)! };
    const hit = varCache.get(n);
    if (hit) return hit;
    const v = jf.vars.get(n);
    if (!v || depth > 20) return { why: `{{${n}}} is not a variable of ${jf.path}` };
    const r = evalJust(v.expr, (m) => variable(m, depth + 1), fns);
    varCache.set(n, r);
    return r;
  };
  const done = new Set<string>();
  const run = (name: string, args: JustValue[], at0: Invocation['loc'], stack: string[]) => {
    const r = jf.recipes.get(jf.aliases.get(name) ?? name);
    if (!r) return sh.unknownAt(at0, `just: no recipe ${name} in ${jf.path}`);
    const key = `${r.name}(${args.map((a) => ('value' in a ? a.value : '?')).join(',')})`;
    if (done.has(key)) return;
    if (stack.includes(r.name)) return sh.unknownAt(at0, `just ${r.name}: a recursive dependency is not followed`);
    done.add(key);
    files.called.add(`just:${jf.path}:${r.name}`);
    const params = new Map<string, JustValue>();
    r.params.forEach((p, k) => {
      const given = p.variadic ? args.slice(k) : args[k] !== undefined ? [args[k]] : [];
      if (given.length) {
        const unknown = given.find((g) => 'why' in g);
        params.set(p.name, unknown ?? { value: given.map((g) => (g as { value: string }).value).join(' ') });
      } else if (p.def !== undefined) params.set(p.name, evalJust(p.def, (m) => params.get(m) ?? variable(m), fns));
      else if (p.variadic === '*') params.set(p.name, { value: '' });
      else params.set(p.name, { why: `{{${p.name}}}: recipe ${r.name}'s argument ${p.name} is given on the command line` });
    });
    const lookup = (m: string) => params.get(m) ?? variable(m);
    const ev = (e: string) => evalJust(e, lookup, fns);
    for (const d of r.deps) run(d.name, d.args.map(ev), r.loc, [...stack, r.name]);
    body(sh, jf, r, jfDir, cwd, lookup, params, ev, env);
    for (const d of r.after) run(d.name, d.args.map(ev), r.loc, [...stack, r.name]);
  };
  if (jf.shellWhy) return sh.unknownAt(loc, `just: ${jf.shellWhy}`);
  if (!words.length) {
    if (!jf.first) return sh.unknownAt(loc, `just: no recipes in ${jf.path}`);
    return run(jf.first, [], loc, []);
  }
  // Each recipe takes as many of the following words as it has parameters (a variadic one takes the rest).
  for (let k = 0; k < words.length; ) {
    const r = jf.recipes.get(jf.aliases.get(words[k]) ?? words[k]);
    if (!r) return sh.unknownAt(loc, `just: no recipe ${words[k]} in ${jf.path}`);
    const n = r.params.some((p) => p.variadic) ? words.length - k - 1 : Math.min(r.params.length, words.length - k - 1);
    run(r.name, words.slice(k + 1, k + 1 + n).map((value) => ({ value })), loc, []);
    k += 1 + n;
  }
}

/** A recipe's lines on the simulator: each its own `sh -c` (or the whole shebang body as one script). */
function body(sh: Interpreter, jf: Justfile, r: JustRecipe, jfDir: string, cwd: string, lookup: (n: string) => JustValue, params: Map<string, JustValue>, ev: (e: string) => JustValue, env: (n: string) => Lookup | undefined) {
  const wdSet = jf.settings.get('working-directory');
  const wdv = r.workdir !== undefined ? { value: r.workdir } : wdSet !== undefined ? ev(wdSet) : { value: '' };
  if ('why' in wdv) return sh.unknownAt(r.loc, `just ${r.name} working directory: ${wdv.why}`);
  const dir = r.noCd ? cwd : posix.resolve(jfDir, wdv.value);
  const exportAll = jf.settings.get('export') === 'true';
  const recipeEnv = (n: string): Lookup | undefined => {
    const p = r.params.find((x) => x.name === n);
    if (p && (p.exported || exportAll)) return params.get(n);
    const v = jf.vars.get(n);
    if (v && (v.exported || exportAll)) return lookup(n);
    return env(n);
  };
  const positional = jf.settings.get('positional-arguments') === 'true'
    ? r.params.map((p) => params.get(p.name)).map((v) => (v && 'value' in v ? v.value : ''))
    : [];
  // Line continuations (`\` at the end) join a line with the next, as just does before the shell sees it.
  const groups: { text: string; line: number; column: number }[][] = [];
  for (const l of r.lines) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1].text.endsWith('\\')) last.push(l);
    else groups.push([l]);
  }
  if (r.shebang && !/\b(ba|z|k|da)?sh\b/.test(r.lines[0].text)) return sh.unknownAt(r.loc, `just ${r.name}: its body runs with ${r.lines[0].text}, not a shell: not simulated`);
  const scripts = r.shebang ? [r.lines.slice(1)] : groups;
  for (const g of scripts) {
    const texts: string[] = [];
    for (const [i, l] of g.entries()) {
      const raw = !r.shebang && i === 0 ? l.text.replace(/^[@-]+/, '') : l.text;
      const x = interpolate(raw, ev);
      if ('why' in x) return sh.unknownAt(at(jf.path, { line: l.line, column: l.column, endLine: l.line, endColumn: l.column + l.text.length }), `just ${r.name}: ${x.why}`);
      texts.push(x.value);
    }
    if (!texts.length) continue;
    const first = g[0];
    const exact = texts.every((t, i) => t === g[i].text.replace(i === 0 && !r.shebang ? /^[@-]+/ : /^$/, ''));
    const pre = r.shebang ? 0 : first.text.length - first.text.replace(/^[@-]+/, '').length;
    sh.runNested(texts.join('\n'), {
      id: `just:${jf.path}:${r.name}`,
      cwd: dir,
      args: positional,
      argv0: 'sh',
      env: recipeEnv,
      locate: (s, e) => {
        const a = g[Math.min(s.row, g.length - 1)];
        const b = g[Math.min(e.row, g.length - 1)];
        if (!exact) return at(jf.path, { line: first.line, column: first.column, endLine: first.line, endColumn: first.column + first.text.length });
        return at(jf.path, { line: a.line, column: a.column + s.column + (s.row === 0 ? pre : 0), endLine: b.line, endColumn: b.column + e.column + (e.row === 0 ? pre : 0) });
      },
    });
  }
}
