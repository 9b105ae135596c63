// Generates a realistic FastAPI monorepo: many apps, each with main.py (eager), lazy_app.py
// (routers from module-path strings, loaded with importlib) and handler.py (Mangum), routers,
// namespace packages (folders without __init__.py), SQLAlchemy models with relationship("X"),
// a parity-check.config.json listing the apps and a pyrightconfig.json with one execution
// environment per app root. Committed in a new git repository. The first app (svc0, where the
// bench stages its change) has 300 Python files, the size the commit-hook target names; the others
// have 101.
//   node bench/generate.mjs DIR FILES
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Routers and model contexts of an app: 3 entry points + 2 __init__.py + routers + 3 files per
// context + core (4) + shared (3) + a namespace package (5) Python files.
const BIG = { routers: 235, contexts: 16 }; // 300 files
const SMALL = { routers: 60, contexts: 8 }; // 101 files
const filesOf = (shape) => 17 + shape.routers + 3 * shape.contexts;

function routerFile(i, contexts) {
  return `"""Router ${i}."""
from fastapi import APIRouter, Depends, HTTPException

from core.config import settings
from contexts.ctx${i % contexts}.models import Model${i % contexts}A

router = APIRouter(prefix="/r${i}", tags=["r${i}"])


def _dep():
    return settings.NAME


@router.get("/")
def list_items(name: str = Depends(_dep)):
    return {"router": ${i}, "name": name, "model": Model${i % contexts}A.__tablename__}


@router.get("/{item_id}")
def get_item(item_id: int):
    if item_id < 0:
        raise HTTPException(status_code=404)
    return {"id": item_id}
`;
}

function modelsFile(c) {
  return `"""Models of context ${c}."""
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from shared.base import Base


class Model${c}A(Base):
    __tablename__ = "model_${c}_a"
    id = Column(Integer, primary_key=True)
    name = Column(String(100))
    children = relationship("Model${c}B", back_populates="parent")


class Model${c}B(Base):
    __tablename__ = "model_${c}_b"
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("model_${c}_a.id"))
    parent = relationship("Model${c}A", back_populates="children")
`;
}

function app(routers) {
  const imports = routers.map((r) => `from api.v1 import r${r}`).join('\n');
  const includes = routers.map((r) => `app.include_router(r${r}.router, prefix="/api/v1")`).join('\n');
  const map = routers.map((r) => `    "r${r}": "api.v1.r${r}",`).join('\n');
  const main = `"""Eager entry point."""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

${imports}
from core.config import settings
from core.middleware import TimingMiddleware

app = FastAPI(title="svc")
app.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS, allow_methods=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TimingMiddleware)


@app.get("/health")
def health():
    return {"ok": True}


${includes}
`;
  const lazy = `"""Lambda entry point: routers load on first request."""
import importlib

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from core.config import settings
from core.middleware import TimingMiddleware

app = FastAPI(title="svc (lazy)")
app.add_middleware(CORSMiddleware, allow_origins=settings.ORIGINS, allow_methods=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TimingMiddleware)

_ROUTER_MAP = {
${map}
}
_loaded = set()


def _load(name):
    module = importlib.import_module(_ROUTER_MAP[name])
    return getattr(module, "router")


@app.middleware("http")
async def lazy_router_loader(request: Request, call_next):
    parts = request.url.path.split("/")
    name = parts[3] if len(parts) > 3 else ""
    if name in _ROUTER_MAP and name not in _loaded:
        app.include_router(_load(name), prefix="/api/v1")
        _loaded.add(name)
    return await call_next(request)


@app.get("/health")
def health():
    return {"ok": True}
`;
  return { main, lazy };
}

/** The generated repository as posix path → text, written by nothing (the golden facts test reads it). */
export function generateFiles(files) {
  const apps = 1 + Math.max(0, Math.round((files - filesOf(BIG)) / filesOf(SMALL)));
  const out = {};
  const put = (rel, text) => (out[rel] = text);
  const configApps = [];
  const envs = [];
  for (let a = 0; a < apps; a++) {
    const root = `services/svc${a}/src`;
    const shape = a === 0 ? BIG : SMALL;
    const routers = Array.from({ length: shape.routers }, (_, i) => i);
    const { main, lazy } = app(routers);
    put(`${root}/main.py`, main);
    put(`${root}/lazy_app.py`, lazy);
    put(`${root}/handler.py`, 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app, lifespan="off")\n');
    put(`${root}/api/__init__.py`, '');
    put(`${root}/api/v1/__init__.py`, '');
    for (const r of routers) put(`${root}/api/v1/r${r}.py`, routerFile(r, shape.contexts));
    for (let c = 0; c < shape.contexts; c++) {
      put(`${root}/contexts/ctx${c}/__init__.py`, '');
      put(`${root}/contexts/ctx${c}/models.py`, modelsFile(c));
      put(`${root}/contexts/ctx${c}/service.py`, `from contexts.ctx${c}.models import Model${c}A\n\n\ndef count(session):\n    return session.query(Model${c}A).count()\n`);
    }
    put(`${root}/core/__init__.py`, '');
    put(`${root}/core/config.py`, 'class Settings:\n    NAME = "svc"\n    ORIGINS = ["*"]\n\n\nsettings = Settings()\n');
    put(`${root}/core/middleware.py`, 'from starlette.middleware.base import BaseHTTPMiddleware\n\n\nclass TimingMiddleware(BaseHTTPMiddleware):\n    async def dispatch(self, request, call_next):\n        return await call_next(request)\n');
    put(`${root}/core/logging.py`, 'import logging\n\nlog = logging.getLogger("svc")\n');
    put(`${root}/shared/__init__.py`, '');
    put(`${root}/shared/base.py`, 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n');
    put(`${root}/shared/util.py`, 'def ident(x):\n    return x\n');
    // a namespace package: no __init__.py
    for (let k = 0; k < 5; k++) put(`${root}/plugins/p${k}.py`, `NAME = "p${k}"\n`);
    put(`services/svc${a}/requirements.txt`, 'fastapi\nmangum\nsqlalchemy\nstarlette\n');
    configApps.push({
      name: `svc${a}`,
      root,
      entrypoints: ['main.py', 'lazy_app.py', 'handler.py'],
      allow: [{ rule: 'PAR001', name: 'lazy_router_loader', only: 'lazy_app.py', reason: 'Loads routers lazily.' }],
    });
    envs.push({ root });
  }
  put('parity-check.config.json', `${JSON.stringify({ apps: configApps }, null, 2)}\n`);
  put('pyrightconfig.json', `${JSON.stringify({ executionEnvironments: envs, typeCheckingMode: 'basic', reportMissingImports: 'warning' }, null, 2)}\n`);
  return { apps, out };
}

export function generate(dir, files) {
  const { apps, out } = generateFiles(files);
  const past = new Date(Date.now() - 3600_000);
  for (const [rel, text] of Object.entries(out)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  const g = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
  g('init', '-q', '-b', 'main');
  g('config', 'core.hooksPath', '/dev/null');
  g('add', '-A');
  g('commit', '-q', '-m', 'generated');
  // Files as old as in a real checkout (work-tree ids of files changed in the last seconds are not cached).
  for (const rel of Object.keys(out)) fs.utimesSync(path.join(dir, rel), past, past);
  return { apps, files: Object.keys(out).filter((f) => f.endsWith('.py')).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, files] = process.argv.slice(2);
  console.log(generate(path.resolve(dir), Number(files)));
}
