// Symbolic links through build steps, as the real commands treat them (each checked with GNU cp 9, rsync 3 and
// Info-ZIP zip 3 in a temporary folder; test/shell/links.test.ts runs them again beside the simulation):
//   - kept as a link, its target text unchanged (a relative link now resolves from its new folder): cp -r/-R/-a/-P/-d
//     and mv (a link named as the argument too), rsync -a/-l, zip -y/--symlinks (Lambda's unzip restores it);
//   - followed, the target's content copied: cp -L, cp without -r, rsync -L/--copy-links, zip -r without -y; cp -H
//     follows only the links named as arguments; a link named with a trailing slash (`link/`) is always followed;
//   - skipped: rsync -r without -l ("skipping non-regular file").
// A followed link needs nothing here: the tree lists what a link shows at the link path (vfs.ts). A kept link is
// placed where the copy puts it and shows what its target names from there: a folder's files, a file, or nothing
// (dangling). A relative target that a copy moved outside the simulated tree (above the checkout, or to a folder no
// step made) names nothing either: the build machine holds the checkout and what the steps made, nothing the
// package could mean (the real cp/zip leave a dangling link there, test/shell/links2-escape.test.ts). Only a
// target nothing in the tree can decide is an unknown: an absolute one (a layer's /opt, the build machine's own
// folders), or one the checkout's own link already names outside the checkout (VFS.escaping: a sibling checkout).
import { posix } from 'node:path';
import type { Location } from '../types.js';
import type { Shell } from './types.js';
import type { VFS } from './vfs.js';

export type LinkMode = 'follow' | 'keep' | 'skip';

/** A kept link that shows nothing known: `dangling` names a place the tree knows is empty, `outside` one it does not know. */
export interface LinkNote {
  at: string;
  target: string;
  kind: 'dangling' | 'outside';
}

const isUnder = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : dir + '/');

/** The outermost link at `p` or on a folder of it strictly below `top`, if any. */
export function linkAt(vfs: VFS, p: string, top: string): string | undefined {
  if (!vfs.links.size) return undefined;
  let found: string | undefined;
  for (let cur = p; cur !== top && cur !== '/' && isUnder(cur, top); cur = posix.dirname(cur)) if (vfs.links.has(cur)) found = cur;
  return found;
}

/** The links strictly below `dir` with no link above them below `dir` (a kept copy places these). */
export function outermostLinks(vfs: VFS, dir: string): [string, string][] {
  return vfs.linksUnder(dir).filter(([l]) => l !== dir && linkAt(vfs, posix.dirname(l), dir) === undefined);
}

/** Is the empty place a link names one the tree knows to be empty (links.ts says which), or not simulated? */
function knownPlace(vfs: VFS, target: string, abs: string): boolean {
  if (isUnder(abs, vfs.root)) return true;
  if (!posix.isAbsolute(target) && !vfs.escaping.has(target)) return true;
  let a = posix.dirname(abs);
  while (!vfs.isDir(a)) a = posix.dirname(a);
  return a !== '/' && !isUnder(vfs.root, a);
}

/** Linux's limit of links followed in one lookup: the rounds of showLinks stop there too. */
const MAX_HOPS = 40;

/** Records a link at `dest` with `target` (as written), replacing what is there; showLinks makes it show its target. */
export function setLink(vfs: VFS, dest: string, target: string): void {
  vfs.remove(dest);
  vfs.addDir(posix.dirname(dest));
  vfs.links.set(dest, target);
}

/**
 * Makes the links at `dests` show what their targets name from their folders: a folder's files, a file, or
 * nothing (a note). Links resolve when read, not when made, so one link may show what another placed in the same
 * step (`inner -> pkg` while `pkg/shared` is placed too): rounds until nothing new, at most MAX_HOPS.
 */
export function showLinks(vfs: VFS, dests: string[], loc: Location): LinkNote[] {
  const live = dests.filter((d) => !isUnder(d, posix.resolve(posix.dirname(d), vfs.links.get(d)!))); // not to a folder above it (a cycle)
  for (let round = 0, before = -1; round < MAX_HOPS && vfs.files.size !== before; round++) {
    before = vfs.files.size;
    for (const dest of live) {
      const abs = posix.resolve(posix.dirname(dest), vfs.links.get(dest)!);
      const f = vfs.files.get(abs);
      if (f) vfs.setFile(dest, { src: f.src, loc });
      else if (vfs.isDir(abs)) {
        vfs.addDir(dest);
        for (const [p, v] of vfs.under(abs)) if (!vfs.files.has(dest + p.slice(abs.length))) vfs.setFile(dest + p.slice(abs.length), { src: v.src, loc });
        for (const [l, t] of vfs.linksUnder(abs)) if (l !== abs) vfs.links.set(dest + l.slice(abs.length), t);
      }
    }
  }
  const notes: LinkNote[] = [];
  for (const dest of live) {
    if (vfs.exists(dest)) continue;
    const target = vfs.links.get(dest)!;
    notes.push({ at: dest, target, kind: knownPlace(vfs, target, posix.resolve(posix.dirname(dest), target)) ? 'dangling' : 'outside' });
  }
  return notes;
}

/**
 * After a step: the links it placed (`placed`), and every link of the tree that shows nothing, are shown (links
 * resolve when read: a copy later in the same step may have made a target). Notes for the placed ones that
 * still show nothing.
 */
export function settle(vfs: VFS, placed: string[], loc: Location): LinkNote[] {
  if (!placed.length) return [];
  const mine = new Set(placed);
  const empty = [...vfs.links.keys()].filter((l) => !mine.has(l) && !vfs.exists(l));
  return showLinks(vfs, [...placed, ...empty], loc).filter((n) => mine.has(n.at));
}

/**
 * Copies folder `from`'s contents into `to` as a command with `mode` does: `follow` copies what links show,
 * `keep` places the links themselves (setLink; the step settles them), `skip` leaves them (and what they show)
 * out. The links placed.
 */
export function copyTree(vfs: VFS, from: string, to: string, loc: Location, mode: LinkMode, exclude?: (rel: string, isDir: boolean) => boolean): string[] {
  const inner = mode === 'follow' ? [] : outermostLinks(vfs, from);
  if (!inner.length) {
    vfs.copyContents(from, to, loc, exclude);
    return [];
  }
  const below = (p: string) => linkAt(vfs, p, from) !== undefined;
  vfs.copyContents(from, to, loc, (rel, isDir) => below(posix.join(from, rel)) || (exclude?.(rel, isDir) ?? false));
  if (mode === 'skip') return [];
  const placed: string[] = [];
  for (const [l, t] of inner) {
    const rel = posix.relative(from, l);
    if (exclude?.(rel, false)) continue;
    setLink(vfs, posix.join(to, rel), t);
    placed.push(posix.join(to, rel));
  }
  return placed;
}

/**
 * After any command: links that showed nothing and whose target a later step made show it now (links resolve
 * when read), and the notes that said they name nothing are dropped.
 */
export function refresh(sh: Shell, loc: Location): void {
  const empty = [...sh.vfs.links.keys()].filter((l) => !sh.vfs.exists(l));
  if (!empty.length) return;
  showLinks(sh.vfs, empty, loc);
  const now = new Set(empty.filter((l) => sh.vfs.exists(l)));
  if (!now.size) return;
  const kept = sh.notes.filter((x) => x.dest === undefined || !now.has(x.dest));
  sh.notes.splice(0, sh.notes.length, ...kept);
}

/**
 * The place a new name `p` really is: a folder link on its way is followed (writing `was/x` where `was -> ../old`
 * writes `old/x`), as the kernel resolves every component but the last.
 */
export function physical(vfs: VFS, p: string): string {
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    const l = linkAt(vfs, posix.dirname(p), '/');
    if (l === undefined) return p;
    p = posix.join(posix.resolve(posix.dirname(l), vfs.links.get(l)!), p.slice(l.length));
  }
  return p;
}

/** The folder links that show `dir` (or a folder above it): what is made in `dir` shows through them too. */
export function showing(vfs: VFS, dir: string): string[] {
  return [...vfs.links].filter(([l, t]) => isUnder(dir, posix.resolve(posix.dirname(l), t)) && vfs.isDir(l)).map(([l]) => l);
}

/** What a note says, for the unknown the command records. */
export function linkWhy(cmd: string, n: LinkNote, shown: (abs: string) => string): string {
  const what = `${cmd} keeps ${shown(n.at)} as a link to ${n.target}`;
  return n.kind === 'dangling' ? `${what}, which names nothing there: the package has no file at ${shown(n.at)}` : `${what}, outside what is simulated: what it shows is not known`;
}

/** A note said by the command: a dangling link is known (Shell.notes, the package stays known); an outside one is an unknown. */
export function said(sh: Shell, n: Parameters<Shell['unknown']>[0], note: LinkNote, why: string): void {
  if (note.kind === 'dangling') sh.notes.push({ loc: sh.loc(n), why, dest: note.at });
  else sh.unknown(n, why, note.at);
}
