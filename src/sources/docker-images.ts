// Lambda images as they are built (#14 point 3). A Dockerfile means nothing until something builds it: its context,
// target stage and build args come from what invokes the build, so every Dockerfile function is made here, once all
// deploy files are read:
// - an IaC function naming its Dockerfile (SAM Metadata, CDK) gets the image its build makes (context, target, args);
// - each distinct build of a Dockerfile by a workflow step, script, build-push-action or compose service is an image
//   (a Dockerfile built twice with different contexts or targets is two images);
// - a Dockerfile nothing builds is built with the first folder holding every COPY source (its own, the checked folder,
//   then the folders between), its last stage, and --verbose says which folder and why;
// - an image function deployed from a registry (Terraform image_uri) gets the image whose build is tagged with that
//   repository (`docker build -t $REGISTRY/<name>:tag`, `docker push`), or the only Lambda image there is when
//   nothing else could be it (said in --verbose).
import type { DeployFacts, ImageBuild, Location } from '../types.js';
import { dirOf, type SourceContext, type SourceFunction } from './common.js';
import { dockerfileSource, extractDockerfile, type DockerfileOptions, type NotLambdaStage } from './dockerfile.js';
import { imageMatches } from './image-refs.js';
import { dropComposeServers } from './compose-run.js';
import { adoptNotLambda, pushedNotLambda } from './docker-not-lambda.js';

type Files = { path: string; text: string }[];

interface Image {
  fn: SourceFunction;
  builds: ImageBuild[];
}

/** An image_uri this repository's build could push to: a private ECR registry, or one not known. */
const OWN_REGISTRY = /^\*(\/|$)|\.dkr\.ecr\./;

const at1 = (file: string): Location => ({ file, line: 1, column: 1, endLine: 1, endColumn: 1 });

/** Builds one image: its function (null when it is not a Lambda image), with its unknowns added to `out`. */
function build(out: DeployFacts, df: { path: string; text: string }, ctx: SourceContext, opts: DockerfileOptions, keepUnknowns: boolean): SourceFunction | null {
  try {
    const facts = extractDockerfile(df.path, df.text, ctx, opts);
    if (keepUnknowns) out.unknowns.push(...facts.unknowns);
    return (facts.functions[0] as SourceFunction | undefined) ?? null;
  } catch (err) {
    out.problems.push({ loc: at1(df.path), message: `dockerfile source failed on ${df.path}: ${err instanceof Error ? err.message : String(err)}` });
    return null;
  }
}

/** Whether the last stage is a Lambda image at all (before trying contexts for it). */
function isLambdaImage(df: { path: string; text: string }): boolean {
  try {
    return extractDockerfile(df.path, df.text, NO_FILES).functions.length > 0;
  } catch {
    return true; // build() reports the failure
  }
}

/** No files: whether an image is a Lambda image does not depend on the context's files (cheap to read). */
const NO_FILES: SourceContext = { exists: () => false, isDir: () => false, files: () => [] };

/** The folders a Dockerfile nothing names could be built from, in the order they are tried. */
function candidates(path: string): string[] {
  const own = dirOf(path);
  const out = [own, ''];
  for (let d = dirOf(own); d !== '' && own !== ''; d = dirOf(d)) out.push(d);
  return [...new Set(out)];
}

/** The build context of a Dockerfile nothing names: the first candidate where every COPY source exists. */
function chooseContext(df: { path: string; text: string }, ctx: SourceContext, opts: DockerfileOptions): { context: string; why: string } {
  const cs = candidates(df.path);
  const label = (c: string) => (c === '' ? 'the checked folder' : c);
  for (const c of cs) {
    const stats = { missing: 0 };
    try {
      extractDockerfile(df.path, df.text, ctx, { ...opts, context: c, stats });
    } catch {
      break;
    }
    if (stats.missing === 0) {
      const before = cs.slice(0, cs.indexOf(c)).map(label);
      return { context: c, why: c === cs[0] ? `its own folder (${label(c)}) is the context: every COPY source exists there` : `${label(c)} is the context: every COPY source exists there, not in ${before.join(', ')}` };
    }
  }
  return { context: cs[0], why: `no folder holds every COPY source: its own folder ${label(cs[0])} is used` };
}

const key = (b: { context: string; target?: string; buildArgs?: Record<string, string> }) => JSON.stringify([b.context, b.target ?? null, b.buildArgs ?? {}]);

/** Every Dockerfile function, and the IaC image functions given the image their build makes. */
export function linkImages(out: DeployFacts, files: Files, ctx: SourceContext) {
  const fns = out.functions as SourceFunction[];
  const dockerfiles = files.filter((f) => dockerfileSource.matches(f.path));
  const byPath = new Map(dockerfiles.map((f) => [f.path, f]));
  const covered = new Map<string, Set<string>>(); // Dockerfile → keys of the builds IaC functions make

  // IaC functions that name their Dockerfile.
  for (const fn of fns) {
    if (fn.packageType !== 'image' || !fn.dockerfile || fn.source === 'dockerfile') continue;
    const df = byPath.get(fn.dockerfile);
    if (!df) continue;
    const opts = { context: fn.dockerContext ?? dirOf(df.path), target: fn.dockerTarget, buildArgs: fn.dockerBuildArgs };
    covered.set(df.path, (covered.get(df.path) ?? new Set()).add(key(opts as { context: string })));
    const probe = {} as NotLambdaStage;
    const built = build(out, df, ctx, { ...opts, notLambda: probe }, false);
    if (built) adopt(out, fn, built);
    else if (probe.stage !== undefined) adoptNotLambda(out, fn, df.path, probe);
  }

  // Builds: one image per distinct (context, target, args) of each Dockerfile.
  const images: Image[] = [];
  for (const b of out.images ?? []) if (!b.dockerfile.known) out.unknowns.push({ loc: b.loc, what: `${b.via} Dockerfile`, why: b.dockerfile.why });
  const builds = (out.images ?? []).filter((b) => b.dockerfile.known && byPath.has(b.dockerfile.value));
  for (const df of dockerfiles) {
    const mine = builds.filter((b) => b.dockerfile.known && b.dockerfile.value === df.path);
    if (!mine.length) {
      if (covered.has(df.path) || !isLambdaImage(df)) continue;
      const chosen = chooseContext(df, ctx, {});
      const fn = build(out, df, ctx, { context: chosen.context }, true);
      if (!fn) continue;
      out.unknowns.push({ loc: fn.loc, what: `${df.path} build context`, why: `no docker build, compose service or deploy definition builds it: ${chosen.why}` });
      images.push({ fn, builds: [] });
      continue;
    }
    const groups = new Map<string, { opts: DockerfileOptions & { context: string }; builds: ImageBuild[] }>();
    for (const b of mine) {
      let context = b.context.known ? b.context.value : undefined;
      if (context === undefined) {
        const chosen = chooseContext(df, ctx, { target: b.target, buildArgs: b.buildArgs });
        out.unknowns.push({ loc: b.loc, what: `${df.path} build context`, why: `${b.via}: ${b.context.known ? '' : b.context.why}; ${chosen.why}` });
        context = chosen.context;
      }
      const opts = { context, target: b.target, buildArgs: b.buildArgs };
      const k = key(opts);
      if (covered.get(df.path)?.has(k)) continue;
      const g = groups.get(k) ?? { opts, builds: [] as ImageBuild[] };
      g.builds.push(b);
      groups.set(k, g);
    }
    const several = groups.size > 1;
    const targets = new Set([...groups.values()].map((g) => g.opts.target ?? ''));
    for (const g of groups.values()) {
      const probe = {} as NotLambdaStage;
      const fn = build(out, df, ctx, { ...g.opts, notLambda: probe }, true);
      if (!fn) {
        const named = probe.stage !== undefined ? pushedNotLambda(df, g.builds, probe) : null;
        if (named) {
          out.unknowns.push({ loc: named.loc, what: `${df.path} handler`, why: (named.handler as { why: string }).why });
          images.push({ fn: named, builds: g.builds });
        }
        continue;
      }
      const t = g.opts.target;
      fn.name = `${df.path}${t ? ` --target ${t}` : ''}${several && targets.size < groups.size ? ` (context ${g.opts.context || '.'})` : ''}`;
      fn.dockerContext = g.opts.context;
      if (t) fn.dockerTarget = t;
      fn.linked = g.builds.map((b) => b.loc);
      images.push({ fn, builds: g.builds });
    }
  }
  const drop = linkRegistryImages(out, fns, images);
  for (const f of dropComposeServers(out, images.filter((i) => !drop.has(i.fn)))) drop.add(f);
  out.functions = [...fns, ...images.map((i) => i.fn).filter((f) => !drop.has(f))];
}

/** An IaC function takes the image's package, and its handler, runtime and start-up where it states none. */
function adopt(out: DeployFacts, fn: SourceFunction, built: SourceFunction) {
  const old = fn.layout;
  if (!old.known) out.unknowns = out.unknowns.filter((u) => u.why !== old.why || u.loc !== old.loc);
  fn.layout = built.layout;
  if (!fn.handler.known && built.handler.known) {
    const h = fn.handler;
    out.unknowns = out.unknowns.filter((u) => u.why !== h.why || u.loc !== h.loc);
    fn.handler = built.handler;
  }
  if (!fn.runtime && built.runtime) fn.runtime = built.runtime;
  // How the image starts (a web server behind the adapter, a script): the image's, unless the function states its
  // own command (ImageConfig.Command); then the image's runtime too (a Node base image is not Python).
  if (!fn.startup && built.startup && !(fn.handler.known && fn.handler !== built.handler)) {
    fn.startup = built.startup;
    if (built.runtime) fn.runtime = built.runtime;
  }
  fn.linked = [...(fn.linked ?? []), built.loc];
}

/** Image functions deployed from a registry ↔ the image whose build pushes there; returns the images absorbed. */
function linkRegistryImages(out: DeployFacts, fns: SourceFunction[], images: Image[]): Set<SourceFunction> {
  const drop = new Set<SourceFunction>();
  for (const fn of fns) {
    if (fn.packageType !== 'image' || fn.dockerfile || fn.source === 'dockerfile' || fn.layout.known || fn.imageUri === undefined) continue;
    const tagged = images.filter((i) => i.builds.some((b) => b.tags.some((t) => imageMatches(t, fn.imageUri!))));
    const pushed = tagged.filter((i) => i.builds.some((b) => b.pushed));
    const hits = pushed.length ? pushed : tagged;
    let img: Image | undefined;
    if (hits.length === 1) img = hits[0];
    else if (hits.length > 1) {
      out.unknowns.push({ loc: fn.loc, what: `${fn.name} image`, why: `image_uri ${fn.imageUri} matches the builds of ${hits.map((h) => h.fn.name).join(', ')}` });
    } else if (images.length === 1 && OWN_REGISTRY.test(fn.imageUri) && images[0].builds.every((b) => b.tags.every((t) => !/[^*]/.test(t)))) {
      img = images[0];
      out.unknowns.push({ loc: fn.loc, what: `${fn.name} image`, why: `no build is tagged like image_uri ${fn.imageUri}: ${img.fn.name} is used, the only Lambda image in the checked folder` });
    }
    if (!img) continue;
    adopt(out, fn, img.fn);
    fn.linked = [...(fn.linked ?? []), ...(img.fn.linked ?? []).filter((l) => l !== img!.fn.loc)];
    drop.add(img.fn);
  }
  return drop;
}
