import { describe, expect, it } from 'vitest';
import { pipTarget, runScript } from '../../src/shell/index.js';
import { ROOT, filesUnder, sh, whys } from './helpers.js';

describe('simulated commands', () => {
  it('mkdir creates folders with their parents; rm removes files and folders', () => {
    const fx = sh('mkdir -p a/b c\nrm -rf src/app/sub requirements.txt');
    expect(fx.vfs.isDir(`${ROOT}/a/b`) && fx.vfs.isDir(`${ROOT}/a`) && fx.vfs.isDir(`${ROOT}/c`)).toBe(true);
    expect(filesUnder(fx, ROOT)).toEqual(['src/app/__init__.py', 'src/app/main.py', 'src/lib/util.py']);
  });

  it('cd, pushd/popd and subshells set the folder relative paths resolve against', () => {
    const fx = sh('mkdir out\ncd out\nmkdir x\npushd /tmp\nmkdir y\npopd\n(cd x && mkdir z)\nmkdir w');
    for (const d of ['out/x', 'out/x/z', 'out/w']) expect(fx.vfs.isDir(`${ROOT}/${d}`), d).toBe(true);
    expect(fx.vfs.isDir('/tmp/y')).toBe(true);
    const home = sh('cd\nmkdir h');
    expect(home.vfs.isDir('/home/u/h')).toBe(true);
  });

  it('cp: files, -r folders (nested into a folder, renamed to a new name), dir/. and dir/*', () => {
    const fx = sh('mkdir out\ncp -r src/app out/\ncp -r src/lib lib2\ncp requirements.txt out/req.txt\nmkdir flat\ncp -r src/app/* flat\nmkdir dot\ncp -a src/lib/. dot');
    expect(filesUnder(fx, `${ROOT}/out`)).toEqual(['app/__init__.py', 'app/main.py', 'app/sub/x.py', 'req.txt']);
    expect(filesUnder(fx, `${ROOT}/lib2`)).toEqual(['util.py']);
    expect(filesUnder(fx, `${ROOT}/flat`)).toEqual(['__init__.py', 'main.py', 'sub/x.py']);
    expect(filesUnder(fx, `${ROOT}/dot`)).toEqual(['util.py']);
    // A copied file remembers its checked source and the command that placed it.
    expect(fx.vfs.files.get(`${ROOT}/out/req.txt`)).toEqual({ src: 'requirements.txt', loc: { file: 's.sh', line: 4, column: 1, endLine: 4, endColumn: 32 } });
    // dir/* is one contents-of step, not one per match.
    expect(fx.copies.filter((c) => c.step.command.startsWith('cp -r src/app/*')).map((c) => c.step)).toEqual([
      expect.objectContaining({ fromText: 'src/app/*', from: 'src/app', contentsOf: true }),
    ]);
  });

  it('cp without -r skips a folder, into a missing folder with a slash, and of a missing file: unknowns', () => {
    const fx = sh('cp src/app out\ncp src/lib/util.py nowhere/\ncp nothing.py out');
    expect(whys(fx)).toEqual(['cp: -r not specified; omitting directory src/app', 'cp: nowhere/ is not a directory', 'cp: nothing.py does not exist']);
    expect(fx.fileUnknowns).toHaveLength(3);
  });

  it('mv moves (folders too)', () => {
    const fx = sh('mv src/lib lib\nmv requirements.txt lib/');
    expect(filesUnder(fx, ROOT)).toEqual(['lib/requirements.txt', 'lib/util.py', 'src/app/__init__.py', 'src/app/main.py', 'src/app/sub/x.py']);
  });

  it('rsync: trailing slash copies contents, --exclude as rsync reads it, --include is an unknown', () => {
    const fx = sh('rsync -a --exclude "sub/" --exclude=__init__.py src/app pkg/\nrsync -r src/lib/ pkg/lib\nrsync -a --include "*.py" src x');
    expect(filesUnder(fx, `${ROOT}/pkg`)).toEqual(['app/main.py', 'lib/util.py']);
    expect(whys(fx)).toEqual(['rsync --include is not simulated']);
  });

  it('zip: entries relative to the folder zip runs in, -r, -x, and what is outside it', () => {
    const fx = sh('cd src && zip -r ../a.zip app -x "*/sub/*"\nzip b lib/util.py ../requirements.txt');
    const a = fx.zips.get(`${ROOT}/a.zip`)!;
    expect([...a.files.keys()].sort()).toEqual(['app/__init__.py', 'app/main.py']);
    expect(a.root).toBe(`${ROOT}/src`);
    const b = fx.zips.get(`${ROOT}/src/b.zip`)!;
    expect([...b.files.keys()]).toEqual(['lib/util.py']);
    expect(whys(fx)).toEqual(['zip: ../requirements.txt is outside the folder zip runs in']);
    expect(sh('zip -j a.zip src/lib/util.py').unknowns.map((u) => u.why)).toEqual(['zip -j (junk paths) is not simulated']);
  });

  it('pip install -t: one reader for every spelling pip accepts, an install marker into the folder', () => {
    for (const args of [['install', '-t', 'pkg'], ['install', '-tpkg'], ['install', '--target', 'pkg'], ['install', '--target=pkg']]) expect(pipTarget(args), args.join(' ')).toBe('pkg');
    expect(pipTarget(['install', 'requests'])).toBeUndefined();
    expect(pipTarget(['install', '-t'])).toBeNull();
    expect(pipTarget(['install', '-t', null])).toBeNull();
    const fx = sh('pip install -r requirements.txt -t build\npython3 -m pip install --target=b2 x\npip3 install y');
    expect(fx.installs.map((i) => i.intoAbs)).toEqual([`${ROOT}/build`, `${ROOT}/b2`]);
    expect(fx.vfs.isDir(`${ROOT}/build`)).toBe(true);
  });

  it('aws lambda: the function a zip deploys, by --zip-file and then by --function-name', () => {
    const fx = sh('zip -r f.zip src\naws lambda update-function-code --function-name fn --zip-file fileb://f.zip\naws lambda update-function-configuration --function-name=fn --handler app.main.handler --runtime python3.12');
    const z = fx.zips.get(`${ROOT}/f.zip`)!;
    expect(z.functionName).toMatchObject({ value: 'fn' });
    expect(z.handler).toMatchObject({ value: 'app.main.handler', loc: { line: 3 } });
    expect(z.runtime).toMatchObject({ value: 'python3.12' });
    // An aws argument that is not known changes no file: reported, not a file unknown.
    const u = sh('aws lambda update-function-code --function-name $FN');
    expect(whys(u)).toEqual(['aws lambda update-function-code --function-name $FN: $FN is not known']);
    expect(u.fileUnknowns).toEqual([]);
  });

  it('commands not simulated, conditionals that touch files and unknown folders are unknowns', () => {
    const fx = sh('install -m 644 a b\nif true; then cp a b; fi\nif true; then echo hi; fi\ncd $NOPE\ncp src/lib/util.py x');
    expect(whys(fx)).toEqual([
      'install is not simulated',
      'if statement not simulated: it changes files conditionally',
      'cd $NOPE: $NOPE is not known',
      'cp src/lib/util.py x: the folder after `cd $NOPE` is not known ($NOPE is not known)',
    ]);
  });

  it('variables, for loops over literal words, && and ||', () => {
    const fx = sh('OUT=dist\nfor d in app lib; do mkdir -p $OUT/$d; done\nmkdir ok || mkdir never\ntrue && mkdir both', { env: { BASE: 'x' } });
    for (const d of ['dist/app', 'dist/lib', 'ok', 'both']) expect(fx.vfs.isDir(`${ROOT}/${d}`), d).toBe(true);
    expect(fx.vfs.isDir(`${ROOT}/never`)).toBe(false);
  });

  it('echo K=V >> an env file sets what the caller runs next', () => {
    const set: [string, unknown][] = [];
    runScript('echo "OUT=dist" >> "$ENVF"\necho "D=$(date)" >> $ENVF\necho hi > other', {
      root: ROOT,
      files: REPO_FILES,
      home: '/h',
      cwd: ROOT,
      env: (n) => (n === 'ENVF' ? { value: '/env' } : undefined),
      locate: () => ({ file: 's.sh', line: 1, column: 1, endLine: 1, endColumn: 1 }),
      envFile: { matches: (d) => d.includes('ENVF'), set: (k, v) => set.push([k, v]) },
    });
    expect(set).toEqual([['OUT', { value: 'dist' }], ['D', { why: '$D is set from $(date) is a command substitution' }]]);
  });

  it('a syntax error is a problem and an unknown', () => {
    const fx = sh('cp a (');
    expect(fx.problems).toHaveLength(1);
    expect(whys(fx)[0]).toMatch(/^step not simulated: shell syntax error near/);
  });
});

const REPO_FILES = ['a.py'];
