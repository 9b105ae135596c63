// `$(…)` whose output the tree knows: `pwd`, `dirname`, `basename`, `realpath`, `readlink -f`, `echo`, after
// `cd DIR &&`. Anything else is not substituted (the word is not known).
import { posix } from 'node:path';
import type { TSNode } from './bash.js';
import type { Interpreter } from './frame.js';
import { literalValues } from './args.js';
import type { Lookup } from './words.js';

/** `$(…)` whose output the tree knows; undefined: not one of those. */
export function substitute(sh: Interpreter, n: TSNode): Lookup | undefined {
  const stmts = n.namedChildren.filter((c) => c.type !== 'comment');
  const cmds = stmts.length === 1 && stmts[0].type === 'list' ? stmts[0].namedChildren : stmts;
  if (!cmds.every((c) => c.type === 'command')) return undefined;
  const parts = cmds.map((c) => ({ name: c.childForFieldName('name')?.text ?? '', args: literalValues(sh, c.childrenForFieldName('argument')) }));
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
