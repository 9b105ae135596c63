// A router map of another module (`from routes_config import ROUTER_MODULES`) is read where it is
// written: the broken twin is a MOD001 at the string in routes_config.py, the fixed one is clean and
// not named in --verbose. A map that module builds at run time (a call) cannot be read: the import
// call is named in --verbose, never read as an empty, all-clear map.
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

const ROUTER = 'from fastapi import APIRouter\nrouter = APIRouter()\n';
const files = (config: string) => ({
  'api/__init__.py': '',
  'api/users.py': ROUTER,
  'api/items.py': ROUTER,
  'routes_config.py': config,
  'main.py': 'from fastapi import FastAPI\nfrom api import items, users\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(items.router)\n',
  'lazy_app.py':
    'import importlib\nfrom fastapi import FastAPI\nfrom routes_config import ROUTER_MODULES\n\napp = FastAPI()\nfor name, path in ROUTER_MODULES.items():\n    app.include_router(importlib.import_module(path).router)\n',
  'parity-check.config.json': '{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n',
});
const literal = (path: string) => `ROUTER_MODULES = {"users": "api.users", "items": "${path}"}\n`;
const UNKNOWN = 'lazy_app.py:7:24: the module paths this import call loads come from ROUTER_MODULES, which is not a container of module paths readable in the module it comes from';

describe('router map of another module', () => {
  for (const [label, path, fails] of [
    ['correct', 'api.items', false],
    ['broken (src. prefix)', 'src.api.items', true],
  ] as const) {
    it(`${label}: read in routes_config.py, where MOD001 places its finding`, () => {
      const dir = writeTree(files(literal(path)), makeRepo());
      commitAll(dir);
      const py = python('import lazy_app', dir);
      expect(py.code !== 0).toBe(fails);
      if (fails) expect(py.stderr).toContain("No module named 'src'");
      const r = runCli(['--verbose'], { cwd: dir });
      expect(r.code).toBe(fails ? 1 : 0);
      if (fails) expect(r.stdout).toContain(`routes_config.py:1:50  MOD001  error  "src.api.items" (ROUTER_MODULES["items"]) does not resolve`);
      expect(r.stderr).not.toContain('not known statically');
      expect(r.stderr).not.toContain(UNKNOWN);
    });
  }

  it('a map the other module builds at run time: no error, and --verbose names the import call', () => {
    const dir = writeTree(files('def build():\n    return {"users": "api.users", "items": "api.items"}\n\n\nROUTER_MODULES = build()\n'), makeRepo());
    commitAll(dir);
    expect(python('import lazy_app', dir).code).toBe(0);
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(UNKNOWN);
  });
});
