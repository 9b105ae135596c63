// Topic links2 (#15): packages built through links by a workflow's steps, end to end with the CLI. Each build runs
// for real with bash in a copy placed one folder below a fresh temporary folder (so a link that climbs out of the
// checkout lands where nothing is, as on a build machine), `aws` stubbed; the zip is unpacked by unzip (which
// restores links, as Lambda does) and Python imports the handler. The check must agree, and a package built
// with `ln` or with a link that escapes the checkout stays known (HND001 and the LPK rules apply).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';
import { DEPLOY, expectVerdict, workflow } from './links-checks.js';

/** libs/shared holds the code the handler imports; `inRepoLink`: src/pkg/shared -> ../../libs/shared is committed. */
function repo(build: string, inRepoLink: boolean): string {
  const dir = makeRepo();
  writeTree(
    {
      'libs/shared/__init__.py': '',
      'libs/shared/db.py': 'X = 1\n',
      'src/pkg/__init__.py': '',
      'src/handler.py': 'from pkg.shared.db import X\n\n\ndef handler(event, context):\n    return X\n',
      '.github/workflows/deploy.yml': workflow(build),
    },
    dir,
  );
  if (inRepoLink) fs.symlinkSync('../../libs/shared', path.join(dir, 'src/pkg/shared'));
  commitAll(dir);
  return dir;
}

function lambdaImports(dir: string, build: string): boolean {
  const copy = path.join(tempDir('pc-links2-build-'), 'repo');
  fs.mkdirSync(copy);
  execFileSync('cp', ['-a', `${dir}/.`, copy]);
  fs.rmSync(path.join(copy, '.git'), { recursive: true, force: true });
  const r = spawnSync('bash', ['-e', '-c', `aws() { :; }\n${build}\n${DEPLOY}`], { cwd: copy, stdio: 'pipe' });
  expect(r.status, String(r.stderr)).toBe(0);
  const task = tempDir('pc-links2-task-');
  execFileSync('unzip', ['-q', path.join(copy, 'app.zip'), '-d', task]);
  return python('import handler; handler.handler({}, None)', task).code === 0;
}

const MISSING = /src\/handler\.py:1:6 {2}MOD003 {2}error {2}"pkg\.shared\.db" does not resolve under \/var\/task/;

const CASES: { name: string; build: string; inRepoLink: boolean; works: boolean; said?: RegExp }[] = [
  // Item 1: pkg/ copied to the checkout's top keeps its link, which then names <checkout>/../libs/shared.
  { name: 'a kept link copied so that it escapes the checkout dangles', build: 'cp -r src/pkg pkg && cp src/handler.py . && zip -qr app.zip handler.py pkg', inRepoLink: true, works: false, said: /cp keeps pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which names nothing there/ },
  { name: 'the same copy following links works', build: 'cp -rL src/pkg pkg && cp src/handler.py . && zip -qr app.zip handler.py pkg', inRepoLink: true, works: true },
  // Item 2: the link made by the build step.
  { name: 'ln -s in the build, zipped following it', build: 'ln -s ../../libs/shared src/pkg/shared && cd src && zip -qr ../app.zip .', inRepoLink: false, works: true },
  { name: 'ln -s in the build, zipped as a link (zip -y) that leaves the package', build: 'ln -s ../../libs/shared src/pkg/shared && cd src && zip -qry ../app.zip .', inRepoLink: false, works: false, said: /zip -y stores pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which leaves the package/ },
  { name: 'ln -s one level short names nothing', build: 'ln -s ../libs/shared src/pkg/shared && cd src && zip -qr ../app.zip .', inRepoLink: false, works: false, said: /ln makes src\/pkg\/shared a link to \.\.\/libs\/shared, which names nothing there/ },
];

describe('workflow builds through ln and escaping links', () => {
  for (const c of CASES) {
    it(`links2: ${c.name}`, () => {
      const dir = repo(c.build, c.inRepoLink);
      expect(lambdaImports(dir, c.build)).toBe(c.works);
      const r = runCli(['--verbose'], { cwd: dir });
      expectVerdict(r, { works: c.works, finding: MISSING, said: c.said });
      // Known either way: no step left unknown, the HND/LPK rules applied.
      expect(r.stdout + r.stderr).not.toMatch(/only partly known|is not simulated/);
    });
  }
});
