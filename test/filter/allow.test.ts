// The config's allow entries, applied by src/filter/allow.ts to every rule's findings: which fields
// match, and entries that match nothing (SUP002), through the real pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Allow, Config } from '../../src/config/schema.js';
import { run } from '../../src/run.js';
import { git, writeTree } from '../helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const MAIN = 'import importlib\n\nmod = importlib.import_module("routers.missing")\n';

async function checkWith(allow: Allow[], files: Record<string, string> = { 'main.py': MAIN, 'routers/__init__.py': '' }) {
  const config: Config = { apps: [{ name: 'app', root: '.', entrypoints: ['main.py'] }], allow };
  const dir = writeTree({ ...files, 'parity-check.config.json': JSON.stringify(config) });
  dirs.push(dir);
  const r = await run({ base: dir, staged: false });
  return r.findings.map((f) => [f.ruleId, f.file, f.line, f.message]);
}

const reason = 'intentional';

describe('allow', () => {
  it('silences a MOD001 finding by its module-path string', async () => {
    expect(await checkWith([{ rule: 'MOD001', name: 'routers.missing', reason }])).toEqual([]);
    expect((await checkWith([{ rule: 'MOD001', name: 'routers.other', reason }])).map((f) => f[0])).toEqual(['MOD001', 'SUP002']);
  });

  it('honours file: an entry naming another file no longer silences the finding', async () => {
    expect(await checkWith([{ rule: 'MOD001', name: 'routers.missing', file: 'main.py', reason }])).toEqual([]);
    expect(await checkWith([{ rule: 'MOD001', name: 'routers.missing', file: './main.py', reason }])).toEqual([]);
    const other = await checkWith([{ rule: 'MOD001', name: 'routers.missing', file: 'other.py', reason }]);
    expect(other.map((f) => f.slice(0, 3))).toEqual([
      ['MOD001', 'main.py', 3],
      ['SUP002', 'parity-check.config.json', 1],
    ]);
    expect(other[1][3]).toBe('unused allow entry (rule MOD001, name "routers.missing", file "other.py"): no finding of app "app" matches it');
  });

  it('reports an entry that matches nothing, once, unless its rule is off', async () => {
    const clean = { 'main.py': 'x = 1\n' };
    expect(await checkWith([{ rule: 'PAR001', name: 'GZipMiddleware', only: 'main.py', reason }], clean)).toEqual([
      ['SUP002', 'parity-check.config.json', 1, 'unused allow entry (rule PAR001, name "GZipMiddleware", only "main.py"): no finding of app "app" matches it'],
    ]);
    expect(await checkWith([{ rule: 'XYZ001', reason }], clean)).toEqual([
      ['SUP002', 'parity-check.config.json', 1, 'unused allow entry (rule XYZ001): there is no rule XYZ001'],
    ]);
    const dir = writeTree({ ...clean, 'parity-check.config.json': JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['main.py'] }], allow: [{ rule: 'PAR001', reason }], rules: { PAR001: 'off' } }) });
    dirs.push(dir);
    expect((await run({ base: dir, staged: false })).findings).toEqual([]);
  });

  it('does not report an entry of an app that a --staged run left out', async () => {
    const config: Config = {
      apps: [
        { name: 'a', root: 'a', entrypoints: ['main.py'] },
        { name: 'b', root: 'b', entrypoints: ['main.py'], allow: [{ rule: 'MOD001', name: 'nothing.here', reason }] },
      ],
    };
    const dir = writeTree({ 'a/main.py': 'x = 1\n', 'b/main.py': 'y = 1\n', 'parity-check.config.json': JSON.stringify(config) });
    dirs.push(dir);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'init');
    fs.writeFileSync(path.join(dir, 'a', 'main.py'), 'x = 2\n');
    git(dir, 'add', '-A');
    const staged = await run({ base: dir, staged: true, changed: [{ status: 'M', path: 'a/main.py' }] });
    expect(staged.relevance?.apps).toEqual(['a']);
    expect(staged.findings).toEqual([]);
    const full = await run({ base: dir, staged: false });
    expect(full.findings.map((f) => f.ruleId)).toEqual(['SUP002']);
  });
});
