// PAR001 cases of issue #18 (topic `newcomer2`): when several PAR001 fixes add imports at one place
// of the lacking entry point, --fix writes them as one sorter pass would: a new section once (no
// blank line between the fixes' lines), one `from` statement per module, and two names merged into
// one existing statement in the same run. Each broken app has its fixed twin (the fix's output),
// which Python serves with the same middleware. ruff's verdict on the joined imports:
// test/fix/import-join.test.ts.
import { middlewareParityProbe, passThroughMiddleware } from './middleware-fixtures.js';
import { ruleTester } from './tester.js';

// No blank line before the header: the entry points' files end where the config starts.
const CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const MIDDLEWARE = String.raw`
-- core/__init__.py --
-- core/middleware.py --
${passThroughMiddleware('TimingMiddleware', 'AuditMiddleware', 'RequestIdMiddleware')}
`;

/** An entry point registering the three middleware, one sorted import: main.py, and lazy_app.py once fixed. */
const registersAll = (file: string, doc: string) => String.raw`
-- ${file} --
"""${doc}"""
from fastapi import FastAPI

from core.middleware import AuditMiddleware, RequestIdMiddleware, TimingMiddleware

app = FastAPI()
app.add_middleware(TimingMiddleware)
app.add_middleware(AuditMiddleware)
app.add_middleware(RequestIdMiddleware)
`;

const MAIN = registersAll('main.py', 'Local server.');

const PROBE = middlewareParityProbe(['RequestIdMiddleware', 'AuditMiddleware', 'TimingMiddleware']);

const FIXED_LAZY = registersAll('lazy_app.py', 'The Lambda entry point.');

const FINDING = (line: number, name: string, related: string) =>
  `main.py:${line}:1  PAR001  error  ${name} is registered in main.py:${line} but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related ${related})`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'newcomer2-join-fixed-twin',
        title: 'the fixed twin of the newcomer2-join cases: both entry points register the same three middleware, one sorted import',
        files: MIDDLEWARE + MAIN + FIXED_LAZY + CONFIG,
        python: { run: PROBE, fails: null },
      },
    ],
    invalid: [
      {
        name: 'newcomer2-join-new-section',
        title: 'the lacking entry point imports only FastAPI: the three fixes open the first-party section once, as one statement',
        files:
          MIDDLEWARE +
          MAIN +
          String.raw`
-- lazy_app.py --
"""The Lambda entry point."""
from fastapi import FastAPI

app = FastAPI()
` +
          CONFIG,
        findings: [FINDING(7, 'TimingMiddleware', 'lazy_app.py:4:1-4:16'), FINDING(8, 'AuditMiddleware', 'lazy_app.py:4:1-4:16'), FINDING(9, 'RequestIdMiddleware', 'lazy_app.py:4:1-4:16')],
        output: FIXED_LAZY,
        python: { run: PROBE, fails: 'lazy_app.py runs without AuditMiddleware, RequestIdMiddleware, TimingMiddleware' },
      },
      {
        name: 'newcomer2-join-merge',
        title: 'the lacking entry point imports TimingMiddleware only: both missing names join that statement in one --fix (before, the second fix overlapped and waited for another run)',
        files:
          MIDDLEWARE +
          MAIN +
          String.raw`
-- lazy_app.py --
"""The Lambda entry point."""
from fastapi import FastAPI

from core.middleware import TimingMiddleware

app = FastAPI()
app.add_middleware(TimingMiddleware)
` +
          CONFIG,
        findings: [FINDING(8, 'AuditMiddleware', 'lazy_app.py:6:1-6:16'), FINDING(9, 'RequestIdMiddleware', 'lazy_app.py:6:1-6:16')],
        output: FIXED_LAZY,
        python: { run: PROBE, fails: 'lazy_app.py runs without AuditMiddleware, RequestIdMiddleware' },
      },
    ],
  },
  'newcomer2',
);
