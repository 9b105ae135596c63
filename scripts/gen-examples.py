#!/usr/bin/env python3
"""Writes examples/incident and examples/fixed: one FastAPI service deployed two ways.

The twins differ only where the incidents are (RIS-2026-02-04 router map, RIS-050 middleware,
missing name and missing model import). Run it again after editing; the files are committed.
"""
import json
import os
import shutil
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "examples")

COMMON = {
    "requirements.txt": """\
        fastapi==0.110.0
        mangum==0.17.0
        SQLAlchemy==1.4.46
        """,
    "core/__init__.py": "",
    "core/config.py": """\
        import os


        class Settings:
            CORS_ALLOWED_ORIGINS = os.environ.get("CORS_ALLOWED_ORIGINS", "http://localhost:3000").split(",")
            DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")


        settings = Settings()
        """,
    "core/middleware.py": """\
        import time

        from starlette.middleware.base import BaseHTTPMiddleware


        class RequestTimingMiddleware(BaseHTTPMiddleware):
            async def dispatch(self, request, call_next):
                started = time.perf_counter()
                response = await call_next(request)
                response.headers["X-Response-Time"] = f"{time.perf_counter() - started:.4f}"
                return response
        """,
    "shared/__init__.py": "",
    "shared/domain/__init__.py": "",
    "shared/domain/base.py": """\
        from sqlalchemy.orm import declarative_base

        Base = declarative_base()
        """,
    "contexts/__init__.py": "",
    "contexts/auth/__init__.py": "",
    "contexts/auth/models.py": """\
        from sqlalchemy import Column, Integer, String
        from sqlalchemy.orm import relationship

        from shared.domain.base import Base


        class User(Base):
            __tablename__ = "users"

            id = Column(Integer, primary_key=True)
            email = Column(String, unique=True, nullable=False)
            cme_activities = relationship("CMEActivity", back_populates="user")
        """,
    "contexts/cme/__init__.py": "",
    "contexts/cme/models.py": """\
        from sqlalchemy import Column, ForeignKey, Integer, String
        from sqlalchemy.orm import relationship

        from shared.domain.base import Base


        class CMETopic(Base):
            __tablename__ = "cme_topics"

            id = Column(Integer, primary_key=True)
            name = Column(String, nullable=False)


        class CMEActivity(Base):
            __tablename__ = "cme_activities"

            id = Column(Integer, primary_key=True)
            user_id = Column(Integer, ForeignKey("users.id"))
            topic_id = Column(Integer, ForeignKey("cme_topics.id"))
            credits = Column(Integer, default=0)
            user = relationship("User", back_populates="cme_activities")
            topic = relationship("CMETopic")
        """,
    "contexts/cme/topics.py": """\
        \"\"\"Topic catalogue shared by the API and the nightly import.\"\"\"

        CMETopicCatalogue = ("ethics", "pain-management", "infection-control")


        def topic_names():
            return list(CMETopicCatalogue)
        """,
    "api/__init__.py": "",
    "api/v1/__init__.py": "",
    "handler.py": """\
        \"\"\"AWS Lambda handler: Lambda runs lazy_app, never main.py.\"\"\"
        from mangum import Mangum

        from lazy_app import app

        handler = Mangum(app, lifespan="auto")
        """,
}

ROUTERS = {
    "providers": ("/providers", "list_providers"),
    "licenses": ("/licenses", "list_licenses"),
    "documents": ("/documents", "list_documents"),
    "cme": ("/cme-activities", "list_cme_activities"),
}
for name, (prefix, fn) in ROUTERS.items():
    COMMON[f"api/v1/{name}.py"] = f"""\
        from fastapi import APIRouter

        router = APIRouter(prefix="{prefix}", tags=["{name}"])


        @router.get("")
        def {fn}():
            return []
        """

MAIN = """\
    \"\"\"Eager entry point: local development and EC2 (uvicorn main:app).\"\"\"
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
    """

LAZY = """\
    \"\"\"Lambda entry point (handler.py): routers are imported on their first request.\"\"\"
    import importlib
    from typing import Dict

    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.middleware.cors import CORSMiddleware
    {gzip_import}from fastapi.responses import JSONResponse

    from contexts.auth import models as auth_models  # noqa: F401
    {model_import}from contexts.cme.topics import {topic_name}
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
    {gzip_line}app.add_middleware(RequestTimingMiddleware)

    _ROUTER_MAP: Dict[str, str] = {{
        "providers": "{prefix}api.v1.providers",
        "licenses": "{prefix}api.v1.licenses",
        "documents": "{prefix}api.v1.documents",
        "cme-activities": "{prefix}api.v1.cme",
    }}
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
        return JSONResponse({{"detail": exc.errors()}}, status_code=422)


    @app.get("/health")
    def health():
        return {{"status": "healthy", "mode": "lazy", "topics": len({topic_name})}}
    """

CONFIG = {
    "$schema": "../../config/parity-check.schema.json",
    "apps": [
        {
            "name": "backend-api",
            "root": "apps/backend-api/src",
            "entrypoints": ["main.py", "lazy_app.py", "handler.py"],
        }
    ],
}

VARIANTS = {
    "incident": dict(gzip_import="", gzip_line="", model_import="", topic_name="CMEActivityTopic", prefix="src."),
    "fixed": dict(
        gzip_import="from fastapi.middleware.gzip import GZipMiddleware\n",
        gzip_line="app.add_middleware(GZipMiddleware, minimum_size=500)\n",
        model_import="from contexts.cme.models import CMEActivity, CMETopic  # noqa: F401\n",
        topic_name="CMETopicCatalogue",
        prefix="",
    ),
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


for variant, values in VARIANTS.items():
    base = os.path.join(OUT, variant)
    shutil.rmtree(base, ignore_errors=True)
    src = os.path.join(base, "apps", "backend-api", "src")
    for rel, text in COMMON.items():
        target = os.path.join(base, "apps", "backend-api", rel) if rel == "requirements.txt" else os.path.join(src, rel)
        write(target, textwrap.dedent(text))
    write(os.path.join(src, "main.py"), textwrap.dedent(MAIN))
    lazy = textwrap.dedent(LAZY).format(**{k: v for k, v in values.items()})
    write(os.path.join(src, "lazy_app.py"), lazy)
    write(os.path.join(base, "parity-check.config.json"), json.dumps(CONFIG, indent=2) + "\n")
print("wrote", ", ".join(VARIANTS))
