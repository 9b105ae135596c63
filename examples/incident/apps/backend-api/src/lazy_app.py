"""Lambda entry point (handler.py): routers are imported on their first request."""
import importlib
from typing import Dict

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from contexts.auth import models as auth_models  # noqa: F401
from contexts.cme.topics import CMEActivityTopic
from core.config import settings
from core.middleware import RequestTimingMiddleware

app = FastAPI(title="CredentialMate API (lazy)")

app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.CORS_ALLOWED_ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_middleware(RequestTimingMiddleware)

_ROUTER_MAP: Dict[str, str] = {
    "providers": "src.api.v1.providers",
    "licenses": "src.api.v1.licenses",
    "documents": "src.api.v1.documents",
    "cme-activities": "src.api.v1.cme",
}
_loaded: set = set()


def _load_module(name: str):
    module_path = _ROUTER_MAP[name]
    module = importlib.import_module(module_path)
    return getattr(module, "router")


@app.middleware("http")
async def lazy_router_loader(request: Request, call_next):
    parts = request.url.path.split("/")
    name = parts[3] if len(parts) > 3 else ""
    if name in _ROUTER_MAP and name not in _loaded:
        app.include_router(_load_module(name), prefix="/api/v1")
        _loaded.add(name)
    return await call_next(request)


@app.exception_handler(RequestValidationError)
async def validation_exception_handler(request: Request, exc: RequestValidationError):
    return JSONResponse({"detail": exc.errors()}, status_code=422)


@app.get("/health")
def health():
    return {"status": "healthy", "mode": "lazy", "topics": len(CMEActivityTopic)}
