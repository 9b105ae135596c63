// Issue 2's rules on fixture apps: positive and negative cases, and module paths checked against real Python.
import { describe, expect, it } from 'vitest';
import { python } from '../helpers.js';
import { check, codes } from './check.js';

const router = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';

/** A consistent dual-entry app exercising everything that must NOT be reported. */
const consistent: Record<string, string> = {
  'main.py': `from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
`,
  'lazy_app.py': `import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
`,
  'requirements.txt': 'fastapi\nrequests>=2\n',
  'core/__init__.py': 'DEBUG = False\n',
  'core/settings.py': 'DEBUG = False\n',
  'core/middleware.py': `from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
`,
  'api/__init__.py': '',
  'api/v1/__init__.py': 'from . import users  # noqa: F401  (relative import)\n',
  'api/v1/users.py': router,
  'services/ns_pkg/worker.py': router,
};

describe('a consistent dual-entry app', () => {
  it('gives zero findings (aliases, re-exports, namespace packages, relative, guarded, third-party imports, conditional middleware in both)', async () => {
    const { findings } = await check(consistent);
    expect(findings).toEqual([]);
  });
});

describe('PAR001 / PAR002', () => {
  it('reports a middleware only one entry point registers, at its line, naming the other', async () => {
    const { findings } = await check({ ...consistent, 'lazy_app.py': consistent['lazy_app.py'].replace('app.add_middleware(GZipMiddleware, minimum_size=500)\n', '') });
    const par = findings.filter((f) => f.ruleId === 'PAR001');
    expect(par.map((f) => [f.file, f.line, f.message])).toEqual([
      ['main.py', 19, 'GZipMiddleware is registered in main.py:19 but not in lazy_app.py: requests through lazy_app.py run without it'],
    ]);
    expect(par[0].related).toEqual([{ file: 'lazy_app.py', line: 14, column: 1, endLine: 14, endColumn: 16 }]);
  });

  it('treats a local class imported from a shared module under another name as the same class', async () => {
    const { findings } = await check({
      ...consistent,
      'lazy_app.py': consistent['lazy_app.py']
        .replace('from core.middleware import TimingMiddleware', 'from core import middleware as mw')
        .replaceAll('app.add_middleware(TimingMiddleware', 'app.add_middleware(mw.TimingMiddleware'),
    });
    expect(codes(findings)).toEqual([]);
  });

  it('tells different classes of the same name apart', async () => {
    const files = {
      ...consistent,
      'other/__init__.py': '',
      'other/middleware.py': 'class TimingMiddleware:\n    pass\n',
      'lazy_app.py': consistent['lazy_app.py'].replace('from core.middleware import TimingMiddleware', 'from other.middleware import TimingMiddleware'),
    };
    const { findings } = await check(files);
    expect(codes(findings).filter((c) => c === 'PAR001')).toHaveLength(2);
  });

  it('honours an allow entry with a reason, and only for the entry point it names', async () => {
    const files = { ...consistent, 'lazy_app.py': consistent['lazy_app.py'].replace('app.add_middleware(GZipMiddleware, minimum_size=500)\n', '') };
    const allow = [{ rule: 'PAR001', name: 'GZipMiddleware', only: 'main.py', reason: 'API Gateway compresses on Lambda.' }];
    const { findings } = await check(files, { apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py'], allow }] });
    expect(findings).toEqual([]);
    const wrong = [{ ...allow[0], only: 'lazy_app.py' }];
    const again = await check(files, { apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py'], allow: wrong }] });
    // The entry for another entry point matches nothing: reported as unused (SUP002).
    expect(codes(again.findings)).toEqual(['PAR001', 'SUP002']);
  });

  it('PAR002: different arguments, a condition on one side only, and a different order', async () => {
    const args = await check({ ...consistent, 'lazy_app.py': consistent['lazy_app.py'].replace('minimum_size=500', 'minimum_size=1000') });
    expect(args.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['PAR002', 'warning', 'GZipMiddleware is registered with (minimum_size=1000) in lazy_app.py but with (minimum_size=500) in main.py:19'],
    ]);
    const order = await check({
      ...consistent,
      'lazy_app.py': consistent['lazy_app.py'].replace(
        'app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])\napp.add_middleware(GZipMiddleware, minimum_size=500)',
        'app.add_middleware(GZipMiddleware, minimum_size=500)\napp.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])',
      ),
    });
    expect(order.findings.map((f) => f.ruleId)).toEqual(['PAR002']);
    expect(order.findings[0].message).toContain('middleware order differs');
  });
});

describe('PAR005', () => {
  it('reports an exception handler missing on one side, and Mangum lifespan="off" in front of startup hooks', async () => {
    const main = 'from fastapi import FastAPI\nfrom fastapi.exceptions import RequestValidationError\n\napp = FastAPI()\n\n\n@app.exception_handler(RequestValidationError)\nasync def on_invalid(request, exc):\n    pass\n\n\n@app.on_event("startup")\nasync def connect():\n    pass\n';
    const lazy = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.on_event("startup")\nasync def connect():\n    pass\n';
    const handler = 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app, lifespan="off")\n';
    const { findings } = await check({ 'main.py': main, 'lazy_app.py': lazy, 'handler.py': handler });
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['PAR005', 'handler.py', 5],
      ['PAR005', 'main.py', 7],
    ]);
    expect(findings[0].message).toBe('Mangum(…, lifespan="off") never runs the app\'s startup and shutdown hooks on Lambda: startup hook connect (lazy_app.py:6)');
    const ok = await check({ 'main.py': main, 'lazy_app.py': main, 'handler.py': handler.replace('"off"', '"auto"') });
    expect(ok.findings).toEqual([]);
  });
});

describe('MOD002', () => {
  it('reports a lazily loaded module without the attribute the loader reads, and not one that has it', async () => {
    const lazy = 'import importlib\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\nMAP = {"users": "api.users"}\n\n\ndef load(name):\n    return importlib.import_module(MAP[name]).router\n';
    const main = 'from fastapi import FastAPI\n\nfrom api import users\n\napp = FastAPI()\napp.include_router(users.users_router)\n';
    const bad = await check({ 'main.py': main, 'lazy_app.py': lazy, 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\n\nusers_router = APIRouter()\n' });
    expect(bad.findings.map((f) => [f.ruleId, f.line, f.message])).toContainEqual([
      'MOD002',
      6,
      `"api.users" resolves to api/users.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router'`,
    ]);
    const r = python('import importlib\nimportlib.import_module("api.users").router', bad.dir);
    expect(r.stderr).toContain("AttributeError: module 'api.users' has no attribute 'router'");
  });
});

describe('MOD002: a loop variable reused by two loops', () => {
  it('reads each loop\'s attribute only from its own container\'s modules, as Python does', async () => {
    const loader = `import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
HANDLERS = ["y.c"]


def load():
    out = []
    for p in ROUTERS:
        out.append(getattr(importlib.import_module(p), "router"))
    for p in HANDLERS:
        out.append(getattr(importlib.import_module(p), "handler"))
    return out
`;
    const files = { 'main.py': loader, 'lazy_app.py': loader, 'x/__init__.py': '', 'x/a.py': 'router = 1\n', 'y/__init__.py': '', 'y/c.py': 'handler = 2\n' };
    const ok = await check(files);
    expect(codes(ok.findings)).toEqual([]);
    expect(python('import lazy_app\nprint(lazy_app.load())', ok.dir).stdout.trim()).toBe('[1, 2]');
    // The same loops with the names swapped in one module: only that module and attribute are reported.
    const bad = await check({ ...files, 'y/c.py': 'router = 2\n' });
    expect(bad.findings.filter((f) => f.ruleId === 'MOD002').map((f) => [f.file, f.line, f.message.split(':')[0]])).toEqual([
      ['lazy_app.py', 7, '"y.c" resolves to y/c.py, which defines no top-level "handler" that the loader reads'],
      ['main.py', 7, '"y.c" resolves to y/c.py, which defines no top-level "handler" that the loader reads'],
    ]);
    expect(python('import lazy_app\nlazy_app.load()', bad.dir).stderr).toContain("AttributeError: module 'y.c' has no attribute 'handler'");
  });
});

describe('MOD002: one variable bound to modules of two maps', () => {
  it('reads each import\'s attributes only where that import reaches, as Python does', async () => {
    const loader = `import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
TASKS = ["y.c"]


def setup():
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
    for name in TASKS:
        module = importlib.import_module(name)
        module.register()


setup()
`;
    const router = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';
    const files = { 'main.py': loader, 'lazy_app.py': loader, 'x/__init__.py': '', 'x/a.py': router, 'y/__init__.py': '', 'y/c.py': 'def register():\n    return 2\n' };
    const ok = await check(files);
    expect(codes(ok.findings)).toEqual([]);
    expect(python('import lazy_app\nprint(len(lazy_app.app.routes) > 0)', ok.dir)).toMatchObject({ code: 0 });
    const bad = await check({ ...files, 'y/c.py': 'def setup():\n    return 2\n' });
    expect(bad.findings.filter((f) => f.ruleId === 'MOD002').map((f) => [f.file, f.line, f.message.split(':')[0]])).toEqual([
      ['lazy_app.py', 7, '"y.c" resolves to y/c.py, which defines no top-level "register" that the loader reads'],
      ['main.py', 7, '"y.c" resolves to y/c.py, which defines no top-level "register" that the loader reads'],
    ]);
    expect(python('import lazy_app', bad.dir).stderr).toContain("AttributeError: module 'y.c' has no attribute 'register'");
  });
});

describe('MOD002: reads the loader is ready to see fail', () => {
  it('reports nothing for getattr with a default, a hasattr guard or an AttributeError handler, and still reports a handler of something else', async () => {
    const loader = (handler: string) => `import importlib

from fastapi import FastAPI

app = FastAPI()
A = ["p.a"]
B = ["p.b"]
C = ["p.c"]
D = ["p.d"]


def setup():
    for name in A:
        router = getattr(importlib.import_module(name), "router", None)
    for name in B:
        module = importlib.import_module(name)
        if hasattr(module, "router"):
            app.include_router(module.router)
    for name in C:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass
    for name in D:
        module = importlib.import_module(name)
        try:
            module.setup()
        except ${handler}:
            pass


setup()
`;
    const modules = { 'p/__init__.py': '', 'p/a.py': '', 'p/b.py': '', 'p/c.py': '', 'p/d.py': '' };
    const ok = await check({ 'main.py': loader('AttributeError'), 'lazy_app.py': loader('AttributeError'), ...modules });
    expect(codes(ok.findings)).toEqual([]);
    expect(python('import lazy_app', ok.dir)).toMatchObject({ code: 0, stderr: '' });
    const bad = await check({ 'main.py': loader('ImportError'), 'lazy_app.py': loader('ImportError'), ...modules });
    expect(bad.findings.filter((f) => f.ruleId === 'MOD002').map((f) => [f.file, f.line, f.message.split(':')[0]])).toEqual([
      ['lazy_app.py', 9, '"p.d" resolves to p/d.py, which defines no top-level "setup" that the loader reads'],
      ['main.py', 9, '"p.d" resolves to p/d.py, which defines no top-level "setup" that the loader reads'],
    ]);
    expect(python('import lazy_app', bad.dir).stderr).toContain("AttributeError: module 'p.d' has no attribute 'setup'");
  });
});

describe('MOD001 against real Python', () => {
  // Every module-path string in this app, judged by parity-check and by importlib under the root.
  const app: Record<string, string> = {
    'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    'lazy_app.py': `import importlib

from fastapi import FastAPI

app = FastAPI()
PATHS = [
    "api.v1.users",
    "src.api.v1.users",
    "api.v1.orders",
    "api.v2",
    "services.ns_pkg.worker",
    "services.ns_pkg",
    "json",
    "api.v1.users.missing",
    "apps.backend.src.api.v1.users",
]
NAMES = ["users", "admin"]


def load_all():
    for path in PATHS:
        importlib.import_module(path)
    for name in NAMES:
        importlib.import_module(f"api.v1.{name}")
`,
    'api/__init__.py': '',
    'api/v1/__init__.py': '',
    'api/v1/users.py': 'router = None\n',
    'api/v2/__init__.py': '',
    'services/ns_pkg/worker.py': 'router = None\n',
  };
  it('flags exactly the strings Python cannot import, and only local-looking ones', async () => {
    const { findings, dir } = await check(app, { apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py'] }] });
    const flagged = findings.filter((f) => f.ruleId === 'MOD001').map((f) => f.message.split('"')[1]);
    expect(flagged.sort()).toEqual(['api.v1.admin', 'api.v1.orders', 'api.v1.users.missing', 'apps.backend.src.api.v1.users', 'src.api.v1.users'].sort());
    const all = ['api.v1.users', 'src.api.v1.users', 'api.v1.orders', 'api.v2', 'services.ns_pkg.worker', 'services.ns_pkg', 'json', 'api.v1.users.missing', 'api.v1.admin', 'apps.backend.src.api.v1.users'];
    const r = python(
      `import importlib.util, json\nout = {}\nfor n in ${JSON.stringify(all)}:\n    try:\n        out[n] = importlib.util.find_spec(n) is not None\n    except ModuleNotFoundError:\n        out[n] = False\nprint(json.dumps(out))`,
      dir,
    );
    const importable = JSON.parse(r.stdout) as Record<string, boolean>;
    for (const name of all) expect([name, importable[name]]).toEqual([name, !flagged.includes(name)]);
    // No `apps` folder exists at all, but a shorter spelling resolves: an error with the spelling that works.
    expect(findings.find((f) => f.message.startsWith('"apps.backend.src.api.v1.users"'))?.message).toContain('did you mean "api.v1.users"?');
  });
});

describe('MOD001 on entries added after the map is made, against real Python', () => {
  it('flags the added entry that does not import, and the running loader fails on exactly that one', async () => {
    const app: Record<string, string> = {
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'lazy_app.py': `import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users"}
_ROUTER_MAP["orders"] = "src.api.orders"
_ROUTER_MAP.update(audit="api.audit")


def load(name):
    return importlib.import_module(_ROUTER_MAP[name]).router
`,
      'api/__init__.py': '',
      'api/users.py': 'router = "users"\n',
      'api/orders.py': 'router = "orders"\n',
      'api/audit.py': 'router = "audit"\n',
    };
    const { findings, dir } = await check(app, { apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py'] }] });
    expect(findings.filter((f) => f.ruleId === 'MOD001').map((f) => `${f.line}: ${f.message.split('"')[1]}`)).toEqual(['7: src.api.orders']);
    const r = python('import lazy_app\nfor k in ("users", "orders", "audit"):\n    try:\n        print(k, lazy_app.load(k))\n    except ModuleNotFoundError as e:\n        print(k, "ModuleNotFoundError", e.name)', dir);
    expect(r.stdout.trim().split('\n')).toEqual(['users users', 'orders ModuleNotFoundError src', 'audit audit']);
  });
});

describe('PAR003', () => {
  const router = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';
  const lazy = `import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}


def _load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


app.include_router(_load("users"))
`;
  const files = (main: string, extra: Record<string, string> = {}) => ({ 'main.py': main, 'lazy_app.py': lazy, 'api/__init__.py': '', 'api/users.py': router, 'api/orders.py': router, ...extra });

  it('reports a router the lazy map names and main.py never includes', async () => {
    const { findings } = await check(files('from fastapi import FastAPI\n\nfrom api import users\n\napp = FastAPI()\napp.include_router(users.router)\n'));
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      ['PAR003', 'lazy_app.py', 6, 'router api.orders is registered in lazy_app.py:6 ("api.orders") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there'],
    ]);
  });

  it('counts include_router(loader(...)) as the router map it loads, so what the map lacks is still reported', async () => {
    const lazyOne = lazy.replace('_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}', '_ROUTER_MAP = {"users": "api.users"}');
    const main = 'from fastapi import FastAPI\n\nfrom api import orders, users\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(orders.router)\n';
    const { findings } = await check({ ...files(main), 'lazy_app.py': lazyOne });
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['PAR003', 'main.py', 7]]);
    expect(findings[0].message).toContain('router api.orders is registered in main.py:7');
  });

  it('is silent when main.py includes routers in a loop it cannot follow, or through an aggregate router', async () => {
    const loop = 'from fastapi import FastAPI\n\nfrom api import orders, users\n\napp = FastAPI()\nfor module in (users, orders):\n    app.include_router(module.router)\n';
    expect((await check(files(loop))).findings).toEqual([]);
    const aggregate = 'from fastapi import FastAPI\n\nfrom api.all import api_router\n\napp = FastAPI()\napp.include_router(api_router)\n';
    const all = 'from fastapi import APIRouter\n\nfrom api import orders, users\n\napi_router = APIRouter()\napi_router.include_router(users.router)\napi_router.include_router(orders.router)\n';
    expect((await check(files(aggregate, { 'api/all.py': all }))).findings).toEqual([]);
  });
});

describe('an app handed to a function', () => {
  const lazy = 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n';
  it('is never reported as lacking what that function may register (no false alarm)', async () => {
    const main = 'from fastapi import FastAPI\n\nfrom core.setup import configure_middleware\n\napp = FastAPI()\nconfigure_middleware(app)\n';
    const setup = 'from fastapi.middleware.gzip import GZipMiddleware\n\n\ndef configure_middleware(app):\n    app.add_middleware(GZipMiddleware, minimum_size=500)\n';
    const { findings } = await check({ 'main.py': main, 'lazy_app.py': lazy, 'core/__init__.py': '', 'core/setup.py': setup });
    expect(findings).toEqual([]);
  });
  it('reads the set-up function it is handed to: a middleware registered there and missing elsewhere is reported there', async () => {
    const main = 'from fastapi import FastAPI\n\nfrom core.setup import configure_middleware\n\napp = FastAPI()\nconfigure_middleware(app)\n';
    const setup = 'from fastapi.middleware.cors import CORSMiddleware\nfrom fastapi.middleware.gzip import GZipMiddleware\n\n\ndef configure_middleware(app):\n    app.add_middleware(GZipMiddleware, minimum_size=500)\n    app.add_middleware(CORSMiddleware, allow_origins=["*"])\n';
    const { findings } = await check({ 'main.py': main, 'lazy_app.py': lazy, 'core/__init__.py': '', 'core/setup.py': setup });
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      ['PAR001', 'core/setup.py', 7, 'CORSMiddleware is registered in core/setup.py:7 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it'],
    ]);
  });

  it('handed to a function it cannot read (another package\'s), the app may register anything: silent', async () => {
    const main = 'from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\napp = FastAPI()\nInstrumentator().instrument(app)\n';
    const { findings } = await check({ 'main.py': main, 'lazy_app.py': lazy });
    expect(findings).toEqual([]);
  });

  it('but a server run under __main__ registers nothing: the gap is still reported', async () => {
    const main = 'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    uvicorn.run(app, port=8000)\n';
    const { findings } = await check({ 'main.py': main, 'lazy_app.py': lazy });
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['PAR001', 'lazy_app.py', 5]]);
  });
});

describe('middleware order across nested set-up functions, against real Python', () => {
  // main.py: create_app() calls configure(app) (GZip) before adding CORS itself, then main.py adds Timing.
  const factory = `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from core.setup import configure


def create_app():
    app = FastAPI()
    configure(app)
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    return app
`;
  const setup = 'from fastapi.middleware.gzip import GZipMiddleware\n\n\ndef configure(app):\n    app.add_middleware(GZipMiddleware, minimum_size=500)\n';
  const main = 'from starlette.middleware.trustedhost import TrustedHostMiddleware\n\nfrom core.factory import create_app\n\napp = create_app()\napp.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])\n';
  const lazy = (order: string[]) =>
    `from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\nfrom fastapi.middleware.gzip import GZipMiddleware\nfrom starlette.middleware.trustedhost import TrustedHostMiddleware\n\napp = FastAPI()\n${order
      .map((m) => ({ GZip: 'app.add_middleware(GZipMiddleware, minimum_size=500)', CORS: 'app.add_middleware(CORSMiddleware, allow_origins=["*"])', Trusted: 'app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])' })[m])
      .join('\n')}\n`;
  const files = (order: string[]) => ({ 'main.py': main, 'lazy_app.py': lazy(order), 'core/__init__.py': '', 'core/factory.py': factory, 'core/setup.py': setup });
  const pyOrder = (dir: string) =>
    python('import main, lazy_app\nn = lambda a: [m.cls.__name__ for m in a.user_middleware]\nprint(n(main.app) == n(lazy_app.app), n(main.app))', dir).stdout.trim();

  it('the same order written inline is no difference (Python: the same user_middleware)', async () => {
    const { findings, dir } = await check(files(['GZip', 'CORS', 'Trusted']));
    expect(findings).toEqual([]);
    expect(pyOrder(dir)).toBe("True ['TrustedHostMiddleware', 'CORSMiddleware', 'GZipMiddleware']");
  });

  it('another order is reported (Python: a different user_middleware)', async () => {
    const { findings, dir } = await check(files(['CORS', 'GZip', 'Trusted']));
    expect(findings.map((f) => f.ruleId)).toEqual(['PAR002']);
    expect(pyOrder(dir).startsWith('False')).toBe(true);
  });
});

describe('an app built by a factory (app = create_app())', () => {
  const factory = `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def create_app():
    app = FastAPI(title="api")
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    app.add_middleware(GZipMiddleware, minimum_size=500)
    return app
`;
  const lazyInline = 'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI(title="api")\napp.add_middleware(CORSMiddleware, allow_origins=["*"])\n';
  const handler = 'from mangum import Mangum\n\nfrom main import app\n\nhandler = Mangum(app)\n';

  it('is compared like any app: what the factory registers and the other entry point lacks is reported in the factory', async () => {
    const { findings } = await check({ 'main.py': 'from core.factory import create_app\n\napp = create_app()\n', 'lazy_app.py': lazyInline, 'core/__init__.py': '', 'core/factory.py': factory });
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      ['PAR001', 'core/factory.py', 9, 'GZipMiddleware is registered in core/factory.py:9 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it'],
    ]);
  });

  it('two entry points built by the same factory, and a handler serving one of them, agree', async () => {
    const files = { 'main.py': 'from core.factory import create_app\n\napp = create_app()\n', 'lazy_app.py': 'from core.factory import create_app\n\napp = create_app()\n', 'handler.py': handler, 'core/__init__.py': '', 'core/factory.py': factory };
    expect((await check(files)).findings).toEqual([]);
  });
});

describe('set-up reached through a factory', () => {
  const setup = 'from fastapi.middleware.gzip import GZipMiddleware\n\n\ndef configure_middleware(app):\n    app.add_middleware(GZipMiddleware, minimum_size=500)\n';
  const lazy = 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n';
  const main = 'from core.factory import create_app\n\napp = create_app()\n';
  it('follows a factory that calls a set-up function: no false alarm, and a real gap is still found', async () => {
    const factory = 'from fastapi import FastAPI\n\nfrom core.setup import configure_middleware\n\n\ndef create_app():\n    app = FastAPI()\n    configure_middleware(app)\n    return app\n';
    const files = { 'main.py': main, 'lazy_app.py': lazy, 'core/__init__.py': '', 'core/setup.py': setup, 'core/factory.py': factory };
    expect((await check(files)).findings).toEqual([]);
    const bare = await check({ ...files, 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' });
    expect(bare.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['PAR001', 'core/setup.py', 5]]);
  });
  it('a factory handing the app to a function it cannot read: silent', async () => {
    const factory = 'from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n\ndef create_app():\n    app = FastAPI()\n    Instrumentator().instrument(app)\n    return app\n';
    const files = { 'main.py': main, 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n', 'core/__init__.py': '', 'core/factory.py': factory };
    const { findings } = await check({ ...files, 'lazy_app.py': lazy });
    expect(findings).toEqual([]);
  });
});
