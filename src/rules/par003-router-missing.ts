import { servedApps, type ServedApp } from '../graph/apps.js';
import { eagerUnion } from '../graph/closure.js';
import { qualify, shortName } from '../graph/symbols.js';
import type { AppGraph, ModuleNode } from '../graph/types.js';
import type { Location, RouterIncludeFact } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

interface RouterRef {
  /** The router's module, resolved under the root. */
  module: string;
  at: Location;
  how: string;
}

/**
 * The module a router expression lives in: `users.router` → `api.v1.users`. Only `<module>.<name>`
 * counts; anything else (`module.router` over a loop variable, a factory call) is not known.
 */
function routerModule(graph: AppGraph, moduleName: string, expr: string): string | undefined {
  const q = qualify(graph, moduleName, expr);
  const cut = q.lastIndexOf('.');
  if (cut <= 0) return undefined;
  const m = q.slice(0, cut);
  return graph.modules.has(m) || graph.resolver.resolve(m) ? m : undefined;
}

/** Module paths that load routers: the loader reads `router`, or they sit in a router map. */
function isRouterPath(attributes: string[], container?: string): boolean {
  return attributes.some((a) => a.toLowerCase().includes('router')) || (container ?? '').toLowerCase().includes('router');
}

export interface AppRouters {
  refs: RouterRef[];
  /** Some include_router argument names no module (`include_router(m.router)` in a loop, a factory call): what the app serves is not fully known. */
  unknown: boolean;
}

export function routersOf(graph: AppGraph, served: ServedApp): AppRouters {
  const refs: RouterRef[] = [];
  let unknown = false;
  // The module's own include_router calls, and those of the set-up functions the app is handed to.
  const sources = [
    { module: served.module, routers: served.module.facts.routers.filter((r) => r.app === served.app.variable) },
    ...served.setups.map((s) => ({ module: s.module, routers: s.fn.routers })),
  ];
  const include = (where: ModuleNode, r: RouterIncludeFact, seen: Set<string>) => {
    const module = routerModule(graph, where.name, r.expr);
    if (module === served.module.name || module === where.name) {
      // A router of this module: an aggregate the module builds (`api_router.include_router(
      // users.router)` at module level) serves what it includes; a router with its own routes is
      // the entry point's own business.
      if (seen.has(r.expr)) return;
      seen.add(r.expr);
      for (const inner of where.facts.routers) if (inner.app === r.expr) include(where, inner, seen);
      return;
    }
    if (module) refs.push({ module, at: at(where.file, r), how: `include_router(${r.expr})` });
    else if (!isLazyLoad(where, r)) unknown = true;
  };
  for (const { module: where, routers } of sources) for (const r of routers) include(where, r, new Set());
  // Router maps handed to importlib, anywhere in what the app's entry points import eagerly.
  for (const name of eagerUnion(graph, served.entries.map((e) => e.module))) {
    const node = graph.modules.get(name)!;
    // A router loader whose paths cannot be read here (built at run time, passed from elsewhere).
    if (node.facts.unknownRouterImports?.length) unknown = true;
    for (const mp of node.facts.modulePaths) {
      if (!isRouterPath(mp.attributes, mp.container)) continue;
      // An unresolved path (MOD001's finding) still says which router was meant: its suggestion.
      const unresolved = graph.unresolvedModulePaths.find((u) => u.fact === mp);
      const module = unresolved ? unresolved.suggestion : graph.resolver.resolve(mp.value) ? mp.value : undefined;
      if (module) refs.push({ module, at: at(node.file, mp), how: `"${mp.value}"` });
    }
  }
  // Handed to a function (`configure(app)`), the app may include routers there too.
  return { refs, unknown: unknown || served.opaque };
}

/** `include_router(_load_module(name))`: a call to a loader of a router map, whose strings are counted already. */
function isLazyLoad(where: ModuleNode, r: RouterIncludeFact): boolean {
  return r.call !== undefined && where.facts.modulePaths.length > 0 && where.facts.definitions.some((d) => d.kind === 'function' && d.name === r.call);
}

/**
 * Does an app serve `module`? It includes it; or a router module it includes imports it (the app
 * includes an aggregate router); or `module` is itself an aggregate whose router modules (those
 * any app names) the app all serves.
 */
function serves(graph: AppGraph, reach: ReadonlySet<string>, module: string, named: Set<string>): boolean {
  if (reach.has(module)) return true;
  const inside = [...graph.eagerClosure(module)].filter((m) => m !== module && named.has(m));
  return inside.length > 0 && inside.every((m) => reach.has(m));
}

const users = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';
const main = `from fastapi import FastAPI

from api import orders, users

app = FastAPI()
app.include_router(users.router)
app.include_router(orders.router)
`;
const lazy = (paths: string) => `import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {${paths}}


def load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")
`;
const files = (paths: string) => ({ 'main.py': main, 'lazy_app.py': lazy(paths), 'api/__init__.py': '', 'api/users.py': users, 'api/orders.py': users });

export const par003: Rule = {
  code: 'PAR003',
  name: 'router-missing-in-entry-point',
  severity: 'error',
  summary: 'A router is registered in one entry point and absent from another\'s includes or router map.',
  fixable: false,
  docs: {
    what:
      'A router module included by one entry point (`app.include_router(x.router)`, whatever `x` is called there) that another entry point neither includes nor lists in its router map (the module-path strings its lazy loader hands to importlib), compared by the module the router lives in.',
    why:
      'The endpoint exists locally and returns 404 on Lambda (or the reverse): the lazy entry point only serves what its router map names, and nobody notices until a client calls it in production.',
    bad: { files: files('"users": "api.users"') },
    good: { files: files('"users": "api.users", "orders": "api.orders"') },
    fix: 'Add the router to the other entry point\'s includes or router map. If the difference is intentional, declare it: `"allow": [{"rule": "PAR003", "name": "api.admin", "only": "main.py", "reason": "…"}]`.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) {
      const apps = servedApps(graph);
      if (apps.length < 2) continue;
      const routers = apps.map((a) => routersOf(graph, a));
      const named = new Set(routers.flatMap((r) => r.refs.map((x) => x.module)));
      // What each app's routers reach: the router modules it includes and what they import eagerly.
      const reach = routers.map((r) => eagerUnion(graph, r.refs.map((x) => x.module)));
      for (let i = 0; i < apps.length; i++) {
        const reported = new Set<string>();
        for (const ref of routers[i].refs) {
          if (reported.has(ref.module)) continue;
          reported.add(ref.module);
          const served = apps.map((_, j) => serves(graph, reach[j], ref.module, named));
          const presentIn = apps.filter((_, j) => served[j]).map((a) => a.label);
          for (let j = 0; j < apps.length; j++) {
            // An app whose registrations are not all known may well serve it: no false alarm.
            if (j === i || routers[j].unknown || served[j]) continue;
            findings.push({
              ...ref.at,
              message: `router ${ref.module} is registered in ${apps[i].label}:${ref.at.line} (${ref.how}) but ${apps[j].label} neither includes it nor lists it in a router map: its endpoints answer 404 there`,
              related: [at(apps[j].module.file, apps[j].app)],
              subject: { app: graph.name, names: [ref.module, shortName(ref.module)], presentIn },
            });
          }
        }
      }
    }
    return findings;
  },
};
