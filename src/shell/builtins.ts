// The script's own commands: functions (defined, then run where called, with their arguments), `exit`/`return`,
// `shift`, `shopt -s dotglob`, `export`/`local`/`declare`, the commands that change nothing (`set`, `echo`, `test`,
// …), and commands that run another builder file (handed to the caller's CallHook, nested at most MAX_DEPTH deep).
import type { TSNode } from './bash.js';
import { Exit, MAX_DEPTH, type Interpreter } from './frame.js';
import type { Arg } from './types.js';
import { evalWord, type Lookup } from './words.js';

/** `f() { …; }`: remembered, run where it is called. */
export function defineFunction(sh: Interpreter, n: TSNode) {
  const name = n.childForFieldName('name')?.text;
  const body = n.childForFieldName('body');
  if (name && body) sh.frame.functions.set(name, { body, locate: sh.opts.locate });
}

export function declare(sh: Interpreter, n: TSNode) {
  const kw = n.children[0]?.text;
  const exporting = kw === 'export' || n.namedChildren.some((c) => c.type === 'word' && /^-[a-z]*x/.test(c.text));
  for (const c of n.namedChildren) {
    if (c.type === 'variable_assignment') {
      sh.assign(c);
      if (exporting) sh.frame.exported.add(c.childForFieldName('name')?.text ?? '');
    } else if (c.type === 'variable_name' && exporting) sh.frame.exported.add(c.text);
  }
}

function callFunction(sh: Interpreter, n: TSNode, name: string, args: string[]) {
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
function commandName(sh: Interpreter, n: TSNode): string | null {
  const nn = n.childForFieldName('name');
  const w = nn?.namedChildren[0] ?? nn;
  if (!w) return null;
  if (!/[$"'`\\]/.test(w.text)) return w.text;
  const r = evalWord(w, sh.words());
  if ('why' in r) return null;
  // An unquoted `$LCMD` is split into words: the command is its first (command.ts splits the rest).
  return /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/.test(w.text) ? (r.value.trim().split(/\s+/)[0] ?? '') : r.value;
}

/** The script's own commands and calls of builder files; false: a command the registry simulates (or ignores). */
export function builtin(sh: Interpreter, n: TSNode, rawName: string, argsR: { words: Arg[] } | { why: string; node: TSNode }): boolean {
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
