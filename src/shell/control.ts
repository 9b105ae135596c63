// `if` on a condition the tree decides (`[ -d build ]`, `test -z "$1"`): that branch runs. An undecided one whose
// branches touch files is an unknown; one whose branches only deploy (`aws lambda create-function` or
// `update-function-code`) runs each branch as an alternative. `&&`/`||` lists ask `decide` too (src/shell/statements.ts).
import { posix } from 'node:path';
import type { TSNode } from './bash.js';
import { literalValues } from './args.js';
import { test, testCommand, type TestEnv } from './conditions.js';
import { Exit, type Interpreter } from './frame.js';
import type { Lookup } from './words.js';

function testEnv(sh: Interpreter): TestEnv {
  return { words: sh.words(), vfs: sh.vfs, resolve: (p) => (p.startsWith('/') ? posix.normalize(p) : sh.cwdWhy ? null : sh.resolve(p)) };
}

/** The truth of a condition the tree decides (`[ -d build ]`, `test -z "$1"`, `! [ … ]`), or null. */
export function decide(sh: Interpreter, n: TSNode): boolean | null {
  if (n.type === 'test_command') return test(n, testEnv(sh));
  if (n.type === 'negated_command' && n.namedChildren.length === 1) {
    const r = decide(sh, n.namedChildren[0]);
    return r === null ? null : !r;
  }
  if (n.type === 'command') {
    const name = n.childForFieldName('name')?.text;
    if (name !== 'test' && name !== '[') return null;
    const args = literalValues(sh, n.childrenForFieldName('argument'));
    return args ? testCommand(args, testEnv(sh)) : null;
  }
  return null;
}

export function ifStatement(sh: Interpreter, n: TSNode) {
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
function touchesBesidesDeploys(sh: Interpreter, n: TSNode): boolean {
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
function deployAlternatives(sh: Interpreter, n: TSNode, rest: { cond: TSNode[] | null; body: TSNode[] }[]) {
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
