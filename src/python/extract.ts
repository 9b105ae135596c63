// Facts about one Python file, extracted with tree-sitter. The returned facts are plain data:
// no tree node outlives extractFacts.
//
// Each fact family lives in src/python/extract/<family>.ts, next to queries/python/<family>.scm and
// test/python/<family>.test.ts. extractFacts parses once, builds the per-file index (the query
// matches, from one walk, and the memoised call and scope indexes), then calls the families in an
// explicit order, handing each what it needs from the others: no family reads a field another
// one wrote. The key order of the returned object is part of the output (golden facts are
// compared as JSON text): keep it.
import type { FactoryCallFact, FileFacts, HandOff, ImportFact } from '../types.js';
import { appFacts } from './extract/app.js';
import { heldValues } from './extract/app/held-values.js';
import { factoryCalls } from './extract/app/factory-calls.js';
import { definitions, dunderAll } from './extract/definitions.js';
import { FileIndex } from './extract/file-index.js';
import { importlibAliases, imports } from './extract/imports.js';
import { lifecycle } from './extract/lifecycle.js';
import { modelIdioms } from './extract/model-idioms.js';
import { models } from './extract/models.js';
import { libraryPaths, type UnreadLibraryConfig } from './extract/library-paths.js';
import { moreLibraryPaths } from './extract/library-paths-more.js';
import { modulePaths } from './extract/module-paths.js';
import { routes } from './extract/routes.js';
import { chaliceHandlers } from './extract/chalice-handlers.js';
import { exportedMaps } from './extract/exported-maps.js';
import { sysPathChanges } from './extract/sys-path.js';
import { bracketDepthProblem } from './extract/nesting.js';
import { syntax } from './extract/syntax.js';
import { sixMoves } from './extract/six-moves.js';
import { parsePython } from './parser.js';

export { decodePython } from './parser.js';
export { plainString } from './extract/strings.js';
export { parseSuppression } from './extract/syntax.js';

/** Parse `text` and extract every fact. Synchronous; the tree and the index are dropped before returning. */
export function extractFacts(text: string): FileFacts {
  // The tree stays referenced until the facts are built (node-tree-sitter frees a tree when it is garbage collected).
  const tree = parsePython(text);
  // Python refuses the file before any line runs: it is an empty module with its one problem.
  const tooDeep = bracketDepthProblem(tree, text);
  if (tooDeep) return { ...extractFacts(''), parseProblems: [tooDeep] };
  const idx = new FileIndex(text, tree.rootNode);
  const records = imports(idx);
  const defs = definitions(idx, records);
  const factories = factoryCalls(idx);
  const app = appFacts(idx, factories, fromImported(records.map((r) => r.fact)));
  const paths = modulePaths(idx, importlibAliases(records));
  const unreadLibraries: UnreadLibraryConfig[] = [];
  const libraries = libraryPaths(idx, unreadLibraries);
  const moreLibraries = moreLibraryPaths(idx, unreadLibraries);
  const model = models(idx);
  const syn = syntax(idx);
  return {
    imports: records.map((i) => i.fact),
    definitions: defs.definitions,
    all: dunderAll(idx),
    hasModuleGetattr: defs.hasModuleGetattr,
    ...(defs.namesReplaced ? { namesReplaced: defs.namesReplaced } : {}),
    apps: app.apps,
    setupFunctions: app.setupFunctions,
    factoryCalls: withHandOffs(factories, app.factoryHandOffs),
    middleware: app.middleware,
    routers: app.routers,
    hooks: app.hooks,
    adapters: app.adapters,
    ...(app.mounts ? { mounts: app.mounts } : {}),
    ...routes(idx),
    ...chaliceHandlers(idx),
    ...(app.importedReceivers ? { importedReceivers: app.importedReceivers } : {}),
    modulePaths: [...paths.modulePaths, ...libraries, ...moreLibraries.modulePaths],
    ...(moreLibraries.logIniFiles ? { logIniFiles: moreLibraries.logIniFiles } : {}),
    ...(unreadLibraries.length ? { unreadLibraryConfigs: unreadLibraries } : {}),
    ...(paths.unknownRouterImports ? { unknownRouterImports: paths.unknownRouterImports } : {}),
    ...(paths.borrowedPaths ? { borrowedPaths: paths.borrowedPaths } : {}),
    ...(paths.lazyIncludes ? { lazyIncludes: paths.lazyIncludes } : {}),
    ...withExports(exportedMaps(idx)),
    ...lifecycle(idx),
    ...sysPathChanges(idx),
    ...heldValues(idx),
    classes: model.classes,
    baseFactories: model.baseFactories,
    ...modelIdioms(idx),
    ...sixMoves(idx),
    suppressions: syn.suppressions,
    parseProblems: syn.problems,
  };
}

/** The names module-level `from x import name [as alias]` statements bind. */
function fromImported(facts: readonly ImportFact[]): Set<string> {
  const out = new Set<string>();
  for (const f of facts) if (f.kind === 'from' && f.scope === 'module') for (const n of f.names) if (n.name !== '*') out.add(n.alias ?? n.name);
  return out;
}

const withExports = (maps: ReturnType<typeof exportedMaps>) => (maps.length ? { exportedMaps: maps } : {});

/** The factory calls with the hand-offs the app family found for each (same index). */
const withHandOffs = (calls: FactoryCallFact[], added: HandOff[][]): FactoryCallFact[] =>
  calls.map((f, i) => (added[i]?.length ? { ...f, handedTo: [...f.handedTo, ...added[i]] } : f));
