// Dockerfiles (`Dockerfile`, `*.Dockerfile`, `Dockerfile.*`) of Lambda container images.
//
// Instructions are read line by line (Dockerfile is not shell; dockerfile-read.ts): `\` continuations (or the
// `# escape=` directive), comment lines, here-documents, JSON-array and shell forms; COPY/ADD/WORKDIR arguments are
// words as Docker reads them (quotes removed, ARG/ENV expanded; dockerfile-words.ts). A function is reported only for
// images built on an AWS Lambda base image (`public.ecr.aws/lambda/*`, `amazon/aws-lambda-*`) or running
// `awslambdaric`. One image is one build: a context (what invokes the build says, docker-images.ts), a target stage
// (`--target`; the last stage by default) and build args. COPY/ADD are simulated against the context, `COPY --from`
// against the earlier stage's files (dockerfile-from.ts), RUN on the shell simulator (dockerfile-run.ts); files landing
// under the task root (LAMBDA_TASK_ROOT, /var/task on Lambda base images; the final WORKDIR for awslambdaric on other
// images) are the package. The context is what `.dockerignore` leaves (dockerignore.ts). ADD of URLs/archives and unknown
// variables → layout unknowns.
import { posix } from 'node:path';
import type { CopyStep, DeployFacts, Known, Location, PackagedFile } from '../types.js';
import { dirOf, emptyFacts, isUnder, known, relTo, unknown, type DeploySource, type SourceContext, type SourceFunction, type SourceLayout } from './common.js';
import { keyValues, readInstructions, type Instruction, type Vars } from './dockerfile-read.js';
import { imageStartup, type ImageStartup } from './dockerfile-startup.js';
import { applyInstruction, fromStage, insLoc, insLocAt, workdirKnown, type Build, type Stage } from './dockerfile-stage.js';
import { cmp } from '../util/compare.js';
import { ancestorDirs } from '../util/posix-path.js';
import { contextLinks, stageLinkSays } from './dockerfile-links.js';
import { runtimeKind } from './runtime.js';
import { dockerIgnoreCandidates, dockerIgnoreFor, ignoredWhy } from './dockerignore.js';

export { jsonArray, readInstructions, type Instruction } from './dockerfile-read.js';

export const dockerfileSource: DeploySource = {
  id: 'dockerfile',
  // `Dockerfile.dockerignore` is the ignore file of `Dockerfile` (dockerignore.ts), no Dockerfile.
  matches: (path) => /(^|\/)(Dockerfile(\.[^/]+)?|[^/]+\.Dockerfile)$/i.test(path) && !path.endsWith('.dockerignore'),
  // A Dockerfile's image depends on what builds it: docker-images.ts makes its functions once every file is read.
  extract: () => emptyFacts(),
  // The ignore files its build context may have are read with it.
  wants: (path, _text, ctx) => dockerIgnoreCandidates(path, ctx.files()),
};

export interface DockerfileOptions {
  /** Build context folder (checked-folder relative); defaults to the Dockerfile's folder. */
  context?: string;
  /** The stage built (`--target`, DockerBuildTarget); defaults to the last stage. */
  target?: string;
  /** `--build-arg K=V`: values over the ARG defaults. */
  buildArgs?: Record<string, string>;
  /** Filled in: how many COPY/ADD sources the context does not hold. */
  stats?: { missing: number };
  /** Filled in when the stage built is no Lambda image (docker-images.ts says what then runs). */
  notLambda?: NotLambdaStage;
}

/** A built stage with no Lambda base image, runtime interface client or Lambda Web Adapter. */
export interface NotLambdaStage {
  /** The stage's name (`debug`), or its base image when it has none. */
  stage: string;
  /** The language it runs when that is known and not Python (a Go binary, node:20). */
  otherRuntime?: Known<string>;
  /** What it starts (ENTRYPOINT + CMD as written), if anything. */
  starts?: string;
  loc: Location;
}

export function extractDockerfile(path: string, text: string, ctx: SourceContext, opts: DockerfileOptions = {}): DeployFacts {
  const facts = emptyFacts();
  const context = opts.context ?? dirOf(path);
  const all = ctx.files().filter((f) => isUnder(f, context) && f !== context).map((f) => relTo(f, context));
  // What .dockerignore excludes is not in the context docker build sends: COPY . . does not see it.
  const ignore = ctx.text ? dockerIgnoreFor(path, context, (p) => ctx.text!(p)) : undefined;
  const ignored = new Map<string, { pattern: string; loc: Location }>();
  const files = ignore
    ? all.filter((f) => {
        const hit = ignore.excludes(f);
        if (hit) ignored.set(f, hit);
        return !hit;
      })
    : all;
  const stages: Stage[] = [];
  const chains = new Map<Stage, Instruction[]>(); // a stage's instructions and those of the stage it is built FROM
  const given = new Map(Object.entries(opts.buildArgs ?? {}));
  const b: Build = { path, context, files, dirs: ancestorDirs(files), links: contextLinks(ctx.links?.(), context), stages, buildArgs: given, ...(ignored.size ? { ignored } : {}) };
  const globalArgs: Vars = new Map();
  let st: Stage | undefined;
  for (const ins of readInstructions(text)) {
    if (ins.keyword === 'ARG' && !st) {
      for (const [k, v] of keyValues(ins.args, false)) if (given.has(k) || v !== '\u0000') globalArgs.set(k, given.get(k) ?? v);
    } else if (ins.keyword === 'FROM') {
      const parent = stages.find((s) => s.name && s.name === ins.args.split(/\s+/).filter((w) => !w.startsWith('--'))[0]);
      st = fromStage(b, ins, globalArgs, stages);
      chains.set(st, [...(parent ? chains.get(parent)! : []), ins]);
      stages.push(st);
    } else if (st) {
      chains.get(st)!.push(ins);
      applyInstruction(b, st, ins, globalArgs);
    }
  }
  if (opts.stats) opts.stats.missing = b.missing ?? 0;
  for (const bad of ignore?.bad ?? []) facts.unknowns.push({ loc: bad.loc, what: `${path} build context`, why: `docker build stops: ${bad.pattern} is not a valid pattern (syntax error in pattern)` });
  const target = opts.target === undefined ? stages[stages.length - 1] : stages.find((s) => s.name?.toLowerCase() === opts.target!.toLowerCase());
  if (!target && opts.target !== undefined && stages.length) {
    facts.unknowns.push({ loc: stages[0].fromLoc, what: `${path} --target ${opts.target}`, why: 'no stage has that name' });
    return facts;
  }
  const images = new Map(stages.filter((s) => s.name).map((s) => [s.name!, s.image]));
  const start = target && imageStartup(b, target, chains.get(target)!, images);
  const fn = target && start && imageFunction(b, target, start);
  if (!fn) {
    if (target && start && opts.notLambda) Object.assign(opts.notLambda, notLambdaStage(target, start));
    return facts;
  }
  // A web server or script start-up has no handler: nothing is missing.
  const noHandler = fn.startup?.kind === 'web-app' || fn.startup?.kind === 'script';
  for (const [what, k] of [['handler', noHandler ? undefined : fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
    if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${path} ${what}`, why: k.why });
  }
  if (fn.layout.known) for (const u of fn.layout.value.unknowns) facts.unknowns.push({ loc: u.loc, what: `${path} layout step`, why: u.why });
  facts.functions.push(fn);
  return facts;
}

/** The function the final stage makes, or null when it is not a Lambda image. */
function imageFunction(b: Build, last: Stage, start: ImageStartup): SourceFunction | null {
  const ep = last.entrypoint?.list?.map((x) => x.value) ?? [];
  const ric = ep.some((x) => x.includes('awslambdaric')) || (last.entrypoint && !last.entrypoint.list && last.entrypoint.ins.args.includes('awslambdaric'));
  if (!last.lambdaBase && !ric && !start.lambda) return null;

  const fnLoc = last.fromLoc;
  const fn: SourceFunction = {
    name: b.path,
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
    if (c.list && c.list.length) fn.handler = known(c.list[0].value, insLocAt(b, c.ins, c.list[0].start, c.list[0].end));
    else if (c.list) fn.handler = unknown('CMD is empty', insLoc(b, c.ins));
    else fn.handler = unknown('shell-form CMD: the handler must be the first element of a JSON-array CMD', insLoc(b, c.ins));
    if (fn.handler.known && fn.handler.value.includes('$')) fn.handler = unknown(`CMD ${fn.handler.value}: variables are not expanded in JSON form`, fn.handler.loc);
  } else {
    fn.handler = unknown('no CMD: the handler is set at deploy time (ImageConfig.Command / image_config)', fnLoc);
  }
  if (!last.lambdaBase && last.entrypoint && ep.length && !ep.some((x) => x.includes('awslambdaric'))) {
    fn.handler = unknown(`ENTRYPOINT ${ep.join(' ')} does not run the Lambda runtime client`, insLoc(b, last.entrypoint.ins));
  }
  fn.layout = taskRootLayout(last, undefined, b);
  if (start.runtime) fn.runtime = start.runtime;
  if (start.handler) fn.handler = start.handler;
  if (start.startup) {
    fn.startup = start.startup;
    // A web server imports from its working directory, not from LAMBDA_TASK_ROOT.
    if (start.startup.kind === 'web-app' || start.startup.kind === 'script') {
      fn.handler = unknown('the image starts a web server or a script, not a handler', start.startup.loc);
      if (last.lambdaBase && workdirKnown(last)) fn.layout = taskRootLayout(last, last.workdir, b);
    }
  }
  return fn;
}

function notLambdaStage(st: Stage, start: ImageStartup): NotLambdaStage {
  const rt = start.runtime;
  const other = rt?.known && runtimeKind(rt.value) === 'other' ? rt : undefined;
  const words = [st.entrypoint, st.cmd].filter((x) => x).map((x) => (x!.list ? x!.list.map((w) => w.value).join(' ') : x!.ins.args));
  return { stage: st.name ?? st.image, ...(other ? { otherRuntime: other } : {}), ...(words.length ? { starts: words.join(' ') } : {}), loc: st.fromLoc };
}

/** What lands under the task root: the package. */
function taskRootLayout(last: Stage, workdir?: string, b?: Build): Known<SourceLayout> {
  const fnLoc = last.fromLoc;
  let root: string;
  if (workdir) root = workdir;
  else if (last.lambdaBase) {
    const tr = last.vars.get('LAMBDA_TASK_ROOT');
    if (!tr) return unknown(`LAMBDA_TASK_ROOT: ${last.unknownVars.get('LAMBDA_TASK_ROOT') ?? 'not known'}`, fnLoc);
    root = tr;
  } else if (workdirKnown(last)) {
    root = last.workdir; // awslambdaric puts its working directory on sys.path
  } else return unknown('WORKDIR is not known: awslambdaric loads the handler from it', fnLoc);

  // The task root, then (handler start-ups only) the folders the image's ENV PYTHONPATH adds to sys.path beside it:
  // `COPY src/ /app` + `ENV PYTHONPATH=/app` + `CMD ["main.handler"]` imports main from /app. The task root wins a
  // name both hold (it is searched first).
  const roots = [root, ...(workdir ? [] : pythonPathDirs(last, root))];
  const under = (r: string, p: string) => p === r || p.startsWith(r === '/' ? '/' : r + '/');
  const links = stageLinkSays(last);
  const files: PackagedFile[] = [];
  const seen = new Set<string>();
  const copies: CopyStep[] = [];
  for (const r of roots) {
    for (const [abs, o] of [...last.files].sort((a, b) => cmp(a[0], b[0]))) {
      const dest = posix.relative(r, abs);
      if (abs !== r && under(r, abs) && !seen.has(dest)) files.push({ dest, src: o.src, loc: o.loc }), seen.add(dest);
    }
    copies.push(...last.copies.filter((c) => under(r, c.toAbs)).map((c) => ({ ...c.step, to: posix.relative(r, c.toAbs) })));
  }
  // A step writing into a folder above the task root (`tar -xf x -C /`) may write into it too.
  const above = (d: string) => d === '/' || roots.some((r) => r.startsWith(d + '/'));
  const unknowns = [...last.unknowns, ...links.unknowns]
    .filter((u) => u.destAbs === undefined || roots.some((r) => under(r, u.destAbs!)) || above(u.destAbs))
    .map(({ loc: l, why, destAbs, fails, link }) => {
      // A failing COPY into the task root fills one known package path; under a PYTHONPATH root it is not told apart.
      const dest = fails && destAbs !== undefined && under(root, destAbs) && destAbs !== root ? posix.relative(root, destAbs) : undefined;
      // A kept link below the task root leaves only its own path not known.
      const at = link !== undefined && under(root, link) && link !== root ? posix.relative(root, link) : undefined;
      return fails ? { loc: l, why, fails: dest === undefined ? {} : { dest } } : at !== undefined ? { loc: l, why, link: at } : { loc: l, why };
    });
  const importRoots = roots.length > 1 || root !== '/var/task' ? { importRoots: roots } : {};
  const notes = links.notes.filter((n) => roots.some((r) => under(r, n.at))).map(({ loc, why }) => ({ loc, why }));
  const excluded = b ? excludedFrom(copies, b) : [];
  return known({ how: 'simulated', files, copies, unknowns, ...importRoots, ...(notes.length ? { notes } : {}), ...(excluded.length ? { excluded } : {}) }, fnLoc);
}

/** The Python files a copy into the package names that `.dockerignore` left out of the context, each with why. */
function excludedFrom(copies: CopyStep[], b: Build): NonNullable<SourceLayout['excluded']> {
  if (!b.ignored?.size) return [];
  const out: NonNullable<SourceLayout['excluded']> = [];
  for (const [rel, hit] of b.ignored) {
    if (!rel.endsWith('.py')) continue;
    const f = b.context === '' ? rel : `${b.context}/${rel}`;
    const step = copies.find((c) => c.from === f || (c.contentsOf && isUnder(f, c.from)));
    if (step) out.push({ src: f, why: ignoredWhy(hit), loc: hit.loc });
  }
  return out;
}

/** Absolute folders of the final stage's PYTHONPATH outside the task root (one inside it is not read: its files are in the package already). */
function pythonPathDirs(last: Stage, root: string): string[] {
  const pp = last.vars.get('PYTHONPATH');
  if (!pp) return [];
  const dirs = pp.split(':').filter((d) => d.startsWith('/')).map((d) => posix.normalize(d).replace(/(.)\/$/, '$1'));
  return [...new Set(dirs)].filter((d) => d !== '/' && d !== root && !d.startsWith(root + '/') && !root.startsWith(d + '/'));
}
