// files topic: __pycache__ is never listed (Python 3 imports nothing from it without the source,
// PEP 3147), but the modules its caches were compiled from are remembered (cachedModules), in the
// work tree and in the index alike: a cache whose source is gone shows the name was the repository's,
// so the import is a MOD003 (test/rules/mod003-files.test.ts) rather than an unknown external module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexSnapshot, WorktreeSnapshot } from '../../src/snapshot/index.js';
import { git, makeRepo, PYTHON, writeTree } from '../helpers.js';

describe('files: bytecode caches', () => {
  it('lists no __pycache__ file and remembers the cached modules, in both snapshots (a committed cache too)', async () => {
    const repo = makeRepo();
    writeTree({ 'pkg/__init__.py': '', 'pkg/gone.py': 'X = 1\n', 'top.py': 'Y = 2\n' }, repo);
    // Real caches, as Python writes them: then the sources of two modules are deleted.
    execFileSync(PYTHON, ['-m', 'compileall', '-q', '.'], { cwd: repo });
    fs.rmSync(path.join(repo, 'pkg/gone.py'));
    const caches = fs.readdirSync(path.join(repo, 'pkg/__pycache__'));
    expect(caches.some((f) => /^gone\.cpython-\d+\.pyc$/.test(f))).toBe(true);
    git(repo, 'add', '-A');
    git(repo, 'add', '-f', 'pkg/__pycache__', '__pycache__');
    const work = await WorktreeSnapshot.create(repo);
    const index = await IndexSnapshot.create(repo);
    for (const snap of [work, index]) {
      expect(snap.files().map((f) => f.path)).toEqual(['pkg/__init__.py', 'top.py']);
      expect([...snap.cachedModules].sort()).toEqual(['pkg/gone', 'top']);
    }
    await index.close();
  });
});
