// The resolver with Lambda layers after the root (searchPath), against real CPython with
// PYTHONPATH=<task>:<opt/python/lib/python3.X/site-packages>:<opt/python>, which is Lambda's order.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSetOf, Resolver } from '../../src/python/resolve.js';
import { python, writeTree } from '../helpers.js';

const TASK = 'task';
const SITE = 'opt/python/lib/python3.12/site-packages';
const PY = 'opt/python';

function setup(files: Record<string, string>) {
  const dir = writeTree(files);
  const resolver = new Resolver({ root: TASK, files: fileSetOf(Object.keys(files)), localTopLevel: new Set(), dependencies: new Set(), searchPath: [SITE, PY] });
  const sysPath = [TASK, SITE, PY].map((p) => path.join(dir, p)).join(':');
  /** Where Python finds `name` (relative to the tree; `ns:<dirs>` for a namespace package; null when it is not found). */
  const truth = (name: string): string | null => {
    const r = python(
      [
        'import importlib.util, os, sys',
        'root = sys.argv[2]',
        'try:',
        '    s = importlib.util.find_spec(sys.argv[1])',
        'except ModuleNotFoundError:',
        '    s = None',
        'if s is None: print("None")',
        'elif s.origin is None: print("ns:" + ",".join(os.path.relpath(p, root) for p in s.submodule_search_locations))',
        'else: print(os.path.relpath(s.origin, root))',
      ].join('\n'),
      sysPath,
      { args: [name, dir] },
    );
    expect(r.stderr).toBe('');
    const out = r.stdout.trim();
    return out === 'None' ? null : out;
  };
  const ours = (name: string): string | null => {
    const r = resolver.resolve(name);
    if (!r) return null;
    return r.kind === 'namespace' ? `ns:${r.dir}` : r.file;
  };
  return { truth, ours, resolver };
}

describe('layers after /var/task (real Python decides)', () => {
  const files = {
    'task/app.py': '',
    'task/shadow/__init__.py': '',
    'task/nsmix/a.py': '',
    'task/nsbeaten/x.py': '',
    'opt/python/shared/__init__.py': '',
    'opt/python/shared/db.py': '',
    'opt/python/shadow/__init__.py': '',
    'opt/python/shadow/only_in_layer.py': '',
    'opt/python/nsmix/b.py': '',
    'opt/python/nsbeaten/__init__.py': '',
    'opt/python/nsbeaten/y.py': '',
    'opt/python/both.py': '',
    'opt/python/lib/python3.12/site-packages/both.py': '',
    'opt/python/lib/python3.12/site-packages/vendored/__init__.py': '',
  };
  const { truth, ours, resolver } = setup(files);

  it.each([
    ['shared.db', 'a module of the layer'],
    ['shadow', 'a regular package of /var/task wins over the layer'],
    ['shadow.only_in_layer', '... and its __path__ is /var/task only: the layer file is not found'],
    ['nsmix.a', 'namespace portions of /var/task and the layer merge'],
    ['nsmix.b', 'namespace portions of /var/task and the layer merge'],
    ['nsbeaten.y', 'a regular package in the layer beats a namespace portion in /var/task'],
    ['nsbeaten.x', '... which then is not on its __path__'],
    ['both', 'site-packages comes before /opt/python'],
    ['vendored', 'the site-packages variant'],
    ['missing', 'nowhere'],
  ])('%s: %s', (name) => {
    expect(ours(name)).toBe(truth(name));
  });

  it('names a layer file by the module Python imports it as', () => {
    expect(resolver.moduleName('opt/python/shared/db.py')).toEqual({ name: 'shared.db', isPackage: false });
    expect(resolver.moduleName('opt/python/shadow/only_in_layer.py')).toBeUndefined();
    expect(resolver.moduleName('task/app.py')).toEqual({ name: 'app', isPackage: false });
  });

  it('without layers nothing changes: the layer module is not found', () => {
    const plain = new Resolver({ root: TASK, files: fileSetOf(Object.keys(files)), localTopLevel: new Set(), dependencies: new Set() });
    expect(plain.resolve('shared.db')).toBeUndefined();
    expect(plain.resolve('nsmix.b')).toBeUndefined();
  });
});
