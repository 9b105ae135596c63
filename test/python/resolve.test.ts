import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resolver, fileSetOf, isStdlib, localTopLevelNames } from '../../src/python/resolve.js';
import { pythonOutput, writeTree } from '../helpers.js';

function resolverFor(paths: string[], root: string, deps: string[] = [], withPaths = true): Resolver {
  return new Resolver({
    root,
    files: fileSetOf(paths),
    localTopLevel: localTopLevelNames(paths),
    dependencies: new Set(deps),
    paths: withPaths ? paths : undefined,
  });
}

/** Does real Python find `name` under `root` of a tree made of `paths`? */
function pythonFinds(paths: string[], root: string, name: string): boolean {
  const base = writeTree(Object.fromEntries(paths.map((p) => [p, ''])));
  const out = pythonOutput(
    'import sys,importlib.util as u\ntry:\n  s=u.find_spec(sys.argv[1])\nexcept ImportError:\n  s=None\nprint(bool(s and (s.origin or "").startswith(sys.argv[2])))',
    join(base, root),
    { args: [name, join(base, root) + '/'], env: { PATH: '/usr/bin:/bin' } },
  );
  return out.trim() === 'True';
}

describe('the incident layout', () => {
  const root = 'infra/lambda/functions/backend/src';
  const paths = ['lazy_app.py', 'api/__init__.py', 'api/v1/__init__.py', 'api/v1/providers.py'].map((p) => `${root}/${p}`);
  const r = resolverFor(paths, root);

  it('src.api.v1.providers is unresolved-local, suggesting api.v1.providers', () => {
    expect(r.resolve('src.api.v1.providers')).toBeUndefined();
    expect(r.classify('src.api.v1.providers')).toBe('unresolved-local');
    expect(r.suggest('src.api.v1.providers')).toBe('api.v1.providers');
    expect(r.suggest('backend.src.api.v1.providers')).toBe('api.v1.providers');
    expect(r.suggest('src.api.v1')).toBe('api.v1');
    expect(pythonFinds(paths, root, 'api.v1.providers')).toBe(true);
    expect(pythonFinds(paths, root, 'src.api.v1.providers')).toBe(false);
  });

  it('api.v1.providers resolves; fastapi.middleware is external; json is stdlib', () => {
    expect(r.resolve('api.v1.providers')).toEqual({ kind: 'module', file: `${root}/api/v1/providers.py` });
    expect(r.classify('api.v1.providers')).toBe('local');
    expect(r.suggest('api.v1.providers')).toBeUndefined();
    expect(r.classify('fastapi.middleware')).toBe('external');
    expect(r.classify('json')).toBe('stdlib');
    expect(r.classify('lazy_app')).toBe('local');
    expect(r.classify('api.v1.nope')).toBe('unresolved-local');
  });

  it('declared dependencies and stdlib names get no suggestion', () => {
    const withDeps = resolverFor([...paths, `${root}/middleware.py`], root, ['fastapi']);
    expect(withDeps.classify('fastapi.middleware')).toBe('dependency');
    expect(withDeps.suggest('fastapi.middleware')).toBeUndefined();
    expect(withDeps.suggest('email.middleware')).toBeUndefined();
    expect(withDeps.suggest('src.middleware')).toBe('middleware');
  });

  it('moduleName maps files under the root only', () => {
    expect(r.moduleName(`${root}/api/v1/__init__.py`)).toEqual({ name: 'api.v1', isPackage: true });
    expect(r.moduleName(`${root}/lazy_app.py`)).toEqual({ name: 'lazy_app', isPackage: false });
    expect(r.moduleName('infra/lambda/functions/backend/other.py')).toBeUndefined();
    expect(r.moduleName(`${root}/api/v1/notes.txt`)).toBeUndefined();
  });
});

describe('suggest: re-rooting below the root, and ambiguity', () => {
  it('adds the missing folder when the root is one level too high', () => {
    const paths = ['backend/src/api/__init__.py', 'backend/src/api/users.py', 'backend/handler.py'];
    const r = resolverFor(paths, 'backend');
    expect(r.suggest('api.users')).toBe('src.api.users');
    expect(pythonFinds(paths, 'backend', 'src.api.users')).toBe(true);
    // Without the file list, only dropping leading segments is possible.
    expect(resolverFor(paths, 'backend', [], false).suggest('api.users')).toBeUndefined();
  });

  it('gives nothing when two folders tie', () => {
    const paths = ['app/a/api/users.py', 'app/b/api/users.py'];
    const r = resolverFor(paths, 'app');
    expect(r.suggest('api.users')).toBeUndefined();
    expect(r.suggest('x.a.api.users')).toBe('a.api.users');
  });

  it('prefers the longest suffix', () => {
    const paths = ['r/v1/providers.py', 'r/providers.py', 'r/api/v1/providers.py'];
    const r = resolverFor(paths, 'r', [], false);
    expect(r.suggest('src.api.v1.providers')).toBe('api.v1.providers');
    expect(r.suggest('src.v1.providers')).toBe('v1.providers');
    expect(r.suggest('nothing.here')).toBeUndefined();
    expect(r.suggest('my-app.providers')).toBe('providers');
  });
});

describe('classify', () => {
  const paths = ['svc/app/main.py', 'svc/app/models/__init__.py', 'templates/email/welcome.html', 'libs/common/common/__init__.py'];
  const r = resolverFor(paths, 'svc/app', ['common', 'fastapi']);
  it('orders local, stdlib, dependency, unresolved-local, external', () => {
    expect(r.classify('models')).toBe('local');
    expect(r.classify('app.models')).toBe('unresolved-local');
    expect(r.classify('svc.app.models')).toBe('unresolved-local');
    expect(r.classify('email.mime.text')).toBe('stdlib'); // a repo folder named email does not matter
    expect(r.classify('common.x')).toBe('dependency'); // nor a vendored copy of a declared dependency
    expect(r.classify('fastapi')).toBe('dependency');
    expect(r.classify('boto3')).toBe('external');
  });
});

describe('isStdlib and localTopLevelNames', () => {
  it('knows the standard library', () => {
    for (const n of ['json', 'os', 'sys', 'asyncio', 'tomllib', 'importlib', '__future__', 'distutils', 'email.mime']) expect(isStdlib(n), n).toBe(true);
    for (const n of ['fastapi', 'src', 'api', 'yaml', 'requests']) expect(isStdlib(n), n).toBe(false);
  });
  it('collects folder and module names, skipping caches and hidden folders', () => {
    const names = localTopLevelNames([
      'infra/lambda/functions/backend/src/api/v1/providers.py',
      'tools/gen.py',
      'x/__init__.py',
      'node_modules/left-pad/index.js',
      '.venv/lib/python3.11/site-packages/requests/__init__.py',
      'pkg/__pycache__/m.cpython-311.pyc',
      'fast.abi3.so',
      'README.md',
    ]);
    expect([...names].sort()).toEqual(['api', 'backend', 'fast', 'functions', 'gen', 'infra', 'lambda', 'pkg', 'providers', 'src', 'tools', 'v1', 'x'].sort());
  });
  it('looks at each folder once: every file of a skipped folder is skipped, its siblings are not', () => {
    const names = localTopLevelNames(['a/.hidden/b.py', 'a/.hidden/c.py', 'a/d.py', 'a/.hidden/e.py', 'win\\dows\\f.py', './g.py']);
    expect([...names].sort()).toEqual(['a', 'd', 'dows', 'f', 'g', 'win']);
    // Sorted, folder by folder (how snapshots list files): runs of one folder, kept or skipped.
    const sorted = localTopLevelNames(['p/q.py', 'p/r.py', 'p/node_modules/s.py', 'p/node_modules/t.py', 'p/z.py', 'x.py', 'y.py']);
    expect([...sorted].sort()).toEqual(['p', 'q', 'r', 'x', 'y', 'z']);
  });
});

describe('fileSetOf', () => {
  it('holds the files and every folder above them, however they are listed', () => {
    const set = fileSetOf(['./app/api/v1/users.py', 'app\\api\\v2\\x.py', 'app/api/v1/orders.py', 'top.py', 'apps/z/']);
    expect(['app/api/v1/users.py', 'app/api/v2/x.py', 'app/api/v1/orders.py', 'top.py', 'apps/z'].map((p) => set.has(p))).toEqual([true, true, true, true, true]);
    expect(['', '.', 'app', 'app/api', 'app/api/v1', './app/api/v2/', 'apps'].map((p) => set.hasDir(p))).toEqual([true, true, true, true, true, true, true]);
    // A folder is a whole segment: `app/api` is no folder `app/ap`; a file is no folder.
    expect(['app/ap', 'top.py', 'app/api/v1/users.py', 'apps/z', 'v1'].map((p) => set.hasDir(p))).toEqual([false, false, false, false, false]);
  });
});
