// Topic links2 (#15): symbolic links through Dockerfile COPY. Docker is not installed here, so the build proof
// copies files the way BuildKit's COPY does, as read in its source: moby/buildkit frontend/dockerfile/dockerfile2llb
// (COPY is llb.Copy with FollowSymlinks: true, CopyDirContentsOnly: true) and tonistiigi/fsutil copy/copy.go (the
// source is resolved with fs.RootPath, following its links inside the context; in a copied folder every link is
// made again with os.Symlink(os.Readlink(src)), its text unchanged). So a folder source is `cp -a DIR/. DEST/`
// (links kept), a source that is a link is its target's file or folder. The image root is a temporary folder; Python
// imports the handler with PYTHONPATH at its var/task, as the Lambda image does, and the check must agree.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';
import { expectVerdict } from './links-checks.js';

type Copy = [src: string, dest: string];

/** libs/shared holds the code; src/shared -> ../libs/shared (or `link`) reaches it from the handler's folder. */
function repo(copies: Copy[], link = '../libs/shared'): string {
  const dir = makeRepo();
  const dockerfile = ['FROM public.ecr.aws/lambda/python:3.12', ...copies.map(([s, d]) => `COPY ${s} ${d}`), 'CMD ["handler.handler"]', ''].join('\n');
  writeTree(
    {
      'libs/shared/__init__.py': '',
      'libs/shared/db.py': 'X = 1\n',
      'src/handler.py': 'from shared.db import X\n\n\ndef handler(event, context):\n    return X\n',
      Dockerfile: dockerfile,
    },
    dir,
  );
  fs.symlinkSync(link, path.join(dir, 'src/shared'));
  commitAll(dir);
  return dir;
}

/** The image's files as BuildKit's COPY makes them (see the header), under a fresh image root. */
function buildImage(dir: string, copies: Copy[]): string {
  const img = tempDir('pc-links2-image-');
  for (const [src, dest] of copies) {
    const from = fs.realpathSync(path.join(dir, src)); // the source's own links followed (inside the context here)
    const to = path.join(img, dest.replace('${LAMBDA_TASK_ROOT}', '/var/task'));
    if (fs.statSync(from).isDirectory()) {
      fs.mkdirSync(to, { recursive: true });
      execFileSync('cp', ['-a', `${from}/.`, to]);
    } else {
      fs.mkdirSync(dest.endsWith('/') ? to : path.dirname(to), { recursive: true });
      execFileSync('cp', ['-a', from, dest.endsWith('/') ? path.join(to, path.basename(src)) : to]);
    }
  }
  return img;
}

const CASES: { name: string; copies: Copy[]; works: boolean; finding?: RegExp }[] = [
  {
    name: 'a folder copy keeps the link, which names nothing in the image',
    copies: [['src/', '${LAMBDA_TASK_ROOT}/']],
    works: false,
    finding: /src\/handler\.py:1:6 {2}MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/,
  },
  // The twin: the link named as the source is followed (its folder's files are copied).
  { name: 'a link named as the source is followed', copies: [['src/handler.py', '${LAMBDA_TASK_ROOT}/'], ['src/shared/', '${LAMBDA_TASK_ROOT}/shared/']], works: true },
  // The twin: the kept link resolves in the image when its target is copied where it points.
  { name: 'the kept link names what another COPY put where it points', copies: [['libs/', '/var/libs/'], ['src/', '${LAMBDA_TASK_ROOT}/']], works: true },
  { name: 'the kept link names a target copied after it', copies: [['src/', '${LAMBDA_TASK_ROOT}/'], ['libs/', '/var/libs/']], works: true },
];

describe('Dockerfile COPY through links, as BuildKit copies them', () => {
  for (const c of CASES) {
    it(`links2: ${c.name}`, () => {
      const dir = repo(c.copies);
      const img = buildImage(dir, c.copies);
      expect(python('import handler; handler.handler({}, None)', path.join(img, 'var/task')).code === 0).toBe(c.works);
      const r = runCli(['--verbose'], { cwd: dir });
      expectVerdict(r, { works: c.works, finding: c.finding, said: /COPY keeps \/var\/task\/shared as a link to \.\.\/libs\/shared, which names nothing in the image/ });
    });
  }

  // A Lambda base image has nothing in /opt and an image takes no layers: with no step putting it there, the link
  // dangles (deploy7; links-absolute.test.ts holds the pairs, a COPY or a RUN filling /opt).
  it('links2: a kept link to an absolute path nothing in the image fills: it dangles, said', () => {
    const copies: Copy[] = [['src/', '${LAMBDA_TASK_ROOT}/']];
    const dir = repo(copies, '/opt/python/shared');
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.stdout).toMatch(/src\/handler\.py:1:6 {2}MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/);
    expect(r.stderr).toMatch(/COPY keeps \/var\/task\/shared as a link to \/opt\/python\/shared, and nothing in the image is at \/opt\/python\/shared/);
  });

  // RUN ln in the image (the shell simulator runs RUN): the real ln in the image root decides.
  for (const [target, works] of [['src/app', true], ['../src/app', false]] as const) {
    it(`links2: RUN cd /var/task && ln -s ${target} app`, () => {
      const dir = makeRepo();
      writeTree(
        {
          'src/app/__init__.py': '',
          'src/app/main.py': 'def handler(event, context):\n    return 1\n',
          Dockerfile: ['FROM public.ecr.aws/lambda/python:3.12', 'COPY src/ /var/task/src/', `RUN cd /var/task && ln -s ${target} app`, 'CMD ["app.main.handler"]', ''].join('\n'),
        },
        dir,
      );
      commitAll(dir);
      const img = buildImage(dir, [['src/', '/var/task/src/']]);
      execFileSync('ln', ['-s', target, 'app'], { cwd: path.join(img, 'var/task') });
      expect(python('import app.main', path.join(img, 'var/task')).code === 0).toBe(works);
      const r = runCli(['--verbose'], { cwd: dir });
      if (works) expect(r.stdout).toMatch(/No problems found/);
      else expect(r.stdout).toMatch(/Dockerfile:4:6 {2}HND001 {2}error {2}handler "app\.main\.handler" of Dockerfile names a module that is not in the package/);
      expect(r.stdout + r.stderr).not.toMatch(/only partly known|ln is not simulated/);
    });
  }
});

describe('COPY --from another stage keeps its links too', () => {
  // fsutil's copy is the same for a stage as for the context: the link below the copied folder stays a link. In the
  // build stage /app/shared -> ../libs/shared shows /libs/shared; copied out, it names /var/libs/shared.
  for (const [libsInFinal, works] of [[false, false], [true, true]] as const) {
    it(`links2: COPY --from=build /app/ /var/task/${libsInFinal ? ', and /libs/ to /var/libs/' : ' alone'}`, () => {
      const dir = repo([]);
      const lines = [
        'FROM public.ecr.aws/lambda/python:3.12 AS build',
        'COPY src/ /app/',
        'COPY libs/ /libs/',
        'FROM public.ecr.aws/lambda/python:3.12',
        'COPY --from=build /app/ ${LAMBDA_TASK_ROOT}/',
        ...(libsInFinal ? ['COPY --from=build /libs/ /var/libs/'] : []),
        'CMD ["handler.handler"]',
        '',
      ];
      fs.writeFileSync(path.join(dir, 'Dockerfile'), lines.join('\n'));
      commitAll(dir);
      // The build stage as BuildKit copies, then its /app (and /libs) into the final image the same way.
      const stage = buildImage(dir, [['src/', '/app/'], ['libs/', '/libs/']]);
      expect(python('import shared.db', path.join(stage, 'app')).code).toBe(0);
      const img = tempDir('pc-links2-final-');
      fs.mkdirSync(path.join(img, 'var/task'), { recursive: true });
      execFileSync('cp', ['-a', `${path.join(stage, 'app')}/.`, path.join(img, 'var/task')]);
      if (libsInFinal) execFileSync('cp', ['-a', path.join(stage, 'libs'), path.join(img, 'var/libs')]);
      expect(python('import handler; handler.handler({}, None)', path.join(img, 'var/task')).code === 0).toBe(works);
      const r = runCli(['--verbose'], { cwd: dir });
      if (works) expect(r.stdout).toMatch(/No problems found/);
      else expect(r.stdout).toMatch(/src\/handler\.py:1:6 {2}MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/);
    });
  }
});
