// A router map the value reader cannot follow (here: imported from a shared module) is named in
// --verbose, never read as an empty, all-clear map. The broken twin is a miss today (the map's
// module is not followed across files): the line is what says the check could not look.
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

const ROUTER = 'from fastapi import APIRouter\nrouter = APIRouter()\n';
const files = (path: string) => ({
  'api/__init__.py': '',
  'api/users.py': ROUTER,
  'api/items.py': ROUTER,
  'routes_config.py': `ROUTER_MODULES = {"users": "api.users", "items": "${path}"}\n`,
  'main.py': 'from fastapi import FastAPI\nfrom api import items, users\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(items.router)\n',
  'lazy_app.py':
    'import importlib\nfrom fastapi import FastAPI\nfrom routes_config import ROUTER_MODULES\n\napp = FastAPI()\nfor name, path in ROUTER_MODULES.items():\n    app.include_router(importlib.import_module(path).router)\n',
  'parity-check.config.json': '{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n',
});

describe('router map of another module', () => {
  for (const [label, path, fails] of [
    ['correct', 'api.items', false],
    ['broken (src. prefix)', 'src.api.items', true],
  ] as const) {
    it(`${label}: no error, and --verbose names the import call whose paths are not known`, () => {
      const dir = writeTree(files(path), makeRepo());
      commitAll(dir);
      const py = python('import lazy_app', dir);
      expect(py.code !== 0).toBe(fails);
      if (fails) expect(py.stderr).toContain("No module named 'src'");
      const r = runCli(['--verbose'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('lazy_app.py:7:24: the module paths this import call loads are not known statically');
    });
  }
});
