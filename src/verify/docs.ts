// The documentation of verify's findings (VER001…), shaped like a rule's so `parity-check explain
// VER00x` prints them the way it prints every rule. They are not rules: no static check gives them,
// only real Python under `parity-check verify`, so they stay out of RULES (and of `rules`, SARIF).
import type { Rule, RuleDocs } from '../rules/types.js';

/** A rule's shape for `explain`; its check finds nothing (only verify's probe gives these codes). */
export type VerifyDoc = Rule;

const LAZY = (path: string) =>
  `import importlib\n\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n_ROUTERS = {"users": "${path}"}\n\n\n@app.middleware("http")\nasync def load_routers(request: Request, call_next):\n    for prefix, module in _ROUTERS.items():\n        app.include_router(importlib.import_module(module).router, prefix="/" + prefix)\n    return await call_next(request)\n`;

function doc(code: string, name: string, summary: string, docs: RuleDocs): VerifyDoc {
  return { code, name, severity: 'error', summary, docs, fixable: false, check: () => [] };
}

export const VERIFY_DOCS: readonly VerifyDoc[] = [
  doc('VER001', 'entry-point-import-fails', 'An entry point raises when real Python imports it under the package the deploy builds', {
    what: 'verify imported the entry point in a fresh interpreter, with the simulated package as the only project path and Lambda\'s environment, and the import raised. The finding is at the innermost line of the package the traceback passes through, mapped back to the repository file.',
    why: "Lambda imports the handler module in its init phase: an exception there is Runtime.ImportModuleError (or Runtime.Unknown), and every request of every cold start fails with a 5xx, while the developer's machine, with other paths and other environment variables, imported it fine.",
    bad: { files: { 'topics.py': 'class Topic:\n    pass\n', 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom topics import CMEActivityTopic\n\napp = FastAPI()\n' } },
    good: { files: { 'topics.py': 'class Topic:\n    pass\n', 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom topics import Topic\n\napp = FastAPI()\n' } },
    fix: 'Fix the line the finding points at: a name the module does not define, a module the package does not hold, an environment variable the deploy does not set. A module the interpreter lacks (a requirement) is a note, not this finding.',
  }),
  doc('VER002', 'handler-missing-at-runtime', "The module imports, but the deploy's handler is not in it or is not callable", {
    what: "After importing the handler module, the name after the last dot of the deploy's handler string is looked up in it; it is missing, or it is not a function.",
    why: 'Lambda reports Runtime.HandlerNotFound on every invocation: the function never serves a request.',
    bad: { files: { 'handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nlambda_handler = Mangum(app)\n' } },
    good: { files: { 'handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n' } },
    fix: 'Make the handler string name the callable the module defines (handler.handler), or define that name.',
  }),
  doc('VER003', 'lazy-module-fails-at-runtime', "A module-path string of a lazy router map fails when the loader imports it, or lacks the attribute the loader reads", {
    what: "In the Lambda entry point's process, after its import, every module-path string the static check found (router maps, import_module calls) is imported as the loader will on the first request, and the attributes it reads (router) are looked up.",
    why: 'The deploy looks healthy (the entry point imports) and the first request to that router fails: a ModuleNotFoundError for a src. prefix that exists only on the developer\'s machine, or the router module\'s own exception.',
    bad: { files: { 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n', 'lazy_app.py': LAZY('src.api.users') } },
    good: { files: { 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n', 'lazy_app.py': LAZY('api.users') } },
    fix: 'Write the string as Python resolves it under the deploy root (api.users, not src.api.users), or fix the exception the router module raises at import (the related location).',
  }),
  doc('VER004', 'mappers-fail-at-runtime', "SQLAlchemy's configure_mappers() fails right after the entry point is imported", {
    what: "When the entry point imported SQLAlchemy's ORM, configure_mappers() is called right after the import, before any lazy router loads: what the first query does.",
    why: "A relationship(\"CMEActivity\") whose class is defined in a module the Lambda entry point never imports raises failed to locate a name ('CMEActivity') on the first query: login down, while the eager app, importing every router, works.",
    bad: { files: { 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom auth import models  # User.activities = relationship("CMEActivity")\n\napp = FastAPI()\n' } },
    good: { files: { 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom auth import models  # noqa: F401\nfrom cme import models as cme_models  # noqa: F401  (defines CMEActivity)\n\napp = FastAPI()\n' } },
    fix: 'Import the module that defines the named class in the Lambda entry point (or in a models package every entry point imports).',
  }),
  doc('VER005', 'live-apps-differ', 'The live eager app and the live Lambda app differ: middleware, exception handlers, startup hooks or routes', {
    what: "The app objects real Python built for the eager entry point (uvicorn's) and the Lambda one are compared: user_middleware (class and arguments, then order), exception_handlers, on_startup/on_shutdown, and the routes the Lambda app serves once every router of its lazy map is loaded. The lazy router loader itself is left out.",
    why: "Production runs the Lambda app; tests and local runs use the eager one. A middleware only the eager app has (the incident's GZip) or a router the map leaves out works everywhere but in production.",
    bad: { files: { 'main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n', 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    good: { files: { 'main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n', 'lazy_app.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n' } },
    fix: 'Register the same middleware, handlers and hooks in both entry points (a shared set-up function both call is the durable fix), and put every router in the lazy map.',
  }),
  doc('VER006', 'probe-failed', 'Importing an entry point timed out or ended the interpreter before the probe could report', {
    what: 'The probe did not report: the import ran past the timeout (--timeout, config verify.timeout; default 10 s per entry point) and was killed with its process group, or the interpreter exited (os._exit, a crash in a C extension, sys.exit at import is reported as VER001).',
    why: "Lambda's init phase has a 10 s limit; an import that waits for a network (a database connect at import time, a secrets fetch) or hangs times out the same way, or restarts on every cold start.",
    bad: { files: { 'lazy_app.py': 'import time\n\nfrom fastapi import FastAPI\n\ntime.sleep(60)  # a connect at import time\napp = FastAPI()\n' } },
    good: { files: { 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def connect():\n    ...\n' } },
    fix: 'Move slow work out of import time (into a startup hook or the first use), or raise --timeout when the import is slow only on the machine verify runs on.',
  }),
  doc('VER007', 'route-fails-when-invoked', 'With --invoke: a GET request to a lazily loaded router answers 5xx or raises', {
    what: "With --invoke, after the import, the Lambda app is sent one minimal HTTP request per router of its lazy map: a GET route of that router (path parameters filled with 1), driven as an ASGI call from the probe with asyncio (no network, no Mangum). A 5xx answer or an exception out of the app is reported at the route's function. Exercised: the middleware stack, the lazy loader, the router's import, dependencies without a database, the handler's own code. Not exercised: other methods and routes of the router, routes with path parameters that reject 1, query parameters and request bodies, lifespan and startup hooks (Mangum runs them on Lambda; the probe does not), authentication that answers 401/403 first, anything behind a network call (a 5xx from a database that is not there is reported too: judge it). A router the app does not serve where it was looked for is named in a note.",
    why: 'An import that works says nothing of the first request: a handler that raises, a dependency that fails or a middleware that breaks the response gives every caller a 500 right after a deploy that looked healthy; the Docker smoke test caught it by calling the function.',
    bad: { files: { 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/")\ndef list_users():\n    return USERS  # NameError\n', 'lazy_app.py': LAZY('api.users') } },
    good: { files: { 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\nUSERS = []\n\n\n@router.get("/")\ndef list_users():\n    return USERS\n', 'lazy_app.py': LAZY('api.users') } },
    fix: 'Fix the exception the route raises (the message says which; the related location is the innermost line of the package it passed through), or make the route answer a 4xx for a request it cannot serve.',
  }),
];

export function verifyDocByCode(code: string): VerifyDoc | undefined {
  return VERIFY_DOCS.find((d) => d.code === code.toUpperCase());
}
