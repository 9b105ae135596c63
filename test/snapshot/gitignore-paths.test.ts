// paths topic (#18 point 7): a full check reads what git sees. Git itself says what it ignores
// (.gitignore at every level, .git/info/exclude, core.excludesFile), one `git ls-files` per run; a
// tracked file that matches a pattern stays (git's rule); outside a git work tree nothing changes.
// Each verdict is git's (`git check-ignore`) and Python's (/usr/bin/python3 importing the handler).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { WorktreeSnapshot } from '../../src/snapshot/index.js';
import { execFileSync } from 'node:child_process';
import { commitAll, copyTree, git, REPO, gitResult, makeRepo, python, tempDir, writeTree } from '../helpers.js';

const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  Api:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/',
  '      Handler: app.handler',
  '      Runtime: python3.12',
  '',
].join('\n');

/** A SAM app with a broken import, and the copy `sam build` leaves in .aws-sam/build (git-ignored). */
function samRepo(app: string): string {
  const repo = makeRepo();
  writeTree({
    '.gitignore': '.aws-sam/\n',
    'template.yaml': TEMPLATE,
    'src/app.py': app,
    'src/util.py': 'def helper():\n    return 1\n',
  }, repo);
  commitAll(repo);
  // What `sam build` writes: the function's folder and a template whose CodeUri points at it.
  writeTree({
    '.aws-sam/build/template.yaml': TEMPLATE.replace('CodeUri: src/', 'CodeUri: Api'),
    '.aws-sam/build/Api/app.py': app,
    '.aws-sam/build/Api/util.py': 'def helper():\n    return 1\n',
  }, repo);
  return repo;
}

const lines = (r: Awaited<ReturnType<typeof run>>) => r.findings.map((f) => `${f.file}:${f.line}  ${f.ruleId}`);

describe('paths: a full check sees what git sees', () => {
  it('paths-sam-build: the git-ignored .aws-sam/build copy is not read, so the broken import is reported once', async () => {
    const broken = samRepo('from util import helpr\n\ndef handler(event, context):\n    return helpr()\n');
    expect(git(broken, 'check-ignore', '.aws-sam/build/Api/app.py').trim()).toBe('.aws-sam/build/Api/app.py');
    // Python agrees it is broken where Lambda imports it from.
    const r = python('import app', path.join(broken, 'src'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ImportError: cannot import name 'helpr' from 'util'");
    const work = await WorktreeSnapshot.create(broken);
    expect(work.files().map((f) => f.path)).toEqual(['.gitignore', 'template.yaml', 'src/app.py', 'src/util.py'].sort());
    const found = await run({ base: broken, staged: false });
    expect(lines(found)).toEqual(['src/app.py:1  MOD004']);

    const fixed = samRepo('from util import helper\n\ndef handler(event, context):\n    return helper()\n');
    expect(python('import app', path.join(fixed, 'src')).code).toBe(0);
    expect(lines(await run({ base: fixed, staged: false }))).toEqual([]);
  });

  it('paths-git-rules: every ignore source git reads, a tracked file that matches stays, a negation git honours', async () => {
    const repo = makeRepo();
    writeTree({
      '.gitignore': '*.log\ngen/\n!keep.log\ntracked_gen.py\n',
      'api/.gitignore': 'local_settings.py\n',
      'api/app.py': '',
      'tracked_gen.py': '',
    }, repo);
    git(repo, 'add', '-f', 'tracked_gen.py');
    commitAll(repo);
    writeTree({
      'api/local_settings.py': '', // the nested .gitignore
      'api/run.log': '',
      'keep.log': '', // re-included by !keep.log
      'gen/a/b.py': '',
      'scratch/notes.py': '', // .git/info/exclude
      'mine.bak': '', // core.excludesFile
      'new.py': '', // untracked, not ignored: read, as git add -A would stage it
    }, repo);
    fs.appendFileSync(path.join(repo, '.git/info/exclude'), 'scratch/\n');
    const excludes = path.join(tempDir(), 'excludes');
    fs.writeFileSync(excludes, '*.bak\n');
    git(repo, 'config', 'core.excludesFile', excludes);
    const want = ['.gitignore', 'api/.gitignore', 'api/app.py', 'keep.log', 'new.py', 'tracked_gen.py'];
    // git's own answer: what `git add -A` would stage plus what is tracked.
    git(repo, 'add', '-A', '--dry-run');
    const seen = gitResult(repo, ['ls-files', '--cached', '--others', '--exclude-standard']).output.trim().split('\n').sort();
    expect(seen).toEqual(want);
    expect((await WorktreeSnapshot.create(repo)).files().map((f) => f.path)).toEqual(want);
    // A subfolder: the same rules, paths relative to it.
    expect((await WorktreeSnapshot.create(path.join(repo, 'api'))).files().map((f) => f.path)).toEqual(['.gitignore', 'app.py']);
    // The opt-out reads everything, as outside git.
    expect((await WorktreeSnapshot.create(repo, { gitIgnore: false })).files().map((f) => f.path)).toContain('gen/a/b.py');
  });

  it('paths-named-ignored: a folder that git ignores, named on the command line, is read as it is', async () => {
    const repo = samRepo('from util import helper\n\ndef handler(event, context):\n    return helper()\n');
    for (const sub of ['.aws-sam', '.aws-sam/build', '.aws-sam/build/Api']) {
      const snap = await WorktreeSnapshot.create(path.join(repo, sub));
      expect(snap.files().length).toBeGreaterThan(0);
      expect(snap.problems).toEqual([]);
    }
  });

  it('paths-no-git: outside a git work tree every file is read, as before', async () => {
    const dir = writeTree({ '.gitignore': 'build/\n', 'build/app.py': '', 'app.py': '' });
    expect(gitResult(dir, ['rev-parse', '--show-toplevel']).code).not.toBe(0);
    expect((await WorktreeSnapshot.create(dir)).files().map((f) => f.path)).toEqual(['.gitignore', 'app.py', 'build/app.py']);
  });

  it('paths-build-ignored: a git-ignored build folder that a workflow step fills is still simulated; a stale local copy is not read', async () => {
    const repo = makeRepo();
    copyTree(path.join(REPO, 'test/fixtures/deploy/spec427-archive-fixed'), repo);
    fs.writeFileSync(path.join(repo, '.gitignore'), 'packages/\n');
    commitAll(repo);
    const clean = lines(await run({ base: repo, staged: false }));
    expect(clean).toEqual([]);
    // The real build, as the workflow runs it (pip stubbed: no network), in a copy of the clone.
    const build = copyTree(repo, tempDir());
    const bin = writeTree({ pip: '#!/bin/sh\nexit 0\n' });
    fs.chmodSync(path.join(bin, 'pip'), 0o755);
    const workflow = fs.readFileSync(path.join(build, '.github/workflows/deploy.yml'), 'utf8');
    const step = workflow.slice(workflow.indexOf('mkdir -p packages/ingestion-build'), workflow.indexOf('- name: Build Dashboard')).replace(/^ {10}/gm, '');
    execFileSync('bash', ['-e', '-c', step], { cwd: build, env: { PATH: `${bin}:/usr/bin:/bin` } });
    const built = path.join(build, 'packages/ingestion-build');
    expect(python('import src.lambdas.ingestion.handler', built).code).toBe(0);
    // A stale copy left by an old local build, broken, git-ignored: a clone and CI never see it.
    fs.cpSync(path.join(build, 'packages'), path.join(repo, 'packages'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'packages/ingestion-build/src/lambdas/ingestion/handler.py'), 'from src.lambdas.shared.db import conect\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const withStale = await run({ base: repo, staged: false });
    expect(lines(withStale)).toEqual(clean);
    expect(withStale.notChecked).toEqual([]);
  });
});
