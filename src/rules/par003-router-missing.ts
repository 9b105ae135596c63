import { routersOf, type AppRouters, type RouterRef } from '../graph/registrations/routers.js';
import { labelOf, type ServedApp } from '../graph/registrations/served.js';
import { routerGap, showPrefix } from './shared/routers.js';
import { includeOrderFindings } from './shared/include-order.js';
import { mountFindings } from './shared/mounts.js';
import { mountsOf } from '../graph/registrations/mounts.js';
import { parityGroups } from '../graph/registrations/groups.js';
import { eagerUnion } from '../graph/closure.js';
import { shortName } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

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

/**
 * The file and line of a registration, with how it is made: the app's file, or the file of the
 * set-up function or router map that makes it, for the app (`app/setup.py:8 (include_router(x.router);
 * set up for main.py)`); the line is always that file's.
 */
function whereRegistered(graph: AppGraph, app: ServedApp, ref: RouterRef): string {
  const file = labelOf(graph, ref.at.file);
  return file === app.label ? `${app.label}:${ref.at.line} (${ref.how})` : `${file}:${ref.at.line} (${ref.how}; set up for ${app.label})`;
}

/** What app j lacks of one router ref of app i, beyond its module (routerGap). */
function refGaps(graph: AppGraph, apps: ServedApp[], routers: AppRouters[], i: number, ref: RouterRef): RuleFinding[] {
  const out: RuleFinding[] = [];
  const name = ref.attr ? `${ref.module}.${ref.attr}` : ref.module;
  const where = whereRegistered(graph, apps[i], ref);
  for (let j = 0; j < apps.length; j++) {
    if (j === i) continue;
    const gap = routerGap(ref, routers[j]);
    // A prefix differs both ways: said once, from the first app.
    if (!gap || (gap.kind === 'prefix' && j < i)) continue;
    const message =
      gap.kind === 'local'
        ? `router ${ref.attr} (defined in ${labelOf(graph, graph.modules.get(ref.module)?.file ?? ref.at.file)}) is registered in ${where} but ${apps[j].label} does not include it: its endpoints answer 404 there`
        : gap.kind === 'router'
          ? `router ${name} is registered in ${where} but ${apps[j].label} includes only ${gap.others.map((o) => `${ref.module}.${o}`).join(', ')} of ${ref.module}: the endpoints of ${ref.attr} answer 404 there`
          : `router ${name} is mounted at ${showPrefix(ref.prefix!)} in ${where} but at ${showPrefix(gap.other.prefix!)} in ${apps[j].label}:${gap.other.at.line}: its endpoints answer at other paths there`;
    out.push({
      ...ref.at,
      message,
      related: [gap.kind === 'prefix' ? gap.other.at : at(apps[j].module.file, apps[j].app)],
      subject: { app: graph.name, names: [name, ref.module, shortName(ref.module), ...(ref.attr ? [ref.attr] : [])], presentIn: [apps[i].label] },
    });
  }
  return out;
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
      'A router module included by one entry point (`app.include_router(x.router)`, whatever `x` is called there) that another entry point neither includes nor lists in its router map (the module-path strings its lazy loader hands to importlib), compared by the module the router lives in. Also a sub-application or static files mounted at a path (`app.mount("/v1", v1_app)`) in one entry point and not another, or the same path mounting something else (StaticFiles compared by the folder it serves, the app root as the working folder: `directory="static"` and `Path(__file__).parent / "static"` beside the app are one), and two routers both entry points include that match one request (the same path and method, `/users/{id}` and `/users/me`, a catch-all `/{path:path}`) included in a different order: the first included serves it, so the request reaches another handler in each.',
    why:
      'The endpoint exists locally and returns 404 on Lambda (or the reverse): the lazy entry point only serves what its router map names, and nobody notices until a client calls it in production.',
    bad: { files: files('"users": "api.users"') },
    good: { files: files('"users": "api.users", "orders": "api.orders"') },
    fix: 'Add the router to the other entry point\'s includes or router map. If the difference is intentional, declare it: `"allow": [{"rule": "PAR003", "name": "api.admin", "only": "main.py", "reason": "…"}]`.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) for (const apps of parityGroups(graph)) {
      if (apps.length < 2) continue;
      const routers = apps.map((a) => routersOf(graph, a));
      const named = new Set(routers.flatMap((r) => r.refs.map((x) => x.module)));
      // What each app's routers reach: the router modules it includes and what they import eagerly.
      const reach = routers.map((r) => eagerUnion(graph, r.refs.map((x) => x.module)));
      // Two routers both include that match one request, in another order (shared/include-order.ts).
      findings.push(...includeOrderFindings(graph, apps, routers, ctx.notes));
      // A sub-application or static files mounted in one and not the other (shared/mounts.ts).
      findings.push(...mountFindings(graph, apps, apps.map((a) => mountsOf(graph, a))));
      for (let i = 0; i < apps.length; i++) {
        const reported = new Set<string>();
        const compared = new Set<string>();
        for (const ref of routers[i].refs) {
          // Which router of the module, and where it is mounted (shared/routers.ts).
          const key = `${ref.module}:${ref.attr}:${ref.prefix}`;
          if (!compared.has(key)) {
            compared.add(key);
            findings.push(...refGaps(graph, apps, routers, i, ref));
          }
          if (ref.local || reported.has(ref.module)) continue;
          reported.add(ref.module);
          const served = apps.map((_, j) => routers[j].own.includes(ref.module) || serves(graph, reach[j], ref.module, named));
          const presentIn = apps.filter((_, j) => served[j]).map((a) => a.label);
          for (let j = 0; j < apps.length; j++) {
            // An app whose registrations are not all known may well serve it: no false alarm.
            if (j === i || routers[j].unknown || served[j]) continue;
            findings.push({
              ...ref.at,
              message: `router ${ref.module} is registered in ${whereRegistered(graph, apps[i], ref)} but ${apps[j].label} neither includes it nor lists it in a router map: its endpoints answer 404 there`,
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
