import { describe, expect, test } from 'vitest';
import { extractFacts } from '../../src/python/extract.js';
import { python, writeTree } from '../helpers.js';

const LAZY_APP = `import importlib
from typing import Dict
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="CredentialMate API (lazy)")
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])

_ROUTER_MAP: Dict[str, str] = {
    "providers": "src.api.v1.providers",
    "licenses": "src.api.v1.licenses",
    "documents": "src.api.v1.documents",
}

def _load_module(name: str):
    module_path = _ROUTER_MAP[name]
    module = importlib.import_module(module_path)
    return getattr(module, "router")
`;

const brief = (f: ReturnType<typeof extractFacts>) =>
  f.modulePaths.map((m) => ({ value: m.value, via: m.via, container: m.container, key: m.key, attributes: m.attributes, literal: m.literal }));

describe('modulePaths', () => {
  test('the incident lazy_app.py: subscript of an annotated module-level dict', () => {
    const f = extractFacts(LAZY_APP);
    expect(brief(f)).toEqual([
      { value: 'src.api.v1.providers', via: 'variable', container: '_ROUTER_MAP', key: 'providers', attributes: ['router'], literal: true },
      { value: 'src.api.v1.licenses', via: 'variable', container: '_ROUTER_MAP', key: 'licenses', attributes: ['router'], literal: true },
      { value: 'src.api.v1.documents', via: 'variable', container: '_ROUTER_MAP', key: 'documents', attributes: ['router'], literal: true },
    ]);
    // span is the string literal, quotes included
    const first = f.modulePaths[0];
    expect({ line: first.line, column: first.column, endLine: first.endLine, endColumn: first.endColumn }).toEqual({
      line: 10, column: 18, endLine: 10, endColumn: 40,
    });
    expect(LAZY_APP.split('\n')[9].slice(first.column - 1, first.endColumn - 1)).toBe('"src.api.v1.providers"');
  });

  test('literal argument, package= and attribute read on the result', () => {
    const f = extractFacts(`import importlib
m = importlib.import_module("app.routers.users")
r = m.router
rel = importlib.import_module(".health", package="app.routers")
`);
    expect(brief(f)).toEqual([
      { value: 'app.routers.users', via: 'call', container: undefined, key: undefined, attributes: ['router'], literal: true },
      { value: '.health', via: 'call', container: undefined, key: undefined, attributes: [], literal: true },
    ]);
    expect(f.modulePaths[1].packageArg).toBe('"app.routers"');
    expect(f.modulePaths[0]).toMatchObject({ line: 2, column: 29, endColumn: 48 });
  });

  test('from importlib import import_module, .get(), .items(), .values(), for over list and tuple', () => {
    const f = extractFacts(`from importlib import import_module

ROUTERS = ["app.a", "app.b"]
EXTRA = ("app.c",)
MAP = {"x": "app.x", "y": "app.y"}

def by_get(name):
    return import_module(MAP.get(name)).router

def all_items():
    for name, path in MAP.items():
        mod = import_module(path)
        app.include_router(mod.router)

def all_values():
    for path in MAP.values():
        import_module(path)

for p in ROUTERS:
    import_module(p)

def extra():
    for p in EXTRA:
        getattr(import_module(p), "api")
`);
    expect(brief(f)).toEqual([
      { value: 'app.x', via: 'variable', container: 'MAP', key: 'x', attributes: ['router'], literal: true },
      { value: 'app.y', via: 'variable', container: 'MAP', key: 'y', attributes: ['router'], literal: true },
      { value: 'app.x', via: 'variable', container: 'MAP', key: 'x', attributes: ['router'], literal: true },
      { value: 'app.y', via: 'variable', container: 'MAP', key: 'y', attributes: ['router'], literal: true },
      { value: 'app.x', via: 'variable', container: 'MAP', key: 'x', attributes: [], literal: true },
      { value: 'app.y', via: 'variable', container: 'MAP', key: 'y', attributes: [], literal: true },
      { value: 'app.a', via: 'variable', container: 'ROUTERS', key: undefined, attributes: [], literal: true },
      { value: 'app.b', via: 'variable', container: 'ROUTERS', key: undefined, attributes: [], literal: true },
      { value: 'app.c', via: 'variable', container: 'EXTRA', key: undefined, attributes: ['api'], literal: true },
    ]);
  });

  test('argument passed through a function parameter', () => {
    const f = extractFacts(`import importlib
_ROUTER_MAP = {"users": "api.users"}

def _load(path):
    module = importlib.import_module(path)
    return module.router

def get_router(name):
    return _load(_ROUTER_MAP[name])
`);
    expect(brief(f)).toEqual([
      { value: 'api.users', via: 'variable', container: '_ROUTER_MAP', key: 'users', attributes: ['router'], literal: true },
    ]);
  });

  test('f-strings expand over a module-level list, dict keys or an inline list; concatenation too', () => {
    const f = extractFacts(`import importlib
VERSIONS = ["v1", "v2"]
FEATURES = {"users": 1, "orders": 2}

def load_all():
    for name in VERSIONS:
        importlib.import_module(f"api.{name}.routes")
    for feature in FEATURES:
        importlib.import_module("app.features." + feature)
    for x in ["a", "b"]:
        importlib.import_module(f"pkg.{x}")
`);
    expect(f.modulePaths.map((m) => [m.value, m.via, m.container, m.literal])).toEqual([
      ['api.v1.routes', 'fstring', 'VERSIONS', false],
      ['api.v2.routes', 'fstring', 'VERSIONS', false],
      ['app.features.users', 'fstring', 'FEATURES', false],
      ['app.features.orders', 'fstring', 'FEATURES', false],
      ['pkg.a', 'fstring', undefined, false],
      ['pkg.b', 'fstring', undefined, false],
    ]);
    // span = the whole f-string
    expect(f.modulePaths[0]).toMatchObject({ line: 7, column: 33, endLine: 7, endColumn: 53 });
  });

  test('__import__ and a module-level string constant; unresolvable arguments give nothing', () => {
    const f = extractFacts(`import importlib, os
HANDLER_MODULE = "app.handlers.main"
__import__("app.plugins")
mod = importlib.import_module(HANDLER_MODULE)
importlib.import_module(os.environ["MOD"])
def g(x):
    return importlib.import_module(x)
`);
    expect(brief(f)).toEqual([
      { value: 'app.plugins', via: 'call', container: undefined, key: undefined, attributes: [], literal: true },
      { value: 'app.handlers.main', via: 'variable', container: 'HANDLER_MODULE', key: undefined, attributes: [], literal: true },
    ]);
  });

  test('implicit concatenation is not a rewritable literal', () => {
    const f = extractFacts(`import importlib\nimportlib.import_module("app." "users")\n`);
    expect(brief(f)).toEqual([{ value: 'app.users', via: 'call', container: undefined, key: undefined, attributes: [], literal: false }]);
  });
});

test('import_module imported under another name is followed like the original', () => {
  const f = extractFacts(`from importlib import import_module as load

_ROUTER_MAP = {"providers": "src.api.v1.providers"}


def router_for(name):
    module = load(_ROUTER_MAP[name])
    return module.router
`);
  expect(f.modulePaths.map((m) => [m.value, m.via, m.container, m.key, m.attributes, m.line, m.column])).toEqual([
    ['src.api.v1.providers', 'variable', '_ROUTER_MAP', 'providers', ['router'], 3, 29],
  ]);
});

describe('containers changed after they are made', () => {
  test('subscript assignment, update, setdefault, append, extend, += and a function changing the global map', () => {
    const src = `import importlib

ROUTERS = {"users": "api.users"}
ROUTERS["orders"] = "api.orders"
ROUTERS.update({"billing": "api.billing"}, audit="api.audit")
ROUTERS.setdefault("admin", "api.admin")

PLUGINS = ["plugins.a"]
PLUGINS.append("plugins.b")
PLUGINS.extend(["plugins.c"])
PLUGINS += ("plugins.d",)


def register():
    ROUTERS["late"] = "api.late"


def register_global():
    global ROUTERS
    ROUTERS["declared"] = "api.declared"


def shadow():
    ROUTERS = {}
    ROUTERS["local"] = "api.not_the_global"
    return ROUTERS


def outer():
    ROUTERS = {}

    def inner():
        ROUTERS["closure"] = "api.closure_local"

    return inner


def outer_global():
    ROUTERS = {}

    def inner():
        global ROUTERS
        ROUTERS["inner_global"] = "api.inner_global"

    return inner


class Registry:
    ROUTERS["from_class"] = "api.from_class"


def load(name):
    return importlib.import_module(ROUTERS[name])


def load_all():
    for p in PLUGINS:
        importlib.import_module(p)
`;
    const f = extractFacts(src);
    expect(f.modulePaths.map((m) => `${m.value}${m.key ? ` (${m.key})` : ''} <${m.container}>`)).toEqual([
      'api.users (users) <ROUTERS>',
      'api.orders (orders) <ROUTERS>',
      'api.billing (billing) <ROUTERS>',
      'api.audit (audit) <ROUTERS>',
      'api.admin (admin) <ROUTERS>',
      'api.late (late) <ROUTERS>',
      'api.declared (declared) <ROUTERS>',
      'api.inner_global (inner_global) <ROUTERS>',
      'api.from_class (from_class) <ROUTERS>',
      'plugins.a <PLUGINS>',
      'plugins.b <PLUGINS>',
      'plugins.c <PLUGINS>',
      'plugins.d <PLUGINS>',
    ]);
    // Each value sits on its own string literal.
    const orders = f.modulePaths.find((m) => m.value === 'api.orders')!;
    expect(src.split('\n')[orders.line - 1].slice(orders.column - 1, orders.endColumn - 1)).toBe('"api.orders"');
  });

  test('add, insert, |= on sets and dicts, and a function-local map changed in its function', () => {
    const src = `import importlib

S = {"plugins.a"}
S.add("plugins.b")
S |= {"plugins.c"}
L = ["plugins.x"]
L.insert(0, "plugins.y")
D = {"a": "api.a"}
D |= {"b": "api.b"}


def load(name):
    for s in S:
        importlib.import_module(s)
    for x in L:
        importlib.import_module(x)
    return importlib.import_module(D[name])


def local(name):
    M = {}
    M["k"] = "api.local"
    return importlib.import_module(M[name])
`;
    const f = extractFacts(src);
    expect(f.modulePaths.map((m) => `${m.value} <${m.container ?? ''}>`).sort()).toEqual(
      ['plugins.a <S>', 'plugins.b <S>', 'plugins.c <S>', 'plugins.x <L>', 'plugins.y <L>', 'api.a <D>', 'api.b <D>', 'api.local <>'].sort(),
    );
  });

  test('a loop variable bound by several loops: each use sees its own loop, and what its body binds', () => {
    const src = `import importlib
A = ["a.one", "a.two"]
B = ["b.one"]


def load(flag):
    for p in A:
        importlib.import_module(p)
    for p in B:
        if flag:
            p = "b.other"
        importlib.import_module(p)
    return importlib.import_module(p)
`;
    // One fact per string and call, in call order: the first loop's call sees A, the second loop's
    // B and the string its body binds. The call after both loops is given every binding, which is
    // cautious: Python only ever hands it B's value or "b.other" (a loop that ran leaves its last
    // value), but A's values there can only add a finding about a string that is wrong anyway.
    const f = extractFacts(src);
    expect(f.modulePaths.map((m) => m.value)).toEqual(['a.one', 'a.two', 'b.one', 'b.other', 'a.one', 'a.two', 'b.one', 'b.other']);
  });

});

describe('what is read from a loaded module', () => {
  test('reads the loader is ready to see fail stay reads (a router map is still one), marked optional', () => {
    const src = `import importlib
ROUTERS = ["api.a", "api.b"]
OTHERS = ["api.c"]


def load(name):
    module = importlib.import_module(name)
    if hasattr(module, "router"):
        return module.router
    try:
        module.setup()
    except (ImportError, AttributeError):
        pass
    module.ready()
    getattr(module, "ready", None)


def load_all():
    for p in ROUTERS:
        load(p)
    for p in OTHERS:
        getattr(importlib.import_module(p), "router", None)
`;
    const f = extractFacts(src);
    // "ready" is read once with a default and once without: it is needed.
    expect(f.modulePaths.map((m) => [m.value, m.attributes, m.optionalAttributes])).toEqual([
      ['api.a', ['router', 'setup', 'ready'], ['router', 'setup']],
      ['api.b', ['router', 'setup', 'ready'], ['router', 'setup']],
      ['api.c', ['router'], ['router']],
    ]);
  });

  test('a name bound to several imports in one function: each import gets the reads it reaches, as Python reads them', () => {
    const src = `import importlib


def straight():
    module = importlib.import_module("s.one")
    module.first
    module = importlib.import_module("s.two")
    module.second


def branches(flag):
    if flag:
        module = importlib.import_module("b.one")
    else:
        module = importlib.import_module("b.two")
    module.both


def loop_back(n):
    module = importlib.import_module("w.one")
    while n:
        module.early
        module = importlib.import_module("w.two")
        n -= 1


def loops():
    for name in ["l.one"]:
        module = importlib.import_module(name)
        module.router
    for name in ["l.two"]:
        module = importlib.import_module(name)
        getattr(module, "register")
`;
    const ours = Object.fromEntries(extractFacts(src).modulePaths.map((m) => [m.value, [...m.attributes].sort()]));
    // Python, with import_module handing back a recorder of attribute reads, every path run.
    const dir = writeTree({ 'loader.py': src });
    const r = python(
      [
        'import importlib, json',
        'reads = {}',
        'class Recorder:',
        '    def __init__(self, name): self.name = name; reads.setdefault(name, set())',
        '    def __getattr__(self, attr): reads[self.name].add(attr); return None',
        'importlib.import_module = Recorder',
        'import loader',
        'loader.straight(); loader.branches(True); loader.branches(False); loader.loop_back(2); loader.loops()',
        'print(json.dumps({k: sorted(v) for k, v in reads.items()}))',
      ].join('\n'),
      dir,
    );
    expect(r.stderr).toBe('');
    expect(ours).toEqual(JSON.parse(r.stdout));
    expect(ours['s.one']).toEqual(['first']);
    expect(ours['w.two']).toEqual(['early']);
  });

  test('what is read inside an f-string interpolation counts (strings are walked only there)', () => {
    const f = extractFacts('import importlib\n\nm = importlib.import_module("api.x")\nprint(f"{m.router} and {m}")\nlabel = "m.not_read"\n');
    expect(f.modulePaths.map((x) => [x.value, x.attributes])).toEqual([['api.x', ['router']]]);
  });
});
