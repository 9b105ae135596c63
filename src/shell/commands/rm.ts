// rm [-rf] paths…: every operand leaves the tree, a folder with everything below it.
import type { Command } from '../types.js';

export const rm: Command = (sh, { words }) => {
  for (const x of words) if (!x.w.value.startsWith('-')) for (const p of x.paths ?? [x.w.value]) sh.vfs.remove(sh.resolve(p));
};
