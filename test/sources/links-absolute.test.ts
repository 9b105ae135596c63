// deploy7 (#15 item 1): a link with an absolute target (`src/shared -> /opt/shared`) kept by a Dockerfile COPY of its
// folder (BuildKit: fsutil copy makes the link again with its text unchanged, see links2-docker.test.ts). In the image
// it names whatever the image holds at /opt/shared:
//   - a COPY (before or after) puts the code there: it resolves, no finding;
//   - nothing does, on an AWS Lambda base image (its /opt is empty; a container image takes no layers): it dangles,
//     MOD003, said precisely;
//   - a RUN the simulator cannot follow may put it there: not known, no error, and only that path is not judged (the
//     rest of the package stays checked: HND001 still applies).
// Docker is not installed here: the image is a temporary root built as BuildKit copies, and the absolute link is made
// relative to that root (the image's `/` is its own root), so Python on this machine follows it as Lambda would.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const BASE = 'FROM public.ecr.aws/lambda/python:3.12';

function repo(lines: string[], handler = 'from shared.db import X\n\n\ndef handler(event, context):\n    return X\n'): string {
  const dir = makeRepo();
  writeTree({ 'libs/shared/__init__.py': '', 'libs/shared/db.py': 'X = 1\n', 'src/handler.py': handler, Dockerfile: [BASE, ...lines, 'CMD ["handler.handler"]', ''].join('\n') }, dir);
  fs.symlinkSync('/opt/shared', path.join(dir, 'src/shared'));
  commitAll(dir);
  return dir;
}

/** The image: src/ copied to /var/task with its link kept (pointing at the image's own /opt/shared), libs/shared at /opt/shared when `libs`. */
function image(dir: string, libs: boolean): string {
  const img = tempDir('pc-links-abs-');
  const task = path.join(img, 'var/task');
  fs.mkdirSync(task, { recursive: true });
  execFileSync('cp', ['-a', path.join(dir, 'src/handler.py'), task]);
  fs.symlinkSync(path.join(img, 'opt/shared'), path.join(task, 'shared'));
  if (libs) {
    fs.mkdirSync(path.join(img, 'opt'), { recursive: true });
    execFileSync('cp', ['-a', path.join(dir, 'libs/shared'), path.join(img, 'opt/shared')]);
  }
  return task;
}

const IMPORT = 'import handler; handler.handler({}, None)';

describe('a kept link to an absolute path in a Docker image', () => {
  it('nothing puts /opt/shared in an AWS Lambda base image: the link dangles, MOD003', () => {
    const dir = repo(['COPY src/ ${LAMBDA_TASK_ROOT}/']);
    const r0 = python(IMPORT, image(dir, false));
    expect(r0.code).not.toBe(0);
    expect(r0.stderr).toMatch(/No module named 'shared/);
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.stdout).toMatch(/src\/handler\.py:1:6 {2}MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/);
    expect(r.stderr).toMatch(/COPY keeps \/var\/task\/shared as a link to \/opt\/shared, and nothing in the image is at \/opt\/shared/);
    expect(r.code).toBe(1);
  });

  for (const order of ['before', 'after'] as const) {
    it(`a COPY puts the code at /opt/shared (${order} the link's COPY): it resolves through the link`, () => {
      const copies = ['COPY src/ ${LAMBDA_TASK_ROOT}/', 'COPY libs/shared/ /opt/shared/'];
      const dir = repo(order === 'before' ? copies.reverse() : copies);
      expect(python(IMPORT, image(dir, true)).code).toBe(0);
      const r = runCli(['--verbose'], { cwd: dir });
      expect(r.stdout).toMatch(/No problems found/);
      expect(r.stdout + r.stderr).not.toMatch(/only partly known|holds in the image is not known/);
      expect(r.code).toBe(0);
    });
  }

  it('a RUN not simulated may fill /opt/shared: not known, no error, said', () => {
    const dir = repo(['COPY src/ ${LAMBDA_TASK_ROOT}/', 'RUN curl -s https://example.com/shared.tgz | tar -xz -C /opt']);
    // Python's verdict depends on what the download holds: with the code there it imports, without it not.
    expect(python(IMPORT, image(dir, true)).code).toBe(0);
    expect(python(IMPORT, image(dir, false)).code).not.toBe(0);
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.stdout).toMatch(/No problems found/);
    expect(r.stderr).toMatch(/COPY keeps \/var\/task\/shared as a link to \/opt\/shared: what \/opt\/shared holds in the image is not known \(imports through it are not judged\)/);
    expect(r.code).toBe(0);
  });

  it('the rest of the package stays checked: a missing handler module is still HND001', () => {
    const dir = repo(['COPY src/handler.py ${LAMBDA_TASK_ROOT}/', 'COPY src/ /var/task/app/', 'RUN curl -s https://example.com/shared.tgz | tar -xz -C /opt'].slice(1));
    const task = image(dir, true);
    fs.rmSync(path.join(task, 'handler.py'));
    expect(python(IMPORT, task).code).not.toBe(0); // handler.py is at /var/task/app/, not /var/task
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.stdout).toMatch(/HND001 {2}error {2}handler "handler\.handler" of Dockerfile names a module that is not in the package/);
    expect(r.stdout + r.stderr).not.toMatch(/only partly known/);
  });
});
