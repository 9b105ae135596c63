import path from 'node:path';
import fs from 'node:fs';
import { REPO } from '../helpers.js';
import { describe, expect, test } from 'vitest';
import { decodePython, extractFacts } from '../../src/python/extract.js';
import { packageRoot } from '../../src/python/queries.js';

describe('decodePython', () => {
  test('UTF-8, with and without BOM', () => {
    expect(decodePython(Buffer.from('x = "é"\n', 'utf8'))).toEqual({ text: 'x = "é"\n' });
    expect(decodePython(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import os\n')]))).toEqual({ text: 'import os\n' });
  });

  test('coding cookie on line 1 or 2', () => {
    const latin = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    expect(decodePython(latin)).toEqual({ text: '# -*- coding: latin-1 -*-\nname = "é"\n' });
    const cp = Buffer.concat([Buffer.from('#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nq = "'), Buffer.from([0x93, 0x94]), Buffer.from('"\n')]);
    expect(decodePython(cp)).toEqual({ text: '#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nq = "\u201c\u201d"\n' });
    const iso = Buffer.concat([Buffer.from('# coding=iso-8859-1\ns = "'), Buffer.from([0xfc]), Buffer.from('"\n')]);
    expect(decodePython(iso)).toEqual({ text: '# coding=iso-8859-1\ns = "ü"\n' });
    // a cookie on line 3 does not count
    const late = Buffer.concat([Buffer.from('import a\nimport b\n# coding: latin-1\n'), Buffer.from([0xff])]);
    expect(decodePython(late)).toEqual({ error: 'cannot decode as UTF-8: invalid byte 0xff at offset 36' });
  });

  test('undecodable bytes report the offset', () => {
    expect(decodePython(Buffer.from([0x61, 0x62, 0xff, 0x63]))).toEqual({ error: 'cannot decode as UTF-8: invalid byte 0xff at offset 2' });
    // truncated multibyte sequence at the end
    expect(decodePython(Buffer.from([0x78, 0x3d, 0xe2, 0x82]))).toEqual({ error: 'cannot decode as UTF-8: invalid byte 0xe2 at offset 2' });
  });
});

describe('positions', () => {
  test('columns count UTF-16 code units (é is 1, an emoji is 2)', () => {
    const src = 'x = "é😀"; import importlib; importlib.import_module("app.mod")\n';
    const f = extractFacts(src);
    const m = f.modulePaths[0];
    expect(m.value).toBe('app.mod');
    // "x = " 4, "é😀" inside quotes = 3 UTF-16 units + 2 quotes, "; import importlib; " 20,
    // "importlib.import_module(" 24: the literal starts at UTF-16 index 53
    expect(src.indexOf('"app.mod"')).toBe(53);
    expect({ line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }).toEqual({ line: 1, column: 54, endLine: 1, endColumn: 63 });
    expect(src.slice(m.column - 1, m.endColumn - 1)).toBe('"app.mod"');
  });

  test('multi-line spans are 1-based', () => {
    const f = extractFacts('\n\nfrom a import (\n    b,\n)\n');
    expect(f.imports[0]).toMatchObject({ line: 3, column: 1, endLine: 5, endColumn: 2 });
  });
});

describe('suppressions', () => {
  test('codes, bare, own line or trailing', () => {
    const f = extractFacts(`# parity-check: ignore[MOD001, PAR001]
import x  # parity-check: ignore
y = "# parity-check: ignore"  # noqa
    # parity-check: ignore[LPK003]
# parity-check: ignored is not a suppression
`);
    expect(f.suppressions).toEqual([
      { line: 1, column: 1, codes: ['MOD001', 'PAR001'], ownLine: true },
      { line: 2, column: 11, codes: null, ownLine: false },
      { line: 4, column: 5, codes: ['LPK003'], ownLine: true },
    ]);
  });
});

describe('parse problems', () => {
  test('a broken file still yields the facts of its valid parts', () => {
    const f = extractFacts(`import importlib
from fastapi import FastAPI

app = FastAPI()
app.include_router(users.router)

def broken(:
    pass

x = (1,
MODULE = importlib.import_module("app.ok")
`);
    expect(f.parseProblems.length).toBeGreaterThan(0);
    expect(f.parseProblems.some((p) => p.message === 'missing ")"' && p.line === 7)).toBe(true);
    expect(f.parseProblems.every((p) => p.line >= 7)).toBe(true);
    expect(f.imports.map((i) => i.module)).toEqual(['importlib', 'fastapi']);
    expect(f.apps.map((a) => a.variable)).toEqual(['app']);
    expect(f.routers.map((r) => r.expr)).toEqual(['users.router']);
  });

  test('a clean file has none', () => {
    expect(extractFacts('x = 1\n').parseProblems).toEqual([]);
  });
});

test('queries load from the package root', () => {
  expect(packageRoot()).toBe(REPO);
  expect(fs.existsSync(path.join(packageRoot(), 'queries', 'python', 'imports.scm'))).toBe(true);
});
