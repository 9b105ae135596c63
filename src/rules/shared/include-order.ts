// Include order (PAR003): Starlette tries an app's routes in the order they were added and serves a
// request with the first whose path matches and whose methods include the request's (a route whose
// path matches with another method does not stop the search). Two routers both apps include that
// match one request (the same path and method; `/{path:path}` before `/users`; `/users/{id}` before
// `/users/me`) are served by whichever each entry point includes first: included in a different
// order, the same request reaches another handler. An order difference between routers that share
// no request changes nothing and is not reported.
//
// The order is read only where it is plain: every include, in the app's own module or in the
// set-up functions the app is handed to (placed at the call, in call order: `setup_routes(app)` in
// another module, `include(app, users.router)` twice), an aggregate's routers in its order, the
// app's own `@app.get(...)` routes by their line; each router's prefix and every route's path and
// methods literal (a route not read could be the one that serves the request in both), and no route
// a set-up function adds on the app itself. Otherwise the app is left out of this comparison (its
// routers are still compared by PAR003's other checks). A request that a conditional include's
// routes match is not said: which handler serves it depends on the condition.
import type { AppRouters, RouterRef } from '../../graph/registrations/routers.js';
import { labelOf, type ServedApp } from '../../graph/registrations/served.js';
import type { AppGraph } from '../../graph/types.js';
import { at } from '../../util/span.js';
import type { RuleFinding } from '../types.js';

interface Entry {
  ref: RouterRef;
  /** The router object: `api.users.router`. */
  key: string;
  methods: string[];
  path: string;
  re: RegExp;
  /** A request path the route matches. */
  sample: string;
  /** Its include may not run: which route serves a request it matches is not known. */
  conditional?: boolean;
  /** Why: a test on a set-up call's argument that cannot be read (RouterRef.argument). */
  argument?: string;
}

/** Starlette's convertors: the regular expression of each, and a value it matches. */
const CONVERTORS: Record<string, [string, string]> = {
  str: ['[^/]+', 'x'],
  path: ['.*', 'x'],
  int: ['[0-9]+', '1'],
  float: ['[0-9]+(?:\\.[0-9]+)?', '1'],
  uuid: ['[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '00000000-0000-0000-0000-000000000000'],
};

/** A path template as Starlette compiles it (`/users/{id:int}`), with a sample path; undefined for an unknown convertor. */
function compile(path: string): { re: RegExp; sample: string } | undefined {
  let re = '';
  let sample = '';
  let last = 0;
  for (const m of path.matchAll(/\{([A-Za-z_]\w*)(?::(\w+))?\}/g)) {
    const conv = CONVERTORS[m[2] ?? 'str'];
    if (!conv) return undefined;
    const lit = path.slice(last, m.index);
    re += lit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + conv[0];
    sample += lit + conv[1];
    last = m.index! + m[0].length;
  }
  const tail = path.slice(last);
  return { re: new RegExp(`^${re}${tail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), sample: sample + tail };
}

/** Lexicographic order of registration places (RouterRef.order); a chain before its own extensions. */
function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const placeOf = (ref: RouterRef): number[] => ref.order ?? [ref.at.line, ref.at.column];

/** The app's routes in the order they are tried, when that order can be read (see the header). */
function tableOf(graph: AppGraph, app: ServedApp, r: AppRouters): Entry[] | undefined {
  // A router map loads when a request comes (not placed); a set-up function's own `@app.get(...)` is not read.
  if (r.unknown || app.opaque || r.refs.some((x) => x.fromMap) || app.setups.some((s) => s.fn.ownRoutes)) return undefined;
  // A mount is tried in route order too and serves everything under its path: not placed here.
  if (app.module.facts.mounts?.some((m) => m.app === app.app.variable)) return undefined;
  const refs = [...r.refs].sort((a, b) => compareOrder(placeOf(a), placeOf(b)));
  const appFacts = app.module.facts;
  if (appFacts.routesUnread?.includes(app.app.variable)) return undefined;
  // The app's own routes (`@app.get(...)`) in line order among its includes, identified by what they match.
  const own = (appFacts.routes ?? []).filter((x) => x.router === app.app.variable);
  const out: Entry[] = [];
  const addOwn = (before: number[] | undefined) => {
    while (own.length && (!before || compareOrder([own[0].line, own[0].column], before) < 0)) {
      const route = own.shift()!;
      const compiled = compile(route.path);
      if (!compiled) return false;
      out.push({ ref: { module: app.module.name, at: at(app.module.file, route), how: route.path }, key: `${route.methods.join(',')} ${route.path} of the app itself`, methods: route.methods, path: route.path, ...compiled });
    }
    return true;
  };
  for (const ref of refs) {
    if (!addOwn(placeOf(ref))) return undefined;
    if (ref.attr === undefined || !ref.prefix?.startsWith('"')) return undefined;
    const facts = graph.modules.get(ref.module)?.facts;
    const prefix = facts?.routerPrefixes?.find((p) => p.router === ref.attr);
    if (!facts || !prefix || prefix.prefix === null || facts.routesUnread?.includes(ref.attr)) return undefined;
    for (const route of facts.routes ?? []) {
      if (route.router !== ref.attr) continue;
      const path = (JSON.parse(ref.prefix) as string) + prefix.prefix + route.path;
      const compiled = compile(path);
      if (!compiled) return undefined;
      out.push({ ref, key: `${ref.module}.${ref.attr}`, methods: route.methods, path, ...compiled, ...(ref.conditional ? { conditional: true } : {}), ...(ref.argument ? { argument: ref.argument } : {}) });
    }
  }
  return addOwn(undefined) ? out : undefined;
}

const serving = (table: Entry[], method: string, path: string): Entry | undefined => table.find((e) => e.methods.includes(method) && e.re.test(path));

/** A request both routes match (method, path), if the samples show one. */
function shared(a: Entry, b: Entry): { method: string; path: string } | undefined {
  const method = a.methods.find((m) => b.methods.includes(m));
  if (!method) return undefined;
  if (a.re.test(b.sample)) return { method, path: b.sample };
  if (b.re.test(a.sample)) return { method, path: a.sample };
  return undefined;
}

/** Where an include made outside the app's module is (` (in app/routes.py:5)`), else nothing. */
const elsewhere = (graph: AppGraph, app: ServedApp, e: Entry): string => (e.ref.at.file === app.module.file ? '' : ` (in ${labelOf(graph, e.ref.at.file)}:${e.ref.at.line})`);

/**
 * A note when a request both routers match may be served by another router in each app, depending on
 * an include whose set-up call's argument cannot be read: with those includes kept, then dropped, the
 * serving routers differ in one of the two ways. Only then: the common unknowns stay unsaid.
 */
function unreadOrder(ti: Entry[], tj: Entry[], request: { method: string; path: string }, a: Entry, b: Entry, pair: string, notes: string[]): void {
  const matching = [...ti, ...tj].filter((e) => e.argument && e.methods.includes(request.method) && e.re.test(request.path));
  if (!matching.length) return;
  const without = (t: Entry[]) => t.filter((e) => !e.argument);
  const differs = [[ti, tj], [without(ti), without(tj)], [ti, without(tj)], [without(ti), tj]].some(([x, y]) => {
    const [wx, wy] = [serving(x, request.method, request.path), serving(y, request.method, request.path)];
    return wx && wy && wx.key !== wy.key;
  });
  if (!differs) return;
  // RouterRef.argument is `<tests> (<call>)`: the calls once, then the tests.
  const parts = matching.map((e) => e.argument!).map((x) => ({ tests: x.slice(0, x.indexOf(' (')), call: x.slice(x.indexOf(' (') + 2, -1) }));
  const calls = [...new Set(parts.map((p) => p.call))].join(', ');
  const tests = [...new Set(parts.map((p) => p.tests))].join(', ');
  notes.push(`${request.method} ${request.path}: whether ${a.key} or ${b.key} serves it in ${pair} was not compared: the include order depends on ${calls}, whose argument cannot be read (${tests})`);
}

/** For each pair of apps, the requests two routers both include match, served by another router in each. */
export function includeOrderFindings(graph: AppGraph, apps: ServedApp[], routers: AppRouters[], notes?: string[]): RuleFinding[] {
  const tables = apps.map((a, i) => tableOf(graph, a, routers[i]));
  const out: RuleFinding[] = [];
  for (let i = 0; i < apps.length; i++) {
    for (let j = i + 1; j < apps.length; j++) {
      const [ti, tj] = [tables[i], tables[j]];
      if (!ti || !tj) continue;
      const inJ = new Set(tj.map((e) => e.key));
      // Only routes of routers both include can be such a pair (ti's order kept: the findings' order).
      const both = ti.filter((e) => inJ.has(e.key));
      const said = new Map<string, Set<string>>();
      for (const a of both) {
        for (const b of both) {
          if (a.key >= b.key || said.get(a.key)?.has(b.key)) continue;
          const request = shared(a, b);
          const wi = request && serving(ti, request.method, request.path);
          const wj = request && serving(tj, request.method, request.path);
          if (request && notes && wi && wj) unreadOrder(ti, tj, request, a, b, `${apps[i].label} and ${apps[j].label}`, notes);
          if (!request || !wi || !wj || wi.key === wj.key) continue;
          // An include that may not run could change who serves it, in either app: not said.
          const open = [ti, tj].flatMap((t) => t.filter((e) => e.conditional && e.methods.includes(request.method) && e.re.test(request.path)));
          if (open.length) continue;
          const saidOfA = said.get(a.key);
          if (saidOfA) saidOfA.add(b.key);
          else said.set(a.key, new Set([b.key]));
          out.push({
            ...wj.ref.at,
            message: `${request.method} ${request.path} is served by ${wi.key} (${wi.path}) in ${apps[i].label} but by ${wj.key} (${wj.path}) in ${apps[j].label}: both routers match it, and the first included wins; ${apps[j].label} includes ${wj.key} first${elsewhere(graph, apps[j], wj)}`,
            related: [wi.ref.at],
            subject: { app: graph.name, names: [wj.key, wj.ref.module, wi.key, wi.ref.module], presentIn: [apps[i].label] },
          });
        }
      }
    }
  }
  return out;
}
