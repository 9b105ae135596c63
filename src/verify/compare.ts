// The live apps of two entry points, held against each other: what real Python built, not what the
// source seems to say. Pure: the probe results in, the differences out (severity is the caller's).
import type { ProbeApp, ProbeMiddleware, ProbeRoute } from './probe-runner.js';

export type LiveDiffKind = 'middleware' | 'middleware-order' | 'exception-handler' | 'startup' | 'shutdown' | 'route';

export interface LiveDiff {
  kind: LiveDiffKind;
  /** Which app has it: only the eager one, only the Lambda one, or both with another value. */
  side: 'eager-only' | 'lambda-only' | 'differs';
  /** What it is about: a middleware class, an exception key, a hook, `GET api.v1.users.list_users`. */
  subject: string;
  /** One sentence for a person. */
  detail: string;
}

const mwText = (m: ProbeMiddleware) => {
  const args = [...m.args, ...Object.entries(m.kwargs).map(([k, v]) => `${k}=${v}`)];
  return `${m.class}(${args.join(', ')})`;
};

const routeKey = (r: ProbeRoute) => `${(r.methods ?? []).join(',') || r.kind} ${r.endpoint ?? r.path ?? '?'}`;

/** Multiset difference by key: the items of `a` with no partner in `b`. */
function unmatched<T>(a: T[], b: T[], key: (t: T) => string): T[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(key(x), (left.get(key(x)) ?? 0) + 1);
  const out: T[] = [];
  for (const x of a) {
    const n = left.get(key(x)) ?? 0;
    if (n > 0) left.set(key(x), n - 1);
    else out.push(x);
  }
  return out;
}

function middlewareDiffs(eager: ProbeMiddleware[], lambda: ProbeMiddleware[]): LiveDiff[] {
  const out: LiveDiff[] = [];
  const onlyEager = unmatched(eager, lambda, (m) => m.class);
  const onlyLambda = unmatched(lambda, eager, (m) => m.class);
  for (const m of onlyEager) out.push({ kind: 'middleware', side: 'eager-only', subject: m.class, detail: `${mwText(m)} runs in the eager app only` });
  for (const m of onlyLambda) out.push({ kind: 'middleware', side: 'lambda-only', subject: m.class, detail: `${mwText(m)} runs in the Lambda app only` });
  // Same classes on both sides: the arguments, then the order of the stack.
  const eagerShared = eager.filter((m) => !onlyEager.includes(m));
  const lambdaShared = lambda.filter((m) => !onlyLambda.includes(m));
  for (const m of eagerShared) {
    const twin = lambdaShared.find((x) => x.class === m.class);
    if (twin && mwText(twin) !== mwText(m)) out.push({ kind: 'middleware', side: 'differs', subject: m.class, detail: `eager ${mwText(m)}, Lambda ${mwText(twin)}` });
  }
  const order = (xs: ProbeMiddleware[]) => xs.map((m) => m.class).join(' > ');
  if (eagerShared.length === lambdaShared.length && order(eagerShared) !== order(lambdaShared))
    out.push({ kind: 'middleware-order', side: 'differs', subject: 'middleware stack', detail: `eager ${order(eagerShared)}; Lambda ${order(lambdaShared)} (outermost first)` });
  return out;
}

function listDiffs(kind: 'startup' | 'shutdown', eager: string[], lambda: string[]): LiveDiff[] {
  return [
    ...unmatched(eager, lambda, (x) => x).map((h): LiveDiff => ({ kind, side: 'eager-only', subject: h, detail: `${kind} hook ${h} runs in the eager app only` })),
    ...unmatched(lambda, eager, (x) => x).map((h): LiveDiff => ({ kind, side: 'lambda-only', subject: h, detail: `${kind} hook ${h} runs in the Lambda app only` })),
  ];
}

/**
 * The differences between the eager app and the Lambda app. `loaders` names the lazy router loader
 * (a middleware class, or the function `@app.middleware("http")` wraps), left out of the comparison. `lazyRoutes` are the routes of every
 * router the Lambda app's lazy map loads (the probe imports them after the entry point): the Lambda
 * app serves its own routes plus those once every router is loaded. Routes are matched by methods
 * and endpoint, not by path, because the prefix is the loader's business and both sides may spell it.
 */
export interface CompareOptions {
  lazyRoutes?: ProbeRoute[];
  loaders?: readonly string[];
  /**
   * The entry points' own modules (`main`, `lazy_app`): a function each defines for itself under the
   * same name (`health`, `validation_exception_handler`) is the same registration on both sides.
   */
  modules?: { eager: string; lambda: string };
}

/** `main.health` and `lazy_app.health` both become `<entry point>.health`. */
function ownNames(app: ProbeApp, module: string | undefined): ProbeApp {
  if (!module) return app;
  const own = (q: string) => (q.startsWith(`${module}.`) ? `<entry point>.${q.slice(module.length + 1)}` : q);
  return {
    ...app,
    middleware: app.middleware.map((m) => ({ ...m, class: own(m.class), kwargs: Object.fromEntries(Object.entries(m.kwargs).map(([k, v]) => [k, own(v)])) })),
    routes: app.routes.map((r) => (r.endpoint ? { ...r, endpoint: own(r.endpoint) } : r)),
    exceptionHandlers: app.exceptionHandlers.map((h) => ({ ...h, handler: own(h.handler) })),
    startup: app.startup.map(own),
    shutdown: app.shutdown.map(own),
  };
}

export function compareLiveApps(eagerApp: ProbeApp, lambdaApp: ProbeApp, opts: CompareOptions = {}): LiveDiff[] {
  const eager = ownNames(eagerApp, opts.modules?.eager);
  const lambda = ownNames(lambdaApp, opts.modules?.lambda);
  const lazyRoutes = opts.lazyRoutes ?? [];
  // The lazy router loader exists in the Lambda app by design: it is how that app gets its routers.
  const loaders = new Set(opts.loaders ?? []);
  const isLoader = (m: ProbeMiddleware) => [m.class, m.kwargs.dispatch].some((q) => q !== undefined && (loaders.has(q) || loaders.has(q.replace('<entry point>.', `${opts.modules?.lambda}.`))));
  const out = middlewareDiffs(eager.middleware.filter((m) => !isLoader(m)), lambda.middleware.filter((m) => !isLoader(m)));
  const handlers = (app: ProbeApp) => new Map(app.exceptionHandlers.map((h) => [String(h.key), h.handler]));
  const he = handlers(eager);
  const hl = handlers(lambda);
  for (const [key, fn] of he) {
    const other = hl.get(key);
    if (other === undefined) out.push({ kind: 'exception-handler', side: 'eager-only', subject: key, detail: `the handler of ${key} (${fn}) is registered in the eager app only` });
    else if (other !== fn) out.push({ kind: 'exception-handler', side: 'differs', subject: key, detail: `${key} is handled by ${fn} in the eager app and by ${other} in the Lambda app` });
  }
  for (const [key, fn] of hl) if (!he.has(key)) out.push({ kind: 'exception-handler', side: 'lambda-only', subject: key, detail: `the handler of ${key} (${fn}) is registered in the Lambda app only` });
  out.push(...listDiffs('startup', eager.startup, lambda.startup), ...listDiffs('shutdown', eager.shutdown, lambda.shutdown));
  const served = [...lambda.routes, ...lazyRoutes];
  for (const r of unmatched(eager.routes, served, routeKey))
    out.push({ kind: 'route', side: 'eager-only', subject: routeKey(r), detail: `${routeKey(r)} (${r.path}) is served by the eager app, and not by the Lambda app even with every lazy router loaded` });
  for (const r of unmatched(served, eager.routes, routeKey))
    out.push({ kind: 'route', side: 'lambda-only', subject: routeKey(r), detail: `${routeKey(r)} (${r.path}) is served by the Lambda app only` });
  return out;
}
