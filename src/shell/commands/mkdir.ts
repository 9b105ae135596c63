// mkdir [-p] dirs…: every operand becomes a folder, with its parents (-p or not: a failing mkdir is not simulated).
import type { Command } from '../types.js';

export const mkdir: Command = (sh, { words }) => {
  for (const x of words) if (!x.w.value.startsWith('-')) for (const p of x.paths ?? [x.w.value]) sh.vfs.addDir(sh.resolve(p));
};
