// One build stage of a Dockerfile, instruction by instruction: ARG/ENV/WORKDIR variables, CMD/ENTRYPOINT, COPY/ADD
// simulated against the build context, and RUN read with the shell module for commands that move files (unknowns:
// file changes by RUN are not simulated).
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { CopyStep, Location } from '../types.js';
import { commandsIn, getBashParser } from '../shell/index.js';
import { at, isUnder, relTo } from './common.js';
import { jsonArray, keyValues, substitute, type Instruction, type Vars } from './dockerfile-read.js';

export interface Stage {
  name?: string;
  image: string;
  lambdaBase: boolean;
  vars: Vars;
  unknownVars: Map<string, string>;
  /** '\u0000unknown' once a WORKDIR is not known. */
  workdir: string;
  /** Absolute path in the image → origin. */
  files: Map<string, { src: string; loc: Location }>;
  dirs: Set<string>;
  copies: { step: Omit<CopyStep, 'to'>; toAbs: string }[];
  /** `destAbs`: where the step writes, when known (unknowns outside the task root are dropped). */
  unknowns: { loc: Location; why: string; destAbs?: string }[];
  cmd?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  entrypoint?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  fromLoc: Location;
  fromIns: Instruction;
}

/** The Dockerfile and its build context (checked-folder relative folder, its files and folders relative to it). */
export interface Build {
  path: string;
  context: string;
  files: string[];
  dirs: Set<string>;
}

const LAMBDA_BASE = /^(public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)/;
const MOVES_FILES = ['cp', 'mv', 'rm', 'ln', 'rsync', 'unzip', 'tar', 'git'];
const UNKNOWN_WORKDIR = '\u0000unknown';

export function insLoc(b: Build, ins: Instruction): Location {
  return at(b.path, ins.span);
}

export function insLocAt(b: Build, ins: Instruction, a: number, z: number): Location {
  const s = ins.pos(a);
  const e = ins.pos(z);
  return at(b.path, { line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
}

export function workdirKnown(s: Stage): boolean {
  return !s.workdir.startsWith('\u0000');
}

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
    vars: parent ? new Map(parent.vars) : new Map(lambdaBase ? [['LAMBDA_TASK_ROOT', '/var/task'], ['LAMBDA_RUNTIME_DIR', '/var/runtime']] : []),
    unknownVars: parent ? new Map(parent.unknownVars) : new Map(),
    workdir: parent ? parent.workdir : lambdaBase ? '/var/task' : '/',
    files: parent ? new Map(parent.files) : new Map(),
    dirs: parent ? new Set(parent.dirs) : new Set(lambdaBase ? ['/var/task'] : []),
    copies: parent ? [...parent.copies] : [],
    unknowns: parent ? [...parent.unknowns] : [],
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
        if (v === '\u0000') {
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
      const r = sub(ins.args);
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
      scanRun(b, st, ins);
      break;
    default:
      break;
  }
}

function whyVar(why: string, s: Stage): string {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*) is not known$/.exec(why);
  if (m && s.unknownVars.has(m[1])) return `$${m[1]}: ${s.unknownVars.get(m[1])}`;
  return why;
}

type Arg = { value: string; start: number; end: number };

function copyWords(args: string): Arg[] {
  const json = jsonArray(args);
  if (json) return json;
  const words: Arg[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(args))) words.push({ value: m[0], start: m.index, end: m.index + m[0].length });
  return words;
}

function simulateCopy(b: Build, s: Stage, ins: Instruction) {
  const words = copyWords(ins.args);
  const flags = words.filter((w) => w.value.startsWith('--'));
  const rest = words.filter((w) => !w.value.startsWith('--'));
  const loc = insLoc(b, ins);
  if (flags.some((f) => f.value.startsWith('--from'))) {
    const d = rest.length >= 2 ? substitute(rest[rest.length - 1].value, s.vars) : null;
    const destAbs = d && 'value' in d && workdirKnown(s) ? posix.resolve(s.workdir, d.value) : undefined;
    s.unknowns.push({ loc, why: `${ins.keyword} --from copies from another stage or image: not simulated`, destAbs });
    return;
  }
  if (flags.some((f) => f.value === '--parents')) {
    s.unknowns.push({ loc, why: `${ins.keyword} --parents is not simulated` });
    return;
  }
  if (rest.length < 2) return;
  const destW = rest[rest.length - 1];
  const destR = substitute(destW.value, s.vars);
  if (!('value' in destR)) {
    s.unknowns.push({ loc: insLocAt(b, ins, destW.start, destW.end), why: `${ins.keyword} destination: ${whyVar(destR.why, s)}` });
    return;
  }
  if (!workdirKnown(s) && !destR.value.startsWith('/')) {
    s.unknowns.push({ loc, why: `${ins.keyword} to a relative destination after an unknown WORKDIR` });
    return;
  }
  const destAbs = posix.resolve(s.workdir, destR.value);
  const srcs = rest.slice(0, -1);
  const destIsDir = destR.value.endsWith('/') || srcs.length > 1 || s.dirs.has(destAbs) || destR.value === '.';
  for (const w of srcs) copySource(b, s, ins, w, { destAbs, destIsDir, multi: srcs.length > 1 });
}

/** One COPY/ADD source: the build-context paths it names, placed under the destination. */
function copySource(b: Build, s: Stage, ins: Instruction, w: Arg, dest: { destAbs: string; destIsDir: boolean; multi: boolean }) {
  const { context } = b;
  const { destAbs } = dest;
  const r = substitute(w.value, s.vars);
  const wloc = insLocAt(b, ins, w.start, w.end);
  if (!('value' in r)) {
    s.unknowns.push({ loc: wloc, why: `${ins.keyword} source: ${whyVar(r.why, s)}` });
    return;
  }
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
    s.unknowns.push({ loc: wloc, why: `${r.value} matches nothing in the build context ${context || '.'}` });
    return;
  }
  const multi = glob || dest.multi;
  const command = `${ins.keyword} ${ins.args}`;
  for (const m of matches) {
    const isDir = b.dirs.has(m);
    const fromChecked = context === '' ? m : m === '' ? context : `${context}/${m}`;
    // A directory's contents are copied (never the directory itself).
    const target = isDir ? destAbs : dest.destIsDir || multi ? posix.join(destAbs, posix.basename(m)) : destAbs;
    s.copies.push({ step: { fromText: w.value, from: fromChecked, contentsOf: isDir, loc: wloc, command }, toAbs: isDir ? destAbs : posix.dirname(target) });
    if (isDir) {
      s.dirs.add(destAbs);
      for (const f of b.files) {
        if (!isUnder(f, m) || f === m) continue;
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

/** RUN, read with the shell module: a command that moves files is an unknown (what RUN does is not simulated). */
function scanRun(b: Build, s: Stage, ins: Instruction) {
  const json = jsonArray(ins.args);
  const script = json ? json.map((x) => x.value).join(' ') : ins.args;
  for (const n of commandsIn(getBashParser().parse(script).rootNode)) {
    const name = n.childForFieldName('name')?.text ?? '';
    if (MOVES_FILES.includes(name)) s.unknowns.push({ loc: insLoc(b, ins), why: `RUN ${n.text.slice(0, 80)}: file changes by RUN are not simulated` });
  }
}
