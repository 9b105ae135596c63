"""Lambda entry point (handler.py): routers are imported on their first request."""
import importlib
from typing import Dict

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from contexts.auth import models as auth_models  # noqa: F401
from contexts.cme.models import CMEActivity, CMETopic  # noqa: F401
from contexts.cme.topics import CMETopicCatalogue
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
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(RequestTimingMiddleware)

_ROUTER_MAP: Dict[str, str] = {
    "providers": "api.v1.providers",
    "licenses": "api.v1.licenses",
    "documents": "api.v1.documents",
    "cme-activities": "api.v1.cme",
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
    return {"status": "healthy", "mode": "lazy", "topics": len(CMETopicCatalogue)}
