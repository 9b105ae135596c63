// What builds an image, in every place a build is written: `docker build` in a shell step (the simulator's records),
// docker/build-push-action workflow steps, and compose files (`services.<name>.build`). Each becomes an ImageBuild:
// the Dockerfile and context (checked-folder relative), the target, build args and tags that docker-images.ts uses
// to give each Lambda image its package.
import { isMap, isScalar, isSeq, type LineCounter, type Node as YNode } from 'yaml';
import type { DeployFacts, ImageBuild, Known, Location } from '../types.js';
import type { DockerBuildRec, VFS } from '../shell/index.js';
import { dirOf, emptyFacts, joinRel, known, unknown, type DeploySource } from './common.js';
import { entry, parseYaml, yamlLoc } from './yaml.js';
import { composeRun } from './compose-run.js';

const rel = (vfs: VFS, v: { value: string } | { why: string }, loc: Location): Known<string> => {
  if ('why' in v) return unknown(v.why, loc);
  const c = vfs.checked(v.value);
  return c.startsWith('/') ? unknown(`${v.value} is outside the checked folder`, loc) : known(c, loc);
};

/** The images a shell run built (any source that runs scripts on the simulator: workflows, scripts, Makefiles). */
export function shellImageBuilds(vfs: VFS, recs: readonly DockerBuildRec[]): ImageBuild[] {
  return recs.map((r) => ({
    dockerfile: rel(vfs, r.dockerfile, r.loc),
    context: rel(vfs, r.context, r.loc),
    ...(r.target ? { target: r.target } : {}),
    ...(Object.keys(r.buildArgs).length ? { buildArgs: r.buildArgs } : {}),
    tags: r.tags,
    pushed: r.pushed,
    loc: r.loc,
    via: 'docker build',
  }));
}

/** A string input with `${{ … }}` expressions: known ones replaced, the others `*`. */
function expr(s: string, lookup: (name: string) => string | undefined): string {
  return s.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, e: string) => {
    const m = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e);
    return (m && lookup(m[1])) ?? '*';
  });
}

/**
 * `uses: docker/build-push-action@…` `with: { context, file, target, tags, push, build-args }`. The context defaults
 * to the repository (its Git context); `file` is relative to the workspace, `{context}/Dockerfile` by default.
 */
export function buildPushStep(path: string, lc: LineCounter, step: unknown, cwd: string, lookup: (name: string) => string | undefined): ImageBuild | null {
  const uses = entry(step, 'uses');
  if (!uses || !isScalar(uses.value) || !/^docker\/build-push-action@/.test(String(uses.value.value))) return null;
  const loc = yamlLoc(path, lc, uses.key as YNode);
  const w = entry(step, 'with')?.value;
  const input = (k: string): string | undefined => {
    const e = entry(w, k);
    return e && isScalar(e.value) && e.value.value !== null ? expr(String(e.value.value), lookup) : undefined;
  };
  const folder = (v: string | undefined, what: string, dflt: string): Known<string> => {
    if (v === undefined) return known(dflt, loc);
    if (v.includes('*')) return unknown(`${what} ${v.replace(/\*/g, '…')} is not known`, loc);
    const r = joinRel(cwd, v.replace(/^\.\/?$/, '.'));
    return r === null ? unknown(`${what} ${v} is outside the checked folder`, loc) : known(r === '.' ? '' : r, loc);
  };
  const context = folder(input('context'), 'context', '');
  const file = input('file');
  const dockerfile = file !== undefined ? folder(file, 'file', '') : context.known ? known(context.value ? `${context.value}/Dockerfile` : 'Dockerfile', loc) : context;
  const list = (k: string) => (input(k) ?? '').split(/[\n,]/).map((x) => x.trim()).filter(Boolean);
  const buildArgs: Record<string, string> = {};
  for (const a of list('build-args')) if (a.indexOf('=') > 0 && !a.includes('*')) buildArgs[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  const target = input('target');
  return {
    dockerfile,
    context,
    ...(target && !target.includes('*') ? { target } : {}),
    ...(Object.keys(buildArgs).length ? { buildArgs } : {}),
    tags: list('tags'),
    pushed: input('push') === 'true',
    loc,
    via: 'docker/build-push-action',
  };
}

// ---------------------------------------------------------------------------
// Compose files

export const composeSource: DeploySource = {
  id: 'compose',
  matches: (path) => /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/.test(path),
  extract: extractCompose,
};

/** `services.<name>.build`: a context string, or `{ context, dockerfile, target, args }`; the image name is its tag. */
export function extractCompose(path: string, text: string): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts);
  if (!parsed) return facts;
  const { doc, lc } = parsed;
  const services = entry(doc.contents, 'services')?.value;
  if (!isMap(services)) return facts;
  const images: ImageBuild[] = [];
  const dir = dirOf(path);
  for (const pair of services.items) {
    const b = entry(pair.value, 'build');
    if (!b || !isScalar(pair.key)) continue;
    const loc = yamlLoc(path, lc, b.key as YNode);
    const s = (n: unknown) => (isScalar(n) && n.value !== null ? String(n.value) : undefined);
    const ctxText = isScalar(b.value) ? s(b.value) : s(entry(b.value, 'context')?.value) ?? '.';
    const dfText = s(entry(b.value, 'dockerfile')?.value) ?? 'Dockerfile';
    const vars = (v: string | undefined) => v !== undefined && /\$/.test(v);
    const ctxRel = ctxText === undefined || vars(ctxText) ? null : joinRel(dir, ctxText);
    const context: Known<string> = ctxRel === null ? unknown(`build context ${ctxText ?? ''} is not a literal folder of the checked folder`, loc) : known(ctxRel === '.' ? '' : ctxRel, loc);
    const dfRel = context.known && !vars(dfText) ? joinRel(context.value, dfText) : null;
    const dockerfile: Known<string> = dfRel === null ? unknown(`dockerfile ${dfText} is not known`, loc) : known(dfRel, loc);
    const target = s(entry(b.value, 'target')?.value);
    const args = entry(b.value, 'args')?.value;
    const buildArgs: Record<string, string> = {};
    if (isMap(args)) for (const a of args.items) if (isScalar(a.key) && s(a.value) !== undefined) buildArgs[String(a.key.value)] = s(a.value)!;
    if (isSeq(args)) for (const a of args.items) if (s(a)?.includes('=')) buildArgs[s(a)!.split('=')[0]] = s(a)!.slice(s(a)!.indexOf('=') + 1);
    const image = s(entry(pair.value, 'image')?.value);
    images.push({
      dockerfile,
      context,
      ...(target && !vars(target) ? { target } : {}),
      ...(Object.keys(buildArgs).length ? { buildArgs } : {}),
      tags: image ? [image.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '*')] : [],
      pushed: false,
      loc,
      via: `compose service ${String(pair.key.value)}`,
      compose: composeRun(pair.value, path, lc),
    });
  }
  if (images.length) facts.images = images;
  return facts;
}
