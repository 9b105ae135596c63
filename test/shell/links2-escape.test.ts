// Topic links2 (#15): a relative link that a copy moves so that its target climbs out of the checkout. The real
// cp/rsync/mv keep the link as written; from its new folder it names a place above the checkout, where a build
// machine holds nothing of the project: the link dangles, zip -r leaves it out, and Python cannot import through
// it. The simulation says so with the link and keeps the package known (HND001/LPK stay on). A target the tree
// cannot decide stays an unknown: an absolute one, or one the checkout's own link already names outside it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, writeTree } from '../helpers.js';
import { readable, realAndSimulated, said, simFolder, simulate, simZip } from './real-build.js';

/** src/pkg/shared -> ../../libs/shared resolves inside the checkout where it was made. */
function repo(extra?: (dir: string) => void): string {
  const dir = writeTree({ 'libs/shared/__init__.py': '', 'libs/shared/db.py': 'X = 1\n', 'src/pkg/__init__.py': '', 'src/handler.py': 'import pkg\n' });
  fs.symlinkSync('../../libs/shared', path.join(dir, 'src/pkg/shared'));
  extra?.(dir);
  return dir;
}

// Each copies pkg/ one level up (to the checkout's top): the kept link now names <checkout>/../libs/shared.
const ESCAPES: { script: string; out: string; shared: boolean; named: RegExp }[] = [
  { script: 'cp -r src/pkg pkg && zip -qr app.zip pkg', out: 'app.zip', shared: false, named: /cp keeps pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which names nothing there/ },
  { script: 'cp -a src/pkg pkg && zip -qry app.zip pkg', out: 'app.zip', shared: false, named: /zip -y stores pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which leaves the package/ },
  { script: 'rsync -a src/pkg/ pkg/ && zip -qr app.zip pkg', out: 'app.zip', shared: false, named: /rsync keeps pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which names nothing there/ },
  { script: 'mv src/pkg pkg && zip -qr app.zip pkg', out: 'app.zip', shared: false, named: /mv keeps pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which names nothing there/ },
  // The twins: following the link while copying, or copying to the same depth, keeps the files.
  { script: 'cp -rL src/pkg pkg && zip -qr app.zip pkg', out: 'app.zip', shared: true, named: /^$/ },
  { script: 'mkdir build && cp -r src/pkg build/pkg && cd build && zip -qr ../app.zip pkg', out: 'app.zip', shared: true, named: /^$/ },
  // A folder as the package: the link is in it, dangling.
  { script: 'cp -r src/pkg pkg', out: '.', shared: false, named: /cp keeps pkg\/shared as a link/ },
];

describe('a kept link whose target leaves the checkout dangles, as with the real tools', () => {
  for (const c of ESCAPES) {
    it(`links2: ${c.script}`, async () => {
      const dir = repo();
      const { fx, task, isZip } = await realAndSimulated(dir, c.script, c.out);
      const simFiles = isZip ? simZip(fx, path.join(dir, c.out)) : simFolder(fx, dir).filter((f) => f.startsWith('pkg/'));
      expect(simFiles).toEqual(readable(task).filter((f) => isZip || f.startsWith('pkg/')));
      expect(python('import pkg.shared.db', task).code === 0).toBe(c.shared);
      // Known: no unknown, the link said.
      expect(fx.fileUnknowns.map((u) => u.why)).toEqual([]);
      expect(said(fx)).toMatch(c.named);
    });
  }

  it('links2: a link the checkout already points outside itself, or an absolute one, stays an unknown', async () => {
    const dir = repo((d) => {
      fs.symlinkSync('../../sibling/ext', path.join(d, 'src/ext'));
    });
    // src/ext -> ../../sibling/ext names a folder beside the checkout (a second checkout, say): not known.
    const fx = await simulate(dir, 'mkdir out && cp -r src/. out/');
    expect(fx.fileUnknowns.map((u) => u.why).join('\n')).toMatch(/cp keeps out\/ext as a link to \.\.\/\.\.\/sibling\/ext, outside what is simulated: what it shows is not known/);
    // An absolute target: the build machine's (or a layer's) folder, not known either.
    const abs = await simulate(dir, 'ln -s /opt/python/shared src/pkg/extra && cd src && zip -qr ../app.zip .');
    expect(abs.fileUnknowns.map((u) => u.why).join('\n')).toMatch(/ln makes src\/pkg\/extra a link to \/opt\/python\/shared, outside what is simulated/);
  });
});
