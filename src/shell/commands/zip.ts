// zip [-r] [-x pat…] archive inputs…: the archive's entries are the inputs' paths relative to the folder zip runs
// in (an input outside it is an unknown); an archive name without a dot gets `.zip`. Zipping into an archive that
// exists adds to it. `-j`, `-i`, `-@`, `-d` are unknowns. Files the script produced (another zip) are left out:
// they are not checked files.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Arg, Command } from '../types.js';
import type { VFile } from '../vfs.js';

function options(words: Arg[]): { recursive: boolean; excludes: string[]; operands: Arg[] } | { unsupported: string } {
  let recursive = false;
  const excludes: string[] = [];
  const operands: Arg[] = [];
  let inExclude = false;
  for (const x of words) {
    const v = x.w.value;
    if (v === '-x' || v === '--exclude') {
      inExclude = true;
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      inExclude = false;
      if (v === '-r' || v === '--recurse-paths' || (/^-[a-zA-Z0-9]+$/.test(v) && v.includes('r'))) recursive = true;
      if (/^-[a-zA-Z0-9]*j/.test(v) || v === '--junk-paths') return { unsupported: 'zip -j (junk paths) is not simulated' };
      if (v === '-i' || v === '--include' || v === '-@' || v === '-d' || v === '--delete') return { unsupported: `zip ${v} is not simulated` };
      continue;
    }
    if (inExclude) excludes.push(v);
    else operands.push(x);
  }
  return { recursive, excludes, operands };
}

export const zip: Command = (sh, { node: n, words, loc, command }) => {
  const o = options(words);
  if ('unsupported' in o) {
    sh.unknown(n, o.unsupported);
    return;
  }
  const { recursive, excludes, operands } = o;
  if (operands.length < 1) return;
  const zw = operands.shift()!;
  let zipRaw = zw.w.value;
  if (!posix.basename(zipRaw).includes('.')) zipRaw += '.zip';
  const zipAbs = sh.resolve(zipRaw);
  const root = sh.cwd;
  const isEx = excludes.length ? picomatch(excludes, { dot: true, bash: true }) : () => false;
  let z = sh.zips.get(zipAbs);
  if (!z) {
    z = { abs: zipAbs, root, files: new Map(), loc, command, unknowns: [] };
    sh.zips.set(zipAbs, z);
  }
  // Entries are relative to where zip runs each time; the archive keeps its first root for copies.
  const entries = z.files;
  const add = (abs: string, f: VFile) => {
    const rel = posix.relative(root, abs);
    if (rel.startsWith('..') || abs === zipAbs || f.src === null) return;
    if (isEx(rel)) return;
    entries.set(rel, { dest: rel, src: f.src, loc: f.loc ?? loc });
  };
  for (const op of operands) {
    for (const raw of op.paths ?? [op.w.value]) {
      const p = sh.resolve(raw);
      if (posix.relative(root, p).startsWith('..')) {
        sh.unknown(n, `zip: ${raw} is outside the folder zip runs in`);
        continue;
      }
      if (sh.vfs.isDir(p)) {
        if (!recursive) continue; // only the directory entry
        for (const [f, v] of sh.vfs.under(p)) add(f, v);
      } else if (sh.vfs.files.has(p)) add(p, sh.vfs.files.get(p)!);
      else sh.unknown(n, `zip: ${raw} does not exist`);
    }
  }
  z.unknowns = [...sh.unknowns];
  sh.vfs.setFile(zipAbs, { src: null, loc });
};
