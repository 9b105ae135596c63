// Symbolic links in the git index (mode 120000, the blob holds the target): a link to a file is
// listed with the target's blob, a link to a folder as that folder's files at the link path, as
// Python, `zip -r` and SAM's build see them through the file system. The work tree walk follows the
// same rules (worktree.ts), so --staged changes nothing but where content comes from.
//
// Invariants shared with the work tree walk:
//   - a link is resolved as the kernel does: relative to the folder holding it, through links in
//     the middle of the path, at most MAX_HOPS links (ELOOP past that);
//   - a link to a folder on the chain of folders being listed (itself or one above it) is a cycle:
//     not followed, named;
//   - a link outside the checked folder, or to nothing, is named and its path is `unfollowed`, so
//     that imports through it are not judged (its files are not known, not missing);
//   - a link met again inside a followed folder is named only where it really is, not once per path.
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { cmp } from '../util/compare.js';
import { normalizePath } from '../util/posix-path.js';
import type { SnapshotProblem } from './common.js';

/** Linux's limit of links followed in one path lookup (ELOOP past it). */
export const MAX_HOPS = 40;

export type LinkProblem = 'outside' | 'missing' | 'cycle';

export interface Linked {
  /** Entries listed through links (files at the link path, with the target's blob). */
  entries: SnapshotEntry[];
  problems: SnapshotProblem[];
  /** Paths of links not followed (outside, to nothing, cycles), as listed. */
  unfollowed: string[];
  /** Links followed to a folder: where the files are listed, and the real folder they are read from. */
  folders: { at: string; real: string }[];
}

export function linkMessage(kind: LinkProblem, target: string): string {
  if (kind === 'outside') return snapshotMessages.linkOutside(target);
  if (kind === 'missing') return snapshotMessages.linkMissing(target);
  return snapshotMessages.linkCycle(target);
}

/**
 * Could Python import through a link of this name (a folder-like name, or a module file)? Links that
 * cannot (`.env -> .env.local`, `README.md -> docs/README.md`) are not named when they point nowhere.
 */
export function mayHoldPython(linkPath: string): boolean {
  const name = linkPath.slice(linkPath.lastIndexOf('/') + 1);
  return !name.includes('.') || /\.(py|pyc|so|pth)$/.test(name);
}

type Target = { kind: 'file'; path: string; id: string } | { kind: 'dir'; path: string } | { kind: LinkProblem | 'loop' };

/**
 * Expands the index's links. `files`: the regular files (paths relative to the checked folder);
 * `links`: each link's path and target text; `keep`: the path filter for listed paths.
 */
export function expandIndexLinks(files: readonly SnapshotEntry[], links: readonly { path: string; target: string }[], keep: (p: string) => boolean): Linked {
  const sorted = [...files].sort((a, b) => cmp(a.path, b.path));
  const byPath = new Map(sorted.map((e) => [e.path, e.id]));
  const linkTarget = new Map(links.map((l) => [l.path, l.target]));
  const linkPaths = links.map((l) => l.path).sort(cmp);
  const dirs = new Set<string>(['']);
  for (const p of [...byPath.keys(), ...linkPaths]) for (let d = path.posix.dirname(p); d !== '.' && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  const out: Linked = { entries: [], problems: [], unfollowed: [], folders: [] };

  /** The real path (no link in it) that `p` names, following links anywhere in it. */
  const resolve = (p: string): Target => {
    for (let hops = 0; hops <= MAX_HOPS; hops++) {
      if (p === '..' || p.startsWith('../') || path.posix.isAbsolute(p)) return { kind: 'outside' };
      const parts = p === '' ? [] : p.split('/');
      let linkAt = -1;
      for (let i = 1; i <= parts.length && linkAt < 0; i++) if (linkTarget.has(parts.slice(0, i).join('/'))) linkAt = i;
      if (linkAt < 0) {
        const id = byPath.get(p);
        if (id !== undefined) return { kind: 'file', path: p, id };
        return dirs.has(p) ? { kind: 'dir', path: p } : { kind: 'missing' };
      }
      const link = parts.slice(0, linkAt).join('/');
      const target = linkTarget.get(link)!;
      if (path.posix.isAbsolute(target)) return { kind: 'outside' };
      p = normalizePath(path.posix.join(path.posix.dirname(link), target, ...parts.slice(linkAt)));
    }
    return { kind: 'loop' };
  };

  const under = <T>(list: readonly T[], key: (t: T) => string, dir: string): T[] => {
    if (dir === '') return [...list];
    const pre = `${dir}/`;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(list[mid]) < pre) lo = mid + 1;
      else hi = mid;
    }
    const res: T[] = [];
    for (let i = lo; i < list.length && key(list[i]).startsWith(pre); i++) res.push(list[i]);
    return res;
  };

  const follow = (listAt: string, real: string, chain: readonly string[], nested: boolean): void => {
    const t = resolve(real);
    if (t.kind === 'file') {
      if (keep(listAt)) out.entries.push({ path: listAt, id: t.id });
      return;
    }
    const kind: LinkProblem = t.kind === 'dir' ? 'cycle' : t.kind === 'loop' ? 'missing' : t.kind;
    if (t.kind !== 'dir' || chain.includes(t.path)) {
      out.unfollowed.push(listAt);
      if (kind === 'cycle' || (!nested && mayHoldPython(listAt))) out.problems.push({ path: listAt, message: linkMessage(kind, linkTarget.get(real)!) });
      return;
    }
    if (!keep(listAt)) return;
    out.folders.push({ at: listAt, real: t.path });
    const pre = t.path === '' ? 0 : t.path.length + 1;
    for (const e of under(sorted, (x) => x.path, t.path)) {
      const p = `${listAt}/${e.path.slice(pre)}`;
      if (keep(p)) out.entries.push({ path: p, id: e.id });
    }
    for (const l of under(linkPaths, (x) => x, t.path)) {
      const rest = l.slice(pre);
      const between = rest.split('/').slice(0, -1).map((_, i, a) => (t.path ? `${t.path}/` : '') + a.slice(0, i + 1).join('/'));
      follow(`${listAt}/${rest}`, l, [...chain, t.path, ...between], true);
    }
  };

  for (const l of linkPaths) {
    const chain = [''];
    for (let d = path.posix.dirname(l); d !== '.'; d = path.posix.dirname(d)) chain.push(d);
    follow(l, l, chain, false);
  }
  return out;
}
