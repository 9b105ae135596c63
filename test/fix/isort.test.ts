// newcomer topic (#18 point 13): the imports a fix adds land where isort / ruff's I001 put them.
//
// Each case is a file whose import block is sorted, the imports a fix adds, and the file expected
// after the edits, written by isort's documented default rules (sections future / stdlib / third
// party / first party / local, a blank line between; `import x` before `from x import y`;
// case-insensitive natural order; members CONSTANTS, Classes, others; `from` imports of one module
// merged, `as` imports on their own line). The judge is ruff itself (`ruff check --select I
// --isolated`, isort's rules) when a ruff binary is found: on PATH, or in the ruff wheel this
// machine keeps on disk (unpacked into a temporary folder, nothing installed). The before and the
// after text must both pass it: a sorted file stays sorted.
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/fix/apply.js';
import { placeImports, type NewImport, type Section } from '../../src/rules/shared/import-place.js';
import { extractFacts } from '../../src/python/extract.js';
import { findRuff, ruffSays } from './ruff.js';

const STDLIB = new Set(['os', 'sys', 'logging', 'typing', 'json', '__future__']);
const FIRST = new Set(['api', 'core']);
const sectionOf = (m: string): Section => {
  const top = m.split('.')[0];
  return top === '__future__' ? 'future' : STDLIB.has(top) ? 'stdlib' : FIRST.has(top) ? 'first-party' : 'third-party';
};

const from = (module: string, name: string, alias?: string): NewImport => ({ kind: 'from', module, name, ...(alias ? { alias } : {}) });

const CASES: { name: string; before: string; add: NewImport[]; after: string }[] = [
  {
    name: 'isort-inside-its-section: a third-party import goes after the module before it, in the third-party block',
    before: '"""Lambda entry point."""\nimport os\n\nfrom fastapi import FastAPI\nfrom starlette.middleware.cors import CORSMiddleware\n\nfrom api import routes\n\napp = FastAPI()\n',
    add: [from('fastapi.middleware.gzip', 'GZipMiddleware')],
    after: '"""Lambda entry point."""\nimport os\n\nfrom fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\nfrom starlette.middleware.cors import CORSMiddleware\n\nfrom api import routes\n\napp = FastAPI()\n',
  },
  {
    name: 'isort-merge: a name from a module the file already imports from joins that statement, members in order',
    before: 'from fastapi import FastAPI\n\nfrom api.middleware import TimingMiddleware\n\napp = FastAPI()\n',
    add: [from('api.middleware', 'RequestIdMiddleware'), from('api.middleware', 'ALLOWED_HOSTS')],
    after: 'from fastapi import FastAPI\n\nfrom api.middleware import ALLOWED_HOSTS, RequestIdMiddleware, TimingMiddleware\n\napp = FastAPI()\n',
  },
  {
    name: 'isort-straight-first: `import x` goes before every `from` import of its section',
    before: 'import logging\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
    add: [{ kind: 'import', module: 'secure' }],
    after: 'import logging\n\nimport secure\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
  },
  {
    name: 'isort-new-section-between: the first third-party import of a file gets its own block between stdlib and first party',
    before: '# The Lambda entry point.\nimport os\n\nfrom api import routes\nfrom core import settings\n\napp = routes.build()\n',
    add: [from('starlette.middleware.gzip', 'GZipMiddleware')],
    after: '# The Lambda entry point.\nimport os\n\nfrom starlette.middleware.gzip import GZipMiddleware\n\nfrom api import routes\nfrom core import settings\n\napp = routes.build()\n',
  },
  {
    name: 'isort-new-section-last: the first first-party import comes after the third-party block, __future__ staying first',
    before: '"""Doc."""\n\nfrom __future__ import annotations\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
    add: [from('core.settings', 'CorsSettings')],
    after: '"""Doc."""\n\nfrom __future__ import annotations\n\nfrom fastapi import FastAPI\n\nfrom core.settings import CorsSettings\n\napp = FastAPI()\n',
  },
  {
    name: 'isort-new-section-first: the first stdlib import goes before the third-party block',
    before: 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    add: [from('typing', 'Any')],
    after: 'from typing import Any\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
  },
  {
    name: 'isort-two-new-sections: two new sections at one place keep their order and a blank line each',
    before: 'from api import routes\n\napp = routes.build()\n',
    add: [from('starlette.middleware.gzip', 'GZipMiddleware'), { kind: 'import', module: 'logging' }, from('fastapi.middleware.cors', 'CORSMiddleware')],
    after: 'import logging\n\nfrom fastapi.middleware.cors import CORSMiddleware\nfrom starlette.middleware.gzip import GZipMiddleware\n\nfrom api import routes\n\napp = routes.build()\n',
  },
  {
    name: 'isort-as-own-line: an `as` import is not merged; it follows the plain import of its module',
    before: 'from fastapi import FastAPI\nfrom starlette.middleware import Middleware\n\napp = FastAPI()\n',
    add: [from('fastapi', 'Request', 'Req')],
    after: 'from fastapi import FastAPI\nfrom fastapi import Request as Req\nfrom starlette.middleware import Middleware\n\napp = FastAPI()\n',
  },
];

describe('newcomer: inserted imports where isort and ruff put them', () => {
  const ruff = findRuff();
  for (const c of CASES) {
    it(c.name, () => {
      const block = extractFacts(c.before).imports.filter((i) => i.scope === 'module' && i.guard === 'none' && !i.conditional);
      const fixed = applyEdits(c.before, placeImports('lazy_app.py', block, c.add, sectionOf));
      expect(fixed).toBe(c.after);
      if (ruff) {
        expect(ruffSays(ruff, c.before)).toBe('sorted');
        expect(ruffSays(ruff, fixed)).toBe('sorted');
      }
    });
  }
});
