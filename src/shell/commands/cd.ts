// cd / pushd / popd: the folder the following commands of the script run in.
import type { Command } from '../types.js';

export const cd: Command = (sh, { name, words }) => {
  const t = words.find((x) => !x.w.value.startsWith('-') || x.w.value === '-');
  if (name === 'pushd') sh.dirStack.push(sh.cwd);
  if (!t) {
    sh.cwd = sh.home;
    sh.cwdWhy = null;
  } else if (t.w.value === '-') {
    sh.cwdWhy = '`cd -` is not simulated';
  } else {
    const target = t.paths ? t.paths[0] : t.w.value;
    if (sh.cwdWhy && !target.startsWith('/')) return;
    sh.cwd = sh.resolve(target);
    sh.cwdWhy = null;
  }
};

export const popd: Command = (sh) => {
  const d = sh.dirStack.pop();
  if (d) sh.cwd = d;
};
