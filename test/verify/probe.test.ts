// The runtime probe against real Python (/usr/bin/python3 with Debian's python3-fastapi and
// python3-sqlalchemy): each case is a small package folder, imported the way Lambda imports it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProbe, type ProbeOutcome, type ProbeResult } from '../../src/verify/probe-runner.js';
import { PYTHON, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function pkg(files: Record<string, string>): string {
  const dir = writeTree(files, tempDir('pc-probe-'));
  made.push(dir);
  return dir;
}

function result(o: ProbeOutcome): ProbeResult {
  if (o.kind !== 'result') throw new Error(`probe ${o.kind}: ${o.stderr}`);
  return o.result;
}

const opts = { python: PYTHON, timeoutMs: 20_000 };

const MODELS = {
  'db.py': 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n',
  'auth/__init__.py': '',
  'auth/models.py':
    'from sqlalchemy import Column, Integer, ForeignKey\nfrom sqlalchemy.orm import relationship\n\nfrom db import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n    activities = relationship("CMEActivity", back_populates="user")\n',
  'cme/__init__.py': '',
  'cme/models.py':
    'from sqlalchemy import Column, Integer, ForeignKey\nfrom sqlalchemy.orm import relationship\n\nfrom db import Base\n\n\nclass CMEActivity(Base):\n    __tablename__ = "cme"\n    id = Column(Integer, primary_key=True)\n    user_id = Column(Integer, ForeignKey("users.id"))\n    user = relationship("User", back_populates="activities")\n',
  'cme/topics.py': 'class Topic:\n    pass\n',
};

describe('runtime probe (real Python)', () => {
  it('reports an import error with the innermost frame inside the package', async () => {
    const root = pkg({ ...MODELS, 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom cme.topics import CMEActivityTopic\n\napp = FastAPI()\n' });
    const r = result(await runProbe({ module: 'lazy_app', root }, opts));
    expect(r.import.ok).toBe(false);
    if (r.import.ok) return;
    expect(r.import.error.type).toBe('ImportError');
    expect(r.import.error.message).toContain("cannot import name 'CMEActivityTopic' from 'cme.topics'");
    expect(r.import.error.frames.at(-1)).toEqual({ file: 'lazy_app.py', line: 3, function: '<module>' });
  });

  it('lists the live middleware stack, routes, exception handlers and startup hooks of each app', async () => {
    const root = pkg({
      'main.py':
        'from fastapi import FastAPI, HTTPException\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n\n\n@app.get("/health")\ndef health():\n    return {}\n\n\n@app.on_event("startup")\ndef connect():\n    pass\n\n\n@app.exception_handler(404)\nasync def not_found(request, exc):\n    return None\n',
    });
    const r = result(await runProbe({ module: 'main', root }, opts));
    expect(r.import).toEqual({ ok: true });
    expect(r.apps).toHaveLength(1);
    const app = r.apps![0];
    expect(app.name).toBe('app');
    expect(app.middleware).toEqual([{ class: 'starlette.middleware.gzip.GZipMiddleware', args: [], kwargs: { minimum_size: '500' } }]);
    expect(app.routes.filter((x) => x.path === '/health')).toEqual([{ kind: 'APIRoute', path: '/health', methods: ['GET'], endpoint: 'main.health' }]);
    expect(app.startup).toEqual(['main.connect']);
    expect(app.exceptionHandlers).toContainEqual({ key: 404, handler: 'main.not_found' });
  });

  it("finds SQLAlchemy's failed to locate a name when the entry point never imports the model", async () => {
    const root = pkg({ ...MODELS, 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom auth import models  # noqa: F401\n\napp = FastAPI()\n' });
    const r = result(await runProbe({ module: 'lazy_app', root }, opts));
    expect(r.import).toEqual({ ok: true });
    expect(r.mappers).not.toBeNull();
    expect(r.mappers!.ok).toBe(false);
    if (r.mappers!.ok) return;
    expect(r.mappers!.error.type).toBe('sqlalchemy.exc.InvalidRequestError');
    expect(r.mappers!.error.message).toContain("failed to locate a name ('CMEActivity')");

    // Its fixed twin: the entry point imports both models.
    const fixed = pkg({ ...MODELS, 'lazy_app.py': 'from fastapi import FastAPI\n\nfrom auth import models  # noqa: F401\nfrom cme import models as cme_models  # noqa: F401\n\napp = FastAPI()\n' });
    expect(result(await runProbe({ module: 'lazy_app', root: fixed }, opts)).mappers).toEqual({ ok: true });
  });

  it('imports each module-path string and reads the attributes the loader reads', async () => {
    const root = pkg({
      'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'api/__init__.py': '',
      'api/v1/__init__.py': '',
      'api/v1/providers.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n',
      'api/v1/licenses.py': 'from fastapi import APIRouter\n\nroutes = APIRouter()\n',
      'api/v1/broken.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\nraise RuntimeError("boom at import")\n',
    });
    const r = result(
      await runProbe(
        {
          module: 'lazy_app',
          root,
          modulePaths: [
            { path: 'src.api.v1.providers', attrs: ['router'] },
            { path: 'api.v1.providers', attrs: ['router'] },
            { path: 'api.v1.licenses', attrs: ['router'] },
            { path: 'api.v1.broken', attrs: ['router'] },
          ],
        },
        opts,
      ),
    );
    const [src, ok, noAttr, broken] = r.modulePaths;
    expect(src).toMatchObject({ path: 'src.api.v1.providers', ok: false, error: { type: 'ModuleNotFoundError', message: "No module named 'src'", module: 'src' } });
    expect(ok).toEqual({ path: 'api.v1.providers', ok: true });
    expect(noAttr).toEqual({ path: 'api.v1.licenses', ok: false, missingAttrs: ['router'] });
    expect(broken).toMatchObject({ path: 'api.v1.broken', ok: false, error: { type: 'RuntimeError', message: 'boom at import' } });
    if (broken.ok) return;
    expect(broken.error!.frames.at(-1)).toEqual({ file: 'api/v1/broken.py', line: 4, function: '<module>' });
  });

  it('checks the handler the deploy names, and keeps what the app prints out of the result', async () => {
    const root = pkg({ 'handler.py': 'print("hello from import")\nprint("{not json")\n\ndef handler(event, context):\n    return {}\n\nnot_callable = 3\n' });
    const r = result(await runProbe({ module: 'handler', root, handler: 'handler' }, opts));
    expect(r.handler).toEqual({ name: 'handler', exists: true, callable: true });
    expect(result(await runProbe({ module: 'handler', root, handler: 'missing' }, opts)).handler).toEqual({ name: 'missing', exists: false, callable: false });
    expect(result(await runProbe({ module: 'handler', root, handler: 'not_callable' }, opts)).handler).toEqual({ name: 'not_callable', exists: true, callable: false });
  });

  it("runs under Lambda's path only: the caller's PYTHONPATH and the probe's own folder are not on sys.path", async () => {
    const elsewhere = pkg({ 'leaked.py': 'X = 1\n' });
    const root = pkg({ 'handler.py': 'import sys, os\nimport leaked\n' });
    const before = process.env.PYTHONPATH;
    process.env.PYTHONPATH = elsewhere;
    try {
      const r = result(await runProbe({ module: 'handler', root }, opts));
      expect(r.import).toMatchObject({ ok: false, error: { type: 'ModuleNotFoundError', message: "No module named 'leaked'" } });
    } finally {
      if (before === undefined) delete process.env.PYTHONPATH;
      else process.env.PYTHONPATH = before;
    }
    const probeSelf = result(await runProbe({ module: 'probe', root }, opts));
    expect(probeSelf.import).toMatchObject({ ok: false, error: { type: 'ModuleNotFoundError' } });
  });

  it('a syntax error points at its file and line', async () => {
    const root = pkg({ 'handler.py': 'import api\n', 'api/__init__.py': 'def f(:\n    pass\n' });
    const r = result(await runProbe({ module: 'handler', root }, opts));
    expect(r.import).toMatchObject({ ok: false, error: { type: 'SyntaxError' } });
    if (r.import.ok) return;
    expect(r.import.error.frames.at(-1)).toMatchObject({ file: 'api/__init__.py', line: 1 });
  });

  it('kills a probe that hangs, and what it started, at the timeout', async () => {
    const root = pkg({
      'handler.py': 'import os, subprocess, sys, time\nchild = subprocess.Popen(["sleep", "60"])\nopen(os.environ["PC_PID_FILE"], "w").write(str(child.pid))\ntime.sleep(60)\n',
    });
    const pidFile = path.join(root, '..', `${path.basename(root)}.pid`);
    made.push(pidFile);
    const o = await runProbe({ module: 'handler', root }, { ...opts, timeoutMs: 1500, env: { PC_PID_FILE: pidFile } });
    expect(o.kind).toBe('timeout');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    // Killed: gone, or a zombie waiting for a parent that reaps it (state Z in /proc).
    const state = (() => {
      try {
        return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      } catch {
        return 'gone';
      }
    })();
    expect(['gone', 'Z', 'X']).toContain(state);
  });

  it('a probe that dies without a result is a crash, with its exit code', async () => {
    const root = pkg({ 'handler.py': 'import os\nos._exit(3)\n' });
    const o = await runProbe({ module: 'handler', root }, opts);
    expect(o).toMatchObject({ kind: 'crashed', code: 3 });
  });

  it('writes nothing into the package folder', async () => {
    const root = pkg({ ...MODELS, 'lazy_app.py': 'from auth import models\nfrom cme import models as m2\n' });
    const list = () => fs.readdirSync(root, { recursive: true }).map(String).sort();
    const before = list();
    result(await runProbe({ module: 'lazy_app', root, modulePaths: [{ path: 'cme.topics', attrs: [] }] }, opts));
    expect(list()).toEqual(before);
  });
});
