// Topic links2 (#15): `ln` in a build step, simulated with GNU coreutils 9 rules (src/shell/commands/ln.ts). Each
// script runs for real with bash and the real ln in a copy, and on the simulator; the files Python can read in the
// built folder (or the zip unzip restores) must be the simulated ones, and an import decides the verdict.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, writeTree } from '../helpers.js';
import { build, readable, realAndSimulated, said, simFolder, simulate, simZip } from './real-build.js';

/** libs/ holds shared code outside the package folder src/; libs/old/ is a second folder to link to. */
function repo(): string {
  const dir = writeTree({
    'libs/shared/__init__.py': '',
    'libs/shared/db.py': 'X = 1\n',
    'libs/old/__init__.py': '',
    'libs/old/legacy.py': 'Z = 3\n',
    'libs/one.py': 'Y = 2\n',
    'src/pkg/__init__.py': '',
    'src/handler.py': 'import pkg\n',
  });
  fs.symlinkSync('../../libs/old', path.join(dir, 'src/pkg/was'));
  return dir;
}

// `out`: the folder (or zip) the package is; `imports`: what Python must manage from it, true or false each.
const CASES: { script: string; out: string; imports: Record<string, boolean>; named?: RegExp }[] = [
  // Made, then zipped following links: the target's files are stored.
  { script: 'ln -s ../../libs/shared src/pkg/shared && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true } },
  // zip -y stores the link: in /var/task it leaves the package.
  { script: 'ln -s ../../libs/shared src/pkg/shared && cd src && zip -qry ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': false }, named: /zip -y stores pkg\/shared as a link to \.\.\/\.\.\/libs\/shared, which leaves the package/ },
  // The target is relative to the link's folder, not the current one: one `..` short names nothing.
  { script: 'ln -s ../libs/shared src/pkg/shared && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': false }, named: /ln makes src\/pkg\/shared a link to \.\.\/libs\/shared, which names nothing there/ },
  // -r writes the target from the current folder's path.
  { script: 'ln -sr libs/shared src/pkg/shared && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true } },
  // An existing folder as the last operand: the link goes in it under the target's name (a trailing slash too).
  { script: 'ln -s ../../libs/shared src/pkg && ln -s ../../libs/one.py src/pkg/ && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true, 'pkg.one': true } },
  // One operand: ./basename, in the folder ln runs in.
  { script: 'cd src/pkg && ln -s ../../libs/shared && cd .. && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true } },
  // -t DIR, several targets.
  { script: 'ln -s -t src/pkg ../../libs/shared ../../libs/one.py && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true, 'pkg.one': true } },
  // A link to a folder as LINK: without -n the new link goes inside the folder it shows (pkg/was stays legacy).
  { script: 'ln -sf ../../libs/shared src/pkg/was && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.was.legacy': true, 'pkg.was.db': false } },
  // -n with -f replaces the link itself.
  { script: 'ln -sfn ../../libs/shared src/pkg/was && cd src && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.was.db': true, 'pkg.was.legacy': false } },
  // A hard link: the same file under the new name (zip -y has no link to store).
  { script: 'ln libs/one.py src/pkg/one.py && cd src && zip -qry ../app.zip .', out: 'app.zip', imports: { 'pkg.one': true } },
  // A hard link to a link is the link (GNU's default -P): zip -y stores it, and from pkg/ it leaves the package.
  { script: 'ln src/pkg/was src/pkg/also && cd src && zip -qry ../app.zip .', out: 'app.zip', imports: { 'pkg.also.legacy': false } },
  // -L: the file the link shows.
  { script: 'ln -s ../libs/one.py src/one.py && ln -L src/one.py src/pkg/one.py && cd src && zip -qry ../app.zip pkg handler.py', out: 'app.zip', imports: { 'pkg.one': true } },
  // Made before its target exists: a link resolves when read, so the files copied later are what zip stores.
  { script: 'mkdir -p build/app && ln -s ../../dist/shared build/app/shared && mkdir dist && cp -r libs/shared dist/ && cd build/app && zip -qr ../../app.zip .', out: 'app.zip', imports: { 'shared.db': true } },
  // Into a build folder, then copied with cp -r (kept) and zipped following links.
  { script: 'mkdir -p build && cp -r src/. build/ && ln -s ../../libs/shared build/pkg/shared && cd build && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': true } },
  // The same link one level too shallow: it names nothing in the build, said with the link.
  { script: 'mkdir -p build && cp -r src/. build/ && ln -s ../libs/shared build/pkg/shared && cd build && zip -qr ../app.zip .', out: 'app.zip', imports: { 'pkg.shared.db': false }, named: /ln makes build\/pkg\/shared a link to \.\.\/libs\/shared, which names nothing there/ },
  // A folder left as the package (no zip): what the link shows is there.
  { script: 'mkdir out && cp -r src/. out/ && ln -sfn ../../libs/shared out/pkg/shared', out: 'out', imports: { 'pkg.shared.db': true } },
];

describe('ln in a build step agrees with the real ln', () => {
  for (const c of CASES) {
    it(`links2: ${c.script}`, async () => {
      const dir = repo();
      const { fx, task, isZip } = await realAndSimulated(dir, c.script, c.out);
      expect(isZip ? simZip(fx, path.join(dir, c.out)) : simFolder(fx, path.join(dir, c.out))).toEqual(readable(task));
      for (const [mod, ok] of Object.entries(c.imports)) expect(python(`import ${mod}`, task).code === 0, mod).toBe(ok);
      // ln is simulated: the package is known (no unknown), what a link leaves out is said.
      expect(fx.fileUnknowns.map((u) => u.why)).toEqual([]);
      if (c.named) expect(said(fx)).toMatch(c.named);
    });
  }

  it('links2: an ln the real ln refuses is an unknown (the step fails), and says why', async () => {
    for (const [script, why] of [
      ['ln -s ../libs/one.py src/handler.py', /ln: failed to create link 'src\/handler\.py': File exists: the step fails/],
      ['ln -s ../libs/one.py src/nope/one.py', /ln: failed to create link 'src\/nope\/one\.py': No such file or directory/],
      ['ln libs/shared src/shared', /ln: libs\/shared: hard link not allowed for directory/],
      ['ln libs/none.py src/none.py', /ln: failed to access 'libs\/none\.py'/],
      ['ln -s libs/one.py libs/shared/db.py src/handler.py', /ln: target 'src\/handler\.py' is not a directory/],
      ['ln -sb ../libs/one.py src/handler.py', /ln -b is not simulated/],
    ] as const) {
      const dir = repo();
      if (!script.includes('-b ') && !script.includes('-sb')) expect(build(dir, script).status, script).not.toBe(0);
      const fx = await simulate(dir, script);
      expect(fx.fileUnknowns.map((u) => u.why).join('\n'), script).toMatch(why);
    }
  });
});
