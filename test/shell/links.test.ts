// Topic links (#15): symbolic links through build steps. Each script runs for real with bash in a copy of a tree
// that holds links (a folder link, a file link, a link inside the package, a dangling one), and on the simulator
// mounted from the same tree's WorktreeSnapshot (its files and links); what Python can read in the built folder
// (`find -L`: through links, dangling ones left out; a zip unpacked by unzip, which restores links as Lambda does)
// must be the simulated package's files, and an import from the built folder decides the verdict the files imply.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../../src/shell/index.js';
import { MAX_TREE_FILES } from '../../src/shell/vfs.js';
import { python, writeTree } from '../helpers.js';
import { build, readable, simFolder, simulate, simZip, unpacked } from './real-build.js';

/** libs/ is outside the package folder src/; src/pkg/shared and src/shlink point there, src/inner stays inside. */
function linkedRepo(): string {
  const dir = writeTree({
    'libs/shared/__init__.py': '',
    'libs/shared/db.py': 'X = 1\n',
    'libs/one.py': 'Y = 2\n',
    'src/pkg/__init__.py': '',
    'src/handler.py': 'import pkg\n',
  });
  fs.symlinkSync('../../libs/shared', path.join(dir, 'src/pkg/shared'));
  fs.symlinkSync('../../libs/one.py', path.join(dir, 'src/pkg/one.py'));
  fs.symlinkSync('../libs/shared', path.join(dir, 'src/shlink'));
  fs.symlinkSync('pkg', path.join(dir, 'src/inner'));
  fs.symlinkSync('nothing.py', path.join(dir, 'src/dangle.py'));
  return dir;
}

// Each script is built for real in a copy (real-build.ts); its exit status is not asserted here: cp -L and rsync -L
// fail on the dangling link after copying the rest, as in a build.

// Into a folder beside src/ (libs/ is two levels up from out/pkg/shared, as from src/pkg/shared), or one deeper.
const FOLDER_CASES: { script: string; out?: string; shared: boolean; named?: RegExp }[] = [
  // cp -r keeps links: out/pkg/shared -> ../../libs/shared still resolves from out/pkg (same depth).
  { script: 'cp -r src out', shared: true },
  { script: 'cp -rL src out', shared: true },
  { script: 'cp -a src out', shared: true },
  // One level deeper: the kept relative link now names build/libs/shared, which is not there.
  { script: 'mkdir build && cp -r src build/out', out: 'build/out', shared: false, named: /cp keeps build\/out\/pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which names nothing there/ },
  { script: 'mkdir build && cp -rL src build/out', out: 'build/out', shared: true },
  // mv keeps the link: moved back to the same depth it resolves again.
  { script: 'mkdir build && cp -r src build/out && mv build/out out', shared: true },
  { script: 'mkdir build && rsync -a src/ build/out/', out: 'build/out', shared: false, named: /rsync keeps build\/out\/pkg\/shared as a link/ },
  { script: 'rsync -a src/ out/', shared: true },
  // rsync -r without -l skips links: pkg/shared is not copied.
  { script: 'rsync -r src/ out/', shared: false },
  { script: 'rsync -rL src/ out/', shared: true },
  // A glob over a folder of links moves each (inner -> pkg shows what pkg shows once pkg/shared is there too).
  { script: 'mkdir -p out/x && rsync -a src/ out/x/ && mv out/x/* out/', shared: true },
];

describe('links through cp, mv and rsync agree with the real commands', () => {
  for (const c of FOLDER_CASES) {
    it(`links: ${c.script}`, async () => {
      const dir = linkedRepo();
      const real = build(dir, c.script).copy;
      const fx = await simulate(dir, c.script);
      const out = c.out ?? 'out';
      expect(simFolder(fx, path.join(dir, out))).toEqual(readable(path.join(real, out)));
      // Python decides the verdict those files imply.
      const imp = python('import pkg.shared.db', path.join(real, out));
      expect(imp.code === 0).toBe(c.shared);
      expect(fx.vfs.files.has(path.join(dir, out, 'pkg/shared/db.py'))).toBe(c.shared);
      if (c.named) expect([...fx.unknowns, ...fx.notes].map((u) => u.why).join('\n')).toMatch(c.named);
    });
  }

  it('links: a link named as the argument is copied as a link by cp -r, followed with a trailing slash or -L', async () => {
    for (const [script, shared] of [
      ['cp -r src/shlink out', false],
      ['cp -r src/shlink/ out', true],
      ['cp -rL src/shlink out', true],
      ['cp -rH src/shlink out', true],
      ['rsync -a src/shlink out', false],
    ] as const) {
      const dir = linkedRepo();
      const real = build(dir, script).copy;
      const fx = await simulate(dir, script);
      expect(simFolder(fx, path.join(dir, 'out')), script).toEqual(readable(path.join(real, 'out')));
      expect(fs.existsSync(path.join(real, 'out/db.py')), script).toBe(shared);
    }
  });
});

describe('links through zip agree with unzip (as Lambda unpacks)', () => {
  const CASES: { script: string; shared: boolean; inner: boolean }[] = [
    // zip -r follows: the target's content is stored.
    { script: 'cd src && zip -qr ../app.zip .', shared: true, inner: true },
    // zip -ry stores links: pkg/shared -> ../../libs/shared leaves the package in /var/task; inner -> pkg stays.
    { script: 'cd src && zip -qry ../app.zip .', shared: false, inner: true },
    { script: 'cd src && zip -qry ../app.zip pkg/__init__.py handler.py inner', shared: false, inner: true },
    { script: 'cd src && zip -qr --symlinks ../app.zip . -x "inner*"', shared: false, inner: false },
  ];
  for (const c of CASES) {
    it(`links: ${c.script}`, async () => {
      const dir = linkedRepo();
      const real = build(dir, c.script).copy;
      const fx = await simulate(dir, c.script);
      const u = unpacked(path.join(real, 'app.zip'));
      expect(simZip(fx, path.join(dir, 'app.zip'))).toEqual(readable(u));
      expect(python('import pkg.shared.db', u).code === 0).toBe(c.shared);
      expect(python('import inner', u).code === 0).toBe(c.inner);
      if (!c.shared && !c.script.includes('inner')) expect([...fx.unknowns, ...fx.notes].map((u) => u.why).join('\n')).toMatch(/zip -y stores pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which (leaves|names nothing in) the package/);
    });
  }
});

describe('the simulated tree is bounded (#19 item 9)', () => {
  it('links: a loop doubling the tree stops at the limit and says what it cut', () => {
    const files = Array.from({ length: 50 }, (_, i) => `pkg/m${i}.py`);
    const t0 = Date.now();
    const fx = runScript('for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do cp -r . "d$i"; done', {
      root: '/w',
      files,
      home: '/root',
      cwd: '/w',
      env: () => undefined,
      locate: () => ({ file: 's.sh', line: 1, column: 1, endLine: 1, endColumn: 1 }),
    });
    expect(fx.vfs.files.size + fx.vfs.dirs.size).toBeLessThanOrEqual(MAX_TREE_FILES + 64 + 51);
    expect(fx.fileUnknowns.some((u) => /the simulated tree takes at most 100000 files and folders beyond the checkout.*left out, the copy is cut there/.test(u.why))).toBe(true);
    // Linear in the limit: seconds, not the 2^30 files the loop asks for.
    expect(Date.now() - t0).toBeLessThan(60_000);
  });
});
