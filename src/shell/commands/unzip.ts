// unzip: listing or testing an archive (`-l`, `-t`, `-v`, `-Z`) changes nothing; extracting is not simulated.
import type { Command } from '../types.js';

export const unzip: Command = (sh, { node, words }) => {
  if (words.some((x) => /^-[a-zA-Z]*[ltvZ]/.test(x.w.value))) return;
  sh.unknown(node, 'unzip is not simulated');
};
