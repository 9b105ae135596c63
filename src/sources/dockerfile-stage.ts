// One build stage of a Dockerfile, instruction by instruction: ARG/ENV/WORKDIR variables, CMD/ENTRYPOINT, COPY/ADD
// simulated against the build context or (`--from`) another stage's files, and RUN run by the shell simulator for
// what it does to the stage's files (dockerfile-run.ts).
import { posix } from 'node:path';
import { ignoredWhy } from './dockerignore.js';
import picomatch from 'picomatch';
import { isUnder, relTo } from './common.js';
import { jsonArray, keyValues, substitute, type Instruction, type Vars } from './dockerfile-read.js';
import { copyArgs, oneWord, type DWord } from './dockerfile-words.js';
import { copyFromStage } from './dockerfile-from.js';
import { simulateRun } from './dockerfile-run.js';
import { innerLinks, placeLinks, showStageLinks } from './dockerfile-links.js';
import { insLoc, insLocAt, workdirKnown, whyVar, type Build, type Stage } from './dockerfile-model.js';

export { insLoc, insLocAt, workdirKnown, whyVar, type Build, type Stage } from './dockerfile-model.js';

const LAMBDA_BASE = /^(public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)/;
const UNKNOWN_WORKDIR = '\u0000unknown';

/**
 * What the Lambda base images' own ENV sets that a Dockerfile may build on. They set no PYTHONPATH, so
 * `ENV PYTHONPATH="/code:${PYTHONPATH}"` is `/code:` (docker expands a variable the image does not set to nothing).
 */
const LAMBDA_BASE_ENV: [string, string][] = [['LAMBDA_TASK_ROOT', '/var/task'], ['LAMBDA_RUNTIME_DIR', '/var/runtime'], ['PYTHONPATH', '']];

/** `FROM image [AS name]`: a new stage, or a copy of the stage it names. */
export function fromStage(b: Build, ins: Instruction, globalArgs: Vars, stages: Stage[]): Stage {
  const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
  const sub = substitute(words[0] ?? '', globalArgs);
  const image = 'value' in sub ? sub.value : words[0] ?? '';
  const name = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
  const parent = stages.find((s) => s.name && s.name === image);
  const lambdaBase = parent ? parent.lambdaBase : LAMBDA_BASE.test(image);
  const st: Stage = {
    name,
    image: parent ? parent.image : image,
    lambdaBase,
    vars: parent ? new Map(parent.vars) : new Map(lambdaBase ? LAMBDA_BASE_ENV : []),
    unknownVars: parent ? new Map(parent.unknownVars) : new Map(),
    workdir: parent ? parent.workdir : lambdaBase ? '/var/task' : '/',
    files: parent ? new Map(parent.files) : new Map(),
    dirs: parent ? new Set(parent.dirs) : new Set(lambdaBase ? ['/var/task'] : []),
    copies: parent ? [...parent.copies] : [],
    unknowns: parent ? [...parent.unknowns] : [],
    installs: parent ? [...parent.installs] : [],
    ...(parent?.links ? { links: new Map(parent.links) } : {}),
    cmd: parent?.cmd,
    entrypoint: parent?.entrypoint,
    fromLoc: insLoc(b, ins),
    fromIns: ins,
  };
  if (!('value' in sub)) st.unknowns.push({ loc: insLoc(b, ins), why: `FROM image: ${sub.why}` });
  return st;
}

/** Every instruction of a stage but FROM (and the global ARGs before the first FROM). */
export function applyInstruction(b: Build, st: Stage, ins: Instruction, globalArgs: Vars) {
  const sub = (s: string) => substitute(s, st.vars);
  switch (ins.keyword) {
    case 'ARG':
      for (const [k, v] of keyValues(ins.args, false)) {
        if (b.buildArgs.has(k)) st.vars.set(k, b.buildArgs.get(k)!);
        else if (v === '\u0000') {
          if (globalArgs.has(k)) st.vars.set(k, globalArgs.get(k)!);
          else st.unknownVars.set(k, `build argument ${k} has no default`);
        } else {
          const r = sub(v);
          if ('value' in r) st.vars.set(k, r.value);
          else st.unknownVars.set(k, r.why);
        }
      }
      break;
    case 'ENV':
      for (const [k, v] of keyValues(ins.args, true)) {
        const r = sub(v);
        if ('value' in r) st.vars.set(k, r.value);
        else {
          st.vars.delete(k);
          st.unknownVars.set(k, r.why);
        }
      }
      break;
    case 'WORKDIR': {
      const r = oneWord(ins.args, st.vars);
      if ('value' in r) {
        st.workdir = posix.resolve(st.workdir, r.value);
        st.dirs.add(st.workdir);
      } else {
        st.unknowns.push({ loc: insLoc(b, ins), why: `WORKDIR: ${whyVar(r.why, st)}` });
        st.workdir = UNKNOWN_WORKDIR;
      }
      break;
    }
    case 'CMD':
      st.cmd = { list: jsonArray(ins.args), ins };
      break;
    case 'ENTRYPOINT':
      st.entrypoint = { list: jsonArray(ins.args), ins };
      st.cmd = undefined; // Docker resets CMD when ENTRYPOINT is set in the same stage.
      break;
    case 'COPY':
    case 'ADD':
      simulateCopy(b, st, ins);
      break;
    case 'RUN':
      simulateRun(b, st, ins);
      break;
    default:
      break;
  }
}


function simulateCopy(b: Build, s: Stage, ins: Instruction) {
  const { flags, words } = copyArgs(ins.args, s.vars);
  const loc = insLoc(b, ins);
  if (flags.has('parents')) {
    s.unknowns.push({ loc, why: `${ins.keyword} --parents is not simulated` });
    return;
  }
  if (words.length < 2) return;
  const destW = words[words.length - 1];
  if (destW.why !== undefined) {
    s.unknowns.push({ loc: insLocAt(b, ins, destW.start, destW.end), why: `${ins.keyword} destination: ${whyVar(destW.why, s)}` });
    return;
  }
  const destV = destW.value!;
  if (!workdirKnown(s) && !destV.startsWith('/')) {
    s.unknowns.push({ loc, why: `${ins.keyword} to a relative destination after an unknown WORKDIR` });
    return;
  }
  const destAbs = posix.resolve(s.workdir, destV);
  const srcs = words.slice(0, -1);
  const destIsDir = destV.endsWith('/') || srcs.length > 1 || s.dirs.has(destAbs) || destV === '.';
  const from = flags.get('from');
  if (from) {
    copyFromStage(b, s, ins, from, srcs, { destAbs, destIsDir });
    showStageLinks(s, loc);
    return;
  }
  for (const w of srcs) copySource(b, s, ins, w, { destAbs, destIsDir, multi: srcs.length > 1 });
  showStageLinks(s, loc);
}

/** One COPY/ADD source: the build-context paths it names, placed under the destination. */
function copySource(b: Build, s: Stage, ins: Instruction, w: DWord, dest: { destAbs: string; destIsDir: boolean; multi: boolean }) {
  const { context } = b;
  const { destAbs } = dest;
  const wloc = insLocAt(b, ins, w.start, w.end);
  if (w.why !== undefined) {
    s.unknowns.push({ loc: wloc, why: `${ins.keyword} source: ${whyVar(w.why, s)}` });
    return;
  }
  if (w.raw.startsWith('<<')) {
    s.unknowns.push({ loc: wloc, why: `${ins.keyword} of a here-document is not simulated`, destAbs });
    return;
  }
  const r = { value: w.value! };
  if (ins.keyword === 'ADD' && (/^[a-z]+:\/\//i.test(r.value) || /\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i.test(r.value))) {
    s.unknowns.push({ loc: wloc, why: `ADD ${r.value}: remote or archive source is not simulated` });
    return;
  }
  const rel = posix.normalize(r.value.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (rel === '..' || rel.startsWith('../')) {
    s.unknowns.push({ loc: wloc, why: `${r.value} is outside the build context` });
    return;
  }
  const glob = /[*?[]/.test(rel);
  let matches: string[];
  if (glob) {
    const isM = picomatch(rel, { dot: true });
    matches = [...b.dirs, ...b.files].filter((p) => p !== '' && isM(p));
  } else {
    const p = rel === '.' ? '' : rel;
    matches = b.dirs.has(p) || b.files.includes(p) ? [p] : [];
  }
  if (matches.length === 0) {
    b.missing = (b.missing ?? 0) + 1;
    // docker build stops here; once the source exists it fills the destination and what is below it: a folder's
    // contents land in it, so only a file name (`aws_handler.py`) into a folder fills just its own path there.
    const fileName = !glob && /\.[A-Za-z0-9]+$/.test(posix.basename(rel));
    const fills = fileName && (dest.destIsDir || dest.multi) ? posix.join(destAbs, posix.basename(rel)) : destAbs;
    // A source .dockerignore left out: say which line.
    const left = b.ignored && [...b.ignored].find(([f]) => (glob ? picomatch(rel, { dot: true })(f) : f === rel || isUnder(f, rel)));
    const why = left ? `: ${ignoredWhy(left[1])}` : '';
    s.unknowns.push({ loc: wloc, why: `${r.value} matches nothing in the build context ${context || '.'}${why}`, destAbs: fills, fails: true });
    return;
  }
  const multi = glob || dest.multi;
  const command = `${ins.keyword} ${ins.args}`;
  for (const m of matches) {
    const isDir = b.dirs.has(m);
    const fromChecked = context === '' ? m : m === '' ? context : `${context}/${m}`;
    // A directory's contents are copied (never the directory itself).
    const target = isDir ? destAbs : dest.destIsDir || multi ? posix.join(destAbs, posix.basename(m)) : destAbs;
    s.copies.push({ step: { fromText: w.raw, from: fromChecked, contentsOf: isDir, loc: wloc, command }, toAbs: isDir ? destAbs : posix.dirname(target) });
    if (isDir) {
      s.dirs.add(destAbs);
      // Links inside the folder are kept as links (dockerfile-links.ts): the files they show are not copied.
      const hidden = placeLinks(s, innerLinks(b, m), m, destAbs, wloc);
      for (const f of b.files) {
        if (!isUnder(f, m) || f === m || hidden(f)) continue;
        const d = posix.join(destAbs, relTo(f, m));
        s.files.set(d, { src: context === '' ? f : `${context}/${f}`, loc: wloc });
        s.dirs.add(posix.dirname(d));
      }
    } else {
      s.files.set(target, { src: fromChecked, loc: wloc });
      s.dirs.add(posix.dirname(target));
    }
  }
}
