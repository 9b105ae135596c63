// Control flow and the script's own commands, beside the simulator's statement loop: functions (defined, then run
// where called, with their arguments), `if` on a test the tree decides, `exit`/`return`, `shift`, `set`, `shopt -s
// dotglob`, `export`/`local`, the `$(…)` whose output is known (`pwd`, `dirname`, `basename`, `realpath`,
// `cd DIR && pwd`), and commands that run another builder file (handed to the caller's CallHook).
import { posix } from 'node:path';
import type { TSNode } from './bash.js';
import { test, testCommand, type TestEnv } from './conditions.js';
import type { RunOptions, ShellSim } from './simulator.js';
import type { Arg, Invocation } from './types.js';
import { evalWord, type Lookup } from './words.js';

/** Thrown by `exit` (ends the script or subshell) and `return` (ends the function). */
export class Exit {
  constructor(readonly kind: 'exit' | 'return') {}
}

/** One running script's own state. */
export interface Frame {
  /** $1…: null when the script's arguments are not known (a workflow step: $1 stays unknown). */
  positional: string[] | null;
  argv0?: string;
  functions: Map<string, { body: TSNode; locate: RunOptions['locate'] }>;
  exported: Set<string>;
  /** Ids of the builder files running (the call chain), for the recursion guard. */
  stack: string[];
  dotglob: boolean;
}

/** How a builder file runs nested (ShellSim.runNested). */
export interface NestedRun {
  /** What runs (`script:deploy.sh`, `make:Makefile:package`): a call already on the stack is not run again. */
  id: string;
  cwd: string;
  cwdWhy?: string | null;
  args?: string[];
  /** $0 / ${BASH_SOURCE[0]}. */
  argv0: string;
  locate: RunOptions['locate'];
  /** Variables set for this run only (`FOO=1 ./x.sh`, make's exported variables). */
  env?: (name: string) => Lookup | undefined;
  /** `source`: runs in the caller's shell (its folder and variables stay changed). */
  inPlace?: boolean;
}

/** A command that runs a builder file: `./build.sh`, `bash scripts/x.sh`, `make package`, `npm run build`. */
export interface CallHook {
  /** By name only (no file is read): could this command run a builder file? */
  handles(name: string): boolean;
  /** Follows the call (nested runs on `sh`); false: not a call it follows, the command runs as any other. */
  run(sh: ShellSim, inv: Invocation & { env: Map<string, Lookup> }): boolean;
}

/** Nested calls deeper than this are unknowns (a loop through files the recursion guard cannot see). */
export const MAX_DEPTH = 12;

function testEnv(sh: ShellSim): TestEnv {
  return { words: sh.words(), vfs: sh.vfs, resolve: (p) => (p.startsWith('/') ? posix.normalize(p) : sh.cwdWhy ? null : sh.resolve(p)) };
}

function values(sh: ShellSim, nodes: TSNode[]): string[] | null {
  const out: string[] = [];
  for (const a of nodes) {
    const w = evalWord(a, sh.words());
    if ('why' in w || w.glob) return null;
    out.push(w.value);
  }
  return out;
}

/** The truth of a condition the tree decides (`[ -d build ]`, `test -z "$1"`, `! [ … ]`), or null. */
function decide(sh: ShellSim, n: TSNode): boolean | null {
  if (n.type === 'test_command') return test(n, testEnv(sh));
  if (n.type === 'negated_command' && n.namedChildren.length === 1) {
    const r = decide(sh, n.namedChildren[0]);
    return r === null ? null : !r;
  }
  if (n.type === 'command') {
    const name = n.childForFieldName('name')?.text;
    if (name !== 'test' && name !== '[') return null;
    const args = values(sh, n.childrenForFieldName('argument'));
    return args ? testCommand(args, testEnv(sh)) : null;
  }
  return null;
}

function ifStatement(sh: ShellSim, n: TSNode) {
  const clauses: { cond: TSNode[] | null; body: TSNode[] }[] = [];
  let inCond = false;
  const walk = (children: TSNode[]) => {
    for (const c of children) {
      if (c.type === 'if' || c.type === 'elif') {
        clauses.push({ cond: [], body: [] });
        inCond = true;
      } else if (c.type === 'then') inCond = false;
      else if (c.type === 'else') clauses.push({ cond: null, body: [] });
      else if (c.type === 'elif_clause' || c.type === 'else_clause') walk(c.children);
      else if (clauses.length && /^[a-z_]+$/.test(c.type) && c.type !== 'fi' && c.type !== 'comment') {
        const cl = clauses[clauses.length - 1];
        (inCond && cl.cond ? cl.cond : cl.body).push(c);
      }
    }
  };
  walk(n.children);
  for (let k = 0; k < clauses.length; k++) {
    const { cond, body } = clauses[k];
    const t = cond === null ? true : cond.length === 1 ? decide(sh, cond[0]) : null;
    if (t === true) {
      for (const b of body) sh.exec(b);
      return;
    }
    if (t === null) {
      // The success path: a branch that only prints or exits changes nothing; one that touches files is unknown.
      const rest = clauses.slice(k);
      if (rest.some((c) => c.body.some((b) => touchesBesidesDeploys(sh, b)))) {
        sh.unknown(n, 'if statement not simulated: it changes files conditionally');
      } else if (rest.some((c) => c.body.some((b) => DEPLOY_OP.test(b.text)))) deployAlternatives(sh, n, rest);
      return;
    }
  }
}

const DEPLOY_OP = /\b(create-function|update-function-code|update-function-configuration)\b/;

/** Like touchesFiles, but an `aws lambda …` deploy (literal or `$LCMD …`) changes no file. */
function touchesBesidesDeploys(sh: ShellSim, n: TSNode): boolean {
  if (n.type === 'command') {
    const name = n.childForFieldName('name')?.text ?? '';
    if ((name === 'aws' || name.startsWith('$')) && /\blambda\b/.test(n.text) && DEPLOY_OP.test(n.text)) return false;
    return sh.touchesFiles(n);
  }
  return n.namedChildren.some((c) => touchesBesidesDeploys(sh, c));
}

/**
 * An undecided `if` whose branches change no file but deploy (`if [ -z "$EXISTS" ]; then $LCMD create-function
 * --handler … ; else $LCMD update-function-code …; fi`): every branch is an alternative, so each runs from the same
 * variables and its `aws lambda` records are kept (a zip gets the handler any branch states). A variable the
 * branches leave differently (or that the if may leave alone) is not known afterwards.
 */
function deployAlternatives(sh: ShellSim, n: TSNode, rest: { cond: TSNode[] | null; body: TSNode[] }[]) {
  const saved = new Map(sh.vars);
  const after: Map<string, Lookup>[] = [];
  for (const c of rest) {
    sh.vars = new Map(saved);
    try {
      for (const b of c.body) sh.exec(b);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
    }
    after.push(sh.vars);
  }
  if (rest[rest.length - 1].cond !== null) after.push(saved);
  sh.vars = new Map(saved);
  const line = n.startPosition.row + 1;
  for (const name of new Set(after.flatMap((m) => [...m.keys()]))) {
    const vs = after.map((m) => m.get(name));
    const same = vs.every((v) => JSON.stringify(v) === JSON.stringify(vs[0]));
    if (same && vs[0]) sh.vars.set(name, vs[0]);
    else if (!same) sh.vars.set(name, { why: `$${name} is set differently by the branches of the if at line ${line}` });
  }
}

function declare(sh: ShellSim, n: TSNode) {
  const kw = n.children[0]?.text;
  const exporting = kw === 'export' || n.namedChildren.some((c) => c.type === 'word' && /^-[a-z]*x/.test(c.text));
  for (const c of n.namedChildren) {
    if (c.type === 'variable_assignment') {
      sh.assign(c);
      if (exporting) sh.frame.exported.add(c.childForFieldName('name')?.text ?? '');
    } else if (c.type === 'variable_name' && exporting) sh.frame.exported.add(c.text);
  }
}

/** `$(…)` whose output the tree knows; undefined: not one of those. */
function substitute(sh: ShellSim, n: TSNode): Lookup | undefined {
  const stmts = n.namedChildren.filter((c) => c.type !== 'comment');
  const cmds = stmts.length === 1 && stmts[0].type === 'list' ? stmts[0].namedChildren : stmts;
  if (!cmds.every((c) => c.type === 'command')) return undefined;
  const parts = cmds.map((c) => ({ name: c.childForFieldName('name')?.text ?? '', args: values(sh, c.childrenForFieldName('argument')) }));
  if (parts.some((p) => p.args === null)) return undefined;
  let cwd: string | null = sh.cwdWhy ? null : sh.cwd;
  const abs = (p: string) => (p.startsWith('/') ? posix.normalize(p) : cwd === null ? null : posix.resolve(cwd, p));
  for (let k = 0; k < parts.length; k++) {
    const { name, args } = parts[k];
    const a = args!.filter((x) => !x.startsWith('-'));
    const last = k === parts.length - 1;
    if (name === 'cd' && !last && a.length === 1) {
      cwd = abs(a[0]);
      continue;
    }
    if (!last) return undefined;
    if (name === 'pwd') return cwd === null ? { why: `$(${n.text.slice(2, -1)}): ${sh.cwdWhy}` } : { value: cwd };
    if (name === 'dirname' && a.length === 1) return { value: posix.dirname(a[0]) };
    if (name === 'basename' && (a.length === 1 || a.length === 2)) {
      const b = posix.basename(a[0]);
      return { value: a[1] && b.endsWith(a[1]) && b !== a[1] ? b.slice(0, -a[1].length) : b };
    }
    if ((name === 'realpath' || (name === 'readlink' && args!.includes('-f'))) && a.length === 1) {
      const r = abs(a[0]);
      return r === null ? { why: `${n.text}: ${sh.cwdWhy}` } : { value: r };
    }
    if (name === 'echo' && a.length === args!.length) return { value: a.join(' ') };
    return undefined;
  }
  return undefined;
}

function callFunction(sh: ShellSim, n: TSNode, name: string, args: string[]) {
  const f = sh.frame.functions.get(name)!;
  if (sh.frame.stack.filter((s) => s === `fn:${name}`).length > 2) {
    sh.unknown(n, `${name}: recursive function not simulated`);
    return;
  }
  const saved = { positional: sh.frame.positional, stack: sh.frame.stack, locate: sh.opts.locate };
  sh.frame.positional = args;
  sh.frame.stack = [...saved.stack, `fn:${name}`];
  sh.opts = { ...sh.opts, locate: f.locate };
  try {
    sh.exec(f.body);
  } catch (e) {
    if (!(e instanceof Exit) || e.kind !== 'return') throw e;
  } finally {
    sh.frame.positional = saved.positional;
    sh.frame.stack = saved.stack;
    sh.opts = { ...sh.opts, locate: saved.locate };
  }
}

/** The command's name after expansion (`"$DIR/build.sh"`), or null when it is not known. */
function commandName(sh: ShellSim, n: TSNode): string | null {
  const nn = n.childForFieldName('name');
  const w = nn?.namedChildren[0] ?? nn;
  if (!w) return null;
  if (!/[$"'`\\]/.test(w.text)) return w.text;
  const r = evalWord(w, sh.words());
  if ('why' in r) return null;
  // An unquoted `$LCMD` is split into words: the command is its first (ShellSim.command splits the rest).
  return /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/.test(w.text) ? (r.value.trim().split(/\s+/)[0] ?? '') : r.value;
}

/** The script's own commands and calls of builder files; false: a command the registry simulates (or ignores). */
function command(sh: ShellSim, n: TSNode, rawName: string, argsR: { words: Arg[] } | { why: string; node: TSNode }): boolean {
  const words = 'words' in argsR ? argsR.words : null;
  const vals = words?.map((x) => x.w.value) ?? null;
  if (sh.frame.functions.has(rawName)) {
    if (!vals) {
      if (sh.touchesFiles(sh.frame.functions.get(rawName)!.body)) sh.unknown(n, `${rawName}: ${(argsR as { why: string }).why}`);
    } else callFunction(sh, n, rawName, vals);
    return true;
  }
  switch (rawName) {
    case 'exit':
      throw new Exit('exit');
    case 'return':
      throw new Exit('return');
    case 'shift': {
      const k = vals?.[0] && /^\d+$/.test(vals[0]) ? Number(vals[0]) : 1;
      if (sh.frame.positional) sh.frame.positional = sh.frame.positional.slice(k);
      return true;
    }
    case 'shopt':
      if (vals?.includes('dotglob')) sh.frame.dotglob = vals.includes('-s');
      return true;
    case 'set':
    case 'echo':
    case 'printf':
    case 'test':
    case '[':
    case ':':
    case 'true':
      return true;
  }
  const name = commandName(sh, n);
  const hook = sh.calls;
  if (!hook || name === null || !hook.handles(name)) return false;
  if (!words) {
    sh.unknown(n, `${n.text.split('\n')[0].slice(0, 100)}: ${(argsR as { why: string }).why}`);
    return true;
  }
  if (sh.frame.stack.length >= MAX_DEPTH) {
    sh.unknown(n, `${n.text.slice(0, 100)}: calls nested deeper than ${MAX_DEPTH} are not followed`);
    return true;
  }
  const env = new Map<string, Lookup>();
  for (const a of n.namedChildren) {
    if (a.type !== 'variable_assignment') continue;
    const k = a.childForFieldName('name')?.text;
    const v = a.childForFieldName('value');
    const w = v ? evalWord(v, sh.words()) : null;
    if (k) env.set(k, !w ? { value: '' } : 'why' in w ? { why: `$${k} is not known: ${w.why}` } : { value: w.value });
  }
  return hook.run(sh, { node: n, name, words, loc: sh.loc(n), command: n.text, env });
}

function exec(sh: ShellSim, n: TSNode) {
  if (n.type === 'function_definition') {
    const name = n.childForFieldName('name')?.text;
    const body = n.childForFieldName('body');
    if (name && body) sh.frame.functions.set(name, { body, locate: sh.opts.locate });
  } else if (n.type === 'if_statement') ifStatement(sh, n);
}

export const control = { decide, declare, substitute, command, exec };
