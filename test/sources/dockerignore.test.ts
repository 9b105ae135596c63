// Topic deploy6 (#15 item 1): `.dockerignore` shapes the Docker build context (src/sources/dockerignore.ts).
// Docker is not installed here. The patterns are read as moby/patternmatcher does (BuildKit's matcher for the
// context; its ignorefile.ReadAll reads the file): the table below holds expectations of its patternmatcher_test.go
// (TestMatches, TestPatternMatchesFolderExclusions, TestExclusionPatternMatchesPatternAfter), restated. The image
// proof copies the context as BuildKit sends it: every file but those the ignore file excludes (Docker's docs,
// "Dockerignore files": a `<Dockerfile>.dockerignore` beside the Dockerfile is used instead of the context's
// `.dockerignore`). Python imports the handler from the image's /var/task, as Lambda does, and the check must agree.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDockerIgnore } from '../../src/sources/dockerignore.js';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const excluded = (patterns: string[], file: string) => readDockerIgnore('.dockerignore', patterns.join('\n')).excludes(file) !== undefined;

describe('.dockerignore patterns, as moby/patternmatcher matches them', () => {
  const table: [string[], string, boolean][] = [
    [['**'], 'dir/file', true],
    [['**/dir'], 'dir', true],
    [['**/dir'], 'dir/file', true],
    [['**/dir2/*'], 'dir/dir2/file', true],
    [['**file'], 'dir/dir/file', true],
    [['**/file*.txt'], 'dir/dir/file.txt', true],
    [['**/**/*.txt2'], 'dir/dir/file.txt', false],
    [['*.md'], 'README.md', true],
    [['*.md'], 'docs/README.md', false], // `*` stays in one folder: only the top-level .md
    [['**/*.md'], 'docs/README.md', true],
    [['tests/'], 'tests/unit/test_a.py', true], // the folder, and all below it
    [['/tests'], 'tests/test_a.py', true], // a leading slash is the context root
    [['./tests'], 'tests/test_a.py', true], // cleaned
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [['docs/*', '!docs/README.md'], 'docs/README.md', false],
    [['*.go', '!fileutils.go'], 'fileutils.go', false],
    [['!fileutils.go', '*.go'], 'fileutils.go', true], // the last match wins
    [['# tests', 'x'], 'tests/a.py', false], // a comment
    [['  tests  '], 'tests/a.py', true], // trimmed
    [['te?ts'], 'tests/a.py', true],
    [['te[sx]ts'], 'tests/a.py', true],
    [['a.py'], 'a_py', false], // `.` is no wildcard
    [['**.pyc'], 'pkg/mod.pyc', true], // `**` first with no wildcard after it: a suffix
  ];
  for (const [patterns, file, want] of table) {
    it(`${JSON.stringify(patterns)} ${want ? 'excludes' : 'keeps'} ${file}`, () => expect(excluded(patterns, file)).toBe(want));
  }
  it('a pattern Docker rejects is named, not applied', () => {
    const d = readDockerIgnore('.dockerignore', 'good\n[a\n');
    expect(d.bad.map((b) => [b.pattern, b.loc.line])).toEqual([['[a', 2]]);
    expect(d.excludes('good')).toBeDefined();
  });
});

const HANDLER = 'from shared.db import X\n\n\ndef handler(event, context):\n    return X\n';
const DOCKERFILE = 'FROM public.ecr.aws/lambda/python:3.12\nCOPY . ${LAMBDA_TASK_ROOT}\nCMD ["handler.handler"]\n';

/** A repository whose Dockerfile copies its whole context into the task root, with these ignore files. */
function repo(ignores: Record<string, string>): string {
  const dir = makeRepo();
  writeTree({ 'shared/__init__.py': '', 'shared/db.py': 'X = 1\n', 'tests/test_db.py': 'def test():\n    pass\n', 'README.md': '# app\n', 'handler.py': HANDLER, Dockerfile: DOCKERFILE, ...ignores }, dir);
  commitAll(dir);
  return dir;
}

/** /var/task as BuildKit's COPY . makes it: every file of the context but those `excludedFiles` names. */
function image(dir: string, excludedFiles: string[]): string {
  const task = path.join(tempDir('pc-dockerignore-image-'), 'var/task');
  for (const f of ['shared/__init__.py', 'shared/db.py', 'tests/test_db.py', 'README.md', 'handler.py', 'Dockerfile']) {
    if (excludedFiles.includes(f)) continue;
    fs.mkdirSync(path.dirname(path.join(task, f)), { recursive: true });
    fs.copyFileSync(path.join(dir, f), path.join(task, f));
  }
  return task;
}

describe('COPY . under .dockerignore (truth pairs)', () => {
  it('deploy6: .dockerignore excluding shared/ leaves the imported package out: LPK001 names the line', () => {
    const dir = repo({ '.dockerignore': 'tests/\nshared/\n*.md\n' });
    const r = python('import handler', image(dir, ['shared/__init__.py', 'shared/db.py', 'tests/test_db.py', 'README.md']));
    expect(r.stderr).toMatch(/No module named 'shared'/);
    const out = runCli([], { cwd: dir });
    expect(out.stdout).toMatch(/handler\.py:1:6 {2}LPK001 {2}error {2}shared\.db is shared\/db\.py in the repository, but \.dockerignore:2 \(shared\/\) excludes it from the build context, so the package it runs from does not contain it/);
    expect(out.code).toBe(1);
  });

  it('deploy6: the twin ignoring tests/ and *.md only: the package imports (no finding)', () => {
    const dir = repo({ '.dockerignore': 'tests/\n*.md\n' });
    expect(python('import handler; assert handler.handler({}, None) == 1', image(dir, ['tests/test_db.py', 'README.md'])).code).toBe(0);
    const out = runCli([], { cwd: dir });
    expect(out.stdout).toMatch(/No problems found/);
    expect(out.code).toBe(0);
  });

  it('deploy6: an exception brings db.py back without __init__.py: a namespace package, which Python imports', () => {
    const dir = repo({ '.dockerignore': 'shared/\n!shared/db.py\n' });
    expect(python('import handler; assert handler.handler({}, None) == 1', image(dir, ['shared/__init__.py'])).code).toBe(0);
    const out = runCli([], { cwd: dir });
    expect(out.stdout).toMatch(/No problems found/);
  });

  it('deploy6: Dockerfile.dockerignore is used instead of the context .dockerignore', () => {
    const dir = repo({ '.dockerignore': 'shared/\n', 'Dockerfile.dockerignore': 'tests/\n' });
    expect(python('import handler', image(dir, ['tests/test_db.py'])).code).toBe(0);
    const out = runCli([], { cwd: dir });
    expect(out.stdout).toMatch(/No problems found/);
    expect(out.stdout).not.toMatch(/Dockerfile\.dockerignore/); // it is no Dockerfile of its own
  });

  it('deploy6: a COPY of an ignored folder fails the build, and says which line excludes it', () => {
    const dir = repo({ '.dockerignore': 'shared\n', Dockerfile: 'FROM public.ecr.aws/lambda/python:3.12\nCOPY handler.py ${LAMBDA_TASK_ROOT}/\nCOPY shared/ ${LAMBDA_TASK_ROOT}/shared/\nCMD ["handler.handler"]\n' });
    const out = runCli(['--verbose'], { cwd: dir });
    expect(out.stdout + out.stderr).toMatch(/shared\/ matches nothing in the build context \.: \.dockerignore:1 \(shared\) excludes it from the build context/);
    expect(out.stdout).not.toMatch(/No problems found\b(?! in what was checked)/);
  });
});
