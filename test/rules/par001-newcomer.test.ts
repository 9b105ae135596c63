// PAR001 cases of issue #18 point 13 (topic `newcomer`): the imports --fix adds to the entry point
// that lacks a middleware land where isort / ruff's I001 put them (sections, order, merged `from`
// imports), not after the last import. Each broken app has its fixed twin: the fix's output, which
// Python serves with the same middleware. Placement rules alone: test/fix/isort.test.ts (ruff judges).
import { middlewareParityProbe, passThroughMiddleware } from './middleware-fixtures.js';
import { ruleTester } from './tester.js';

const CONFIG = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const MIDDLEWARE = String.raw`
-- core/__init__.py --
-- core/middleware.py --
${passThroughMiddleware('TimingMiddleware', 'AuditMiddleware')}
-- core/settings.py --
ORIGINS = ["https://example.com"]
`;

const MAIN = String.raw`
-- main.py --
"""Local server."""
import logging

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from core.middleware import AuditMiddleware, TimingMiddleware
from core.settings import ORIGINS

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(CORSMiddleware, allow_origins=ORIGINS)
app.add_middleware(TimingMiddleware)
app.add_middleware(AuditMiddleware)
logging.getLogger(__name__).info("ready")
`;

const PROBE = middlewareParityProbe(['AuditMiddleware', 'TimingMiddleware', 'CORSMiddleware', 'GZipMiddleware']);

const FIXED_LAZY = String.raw`
-- lazy_app.py --
"""The Lambda entry point."""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.requests import Request

from core.middleware import AuditMiddleware, TimingMiddleware
from core.settings import ORIGINS

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(CORSMiddleware, allow_origins=ORIGINS)
app.add_middleware(TimingMiddleware)
app.add_middleware(AuditMiddleware)


@app.get("/")
def home(request: Request):
    return {}

`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'newcomer-isort-fixed-twin',
        title: 'the fixed twin of newcomer-isort-sections: both entry points register the same four middleware, imports sorted',
        files: MIDDLEWARE + MAIN + FIXED_LAZY + CONFIG,
        python: { run: PROBE, fails: null },
      },
    ],
    invalid: [
      {
        name: 'newcomer-isort-sections',
        title: 'the lacking entry point imports only FastAPI, Request and TimingMiddleware: --fix puts each added import in its section (third party after fastapi, first party joined to core.middleware, a new core.settings line) and Python then serves the same middleware',
        files:
          MIDDLEWARE +
          MAIN +
          String.raw`
-- lazy_app.py --
"""The Lambda entry point."""
from fastapi import FastAPI
from starlette.requests import Request

from core.middleware import TimingMiddleware

app = FastAPI()
app.add_middleware(TimingMiddleware)


@app.get("/")
def home(request: Request):
    return {}
` +
          CONFIG,
        findings: [
          'main.py:12:1  PAR001  error  GZipMiddleware is registered in main.py:12 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:7:1-7:16)',
          'main.py:13:1  PAR001  error  CORSMiddleware is registered in main.py:13 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:7:1-7:16)',
          'main.py:15:1  PAR001  error  AuditMiddleware is registered in main.py:15 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:7:1-7:16)',
        ],
        output: FIXED_LAZY,
        python: { run: PROBE, fails: 'lazy_app.py runs without AuditMiddleware, CORSMiddleware, GZipMiddleware' },
      },
    ],
  },
  'newcomer',
);
