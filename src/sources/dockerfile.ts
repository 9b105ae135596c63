// Dockerfiles (`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`) of Lambda container images.
//
// Instructions are read line by line (Dockerfile is not shell): `\` continuations (or the `# escape=` directive),
// comment lines, JSON-array and shell forms, ARG/ENV/WORKDIR variables. A function is reported only for images built
// on an AWS Lambda base image (`public.ecr.aws/lambda/*`, `amazon/aws-lambda-*`) or running `awslambdaric`.
// COPY/ADD are simulated against the build context (the Dockerfile's folder unless a caller — SAM's DockerContext —
// says otherwise): files landing under the task root (LAMBDA_TASK_ROOT, /var/task on Lambda base images; the final
// WORKDIR for awslambdaric on other images) are the package. `.dockerignore` is not applied.
// `COPY --from=`, ADD of URLs/archives and unknown variables → layout unknowns; RUN steps that move files → unknowns.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { CopyStep, DeployFacts, Location, PackagedFile, Span } from '../types.js';
import {
  at,
  dirOf,
  emptyFacts,
  getBashParser,
  isUnder,
  known,
  relTo,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
  type TSNode,
} from './common.js';
import { cmp } from '../util/compare.js';
import { ancestorDirs } from '../util/posix-path.js';

export const dockerfileSource: DeploySource = {
  id: 'dockerfile',
  matches: (path) => /(^|\/)(Dockerfile(\.[^/]+)?|[^/]+\.Dockerfile)$/i.test(path),
  extract: (path, text, ctx) => extractDockerfile(path, text, ctx),
};

// ---------------------------------------------------------------------------
// Instruction reader

export interface Instruction {
  keyword: string;
  /** Arguments with continuations joined (escape + newline removed). */
  args: string;
  span: Span;
  /** Position (1-based line/column) of an offset into `args`. */
  pos(offset: number): { line: number; column: number };
}

export function readInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives: leading `# key=value` comments.
  for (const l of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const indent = raw.length - trimmed.length;
    const kwMatch = /^(\S+)(\s*)/.exec(trimmed)!;
    const keyword = kwMatch[1].toUpperCase();
    const segs: { off: number; line: number; col: number }[] = [];
    let args = '';
    let seg = trimmed.slice(kwMatch[0].length);
    let segCol = indent + kwMatch[0].length + 1;
    let endLine = startLine;
    let endCol = raw.length + 1;
    for (;;) {
      const t = seg.replace(/\s+$/, '');
      const cont = t.endsWith(escape) && !t.endsWith(escape + escape);
      segs.push({ off: args.length, line: i + 1, col: segCol });
      args += cont ? t.slice(0, -1) : t;
      endLine = i + 1;
      endCol = lines[i].replace(/\s+$/, '').length + 1;
      i++;
      if (!cont) break;
      // Skip comment and empty lines inside a continued instruction.
      while (i < lines.length && (lines[i].trim() === '' || lines[i].trimStart().startsWith('#'))) i++;
      if (i >= lines.length) break;
      seg = lines[i];
      segCol = 1;
    }
    out.push({
      keyword,
      args: args.trim(),
      span: { line: startLine, column: indent + 1, endLine, endColumn: endCol },
      pos(offset: number) {
        const lead = args.length - args.trimStart().length;
        const o = offset + lead;
        let s = segs[0];
        for (const x of segs) if (x.off <= o) s = x;
        return { line: s.line, column: s.col + (o - s.off) };
      },
    });
  }
  return out;
}

/** A JSON array of strings with the offset of each element, or null when `s` is not one (shell form). */
export function jsonArray(s: string): { value: string; start: number; end: number }[] | null {
  const t = s.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const lead = s.length - s.trimStart().length;
  try {
    const arr = JSON.parse(t);
    if (!Array.isArray(arr) || !arr.every((x) => typeof x === 'string')) return null;
  } catch {
    return null;
  }
  const out: { value: string; start: number; end: number }[] = [];
  let k = 1;
  while (k < t.length) {
    const c = t[k];
    if (c === '"') {
      let j = k + 1;
      while (j < t.length && t[j] !== '"') j += t[j] === '\\' ? 2 : 1;
      out.push({ value: JSON.parse(t.slice(k, j + 1)), start: lead + k, end: lead + j + 1 });
      k = j + 1;
    } else k++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Variables

type Vars = Map<string, string>;

/** Docker's variable substitution; null with `why` when a variable is not known. */
function substitute(s: string, vars: Vars): { value: string } | { why: string } {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\' && s[k + 1] === '$') {
      out += '$';
      k++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    let name: string;
    let mod: { op: string; word: string } | null = null;
    if (s[k + 1] === '{') {
      const end = s.indexOf('}', k);
      if (end < 0) return { why: `unclosed \${ in ${s}` };
      const inner = s.slice(k + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::([-+])(.*))?$/.exec(inner);
      if (!m) return { why: `\${${inner}} is not understood` };
      name = m[1];
      if (m[2]) mod = { op: m[2], word: m[3] };
      k = end;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(k + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      k += name.length;
    }
    const v = vars.get(name);
    if (mod?.op === '-') out += v !== undefined && v !== '' ? v : mod.word;
    else if (mod?.op === '+') out += v !== undefined && v !== '' ? mod.word : '';
    else if (v === undefined) return { why: `$${name} is not known` };
    else out += v;
  }
  return { value: out };
}

/** `K=V K2="V 2"` or `K V` (ENV legacy form) pairs. */
function keyValues(args: string, legacy: boolean): [string, string][] {
  if (legacy && !/^[^\s=]+=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/.exec(args);
    return m ? [[m[1], m[2]]] : [[args, '']];
  }
  const out: [string, string][] = [];
  let k = 0;
  while (k < args.length) {
    while (k < args.length && /\s/.test(args[k])) k++;
    let key = '';
    while (k < args.length && args[k] !== '=' && !/\s/.test(args[k])) key += args[k++];
    if (!key) break;
    if (args[k] !== '=') {
      out.push([key, '\u0000']); // ARG without default
      continue;
    }
    k++;
    let val = '';
    while (k < args.length && !/\s/.test(args[k])) {
      const q = args[k];
      if (q === '"' || q === "'") {
        k++;
        while (k < args.length && args[k] !== q) {
          if (q === '"' && args[k] === '\\' && k + 1 < args.length) k++;
          val += args[k++];
        }
        k++;
      } else if (q === '\\' && k + 1 < args.length) {
        val += args[k + 1];
        k += 2;
      } else val += args[k++];
    }
    out.push([key, val]);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Simulation

interface Stage {
  name?: string;
  image: string;
  lambdaBase: boolean;
  vars: Vars;
  unknownVars: Map<string, string>;
  workdir: string;
  /** Absolute path in the image → origin. */
  files: Map<string, { src: string; loc: Location }>;
  dirs: Set<string>;
  copies: { step: Omit<CopyStep, 'to'>; toAbs: string }[];
  /** `destAbs`: where the step writes, when known (unknowns outside the task root are dropped). */
  unknowns: { loc: Location; why: string; destAbs?: string }[];
  installs: { intoAbs: string; loc: Location; command: string }[];
  cmd?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  entrypoint?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  fromLoc: Location;
  fromIns: Instruction;
}

const LAMBDA_BASE = /^(public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)/;

export interface DockerfileOptions {
  /** Build context folder (checked-folder relative); defaults to the Dockerfile's folder. */
  context?: string;
}

export function extractDockerfile(path: string, text: string, ctx: SourceContext, opts: DockerfileOptions = {}): DeployFacts {
  const facts = emptyFacts();
  const context = opts.context ?? dirOf(path);
  const instrs = readInstructions(text);
  const allFiles = ctx.files();
  const ctxFiles = allFiles.filter((f) => isUnder(f, context) && f !== context).map((f) => relTo(f, context));
  const ctxDirs = ancestorDirs(ctxFiles);
  const globalArgs: Vars = new Map();
  const stages: Stage[] = [];
  let st: Stage | undefined;
  const loc = (ins: Instruction): Location => at(path, ins.span);
  const locAt = (ins: Instruction, a: number, b: number): Location => {
    const s = ins.pos(a);
    const e = ins.pos(b);
    return at(path, { line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  };

  for (const ins of instrs) {
    if (ins.keyword === 'ARG' && !st) {
      for (const [k, v] of keyValues(ins.args, false)) if (v !== '\u0000') globalArgs.set(k, v);
      continue;
    }
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const sub = substitute(words[0] ?? '', globalArgs);
      const image = 'value' in sub ? sub.value : words[0] ?? '';
      const name = words[1]?.toUpperCase() === 'AS' ? words[2] : undefined;
      const parent = stages.find((s) => s.name && s.name === image);
      const lambdaBase = parent ? parent.lambdaBase : LAMBDA_BASE.test(image);
      st = {
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
        installs: parent ? [...parent.installs] : [],
        cmd: parent?.cmd,
        entrypoint: parent?.entrypoint,
        fromLoc: loc(ins),
        fromIns: ins,
      };
      if (!('value' in sub)) st.unknowns.push({ loc: loc(ins), why: `FROM image: ${sub.why}` });
      stages.push(st);
      continue;
    }
    if (!st) continue;
    const stage = st;
    const sub = (s: string) => substitute(s, stage.vars);
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
          st.unknowns.push({ loc: loc(ins), why: `WORKDIR: ${whyVar(r.why, st)}` });
          st.workdir = '\u0000unknown';
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
        simulateCopy(st, ins);
        break;
      case 'RUN':
        scanRun(st, ins);
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

  function simulateCopy(s: Stage, ins: Instruction) {
    const json = jsonArray(ins.args);
    let words: { value: string; start: number; end: number }[];
    if (json) words = json;
    else {
      words = [];
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(ins.args))) words.push({ value: m[0], start: m.index, end: m.index + m[0].length });
    }
    const flags = words.filter((w) => w.value.startsWith('--'));
    const rest = words.filter((w) => !w.value.startsWith('--'));
    const command = `${ins.keyword} ${ins.args}`;
    if (flags.some((f) => f.value.startsWith('--from'))) {
      const d = rest.length >= 2 ? substitute(rest[rest.length - 1].value, s.vars) : null;
      const destAbs = d && 'value' in d && !s.workdir.startsWith('\u0000') ? posix.resolve(s.workdir, d.value) : undefined;
      s.unknowns.push({ loc: loc(ins), why: `${ins.keyword} --from copies from another stage or image: not simulated`, destAbs });
      return;
    }
    if (flags.some((f) => f.value === '--parents')) {
      s.unknowns.push({ loc: loc(ins), why: `${ins.keyword} --parents is not simulated` });
      return;
    }
    if (rest.length < 2) return;
    const destW = rest[rest.length - 1];
    const destR = substitute(destW.value, s.vars);
    if (!('value' in destR)) {
      s.unknowns.push({ loc: locAt(ins, destW.start, destW.end), why: `${ins.keyword} destination: ${whyVar(destR.why, s)}` });
      return;
    }
    if (s.workdir.startsWith('\u0000') && !destR.value.startsWith('/')) {
      s.unknowns.push({ loc: loc(ins), why: `${ins.keyword} to a relative destination after an unknown WORKDIR` });
      return;
    }
    const destAbs = posix.resolve(s.workdir, destR.value);
    const srcs = rest.slice(0, -1);
    const destIsDir = destR.value.endsWith('/') || srcs.length > 1 || s.dirs.has(destAbs) || destR.value === '.';
    for (const w of srcs) {
      const r = substitute(w.value, s.vars);
      const wloc = locAt(ins, w.start, w.end);
      if (!('value' in r)) {
        s.unknowns.push({ loc: wloc, why: `${ins.keyword} source: ${whyVar(r.why, s)}` });
        continue;
      }
      if (ins.keyword === 'ADD' && (/^[a-z]+:\/\//i.test(r.value) || /\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i.test(r.value))) {
        s.unknowns.push({ loc: wloc, why: `ADD ${r.value}: remote or archive source is not simulated` });
        continue;
      }
      const rel = posix.normalize(r.value.replace(/^\/+/, '')).replace(/\/+$/, '');
      if (rel === '..' || rel.startsWith('../')) {
        s.unknowns.push({ loc: wloc, why: `${r.value} is outside the build context` });
        continue;
      }
      const glob = /[*?[]/.test(rel);
      let matches: string[];
      if (glob) {
        const isM = picomatch(rel, { dot: true });
        matches = [...ctxDirs, ...ctxFiles].filter((p) => p !== '' && isM(p));
      } else {
        const p = rel === '.' ? '' : rel;
        matches = ctxDirs.has(p) || ctxFiles.includes(p) ? [p] : [];
      }
      if (matches.length === 0) {
        s.unknowns.push({ loc: wloc, why: `${r.value} matches nothing in the build context ${context || '.'}` });
        continue;
      }
      const multi = glob || srcs.length > 1;
      for (const m of matches) {
        const isDir = ctxDirs.has(m);
        const fromChecked = context === '' ? m : m === '' ? context : `${context}/${m}`;
        // A directory's contents are copied (never the directory itself).
        const target = isDir ? destAbs : destIsDir || multi ? posix.join(destAbs, posix.basename(m)) : destAbs;
        s.copies.push({ step: { fromText: w.value, from: fromChecked, contentsOf: isDir, loc: wloc, command }, toAbs: isDir ? destAbs : posix.dirname(target) });
        if (isDir) {
          s.dirs.add(destAbs);
          for (const f of ctxFiles) {
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
  }

  function scanRun(s: Stage, ins: Instruction) {
    const json = jsonArray(ins.args);
    const script = json ? json.map((x) => x.value).join(' ') : ins.args;
    const tree = getBashParser().parse(script);
    const walk = (n: TSNode) => {
      if (n.type === 'command') {
        const name = n.childForFieldName('name')?.text ?? '';
        const args = n.childrenForFieldName('argument').map((a) => a.text.replace(/^["']|["']$/g, ''));
        const isPip = /^pip3?(\.\d+)?$/.test(name) || (/^python3?(\.\d+)?$/.test(name) && args[0] === '-m' && args[1] === 'pip');
        if (isPip && args.includes('install')) {
          // pip's optparse reads `-t DIR`, `-tDIR`, `--target DIR` and `--target=DIR`.
          const t = args.findIndex((a) => a === '-t' || a === '--target' || a.startsWith('--target=') || (a.startsWith('-t') && a.length > 2));
          if (t >= 0) {
            const a = args[t];
            const raw = a.startsWith('--target=') ? a.slice(9) : a === '-t' || a === '--target' ? args[t + 1] ?? '' : a.slice(2);
            const r = substitute(raw, s.vars);
            if ('value' in r && !s.workdir.startsWith('\u0000')) s.installs.push({ intoAbs: posix.resolve(s.workdir, r.value), loc: loc(ins), command: n.text });
          } else if (s.lambdaBase) {
            s.installs.push({ intoAbs: '/var/lang/lib/site-packages', loc: loc(ins), command: n.text });
          }
        } else if (['cp', 'mv', 'rm', 'ln', 'rsync', 'unzip', 'tar', 'git'].includes(name)) {
          s.unknowns.push({ loc: loc(ins), why: `RUN ${n.text.slice(0, 80)}: file changes by RUN are not simulated` });
        }
      }
      for (const c of n.namedChildren) walk(c);
    };
    walk(tree.rootNode as TSNode);
  }

  const last = stages[stages.length - 1];
  if (!last) return facts;
  const ep = last.entrypoint?.list?.map((x) => x.value) ?? [];
  const ric = ep.some((x) => x.includes('awslambdaric')) || (last.entrypoint && !last.entrypoint.list && last.entrypoint.ins.args.includes('awslambdaric'));
  if (!last.lambdaBase && !ric) return facts;

  const fnLoc = last.fromLoc;
  const fn: SourceFunction = {
    name: path,
    source: 'dockerfile',
    loc: fnLoc,
    packageType: 'image',
    handler: unknown('no CMD', fnLoc),
    layout: unknown('no task root', fnLoc),
  };
  // Runtime from the base image tag: public.ecr.aws/lambda/python:3.12 → python3.12.
  const tag = /^public\.ecr\.aws\/lambda\/python:(\d+\.\d+)/.exec(last.image) ?? /^amazon\/aws-lambda-python:(\d+\.\d+)/.exec(last.image);
  if (tag) fn.runtime = known(`python${tag[1]}`, fnLoc);
  else if (last.lambdaBase) fn.runtime = unknown(`base image ${last.image} does not name a Python version`, fnLoc);

  if (last.cmd) {
    const c = last.cmd;
    if (c.list && c.list.length) fn.handler = known(c.list[0].value, locAt(c.ins, c.list[0].start, c.list[0].end));
    else if (c.list) fn.handler = unknown('CMD is empty', loc(c.ins));
    else fn.handler = unknown('shell-form CMD: the handler must be the first element of a JSON-array CMD', loc(c.ins));
    if (fn.handler.known && fn.handler.value.includes('$')) fn.handler = unknown(`CMD ${fn.handler.value}: variables are not expanded in JSON form`, fn.handler.loc);
  } else {
    fn.handler = unknown('no CMD: the handler is set at deploy time (ImageConfig.Command / image_config)', fnLoc);
  }
  if (!last.lambdaBase && last.entrypoint && ep.length && !ep.some((x) => x.includes('awslambdaric'))) {
    fn.handler = unknown(`ENTRYPOINT ${ep.join(' ')} does not run the Lambda runtime client`, loc(last.entrypoint.ins));
  }

  let root: string | null = null;
  if (last.lambdaBase) {
    const tr = last.vars.get('LAMBDA_TASK_ROOT');
    root = tr ?? null;
    if (!root) fn.layout = unknown(`LAMBDA_TASK_ROOT: ${last.unknownVars.get('LAMBDA_TASK_ROOT') ?? 'not known'}`, fnLoc);
  } else if (!last.workdir.startsWith('\u0000')) {
    root = last.workdir; // awslambdaric puts its working directory on sys.path
  } else fn.layout = unknown('WORKDIR is not known: awslambdaric loads the handler from it', fnLoc);

  if (root !== null) {
    const r = root;
    const files: PackagedFile[] = [];
    for (const [abs, o] of [...last.files].sort((a, b) => cmp(a[0], b[0]))) {
      if (abs !== r && abs.startsWith(r === '/' ? '/' : r + '/')) files.push({ dest: posix.relative(r, abs), src: o.src, loc: o.loc });
    }
    const copies: CopyStep[] = last.copies
      .filter((c) => c.toAbs === r || c.toAbs.startsWith(r === '/' ? '/' : r + '/'))
      .map((c) => ({ ...c.step, to: posix.relative(r, c.toAbs) }));
    const inRoot = (p: string) => p === r || p.startsWith(r === '/' ? '/' : r + '/');
    const unknowns = last.unknowns.filter((u) => u.destAbs === undefined || inRoot(u.destAbs)).map(({ loc: l, why }) => ({ loc: l, why }));
    const layout: SourceLayout = { how: 'simulated', files, copies, unknowns };
    const installs = last.installs.filter((x) => x.intoAbs === r || x.intoAbs.startsWith(r + '/'));
    if (installs.length) layout.dependencyInstalls = installs.map((x) => ({ into: posix.relative(r, x.intoAbs), loc: x.loc, command: x.command }));
    fn.layout = known(layout, fnLoc);
  }
  for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
    if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fnLoc, what: `${path} ${what}`, why: k.why });
  }
  if (fn.layout.known) for (const u of fn.layout.value.unknowns) facts.unknowns.push({ loc: u.loc, what: `${path} layout step`, why: u.why });
  facts.functions.push(fn);
  return facts;
}

