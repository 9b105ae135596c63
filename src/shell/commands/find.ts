// find PATHS… TESTS… ACTION: the clean-ups build scripts run before zipping (`find build -name '*.pyc' -delete`,
// `find . -type d -name __pycache__ -exec rm -rf {} +`). Tests: -name, -iname, -path, -type f|d, -maxdepth,
// -mindepth, `!`/-not, joined by AND. Actions: -delete and -exec rm … {} remove what matches; -print, -ls and
// none change nothing; any other -exec / -execdir / -ok, and -o or parentheses with an action, are unknowns.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Command } from '../types.js';

interface Test {
  not: boolean;
  match: (abs: string, rel: string, isDir: boolean) => boolean;
}

export const find: Command = (sh, { node, words }) => {
  const vals = words.map((x) => x.w.value);
  const paths: string[] = [];
  let k = 0;
  while (k < vals.length && !/^[-(!]/.test(vals[k])) paths.push(vals[k++]);
  if (!paths.length) paths.push('.');
  const tests: Test[] = [];
  let remove = false;
  let not = false;
  let maxDepth = Infinity;
  let minDepth = 0;
  for (; k < vals.length; k++) {
    const v = vals[k];
    const arg = vals[k + 1];
    if (v === '!' || v === '-not') not = !not;
    else if (v === '-a' || v === '-and' || v === '-print' || v === '-print0' || v === '-ls') continue;
    else if ((v === '-name' || v === '-iname' || v === '-path' || v === '-wholename') && arg !== undefined) {
      const m = picomatch(arg, { dot: true, nocase: v === '-iname' });
      tests.push({ not, match: v === '-name' || v === '-iname' ? (abs) => m(posix.basename(abs)) : (_abs, rel) => m(rel) });
      not = false;
      k++;
    } else if (v === '-type' && (arg === 'f' || arg === 'd')) {
      tests.push({ not, match: (_a, _r, isDir) => isDir === (arg === 'd') });
      not = false;
      k++;
    } else if ((v === '-maxdepth' || v === '-mindepth') && arg && /^\d+$/.test(arg)) {
      if (v === '-maxdepth') maxDepth = Number(arg);
      else minDepth = Number(arg);
      k++;
    } else if (v === '-delete') remove = true;
    else if ((v === '-exec' || v === '-execdir') && arg === 'rm') {
      const end = vals.findIndex((x, i) => i > k && (x === ';' || x === '+'));
      if (end < 0 || !vals.slice(k + 2, end).includes('{}')) return sh.unknown(node, `find ${v} rm is not understood`);
      remove = true;
      k = end;
    } else return sh.unknown(node, `find ${v} is not simulated`);
  }
  if (!remove) return;
  for (const p of paths) {
    const start = sh.resolve(p);
    if (!sh.vfs.isDir(start)) continue;
    const candidates: [string, boolean][] = [...sh.vfs.dirsUnder(start).map((d): [string, boolean] => [d, true]), ...sh.vfs.under(start).map(([f]): [string, boolean] => [f, false])];
    for (const [abs, isDir] of candidates) {
      const rel = posix.join(p, posix.relative(start, abs));
      const depth = posix.relative(start, abs).split('/').length;
      if (depth > maxDepth || depth < minDepth) continue;
      if (tests.every((t) => t.match(abs, rel, isDir) !== t.not) && sh.vfs.exists(abs)) sh.vfs.remove(abs);
    }
  }
};
