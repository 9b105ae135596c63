// Builds one app's import graph: from every entry point, static imports are followed through local
// modules (those that resolve under the app root), and module-path strings handed to importlib
// become lazy edges. Each module is parsed once per run (the FactsStore), only modules reachable
// from an entry point are read at all, and cycles terminate because a module is visited once.
import type { Allow } from '../config/schema.js';
import type { Resolver } from '../python/resolve.js';
import { isExtensionFile } from '../python/importable.js';
import type { FileFacts, ImportFact, ModulePathFact, Snapshot } from '../types.js';
import type { SpecDeploy } from './deployed.js';
import type { FactsStore } from './facts-store.js';
import type {
  AppGraph,
  EntryPoint,
  ImportEdge,
  ModuleNode,
} from './types.js';
import { joinPath } from '../util/posix-path.js';
import { libraryFileFacts, scriptModules } from './library-files.js';
import { lend } from './borrowed-paths.js';
import { eagerWithCalls } from './closure.js';
import { foldersAddedBefore, resolverWith } from './sys-path.js';
import { sixModule, sixNotFound, type SixModule } from './six-moves.js';
import { workflowModulePaths, workflowStarts } from './workflow-facts.js';

export interface AppSpec {
  name: string;
  /** Posix, relative to the checked folder; '' for the folder itself. */
  root: string;
  /** Relative to root. */
  entrypoints: string[];
  rootLabel?: string;
  allow?: Allow[];
  /** Apps of deploy definitions: the functions they serve. */
  deploy?: SpecDeploy;
  /**
   * Entry points (of `entrypoints`) that only a deploy definition names (a function's handler
   * module), not discovery nor the config: two of them serving different apps are two services,
   * not one app run two ways (see parityGroups).
   */
  deployEntries?: string[];
  /**
   * A discovered app re-rooted at the folder a deploy app's package is imported from (src/deploy/reroot.ts): that
   * deploy app's name. Both see the same files from the same root, so a finding both make at one place is one.
   */
  packagedAs?: string;
  /** Named in the config's `apps`: its entry points are one app by the user's word (see parityGroups). */
  configured?: boolean;
  /** One app file served by an adapter, no deploy file: its root is a guess (src/discover-single.ts), said in the output. */
  assumedRoot?: boolean;
}

export async function buildAppGraph(
  spec: AppSpec,
  snapshot: Snapshot,
  resolver: Resolver,
  store: FactsStore,
): Promise<AppGraph> {
  const modules = new Map<string, ModuleNode>();
  const entrypoints: EntryPoint[] = [];
  const outgoing = new Map<string, ImportEdge[]>();

  const graph: AppGraph = {
    name: spec.name,
    root: spec.root,
    rootLabel: spec.rootLabel ?? "Lambda's /var/task",
    ...(spec.configured ? { configured: true } : {}),
    entrypoints,
    modules,
    edges: [],
    unresolvedImports: [],
    unresolvedModulePaths: [],
    resolver,
    allow: spec.allow ?? [],
    // Imports that run when the entry point is imported: module-level statements, and module-level
    // import_module calls (a lazy edge runs at import only there).
    // and imports inside a function a module of the closure calls at its top (a factory: closure.ts).
    eagerClosure: (entry) => {
      let set = eager.get(entry);
      if (!set) eager.set(entry, (set = eagerWithCalls(graph, outgoing, entry)));
      return set;
    },
    fullClosure: (entry) => memo(full, entry, (e) => e.guard !== 'type-checking' && e.guard !== 'main'),
  };
  // Rules ask for the same closures many times; the graph does not change once built.
  const eager = new Map<string, Set<string>>();
  const full = new Map<string, Set<string>>();
  const memo = (cache: Map<string, Set<string>>, entry: string, follow: (e: ImportEdge) => boolean) => {
    let set = cache.get(entry);
    if (!set) cache.set(entry, (set = closure(outgoing, entry, follow)));
    return set;
  };

  const walk: Walk = { graph, resolver, store, outgoing, queue: [], seen: new Set<string>() };
  // The servers workflows start from this root: strings of the first module read, like the Procfile's.
  const starts = await workflowStarts(snapshot);
  let workflow = starts.length ? workflowModulePaths(starts, resolver) : undefined;
  if (starts.length) graph.workflowStarts = { all: starts, attached: [] };
  // `python main.py` as an image's start-up runs main.py's `if __name__ == "__main__":` block.
  const scripts = scriptModules(spec.deploy);
  let procfile = true;
  const { queue } = walk;
  for (const rel of spec.entrypoints) {
    const file = joinPath(spec.root, rel);
    const named = resolver.moduleName(file);
    const moduleName = named?.name ?? rel.replace(/\.py$/, '').split('/').join('.');
    entrypoints.push(spec.deployEntries?.includes(rel) ? { file, label: rel, module: moduleName, deployOnly: true } : { file, label: rel, module: moduleName });
    if (snapshot.has(file)) visit(walk, moduleName, file, named?.isPackage ?? false);
  }

  // The steps are plain functions over one Walk, so no closure is allocated per module; the one await
  // of a step (a package's facts) stays in this loop, so the steps are synchronous (no promise per import).
  // Import calls reading another module's container wait until the modules they qualify through
  // are in the graph (the walk's end); what they load may add modules, walked in turn.
  const borrowing: ModuleNode[] = [];
  for (let next = 0; next < queue.length || borrowing.length; next++) {
    if (next >= queue.length) {
      for (const node of borrowing.splice(0)) for (const mp of lend(graph, node)) followModulePath(walk, node, mp);
      next--;
      continue;
    }
    const { name, file, isPackage, folders } = queue[next];
    let facts = await queue[next].facts;
    if (!facts) continue;
    // Strings written in an .ini the module reads, or in the root's Procfile (read with the first module).
    if (facts.logIniFiles || procfile) {
      const extra = await libraryFileFacts(snapshot, spec.root, file, facts.logIniFiles ?? [], procfile);
      procfile = false;
      if (extra.facts.length) facts = { ...facts, modulePaths: [...facts.modulePaths, ...extra.facts] };
      if (extra.notes.length) (graph.libraryNotes ??= []).push(...extra.notes);
    }
    if (workflow) {
      if (workflow.facts.length) facts = { ...facts, modulePaths: [...facts.modulePaths, ...workflow.facts] };
      graph.workflowStarts!.attached = workflow.attached;
      workflow = undefined;
    }
    const node: ModuleNode = { name, file, isPackage, facts };
    modules.set(name, node);
    for (const imp of node.facts.imports) {
      const w = withFolders(walk, node, folders, imp.line);
      const target =
        imp.level === 0 ? imp.module : resolver.absolutize(name, node.isPackage, imp.level, imp.module);
      const inFunction = imp.scope === 'function' && !imp.runsAtImport && imp.inFunction ? { inFunction: imp.inFunction } : {};
      const base = { lazy: false, guard: imp.guard, scope: imp.runsAtImport ? ('module' as const) : imp.scope, ...inFunction };
      // Under a six the repository holds (`from six.moves import urllib`): six's importer decides (six-moves.ts).
      const six = target && target.includes('.moves') && !w.resolver.resolve(target) ? await sixOf(w, target) : undefined;
      if (!followImport(w, node, imp, target, base, six)) continue;
      if (imp.kind === 'from') {
        const pkg = target ? fileOf(w.resolver, target) : undefined;
        const pkgFacts = pkg?.isPackage ? await store.get(pkg.file) : undefined;
        followFromNames(w, node, imp, target, base, pkgFacts);
      }
    }
    for (const mp of node.facts.modulePaths) if (!mp.mainBlock || scripts.has(name)) followModulePath(withFolders(walk, node, folders, mp.line), node, mp);
    if (node.facts.borrowedPaths) borrowing.push(node);
  }
  return graph;
}

/** The state of one graph's walk, which its steps share. */
interface Walk {
  graph: AppGraph;
  resolver: Resolver;
  store: FactsStore;
  /** Edges by the module they leave, for the closures. */
  outgoing: Map<string, ImportEdge[]>;
  // Reading starts as soon as a module is discovered, so reads (a thread pool on disk, one pipelined
  // git cat-file in --staged mode) overlap while earlier modules are parsed.
  queue: { name: string; file: string; isPackage: boolean; facts: Promise<FileFacts | undefined>; folders?: string[] }[];
  seen: Set<string>;
  /** Folders on sys.path, beyond the resolver's, when the import being followed runs (sys-path.ts). */
  folders?: string[];
}

/** The walk for an import at `line` of `node`: with the folders its module was imported under and those it added above the line. */
function withFolders(w: Walk, node: ModuleNode, inherited: string[] | undefined, line: number): Walk {
  if (!inherited && !node.facts.sysPathFolders) return w;
  const folders = [...(inherited ?? []), ...foldersAddedBefore(w.resolver, node.file, node.facts, line)];
  return folders.length ? { ...w, resolver: resolverWith(w.resolver, folders), folders } : w;
}

type EdgeBase = Omit<ImportEdge, 'from' | 'to' | 'file' | 'line' | 'column'>;

function closure(outgoing: Map<string, ImportEdge[]>, entry: string, follow: (e: ImportEdge) => boolean): Set<string> {
  const out = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length) {
    const m = todo.pop()!;
    for (const e of outgoing.get(m) ?? []) {
      if (!out.has(e.to) && follow(e)) {
        out.add(e.to);
        todo.push(e.to);
      }
    }
  }
  return out;
}

function addEdge(w: Walk, e: ImportEdge): void {
  w.graph.edges.push(e);
  let list = w.outgoing.get(e.from);
  if (!list) w.outgoing.set(e.from, (list = []));
  list.push(e);
}

/** Map a resolved dotted module to its file, or undefined for namespace packages (no code runs). */
function fileOf(resolver: Resolver, dotted: string): { file: string; isPackage: boolean } | undefined {
  const r = resolver.resolve(dotted);
  // A sourceless `.pyc` (or `__init__.pyc`) is imported, but has no source to read; nor has a package whose
  // `__init__` is an extension module (a Cython-built wheel: FileFinder takes `__init__.cpython-…so` first).
  if (!r || ((r.kind === 'module' || r.kind === 'package') && (r.file.endsWith('.pyc') || isExtensionFile(r.file)))) return undefined;
  if (r.kind === 'module') return { file: r.file, isPackage: false };
  if (r.kind === 'package') return { file: r.file, isPackage: true };
  return undefined;
}

function visit(w: Walk, name: string, file: string, isPackage: boolean): void {
  if (w.seen.has(name)) return;
  w.seen.add(name);
  w.queue.push({ name, file, isPackage, facts: w.store.get(file), ...(w.folders ? { folders: w.folders } : {}) });
}

/** Importing `a.b.c` runs a/__init__.py, a/b/__init__.py and a/b/c.py: edges to each that has code. */
function importChain(w: Walk, from: ModuleNode, target: string, at: { line: number; column: number; inFile?: string }, base: EdgeBase): void {
  const parts = target.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('.');
    const f = fileOf(w.resolver, prefix);
    if (!f) continue;
    addEdge(w, { from: from.name, to: prefix, file: at.inFile ?? from.file, line: at.line, column: at.column, ...base });
    visit(w, prefix, f.file, f.isPackage);
  }
}

/**
 * One import statement of `node`, to `target` (absolute; undefined when its dots go above the top):
 * its edges, or its record as unresolved. False when the import went no further (unresolved, or not
 * local), so its `from` names are not followed.
 */
function followImport(w: Walk, node: ModuleNode, imp: ImportFact, target: string | undefined, base: EdgeBase, six?: SixModule): boolean {
  const { resolver } = w;
  if (target && six) {
    // Importing six.moves.x runs six.py first; a name its importer does not know is MOD003's.
    importChain(w, node, six.six, imp, base);
    if (six.kind === 'missing') w.graph.unresolvedImports.push({ from: node.name, file: node.file, fact: imp, target, classification: 'unresolved-local', six: fileOf(resolver, six.six)?.file ?? six.six, error: sixNotFound(six), ...(six.near.length ? { near: six.near } : {}) });
    return false;
  }
  if (target === undefined) {
    w.graph.unresolvedImports.push({
      from: node.name,
      file: node.file,
      fact: imp,
      target: '.'.repeat(imp.level) + imp.module,
      classification: 'unresolved-local',
    });
    return false;
  }
  if (target && !resolver.resolve(target)) {
    const classification = resolver.classify(target);
    if (classification !== 'stdlib' && classification !== 'dependency' && classification !== 'external') {
      w.graph.unresolvedImports.push({
        from: node.name,
        file: node.file,
        fact: imp,
        target,
        classification,
        // A module importing itself is no fix (`from client import X` in client.py for `a2a.client`).
        suggestion: ownSuggestion(resolver.suggest(target), node.name),
        ...(w.folders ? { folders: w.folders } : {}),
      });
    }
    return false;
  }
  if (target) importChain(w, node, target, imp, base);
  return true;
}

/** The six module of `target` (see six-moves.ts), reading the facts of each `<six>` it may be under. */
async function sixOf(w: Walk, target: string): Promise<SixModule | undefined> {
  const facts = new Map<string, FileFacts | undefined>();
  const segs = target.split('.');
  for (let i = 1; i < segs.length; i++) {
    if (segs[i] !== 'moves') continue;
    const six = segs.slice(0, i).join('.');
    const f = fileOf(w.resolver, six);
    if (f) facts.set(six, await w.store.get(f.file));
  }
  return facts.size ? sixModule(target, (m) => facts.get(m), false) : undefined;
}

function ownSuggestion(suggestion: string | undefined, importer: string): string | undefined {
  return suggestion === importer ? undefined : suggestion;
}

/**
 * `from pkg import sub` imports the submodule pkg.sub when there is one and pkg binds no `sub`
 * itself; `from pkg import *` imports the submodules pkg's __all__ lists. `pkgFacts`: the facts of
 * pkg when it is a package.
 */
function followFromNames(w: Walk, node: ModuleNode, imp: ImportFact, target: string | undefined, base: EdgeBase, pkgFacts: FileFacts | undefined): void {
  const names = imp.names.flatMap((n) => (n.name === '*' ? (pkgFacts?.all ?? []).map((name) => ({ ...n, name })) : [n]));
  for (const n of names) {
    if (n.name === '*') continue;
    // pkg's own binding wins: `from .v2 import users` in pkg/__init__.py makes pkg.users that module, so
    // pkg/users.py is never imported (an import under if/try may not bind: the submodule may be).
    // In pkg's own __init__, `from . import users` is what imports the submodule.
    const own = target === node.name;
    if (pkgFacts?.definitions.some((d) => d.name === n.name && d.kind !== 'global' && (d.kind !== 'import' || (!d.conditional && !own)))) continue;
    const sub = target ? `${target}.${n.name}` : n.name;
    const f = fileOf(w.resolver, sub);
    if (f) {
      addEdge(w, { from: node.name, to: sub, file: node.file, line: n.line, column: n.column, ...base });
      visit(w, sub, f.file, f.isPackage);
    }
  }
}

/** One module-path string of `node` (import_module, __import__ and the like): a lazy edge, or unresolved. */
function followModulePath(w0: Walk, node: ModuleNode, mp: ModulePathFact): void {
  // A workflow's $PYTHONPATH: further folders on the importing process's sys.path.
  const w = mp.searchPath ? { ...w0, resolver: resolverWith(w0.resolver, mp.searchPath) } : w0;
  const { resolver } = w;
  const target = modulePathTarget(resolver, node, mp);
  if (target === undefined) return;
  if (typeof target === 'object') {
    // Relative, with nothing to be relative to: Python fails whatever the files.
    w.graph.unresolvedModulePaths.push({ from: node.name, file: mp.inFile ?? node.file, fact: mp, classification: 'unresolved-local', error: target.error });
    return;
  }
  // A string loaded at module level is imported with the module (eager), though still by name.
  const base = { lazy: true, guard: 'none' as const, scope: mp.atModuleLevel ? ('module' as const) : ('function' as const) };
  if (resolver.resolve(target)) {
    importChain(w, node, target, mp, base);
    return;
  }
  const classification = resolver.classify(target);
  // A relative string is rewritten by hand (its package argument decides what it means).
  const suggestion = mp.value.startsWith('.') ? undefined : resolver.suggest(target);
  w.graph.unresolvedModulePaths.push({ from: node.name, file: mp.inFile ?? node.file, fact: mp, target, classification, suggestion });
}

/**
 * The absolute module a module-path string names: the string itself, or for a relative one
 * (`import_module(".users", package=__package__)`) the module it is relative to:
 * - `__package__` is the module's package (`from . import` semantics);
 * - `__name__` is the module itself, which only a package can hold submodules under (in a plain
 *   module ".users" names `module.users`, which does not resolve, as in Python: "'routers.loader'
 *   is not a package");
 * - a string literal is that package;
 * - `__import__` (its `level`) is relative to the module's package, as `__package__`.
 * `{ error }` (Python's exception) when a relative string cannot be made absolute at all: no
 * package to be relative to, or more dots than it has levels. Undefined when it cannot be known
 * (any other `package=` expression).
 */
export function modulePathTarget(resolver: Resolver, node: { name: string; isPackage: boolean }, mp: ModulePathFact): string | { error: string } | undefined {
  if (!mp.value.startsWith('.')) return mp.value;
  const level = mp.value.length - mp.value.replace(/^\.+/, '').length;
  const rest = mp.value.slice(level);
  const pkgArg = mp.packageArg?.trim();
  const ownPackage = node.isPackage ? node.name : node.name.slice(0, Math.max(0, node.name.lastIndexOf('.')));
  let anchor: string;
  if (mp.dunderImport || pkgArg === '__package__') anchor = ownPackage;
  else if (pkgArg === '__name__') anchor = node.name;
  else if (mp.packageName !== undefined) anchor = mp.packageName;
  else if (pkgArg === undefined || pkgArg === 'None') anchor = '';
  else return undefined;
  if (anchor === '')
    return {
      error: mp.dunderImport
        ? 'ImportError: attempted relative import with no known parent package'
        : `TypeError: the 'package' argument is required to perform a relative import for '${mp.value}'`,
    };
  return resolver.absolutize(anchor, true, level, rest) ?? { error: 'ImportError: attempted relative import beyond top-level package' };
}
