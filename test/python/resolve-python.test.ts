// Ground truth: the resolver's verdict for every name equals CPython's importlib.util.find_spec
// with PYTHONPATH=<root>, run by Debian's /usr/bin/python3 (3.11) on real files in temp folders.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resolver, fileSetOf, localTopLevelNames, type Resolution } from '../../src/python/resolve.js';
import { pythonOutput, tempDir } from '../helpers.js';

/** Files to create; a value of PYC writes valid (empty-module) bytecode. */
const PYC = Symbol('pyc');
type Tree = Record<string, string | typeof PYC>;

function build(tree: Tree): string {
  const base = tempDir('pc-tree-');
  const pycs: string[] = [];
  for (const [p, content] of Object.entries(tree)) {
    const abs = join(base, p);
    mkdirSync(dirname(abs), { recursive: true });
    if (content === PYC) pycs.push(abs);
    else writeFileSync(abs, content);
  }
  if (pycs.length) {
    const script =
      'import sys,py_compile,os\n' +
      'for c in sys.argv[1:]:\n' +
      '    s = c + ".src.py"\n' +
      '    open(s, "w").close()\n' +
      '    py_compile.compile(s, cfile=c, doraise=True)\n' +
      '    os.remove(s)\n';
    pythonOutput(script, '', { args: pycs });
  }
  return base;
}

const FIND_SPEC = `
import sys, importlib.util
names = sys.stdin.read().split("\\n")
out = []
for n in names:
    if n == "":
        continue
    try:
        s = importlib.util.find_spec(n)
    except Exception as e:
        out.append((n, "error", type(e).__name__))
        continue
    if s is None:
        out.append((n, "none", ""))
        continue
    locs = s.submodule_search_locations
    if s.origin is None and locs is not None:
        out.append((n, "namespace", "|".join(list(locs))))
    elif not s.has_location:
        out.append((n, "other", str(s.origin)))
    else:
        kind = "package" if locs is not None else ("extension" if s.origin.endswith(".so") else "module")
        out.append((n, kind, s.origin))
sys.stdout.write("".join("\\t".join(t) + "\\n" for t in out))
`;

type Verdict = string; // "none" | "<kind> <path relative to the checked folder>"

/** Python's verdict per name, mapped to what the resolver should say (found outside the root → none). */
function pythonVerdicts(base: string, root: string, names: string[]): Map<string, Verdict> {
  const rootAbs = root === '' ? base : join(base, root);
  const text = pythonOutput(FIND_SPEC, rootAbs, { env: { PATH: '/usr/bin:/bin' }, input: names.join('\n') });
  const out = new Map<string, Verdict>();
  const rel = (p: string): string | undefined => (p.startsWith(rootAbs + '/') ? p.slice(base.length + 1) : undefined);
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [name, kind, where] = line.split('\t');
    if (kind === 'none' || kind === 'error' || kind === 'other') out.set(name, 'none');
    else if (kind === 'namespace') {
      const parts = where.split('|');
      const r = parts.map(rel);
      out.set(name, parts.length === 1 && r[0] !== undefined ? `namespace ${r[0]}` : 'none');
    } else {
      const r = rel(where);
      out.set(name, r === undefined ? 'none' : `${kind} ${r}`);
    }
  }
  return out;
}

function verdictOf(r: Resolution | undefined): Verdict {
  if (!r) return 'none';
  return r.kind === 'namespace' ? `namespace ${r.dir}` : `${r.kind} ${r.file}`;
}

/** Every dotted spelling of every file and folder, from every folder of the checked tree, plus misses. */
function candidateNames(paths: string[], extra: string[]): string[] {
  const names = new Set<string>(extra);
  for (const p of paths) {
    const parts = p.split('/');
    const last = parts[parts.length - 1];
    const stem = last.split('.')[0];
    const segs = stem === '__init__' ? parts.slice(0, -1) : [...parts.slice(0, -1), stem];
    if (stem === '') continue;
    for (let start = 0; start < segs.length; start++) {
      for (let end = start + 1; end <= segs.length; end++) {
        const n = segs.slice(start, end).join('.');
        names.add(n);
        if (end === segs.length) {
          names.add(`${n}.nope`);
          names.add(segs.slice(start, end - 1).concat(segs[end - 1].toUpperCase()).join('.'));
        }
      }
    }
  }
  return [...names].filter((n) => !n.split('.').includes('__pycache__'));
}

interface Fixture {
  name: string;
  root: string;
  tree: Tree;
  dependencies?: string[];
  extraNames?: string[];
  /** Names Python cannot answer faithfully (e.g. a parent that is an unloadable fake extension). */
  skip?: (name: string) => boolean;
  /** What Python answers for a few names, to show the fixture exercises what it means to. */
  pythonSays?: Record<string, Verdict>;
}

const FIXTURES: Fixture[] = [
  {
    name: 'packages, modules, namespaces, shadowing, extensions, stubs',
    root: '',
    dependencies: ['fastapi'],
    tree: {
      'pkg/__init__.py': '',
      'pkg/mod.py': '',
      'pkg/sub/__init__.py': '',
      'pkg/sub/deep.py': '',
      'pkg/ns/x.py': '', // namespace inside a regular package
      'pkg/ns/inner/y.py': '',
      'pkg/data.txt': 'x',
      'nsp/a.py': '',
      'nsp/sub/b.py': '',
      'both.py': '', // package wins over module
      'both/__init__.py': '',
      'both/child.py': '',
      'modfirst.py': '', // module wins over namespace folder
      'modfirst/child.py': '',
      'stubonly.pyi': '',
      'stubdir/x.pyi': '',
      'stubpkg/__init__.pyi': '',
      'stubpkg/m.py': '',
      'my-pkg/__init__.py': '',
      'my-pkg/m.py': '',
      'Models/__init__.py': '',
      'Models/user.py': '',
      'compiled.pyc': PYC,
      'cpkg/__init__.pyc': PYC,
      'cpkg/leaf.py': '',
      'fast.cpython-311-x86_64-linux-gnu.so': '',
      'abi.abi3.so': '',
      'plain.so': '',
      'dual.py': '',
      'dual.so': '', // extension before source
      'extpkg/__init__.so': '',
      'extpkg/z.py': '',
      'onlycache/__pycache__/m.cpython-311.pyc': '',
      'lvl/__init__.py': '',
      'lvl/a.py': '',
      'lvl/a/b.py': '',
      'lvl/c.py': '',
      'lvl/c/__init__.py': '',
      'lvl/c/k.py': '',
      'lvl/d.py': '',
      'lvl/d/k.py': '',
      'lvl/e/e.py': '',
      'lvl/e/f/__init__.py': '',
      'lvl/e/f/g.py': '',
      'noext': 'x',
      'json/__init__.py': '', // shadows the stdlib (root is first on sys.path)
      'email/x.py': '', // namespace portion: the stdlib package wins
      'os.py': '', // frozen: never shadowed
      'time.py': '', // built in: never shadowed
      'fastapi/x.py': '', // namespace portion: the installed package wins
      'class.py': '',
      'README.md': '',
    },
    extraNames: ['', 'a..b', 'pkg.', 'pkg..mod', 'pkg/mod', 'PKG', 'pkg.MOD', 'stubonly', 'stubdir.x', 'noext', 'sys', 'os', 'os.path',
      'time', 'json', 'json.decoder', 'email', 'email.x', 'email.mime', 'fastapi', 'fastapi.x', 'extpkg', 'nothing', 'nothing.at.all'],
    pythonSays: {
      both: 'package both/__init__.py',
      modfirst: 'module modfirst.py',
      'modfirst.child': 'none',
      'lvl.a.b': 'none',
      'lvl.c.k': 'module lvl/c/k.py',
      'lvl.d.k': 'none',
      'pkg.ns': 'namespace pkg/ns',
      'pkg.ns.inner.y': 'module pkg/ns/inner/y.py',
      stubonly: 'none',
      stubdir: 'namespace stubdir',
      'stubdir.x': 'none',
      stubpkg: 'namespace stubpkg',
      'my-pkg.m': 'module my-pkg/m.py',
      models: 'none',
      compiled: 'module compiled.pyc',
      'cpkg.leaf': 'module cpkg/leaf.py',
      fast: 'extension fast.cpython-311-x86_64-linux-gnu.so',
      abi: 'extension abi.abi3.so',
      plain: 'extension plain.so',
      dual: 'extension dual.so',
      extpkg: 'package extpkg/__init__.so',
      onlycache: 'namespace onlycache',
      'onlycache.m': 'none',
      json: 'package json/__init__.py',
      email: 'none',
      os: 'none',
      time: 'none',
      fastapi: 'none',
      'class': 'module class.py',
    },
    skip: (n) => n.startsWith('extpkg.'), // importing the parent would load the fake __init__.so
  },
  {
    name: 'the incident: root is infra/lambda/functions/backend/src',
    root: 'infra/lambda/functions/backend/src',
    tree: {
      'infra/lambda/functions/backend/src/lazy_app.py': '',
      'infra/lambda/functions/backend/src/main.py': '',
      'infra/lambda/functions/backend/src/api/__init__.py': '',
      'infra/lambda/functions/backend/src/api/v1/__init__.py': '',
      'infra/lambda/functions/backend/src/api/v1/providers.py': '',
      'infra/lambda/functions/backend/src/contexts/cme/models.py': '',
      'infra/lambda/functions/backend/tests/test_providers.py': '',
      'infra/lambda/functions/backend/requirements.txt': 'fastapi\n',
      'src/other.py': '',
    },
    extraNames: ['src.api.v1.providers', 'api.v1.providers', 'fastapi.middleware', 'json', 'lazy_app'],
    pythonSays: {
      'src.api.v1.providers': 'none',
      'api.v1.providers': 'module infra/lambda/functions/backend/src/api/v1/providers.py',
      'backend.src.api.v1.providers': 'none',
    },
  },
  {
    name: 'root one level too high: backend/',
    root: 'backend',
    tree: {
      'backend/src/__init__.py': '',
      'backend/src/api/__init__.py': '',
      'backend/src/api/users.py': '',
      'backend/handler.py': '',
      'backend/handler/__init__.py': '',
      'backend/tools/x/__init__.py': '',
      'backend/tools/x/y.py': '',
      'backend/tools/x.py': '',
    },
  },
];

let checked = 0;

describe('Resolver.resolve agrees with importlib.util.find_spec', () => {
  for (const fx of FIXTURES) {
    it(fx.name, () => {
      const base = build(fx.tree);
      const paths = Object.keys(fx.tree);
      const resolver = new Resolver({
        root: fx.root,
        files: fileSetOf(paths),
        localTopLevel: localTopLevelNames(paths),
        dependencies: new Set(fx.dependencies ?? []),
        paths,
      });
      const names = candidateNames(paths, [...(fx.extraNames ?? []), ...Object.keys(fx.pythonSays ?? {})]).filter((n) => !fx.skip?.(n));
      const nonEmpty = names.filter((n) => n !== '' && !n.includes('\n'));
      const py = pythonVerdicts(base, fx.root, nonEmpty);
      const mismatches: string[] = [];
      for (const n of names) {
        const want = n === '' ? 'none' : py.get(n);
        expect(want, `python answered for ${JSON.stringify(n)}`).toBeDefined();
        const got = verdictOf(resolver.resolve(n));
        if (got !== want) mismatches.push(`${n}: resolver ${got}, python ${want}`);
      }
      checked += names.length;
      expect(mismatches).toEqual([]);
      for (const [n, v] of Object.entries(fx.pythonSays ?? {})) expect(py.get(n), n).toBe(v);
      expect(names.length).toBeGreaterThan(20);
      // Some of each kind, so the comparison is not vacuous.
      const kinds = new Set([...py.values()].map((v) => v.split(' ')[0]));
      if (fx.root === '') expect([...kinds].sort()).toEqual(['extension', 'module', 'namespace', 'none', 'package']);
    });
  }
  it('checked many names', () => {
    expect(checked).toBeGreaterThan(300);
  });
});

describe('moduleName round-trips through Python', () => {
  it('every importable file gets the name Python finds it under', () => {
    const fx = FIXTURES[0];
    const base = build(fx.tree);
    const paths = Object.keys(fx.tree);
    const resolver = new Resolver({ root: '', files: fileSetOf(paths), localTopLevel: new Set(), dependencies: new Set(['fastapi']) });
    const named = paths
      .filter((p) => !fx.skip?.(p.replace(/\//g, '.')))
      .map((p) => [p, resolver.moduleName(p)] as const)
      .filter(([, m]) => m !== undefined);
    const py = pythonVerdicts(base, '', named.map(([, m]) => m!.name));
    for (const [p, m] of named) {
      expect(py.get(m!.name), p).toMatch(new RegExp(`^(module|package|extension) ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      expect(m!.isPackage).toBe(py.get(m!.name)!.startsWith('package'));
    }
    // Shadowed files have no name.
    expect(resolver.moduleName('both.py')).toBeUndefined();
    expect(resolver.moduleName('modfirst/child.py')).toBeUndefined();
    expect(resolver.moduleName('lvl/a/b.py')).toBeUndefined();
    expect(resolver.moduleName('dual.py')).toBeUndefined();
    expect(resolver.moduleName('os.py')).toBeUndefined();
    expect(resolver.moduleName('stubonly.pyi')).toBeUndefined();
    expect(resolver.moduleName('pkg/sub/__init__.py')).toEqual({ name: 'pkg.sub', isPackage: true });
    expect(named.length).toBeGreaterThan(15);
  });
});

describe('absolutize agrees with importlib.util.resolve_name', () => {
  it('for packages and modules at every depth and level', () => {
    const modules: [string, boolean][] = [
      ['main', false], ['pkg', true], ['pkg.mod', false], ['pkg.sub', true], ['pkg.sub.deep', false],
      ['a.b.c.d', false], ['a.b.c', true], ['x', true],
    ];
    const cases: [string, boolean, number, string][] = [];
    for (const [m, isPkg] of modules) {
      for (let level = 1; level <= 5; level++) for (const mod of ['', 'sibling', 'x.y']) cases.push([m, isPkg, level, mod]);
    }
    const script = `
import sys, importlib.util
for line in sys.stdin.read().split("\\n"):
    if not line:
        continue
    m, is_pkg, level, mod = line.split("\\t")
    package = m if is_pkg == "1" else m.rpartition(".")[0]
    try:
        r = importlib.util.resolve_name("." * int(level) + mod, package)
    except ImportError:
        r = "<error>"
    print(r)
`;
    const out = pythonOutput(script, '', { input: cases.map(([m, p, l, mod]) => `${m}\t${p ? 1 : 0}\t${l}\t${mod}`).join('\n') }).split('\n');
    const resolver = new Resolver({ root: '', files: fileSetOf([]), localTopLevel: new Set(), dependencies: new Set() });
    const mismatches: string[] = [];
    cases.forEach(([m, p, l, mod], i) => {
      const got = resolver.absolutize(m, p, l, mod) ?? '<error>';
      if (got !== out[i]) mismatches.push(`${m} pkg=${p} level=${l} ${mod}: ${got} vs python ${out[i]}`);
    });
    expect(mismatches).toEqual([]);
    expect(cases.length).toBe(120);
    expect(resolver.absolutize('a.b', false, 0, 'os.path')).toBe('os.path');
  });
});
