// Symbolic links through Dockerfile COPY/ADD, as BuildKit copies them (moby/buildkit dockerfile2llb: COPY is
// llb.Copy with FollowSymlinks and CopyDirContentsOnly; tonistiigi/fsutil copy/copy.go: the source path is
// resolved with fs.RootPath, following links as if the context were `/`, and inside a copied folder every link is
// made again with os.Symlink(os.Readlink(src)), its text unchanged):
//   - a source that is a link (or has one on its way) is followed: its target's file or folder is copied;
//   - a link inside a copied folder stays a link: in the image it names what its text names from its new folder,
//     so `src/shared -> ../libs/shared` copied by `COPY src/ /var/task/` names /var/libs/shared, which is empty.
// A stage's links show what they name in the stage, when the layout is read and after each COPY (links resolve
// when read); one that names nothing the stage holds is a note (the package stays known), one whose target the
// stage cannot decide (an absolute one into the base image, a folder a RUN filled) an unknown.
import { posix } from 'node:path';
import type { Location } from '../types.js';
import { isUnder, relTo } from './common.js';
import type { Build, Stage } from './dockerfile-model.js';

/** The context's links (context-relative path → target as written). */
export function contextLinks(all: ReadonlyMap<string, string> | undefined, context: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [p, t] of all ?? []) if (isUnder(p, context) && p !== context) out.set(relTo(p, context), t);
  return out;
}

/** Is `p` below (or at) one of `set`'s paths? Walks p's folders: linear in its depth, not in the set's size. */
function belowAny(p: string, set: ReadonlySet<string>, stopAt = ''): boolean {
  for (let cur = p; cur !== stopAt && cur !== '' && cur !== '/' && cur !== '.'; cur = posix.dirname(cur)) if (set.has(cur)) return true;
  return false;
}

/** The links strictly below context folder `m` with no link above them below `m` (a folder copy keeps these). */
export function innerLinks(b: Build, m: string): [string, string][] {
  if (!b.links?.size) return [];
  const below = [...b.links].filter(([l]) => l !== m && (m === '' || isUnder(l, m)));
  const paths = new Set(below.map(([l]) => l));
  return below.filter(([l]) => !belowAny(posix.dirname(l), paths, m));
}

/** Places the kept links of a copy of folder `m` into `destAbs`; the test for the context files they hide. */
export function placeLinks(s: Stage, inner: [string, string][], m: string, destAbs: string, loc: Location): (f: string) => boolean {
  if (!inner.length) return () => false;
  s.links ??= new Map();
  const placed = new Set<string>();
  for (const [l, t] of inner) {
    const at = posix.join(destAbs, m === '' ? l : relTo(l, m));
    placed.add(at);
    s.links.set(at, { target: t, loc });
  }
  // What an earlier COPY put where a link now is goes: the link replaces it.
  for (const k of [...s.files.keys()]) if (belowAny(k, placed)) s.files.delete(k);
  const hidden = new Set(inner.map(([l]) => l));
  return (f) => belowAny(f, hidden, m);
}

const shows = (s: Stage, l: string) => s.files.has(l) || [...s.files.keys()].some((k) => k.startsWith(l + '/'));

/** Makes the stage's links that show nothing show what they name now (rounds: a link may name another's files). */
export function showStageLinks(s: Stage, loc: Location): void {
  if (!s.links?.size) return;
  for (let round = 0, before = -1; round < 40 && s.files.size !== before; round++) {
    before = s.files.size;
    for (const [l, { target: t }] of s.links) {
      if (shows(s, l)) continue;
      const abs = posix.resolve(posix.dirname(l), t);
      if (isUnder(l, abs)) continue; // a link to a folder above it: a cycle
      const f = s.files.get(abs);
      if (f) s.files.set(l, { src: f.src, loc });
      else for (const [k, v] of [...s.files]) if (k.startsWith(abs + '/')) s.files.set(l + k.slice(abs.length), { src: v.src, loc });
      if (shows(s, l)) s.dirs.add(posix.dirname(l));
    }
  }
}

/**
 * Could something the Dockerfile does not list have put files at `abs`? A RUN not simulated (it may write anywhere),
 * a dependency install or an unknown step writing there, or a base image that is not an AWS Lambda base image (its
 * /opt is not known). An AWS Lambda base image leaves /opt empty (Lambda mounts layers there for zip functions; a
 * container image takes no layers: AWS docs "Working with layers": "You can't use layers with container images").
 */
function mayHold(s: Stage, abs: string): boolean {
  if (s.installs.some((d) => isUnder(abs, d) || isUnder(d, abs))) return true;
  if (s.unknowns.some((u) => u.destAbs === undefined || isUnder(abs, u.destAbs) || isUnder(u.destAbs, abs))) return true;
  return !(s.lambdaBase && isUnder(abs, '/opt') && abs !== '/opt');
}

/**
 * For the layout: each link that still shows nothing, as a note (known to name nothing: imports through it are
 * judged as missing) or an unknown whose `link` (the link's path in the image) is all it leaves not known.
 */
export function stageLinkSays(s: Stage): { notes: { loc: Location; why: string; at: string }[]; unknowns: Stage['unknowns'] } {
  const notes: { loc: Location; why: string; at: string }[] = [];
  const unknowns: Stage['unknowns'] = [];
  for (const [l, { target: t, loc }] of s.links ?? []) {
    if (shows(s, l)) continue;
    const abs = posix.resolve(posix.dirname(l), t);
    const what = `COPY keeps ${l} as a link to ${t}`;
    if (posix.isAbsolute(t) ? mayHold(s, abs) : s.installs.some((d) => isUnder(abs, d)) || s.unknowns.some((u) => u.destAbs !== undefined && isUnder(abs, u.destAbs)))
      unknowns.push({ loc, why: `${what}: what ${abs} holds in the image is not known (imports through it are not judged)`, destAbs: l, link: l });
    else if (posix.isAbsolute(t))
      notes.push({ loc, why: `${what}, and nothing in the image is at ${abs} (no step of the Dockerfile puts it there, the AWS Lambda base image has nothing in /opt, and an image takes no layers): Python finds no file at ${l}`, at: l });
    else notes.push({ loc, why: `${what}, which names nothing in the image: Python finds no file at ${l}`, at: l });
  }
  return { notes, unknowns };
}

/**
 * `COPY --from=<stage>` of folder `h` (absolute in `from`): the same copy, so the links below it are kept too
 * (placed into `destAbs`); the test for the files of `from` they hide.
 */
export function placeStageLinks(s: Stage, from: Stage, h: string, destAbs: string, loc: Location): (f: string) => boolean {
  if (!from.links?.size) return () => false;
  const below = [...from.links].filter(([l]) => l !== h && isUnder(l, h));
  const paths = new Set(below.map(([l]) => l));
  const outer = below.filter(([l]) => !belowAny(posix.dirname(l), paths, h));
  const hide = placeLinks(s, outer.map(([l, v]) => [relTo(l, h), v.target]), '', destAbs, loc);
  return (f) => hide(relTo(f, h));
}
