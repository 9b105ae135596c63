// MOD001's router-map shapes (issue #15, "Misses to catch" item 2 and the f-string placeholders of
// item 4): maps built by comprehensions, dict(zip(...)), tuple and dict entries, .format, %, `+`,
// str.join, and a placeholder through an intermediate variable. Each shape: the broken map (one
// path under the `src.` prefix, which the Lambda root does not have) and its fixed twin, proved by
// importing the app with PYTHONPATH at the root, which runs import_module over every value.
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

/** A case repository: the shared api/ tree and main.py. */
const repo = (main: string, extra = '') => `${TREE}
-- main.py --
${main.trim()}
${extra}`;

const ok = { run: 'import main', fails: null } as const;
const broken = { run: 'import main', fails: "No module named 'src'" } as const;

interface Shape {
  name: string;
  title: string;
  /** main.py with SRC where the broken twin writes "src." and the fixed one nothing. */
  main: string;
  findings: string[];
  /** More files of the case (txtar). */
  extra?: string;
  /** --fix rewrites the broken string: main.py becomes the fixed twin's. */
  fixable?: boolean;
  golden?: boolean;
}

const shapes: Shape[] = [
  {
    name: 'maps-dict-comprehension',
    title: '{name: f"api.v1.{name}" for name in _LAZY_ROUTERS}: each value of the comprehension is imported',
    golden: true,
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
_LAZY_ROUTERS = ["users", "items"]
ROUTER_MAP = {name: f"SRCapi.v1.{name}" for name in _LAZY_ROUTERS}

for key, path in ROUTER_MAP.items():
    app.include_router(importlib.import_module(path).router, prefix=f"/{key}")`,
    findings: [
      `main.py:6:21  MOD001  error  "src.api.v1.users" (one value of this f-string) (_LAZY_ROUTERS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:6:21  MOD001  error  "src.api.v1.items" (one value of this f-string) (_LAZY_ROUTERS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps-list-comprehension',
    title: '[f"api.v1.{n}" for n in NAMES] iterated by the loader',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
NAMES = ("users", "items")
MODULES = [f"SRCapi.v1.{n}" for n in NAMES]

for path in MODULES:
    app.include_router(importlib.import_module(path).router)`,
    findings: [
      `main.py:6:12  MOD001  error  "src.api.v1.users" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:6:12  MOD001  error  "src.api.v1.items" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
    ],
  },
  {
    name: 'maps-dict-zip',
    title: 'dict(zip(names, paths)): the paths list pairs with the names by position',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
NAMES = ["users", "items"]
PATHS = ["api.v1.users", "SRCapi.v1.items"]
ROUTER_MAP = dict(zip(NAMES, PATHS))

for name in ROUTER_MAP:
    app.include_router(importlib.import_module(ROUTER_MAP[name]).router)`,
    findings: [
      `main.py:6:26  MOD001  error  "src.api.v1.items" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-tuple-entries',
    title: '("items", "api.v1.items", "/items") entries unpacked by the loop',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
ROUTERS = [
    ("users", "api.v1.users", "/users"),
    ("items", "SRCapi.v1.items", "/items"),
]

for name, module_path, prefix in ROUTERS:
    app.include_router(importlib.import_module(module_path).router, prefix=prefix, tags=[name])`,
    findings: [
      `main.py:7:15  MOD001  error  "src.api.v1.items" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-dict-entries',
    title: '{"module": "api.v1.items", "prefix": "/items"} entries read by key',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
ROUTERS = [
    {"module": "api.v1.users", "prefix": "/users"},
    {"module": "SRCapi.v1.items", "prefix": "/items"},
]

for entry in ROUTERS:
    app.include_router(importlib.import_module(entry["module"]).router, prefix=entry["prefix"])`,
    findings: [
      `main.py:7:16  MOD001  error  "src.api.v1.items" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-format',
    title: '"api.{}.{}".format(version, name) over a dict of versions',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
VERSIONS = {"users": "v1", "items": "v1"}

for name, version in VERSIONS.items():
    app.include_router(importlib.import_module("SRCapi.{}.{}".format(version, name)).router)`,
    findings: [
      `main.py:8:48  MOD001  error  "src.api.v1.items" (one value of this f-string) (VERSIONS["items"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
      `main.py:8:48  MOD001  error  "src.api.v1.users" (one value of this f-string) (VERSIONS["users"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
    ],
  },
  {
    name: 'maps-percent',
    title: '"api.v1.%s" % name',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()

for name in ["users", "items"]:
    app.include_router(importlib.import_module("SRCapi.v1.%s" % name).router)`,
    findings: [
      `main.py:7:48  MOD001  error  "src.api.v1.items" (one value of this f-string) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
      `main.py:7:48  MOD001  error  "src.api.v1.users" (one value of this f-string) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
    ],
  },
  {
    name: 'maps-join',
    title: '".".join(["api", "v1", name])',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
PACKAGE = "SRCapi"

for name in ["users", "items"]:
    app.include_router(importlib.import_module(".".join([PACKAGE, "v1", name])).router)`,
    findings: [
      `main.py:8:48  MOD001  error  "src.api.v1.items" (one value of this f-string) (PACKAGE) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
      `main.py:8:48  MOD001  error  "src.api.v1.users" (one value of this f-string) (PACKAGE) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
    ],
  },
  {
    name: 'maps-plus-keeps-loop-pairing',
    title: '"api." + version + "." + name over VERSIONS.items(): each name with its own version, not every combination',
    extra: String.raw`-- api/v2/__init__.py --
-- api/v2/orders.py --
${ROUTER}`,
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
VERSIONS = {"users": "v1", "orders": "v2"}

for name, version in VERSIONS.items():
    module_path = "SRCapi." + version + "." + name
    app.include_router(importlib.import_module(module_path).router)`,
    findings: [
      `main.py:8:19  MOD001  error  "src.api.v1.users" (one value of this f-string) (VERSIONS["users"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:8:19  MOD001  error  "src.api.v2.orders" (one value of this f-string) (VERSIONS["orders"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v2.orders"?`,
    ],
  },
  {
    name: 'maps-intermediate-fstring',
    title: 'mod = f"api.{version}.{name}"; import_module(mod): the placeholders keep their loop pairing',
    extra: String.raw`-- api/v2/__init__.py --
-- api/v2/orders.py --
${ROUTER}`,
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
VERSIONS = {"users": "v1", "orders": "v2"}

for name, version in VERSIONS.items():
    mod = f"SRCapi.{version}.{name}"
    app.include_router(importlib.import_module(mod).router)`,
    findings: [
      `main.py:8:11  MOD001  error  "src.api.v1.users" (one value of this f-string) (VERSIONS["users"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
      `main.py:8:11  MOD001  error  "src.api.v2.orders" (one value of this f-string) (VERSIONS["orders"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v2.orders"?`,
    ],
  },
  {
    name: 'maps-class-attribute',
    title: 'class Settings: ROUTERS = {...} read as Settings.ROUTERS.items()',
    main: String.raw`
import importlib
from fastapi import FastAPI


class Settings:
    ROUTERS = {"users": "api.v1.users", "items": "SRCapi.v1.items"}


app = FastAPI()
for name, path in Settings.ROUTERS.items():
    app.include_router(importlib.import_module(path).router, prefix=f"/{name}")`,
    findings: [
      `main.py:6:50  MOD001  error  "src.api.v1.items" (Settings.ROUTERS["items"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-import-module-in-a-variable',
    title: 'load = importlib.import_module; load(path)',
    main: String.raw`
import importlib
from fastapi import FastAPI

app = FastAPI()
load = importlib.import_module

for path in ["api.v1.users", "SRCapi.v1.items"]:
    app.include_router(load(path).router)`,
    findings: [
      `main.py:7:30  MOD001  error  "src.api.v1.items" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-import-module-mapped',
    title: 'list(map(import_module, PATHS))',
    main: String.raw`
from importlib import import_module
from fastapi import FastAPI

app = FastAPI()
PATHS = ["api.v1.users", "SRCapi.v1.items"]

for module in list(map(import_module, PATHS)):
    app.include_router(module.router)`,
    findings: [
      `main.py:5:26  MOD001  error  "src.api.v1.items" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
  {
    name: 'maps-import-module-partial',
    title: 'functools.partial(importlib.import_module, package=None)',
    main: String.raw`
import functools
import importlib
from fastapi import FastAPI

app = FastAPI()
load = functools.partial(importlib.import_module, package=None)

for path in ["api.v1.users", "SRCapi.v1.items"]:
    app.include_router(load(path).router)`,
    findings: [
      `main.py:8:30  MOD001  error  "src.api.v1.items" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?  [*]`,
    ],
    fixable: true,
  },
];

const fill = (main: string, prefix: string) => main.replaceAll('SRC', prefix);

export const invalid: InvalidCase[] = shapes.map((s) => ({
  name: s.name,
  title: s.title,
  ...(s.golden ? { golden: true } : {}),
  files: repo(fill(s.main, 'src.'), s.extra),
  findings: s.findings,
  ...(s.fixable ? { output: `\n-- main.py --\n${fill(s.main, '').trim()}\n` } : {}),
  python: broken,
}));

export const valid: ValidCase[] = shapes.map((s) => ({
  name: `${s.name}-fixed`,
  title: `${s.title} (fixed: every path under the root)`,
  files: repo(fill(s.main, ''), s.extra),
  python: ok,
}));

ruleTester('MOD001', { valid, invalid }, 'maps');
