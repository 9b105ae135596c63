// newcomer2 topic (#18): the imports several fixes add to one file land as one sorter pass would
// write them. Each fix is placed on its own (placeImports, one call per finding as PAR001 makes
// them); joinImportEdits joins those that meet at one place before the edits are applied. Each case
// is judged by ruff's isort rules (`ruff check --select I --isolated`) on the result, and its
// broken twin, the same edits applied without the join (what --fix wrote before), is shown to be
// what ruff rejects or what needed a second --fix.
import { describe, expect, it } from 'vitest';
import { applyEdits, applyEditsWithReport } from '../../src/fix/apply.js';
import { joinImportEdits } from '../../src/rules/shared/import-join.js';
import { placeImports, type NewImport, type Section } from '../../src/rules/shared/import-place.js';
import { extractFacts } from '../../src/python/extract.js';
import { findRuff, ruffSays } from './ruff.js';

const sectionOf = (m: string): Section => {
  const top = m.split('.')[0];
  return ['os', 'logging', 'typing'].includes(top) ? 'stdlib' : ['api', 'core'].includes(top) ? 'first-party' : 'third-party';
};
const from = (module: string, name: string, alias?: string): NewImport => ({ kind: 'from', module, name, ...(alias ? { alias } : {}) });

/** One placeImports call per fix, as each finding's fix is made. */
function fixes(before: string, perFix: NewImport[][]) {
  const block = extractFacts(before).imports.filter((i) => i.scope === 'module' && i.guard === 'none' && !i.conditional);
  return perFix.flatMap((wanted) => placeImports('lazy_app.py', block, wanted, sectionOf));
}

const CASES: { name: string; before: string; perFix: NewImport[][]; after: string; unjoined: 'unsorted' | 'overlap' }[] = [
  {
    name: 'newcomer2-join-new-section-after: two fixes open the first-party section after third party: one block, one statement',
    before: 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    perFix: [[from('core.middleware', 'TimingMiddleware')], [from('core.middleware', 'AuditMiddleware')]],
    after: 'from fastapi import FastAPI\n\nfrom core.middleware import AuditMiddleware, TimingMiddleware\n\napp = FastAPI()\n',
    unjoined: 'unsorted',
  },
  {
    name: 'newcomer2-join-new-section-before: two fixes open the third-party section before first party: no blank line between them',
    before: '"""Entry point."""\nfrom api import routes\n\napp = routes.build()\n',
    perFix: [[from('starlette.middleware.gzip', 'GZipMiddleware')], [from('fastapi.middleware.cors', 'CORSMiddleware')]],
    after: '"""Entry point."""\nfrom fastapi.middleware.cors import CORSMiddleware\nfrom starlette.middleware.gzip import GZipMiddleware\n\nfrom api import routes\n\napp = routes.build()\n',
    unjoined: 'unsorted',
  },
  {
    name: 'newcomer2-join-two-sections-at-one-line: a stdlib and a third-party fix at one line keep their own blank line each',
    before: 'from api import routes\n\napp = routes.build()\n',
    perFix: [[{ kind: 'import', module: 'logging' }, from('secure', 'Secure')], [from('starlette.middleware.gzip', 'GZipMiddleware')]],
    after: 'import logging\n\nfrom secure import Secure\nfrom starlette.middleware.gzip import GZipMiddleware\n\nfrom api import routes\n\napp = routes.build()\n',
    unjoined: 'unsorted',
  },
  {
    name: 'newcomer2-join-merge: two fixes each add a name to one existing statement: both land in one --fix',
    before: 'from fastapi import FastAPI\n\nfrom core.middleware import TimingMiddleware\n\napp = FastAPI()\n',
    perFix: [[from('core.middleware', 'AuditMiddleware')], [from('core.middleware', 'RequestIdMiddleware')]],
    after: 'from fastapi import FastAPI\n\nfrom core.middleware import AuditMiddleware, RequestIdMiddleware, TimingMiddleware\n\napp = FastAPI()\n',
    unjoined: 'overlap',
  },
  {
    name: 'newcomer2-join-same-import: two fixes that need one import add it once; an `as` import stays on its own line',
    before: 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    perFix: [[from('core.settings', 'ORIGINS'), from('core.middleware', 'Timing', 'T')], [from('core.settings', 'ORIGINS')]],
    after: 'from fastapi import FastAPI\n\nfrom core.middleware import Timing as T\nfrom core.settings import ORIGINS\n\napp = FastAPI()\n',
    unjoined: 'unsorted',
  },
];

describe('newcomer2: the imports of several fixes at one place are joined', () => {
  const ruff = findRuff();
  for (const c of CASES) {
    it(c.name, () => {
      const edits = fixes(c.before, c.perFix);
      const joined = joinImportEdits(edits);
      expect(joined).toHaveLength(edits.length);
      const result = applyEditsWithReport(c.before, joined);
      expect(result.skipped).toEqual([]);
      expect(result.text).toBe(c.after);
      const unjoined = applyEditsWithReport(c.before, edits);
      if (c.unjoined === 'overlap') expect(unjoined.skipped).toHaveLength(1);
      else expect(unjoined.text).not.toBe(c.after);
      if (ruff) {
        expect(ruffSays(ruff, c.before)).toBe('sorted');
        expect(ruffSays(ruff, result.text)).toBe('sorted');
        if (c.unjoined === 'unsorted') expect(ruffSays(ruff, unjoined.text)).toContain('I001');
      }
    });
  }

  it('newcomer2-join-too-long: a joined statement past 88 columns is left as placed (no line a sorter would wrap)', () => {
    const before = 'from fastapi import FastAPI\n\napp = FastAPI()\n';
    const names = ['AVeryLongMiddlewareNameNumberOne', 'AVeryLongMiddlewareNameNumberTwo', 'AVeryLongMiddlewareNameNumberThree'];
    const edits = fixes(before, names.map((n) => [from('core.middleware', n)]));
    expect(joinImportEdits(edits)).toEqual(edits);
    expect(applyEdits(before, joinImportEdits(edits))).toBe(applyEdits(before, edits));
  });
});
