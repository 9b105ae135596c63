// The CallHook every shell reader shares (workflow steps, scripts, Makefile recipes, package.json scripts, Taskfile
// commands): a command that runs another builder file is followed into it, on the same virtual tree, in the
// caller's folder and with its arguments:
//
//   ./scripts/build.sh ingestion · bash scripts/deploy.sh "$STAGE" · sh -c '…' · source env.sh · . ./lib.sh
//   make -C lambdas package ARTIFACTS_DIR=out · npm run build:lambda -- --stage dev · yarn build · pnpm run x
//   task package -- arg · just package dev (justfile-run.ts)
//
// Each run is recorded (`called`: the files and targets something ran) so that a script found but called by
// nothing can be simulated on its own (scripts.ts). A file the build produced, a script too large to read, or a
// call already on the call stack is an unknown with why.
import { posix } from 'node:path';
import type { CallHook, Interpreter, Invocation, Lookup } from '../shell/index.js';
import { at } from './common.js';
import { parseMakefile, type Makefile } from './makefile.js';
import { Make } from './makefile-run.js';
import { readPackageScripts, shellQuote, type PackageScript } from './package-json.js';
import { expandTemplates, readTaskfile, type Taskfile } from './taskfile.js';
import { scalarMapper } from './yaml.js';
import { parseJustfile, type Justfile } from './justfile.js';
import { justCall } from './justfile-run.js';

/** What the hook reads: the text of a builder file, and the registry of what ran. */
export interface BuilderFiles {
  text(path: string): string | undefined;
  called: Set<string>;
}

/** Scripts longer than this are not simulated (a generated or vendored file, not a build step). */
export const MAX_SCRIPT = 200_000;

const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
const TOOLS = new Set(['make', 'gmake', 'npm', 'yarn', 'pnpm', 'task', 'go-task', 'just', 'source', '.']);
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];
const TASKFILES = ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'Taskfile.dist.yaml'];

type Call = Invocation & { env: Map<string, Lookup> };

export function builderCalls(files: BuilderFiles): CallHook {
  const parsed = new Map<string, unknown>();
  const cached = <T>(kind: string, path: string, read: (text: string) => T): T | undefined => {
    const key = `${kind}:${path}`;
    if (!parsed.has(key)) {
      const text = files.text(path);
      parsed.set(key, text === undefined || text.length > MAX_SCRIPT ? undefined : read(text));
    }
    return parsed.get(key) as T | undefined;
  };
  const r: Readers = {
    files,
    script: (p) => cached('script', p, (t) => (t.includes('\0') ? undefined : t)),
    makefile: (p) => cached('make', p, (t) => parseMakefile(p, t)),
    packageScripts: (p) => cached('npm', p, (t) => readPackageScripts(p, t) ?? undefined),
    taskfile: (p) => cached('task', p, (t) => readTaskfile(p, t) ?? undefined),
    justfile: (p) => cached('just', p, (t) => parseJustfile(p, t)),
  };
  return {
    handles: (name) => SHELLS.has(name) || TOOLS.has(name) || name.includes('/') || /\.(sh|bash)$/.test(name),
    run(sh, inv) {
      if (SHELLS.has(inv.name)) return shell(sh, inv, r);
      if (inv.name === 'source' || inv.name === '.') return runFile(sh, inv, r, inv.words[0]?.w.value, inv.words.slice(1).map((w) => w.w.value), true);
      if (inv.name === 'make' || inv.name === 'gmake') return make(sh, inv, r);
      if (inv.name === 'npm' || inv.name === 'yarn' || inv.name === 'pnpm') return npm(sh, inv, r);
      if (inv.name === 'task' || inv.name === 'go-task') return task(sh, inv, r);
      if (inv.name === 'just') return justCall(sh, inv, r.files, r.justfile);
      return runFile(sh, inv, r, inv.name, inv.words.map((w) => w.w.value), false);
    },
  };
}

interface Readers {
  files: BuilderFiles;
  script(path: string): string | undefined;
  makefile(path: string): Makefile | undefined;
  packageScripts(path: string): Map<string, PackageScript> | undefined;
  taskfile(path: string): Taskfile | undefined;
  justfile(path: string): Justfile | undefined;
}

/** The checked file at an absolute path of the tree (a copy of one counts as it), or why there is none. */
function checkedAt(sh: Interpreter, abs: string): { src: string } | { why: string } | null {
  if (!(abs === sh.vfs.root || abs.startsWith(sh.vfs.root + '/'))) return null;
  const f = sh.vfs.files.get(abs);
  if (!f) return { why: `${sh.vfs.checked(abs)} does not exist` };
  if (f.src === null) return { why: `${sh.vfs.checked(abs)} is produced by the build` };
  return { src: f.src };
}

function guard(sh: Interpreter, inv: Call, id: string): boolean {
  if (!sh.frame.stack.includes(id)) return true;
  sh.unknown(inv.node, `${inv.command.slice(0, 80)}: a recursive call is not followed`);
  return false;
}

/** `bash [-opts] FILE args…`, `sh -c 'script' [$0 args…]`; an interactive shell or stdin script is not followed. */
function shell(sh: Interpreter, inv: Call, r: Readers): boolean {
  const vals = inv.words.map((w) => w.w.value);
  let k = 0;
  while (k < vals.length && /^[-+]/.test(vals[k]) && vals[k] !== '-c' && vals[k] !== '--') k++;
  if (vals[k] === '--') k++;
  if (vals[k] === '-c') {
    const script = vals[k + 1];
    if (script === undefined) return true;
    const id = `inline:${inv.loc.file}:${inv.loc.line}:${inv.loc.column}`;
    if (!guard(sh, inv, id)) return true;
    sh.runNested(script, { id, cwd: sh.cwd, cwdWhy: sh.cwdWhy, args: vals.slice(k + 3), argv0: vals[k + 2] ?? inv.name, env: (n) => inv.env.get(n), locate: () => inv.loc });
    return true;
  }
  if (k >= vals.length) return false;
  return runFile(sh, inv, r, vals[k], vals.slice(k + 1), false);
}

/** A script file run by path (`./build.sh`, `bash x.sh`) or sourced; false when it is not a file we read. */
function runFile(sh: Interpreter, inv: Call, r: Readers, file: string | undefined, args: string[], inPlace: boolean): boolean {
  if (!file) return true;
  // A virtualenv's activate script sets PATH and VIRTUAL_ENV: it changes no file of the package.
  if (inPlace && /(^|\/)bin\/activate(\.sh)?$/.test(file)) return true;
  if (sh.cwdWhy && !file.startsWith('/')) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
    return true;
  }
  const abs = sh.resolve(file);
  const c = checkedAt(sh, abs);
  if (c === null) return false; // outside the checked folder (/usr/bin/…): a tool, not a builder file
  if ('why' in c) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: not followed: ${c.why}`);
    return true;
  }
  const text = r.script(c.src);
  if (text === undefined) {
    if (!/\.(sh|bash)$/.test(c.src)) return false; // `./manage.py`, `./gradlew`: not a shell script we read
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${c.src} is not read (larger than ${MAX_SCRIPT} characters, or binary)`);
    return true;
  }
  const id = `script:${c.src}`;
  if (!guard(sh, inv, id)) return true;
  r.files.called.add(id);
  sh.runNested(text, {
    id,
    cwd: sh.cwd,
    args: inPlace && !args.length ? undefined : args,
    argv0: file,
    env: (n) => inv.env.get(n),
    inPlace,
    locate: (s, e) => at(c.src, { line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }),
  });
  return true;
}

/** The first of `names` in folder `dir` or, when `upward`, its parents inside the checked folder. */
function findUp(sh: Interpreter, dir: string, names: string[], upward: boolean): { abs: string; src: string } | null {
  for (let d = dir; ; d = posix.dirname(d)) {
    for (const n of names) {
      const f = sh.vfs.files.get(posix.join(d, n));
      if (f?.src) return { abs: posix.join(d, n), src: f.src };
    }
    if (!upward || d === sh.vfs.root || !d.startsWith(sh.vfs.root)) return null;
  }
}

function make(sh: Interpreter, inv: Call, r: Readers): boolean {
  const vals = inv.words.map((w) => w.w.value);
  let dir = sh.cwd;
  let file: string | null = null;
  const targets: string[] = [];
  const cmdVars = new Map<string, string>();
  for (let k = 0; k < vals.length; k++) {
    const v = vals[k];
    if (v === '-n' || v === '--dry-run' || v === '-q' || v === '--question') return true;
    if (v === '-C' || v === '--directory') dir = posix.resolve(dir, vals[++k] ?? '.');
    else if (v.startsWith('--directory=')) dir = posix.resolve(dir, v.slice(12));
    else if (/^-C./.test(v)) dir = posix.resolve(dir, v.slice(2));
    else if (v === '-f' || v === '--file' || v === '--makefile') file = vals[++k] ?? null;
    else if (/^--(file|makefile)=/.test(v)) file = v.slice(v.indexOf('=') + 1);
    else if (v === '-j' && /^\d+$/.test(vals[k + 1] ?? '')) k++;
    else if (v.startsWith('-')) continue;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) cmdVars.set(v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1));
    else targets.push(v);
  }
  if (sh.cwdWhy) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
    return true;
  }
  const found = file ? (() => { const abs = posix.resolve(dir, file); const f = sh.vfs.files.get(abs); return f?.src ? { abs, src: f.src } : null; })() : findUp(sh, dir, MAKEFILES, false);
  const mf = found ? r.makefile(found.src) : undefined;
  if (!found || !mf) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: no Makefile of the checked folder in ${sh.vfs.checked(dir) || '.'}`);
    return true;
  }
  // The caller's environment as it is at this call: sh.childEnv read later would see the recipe shell's own env,
  // which asks make's env again (an endless loop with a make that runs make in a recipe).
  const { frame, vars, opts } = sh;
  const callerEnv = (n: string) => inv.env.get(n) ?? (frame.exported.has(n) ? vars.get(n) : undefined) ?? opts.env(n);
  runMakefile(sh, r.files, mf, dir, targets, cmdVars, inv.loc, callerEnv);
  return true;
}

/** Makes `targets` (the default goal when none) of a parsed Makefile in `dir` on the tree. */
export function runMakefile(sh: Interpreter, files: BuilderFiles, mf: Makefile, dir: string, targets: string[], cmdVars: Map<string, string>, loc: Invocation['loc'], env: (n: string) => Lookup | undefined) {
  const m = new Make({ mf, dir, cmdVars, env, onTarget: (id) => files.called.add(id) });
  const goals = targets.length ? targets : m.defaultGoal ? [m.defaultGoal] : [];
  if (!goals.length) sh.unknownAt(loc, `make: no targets in ${mf.path}`);
  for (const t of goals) {
    if (sh.frame.stack.includes(`make:${mf.path}:${t}`)) {
      sh.unknownAt(loc, `make ${t}: a recursive call is not followed`);
      return;
    }
    if (!m.make(sh, t, loc)) return;
  }
}

const NPM_BUILTINS = new Set(['install', 'i', 'ci', 'add', 'remove', 'uninstall', 'publish', 'pack', 'link', 'audit', 'outdated', 'version', 'config', 'cache', 'login', 'whoami', 'init', 'dedupe', 'prune', 'rebuild', 'upgrade', 'up', 'update']);

function npm(sh: Interpreter, inv: Call, r: Readers): boolean {
  const vals = inv.words.map((w) => w.w.value);
  const tool = inv.name;
  let dir = sh.cwd;
  const rest: string[] = [];
  let k = 0;
  for (; k < vals.length; k++) {
    const v = vals[k];
    if (v === '--') break;
    if (v === '--prefix' || (tool !== 'npm' && (v === '--cwd' || v === '--dir' || v === '-C'))) dir = posix.resolve(dir, vals[++k] ?? '.');
    else if (/^--(prefix|cwd|dir)=/.test(v)) dir = posix.resolve(dir, v.slice(v.indexOf('=') + 1));
    else if (/^--(filter|workspace|workspaces)\b/.test(v) || v === '-w' || v === 'workspace' || v === '-r' || v === '--recursive') {
      sh.unknown(inv.node, `${inv.command.slice(0, 80)}: workspace runs are not followed`);
      return true;
    } else if (v.startsWith('-') && rest.length < 2) continue;
    else rest.push(v);
  }
  const extra = k < vals.length ? vals.slice(k + 1) : [];
  let name: string | undefined;
  let args: string[];
  const sub = rest[0];
  if (sub === undefined) return true;
  if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') [name, args] = [rest[1], [...rest.slice(2), ...extra]];
  else if (['test', 't', 'start', 'stop', 'restart'].includes(sub)) [name, args] = [sub === 't' ? 'test' : sub, [...rest.slice(1), ...extra]];
  else if (NPM_BUILTINS.has(sub) || tool === 'npm') return true; // dependencies and other npm commands: not our files
  else [name, args] = [sub, [...rest.slice(1), ...extra]];
  if (!name) return true;
  if (sh.cwdWhy) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
    return true;
  }
  const pkg = findUp(sh, dir, ['package.json'], true);
  const scripts = pkg ? r.packageScripts(pkg.src) : undefined;
  const main = scripts?.get(name);
  if (!pkg || !scripts || !main) {
    // yarn/pnpm run a package binary of that name; npm fails.
    if (tool === 'npm') sh.unknown(inv.node, `${inv.command.slice(0, 80)}: no script ${name} in ${pkg?.src ?? 'a package.json of the checked folder'}`);
    return true;
  }
  // npm runs preNAME and postNAME around NAME (yarn 2+ and pnpm do not by default).
  const order = tool === 'npm' ? [scripts.get(`pre${name}`), main, scripts.get(`post${name}`)] : [main];
  for (const s of order) {
    if (!s) continue;
    const id = `npm:${pkg.src}:${s.name}`;
    if (!guard(sh, inv, id)) return true;
    r.files.called.add(id);
    const text = s === main && args.length ? `${s.text} ${args.map(shellQuote).join(' ')}` : s.text;
    sh.runNested(text, {
      id,
      cwd: posix.dirname(pkg.abs),
      args: [],
      argv0: 'sh',
      env: (n) => inv.env.get(n),
      locate: (a, b) =>
        at(pkg.src, s.exact && a.row === 0 ? { line: s.line, column: s.column + a.column, endLine: s.line, endColumn: s.column + (b.row === 0 ? b.column : s.text.length) } : { line: s.line, column: s.column, endLine: s.line, endColumn: s.column }),
    });
  }
  return true;
}

function task(sh: Interpreter, inv: Call, r: Readers): boolean {
  const vals = inv.words.map((w) => w.w.value);
  let dir = sh.cwd;
  let file: string | null = null;
  const names: string[] = [];
  let k = 0;
  for (; k < vals.length && vals[k] !== '--'; k++) {
    const v = vals[k];
    if (v === '-d' || v === '--dir') dir = posix.resolve(dir, vals[++k] ?? '.');
    else if (v === '-t' || v === '--taskfile') file = vals[++k] ?? null;
    else if (v.startsWith('-')) continue;
    else if (!v.includes('=')) names.push(v);
  }
  const cli = k < vals.length ? vals.slice(k + 1).map(shellQuote).join(' ') : '';
  if (sh.cwdWhy) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
    return true;
  }
  const found = file ? findUp(sh, posix.dirname(posix.resolve(dir, file)), [posix.basename(file)], false) : findUp(sh, dir, TASKFILES, true);
  const tf = found ? r.taskfile(found.src) : undefined;
  if (!found || !tf) {
    sh.unknown(inv.node, `${inv.command.slice(0, 80)}: no Taskfile of the checked folder`);
    return true;
  }
  for (const n of names.length ? names : ['default']) runTask(sh, r, tf, posix.dirname(found.abs), n, cli, new Map(), inv);
  return true;
}

/** Runs task `name` of a Taskfile whose folder is `tfDir`: its deps, then its commands. */
export function runTask(sh: Interpreter, r: Readers | BuilderFiles, tf: Taskfile, tfDir: string, name: string, cli: string, callVars: Map<string, string>, inv: Pick<Call, 'node' | 'loc' | 'command' | 'env'>) {
  const files = 'files' in r ? r.files : r;
  const id = `task:${tf.path}:${name}`;
  const t = tf.tasks.get(name);
  if (sh.frame.stack.includes(id) || !t) {
    sh.unknownAt(inv.loc, t ? `task ${name}: a recursive call is not followed` : `task: no task ${name} in ${tf.path}`);
    return;
  }
  files.called.add(id);
  const lookup = (v: string) =>
    callVars.get(v) ?? t.vars.get(v) ?? tf.vars.get(v) ?? ({ CLI_ARGS: cli, TASK: name, ROOT_DIR: tfDir, TASKFILE_DIR: tfDir, USER_WORKING_DIR: sh.cwd } as Record<string, string>)[v];
  const dirX = t.dir ? expandTemplates(t.dir, lookup) : { value: '' };
  if ('why' in dirX) return sh.unknownAt(t.loc, `task ${name} dir: ${dirX.why}`);
  const cwd = posix.resolve(tfDir, dirX.value);
  for (const c of [...t.deps, ...t.cmds]) {
    if (c.kind === 'unknown') sh.unknownAt(c.loc, c.why);
    else if (c.kind === 'task') runTask(sh, r, tf, tfDir, c.name, '', c.vars, { ...inv, loc: c.loc });
    else {
      const x = expandTemplates(c.text, lookup);
      if ('why' in x) {
        sh.unknownAt(c.loc, `task ${name}: ${x.why}`);
        continue;
      }
      const map = scalarMapper(tf.text, tf.lc, c.node);
      const exact = x.value === c.text;
      sh.runNested(x.value, {
        id,
        cwd,
        args: [],
        argv0: 'sh',
        env: (n) => inv.env.get(n),
        locate: (s, e) => {
          if (!exact) return c.loc;
          const a = map(s.row, s.column);
          const b = map(e.row, e.column);
          return at(tf.path, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
        },
      });
    }
  }
}
