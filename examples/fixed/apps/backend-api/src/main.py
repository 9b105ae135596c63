"""Eager entry point: local development and EC2 (uvicorn main:app)."""
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse

from api.v1 import cme, documents, licenses, providers
from contexts.auth import models as auth_models  # noqa: F401
from contexts.cme import models as cme_models  # noqa: F401
from core.config import settings
from core.middleware import RequestTimingMiddleware

app = FastAPI(title="CredentialMate API")

app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.CORS_ALLOWED_ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(RequestTimingMiddleware)


@app.exception_handler(RequestValidationError)
async def validation_exception_handler(request: Request, exc: RequestValidationError):
    return JSONResponse({"detail": exc.errors()}, status_code=422)


@app.get("/health")
def health():
    return {"status": "healthy", "mode": "eager"}


app.include_router(providers.router, prefix="/api/v1")
app.include_router(licenses.router, prefix="/api/v1")
app.include_router(documents.router, prefix="/api/v1")
app.include_router(cme.router, prefix="/api/v1")
