// A caller's view of every simple command the script runs (RunOptions.onCommand): its words, each expanded or
// with why it is not known, the folder it runs in and its environment. The simulator changes nothing for it: a
// caller reads what a command starts (a workflow step's `uvicorn main:app &`: src/sources/workflow-servers.ts).
import type { TSNode } from './bash.js';
import type { Interpreter } from './frame.js';
import type { Location } from '../types.js';
import { evalWord, type Lookup } from './words.js';

/** One word of an observed command: its value, or why it is not known, and where it is. */
export interface SeenWord {
  value?: string;
  why?: string;
  loc: Location;
}

/** A simple command as it runs: words (the name first), folder, environment (its own `K=V` prefixes first). */
export interface SeenCommand {
  words: SeenWord[];
  cwd: string;
  cwdWhy: string | null;
  env(name: string): Lookup | undefined;
  loc: Location;
  text: string;
}

export function observeCommand(sh: Interpreter, n: TSNode): void {
  const onCommand = sh.opts.onCommand;
  if (!onCommand) return;
  const wenv = sh.words();
  const words: SeenWord[] = [];
  const own = new Map<string, Lookup>();
  for (const c of n.namedChildren) {
    if (c.type === 'variable_assignment') {
      const k = c.childForFieldName('name')?.text;
      const v = c.childForFieldName('value');
      const w = v ? evalWord(v, wenv) : null;
      if (k) own.set(k, !w ? { value: '' } : 'why' in w ? { why: `$${k} is not known: ${w.why}` } : { value: w.value });
      continue;
    }
    if (c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect') continue;
    const r = evalWord(c.type === 'command_name' ? (c.namedChildren[0] ?? c) : c, wenv);
    const loc = sh.loc(c);
    words.push('why' in r ? { why: r.why, loc } : { value: r.value, loc });
  }
  // The command as written: a caller's stand-ins (`${{ matrix.app }}`) back in their place.
  let text = n.text;
  for (const st of sh.opts.standIns ?? []) if (text.includes(st.token)) text = text.split(st.token).join(st.text ?? st.token);
  onCommand({ words, cwd: sh.cwd, cwdWhy: sh.cwdWhy, env: (name) => own.get(name) ?? sh.childEnv(name), loc: sh.loc(n), text });
}
