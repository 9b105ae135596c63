// cp / mv with GNU rules: `-r/-R/-a` (mv always recursive), `-t DIR`/`--target-directory=`, `-T`, `dir/*`, `dir/.`;
// a folder copied into an existing folder nests under its name, into a new name becomes that name. Links as GNU
// cp treats them (links.ts): -r/-a/-P/-d and mv keep them, -L and a copy without -r follow them, -H follows the
// arguments only.
import { posix } from 'node:path';
import { copyTree, linkWhy, said, setLink, settle, type LinkMode } from '../links.js';
import type { Arg, Command, Invocation, Shell } from '../types.js';
import { MAX_PATH_BYTES, MAX_TREE_FILES } from '../vfs.js';
import type { Word } from '../words.js';

interface CpOptions {
  recursive: boolean;
  /** -L / -P (and -a, -d) as last given; null: GNU's default (keep when recursive, else follow). */
  deref: 'follow' | 'keep' | null;
  /** -H: follow the links named as arguments. */
  argsFollow: boolean;
  targetDir: string | null;
  noTarget: boolean;
  operands: Arg[];
}

function options(name: string, words: Arg[]): CpOptions {
  const o: CpOptions = { recursive: name === 'mv', deref: name === 'mv' ? 'keep' : null, argsFollow: false, targetDir: null, noTarget: false, operands: [] };
  let endOpts = false;
  for (let k = 0; k < words.length; k++) {
    const v = words[k].w.value;
    if (!endOpts && v === '--') endOpts = true;
    else if (!endOpts && v.startsWith('--')) {
      if (v === '--recursive' || v === '--archive') o.recursive = true;
      if (v === '--archive' || v === '--no-dereference') o.deref = 'keep';
      else if (v === '--dereference') o.deref = 'follow';
      else if (v === '--no-target-directory') o.noTarget = true;
      else if (v.startsWith('--target-directory=')) o.targetDir = v.slice(19);
    } else if (!endOpts && v.startsWith('-') && v.length > 1) {
      if (/[rRa]/.test(v)) o.recursive = true;
      for (const ch of v.slice(1)) {
        if (ch === 'L') o.deref = 'follow';
        else if (ch === 'P' || ch === 'd' || ch === 'a') o.deref = 'keep';
        else if (ch === 'H') o.argsFollow = true;
      }
      if (v.includes('T')) o.noTarget = true;
      if (v.endsWith('t')) o.targetDir = words[++k]?.w.value ?? null;
    } else o.operands.push(words[k]);
  }
  return o;
}

export const cp: Command = (sh, inv) => {
  const { node: n, name, words, loc, command } = inv;
  const { recursive, deref, argsFollow, targetDir, noTarget, operands } = options(name, words);
  const inner: LinkMode = deref ?? (recursive ? 'keep' : 'follow');
  const placed: string[] = [];
  if (targetDir === null && operands.length < 2) return;
  const destWord = targetDir !== null ? null : operands.pop()!;
  const destRaw = targetDir ?? destWord!.w.value;
  if (destWord?.paths && destWord.paths.length > 1) {
    sh.unknown(n, `${name}: the destination glob ${destWord.w.text} matches several paths`);
    return;
  }
  const dest = sh.resolve(destWord?.paths ? destWord.paths[0] : destRaw);
  const destIsDir = !noTarget && sh.vfs.isDir(dest);
  const sources = operands.flatMap((o) => (o.paths ?? [o.w.value]).map((p) => ({ o, p: sh.resolve(p), raw: p })));
  if (sources.length > 1 && !destIsDir) {
    sh.unknown(n, `${name}: target ${destRaw} is not a directory (${sources.length} sources)`);
    return;
  }
  const stepped = contentsSteps(sh, operands, dest, inv);
  for (const { o, p, raw } of sources) {
    const fromText = o.w.text;
    // A link named without a trailing slash is itself copied unless it is followed (-L, -H, no -r).
    const link = sh.vfs.links.get(p);
    if (link !== undefined && !/\/\.?$/.test(raw) && inner === 'keep' && !argsFollow && (recursive || !sh.vfs.files.has(p))) {
      const target = destIsDir ? posix.join(dest, posix.basename(p)) : dest;
      setLink(sh.vfs, target, link);
      placed.push(target);
      if (!stepped.has(o.w)) sh.copies.push({ step: { fromText, from: sh.vfs.checked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
      if (name === 'mv') sh.vfs.remove(p);
    } else if (sh.vfs.isDir(p)) {
      if (!recursive) {
        sh.unknown(n, `${name}: -r not specified; omitting directory ${raw}`);
        continue;
      }
      // `dir/.` (and `.` or `./` itself: GNU cp makes dest/. , which is dest) copies the contents; into an existing
      // folder the folder nests; else it is copied as `dest`.
      const contentsOf = /(^|\/)\.\/?$/.test(raw) || !destIsDir;
      const target = contentsOf ? dest : posix.join(dest, posix.basename(p));
      placed.push(...copyTree(sh.vfs, p, target, loc, inner));
      if (!stepped.has(o.w)) sh.copies.push({ step: { fromText, from: sh.vfs.checked(p), contentsOf, loc, command }, toAbs: contentsOf ? target : dest });
      if (name === 'mv') sh.vfs.remove(p);
    } else if (sh.vfs.files.has(p)) {
      const f = sh.vfs.files.get(p)!;
      if (!destIsDir && destRaw.endsWith('/')) {
        sh.unknown(n, `${name}: ${destRaw} is not a directory`);
        continue;
      }
      const target = destIsDir ? posix.join(dest, posix.basename(p)) : dest;
      sh.vfs.setFile(target, { src: f.src, loc });
      // A zip the script wrote, moved or copied: the deploy names it where it is now.
      const z = sh.zips.get(p);
      if (z) sh.zips.set(target, { ...z, abs: target });
      if (z && name === 'mv') sh.zips.delete(p);
      if (!stepped.has(o.w)) sh.copies.push({ step: { fromText, from: f.src ?? sh.vfs.checked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
      if (name === 'mv') sh.vfs.remove(p);
    } else {
      sh.unknown(n, `${name}: ${raw} does not exist`);
    }
  }
  for (const note of settle(sh.vfs, placed, loc)) said(sh, n, note, linkWhy(name, note, (a) => sh.vfs.checked(a)));
  cutSaid(sh, n, name, dest);
};

/** Names what the tree's limits kept out of a copy (vfs.ts): the copy is cut there, never silently. */
export function cutSaid(sh: Shell, n: Invocation['node'], name: string, dest: string) {
  const dropped = sh.vfs.takeDropped();
  // Said once per command: a loop that keeps copying past the limit says it on its first cut turn.
  const where = sh.loc(n);
  const said = sh.unknowns.some((u) => u.loc.line === where.line && u.loc.column === where.column && u.loc.file === where.file && u.why.includes('the simulated tree takes at most'));
  if (dropped && !said) sh.unknown(n, `${name}: the simulated tree takes at most ${MAX_TREE_FILES} files and folders beyond the checkout, paths of at most ${MAX_PATH_BYTES} bytes: ${dropped} left out, the copy is cut there`, dest);
}

/** One copy step per `dir/*` word (the folder's contents), instead of one per file it matched. */
function contentsSteps(sh: Shell, operands: Arg[], dest: string, { loc, command }: Invocation): Set<Word> {
  const stepped = new Set<Word>();
  for (const o of operands) {
    const t = o.w.text.replace(/^["']|["']$/g, '');
    if (o.paths && /\/\*$/.test(o.w.value) && !/[*?[]/.test(o.w.value.slice(0, -2))) {
      const from = sh.resolve(o.w.value.slice(0, -2));
      sh.copies.push({ step: { fromText: t, from: sh.vfs.checked(from), contentsOf: true, loc, command }, toAbs: dest });
      stepped.add(o.w);
    }
  }
  return stepped;
}
