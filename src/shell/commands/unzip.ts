// unzip: listing or testing an archive (`-l`, `-t`, `-v`, `-Z`) changes nothing; extracting is not simulated (an
// unknown with the folder it extracts into, as for tar).
import type { Command } from '../types.js';
import { notSimulated } from './not-simulated.js';

export const unzip: Command = (sh, rec) => {
  if (rec.words.some((x) => /^-[a-zA-Z]*[ltvZ]/.test(x.w.value))) return;
  notSimulated(sh, rec);
};
