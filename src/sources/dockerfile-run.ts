// RUN: the script runs on the shell simulator over the stage's filesystem (the files earlier COPYs and RUNs put in the
// image), in the stage's WORKDIR with its ARG/ENV as environment. Only what the script does to those files counts: a
// command the simulator does not know (apt-get, yum, pip into site-packages) changes no file of the package, and
// `pip install -t DIR` is a dependency install into DIR. What the simulator cannot follow (a copy in an `if`, an
// unknown variable in a path, tar/unzip) stays an unknown of the stage, which makes the package partly known only when
// the stage ends up in the image's task root (taskRootLayout).
import { ShellSim } from '../shell/index.js';
import type { Location } from '../types.js';
import { at } from './common.js';
import { jsonArray, type Instruction } from './dockerfile-read.js';
import { workdirKnown, type Build, type Stage } from './dockerfile-model.js';

const FLAGS = /^(\s*--[a-z][a-z-]*(=(?:"[^"]*"|'[^']*'|\S)*)?)*\s*/;
const DEFAULTS = { HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The script RUN runs and a mapper from its positions to the Dockerfile. */
function script(b: Build, ins: Instruction): { text: string; locate: (s: { row: number; column: number }, e: { row: number; column: number }) => Location } {
  const k = FLAGS.exec(ins.args)![0].length;
  const rest = ins.args.slice(k);
  const whole = () => at(b.path, ins.span);
  const doc = /^<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*$/.exec(rest);
  const hd = doc && ins.heredocs?.find((h) => h.name === doc[1]);
  if (hd) {
    const locate = (s: { row: number; column: number }, e: { row: number; column: number }) =>
      at(b.path, { line: hd.line + s.row, column: s.column + 1, endLine: hd.line + e.row, endColumn: e.column + 1 });
    return { text: hd.body, locate };
  }
  const json = jsonArray(rest);
  if (json) {
    const v = json.map((x) => x.value);
    const text = v.length >= 3 && /(^|\/)(ba)?sh$/.test(v[0]) && v[1] === '-c' ? v[2] : v.map(shQuote).join(' ');
    return { text, locate: whole };
  }
  const starts = [0];
  for (let j = 0; j < rest.length; j++) if (rest[j] === '\n') starts.push(j + 1);
  const pos = (p: { row: number; column: number }) => ins.pos(k + (starts[p.row] ?? 0) + p.column);
  return {
    text: rest,
    locate: (s, e) => {
      const a = pos(s);
      const z = pos(e);
      return at(b.path, { line: a.line, column: a.column, endLine: z.line, endColumn: z.column });
    },
  };
}

export function simulateRun(b: Build, st: Stage, ins: Instruction) {
  const { text, locate } = script(b, ins);
  const sim = new ShellSim({ root: '/', files: [], home: DEFAULTS.HOME });
  for (const d of st.dirs) sim.vfs.addDir(d);
  // Each file's `src` in the simulator is its path before the RUN: the key back to where it came from.
  for (const [abs, o] of st.files) sim.vfs.setFile(abs, { src: abs, loc: o.loc });
  const known = workdirKnown(st);
  sim.run(text, {
    cwd: known ? st.workdir : '/',
    cwdWhy: known ? null : 'the WORKDIR is not known',
    env: (name) => (st.vars.has(name) ? { value: st.vars.get(name)! } : st.unknownVars.has(name) ? { why: `$${name}: ${st.unknownVars.get(name)}` } : undefined),
    defaults: DEFAULTS,
    locate,
  });
  const before = st.files;
  const files = new Map<string, { src: string; loc: Location }>();
  for (const [p, v] of sim.vfs.files) {
    const o = v.src !== null ? before.get(v.src) : undefined;
    if (o) files.set(p, { src: o.src, loc: v.loc ?? o.loc });
  }
  st.files = files;
  st.dirs = new Set([...sim.vfs.dirs].filter((d) => d !== '/'));
  for (const c of sim.copies) {
    const from = before.get(c.step.from)?.src ?? originOf(before, c.step.from) ?? c.step.from;
    st.copies.push({ step: { ...c.step, from }, toAbs: c.toAbs });
  }
  for (const i of sim.installs) st.installs.push(i.intoAbs);
  for (const u of sim.unknowns) st.unknowns.push(u.dest === undefined ? { loc: u.loc, why: `RUN: ${u.why}` } : { loc: u.loc, why: `RUN: ${u.why}`, destAbs: u.dest });
}

/** The checked folder a folder of the image was copied from, when its files say so. */
function originOf(files: Map<string, { src: string }>, dir: string): string | undefined {
  const pre = dir === '/' ? '/' : dir + '/';
  for (const [p, o] of files) {
    if (!p.startsWith(pre)) continue;
    const rel = p.slice(pre.length);
    if (o.src.endsWith('/' + rel)) return o.src.slice(0, -rel.length - 1);
    if (o.src === rel) return '';
  }
  return undefined;
}
