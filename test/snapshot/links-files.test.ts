// files topic: symbolic links to folders (issue #15 item 5). Python follows them, so do `zip -r`
// and `cp -rL`; the snapshots list a linked folder's files at the link path, in the work tree and
// in the index alike, and name (never silently pass, never falsely fail) a link out of the checked
// folder, to nothing, or round a cycle. Every verdict is Python's: real `ln -s`, real git, real
// zip and /usr/bin/python3 importing through the link.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { IndexSnapshot, WorktreeSnapshot } from '../../src/snapshot/index.js';
import { commitAll, git, makeRepo, python, tempDir, writeTree } from '../helpers.js';

const CONFIG = JSON.stringify({ apps: [{ name: 'api', root: 'src', entrypoints: ['main.py'] }] });

/** The layout: src/shared -> ../libs/shared, imported by the app under src (the Lambda root). */
function linkedRepo(entry: string): string {
  const repo = makeRepo();
  writeTree({
    'parity-check.config.json': CONFIG,
    'libs/shared/__init__.py': '',
    'libs/shared/db.py': 'def connect():\n    return "db"\n',
    'src/main.py': entry,
  }, repo);
  fs.symlinkSync('../libs/shared', path.join(repo, 'src/shared'));
  commitAll(repo);
  return repo;
}

const lines = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((f) => `${f.file}:${f.line}  ${f.ruleId}  ${f.message}`);

describe('files: a symbolic link to a folder', () => {
  it('lists the folder’s files at the link path in both snapshots, as git stores the link (mode 120000)', async () => {
    const repo = linkedRepo('from shared.db import connect\n');
    expect(git(repo, 'ls-files', '-s', 'src/shared')).toMatch(/^120000 /);
    const work = await WorktreeSnapshot.create(repo);
    const index = await IndexSnapshot.create(repo);
    const want = ['libs/shared/__init__.py', 'libs/shared/db.py', 'parity-check.config.json', 'src/main.py', 'src/shared/__init__.py', 'src/shared/db.py'];
    expect(work.files().map((f) => f.path)).toEqual(want);
    expect(index.files().map((f) => f.path)).toEqual(want);
    expect(await index.readText('src/shared/db.py')).toBe(await work.readText('libs/shared/db.py'));
    expect(work.problems).toEqual([]);
    expect(index.problems).toEqual([]);
    await index.close();
  });

  it('an import through the link is judged like any other (fixed twin: no finding; broken twin: MOD003, MOD004), --staged too', async () => {
    const good = linkedRepo('from shared.db import connect\n\nprint(connect())\n');
    expect(python('import main', path.join(good, 'src'))).toMatchObject({ code: 0, stdout: 'db\n' });
    for (const staged of [false, true]) expect(lines(await run({ base: good, staged }))).toEqual([]);

    const bad = linkedRepo('from shared.dbx import connect\nfrom shared.db import connnect\n');
    const py = python('import main', path.join(bad, 'src'));
    expect(py.code).not.toBe(0);
    expect(py.stderr).toContain("No module named 'shared.dbx'");
    for (const staged of [false, true]) {
      const found = lines(await run({ base: bad, staged }));
      expect(found.map((l) => l.split('  ')[1])).toEqual(['MOD003', 'MOD004']);
      expect(found[1]).toContain("cannot import name 'connnect' from 'shared.db' (src/shared/db.py)");
    }
  });

  it('--staged: a change to the linked folder is a change at the link path, so the app under it is checked', async () => {
    const repo = linkedRepo('from shared.db import connect\n');
    fs.writeFileSync(path.join(repo, 'libs/shared/db.py'), 'def connect_db():\n    return "db"\n');
    git(repo, 'add', '-A');
    expect(python('import main', path.join(repo, 'src')).stderr).toContain("cannot import name 'connect' from 'shared.db'");
    const snap = await IndexSnapshot.create(repo);
    const changed = await snap.changes();
    expect(changed).toEqual([{ status: 'M', path: 'libs/shared/db.py' }, { status: 'M', path: 'src/shared/db.py' }]);
    const r = await run({ base: repo, staged: true, snapshot: snap, changed });
    expect(lines(r)).toEqual(["src/main.py:1  MOD004  ImportError: cannot import name 'connect' from 'shared.db' (src/shared/db.py); did you mean 'connect_db'?"]);
    await snap.close();
  });

  it('a link inside a linked folder is followed too, relative to where it really is', async () => {
    const repo = makeRepo();
    writeTree({ 'libs/core/util.py': 'X = 1\n', 'libs/shared/__init__.py': '', 'src/main.py': 'from shared.core.util import X\n', 'parity-check.config.json': CONFIG }, repo);
    fs.symlinkSync('../core', path.join(repo, 'libs/shared/core'));
    fs.symlinkSync('../libs/shared', path.join(repo, 'src/shared'));
    commitAll(repo);
    expect(python('import main', path.join(repo, 'src'))).toMatchObject({ code: 0 });
    for (const staged of [false, true]) {
      const r = await run({ base: repo, staged });
      expect(lines(r)).toEqual([]);
      expect(r.notes).toEqual([]);
    }
    const index = await IndexSnapshot.create(repo);
    expect(index.files().map((f) => f.path)).toContain('src/shared/core/util.py');
    await index.close();
  });

  it('a link to a folder that holds it (a cycle) is named, not followed, in both snapshots', async () => {
    const repo = makeRepo();
    writeTree({ 'pkg/__init__.py': '', 'pkg/m.py': '' }, repo);
    fs.symlinkSync('..', path.join(repo, 'pkg/loop'));
    git(repo, 'add', '-A');
    const work = await WorktreeSnapshot.create(repo);
    const index = await IndexSnapshot.create(repo);
    for (const snap of [work, index]) {
      expect(snap.files().map((f) => f.path)).toEqual(['pkg/__init__.py', 'pkg/m.py']);
      expect(snap.problems).toEqual([{ path: 'pkg/loop', message: 'symbolic link to ".." points to a folder that holds it (a cycle): not followed; imports through it are not judged' }]);
    }
    await index.close();
  });

  it('two links into each other stop at the first folder met again', async () => {
    const repo = makeRepo();
    writeTree({ 'a/x.py': '', 'c/y.py': '' }, repo);
    fs.symlinkSync('../c', path.join(repo, 'a/b'));
    fs.symlinkSync('../a', path.join(repo, 'c/d'));
    git(repo, 'add', '-A');
    const work = await WorktreeSnapshot.create(repo);
    const index = await IndexSnapshot.create(repo);
    for (const snap of [work, index]) {
      // a/b/d is a again, which the walk is inside of: the guard stops there (and at c/d/b).
      expect(snap.files().map((f) => f.path)).toEqual(['a/b/y.py', 'a/x.py', 'c/d/x.py', 'c/y.py']);
      expect(snap.problems.map((p) => p.path)).toEqual(['a/b/d', 'c/d/b']);
    }
    await index.close();
  });

  it('a link outside the checked folder: Python imports through it, so no error, and the link is named', async () => {
    const outside = writeTree({ 'vendored/__init__.py': '', 'vendored/tool.py': 'T = 1\n' });
    const repo = makeRepo();
    writeTree({ 'parity-check.config.json': CONFIG, 'src/main.py': 'from vendored.tool import T\nfrom vendored.tool import U\n' }, repo);
    fs.symlinkSync(path.join(outside, 'vendored'), path.join(repo, 'src/vendored'));
    commitAll(repo);
    const py = python('import main', path.join(repo, 'src'));
    expect(py.stderr).toContain("cannot import name 'U'"); // its names are Python's to know, not ours
    for (const staged of [false, true]) {
      const r = await run({ base: repo, staged });
      expect(lines(r)).toEqual([]);
      expect(r.notes).toEqual([`src/vendored: symbolic link to ${JSON.stringify(path.join(outside, 'vendored'))} points outside the checked folder: what Python finds through it is not checked (imports through it are not judged)`]);
    }
  });

  it('a link to nothing is named as not checked in both snapshots (the folder may be made by a build step)', async () => {
    const repo = makeRepo();
    writeTree({ 'parity-check.config.json': CONFIG, 'src/main.py': 'from generated.schema import S\n' }, repo);
    fs.symlinkSync('../build/generated', path.join(repo, 'src/generated'));
    commitAll(repo);
    expect(python('import main', path.join(repo, 'src')).stderr).toContain("No module named 'generated'");
    fs.mkdirSync(path.join(repo, 'build/generated'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'build/generated/schema.py'), 'S = 1\n');
    expect(python('import main', path.join(repo, 'src'))).toMatchObject({ code: 0 }); // once the build made it
    fs.rmSync(path.join(repo, 'build'), { recursive: true });
    for (const staged of [false, true]) {
      const r = await run({ base: repo, staged });
      expect(lines(r)).toEqual([]);
      expect(r.notes).toEqual(['src/generated: symbolic link to "../build/generated" points to nothing in the checked folder: what Python finds through it is not checked (imports through it are not judged)']);
    }
  });
});

describe('files: links Python cannot import through', () => {
  it('a dangling .env or README.md link is not named (nothing imports it); a dangling .py link is', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': '' }, repo);
    fs.symlinkSync('.env.local', path.join(repo, '.env'));
    fs.symlinkSync('docs/README.md', path.join(repo, 'README.md'));
    fs.symlinkSync('gone.py', path.join(repo, 'alias.py'));
    git(repo, 'add', '-A');
    const work = await WorktreeSnapshot.create(repo);
    const index = await IndexSnapshot.create(repo);
    for (const snap of [work, index]) {
      expect(snap.files().map((f) => f.path)).toEqual(['a.py']);
      expect(snap.problems.map((p) => p.path)).toEqual(['alias.py']);
    }
    await index.close();
  });
});

describe('files: the deploy side of a linked folder, built for real', () => {
  /** Builds with bash in a copy of the repository, unzips the archive, imports main from it. */
  function buildAndImport(repo: string, script: string): { code: number; stderr: string } {
    const work = tempDir('pc-build-');
    execFileSync('cp', ['-a', `${repo}/.`, work]);
    execFileSync('bash', ['-euc', script], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    const task = tempDir('pc-task-');
    execFileSync('unzip', ['-q', path.join(work, 'app.zip'), '-d', task]);
    return python('import main', task);
  }

  it('zip -r follows the link (the package holds shared/db.py); zip -ry stores the link, which dangles in /var/task', () => {
    const repo = linkedRepo('from shared.db import connect\n');
    expect(buildAndImport(repo, 'cd src && zip -qr ../app.zip .')).toMatchObject({ code: 0 });
    const stored = buildAndImport(repo, 'cd src && zip -qry ../app.zip .');
    expect(stored.code).not.toBe(0);
    expect(stored.stderr).toContain("No module named 'shared'");
  });
});
