// Topic links (#15): a package built through symbolic links, end to end. The workflow's steps run for real with
// bash in a copy (aws stubbed), the archive is unpacked with unzip (which restores links, as Lambda does), and
// Python imports the handler from it; the check must agree: `zip -ry` stores `shared -> ../libs/shared`, which
// leaves the package (the import fails), `zip -r` stores the content (it works). The same for a handler module
// that is itself a link, and for `cp -r` into a build folder one level deeper than the link was made for.
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';
import { DEPLOY, expectVerdict, workflow } from './links-checks.js';

/** libs/ holds the code; src/ (zipped) reaches it through links. `handlerLink`: src/handler.py is a link too. */
function repo(build: string, handlerLink: boolean): string {
  const dir = makeRepo();
  writeTree(
    {
      'libs/shared/__init__.py': '',
      'libs/shared/db.py': 'X = 1\n',
      'libs/h.py': 'def handler(event, context):\n    return 1\n',
      '.github/workflows/deploy.yml': workflow(build),
      ...(handlerLink ? {} : { 'src/handler.py': 'from shared.db import X\n\n\ndef handler(event, context):\n    return X\n' }),
    },
    dir,
  );
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.symlinkSync('../libs/shared', path.join(dir, 'src/shared'));
  if (handlerLink) fs.symlinkSync('../libs/h.py', path.join(dir, 'src/handler.py'));
  commitAll(dir);
  return dir;
}

/** The build for real in a copy (aws a no-op), the archive unpacked; Python's verdict on the handler. */
function lambdaImports(dir: string, build: string): boolean {
  const copy = tempDir('pc-links-build-');
  execFileSync('cp', ['-a', `${dir}/.`, copy]);
  fs.rmSync(path.join(copy, '.git'), { recursive: true, force: true });
  const r = spawnSync('bash', ['-c', `aws() { :; }\n${build}\n${DEPLOY}`], { cwd: copy, stdio: 'pipe' });
  expect(r.status).toBe(0);
  const task = tempDir('pc-links-task-');
  execFileSync('unzip', ['-q', path.join(copy, 'app.zip'), '-d', task]);
  return python('import handler; handler.handler({}, None)', task).code === 0;
}

const CASES: { name: string; build: string; handlerLink: boolean; works: boolean; finding?: RegExp }[] = [
  { name: 'zip -ry keeps a link to a folder outside the package', build: 'cd src && zip -qry ../app.zip .', handlerLink: false, works: false, finding: /MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/ },
  { name: 'zip -r stores what the link shows', build: 'cd src && zip -qr ../app.zip .', handlerLink: false, works: true },
  { name: 'zip -ry keeps the handler module as a link outside the package', build: 'cd src && zip -qry ../app.zip .', handlerLink: true, works: false, finding: /HND001 {2}error {2}handler "handler\.handler" of api names a module that is not in the package/ },
  { name: 'zip -r stores the handler module the link shows', build: 'cd src && zip -qr ../app.zip .', handlerLink: true, works: true },
  {
    name: 'cp -r one level deeper keeps a link that names nothing there',
    build: 'mkdir -p build && cp -r src build/pkg && cd build/pkg && zip -qr ../../app.zip .',
    handlerLink: false,
    works: false,
    finding: /MOD003 {2}error {2}"shared\.db" does not resolve under \/var\/task/,
  },
  { name: 'cp -rL copies what the link shows', build: 'mkdir -p build && cp -rL src build/pkg && cd build/pkg && zip -qr ../../app.zip .', handlerLink: false, works: true },
];

describe('packages built through links', () => {
  for (const c of CASES) {
    it(`links: ${c.name}`, () => {
      const dir = repo(c.build, c.handlerLink);
      expect(lambdaImports(dir, c.build)).toBe(c.works);
      const r = runCli(['--verbose'], { cwd: dir });
      expectVerdict(r, { works: c.works, finding: c.finding, said: /function api: (zip -y stores|cp keeps) .*(shared|handler\.py) as a link to \.\.\/libs\// });
    });
  }
});
