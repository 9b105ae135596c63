import { describe, expect, test } from 'vitest';
import { extractFacts } from '../../src/python/extract.js';
import { python } from '../helpers.js';

describe('imports', () => {
  const src = `import os
import a.b as c, d.e
from . import sibling
from ..pkg.mod import y as z, w
from m import *
from app.api import (
    users,
    orders as o,
)
try:
    import ujson as json
except ImportError:
    import json
try:
    import orjson
except (ValueError, ModuleNotFoundError):
    pass
try:
    import yaml
except ValueError:
    pass
from typing import TYPE_CHECKING
import typing
if TYPE_CHECKING:
    from app.models import User
else:
    from app.runtime import User
if typing.TYPE_CHECKING:
    import app.heavy
if settings.DEBUG:
    import debug_toolbar

def f():
    import lazy.thing
    def g():
        from lazy import nested

class K:
    import inside_class
`;
  const f = extractFacts(src);
  const by = (module: string) => f.imports.find((i) => i.module === module)!;

  test('kinds, modules, levels, aliases, names', () => {
    expect(f.imports.map((i) => [i.kind, i.module, i.level, i.alias ?? null, i.names.map((n) => (n.alias ? `${n.name} as ${n.alias}` : n.name))])).toEqual([
      ['import', 'os', 0, null, []],
      ['import', 'a.b', 0, 'c', []],
      ['import', 'd.e', 0, null, []],
      ['from', '', 1, null, ['sibling']],
      ['from', 'pkg.mod', 2, null, ['y as z', 'w']],
      ['from', 'm', 0, null, ['*']],
      ['from', 'app.api', 0, null, ['users', 'orders as o']],
      ['import', 'ujson', 0, 'json', []],
      ['import', 'json', 0, null, []],
      ['import', 'orjson', 0, null, []],
      ['import', 'yaml', 0, null, []],
      ['from', 'typing', 0, null, ['TYPE_CHECKING']],
      ['import', 'typing', 0, null, []],
      ['from', 'app.models', 0, null, ['User']],
      ['from', 'app.runtime', 0, null, ['User']],
      ['import', 'app.heavy', 0, null, []],
      ['import', 'debug_toolbar', 0, null, []],
      ['import', 'lazy.thing', 0, null, []],
      ['from', 'lazy', 0, null, ['nested']],
      ['import', 'inside_class', 0, null, []],
    ]);
  });

  test('moduleSpan includes the dots; names carry spans', () => {
    const rel = by('pkg.mod');
    expect(rel.moduleSpan).toEqual({ line: 4, column: 6, endLine: 4, endColumn: 15 });
    expect(src.split('\n')[3].slice(rel.moduleSpan.column - 1, rel.moduleSpan.endColumn - 1)).toBe('..pkg.mod');
    expect(by('').moduleSpan).toEqual({ line: 3, column: 6, endLine: 3, endColumn: 7 });
    const orders = by('app.api').names[1];
    expect(orders).toEqual({ name: 'orders', alias: 'o', line: 8, column: 5, endLine: 8, endColumn: 16 });
  });

  test('guards, scopes and conditional', () => {
    const g = (m: string) => [by(m).guard, by(m).scope, by(m).conditional];
    expect(g('os')).toEqual(['none', 'module', false]);
    expect(g('ujson')).toEqual(['optional', 'module', false]);
    expect(g('json')).toEqual(['none', 'module', false]);
    expect(g('orjson')).toEqual(['optional', 'module', false]);
    expect(g('yaml')).toEqual(['none', 'module', false]);
    expect(g('app.models')).toEqual(['type-checking', 'module', false]);
    expect(g('app.runtime')).toEqual(['none', 'module', false]);
    expect(g('app.heavy')).toEqual(['type-checking', 'module', false]);
    expect(g('debug_toolbar')).toEqual(['none', 'module', true]);
    expect(g('lazy.thing')).toEqual(['none', 'function', false]);
    expect(g('lazy')).toEqual(['none', 'function', false]);
    expect(g('inside_class')).toEqual(['none', 'class', false]);
  });

  test('bare except and except Exception guard an import', () => {
    const h = extractFacts(`try:\n    import a\nexcept:\n    a = None\ntry:\n    import b\nexcept Exception:\n    b = None\n`);
    expect(h.imports.map((i) => i.guard)).toEqual(['optional', 'optional']);
  });
});

describe('definitions, __all__, __getattr__', () => {
  test('module-level bindings of every kind', () => {
    const f = extractFacts(`import a.b
import a.b as c
from m import x as y, z
X = 1
T: int = 2
p, (q, *r) = 1, (2, 3)
X += 1
class Model(Base, mixins.Timestamps, metaclass=Meta):
    inner = 1
    def method(self): pass
@decorator
async def handler():
    global COUNTER
    local = 1
if FLAG:
    def maybe(): pass
try:
    from fast import thing
except ImportError:
    thing = None
def __getattr__(name): ...
`);
    expect(f.definitions.map((d) => [d.name, d.kind, d.conditional])).toEqual([
      ['a', 'import', false],
      ['c', 'import', false],
      ['y', 'import', false],
      ['z', 'import', false],
      ['X', 'assignment', false],
      ['T', 'assignment', false],
      ['p', 'assignment', false],
      ['q', 'assignment', false],
      ['r', 'assignment', false],
      ['X', 'assignment', false],
      ['Model', 'class', false],
      ['handler', 'function', false],
      ['COUNTER', 'global', false],
      ['maybe', 'function', true],
      ['thing', 'import', true],
      ['thing', 'assignment', true],
      ['__getattr__', 'function', false],
    ]);
    expect(f.definitions.find((d) => d.name === 'Model')!.bases).toEqual(['Base', 'mixins.Timestamps']);
    expect(f.definitions.find((d) => d.name === 'handler')).toMatchObject({ line: 12, column: 11, endColumn: 18 });
    expect(f.hasModuleGetattr).toBe(true);
    expect(f.all).toBeNull();
  });

  test('__all__ literal, +=, extend, append', () => {
    const f = extractFacts(`__all__ = ["a", 'b']\n__all__ += ("c",)\n__all__.extend(["d"])\n__all__.append("e")\n`);
    expect(f.all).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(f.hasModuleGetattr).toBe(false);
  });

  test('__all__ not literal is null', () => {
    expect(extractFacts(`__all__ = ["a"] + other.__all__\n`).all).toBeNull();
    expect(extractFacts(`__all__ = [name for name in dir()]\n`).all).toBeNull();
  });

  test('__getattr__ inside a class does not count', () => {
    expect(extractFacts(`class A:\n    def __getattr__(self, n): ...\n`).hasModuleGetattr).toBe(false);
  });
});

describe('dotted names written with spaces, continuations or comments', () => {
  test('read as Python reads them (checked against ast)', () => {
    const src = 'import a . b\nfrom c .\\\n  d import (e  # why\n  , f as g)\nfrom __future__ import annotations\nimport h.i as j\n';
    const f = extractFacts(src);
    expect(f.imports.map((i) => [i.module, i.names.map((n) => n.name + (n.alias ? `=${n.alias}` : ''))])).toEqual([
      ['a.b', []],
      ['c.d', ['e', 'f=g']],
      ['__future__', ['annotations']],
      ['h.i', []],
    ]);
    const py = python(
      `import ast, json\nt = ast.parse(${JSON.stringify(src)})\nprint(json.dumps([[n.module if isinstance(n, ast.ImportFrom) else n.names[0].name, [a.name + ('=' + a.asname if a.asname else '') for a in n.names] if isinstance(n, ast.ImportFrom) else []] for n in t.body]))`,
      '/tmp',
    );
    expect(JSON.parse(py.stdout)).toEqual(f.imports.map((i) => [i.module, i.names.map((n) => n.name + (n.alias ? `=${n.alias}` : ''))]));
  });
});
