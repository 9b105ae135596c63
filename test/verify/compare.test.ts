// The live apps compared, on what real Python built: the incident's GZip gap and a router left out
// of the lazy map, against the fixed twin with nothing to report.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compareLiveApps } from '../../src/verify/compare.js';
import { runProbe, type ProbeResult } from '../../src/verify/probe-runner.js';
import { PYTHON, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const ROUTERS = {
  'api/__init__.py': '',
  'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/")\ndef list_users():\n    return []\n',
  'api/items.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/")\ndef list_items():\n    return []\n\n\n@router.post("/")\ndef add_item():\n    return {}\n',
  'errors.py': 'async def not_found(request, exc):\n    return None\n',
  'main.py':
    'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\nfrom api import items, users\nfrom errors import not_found\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\napp.add_exception_handler(404, not_found)\napp.include_router(users.router, prefix="/users")\napp.include_router(items.router, prefix="/items")\n',
};

const lazy = (middleware: string, map: string) =>
  `import importlib\n\nfrom fastapi import FastAPI, Request\nfrom fastapi.middleware.gzip import GZipMiddleware\n\nfrom errors import not_found\n\napp = FastAPI()\n${middleware}app.add_exception_handler(404, not_found)\n_ROUTER_MAP = ${map}\n_loaded = set()\n\n\n@app.middleware("http")\nasync def lazy_router_loader(request: Request, call_next):\n    for name, path in _ROUTER_MAP.items():\n        if name not in _loaded:\n            app.include_router(importlib.import_module(path).router, prefix="/" + name)\n            _loaded.add(name)\n    return await call_next(request)\n`;

async function probeBoth(lazyApp: string, map: string[]) {
  const root = writeTree({ ...ROUTERS, 'lazy_app.py': lazyApp }, tempDir('pc-live-'));
  made.push(root);
  const get = async (module: string, modulePaths: { path: string; attrs: string[] }[] = []) => {
    const o = await runProbe({ module, root, modulePaths }, { python: PYTHON, timeoutMs: 20_000 });
    if (o.kind !== 'result') throw new Error(o.stderr);
    return o.result as ProbeResult;
  };
  const eager = await get('main');
  const lam = await get('lazy_app', map.map((path) => ({ path, attrs: ['router'] })));
  const lazyRoutes = lam.modulePaths.flatMap((m) => m.routes ?? []);
  return compareLiveApps(eager.apps![0], lam.apps![0], { lazyRoutes, loaders: ['lazy_app.lazy_router_loader'] });
}

describe('live apps compared (real Python)', () => {
  it('finds the middleware the Lambda app lacks and the router its map leaves out', async () => {
    const diffs = await probeBoth(lazy('', '{"items": "api.items"}'), ['api.items']);
    expect(diffs.map((d) => `${d.kind} ${d.side} ${d.subject}`).sort()).toEqual([
      'middleware eager-only starlette.middleware.gzip.GZipMiddleware',
      'route eager-only GET api.users.list_users',
    ]);
  });

  it('the fixed twin: same stack, every router in the map, the loader itself not compared', async () => {
    const diffs = await probeBoth(lazy('app.add_middleware(GZipMiddleware, minimum_size=500)\n', '{"users": "api.users", "items": "api.items"}'), ['api.users', 'api.items']);
    expect(diffs).toEqual([]);
  });

  it('the same class with other arguments, and another exception handler, differ', async () => {
    const other = lazy('app.add_middleware(GZipMiddleware, minimum_size=1000)\n', '{"users": "api.users", "items": "api.items"}').replace('app.add_exception_handler(404, not_found)\n', '');
    const diffs = await probeBoth(other, ['api.users', 'api.items']);
    expect(diffs.map((d) => `${d.kind} ${d.side} ${d.subject}`).sort()).toEqual([
      'exception-handler eager-only 404',
      'middleware differs starlette.middleware.gzip.GZipMiddleware',
    ]);
    expect(diffs.find((d) => d.kind === 'middleware')!.detail).toBe(
      'eager starlette.middleware.gzip.GZipMiddleware(minimum_size=500), Lambda starlette.middleware.gzip.GZipMiddleware(minimum_size=1000)',
    );
  });
});
