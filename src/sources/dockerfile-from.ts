// `COPY --from=<stage>`: files copied out of an earlier stage's filesystem, as far as the Dockerfile built it (what its
// COPYs and RUNs put there, each file keeping the checked file it came from). Source paths are absolute in that
// stage (relative ones from its root, as buildkit reads them). What the stage holds but the Dockerfile does not say
// (its base image, a RUN not simulated) follows as an unknown; dependencies installed there (`pip install -t`,
// site-packages) are dependencies, not package files.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Instruction } from './dockerfile-read.js';
import type { DWord } from './dockerfile-words.js';
import { insLoc, insLocAt, whyVar, type Build, type Stage } from './dockerfile-model.js';
import { placeStageLinks } from './dockerfile-links.js';

const DEPENDENCY_DIR = /(^|\/)(site-packages|dist-packages)(\/|$)/;

const under = (p: string, dir: string) => p === dir || p.startsWith(dir === '/' ? '/' : dir + '/');

/** The stage `--from` names: a stage name or index; undefined for an image. */
function namedStage(b: Build, name: string): Stage | undefined {
  if (/^\d+$/.test(name)) return b.stages[Number(name)];
  return b.stages.find((s) => s.name !== undefined && s.name.toLowerCase() === name.toLowerCase());
}

export function copyFromStage(b: Build, s: Stage, ins: Instruction, fromW: DWord, srcs: DWord[], dest: { destAbs: string; destIsDir: boolean }) {
  const loc = insLoc(b, ins);
  const { destAbs } = dest;
  if (fromW.why !== undefined) {
    s.unknowns.push({ loc, why: `${ins.keyword} --from: ${whyVar(fromW.why, s)}`, destAbs });
    return;
  }
  const from = namedStage(b, fromW.value!);
  if (!from) {
    s.unknowns.push({ loc, why: `${ins.keyword} --from=${fromW.value} copies from another image: not simulated`, destAbs });
    return;
  }
  const command = `${ins.keyword} ${ins.args}`;
  for (const w of srcs) {
    const wloc = insLocAt(b, ins, w.start, w.end);
    if (w.why !== undefined) {
      s.unknowns.push({ loc: wloc, why: `${ins.keyword} source: ${whyVar(w.why, s)}`, destAbs });
      continue;
    }
    const srcAbs = posix.resolve('/', w.value!);
    const glob = /[*?[]/.test(srcAbs);
    const isM = glob ? picomatch(srcAbs, { dot: true }) : (p: string) => p === srcAbs;
    const hits = [...from.dirs, ...from.files.keys()].filter((p) => isM(p));
    // What the other stage may hold there without the Dockerfile saying: its unknowns that touch the path.
    for (const u of from.unknowns) {
      if (u.destAbs === undefined || under(u.destAbs, srcAbs) || under(srcAbs, u.destAbs)) s.unknowns.push({ loc: u.loc, why: u.why, destAbs });
    }
    if (!hits.length) {
      const deps = DEPENDENCY_DIR.test(srcAbs) || from.installs.some((d) => under(srcAbs, d) || under(d, srcAbs));
      if (!deps) s.unknowns.push({ loc: wloc, why: `${ins.keyword} --from=${fromW.value} ${w.value}: nothing the Dockerfile puts in stage ${fromW.value} is there (its base image or a RUN)`, destAbs });
      continue;
    }
    for (const h of hits) {
      const isDir = from.dirs.has(h);
      const target = isDir ? destAbs : dest.destIsDir || glob ? posix.join(destAbs, posix.basename(h)) : destAbs;
      const srcOf = (p: string) => from.files.get(p)?.src;
      if (isDir) {
        s.dirs.add(destAbs);
        let origin: string | undefined;
        // Links below the folder stay links (dockerfile-links.ts), as in a COPY from the context.
        const hidden = placeStageLinks(s, from, h, destAbs, wloc);
        for (const [f, o] of from.files) {
          if (!under(f, h) || f === h || hidden(f)) continue;
          const rel = posix.relative(h, f);
          const d = posix.join(destAbs, rel);
          s.files.set(d, { src: o.src, loc: wloc });
          s.dirs.add(posix.dirname(d));
          if (origin === undefined && o.src.endsWith('/' + rel)) origin = o.src.slice(0, -rel.length - 1);
        }
        s.copies.push({ step: { fromText: w.raw, from: origin ?? h, contentsOf: true, loc: wloc, command }, toAbs: destAbs });
      } else {
        s.files.set(target, { src: srcOf(h)!, loc: wloc });
        s.dirs.add(posix.dirname(target));
        s.copies.push({ step: { fromText: w.raw, from: srcOf(h)!, contentsOf: false, loc: wloc, command }, toAbs: posix.dirname(target) });
      }
    }
    if (from.installs.some((d) => under(d, srcAbs))) s.installs.push(destAbs);
  }
}
