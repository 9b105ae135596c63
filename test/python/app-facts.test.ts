import { describe, expect, test } from 'vitest';
import { extractFacts } from '../../src/python/extract.js';

const MAIN = `from contextlib import asynccontextmanager
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from mangum import Mangum

from app.config import settings
from app.middleware import TimingMiddleware, AuditMiddleware
from app.api import users, orders

@asynccontextmanager
async def lifespan(app):
    yield

app = FastAPI(
    title="CredentialMate API",
    lifespan=lifespan,
    middleware=[Middleware(AuditMiddleware, level="info")],
    exception_handlers={404: not_found},
)
app.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS, allow_credentials=True)
app.add_middleware(GZipMiddleware, minimum_size=1000)

if settings.DEBUG:
    app.add_middleware(TimingMiddleware)

@app.middleware("http")
async def add_request_id(request: Request, call_next):
    return await call_next(request)

app.include_router(users.router, prefix="/api/v1/users", tags=["users"])
app.include_router(orders.router)
app.add_exception_handler(RequestValidationError, validation_handler)

@app.exception_handler(ValueError)
async def value_error(request, exc):
    ...

@app.on_event("startup")
async def connect():
    ...

app.add_event_handler("shutdown", disconnect)

other.add_middleware(NotAnApp)
handler = Mangum(app, lifespan="off")
`;

describe('app facts (main.py)', () => {
  const f = extractFacts(MAIN);

  test('apps and adapters', () => {
    expect(f.apps.map((a) => ({ variable: a.variable, factory: a.factory, kwargs: a.kwargs, line: a.line }))).toEqual([
      {
        variable: 'app',
        factory: 'FastAPI',
        kwargs: {
          title: '"CredentialMate API"',
          lifespan: 'lifespan',
          middleware: '[Middleware(AuditMiddleware, level="info")]',
          exception_handlers: '{404: not_found}',
        },
        line: 17,
      },
    ]);
    expect(f.adapters.map((a) => ({ variable: a.variable, factory: a.factory, target: a.target, kwargs: a.kwargs }))).toEqual([
      { variable: 'handler', factory: 'Mangum', target: 'app', kwargs: { lifespan: '"off"' } },
    ]);
  });

  test('middleware in registration order, across kinds, only on app variables', () => {
    expect(f.middleware.map((m) => [m.order, m.kind, m.className, m.args, m.conditional, m.line])).toEqual([
      [0, 'constructor', 'AuditMiddleware', [{ name: 'level', value: '"info"', names: [] }], false, 20],
      [1, 'add_middleware', 'CORSMiddleware', [{ name: 'allow_origins', value: 'settings.ORIGINS', names: ['settings'], dotted: 'settings.ORIGINS' }, { name: 'allow_credentials', value: 'True', names: [] }], false, 23],
      [2, 'add_middleware', 'GZipMiddleware', [{ name: 'minimum_size', value: '1000', names: [] }], false, 24],
      [3, 'add_middleware', 'TimingMiddleware', [], true, 27],
      [4, 'decorator', 'add_request_id', [{ value: '"http"', names: [] }], false, 29],
    ]);
    expect(f.middleware[2].statementText).toBe('app.add_middleware(GZipMiddleware, minimum_size=1000)');
    expect(f.middleware.every((m) => m.app === 'app')).toBe(true);
    expect(f.middleware[0].statement).toEqual({ line: 17, column: 1, endLine: 22, endColumn: 2 });
    expect(f.middleware[4].statement).toEqual({ line: 29, column: 1, endLine: 31, endColumn: 36 });
    expect(f.middleware[3].statement).toEqual({ line: 27, column: 5, endLine: 27, endColumn: 41 });
  });

  test('routers', () => {
    expect(f.routers.map((r) => [r.app, r.expr, r.args, r.conditional])).toEqual([
      ['app', 'users.router', [{ name: 'prefix', value: '"/api/v1/users"', names: [] }, { name: 'tags', value: '["users"]', names: [] }], false],
      ['app', 'orders.router', [], false],
    ]);
  });

  test('hooks of every kind', () => {
    expect(f.hooks.map((h) => [h.kind, h.key, h.via])).toEqual([
      ['lifespan', 'lifespan', 'constructor'],
      ['exception_handler', '404', 'constructor'],
      ['exception_handler', 'RequestValidationError', 'add_exception_handler'],
      ['exception_handler', 'ValueError', 'decorator'],
      ['startup', 'connect', 'on_event'],
      ['shutdown', 'disconnect', 'add_event_handler'],
    ]);
  });

  test('on_startup/on_shutdown lists, annotated app, fastapi.FastAPI and Starlette; APIRouter is no app', () => {
    const g = extractFacts(`import fastapi
from starlette.applications import Starlette
app: fastapi.FastAPI = fastapi.FastAPI(on_startup=[init_db, warm], on_shutdown=[close_db])
star = Starlette(routes=routes)
router = APIRouter()
router.add_middleware(X)
`);
    expect(g.apps.map((a) => [a.variable, a.factory])).toEqual([
      ['app', 'fastapi.FastAPI'],
      ['star', 'Starlette'],
    ]);
    expect(g.hooks.map((h) => [h.app, h.kind, h.key])).toEqual([
      ['app', 'startup', 'init_db'],
      ['app', 'startup', 'warm'],
      ['app', 'shutdown', 'close_db'],
    ]);
    expect(g.middleware).toEqual([]);
  });

  test('a file without an app has no middleware or routers', () => {
    const g = extractFacts(`def setup(app):\n    app.add_middleware(GZipMiddleware)\n    app.include_router(r)\n`);
    expect(g.middleware).toEqual([]);
    expect(g.routers).toEqual([]);
  });
});

test('apps record the functions they are handed to at module level', () => {
  const f = extractFacts(
    'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\nconfigure(app)\nsetup.tracing(app=app)\napp.include_router(r)\nif DEBUG:\n    debug(app, users.router, level=2)\n\n\ndef later():\n    other(app)\n\n\nif __name__ == "__main__":\n    uvicorn.run(app)\n',
  );
  // Each call with its span and arguments (a set-up function's tests read them; a router it is given is the caller's), and whether it may not run.
  expect(f.apps.map((a) => [a.variable, a.handedTo])).toEqual([
    [
      'app',
      [
        { callee: 'configure', arg: 0, line: 5, column: 1, endLine: 5, endColumn: 15, args: [{ text: 'app' }] },
        { callee: 'setup.tracing', arg: 'app', line: 6, column: 1, endLine: 6, endColumn: 23, args: [{ name: 'app', text: 'app' }] },
        {
          callee: 'debug',
          arg: 0,
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 38,
          args: [{ text: 'app' }, { text: 'users.router' }, { name: 'level', text: '2', literal: '2' }],
          conditional: true,
        },
      ],
    ],
  ]);
});

test('set-up functions: registrations made on a parameter of a module-level function', () => {
  const f = extractFacts(`from fastapi.middleware.gzip import GZipMiddleware


def configure(application, settings=None):
    application.add_middleware(GZipMiddleware, minimum_size=500)
    application.include_router(users.router)

    @application.on_event("startup")
    async def connect():
        pass


def unrelated(x):
    other.add_middleware(Foo)


class K:
    def method(self, app):
        app.add_middleware(Bar)
`);
  expect(f.setupFunctions.map((s) => [s.name, s.params, s.appParam, s.middleware.map((m) => [m.className, m.line]), s.routers.map((r) => r.expr), s.hooks.map((h) => [h.kind, h.key])])).toEqual([
    ['configure', ['application', 'settings'], 'application', [['GZipMiddleware', 5]], ['users.router'], [['startup', 'connect']]],
  ]);
});

test('app factories: the app a module-level function creates, its registrations, and module-level X = f() calls', () => {
  const f = extractFacts(`from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware


def create_app() -> FastAPI:
    application = FastAPI(title="api", middleware=[Middleware(AuditMiddleware)])
    application.add_middleware(GZipMiddleware, minimum_size=500)
    return application


app = create_app()
settings = get_settings()
configure(app)
`);
  expect(f.apps).toEqual([]);
  expect(f.setupFunctions.map((s) => [s.name, s.appParam, s.creates?.factory, s.middleware.map((m) => [m.kind, m.className])])).toEqual([
    ['create_app', 'application', 'FastAPI', [['constructor', 'AuditMiddleware'], ['add_middleware', 'GZipMiddleware']]],
  ]);
  expect(f.factoryCalls.map((c) => [c.variable, c.callee, c.handedTo.map((h) => h.callee), c.line])).toEqual([
    ['app', 'create_app', ['configure'], 11],
    ['settings', 'get_settings', [], 12],
  ]);
});
