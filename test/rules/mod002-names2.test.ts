// MOD002 misses of #15 ("Misses to catch" 4, topic names2): a module-path string naming a
// namespace package (a folder without __init__.py, whose only attributes are the submodules
// already imported), and a loader that keeps each module in a dict and returns it from there.
import { ruleTester } from './tester.js';

const config = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}\n';

const namespaceApp = (main: string, init: boolean) => String.raw`
-- api/__init__.py --
-- api/users/router.py --
from fastapi import APIRouter

router = APIRouter()
${init ? '-- api/users/__init__.py --\nfrom .router import router\n' : ''}-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
${main}
${config}`;

const cacheApp = (attr: string, loader: string) => String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

${attr} = APIRouter()
-- main.py --
from importlib import import_module

from fastapi import FastAPI

app = FastAPI()
${loader}

app.include_router(load("api.users").router)
${config}`;

const dictCache = `_cache = {}


def load(path):
    if path not in _cache:
        _cache[path] = import_module(path)
    return _cache[path]`;

const chainedCache = `_cache = {}


def load(path):
    module = _cache.get(path)
    if module is None:
        module = _cache[path] = import_module(path)
    return module`;

const routes = "import main; print(sorted(r.path for r in main.app.routes if r.path.startswith('/docs')))";

ruleTester(
  'MOD002',
  {
    valid: [
      {
        name: 'names2-namespace-package-with-init',
        title: 'api/users/ with an __init__.py that imports router: the package has the attribute',
        files: namespaceApp('app.include_router(importlib.import_module("api.users").router)', true),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-namespace-package-submodule-imported',
        title: 'a namespace package has a submodule as attribute once something imported it',
        files: namespaceApp('import api.users.router  # noqa: F401\n\napp.include_router(importlib.import_module("api.users").router.router)', false),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-namespace-package-submodule-path',
        title: 'the fixed twin: the string names the module api.users.router itself',
        files: namespaceApp('app.include_router(importlib.import_module("api.users.router").router)', false),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-dict-cache-has-attribute',
        title: 'a loader that caches modules in a dict returns the module: router is there',
        files: cacheApp('router', dictCache),
        python: [{ run: 'import main', fails: null }, { run: routes, stdout: "['/docs', '/docs/oauth2-redirect']" }],
      },
      {
        name: 'names2-chained-cache-has-attribute',
        title: 'module = _cache[p] = import_module(p); return module: router is there',
        files: cacheApp('router', chainedCache),
        python: { run: 'import main', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names2-namespace-package-lacks-attribute',
        title: 'api/users/ has no __init__.py: the namespace package has no attribute router, only its file router.py does',
        files: namespaceApp('app.include_router(importlib.import_module("api.users").router)', false),
        findings: [
          `main.py:6:44  MOD002  error  "api.users" resolves to api/users/, a namespace package (no __init__.py) whose only attributes are submodules already imported, and none is "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router'`,
        ],
        python: { run: 'import main', fails: "module 'api.users' has no attribute 'router'" },
        golden: true,
      },
      {
        name: 'names2-dict-cache-lacks-attribute',
        title: 'the module kept in a dict and returned from it lacks router',
        files: cacheApp('users_router', dictCache),
        findings: [
          `main.py:14:25  MOD002  error  "api.users" resolves to api/users.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router' (related api/users.py:1:1-1:1)`,
        ],
        python: { run: 'import main', fails: "module 'api.users' has no attribute 'router'" },
      },
      {
        name: 'names2-chained-cache-lacks-attribute',
        title: 'module = _cache[p] = import_module(p) lacks router',
        files: cacheApp('users_router', chainedCache),
        findings: [
          `main.py:15:25  MOD002  error  "api.users" resolves to api/users.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router' (related api/users.py:1:1-1:1)`,
        ],
        python: { run: 'import main', fails: "module 'api.users' has no attribute 'router'" },
      },
    ],
  },
  'names2',
);
