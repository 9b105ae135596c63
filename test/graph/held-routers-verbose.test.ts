// A loop over a router list the check cannot read (built by a call at run time) leaves what the
// app serves unknown: PAR003 then says nothing is missing from it, and --verbose names the
// include_router call instead of reading as all clear. The twin: a list it can read, with one router
// lost, is PAR003. Both proved with the routes Python builds.
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

const ROUTER = (p: string) => `from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/${p}")\ndef get():\n    return []\n`;
const files = (lazyList: string) => ({
  'api/__init__.py': '',
  'api/users.py': ROUTER('users'),
  'api/items.py': ROUTER('items'),
  'main.py': 'from fastapi import FastAPI\n\nfrom api import items, users\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(items.router)\n',
  'lazy_app.py': `from fastapi import FastAPI\n\nfrom api import items, users\n\napp = FastAPI()\n${lazyList}\nfor r in ROUTERS:\n    app.include_router(r)\n`,
  'parity-check.config.json': '{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n',
});
const SAME = 'import main, lazy_app\np = lambda a: sorted(r.path for r in a.routes)\nassert p(main.app) == p(lazy_app.app), "routes differ"';

describe('router list held in a variable', () => {
  it("a list built by a call: no finding (two false PAR003 errors before: the loop variable was read as the module's own router), and --verbose names the loop", () => {
    const dir = writeTree(files('ROUTERS = list(filter(None, [users.router, items.router]))'), makeRepo());
    commitAll(dir);
    expect(python(SAME, dir).code).toBe(0);
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("app: lazy_app.py's routers are not all known (include_router(each of ROUTERS) at lazy_app.py:8): no router is said to be missing from it (PAR003)");
  });
  it('a list it reads, one router lost: PAR003 at main.py', () => {
    const dir = writeTree(files('ROUTERS = [users.router]'), makeRepo());
    commitAll(dir);
    expect(python(SAME, dir).stderr).toContain('routes differ');
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('main.py:7:1  PAR003  error  router api.items is registered in main.py:7');
  });
});
