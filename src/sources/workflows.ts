// GitHub Actions workflows (`.github/workflows/*.yml|yaml`): the `run:` steps of each job run, in order, on one
// virtual copy of the repository checked out at $GITHUB_WORKSPACE (the shell simulator, src/shell), to learn what
// every `zip` the job produces contains and which function `aws lambda …` deploys it to.
//
// What is GitHub's, read here: `env:` at workflow/job/step level with literal values (`${{ env.X }}` alone is a
// literal when X is), `echo K=V >> $GITHUB_ENV` (the job's environment for the next steps), the runner's
// GITHUB_WORKSPACE/HOME/RUNNER_TEMP, `working-directory:` and `defaults.run.working-directory` (where a step starts),
// `shell:` (only bash/sh steps are simulated), and `${{ }}` expressions, which GitHub substitutes before the shell
// runs: `${{ env.X }}` and `${{ github.workspace }}` are known, any other (`${{ secrets.X }}`) makes the word unknown.
// Every unknown is recorded in every layout the job produces afterwards (never guessed).
import { posix } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, type Node as YNode, type Scalar, type YAMLMap } from 'yaml';
import type { CopyStep, DeployFacts } from '../types.js';
import { ShellSim, type CallHook, type Lookup, type RunOptions, type SeenCommand, type StandIn, type ZipOut } from '../shell/index.js';
import { builderCalls } from './builder-calls.js';
import { withDeploySnapshots } from './deploy-snapshot.js';
import { at, emptyFacts, known, unknown, type DeploySource, type SourceContext, type SourceFacts, type SourceFunction, type SourceLayout } from './common.js';
import { treeOf } from './builds.js';
import { HOLE, shownPath, toPattern } from '../util/path-pattern.js';
import { entry, parseYaml, scalarMapper, yamlLoc } from './yaml.js';
import { buildPushStep, shellImageBuilds } from './docker-builds.js';
import { cmp } from '../util/compare.js';

export const workflowsSource: DeploySource = {
  id: 'workflows',
  matches: (path) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
  extract: extractWorkflow,
};

/** Where the runner checks the repository out; every simulated path is absolute. */
export const WORKSPACE = '/github/workspace';
const BUILTINS: Record<string, string> = {
  GITHUB_WORKSPACE: WORKSPACE,
  HOME: '/home/runner',
  RUNNER_TEMP: '/home/runner/work/_temp',
};

type Env = Map<string, Lookup>;

// ---------------------------------------------------------------------------
// Script positions: a row/column of the run script → a line/column in the workflow file.

/**
 * `${{ … }}` replaced by same-length stand-ins (positions hold): GitHub substitutes them before the shell runs.
 * `lookup` answers `${{ env.X }}`.
 */
function standIns(script: string, lookup: (name: string) => Lookup): { script: string; standIns: StandIn[] } {
  const out: StandIn[] = [];
  let s = '';
  let k = 0;
  for (;;) {
    const i = script.indexOf('${{', k);
    if (i < 0) break;
    const j = script.indexOf('}}', i);
    if (j < 0) break;
    const expr = script.slice(i, j + 2);
    const token = `GHX${out.length}Z`.padEnd(expr.length, 'Z');
    const inner = expr.slice(3, -2).trim();
    const ph: StandIn = { token, why: `${expr} is a GitHub expression`, text: expr };
    const m = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
    if (m) {
      const v = lookup(m[1]);
      if ('value' in v) ph.value = v.value;
    } else if (inner === 'github.workspace') ph.value = WORKSPACE;
    out.push(ph);
    s += script.slice(k, i) + token;
    k = j + 2;
  }
  return { script: s + script.slice(k), standIns: out };
}

// ---------------------------------------------------------------------------
// env: levels

function literalEnv(path: string, lc: LineCounter, node: unknown, into: Env, base?: (name: string) => string | undefined) {
  if (!isMap(node)) return;
  for (const pair of (node as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const k = String(pair.key.value);
    const v = pair.value;
    if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) {
      const s = String(v.value);
      if (s.includes('${{')) {
        // `${{ env.X }}` alone is a literal when X is.
        const m = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(s);
        const b = m ? base?.(m[1]) : undefined;
        into.set(k, b !== undefined ? { value: b } : { why: `$${k} is set from ${s.trim()}` });
      } else into.set(k, { value: s });
    } else {
      into.set(k, { why: `$${k} is not a literal (${yamlLoc(path, lc, v as YNode).line})` });
    }
  }
}

const valueOf = (env: Env) => (name: string) => {
  const l = env.get(name);
  return l && 'value' in l ? l.value : undefined;
};

type Where = { value: string } | { why: string } | null;

function workingDirectory(node: unknown): Where {
  const wd = entry(entry(entry(node, 'defaults')?.value, 'run')?.value, 'working-directory');
  if (!wd) return null;
  if (isScalar(wd.value) && typeof wd.value.value === 'string' && !wd.value.value.includes('${{')) return { value: wd.value.value };
  return { why: `working-directory ${isScalar(wd.value) ? String(wd.value.value) : ''} is not a literal` };
}

// ---------------------------------------------------------------------------
// Jobs

interface Workflow {
  path: string;
  text: string;
  lc: LineCounter;
  facts: DeployFacts;
  env: Env;
  wd: Where;
  repoFiles: string[];
  repoLinks?: ReadonlyMap<string, string>;
  /** Steps that run scripts, make, npm run or task are followed into those files. */
  calls?: CallHook;
  /** The job being read (labels of the trees its deploys package). */
  job?: string;
  /** Told of every command a job's steps run (src/sources/workflow-servers.ts reads the servers they start). */
  observe?: (job: string, c: SeenCommand) => void;
}

export function extractWorkflow(path: string, text: string, ctx: SourceContext, observe?: Workflow['observe']): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts);
  if (!parsed) return facts;
  const { doc, lc } = parsed;
  const root = doc.contents;
  const env: Env = new Map();
  literalEnv(path, lc, entry(root, 'env')?.value, env);
  const jobs = entry(root, 'jobs')?.value;
  if (!isMap(jobs)) return facts;
  const wf: Workflow = { path, text, lc, facts, env, wd: workingDirectory(root), repoFiles: ctx.files(), repoLinks: ctx.links?.(), ...(observe ? { observe } : {}) };
  // A step's `serverless deploy` packages the tree as it is then (deploy-snapshot.ts).
  wf.calls = withDeploySnapshots(builderCalls({ text: (p) => ctx.text?.(p), called: ctx.called ?? new Set() }), (sh, dir, loc) => {
    if (dir !== WORKSPACE && !dir.startsWith(WORKSPACE + '/')) return;
    const tree = treeOf(sh, WORKSPACE, wf.repoFiles, `job ${wf.job ?? '?'}: serverless deploy`, loc);
    ((facts as SourceFacts).builds ??= []).push({ ...tree, deployDir: dir === WORKSPACE ? '' : dir.slice(WORKSPACE.length + 1) });
  });
  for (const jp of (jobs as YAMLMap).items) {
    if (isScalar(jp.key)) extractJob(wf, String(jp.key.value), jp.value, jp.key);
  }
  return facts;
}

function extractJob(wf: Workflow, jobId: string, job: unknown, key: YNode) {
  const { path, lc, facts } = wf;
  wf.job = jobId;
  const sim = new ShellSim({ root: WORKSPACE, files: wf.repoFiles, links: wf.repoLinks, home: BUILTINS.HOME, calls: wf.calls });
  const jobEnv: Env = new Map(wf.env);
  literalEnv(path, lc, entry(job, 'env')?.value, jobEnv, valueOf(jobEnv));
  const jobWd = workingDirectory(job) ?? wf.wd;
  const steps = entry(job, 'steps')?.value;
  if (!isSeq(steps)) return;
  for (const step of steps.items) {
    const image = buildPushStep(path, lc, step, '', valueOf(jobEnv));
    if (image) (facts.images ??= []).push(image);
    const run = entry(step, 'run');
    if (!run || !isScalar(run.value) || typeof run.value.value !== 'string') continue;
    const shell = entry(step, 'shell');
    if (shell && isScalar(shell.value) && !/^(bash|sh)\b/.test(String(shell.value.value))) {
      const l = yamlLoc(path, lc, shell.value as YNode);
      const why = `shell ${String(shell.value.value)} is not simulated`;
      sim.unknowns.push({ loc: l, why });
      facts.unknowns.push({ loc: l, what: 'workflow step', why });
      continue;
    }
    const r = sim.run(...stepRun(wf, step, run.value as Scalar, jobEnv, jobWd));
    facts.problems.push(...r.problems);
    for (const u of r.unknowns) facts.unknowns.push({ loc: u.loc, what: 'workflow step', why: u.why });
  }
  for (const z of sim.zips.values()) facts.functions.push(zipFunction(wf, jobId, sim, z));
  if (sim.copies.length) {
    const loc = yamlLoc(path, lc, key);
    ((facts as SourceFacts).builds ??= []).push(treeOf(sim, WORKSPACE, wf.repoFiles, `job ${jobId}`, loc));
  }
  const built = shellImageBuilds(sim.vfs, sim.dockerBuilds);
  if (built.length) (facts.images ??= []).push(...built);
}

/** A step's script and how it starts: its folder, its environment (step `env:` over the job's), positions. */
function stepRun(wf: Workflow, step: unknown, run: Scalar, jobEnv: Env, jobWd: Where): [string, RunOptions] {
  const stepEnv: Env = new Map();
  literalEnv(wf.path, wf.lc, entry(step, 'env')?.value, stepEnv, valueOf(jobEnv));
  const swd = entry(step, 'working-directory');
  let wd = jobWd;
  if (swd) {
    wd = isScalar(swd.value) && typeof swd.value.value === 'string' && !swd.value.value.includes('${{')
      ? { value: swd.value.value }
      : { why: 'the step working-directory is not a literal' };
  }
  const cwd = wd && 'value' in wd ? posix.resolve(WORKSPACE, wd.value) : WORKSPACE;
  const cwdWhy = wd && 'why' in wd ? wd.why : null;
  const env = (name: string) => stepEnv.get(name) ?? jobEnv.get(name);
  // `${{ env.X }}` is read before the script runs: the step's start folder is $PWD then.
  const before = (name: string): Lookup => env(name) ?? (name === 'PWD' && !cwdWhy ? { value: cwd } : name in BUILTINS ? { value: BUILTINS[name] } : { why: '' });
  const pre = standIns(run.value as string, before);
  const map = scalarMapper(wf.text, wf.lc, run);
  return [
    pre.script,
    {
      cwd,
      cwdWhy,
      env,
      defaults: BUILTINS,
      standIns: pre.standIns,
      locate: (s, e) => {
        const a = map(s.row, s.column);
        const b = map(e.row, e.column);
        return at(wf.path, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
      },
      envFile: { matches: (dest) => /GITHUB_ENV/.test(dest), set: (name, value) => jobEnv.set(name, value) },
      ...(wf.observe ? { onCommand: (c: SeenCommand) => wf.observe!(wf.job ?? '?', c) } : {}),
    },
  ];
}

function zipFunction(wf: Workflow, jobId: string, sim: ShellSim, z: ZipOut): SourceFunction {
  const artifact = sim.vfs.checked(z.abs);
  const zipName = shownPath(posix.basename(z.abs));
  const fn: SourceFunction = {
    name: z.functionName && 'value' in z.functionName ? z.functionName.value : zipName,
    source: 'workflow',
    loc: z.loc,
    packageType: 'zip',
    handler: z.handler
      ? known(z.handler.value, at(wf.path, z.handler.loc))
      : unknown(`job ${jobId} builds ${zipName} but does not set the handler (it is set where the function is defined)`, z.loc),
    layout: known(layoutOf(sim, z), z.loc),
    artifact: artifact.startsWith('/') || artifact.includes(HOLE) ? undefined : artifact,
  };
  const pattern = artifact.startsWith('/') ? null : toPattern(artifact, shownPath(artifact));
  if (pattern) fn.artifactPattern = pattern;
  if (z.runtime) fn.runtime = known(z.runtime.value, z.runtime.loc);
  if (z.layers) fn.layers = z.layers.map((l) => ({ text: l.value, loc: l.loc }));
  if (z.functionName) fn.functionName = 'value' in z.functionName ? known(z.functionName.value, z.functionName.loc) : unknown(z.functionName.why, z.functionName.loc);
  return fn;
}

/** The package a zip holds: its entries, and the copies the job made under the folder it zipped. */
function layoutOf(sim: ShellSim, z: ZipOut): SourceLayout {
  const inRoot = (abs: string) => abs === z.root || abs.startsWith(z.root + '/');
  const copies: CopyStep[] = sim.copies.filter((c) => inRoot(c.toAbs)).map((c) => ({ ...c.step, to: posix.relative(z.root, c.toAbs) }));
  const layout: SourceLayout = { how: 'simulated', files: [...z.files.values()].sort((a, b) => cmp(a.dest, b.dest)), copies, unknowns: z.unknowns };
  if (z.notes?.length) layout.notes = z.notes.map(({ loc, why }) => ({ loc, why }));
  return layout;
}
