// zip [-r] [-x pat…] archive inputs…: the archive's entries are the inputs' paths relative to the folder zip runs
// in (an input outside it is an unknown); an archive name without a dot gets `.zip`. Zipping into an archive that
// exists adds to it. `-j`, `-i`, `-@`, `-d` are unknowns. Files the script produced (another zip) are left out:
// they are not checked files. Links (links.ts): followed, unless -y/--symlinks stores the link itself; Lambda
// restores it under /var/task, where a relative link that leaves the package, or an absolute one, names a place
// that is not in the package (an absolute one may name a layer's /opt: not known).
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { linkAt, outermostLinks } from '../links.js';
import type { Arg, Command, Shell, ZipOut } from '../types.js';
import type { VFile } from '../vfs.js';

function options(words: Arg[]): { recursive: boolean; symlinks: boolean; excludes: string[]; operands: Arg[] } | { unsupported: string } {
  let recursive = false;
  let symlinks = false;
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
      if (v === '--symlinks' || (/^-[a-zA-Z0-9]+$/.test(v) && v.includes('y'))) symlinks = true;
      if (/^-[a-zA-Z0-9]*j/.test(v) || v === '--junk-paths') return { unsupported: 'zip -j (junk paths) is not simulated' };
      if (v === '-i' || v === '--include' || v === '-@' || v === '-d' || v === '--delete') return { unsupported: `zip ${v} is not simulated` };
      continue;
    }
    if (inExclude) excludes.push(v);
    else operands.push(x);
  }
  return { recursive, symlinks, excludes, operands };
}

export const zip: Command = (sh, { node: n, words, loc, command }) => {
  const o = options(words);
  if ('unsupported' in o) {
    sh.unknown(n, o.unsupported);
    return;
  }
  const { recursive, symlinks, excludes, operands } = o;
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
  const stored = new Set<string>();
  const add = (abs: string, f: VFile) => {
    const rel = posix.relative(root, abs);
    if (rel.startsWith('..') || abs === zipAbs || f.src === null) return;
    if (isEx(rel)) return;
    if (symlinks) {
      const l = linkAt(sh.vfs, abs, root);
      if (l !== undefined) return void stored.add(l);
    }
    entries.set(rel, { dest: rel, src: f.src, loc: f.loc ?? loc });
  };
  for (const op of operands) {
    for (const raw of op.paths ?? [op.w.value]) {
      const p = sh.resolve(raw);
      if (posix.relative(root, p).startsWith('..')) {
        sh.unknown(n, `zip: ${raw} is outside the folder zip runs in`);
        continue;
      }
      if (symlinks) {
        // Links that show nothing (dangling) have no file to meet below: stored from the link list.
        const at = linkAt(sh.vfs, p, root);
        if (at !== undefined) stored.add(at);
        else if (recursive) for (const [l] of outermostLinks(sh.vfs, p)) if (!isEx(posix.relative(root, l))) stored.add(l);
        if (at !== undefined) continue;
      }
      if (sh.vfs.isDir(p)) {
        if (!recursive) continue; // only the directory entry
        for (const [f, v] of sh.vfs.under(p)) add(f, v);
      } else if (sh.vfs.files.has(p)) add(p, sh.vfs.files.get(p)!);
      else sh.unknown(n, `zip: ${raw} does not exist`);
    }
  }
  if (stored.size) showStored(sh, z, stored, n, loc);
  z.unknowns = [...sh.unknowns];
  z.notes = [...sh.notes];
  sh.vfs.setFile(zipAbs, { src: null, loc });
};

/**
 * `zip -y`: the links at `stored` (absolute) are stored as links; in /var/task each shows what its target names
 * inside the package, that is the archive's own entries there (another stored link's too: rounds, as links
 * resolve when read), or nothing, named as an unknown with the link.
 */
function showStored(sh: Shell, z: ZipOut, stored: Iterable<string>, n: Parameters<Shell['unknown']>[0], loc: ZipOut['loc']) {
  const pending: { rel: string; target: string; at: string }[] = [];
  for (const l of stored) {
    const target = sh.vfs.links.get(l)!;
    const rel = posix.relative(z.root, l);
    if (posix.isAbsolute(target) && !target.startsWith('/var/task/')) {
      sh.unknown(n, `zip -y stores ${rel} as a link to ${target}, outside the package: what Lambda finds there is not known`, l);
      continue;
    }
    const abs = target.startsWith('/var/task/') ? posix.join(z.root, target.slice(10)) : posix.resolve(posix.dirname(l), target);
    const at = posix.relative(z.root, abs);
    if (at === '' || at.startsWith('..') || rel === at || rel.startsWith(at + '/')) {
      if (!at.startsWith('..')) continue; // a link to a folder above it: a cycle, nothing more to list
      sh.notes.push({ loc: sh.loc(n), why: `zip -y stores ${rel} as a link to ${target}, which leaves the package: Lambda finds no file at ${rel}`, dest: l });
      continue;
    }
    pending.push({ rel, target, at });
  }
  for (let round = 0, before = -1; round < 40 && z.files.size !== before; round++) {
    before = z.files.size;
    for (const { rel, at } of pending) {
      for (const [dest, f] of [...z.files]) {
        const suffix = dest === at ? '' : dest.startsWith(at + '/') ? dest.slice(at.length) : null;
        if (suffix !== null && !z.files.has(rel + suffix)) z.files.set(rel + suffix, { dest: rel + suffix, src: f.src, loc: f.loc ?? loc });
      }
    }
  }
  for (const { rel, target } of pending) {
    if (![...z.files.keys()].some((d) => d === rel || d.startsWith(rel + '/'))) {
      sh.notes.push({ loc: sh.loc(n), why: `zip -y stores ${rel} as a link to ${target}, which names nothing in the package: Lambda finds no file at ${rel}`, dest: posix.join(z.root, rel) });
    }
  }
}
