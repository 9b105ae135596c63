// Registrations made on an app by a module that imports it: `from app.core import app` then
// `app.add_middleware(GZipMiddleware)`, `app.include_router(users.router)` or `setup_routes(app)`
// at that module's top. Python runs them on the very object the app's module created, once the
// importing module is imported, so they count as the app's own, placed after what its module
// registers itself (that module has run to its end by then, unless the import is circular).
import type { SetupFunctionFact } from '../../types.js';
import { qualify } from '../symbols.js';
import type { AppGraph, ModuleNode } from '../types.js';

export interface ImportedUse {
  module: ModuleNode;
  /** What the module does to the app at its top, as a set-up function's facts (appParam: the name it imports it as). */
  fn: SetupFunctionFact;
}

/**
 * The modules among `modules` (what the app's entry points load) that import the app `appId`
 * (`module.variable`) and register on it or hand it on, each with those registrations. The app's
 * own module is not one: its registrations are read as the app's already.
 */
export function importedUses(graph: AppGraph, appId: string, modules: Iterable<string>): ImportedUse[] {
  const out: ImportedUse[] = [];
  for (const name of modules) {
    const node = graph.modules.get(name);
    const receivers = node?.facts.importedReceivers;
    if (!node || !receivers || appId.slice(0, appId.lastIndexOf('.')) === name) continue;
    for (const r of receivers) {
      if (qualify(graph, name, r.variable) !== appId) continue;
      const f = node.facts;
      out.push({
        module: node,
        fn: {
          name: `<${name} at import>`,
          params: [],
          appParam: r.variable,
          handedTo: r.handedTo,
          middleware: f.middleware.filter((m) => m.app === r.variable),
          routers: f.routers.filter((x) => x.app === r.variable),
          hooks: f.hooks.filter((h) => h.app === r.variable),
          // Its `@app.get(...)` routes are not placed among the app's (include-order.ts).
          ...((f.routes ?? []).some((x) => x.router === r.variable) || f.routesUnread?.includes(r.variable) ? { ownRoutes: true } : {}),
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      });
    }
  }
  return out;
}
