// The graphs of deploy apps (src/deploy/specs.ts reads them from the deploy definitions):
//   - a `code-root` layout (SAM CodeUri, archive_file source_dir) is an ordinary graph of the code
//     folder;
//   - a `simulated` layout (a workflow's cp/zip, a Dockerfile's COPY, serverless patterns) is a
//     virtual app over a LayoutSnapshot: its files are what is really in the zip, so the graph and
//     the resolver see /var/task as Lambda will; graph paths are mapped back to repository paths.
// Either graph carries its functions and what the package says of their handlers (AppGraph.deploy),
// for HND001 and the LPK rules.
import type { SpecDeploy, HandlerCandidate, HandlerFacts, PackagedFunction, DeployFunction } from '../graph/deployed.js';
import { entryRef } from '../graph/deployed.js';
import { buildAppGraph, type AppSpec } from '../graph/build.js';
import { rootResolver, type GraphEnv } from '../graph/env.js';
import { bindsName } from '../graph/symbols.js';
import type { AppGraph, DeployedGraph, UnresolvedImport, UnresolvedModulePath } from '../graph/types.js';
import { deployMessages } from '../messages.js';
import { Resolver } from '../python/resolve.js';
import type { FileFacts, PackagedFile } from '../types.js';
import { dropLayerMisses, layerFiles, layerResolver, mayComeFromLayer } from './layers.js';
import { LayoutFactsStore, LayoutSnapshot } from './layout-snapshot.js';
import { joinPath } from '../util/posix-path.js';
import { mayFill } from './analysis.js';

/** The graph of a deploy app, its functions in `deploy`. */
export async function buildDeployedGraph(spec: AppSpec & { deploy: SpecDeploy }, env: GraphEnv): Promise<DeployedGraph> {
  const repo = rootResolver(env, '');
  // A code folder copied whole: the ordinary graph.
  if (!spec.deploy.layout?.files) return codeFolderGraph(spec, env, repo);
  return simulatedGraph(spec, spec.deploy.layout, spec.deploy.layout.files, env, repo);
}

/** A code-root app's graph: the folder as it is, under the start-up's first folder when it names one. */
async function codeFolderGraph(spec: AppSpec & { deploy: SpecDeploy }, env: GraphEnv, repo: Resolver): Promise<DeployedGraph> {
  const { snapshot, store } = env;
  const facts = (f: string) => store.get(f);
  const layers = spec.deploy.layers;
  const first = spec.deploy.firstPath;
  // sys.path = [root/first, root, layers...]: the start-up's folder first, then /var/task.
  const resolver =
    first !== undefined
      ? layerResolver(env, joinPath(spec.root, first), { searchPath: [spec.root, ...(layers?.searchPath ?? [])], unknown: layers?.unknown ?? [] })
      : layers
        ? layerResolver(env, spec.root, layers)
        : rootResolver(env, spec.root);
  const graph = dropLayerMisses(await buildAppGraph(spec, snapshot, resolver, store), mayComeFromLayer(resolver, layers));
  const root = spec.root;
  const functions = spec.deploy.functions.map((df) => {
    const pf = packaged(df, (src) =>
      root === '' || src.startsWith(`${root}/`) ? [{ dest: root ? src.slice(root.length + 1) : src, src, loc: df.layoutLoc }] : [],
    );
    if (pf.handler && graph.modules.has(pf.handler.module)) pf.entryModule = pf.handler.module;
    return pf;
  });
  for (const pf of functions) pf.handlerFacts = await handlerFacts(pf, resolver, facts, undefined);
  if (first !== undefined) graph.rootLabel = firstLabel(graph.rootLabel, first, spec);
  return Object.assign(graph, { deploy: { functions, repo, virtual: false, packageMisses: { imports: [], modulePaths: [] } } });
}

/** A simulated package's graph: a virtual root holding what is really in the zip or image, mapped back to repository paths. */
async function simulatedGraph(
  spec: AppSpec & { deploy: SpecDeploy },
  pkg: NonNullable<SpecDeploy['layout']>,
  files: PackagedFile[],
  env: GraphEnv,
  repo: Resolver,
): Promise<DeployedGraph> {
  const { snapshot, store } = env;
  const facts = (f: string) => store.get(f);
  const layers = spec.deploy.layers;
  // A layer's files are in the virtual snapshot at their repository paths, after the package's (which win a clash).
  // Kept links whose target is not known: Python may find anything through them (the resolver does not judge them).
  const links = pkg.unknowns.map((u) => u.link).filter((l): l is string => l !== undefined);
  const layout = new LayoutSnapshot(snapshot, layers ? [...layerFiles(layers, env.paths, spec.deploy.functions[0].layoutLoc), ...files] : files, links);
  const pkgPaths = layout.files().map((e) => e.path);
  const firstPath = spec.deploy.firstPath;
  // A start-up's folder first on sys.path (serverless-wsgi `app/handler.app`): the root, with /var/task after it.
  const searchPath = firstPath === undefined ? layers?.searchPath : ['', ...(layers?.searchPath ?? [])];
  const resolver = new Resolver({ root: firstPath ?? '', files: layout, localTopLevel: env.localTopLevel, dependencies: env.dependencies, paths: pkgPaths, searchPath });
  const toPackage = (src: string) => files.filter((f) => f.src === src && layout.has(f.dest));
  const functions = spec.deploy.functions.map((df) => packaged(df, toPackage));
  const entries = handlerEntries(functions, resolver, repo, toPackage);
  const srcOf = (dest: string) => layout.srcOf(dest) ?? dest;
  const first = spec.deploy.functions[0].layoutLoc.file;
  const built = await buildAppGraph(
    // deploy: for the functions' start-ups (a `python main.py` image runs main.py's __main__ block).
    { name: spec.name, root: '', entrypoints: entries, deployEntries: entries, rootLabel: spec.rootLabel ?? deployMessages.packageLabel(spec.name, first, pkg.importRoots), allow: spec.allow, deploy: spec.deploy },
    layout,
    resolver,
    new LayoutFactsStore(layout, store),
  );
  const graph = mapGraph(dropLayerMisses(built, mayComeFromLayer(resolver, layers)), srcOf, pkg.importRoots?.[0]);
  if (firstPath !== undefined) graph.rootLabel = firstLabel(graph.rootLabel, firstPath, spec);
  for (const pf of functions) pf.handlerFacts = await handlerFacts(pf, resolver, facts, srcOf);
  const inRepo = (t: string) => !t.startsWith('.') && repo.resolve(t) !== undefined;
  const packageMisses = {
    imports: graph.unresolvedImports.filter((u) => inRepo(u.target)),
    modulePaths: graph.unresolvedModulePaths.filter((u) => u.target !== undefined && inRepo(u.target)),
  };
  graph.unresolvedImports = graph.unresolvedImports.filter((u) => !packageMisses.imports.includes(u));
  graph.unresolvedModulePaths = graph.unresolvedModulePaths.filter((u) => !packageMisses.modulePaths.includes(u));
  return { ...graph, deploy: { functions, repo, virtual: true, packageMisses } };
}

/** The package files of the functions' handler modules (each function's entryModule set), once each. */
function handlerEntries(functions: PackagedFunction[], resolver: Resolver, repo: Resolver, toPackage: (src: string) => PackagedFile[]): string[] {
  const entries: string[] = [];
  for (const pf of functions) {
    if (!pf.handler) continue;
    const r = resolver.resolve(pf.handler.module);
    let entry: string | undefined;
    if (r && (r.kind === 'module' || r.kind === 'package')) entry = r.file;
    else {
      // The handler names a repository path whose file landed elsewhere: follow what would run.
      const inRepo = repo.resolve(pf.handler.module);
      const moved = inRepo && (inRepo.kind === 'module' || inRepo.kind === 'package') ? toPackage(inRepo.file)[0] : undefined;
      if (moved) {
        entry = moved.dest;
        pf.relocated = moved;
      }
    }
    if (entry === undefined) continue;
    pf.entryModule = resolver.moduleName(entry)?.name;
    if (!entries.includes(entry)) entries.push(entry);
  }
  return entries;
}

function firstLabel(label: string, first: string, spec: AppSpec & { deploy: SpecDeploy }): string {
  const s = spec.deploy.functions[0].fn.startup;
  return deployMessages.firstPathLabel(label, first, s?.kind === 'web-app' ? s.server : 'the start-up');
}

function packaged(df: DeployFunction, toPackage: (src: string) => PackagedFile[]): PackagedFunction {
  const handler = entryRef(df.fn);
  const unknowns = df.layout.unknowns;
  // A step that fails the build, with the one path it would fill, leaves the rest of the package known.
  // So does a kept link whose target is not known (LayoutUnknown.link): only modules through it are not judged.
  const pending = unknowns.map((u) => u.fails?.dest ?? u.link).filter((d): d is string => d !== undefined);
  const partial = pending.length < unknowns.length || (handler !== undefined && mayFill(pending, handler.module));
  return {
    fn: df.fn,
    // For a web-app or script start-up: what the server imports (`main:app`), not the handler.
    handler,
    layout: df.layout,
    layoutLoc: df.layoutLoc,
    partial,
    ...(pending.length ? { pending } : {}),
    toPackage,
  };
}

/** The graph with every file path mapped from the package back to the repository (what findings point at). */
function mapGraph(g: AppGraph, srcOf: (dest: string) => string, root = '/var/task'): AppGraph {
  const modules = new Map([...g.modules].map(([name, node]) => [name, { ...node, file: srcOf(node.file) }]));
  const mapU = <T extends UnresolvedImport | UnresolvedModulePath>(u: T): T => ({ ...u, file: srcOf(u.file) });
  return {
    ...g,
    // Not a repository folder: the package's root, as messages should name it.
    root,
    entrypoints: g.entrypoints.map((e) => ({ ...e, file: srcOf(e.file), label: srcOf(e.file) })),
    modules,
    edges: g.edges.map((e) => ({ ...e, file: srcOf(e.file) })),
    unresolvedImports: g.unresolvedImports.map(mapU),
    unresolvedModulePaths: g.unresolvedModulePaths.map(mapU),
  };
}

/** What the package says of a function's handler (HND001 decides what it means); undefined when it cannot be told. */
async function handlerFacts(
  pf: PackagedFunction,
  resolver: Resolver,
  facts: (repoFile: string) => Promise<FileFacts | undefined>,
  srcOf: ((dest: string) => string) | undefined,
): Promise<HandlerFacts | undefined> {
  const start = pf.fn.startup?.kind ?? 'handler';
  if (start === 'handler' && !pf.fn.handler.known) return undefined;
  const h = pf.handler;
  if (!h) return start === 'handler' ? { kind: 'malformed' } : undefined;
  if (pf.partial) return undefined;
  const repoFile = (f: string) => (srcOf ? srcOf(f) : f);
  const r = h.module ? resolver.resolve(h.module) : undefined;
  // The modules the handler may have meant, read only when it does not load, up to the first that names one.
  const candidates = async (): Promise<HandlerCandidate[]> => {
    const names: string[] = [];
    if (r) names.push(h.module);
    const s = resolver.suggest(h.module);
    if (s) names.push(s);
    if (pf.relocated) {
      const m = resolver.moduleName(pf.relocated.dest)?.name;
      if (m) names.push(m);
    }
    const out: HandlerCandidate[] = [];
    for (const module of new Set(names)) {
      const cr = resolver.resolve(module);
      if (!cr || (cr.kind !== 'module' && cr.kind !== 'package')) continue;
      const f = await facts(repoFile(cr.file));
      if (!f) continue;
      const c: HandlerCandidate = { module, binds: bindsName(f, h.func), handlerLike: handlerLike(f) };
      out.push(c);
      // Enough to name a handler: the files after it are not read (each read file is checked by PARSE001).
      if (c.binds || c.handlerLike) break;
    }
    return out;
  };
  if (!r) return { kind: 'missing-module', candidates: await candidates() };
  // A namespace package imports, and has nothing at its top level.
  if (r.kind === 'namespace') return { kind: 'namespace', candidates: await candidates() };
  if (r.kind === 'extension') return undefined;
  // `python main.py` runs the file: that it is there is all the start-up needs.
  if (start === 'script') return { kind: 'module', binds: true };
  const f = await facts(repoFile(r.file));
  if (!f) return undefined;
  if (bindsName(f, h.func)) return { kind: 'module', binds: true };
  return { kind: 'module', binds: false, candidates: await candidates() };
}

/** The one top-level name of a module that looks like a Lambda handler: an adapter (`handler = Mangum(app)`) or a function named like one. */
function handlerLike(facts: FileFacts): string | undefined {
  const names = new Set<string>(facts.adapters.map((a) => a.variable));
  for (const d of facts.definitions) if (d.kind === 'function' && /handler/i.test(d.name)) names.add(d.name);
  return names.size === 1 ? [...names][0] : undefined;
}
