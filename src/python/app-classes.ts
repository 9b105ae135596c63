// The classes parity-check knows by name for apps, in one place: the extractor (src/python/extract/),
// discovery (src/discover.ts) and the @appClass predicate of queries/python/app.scm (a test checks
// that the query names exactly APP_CLASSES and ADAPTER_CLASSES).

/** Classes whose call makes an app (`app = FastAPI(...)`); discovery looks for `Name(` to find entry points. */
export const APP_CLASSES = ['FastAPI', 'Starlette'] as const;

/** Adapters that wrap an app for Lambda (`handler = Mangum(app)`). */
export const ADAPTER_CLASSES = ['Mangum'] as const;

/** Routers: registered on an app, never an app themselves. */
export const ROUTER_CLASSES = ['APIRouter', 'Router'] as const;

/** What queries/python/app.scm matches as @appClass: the app classes and the adapters. */
export const APP_QUERY_CLASSES: readonly string[] = [...APP_CLASSES, ...ADAPTER_CLASSES];

/** Callees of a module-level `X = f(...)` that are not factory calls: apps and adapters are read as such, routers are never apps. */
export const NOT_FACTORY_CALLEES: ReadonlySet<string> = new Set([...APP_CLASSES, ...ADAPTER_CLASSES, ...ROUTER_CLASSES]);

export const isAdapter = (name: string): boolean => (ADAPTER_CLASSES as readonly string[]).includes(name);
