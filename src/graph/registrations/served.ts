// Which FastAPI/Starlette application object each entry point serves, and the set-up functions it is
// handed to (whose registrations count as its own): the base of what an app registers, which the
// other files of this folder read (middleware, hooks, routers).
// `handler.py` doing `from lazy_app import app; handler = Mangum(app)` serves the app created in
// lazy_app.py, so handler.py and lazy_app.py are one served app, compared once against main.py.
import type { AdapterFact, AppFact, FactoryCallFact, HandOff, SetupFunctionFact } from '../../types.js';
import { eagerUnion } from '../closure.js';
import { qualify } from '../symbols.js';
import { importedUses } from './imported-apps.js';
import { asCalled } from './arguments.js';
import type { AppGraph, EntryPoint, ModuleNode } from '../types.js';

export interface ServedApp {
  /** `module.variable`: identity of the app object. */
  id: string;
  module: ModuleNode;
  app: AppFact;
  /** Entry points that serve it (main.py; lazy_app.py and handler.py). */
  entries: EntryPoint[];
  /** Adapters (Mangum) that wrap it in those entry points, with the file they are in. */
  adapters: { file: string; fact: AdapterFact }[];
  /** How messages name it: the file that creates the app, relative to the root (`lazy_app.py`). */
  label: string;
  /** Set-up functions the app is handed to (`configure_middleware(app)`), read: their registrations count as the app's. */
  setups: SetupCall[];
  /**
   * The app is handed to a function that could not be read (another package's, or one that passes it
   * on): it may register anything, so it is never reported as lacking something, nor compared for order.
   */
  opaque: boolean;
  /** The calls that made it opaque (`instrumentator.instrument(app)` at `main.py:9`), for --verbose. */
  opaqueBy?: string[];
}

export interface SetupCall {
  /** The module that defines the set-up function. */
  module: ModuleNode;
  fn: SetupFunctionFact;
  /**
   * Where the call sits, from the app's module down: the line of the outermost call, then the line of
   * each nested call in the function that makes it (`create_app()` at 5, `configure(app)` at its line 9: [5, 9]).
   * Registrations are ordered by it, then by their own line.
   */
  path: number[];
  /**
   * The call that runs it: a factory's (`app = create_app(enable_gzip=True)`) or a hand-off's
   * (`register(app, admin=True)`), whose arguments its tests read (arguments.ts) and whose router
   * arguments are the caller's (`include(app, users.router)`).
   */
  call?: Pick<FactoryCallFact, 'callee' | 'args'>;
  /** The module the call is written in, where its arguments' names are bound. */
  caller?: ModuleNode;
  /** Where the hand-off call is written (for a router it is given: where it is named). */
  at?: { file: string; line: number; column: number; endLine: number; endColumn: number };
  /** The call, or one above it in the chain, may not run: what it registers is conditional. */
  conditional?: boolean;
}

/**
 * Resolve calls that hand an app to a function, through imports, to the set-up functions they run,
 * and what those hand the app on to (a factory calling `configure_middleware(app)`). Each function
 * reached is placed by the chain of call lines down to it (SetupCall.path). A callee that cannot be
 * read makes the app opaque. A function called twice (`include(app, users.router)`, then with
 * `orders.router`) runs twice; only a call back into the chain (a cycle) is not followed.
 */
function resolveHandOffs(graph: AppGraph, module: ModuleNode, handOffs: HandOff[], parent: number[] = [], depth = 0, chain = new Set<string>(), above?: SetupCall): { setups: SetupCall[]; opaque: boolean; by: string[] } {
  const setups: SetupCall[] = [];
  const by: string[] = [];
  let opaque = false;
  // Inside a set-up function, a hand-off under a test on its parameters runs as the call above decides.
  const judged = above ? asCalled(above, handOffs.map((h) => ({ ...h, conditional: h.conditional ?? false }))).map((j) => j.fact) : handOffs;
  for (const h of judged) {
    const q = qualify(graph, module.name, h.callee);
    const dot = q.lastIndexOf('.');
    const owner = dot > 0 ? graph.modules.get(q.slice(0, dot)) : undefined;
    const fn = owner?.facts.setupFunctions.find((f) => f.name === q.slice(dot + 1));
    const param = typeof h.arg === 'number' ? fn?.params[h.arg] : h.arg;
    // A function of the graph that is no set-up function registers nothing on any parameter and
    // hands none on (use_route_names_as_operation_ids(app)): the app stays known.
    if (owner && !fn && definesFunction(owner, q.slice(dot + 1))) continue;
    if (!owner || !fn || param !== fn.appParam || depth > 8) {
      opaque = true;
      by.push(`${h.callee}(...) at ${labelOf(graph, module.file)}:${h.line}`);
      continue;
    }
    if (chain.has(q)) continue; // a cycle: already counted
    const path = [...parent, h.line];
    const conditional = !!(h.conditional || above?.conditional);
    const setup: SetupCall = {
      module: owner,
      fn,
      path,
      call: { callee: h.callee, ...(h.args ? { args: h.args } : {}) },
      caller: module,
      at: { file: module.file, line: h.line, column: h.column ?? 1, endLine: h.endLine ?? h.line, endColumn: h.endColumn ?? h.column ?? 1 },
      ...(conditional ? { conditional } : {}),
    };
    setups.push(setup);
    const inner = resolveHandOffs(graph, owner, fn.handedTo, path, depth + 1, new Set([...chain, q]), setup);
    setups.push(...inner.setups);
    opaque ||= inner.opaque;
    by.push(...inner.by);
  }
  return { setups, opaque, by };
}

/** The module defines `name` with `def` at module level, and binds it to nothing else. */
function definesFunction(module: ModuleNode, name: string): boolean {
  const defs = module.facts.definitions.filter((d) => d.name === name);
  return defs.length > 0 && defs.every((d) => d.kind === 'function');
}

export function labelOf(graph: AppGraph, file: string): string {
  const prefix = graph.root ? `${graph.root}/` : '';
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

interface FoundApp {
  app: AppFact;
  /** For `app = create_app()`: the factory that creates and sets it up. */
  factory?: SetupCall;
}

/** The apps a module holds: those it creates itself, and `X = create_app()` where the callee is an app factory. */
function appsOf(graph: AppGraph, node: ModuleNode): FoundApp[] {
  const out: FoundApp[] = node.facts.apps.map((app) => ({ app }));
  for (const call of node.facts.factoryCalls) {
    const q = qualify(graph, node.name, call.callee);
    const dot = q.lastIndexOf('.');
    const owner = dot > 0 ? graph.modules.get(q.slice(0, dot)) : undefined;
    const fn = owner?.facts.setupFunctions.find((f) => f.name === q.slice(dot + 1) && f.creates);
    if (!owner || !fn?.creates) continue;
    const { line, column, endLine, endColumn } = call;
    out.push({
      app: { ...fn.creates, variable: call.variable, factory: call.callee, handedTo: call.handedTo, line, column, endLine, endColumn },
      factory: { module: owner, fn, path: [line], call },
    });
  }
  return out;
}

function appIn(graph: AppGraph, node: ModuleNode, variable?: string): FoundApp | undefined {
  const all = appsOf(graph, node);
  if (variable !== undefined) return all.find((a) => a.app.variable === variable);
  return all.find((a) => a.app.variable === 'app') ?? all[0];
}

/** Find the module and app a qualified name (`lazy_app.app`) points at. */
function lookup(graph: AppGraph, qualified: string): ({ node: ModuleNode } & FoundApp) | undefined {
  const i = qualified.lastIndexOf('.');
  if (i < 0) return undefined;
  const node = graph.modules.get(qualified.slice(0, i));
  const found = node && appIn(graph, node, qualified.slice(i + 1));
  return node && found ? { node, ...found } : undefined;
}

/** The app an entry point serves, if it can be told statically. */
export function servedBy(graph: AppGraph, entry: EntryPoint): ({ node: ModuleNode; adapter?: AdapterFact } & FoundApp) | undefined {
  const node = graph.modules.get(entry.module);
  if (!node) return undefined;
  for (const adapter of node.facts.adapters) {
    if (!adapter.target) continue;
    const target = qualify(graph, entry.module, adapter.target);
    const hit = lookup(graph, target);
    if (hit) return { ...hit, adapter };
  }
  const own = appIn(graph, node);
  if (own) return { node, ...own };
  // `from main import app` re-served by a thin entry point.
  for (const imp of node.facts.imports) {
    if (imp.scope !== 'module' || imp.kind !== 'from') continue;
    for (const n of imp.names) {
      const hit = lookup(graph, qualify(graph, entry.module, n.alias ?? n.name));
      if (hit) return hit;
    }
  }
  return undefined;
}

export function servedApps(graph: AppGraph): ServedApp[] {
  const byId = new Map<string, ServedApp>();
  for (const entry of graph.entrypoints) {
    const hit = servedBy(graph, entry);
    if (!hit) continue;
    const id = `${hit.node.name}.${hit.app.variable}`;
    let served = byId.get(id);
    if (!served) {
      const handOffs = resolveHandOffs(graph, hit.node, hit.app.handedTo);
      // A factory's own hand-offs (inside create_app) resolve in the factory's module.
      const inFactory = hit.factory ? resolveHandOffs(graph, hit.factory.module, hit.factory.fn.handedTo, hit.factory.path, 0, new Set(), hit.factory) : { setups: [], opaque: false, by: [] };
      served = {
        id,
        module: hit.node,
        app: hit.app,
        entries: [],
        adapters: [],
        label: labelOf(graph, hit.node.file),
        setups: [...(hit.factory ? [hit.factory] : []), ...inFactory.setups, ...handOffs.setups],
        opaque: handOffs.opaque || inFactory.opaque,
        ...(handOffs.opaque || inFactory.opaque ? { opaqueBy: [...inFactory.by, ...handOffs.by] } : {}),
      };
      byId.set(id, served);
    }
    served.entries.push(entry);
    if (hit.adapter) served.adapters.push({ file: graph.modules.get(entry.module)!.file, fact: hit.adapter });
  }
  for (const served of byId.values()) addImportedUses(graph, served);
  return [...byId.values()];
}

/** Placed after every registration of the app's own module (imported-apps.ts), in the order the modules are loaded. */
const AFTER_THE_MODULE = 1e9;

/** What the modules the app's entry points load do at their top to the app they import from its module. */
function addImportedUses(graph: AppGraph, served: ServedApp): void {
  const uses = importedUses(graph, served.id, eagerUnion(graph, served.entries.map((e) => e.module)));
  uses.forEach((use, k) => {
    const path = [AFTER_THE_MODULE + k];
    served.setups.push({ module: use.module, fn: use.fn, path });
    const inner = resolveHandOffs(graph, use.module, use.fn.handedTo, path);
    served.setups.push(...inner.setups);
    if (inner.opaque) {
      served.opaque = true;
      served.opaqueBy = [...(served.opaqueBy ?? []), ...inner.by];
    }
  });
}
