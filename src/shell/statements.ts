// The statement loop: `a && b` runs both (the left side is assumed to succeed), `a || b` runs only `a`, unless `a`
// is a test the tree decides (`[ -d build ] || mkdir build`); subshells restore the folder and the variables;
// `for x in literal words` runs its body per word; `if` (src/shell/control.ts), functions and the script's own
// commands (src/shell/builtins.ts), simple commands (src/shell/command.ts). Any other statement that touches files
// is an unknown.
import { echoEnv } from './args.js';
import type { TSNode } from './bash.js';
import { declare, defineFunction } from './builtins.js';
import { simpleCommand } from './command.js';
import { decide, ifStatement } from './control.js';
import { Exit, type Interpreter } from './frame.js';
import { evalWord, type Word } from './words.js';

export function statement(sh: Interpreter, n: TSNode): void {
  switch (n.type) {
    case 'program':
    case 'compound_statement':
    case 'do_group':
    case 'pipeline':
    case 'negated_command':
      for (const c of n.namedChildren) sh.exec(c);
      return;
    case 'list': {
      // `a && b && …` nests to the left, one level per operator: walk down the left spine, then run
      // it innermost first, so a 10,000-step RUN chain does not recurse 10,000 deep.
      const spine: TSNode[] = [];
      for (let cur: TSNode | undefined = n; cur?.type === 'list'; cur = cur.namedChildren[0]) spine.push(cur);
      // `truth`: the list so far, when the tree decides it (a command run is taken to succeed). An undecided
      // guard's `exit`/`return` is not taken (`[[ $clean -eq 1 ]] && echo clean && exit 0`), as `if` takes the
      // success path: exiting there would end the simulation and hide every step after it.
      let truth: boolean | null = null;
      for (let k = spine.length - 1; k >= 0; k--) {
        const op = spine[k].children.find((c) => c.type === '&&' || c.type === '||');
        const [l, r] = spine[k].namedChildren;
        const t: boolean | null = k === spine.length - 1 ? (l ? decide(sh, l) : null) : truth;
        if (l && t === null && k === spine.length - 1) sh.exec(l);
        const runs = t === null ? op?.type !== '||' : t === (op?.type !== '||');
        if (r && runs && !(t === null && isExit(r))) {
          sh.exec(r);
          truth = t === null ? null : true;
        } else truth = t;
      }
      return;
    }
    case 'subshell': {
      const saved = { cwd: sh.cwd, why: sh.cwdWhy, vars: new Map(sh.vars) };
      try {
        for (const c of n.namedChildren) sh.exec(c);
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
      }
      sh.cwd = saved.cwd;
      sh.cwdWhy = saved.why;
      sh.vars = saved.vars;
      return;
    }
    case 'redirected_statement':
      redirected(sh, n);
      return;
    case 'variable_assignment':
      sh.assign(n);
      return;
    case 'declaration_command':
      declare(sh, n);
      return;
    case 'function_definition':
      defineFunction(sh, n);
      return;
    case 'if_statement':
      ifStatement(sh, n);
      return;
    case 'command':
      simpleCommand(sh, n);
      return;
    case 'for_statement':
      forLoop(sh, n);
      return;
    case 'comment':
      return;
    default:
      if (sh.touchesFiles(n)) sh.unknown(n, `${n.type.replace(/_/g, ' ')} not simulated: it changes files conditionally`);
  }
}

function redirected(sh: Interpreter, n: TSNode) {
  const body = n.childForFieldName('body');
  const redirect = n.namedChildren.find((c) => c.type === 'file_redirect');
  const dest = redirect?.childForFieldName('destination');
  const envFile = sh.opts.envFile;
  if (envFile && body && dest && envFile.matches(dest.text) && body.type === 'command' && body.childForFieldName('name')?.text === 'echo') {
    echoEnv(sh, body, envFile);
    return;
  }
  if (body) sh.exec(body);
}

function forLoop(sh: Interpreter, n: TSNode) {
  const v = n.childForFieldName('variable');
  const body = n.childForFieldName('body');
  const words = n.childrenForFieldName('value').map((w) => evalWord(w, sh.words()));
  const bad = words.find((w): w is { why: string; node: TSNode } => 'why' in w);
  if (!v || !body || bad || words.some((w) => 'glob' in w && w.glob)) {
    if (sh.touchesFiles(n)) sh.unknown(n, `for loop not simulated${bad ? `: ${bad.why}` : ''}`);
    return;
  }
  for (const w of words as Word[]) {
    sh.vars.set(v.text, { value: w.value });
    sh.exec(body);
  }
}

/** `exit N` / `return N`: a command that only leaves the script or function. */
function isExit(n: TSNode): boolean {
  const name = n.type === 'command' ? n.childForFieldName('name')?.text : undefined;
  return name === 'exit' || name === 'return';
}
