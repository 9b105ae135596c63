// rsync [-a|-r] [--exclude PAT]… sources… dest: `src/` copies the contents, `src` the folder itself; exclude rules
// as rsync reads them (a trailing `/` matches folders only, a leading `/` anchors, a pattern without `/` matches
// any path segment). `--include`, `--filter`, `--files-from`, `-R` are unknowns. Links (links.ts): -a/-l keep
// them, -L follows them, -r alone skips them; the other link options (--copy-unsafe-links, -k …) are unknowns.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { copyTree, linkWhy, said, setLink, settle, type LinkMode } from '../links.js';
import type { Arg, Command } from '../types.js';
import { cutSaid } from './cp.js';

type Options = { recursive: boolean; links: LinkMode; excludes: string[]; operands: Arg[] };

function options(words: Arg[]): Options | { unsupported: string } {
  let recursive = false;
  let links: LinkMode = 'skip';
  let follow = false;
  const excludes: string[] = [];
  const operands: Arg[] = [];
  for (let k = 0; k < words.length; k++) {
    const v = words[k].w.value;
    if (v.startsWith('--exclude=')) excludes.push(v.slice(10));
    else if (v === '--exclude') excludes.push(words[++k]?.w.value ?? '');
    else if (v.startsWith('--include') || v.startsWith('--filter') || v.startsWith('--files-from') || v === '-R' || v === '--relative') {
      return { unsupported: v };
    } else if (v === '--recursive' || v === '--archive') {
      recursive = true;
      if (v === '--archive') links = 'keep';
    } else if (v === '--links') links = 'keep';
    else if (v === '--no-links' || v === '--no-l') links = 'skip';
    else if (v === '--copy-links') follow = true;
    else if (/^--(copy-unsafe-links|safe-links|copy-dirlinks|keep-dirlinks|munge-links)$/.test(v)) return { unsupported: v };
    else if (v.startsWith('--')) continue;
    else if (v.startsWith('-') && v.length > 1) {
      if (/[ra]/.test(v)) recursive = true;
      if (/[al]/.test(v)) links = 'keep';
      if (v.includes('L')) follow = true;
      if (/[kK]/.test(v)) return { unsupported: `rsync ${v} (link options)` };
    } else operands.push(words[k]);
  }
  return { recursive, links: follow ? 'follow' : links, excludes, operands };
}

export const rsync: Command = (sh, { node: n, words, loc, command }) => {
  const o = options(words);
  if ('unsupported' in o) {
    sh.unknown(n, `rsync ${o.unsupported} is not simulated`);
    return;
  }
  const { recursive, operands } = o;
  if (operands.length < 2) return;
  const destW = operands.pop()!;
  const dest = sh.resolve(destW.w.value);
  const exclude = rsyncExcluder(o.excludes);
  const placed: string[] = [];
  for (const src of operands) {
    for (const raw of src.paths ?? [src.w.value]) {
      const p = sh.resolve(raw);
      const link = raw.endsWith('/') ? undefined : sh.vfs.links.get(p);
      if (link !== undefined && o.links !== 'follow') {
        // The named link itself: kept (-a/-l) or skipped (-r).
        if (o.links === 'skip' || exclude(posix.basename(p), false)) continue;
        const target = sh.vfs.isDir(dest) || destW.w.value.endsWith('/') || operands.length > 1 ? posix.join(dest, posix.basename(p)) : dest;
        setLink(sh.vfs, target, link);
        placed.push(target);
        sh.copies.push({ step: { fromText: src.w.text, from: sh.vfs.checked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
      } else if (sh.vfs.isDir(p)) {
        if (!recursive) {
          sh.unknown(n, `rsync without -r/-a skips directory ${raw}`);
          continue;
        }
        const contents = raw.endsWith('/') || /\/\.$/.test(raw);
        const target = contents ? dest : posix.join(dest, posix.basename(p));
        const prefix = contents ? '' : posix.basename(p) + '/';
        if (!contents && exclude(posix.basename(p), true)) continue;
        placed.push(...copyTree(sh.vfs, p, target, loc, o.links, (rel, isDir) => exclude(prefix + rel, isDir)));
        sh.copies.push({ step: { fromText: src.w.text, from: sh.vfs.checked(p), contentsOf: contents, loc, command }, toAbs: contents ? target : dest });
      } else if (sh.vfs.files.has(p)) {
        if (exclude(posix.basename(p), false)) continue;
        const target = sh.vfs.isDir(dest) || destW.w.value.endsWith('/') || operands.length > 1 ? posix.join(dest, posix.basename(p)) : dest;
        sh.vfs.setFile(target, { src: sh.vfs.files.get(p)!.src, loc });
        sh.copies.push({ step: { fromText: src.w.text, from: sh.vfs.checked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
      } else sh.unknown(n, `rsync: ${raw} does not exist`);
    }
  }
  for (const note of settle(sh.vfs, placed, loc)) said(sh, n, note, linkWhy('rsync', note, (a) => sh.vfs.checked(a)));
  cutSaid(sh, n, 'rsync', dest);
};

/** rsync's exclude rules over a path relative to the transfer root. */
export function rsyncExcluder(patterns: string[]): (rel: string, isDir: boolean) => boolean {
  const rules = patterns.map((p) => {
    const dirOnly = p.endsWith('/');
    let q = dirOnly ? p.slice(0, -1) : p;
    const anchored = q.startsWith('/');
    if (anchored) q = q.slice(1);
    return { dirOnly, anchored, hasSlash: q.includes('/'), match: picomatch(q.replace(/\*\*/g, '**'), { dot: true }) };
  });
  return (rel, isDir) => {
    const segs = rel.split('/');
    for (const r of rules) {
      for (let end = segs.length; end >= 1; end--) {
        const isD = end < segs.length || isDir;
        if (r.dirOnly && !isD) continue;
        if (!r.hasSlash && !r.anchored) {
          if (r.match(segs[end - 1])) return true;
        } else {
          for (let start = 0; start < end; start++) {
            if (r.anchored && start > 0) break;
            if (r.match(segs.slice(start, end).join('/'))) return true;
          }
        }
      }
    }
    return false;
  };
}
