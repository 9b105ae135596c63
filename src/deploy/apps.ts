// Apps from deploy definitions: every Lambda function that SAM, serverless, Terraform, a Dockerfile
// or a CI workflow defines becomes an app whose entry point is its handler module.
//   - a `code-root` layout (SAM CodeUri, archive_file source_dir) is an ordinary app: root = the code
//     folder, merged with a configured or discovered app of the same root;
//   - a `simulated` layout (a workflow's cp/zip, a Dockerfile's COPY, serverless patterns) is a
//     virtual app over a LayoutSnapshot: its files are what is really in the zip, so the graph and
//     the resolver see /var/task as Lambda will; graph paths are mapped back to repository paths.
// The graph of such an app carries its functions (DeployedGraph), for HND001 and the LPK rules.
import type { AppSpec } from '../graph/build.js';
import { servedBy } from '../graph/apps.js';
import { buildAppGraph } from '../graph/build.js';
import type { FactsStore } from '../graph/facts-store.js';
import type { AppGraph, UnresolvedImport, UnresolvedModulePath } from '../graph/types.js';
import { deployMessages } from '../messages.js';
import { declaredDependencies, dependencyFileNames } from '../python/deps.js';
import { localTopLevelNames, Resolver } from '../python/resolve.js';
import { collectDeployFacts, contextFromPaths, SOURCES } from '../sources/index.js';
import type { DeployFacts, FileFacts, LambdaFunction, Location, PackagedFile, PackageLayout, Snapshot } from '../types.js';
import { LayoutFactsStore, LayoutSnapshot } from './layout-snapshot.js';

/** A handler string split the way the Python runtime splits it (`rsplit('.', 1)`, then `/` → `.`). */
export interface HandlerRef {
  /** As written: `src/handlers/users.handler`. */
  text: string;
  /** The module part as written (`src/handlers/users`): what Lambda's messages name. */
  moduleText: string;
  /** Dotted: `src.handlers.users`. */
  module: string;
  func: string;
  loc: Location;
}

export function parseHandler(fn: LambdaFunction): HandlerRef | undefined {
  if (!fn.handler.known) return undefined;
  const text = fn.handler.value.trim();
  const dot = text.lastIndexOf('.');
  if (dot < 0) return undefined;
  const moduleText = text.slice(0, dot);
  return { text, moduleText, module: moduleText.replace(/\//g, '.'), func: text.slice(dot + 1), loc: fn.handler.loc };
}

/** The handler string for a module and function, in the style (dots or slashes) of `like`. */
export function handlerString(module: string, func: string, like?: HandlerRef): string {
  const mod = like && like.moduleText.includes('/') ? module.replace(/\./g, '/') : module;
  return `${mod}.${func}`;
}

export interface DeployFunction {
  fn: LambdaFunction;
  layout: PackageLayout;
  layoutLoc: Location;
}

/** An app spec with the Lambda functions it serves. */
export interface DeploySpec extends AppSpec {
  functions: DeployFunction[];
  /** Simulated layouts: the package the functions share (the root is then virtual). */
  layout?: PackageLayout;
}

export function isDeploySpec(spec: AppSpec): spec is DeploySpec {
  return Array.isArray((spec as DeploySpec).functions);
}

/** What the handler check found, computed when the graph is built (it reads the handler module's facts). */
export type HandlerCheck =
  | { ok: true }
  /** Lambda cannot load the handler: `kind` says why; `error` is what Lambda logs. */
  | { ok: false; kind: 'malformed' | 'module' | 'function'; error: string; suggestion?: string };

export interface PackagedFunction {
  fn: LambdaFunction;
  handler?: HandlerRef;
  layout: PackageLayout;
  layoutLoc: Location;
  /** Some packaging step could not be simulated: no package error may be claimed for this function. */
  partial: boolean;
  /** The graph module the function runs: its handler module, or where the handler's repository file landed. */
  entryModule?: string;
  /** The handler module is missing, but its repository file was packaged at another path (a flat copy). */
  relocated?: PackagedFile;
  /** undefined when it cannot be told (an extension module, an unknown step). */
  check?: HandlerCheck;
  /** Repository path → where it is in the package (and the step that put it there). */
  toPackage(repoPath: string): PackagedFile[];
}

export interface DeployedGraph extends AppGraph {
  functions: PackagedFunction[];
  /** Resolves from the repository root: what a dotted name means in the repository (LPK rules). */
  repo: Resolver;
  /** True for a virtual root (a simulated package). */
  virtual: boolean;
  /**
   * Virtual roots: the unresolved imports and module-path strings whose module the repository has.
   * They are packaging problems (LPK001/LPK003), taken out of `unresolvedImports` and
   * `unresolvedModulePaths` so that MOD001/MOD003 do not report them again with a spelling fix.
   */
  packageMisses: { imports: UnresolvedImport[]; modulePaths: UnresolvedModulePath[] };
}

export function deployedGraphs(apps: readonly AppGraph[]): DeployedGraph[] {
  return apps.filter((g): g is DeployedGraph => Array.isArray((g as DeployedGraph).functions));
}

// ---------------------------------------------------------------------------
// Reading the deploy definitions

export interface DeployRead {
  facts: DeployFacts;
  specs: DeploySpec[];
  /** Lines for --verbose: unknown values, functions not checked, partly known packages. */
  verbose: string[];
}

const where = (l: Location) => `${l.file}:${l.line}:${l.column}`;

/** The texts of these files, read side by side (one pipelined git cat-file with --staged); unreadable ones left out. */
async function readTexts(snapshot: Snapshot, paths: string[]): Promise<{ path: string; text: string }[]> {
  const texts = await Promise.all(paths.map((p) => snapshot.readText(p)));
  return paths.flatMap((p, i) => (texts[i] === undefined ? [] : [{ path: p, text: texts[i]! }]));
}

export async function readDeploy(snapshot: Snapshot, paths: string[]): Promise<DeployRead> {
  const files = await readTexts(snapshot, paths.filter((p) => SOURCES.some((s) => s.matches(p))));
  // Without deploy files there is nothing to read (and the path index costs 60 ms at 30,000 files).
  const facts: DeployFacts = files.length ? collectDeployFacts(files, contextFromPaths(paths)) : { functions: [], problems: [], unknowns: [] };
  const verbose = facts.unknowns.map((u) => deployMessages.unknown(where(u.loc), u.what, u.why));
  const codeRoots = new Map<string, DeploySpec>();
  const packages = new Map<string, DeploySpec>();
  for (const fn of facts.functions) {
    if (!fn.handler.known) {
      verbose.push(deployMessages.notChecked(where(fn.loc), fn.name, 'its handler is not known'));
      continue;
    }
    if (!fn.layout.known) {
      verbose.push(deployMessages.notChecked(where(fn.loc), fn.name, `its package is not known (${fn.layout.why})`));
      continue;
    }
    const layout = fn.layout.value;
    const df: DeployFunction = { fn, layout, layoutLoc: fn.layout.loc };
    if (layout.unknowns.length) verbose.push(deployMessages.partial(where(fn.loc), fn.name, layout.unknowns.map((u) => where(u.loc))));
    if (layout.how === 'code-root' && layout.codeRoot !== undefined) {
      const root = layout.codeRoot;
      let spec = codeRoots.get(root);
      if (!spec) codeRoots.set(root, (spec = { name: '', root, entrypoints: [], functions: [] }));
      spec.functions.push(df);
      const entry = handlerEntry(fn, root, snapshot);
      if (entry && !spec.entrypoints.includes(entry)) spec.entrypoints.push(entry);
    } else if (layout.how === 'simulated' && layout.files) {
      const key = JSON.stringify(layout.files.map((f) => [f.dest, f.src]).sort());
      let spec = packages.get(key);
      if (!spec) packages.set(key, (spec = { name: '', root: commonFolder(layout.files.map((f) => f.src)), entrypoints: [], functions: [], layout }));
      spec.functions.push(df);
    }
  }
  const specs = [...codeRoots.values(), ...packages.values()];
  for (const s of specs) s.name = s.functions.map((f) => f.fn.name).join('+');
  return { facts, specs, verbose };
}

/** The handler module's file relative to the code root (`handler.py`), spelled as Python would look for it. */
function handlerEntry(fn: LambdaFunction, root: string, snapshot: Snapshot): string | undefined {
  const h = parseHandler(fn);
  if (!h || !h.module) return undefined;
  const r = new Resolver({ root, files: snapshot, localTopLevel: new Set(), dependencies: new Set() }).resolve(h.module);
  if (r && (r.kind === 'module' || r.kind === 'package')) return root ? r.file.slice(root.length + 1) : r.file;
  return `${h.module.split('.').join('/')}.py`;
}

/** The deepest folder holding every path ('' when they share none). */
function commonFolder(paths: string[]): string {
  if (!paths.length) return '';
  let parts = paths[0].split('/').slice(0, -1);
  for (const p of paths.slice(1)) {
    const q = p.split('/').slice(0, -1);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/**
 * Configured or discovered apps plus the apps of the deploy definitions, one per root: an app whose
 * root is a function's code root gets the handler module as an extra entry point (its own name,
 * entry points, label and allow-list stay: the config overrides); the other deploy apps are added.
 */
export function mergeDeploySpecs(specs: AppSpec[], deploy: DeploySpec[], allow: AppSpec['allow'] = []): AppSpec[] {
  const out: AppSpec[] = [...specs];
  for (const d of deploy) {
    const i = d.layout ? -1 : out.findIndex((s) => s.root === d.root && !(isDeploySpec(s) && s.layout));
    if (i < 0) {
      out.push({ ...d, allow: [...(d.allow ?? []), ...(allow ?? [])] });
      continue;
    }
    const s = out[i];
    const functions = [...(isDeploySpec(s) ? s.functions : []), ...d.functions];
    const entrypoints = [...s.entrypoints, ...d.entrypoints.filter((e) => !s.entrypoints.includes(e))];
    out[i] = { ...s, entrypoints, functions } as DeploySpec;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Building the graphs

export interface GraphEnv {
  snapshot: Snapshot;
  store: FactsStore;
  localTopLevel: Set<string>;
  dependencies: Set<string>;
  paths: string[];
}

/** What every app's graph needs from the whole snapshot: its paths, top-level names and declared dependencies. */
export async function graphEnv(snapshot: Snapshot, store: FactsStore): Promise<GraphEnv> {
  const paths = snapshot.files().map((f) => f.path);
  const depFiles = await readTexts(snapshot, paths.filter(dependencyFileNames));
  return { snapshot, store, localTopLevel: localTopLevelNames(paths), dependencies: declaredDependencies(depFiles), paths };
}

/** For discovery: does an entry point serve an app made by a factory (`app = create_app()`), read as a configured app would be? */
export function servesFactoryApp(env: GraphEnv): (root: string, entry: string) => Promise<boolean> {
  return async (root, entry) => {
    const graph = await buildGraph({ name: root || '.', root, entrypoints: [entry] }, env);
    return Boolean(servedBy(graph, graph.entrypoints[0])?.factory);
  };
}

/** The graph of any app: unchanged for apps without functions; a DeployedGraph for the others. */
export async function buildGraph(spec: AppSpec, env: GraphEnv): Promise<AppGraph> {
  const { snapshot, store, localTopLevel, dependencies, paths } = env;
  if (!isDeploySpec(spec)) {
    const resolver = new Resolver({ root: spec.root, files: snapshot, localTopLevel, dependencies, paths });
    return buildAppGraph(spec, snapshot, resolver, store);
  }
  const repo = new Resolver({ root: '', files: snapshot, localTopLevel, dependencies, paths });
  if (!spec.layout?.files) {
    // A code folder copied whole: the ordinary graph.
    const resolver = new Resolver({ root: spec.root, files: snapshot, localTopLevel, dependencies, paths });
    const graph = await buildAppGraph(spec, snapshot, resolver, store);
    const root = spec.root;
    const functions = spec.functions.map((df) => {
      const pf = packaged(df, (src) =>
        root === '' || src.startsWith(`${root}/`) ? [{ dest: root ? src.slice(root.length + 1) : src, src, loc: df.layoutLoc }] : [],
      );
      if (pf.handler && graph.modules.has(pf.handler.module)) pf.entryModule = pf.handler.module;
      return pf;
    });
    for (const pf of functions) pf.check = await checkHandler(pf, resolver, (f) => store.get(f), undefined);
    return Object.assign(graph, { functions, repo, virtual: false, packageMisses: { imports: [], modulePaths: [] } });
  }

  // A simulated package: a virtual root.
  const files = spec.layout.files;
  const layout = new LayoutSnapshot(snapshot, files);
  const pkgPaths = layout.files().map((e) => e.path);
  const resolver = new Resolver({ root: '', files: layout, localTopLevel, dependencies, paths: pkgPaths });
  const toPackage = (src: string) => files.filter((f) => f.src === src && layout.has(f.dest));
  const functions = spec.functions.map((df) => packaged(df, toPackage));
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
  const srcOf = (dest: string) => layout.srcOf(dest) ?? dest;
  const built = await buildAppGraph(
    { name: spec.name, root: '', entrypoints: entries, rootLabel: spec.rootLabel ?? deployMessages.packageLabel(spec.name, spec.functions[0].layoutLoc.file), allow: spec.allow },
    layout,
    resolver,
    new LayoutFactsStore(layout, store),
  );
  const graph = mapGraph(built, srcOf);
  for (const pf of functions) pf.check = await checkHandler(pf, resolver, (f) => store.get(f), srcOf);
  const inRepo = (t: string) => !t.startsWith('.') && repo.resolve(t) !== undefined;
  const packageMisses = {
    imports: graph.unresolvedImports.filter((u) => inRepo(u.target)),
    modulePaths: graph.unresolvedModulePaths.filter((u) => u.target !== undefined && inRepo(u.target)),
  };
  graph.unresolvedImports = graph.unresolvedImports.filter((u) => !packageMisses.imports.includes(u));
  graph.unresolvedModulePaths = graph.unresolvedModulePaths.filter((u) => !packageMisses.modulePaths.includes(u));
  return Object.assign(graph, { functions, repo, virtual: true, packageMisses });
}

function packaged(df: DeployFunction, toPackage: (src: string) => PackagedFile[]): PackagedFunction {
  return {
    fn: df.fn,
    handler: parseHandler(df.fn),
    layout: df.layout,
    layoutLoc: df.layoutLoc,
    partial: df.layout.unknowns.length > 0,
    toPackage,
  };
}

/** The graph with every file path mapped from the package back to the repository (what findings point at). */
function mapGraph(g: AppGraph, srcOf: (dest: string) => string): AppGraph {
  const modules = new Map([...g.modules].map(([name, node]) => [name, { ...node, file: srcOf(node.file) }]));
  const mapU = <T extends UnresolvedImport | UnresolvedModulePath>(u: T): T => ({ ...u, file: srcOf(u.file) });
  return {
    ...g,
    // Not a repository folder: the package's root, as messages should name it.
    root: '/var/task',
    entrypoints: g.entrypoints.map((e) => ({ ...e, file: srcOf(e.file), label: srcOf(e.file) })),
    modules,
    edges: g.edges.map((e) => ({ ...e, file: srcOf(e.file) })),
    unresolvedImports: g.unresolvedImports.map(mapU),
    unresolvedModulePaths: g.unresolvedModulePaths.map(mapU),
  };
}

/** Does the module bind `name` at its top level (def, class, assignment, import), or might it (star import, __getattr__)? */
export function bindsName(facts: FileFacts, name: string): boolean {
  if (facts.hasModuleGetattr) return true;
  if (facts.definitions.some((d) => d.name === name)) return true;
  return facts.imports.some((i) => i.scope === 'module' && i.names.some((n) => n.name === '*'));
}

/** `No module named 'a.b'` as Python words it for the first segment of `dotted` that does not resolve. */
export function missingModuleText(resolver: Resolver, dotted: string): string {
  const segs = dotted.split('.');
  for (let i = 1; i <= segs.length; i++) {
    const prefix = segs.slice(0, i).join('.');
    const r = resolver.resolve(prefix);
    if (!r) return `No module named '${prefix}'`;
    if ((r.kind === 'module' || r.kind === 'extension') && i < segs.length)
      return `No module named '${segs.slice(0, i + 1).join('.')}'; '${prefix}' is not a package`;
  }
  return `No module named '${dotted}'`;
}

async function checkHandler(
  pf: PackagedFunction,
  resolver: Resolver,
  facts: (repoFile: string) => Promise<FileFacts | undefined>,
  srcOf: ((dest: string) => string) | undefined,
): Promise<HandlerCheck | undefined> {
  const fn = pf.fn;
  if (!fn.handler.known) return undefined;
  const h = pf.handler;
  if (!h) return { ok: false, kind: 'malformed', error: deployMessages.malformedHandler(fn.handler.value) };
  if (pf.partial) return undefined;
  const repoFile = (f: string) => (srcOf ? srcOf(f) : f);
  const r = h.module ? resolver.resolve(h.module) : undefined;
  const suggest = async (): Promise<string | undefined> => {
    const candidates: string[] = [];
    if (r) candidates.push(h.module);
    const s = resolver.suggest(h.module);
    if (s) candidates.push(s);
    if (pf.relocated) {
      const m = resolver.moduleName(pf.relocated.dest)?.name;
      if (m) candidates.push(m);
    }
    for (const c of new Set(candidates)) {
      const cr = resolver.resolve(c);
      if (!cr || (cr.kind !== 'module' && cr.kind !== 'package')) continue;
      const f = await facts(repoFile(cr.file));
      if (!f) continue;
      const name = bindsName(f, h.func) ? h.func : handlerLike(f);
      const text = name && handlerString(c, name, h);
      if (text && text !== h.text) return text;
    }
    return undefined;
  };
  if (!r || r.kind === 'namespace') {
    if (!r) return { ok: false, kind: 'module', error: deployMessages.importModuleError(h.moduleText, missingModuleText(resolver, h.module)), suggestion: await suggest() };
    // A namespace package imports, and has nothing at its top level.
    return { ok: false, kind: 'function', error: deployMessages.handlerNotFound(h.func, h.moduleText), suggestion: await suggest() };
  }
  if (r.kind === 'extension') return undefined;
  const f = await facts(repoFile(r.file));
  if (!f) return undefined;
  if (bindsName(f, h.func)) return { ok: true };
  return { ok: false, kind: 'function', error: deployMessages.handlerNotFound(h.func, h.moduleText), suggestion: await suggest() };
}

/** The one top-level name of a module that looks like a Lambda handler: an adapter (`handler = Mangum(app)`) or a function named like one. */
function handlerLike(facts: FileFacts): string | undefined {
  const names = new Set<string>(facts.adapters.map((a) => a.variable));
  for (const d of facts.definitions) if (d.kind === 'function' && /handler/i.test(d.name)) names.add(d.name);
  return names.size === 1 ? [...names][0] : undefined;
}


/**
 * run()'s specs with the deploy apps merged in. Without configured apps, the deploy apps that have a
 * real root count as discovered (said on stderr); the virtual ones are named by --verbose.
 */
export function withDeployApps(
  specs: AppSpec[],
  discovered: AppSpec[],
  read: DeployRead,
  allow: AppSpec['allow'],
  configured: boolean,
): { specs: AppSpec[]; discovered: AppSpec[] } {
  const merged = mergeDeploySpecs(specs, read.specs, allow);
  if (configured) return { specs: merged, discovered };
  return { specs: merged, discovered: merged.filter((s) => !(isDeploySpec(s) && s.layout)) };
}
