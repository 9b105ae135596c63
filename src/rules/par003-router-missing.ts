import { isAllowed, servedApps, type ServedApp } from '../graph/apps.js';
import { eagerUnion } from '../graph/closure.js';
import { qualify } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { Location } from '../types.js';
import type { Rule, RuleFinding } from './types.js';

interface RouterRef {
  /** The router's module, resolved under the root. */
  module: string;
  at: Location;
  how: string;
}

/** The module a router expression lives in: `users.router` → `api.v1.users`. */
function routerModule(graph: AppGraph, moduleName: string, expr: string): string | undefined {
  const q = qualify(graph, moduleName, expr);
  for (let cut = q.lastIndexOf('.'); cut > 0; cut = q.lastIndexOf('.', cut - 1)) {
    const m = q.slice(0, cut);
    if (graph.modules.has(m) || graph.resolver.resolve(m)) return m;
  }
  return undefined;
}

/** Module paths that load routers: the loader reads `router`, or they sit in a router map. */
function isRouterPath(attributes: string[], container?: string): boolean {
  return attributes.some((a) => a.toLowerCase().includes('router')) || (container ?? '').toLowerCase().includes('router');
}

export function routersOf(graph: AppGraph, served: ServedApp): RouterRef[] {
  const refs: RouterRef[] = [];
  for (const r of served.module.facts.routers) {
    if (r.app !== served.app.variable) continue;
    const module = routerModule(graph, served.module.name, r.expr);
    if (module) refs.push({ module, at: { file: served.module.file, ...span(r) }, how: `include_router(${r.expr})` });
  }
  // Router maps handed to importlib, anywhere in what the app's entry points import eagerly.
  for (const name of eagerUnion(graph, served.entries.map((e) => e.module))) {
    const node = graph.modules.get(name)!;
    for (const mp of node.facts.modulePaths) {
      if (!isRouterPath(mp.attributes, mp.container)) continue;
      // An unresolved path (MOD001's finding) still says which router was meant: its suggestion.
      const unresolved = graph.unresolvedModulePaths.find((u) => u.fact === mp);
      const module = unresolved ? unresolved.suggestion : graph.resolver.resolve(mp.value) ? mp.value : undefined;
      if (module) refs.push({ module, at: { file: node.file, ...span(mp) }, how: `"${mp.value}"` });
    }
  }
  return refs;
}

function span(s: { line: number; column: number; endLine: number; endColumn: number }) {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
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
      const refs = apps.map((a) => routersOf(graph, a));
      for (let i = 0; i < apps.length; i++) {
        const reported = new Set<string>();
        for (const ref of refs[i]) {
          if (reported.has(ref.module)) continue;
          reported.add(ref.module);
          const presentIn = apps.filter((_, j) => refs[j].some((r) => r.module === ref.module)).map((a) => a.label);
          for (let j = 0; j < apps.length; j++) {
            if (j === i || refs[j].some((r) => r.module === ref.module)) continue;
            if (isAllowed(graph, 'PAR003', [ref.module, ref.module.split('.').pop()!], presentIn)) continue;
            findings.push({
              ...ref.at,
              message: `router ${ref.module} is registered in ${apps[i].label}:${ref.at.line} (${ref.how}) but ${apps[j].label} neither includes it nor lists it in a router map: its endpoints answer 404 there`,
              related: [{ file: apps[j].module.file, ...span(apps[j].app) }],
            });
          }
        }
      }
    }
    return findings;
  },
};
