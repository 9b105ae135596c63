// verify --invoke: after the import, one GET request per lazily loaded router, driven as an ASGI
// call from the probe (no network, no Mangum). Each case a broken app and its fixed twin, the
// verdict proved with Starlette's own TestClient on /usr/bin/python3 (Debian's FastAPI).
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/verify/command.js';
import { PYTHON, python, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const USERS_OK = 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/users")\nUSERS = []\n\n\n@router.get("")\ndef list_users():\n    return USERS\n';
const USERS_RAISES = 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("")\ndef list_users():\n    return USERS\n';
const ITEMS = 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/items")\n\n\n@router.get("/{item_id}")\ndef get_item(item_id: int):\n    return {"id": item_id}\n';

// The loader includes every router of the map on the first request, under /api (as the eager app does).
const LAZY =
  'import importlib\n\nfrom fastapi import FastAPI, Request\n\napp = FastAPI()\n_ROUTERS = {"users": "api.users", "items": "api.items"}\n_loaded = set()\n\n\n@app.middleware("http")\nasync def lazy_router_loader(request: Request, call_next):\n    for name, path in _ROUTERS.items():\n        if name not in _loaded:\n            app.include_router(importlib.import_module(path).router, prefix="/api")\n            _loaded.add(name)\n    return await call_next(request)\n';

function app(users: string, extra: Record<string, string> = {}): string {
  const dir = writeTree(
    {
      'api/__init__.py': '',
      'api/users.py': users,
      'api/items.py': ITEMS,
      'main.py': 'from fastapi import FastAPI\n\nfrom api import items, users\n\napp = FastAPI()\napp.include_router(users.router, prefix="/api")\napp.include_router(items.router, prefix="/api")\n',
      'lazy_app.py': LAZY,
      // Mangum is not in Debian: a minimal stand-in with its constructor's shape (the probe itself never needs it).
      'mangum.py': 'class Mangum:\n    def __init__(self, app, lifespan="auto"):\n        self.app = app\n\n    def __call__(self, event, context):\n        return {}\n',
      'handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n',
      'parity-check.config.json': JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] }),
      ...extra,
    },
    tempDir('pc-verify-invoke-'),
  );
  made.push(dir);
  return dir;
}

/** The status Starlette's TestClient gets from the Lambda app (the loader runs on that request). */
const status = (dir: string, path: string) =>
  python(`from starlette.testclient import TestClient\nfrom lazy_app import app\nprint(TestClient(app, raise_server_exceptions=False).get(${JSON.stringify(path)}).status_code)`, dir).stdout.trim();

const verify = async (dir: string, invoke = true) => {
  const r = await runVerify({ base: dir, python: PYTHON, timeoutMs: 20_000, invoke });
  return { findings: r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`), related: r.findings.map((f) => f.related), notes: r.notes, r };
};

describe('verify --invoke (real Python)', () => {
  it('a router whose GET route raises: VER007 at the route, the raise as related; the fixed twin passes', async () => {
    const broken = app(USERS_RAISES);
    const fixed = app(USERS_OK);
    expect(status(broken, '/api/users')).toBe('500');
    expect(status(fixed, '/api/users')).toBe('200');
    expect(status(fixed, '/api/items/1')).toBe('200');

    const b = await verify(broken);
    expect(b.findings).toEqual([
      "VER007 api/users.py:6 GET /api/users (api.users.list_users) raises NameError: name 'USERS' is not defined (the client gets 500) on the Lambda app, once api.users is loaded (app root .)",
    ]);
    expect(b.related[0]).toEqual([{ file: 'api/users.py', line: 8, column: 1, endLine: 8, endColumn: 1 }]);
    // Runtime only: the import works, so the static check has nothing to say.
    expect(b.r.runtimeOnly.map((f) => f.ruleId)).toEqual(['VER007']);
    expect((await verify(fixed)).findings).toEqual([]);
    // Without --invoke the broken app imports, and nothing is sent.
    expect((await verify(broken, false)).findings).toEqual([]);
  });

  it('a route that answers 500 itself (no exception) is reported; the same route answering 404 is not', async () => {
    const route = (code: number) =>
      `from fastapi import APIRouter\nfrom fastapi.responses import JSONResponse\n\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("")\ndef list_users():\n    return JSONResponse({"detail": "no table"}, status_code=${code})\n`;
    const broken = app(route(500));
    const fine = app(route(404));
    expect(status(broken, '/api/users')).toBe('500');
    expect(status(fine, '/api/users')).toBe('404');
    expect((await verify(broken)).findings).toEqual(['VER007 api/users.py:7 GET /api/users (api.users.list_users) answers 500 on the Lambda app, once api.users is loaded (app root .)']);
    expect((await verify(fine)).findings).toEqual([]);
  });

  it('path parameters are filled with 1: a route that fails for it is found, its twin passes', async () => {
    const items = (body: string) => `from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/items")\n\n\n@router.get("/{item_id}")\ndef get_item(item_id: int):\n    ${body}\n`;
    const broken = app(USERS_OK, { 'api/items.py': items('return {"id": item_id, "name": NAMES[item_id]}') });
    const fixed = app(USERS_OK, { 'api/items.py': items('return {"id": item_id}') });
    expect(status(broken, '/api/items/1')).toBe('500');
    expect((await verify(broken)).findings).toEqual([
      "VER007 api/items.py:6 GET /api/items/1 (api.items.get_item) raises NameError: name 'NAMES' is not defined (the client gets 500) on the Lambda app, once api.items is loaded (app root .)",
    ]);
    expect((await verify(fixed)).findings).toEqual([]);
  });

  it('a router the Lambda app does not serve where it is looked for, or without a GET route, is named in a note, never a silent pass', async () => {
    // The eager app does not include items (so no eager path), and the loader serves it under /v2 only.
    const dir = app(USERS_OK, {
      'main.py': 'from fastapi import FastAPI\n\nfrom api import users\n\napp = FastAPI()\napp.include_router(users.router, prefix="/api")\n',
      'lazy_app.py': LAZY.replace('_ROUTERS = {"users": "api.users", "items": "api.items"}', '_ROUTERS = {"users": "api.users"}\n_V2 = {"items": "api.items"}').replace(
        '    return await call_next(request)\n',
        '    if request.url.path.startswith("/v2/"):\n        for name, path in _V2.items():\n            if name not in _loaded:\n                app.include_router(importlib.import_module(path).router, prefix="/v2")\n                _loaded.add(name)\n    return await call_next(request)\n',
      ),
      'api/posts.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.post("/posts")\ndef add_post():\n    return {}\n',
    });
    fs.appendFileSync(`${dir}/lazy_app.py`, '_OTHER = {"posts": "api.posts"}\n\n\ndef load_posts():\n    app.include_router(importlib.import_module(_OTHER["posts"]).router)\n');
    const r = await verify(dir);
    expect(r.findings.filter((f) => f.startsWith('VER007'))).toEqual([]);
    expect(r.notes).toContainEqual('--invoke: api.items not requested (app root .): the Lambda app did not serve api.items.get_item after a request to its eager path or its own path');
    expect(r.notes).toContainEqual('--invoke: api.posts not requested (app root .): it has no GET route');
  });
});
