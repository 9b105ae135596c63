// Builders outside workflows: shell scripts (`*.sh`, `*.bash`), Makefiles, package.json scripts, Taskfiles, justfiles and
// CodeBuild buildspec files (their phases' commands, one script: buildspec.ts).
// A builder that a workflow, SAM (`BuildMethod: makefile`) or another builder runs is simulated there, in the
// caller's folder with its arguments (builder-calls.ts). The rest (a script, target, npm script or task that
// nothing here calls) are simulated on their own from the repository root without arguments, each on a fresh
// copy of the tree; the zips they write become functions (`source: 'script'`) that linking joins to the IaC
// definition deploying them. A zip holding no Python file, or deployed with another runtime (`--runtime
// nodejs20.x`), is not a package parity-check checks, and is left out. The sources before this one in SOURCES record what they ran.
import type { DeployFacts } from '../types.js';
import { COMMANDS, ShellSim, VFS, commandsIn, getBashParser, type TSNode } from '../shell/index.js';
import { builderCalls, MAX_SCRIPT, type BuilderFiles } from './builder-calls.js';
import { at, dirOf, emptyFacts, type BuildTree, type DeploySource, type SourceContext, type SourceFacts, type SourceFunction } from './common.js';
import { treeOf } from './builds.js';
import { withDeploySnapshots } from './deploy-snapshot.js';
import { parseMakefile } from './makefile.js';
import { Make } from './makefile-run.js';
import { readPackageScripts, shellQuote } from './package-json.js';
import { scriptZipFunction } from './sim-layout.js';
import { shellImageBuilds } from './docker-builds.js';
import { readTaskfile } from './taskfile.js';
import { BUILDSPEC_RE, readBuildspec, type Buildspec } from './buildspec.js';
import { parseJustfile } from './justfile.js';
import { JUSTFILES } from './justfile-run.js';

const SCRIPT_RE = /(^|\/)[^/]+\.(sh|bash)$/;
const MAKE_RE = /(^|\/)(GNUmakefile|makefile|Makefile)$/;
const PKG_RE = /(^|\/)package\.json$/;
const TASK_RE = /(^|\/)[Tt]askfile(\.dist)?\.ya?ml$/;
const VENDORED = /(^|\/)(node_modules|\.venv|venv|vendor|site-packages)\//;

export const scriptsSource: DeploySource = {
  id: 'scripts',
  matches: (p) => !VENDORED.test(p) && (SCRIPT_RE.test(p) || MAKE_RE.test(p) || JUSTFILES.test(p) || PKG_RE.test(p) || TASK_RE.test(p) || BUILDSPEC_RE.test(p)),
  extract: (path, text, ctx) => extractBuilders([{ path, text }], ctx),
  extractGroup: (files, ctx) => extractBuilders(files, ctx),
  groupKey: () => '',
};

/** Where the checked folder is mounted for a builder run on its own. */
export const SCRIPT_ROOT = '/repo';

interface Entry {
  id: string;
  label: string;
  /** The command that runs it, from the folder it runs in. */
  command: string;
  dir: string;
  loc: SourceFunction['loc'];
  /** The shell text it runs (for the quick does-it-build test). */
  body: string;
  /** A script's own folder and how it is called from there (tried when its sources are not found from the root). */
  own?: { dir: string; command: string };
  /** A buildspec: its phases' script, run as it is (not through a command that calls a builder). */
  script?: Buildspec;
}

const line1 = (path: string) => at(path, { line: 1, column: 1, endLine: 1, endColumn: 1 });

function entriesOf(path: string, text: string): Entry[] {
  const dir = dirOf(path);
  if (text.length > MAX_SCRIPT) return [];
  if (SCRIPT_RE.test(path)) {
    const own = dir ? { dir, command: `bash ${shellQuote(path.slice(dir.length + 1))}` } : undefined;
    return [{ id: `script:${path}`, label: path, command: `bash ${shellQuote(path)}`, dir: '', loc: line1(path), body: text, own }];
  }
  if (MAKE_RE.test(path)) {
    const mf = parseMakefile(path, text);
    const m = new Make({ mf, dir: `${SCRIPT_ROOT}/${dir}`, cmdVars: new Map(), env: () => undefined });
    return [...m.rules].map(([t, r]) => ({
      id: `make:${path}:${t}`,
      label: `make ${t} (${path})`,
      command: `make -f ${shellQuote(path.slice(dir ? dir.length + 1 : 0))} ${shellQuote(t)}`,
      dir,
      loc: at(path, { line: r.line, column: r.column, endLine: r.line, endColumn: r.column + t.length }),
      body: r.recipe.map((x) => x.text).join('\n'),
    }));
  }
  if (JUSTFILES.test(path)) {
    const jf = parseJustfile(path, text);
    const file = shellQuote(path.slice(dir ? dir.length + 1 : 0));
    return [...jf.recipes.values()].map((r) => ({
      id: `just:${path}:${r.name}`,
      label: `just ${r.name} (${path})`,
      command: `just -f ${file} ${shellQuote(r.name)}`,
      dir,
      loc: r.loc,
      // A recipe's dependencies run too (`default: (package "dev")` builds through package).
      body: [...r.deps, ...r.after].map((d) => `just ${d.name}`).concat(r.lines.map((l) => l.text.replace(/^[@-]+/, ''))).join('\n'),
    }));
  }
  if (PKG_RE.test(path)) {
    const scripts = readPackageScripts(path, text) ?? new Map();
    return [...scripts.values()]
      .filter((s) => !/^(pre|post)/.test(s.name) || !scripts.has(s.name.replace(/^(pre|post)/, '')))
      .map((s) => ({ id: `npm:${path}:${s.name}`, label: `npm run ${s.name} (${path})`, command: `npm run ${shellQuote(s.name)}`, dir, loc: s.keyLoc, body: s.text }));
  }
  if (BUILDSPEC_RE.test(path)) {
    const bs = readBuildspec(path, text);
    return bs ? [{ id: `buildspec:${path}`, label: `CodeBuild ${path}`, command: '', dir: '', loc: bs.loc, body: bs.script, script: bs }] : [];
  }
  const tf = readTaskfile(path, text);
  if (!tf) return [];
  return [...tf.tasks.values()].map((t) => ({
    id: `task:${path}:${t.name}`,
    label: `task ${t.name} (${path})`,
    command: `task -t ${shellQuote(path.slice(dir ? dir.length + 1 : 0))} ${shellQuote(t.name)}`,
    dir,
    loc: t.loc,
    body: t.cmds.map((c) => (c.kind === 'cmd' ? c.text : 'task')).join('\n'),
  }));
}

/** Could this shell text change files or run another builder? (No: `jest`, `eslint .`, `echo ok` are not run.) */
function mayBuild(body: string, hook: ReturnType<typeof builderCalls>): boolean {
  const root = getBashParser().parse(body).rootNode as TSNode;
  return commandsIn(root).some((c) => {
    const name = c.childForFieldName('name')?.text ?? '';
    return name.includes('$') || COMMANDS.has(name) || name === 'aws' || name === 'docker' || name === 'sudo' || hook.handles(name);
  });
}

/** A Python package: the runtime `aws lambda` states is Python, or (none stated) it holds a .py file. */
function isPythonPackage(fn: SourceFunction): boolean {
  if (fn.runtime?.known) return /^python/.test(fn.runtime.value);
  return fn.layout.known && (fn.layout.value.files ?? []).some((f) => f.dest.endsWith('.py'));
}

export function extractBuilders(files: { path: string; text: string }[], ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const bf: BuilderFiles = { text: (p) => ctx.text?.(p) ?? texts.get(p), called: new Set() };
  const snapshots: BuildTree[] = [];
  let running: Entry | undefined;
  const hook = withDeploySnapshots(builderCalls(bf), (sh, dir, loc) => {
    if (dir !== SCRIPT_ROOT && !dir.startsWith(SCRIPT_ROOT + '/')) return;
    const label = `${running?.label ?? 'a builder'}: serverless deploy`;
    snapshots.push({ ...treeOf(sh, SCRIPT_ROOT, ctx.files(), label, loc), deployDir: dir === SCRIPT_ROOT ? '' : dir.slice(SCRIPT_ROOT.length + 1) });
  });
  const entries = files.flatMap((f) => entriesOf(f.path, f.text)).filter((e) => mayBuild(e.body, hook));
  if (!entries.length) return facts;
  const base = new VFS(SCRIPT_ROOT, ctx.files(), ctx.links?.());
  const runs: { e: Entry; sim: ShellSim; unknowns: { loc: SourceFunction['loc']; why: string }[]; calls: Set<string>; from: string }[] = [];
  const calledByOthers = new Set(ctx.called ?? []);
  const runOne = (e: Entry, dir: string, command: string) => {
    bf.called = new Set();
    running = e;
    const sim = new ShellSim({ root: SCRIPT_ROOT, files: [], base, home: '/root', calls: hook });
    const bs = e.script;
    const r = bs
      ? sim.run(bs.script, { cwd: SCRIPT_ROOT, env: (n) => bs.env.get(n) ?? (n === 'CODEBUILD_SRC_DIR' ? { value: SCRIPT_ROOT } : undefined), locate: bs.locate })
      : sim.run(command, { cwd: dir ? `${SCRIPT_ROOT}/${dir}` : SCRIPT_ROOT, env: () => undefined, locate: () => e.loc });
    return { e, sim, unknowns: r.unknowns, calls: bf.called, from: dir };
  };
  const missing = (u: { why: string }[]) => u.some((x) => / does not exist$/.test(x.why));
  for (const e of entries) {
    let run = runOne(e, e.dir, e.command);
    // A script that finds its sources only from its own folder (`cp ../index.py .` in build/build.sh) is run
    // from there, as the Docker reader prefers the context where every COPY source exists; the note says so.
    if (e.own && missing(run.unknowns)) {
      const alt = runOne(e, e.own.dir, e.own.command);
      if (!missing(alt.unknowns)) run = alt;
    }
    for (const id of run.calls) if (id !== e.id) calledByOthers.add(id);
    runs.push(run);
  }
  // Every deploy's tree is kept, called by others or not: the caller's run records none (its hook is builderCalls).
  if (snapshots.length) (facts as SourceFacts).builds = snapshots;
  const seen = new Set<string>();
  for (const { e, sim, unknowns, from } of runs) {
    if (calledByOthers.has(e.id)) continue;
    // `docker build` in a script nothing runs: the image's context, Dockerfile and target (docker-images.ts).
    const images = shellImageBuilds(sim.vfs, sim.dockerBuilds);
    if (images.length) (facts.images ??= []).push(...images);
    const fns = [...sim.zips.values()].map((z) => scriptZipFunction(sim, z)).filter(isPythonPackage);
    const fresh = fns.filter((f) => !seen.has(f.artifact ?? f.name));
    if (!fresh.length) continue;
    for (const f of fresh) seen.add(f.artifact ?? f.name);
    facts.functions.push(...fresh);
    const where = from === e.dir ? 'the repository root' : `its own folder ${from}/ (from the repository root, files it copies do not exist)`;
    facts.unknowns.push({ loc: e.loc, what: `how ${e.label} is called`, why: `nothing in the checked folder runs it: simulated on its own from ${where}, without arguments` });
    for (const u of unknowns) facts.unknowns.push({ loc: u.loc, what: 'build step', why: u.why });
  }
  return facts;
}
