// MOD001's router maps, what the first round left (issue #15, "Misses to catch" item 2): a map held
// in another module (`from routes_config import ROUTER_MODULES`, `import routes_config` +
// `routes_config.ROUTER_MODULES[name]`, a re-export in a package's __init__.py, `map()` over its
// values), and more shapes of a local map (`dict(k=v)`, `"%(k)s" % {...}`, `".".join(PARTS)`,
// comprehensions with an `if` filter). Each: the broken map (one path under the `src.` prefix the
// Lambda root does not have) and its fixed twin, proved by importing the app with PYTHONPATH at the
// root, which runs import_module over every string the map holds.
import { ruleTester, type InvalidCase, type ValidCase } from './tester.js';

const ROUTER = 'from fastapi import APIRouter\n\nrouter = APIRouter()';
const TREE = String.raw`
-- api/__init__.py --
-- api/v1/__init__.py --
-- api/v1/users.py --
${ROUTER}
-- api/v1/items.py --
${ROUTER}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}`;

const ok = { run: 'import main', fails: null } as const;
const broken = { run: 'import main', fails: "No module named 'src'" } as const;

interface Shape {
  name: string;
  title: string;
  /** Files of the case (txtar) besides the shared tree, with SRC where the broken twin writes "src." and the fixed one nothing. */
  files: string;
  findings: string[];
  /** The file --fix rewrites: it becomes the fixed twin's. */
  fixes?: string;
  golden?: boolean;
}

const LOADER = String.raw`
-- main.py --
import importlib
from fastapi import FastAPI
from routes_config import ROUTER_MODULES

app = FastAPI()
for name, path in ROUTER_MODULES.items():
    app.include_router(importlib.import_module(path).router, prefix=f"/{name}")`;

const shapes: Shape[] = [
  {
    name: 'maps2-imported-map',
    title: 'from routes_config import ROUTER_MODULES, then .items(): the strings are checked where routes_config.py writes them',
    golden: true,
    files: String.raw`
-- routes_config.py --
ROUTER_MODULES = {
    "users": "api.v1.users",
    "items": "SRCapi.v1.items",
}
${LOADER.trimStart()}`,
    findings: [
      `routes_config.py:3:14  MOD001  error  "src.api.v1.items" (ROUTER_MODULES["items"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixes: 'routes_config.py',
  },
  {
    name: 'maps2-module-attribute',
    title: 'import routes_config, then routes_config.ROUTER_MODULES[name] in a loader function',
    files: String.raw`
-- routes_config.py --
ROUTER_MODULES = {"users": "api.v1.users", "items": "SRCapi.v1.items"}
-- main.py --
import importlib
from fastapi import FastAPI
import routes_config

app = FastAPI()


def load(name):
    return importlib.import_module(routes_config.ROUTER_MODULES[name]).router


for key in routes_config.ROUTER_MODULES:
    app.include_router(load(key))`,
    findings: [
      `routes_config.py:1:53  MOD001  error  "src.api.v1.items" (ROUTER_MODULES["items"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixes: 'routes_config.py',
  },
  {
    name: 'maps2-package-reexport',
    title: 'a list in conf/routes.py re-exported by conf/__init__.py, iterated by the loader',
    files: String.raw`
-- conf/__init__.py --
from .routes import ROUTER_MODULES
-- conf/routes.py --
ROUTER_MODULES = ["api.v1.users", "SRCapi.v1.items"]
-- main.py --
import importlib
from fastapi import FastAPI
from conf import ROUTER_MODULES as MODULES

app = FastAPI()
for path in MODULES:
    app.include_router(importlib.import_module(path).router)`,
    findings: [
      `conf/routes.py:1:35  MOD001  error  "src.api.v1.items" (ROUTER_MODULES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixes: 'conf/routes.py',
  },
  {
    name: 'maps2-imported-comprehension-mapped',
    title: 'a comprehension-built map of another module, imported by map(import_module, M.values())',
    files: String.raw`
-- routes_config.py --
NAMES = ["users", "items"]
ROUTER_MODULES = {n: f"SRCapi.v1.{n}" for n in NAMES}
-- main.py --
from importlib import import_module
from fastapi import FastAPI
from routes_config import ROUTER_MODULES

app = FastAPI()
for module in map(import_module, ROUTER_MODULES.values()):
    app.include_router(module.router)`,
    findings: [
      `routes_config.py:2:22  MOD001  error  "src.api.v1.users" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `routes_config.py:2:22  MOD001  error  "src.api.v1.items" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps2-imported-names-fstring',
    title: 'for name in APPS (a list of words in another module): import_module(f"api.v1.{name}"), reported where the path is built',
    files: String.raw`
-- routes_config.py --
APPS = ["users", "items"]
-- main.py --
import importlib
from fastapi import FastAPI
from routes_config import APPS

app = FastAPI()
for name in APPS:
    module = importlib.import_module(f"SRCapi.v1.{name}")
    app.include_router(module.router)`,
    findings: [
      `main.py:7:38  MOD001  error  "src.api.v1.users" (one value of this f-string) (APPS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:7:38  MOD001  error  "src.api.v1.items" (one value of this f-string) (APPS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps2-dict-keywords',
    title: 'ROUTERS = dict(users="api.v1.users", items="api.v1.items")',
    files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
ROUTERS = dict(users="api.v1.users", items="SRCapi.v1.items")

for name, path in ROUTERS.items():
    app.include_router(importlib.import_module(path).router, prefix=f"/{name}")`,
    findings: [
      `main.py:5:44  MOD001  error  "src.api.v1.items" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixes: 'main.py',
  },
  {
    name: 'maps2-percent-dict',
    title: '"api.%(version)s.%(name)s" % {"version": ..., "name": ...}',
    files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
for name in ("users", "items"):
    path = "SRCapi.%(version)s.%(name)s" % {"version": "v1", "name": name}
    app.include_router(importlib.import_module(path).router)`,
    findings: [
      `main.py:6:12  MOD001  error  "src.api.v1.users" (one value of this f-string) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:6:12  MOD001  error  "src.api.v1.items" (one value of this f-string) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps2-join-name',
    title: '".".join(PARTS) with PARTS a name bound to a literal tuple',
    files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
PARTS = (SRC"api", "v1", "users")
app.include_router(importlib.import_module(".".join(PARTS)).router)`,
    findings: [
      `main.py:6:44  MOD001  error  "src.api.v1.users" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
    ],
  },
  {
    name: 'maps2-comprehension-filter',
    title: '{n: f"api.v1.{n}" for n in NAMES if n != "admin"}: the filter is evaluated (there is no api/v1/admin.py)',
    files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
NAMES = ["users", "items", "admin"]
ROUTER_MAP = {n: f"SRCapi.v1.{n}" for n in NAMES if n != "admin"}

for path in ROUTER_MAP.values():
    app.include_router(importlib.import_module(path).router)`,
    findings: [
      `main.py:6:18  MOD001  error  "src.api.v1.users" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:6:18  MOD001  error  "src.api.v1.items" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps2-comprehension-filter-in',
    title: '[import_module(f"api.v1.{n}") for n in NAMES if n not in ("admin", "legacy")]: filtered names are not imported (a false alarm before)',
    files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
NAMES = ["users", "items", "admin", "legacy"]
MODULES = [importlib.import_module(f"SRCapi.v1.{n}") for n in NAMES if n not in ("admin", "legacy")]
for module in MODULES:
    app.include_router(module.router)`,
    findings: [
      `main.py:6:36  MOD001  error  "src.api.v1.users" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:6:36  MOD001  error  "src.api.v1.items" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
];

/** The broken twin writes `src.` (in a string) or `"src", ` (in a tuple of parts); the fixed one nothing. */
const fill = (text: string, broken: boolean) => text.replaceAll('SRC"', broken ? '"src", "' : '"').replaceAll('SRC', broken ? 'src.' : '');
const fileOf = (files: string, name: string) => {
  const m = new RegExp(`-- ${name.replace(/[./]/g, '\\$&')} --\\n([\\s\\S]*?)(?=\\n-- |$)`).exec(files);
  return m ? m[1].trim() : '';
};

export const invalid: InvalidCase[] = shapes.map((s) => ({
  name: s.name,
  title: s.title,
  ...(s.golden ? { golden: true } : {}),
  files: `${TREE}\n${fill(s.files, true).trim()}`,
  findings: s.findings,
  ...(s.fixes ? { output: `\n-- ${s.fixes} --\n${fileOf(fill(s.files, false), s.fixes)}\n` } : {}),
  python: broken,
}));

export const valid: ValidCase[] = shapes.map((s) => ({
  name: `${s.name}-fixed`,
  title: `${s.title} (fixed: every path under the root)`,
  files: `${TREE}\n${fill(s.files, false).trim()}`,
  python: ok,
}));

ruleTester('MOD001', { valid, invalid }, 'maps2');
