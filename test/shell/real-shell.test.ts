// The simulator against real bash: the same script runs in a temporary folder and on the virtual tree mounted at
// that folder's path; the trees (and the zip's entries) must agree.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShellSim, runScript } from '../../src/shell/index.js';
import { builderCalls } from '../../src/sources/builder-calls.js';

const FILES = ['src/app/__init__.py', 'src/app/main.py', 'src/app/cache.pyc', 'src/app/sub/x.py', 'src/lib/util.py', 'requirements.txt'];
const HAS_ZIP = existsSync('/usr/bin/zip');
const HAS_RSYNC = existsSync('/usr/bin/rsync');

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function realTree(root: string): { files: string[]; dirs: string[] } {
  const files: string[] = [];
  const dirs: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(root, p).split(sep).join('/');
      if (e.isDirectory()) {
        dirs.push(rel);
        walk(p);
      } else files.push(rel);
    }
  };
  walk(root);
  return { files: files.sort(), dirs: dirs.sort() };
}

function zipEntries(zip: string): string[] {
  const out = execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', zip], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '' && !l.endsWith('/')).sort();
}

describe('the simulator agrees with bash', () => {
  it('mkdir, cp, mv, rm (and rsync, zip when installed) leave the same tree', () => {
    const root = mkdtempSync(join(tmpdir(), 'pc-shell-'));
    temps.push(root);
    for (const f of FILES) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), f);
    }
    const lines = [
      'mkdir -p build/lib out',
      'cp -r src/app build/',
      'cp src/lib/util.py build/lib/',
      'cp -r src/lib renamed',
      'cp -r src/app/. out',
      'mv out/main.py out/entry.py',
      'mv renamed out/',
      'rm -rf out/sub build/app/cache.pyc',
      'mkdir flat && cp -r src/app/* flat/',
      'mkdir dotted && cp ./requirements.txt ./src/app/*.py dotted/',
    ];
    // Real zip and rsync are part of the cross-check: .ci/run installs them (Debian's zip, rsync).
    expect(HAS_RSYNC && HAS_ZIP, 'this test needs /usr/bin/zip and /usr/bin/rsync: apt-get install zip rsync (bash .ci/run does)').toBe(true);
    lines.push("rsync -a --exclude '*.pyc' --exclude 'sub/' src/app/ synced", 'rsync -a src/lib synced/');
    lines.push("cd build && zip -qr ../app.zip . -x '*.pyc'");
    const script = lines.join('\n') + '\n';
    execFileSync('/usr/bin/bash', ['-e', '-c', script], { cwd: root });

    const fx = runScript(script, {
      root,
      files: FILES,
      home: '/nonexistent',
      cwd: root,
      env: () => undefined,
      locate: (s, e) => ({ file: 's.sh', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }),
    });
    expect(fx.unknowns).toEqual([]);
    const simFiles = [...fx.vfs.files.keys()].filter((p) => p.startsWith(root + '/')).map((p) => p.slice(root.length + 1)).sort();
    const simDirs = [...fx.vfs.dirs].filter((p) => p.startsWith(root + '/')).map((p) => p.slice(root.length + 1)).sort();
    const real = realTree(root);
    expect(real.files).toEqual(expect.arrayContaining(['out/entry.py', 'out/renamed/util.py', 'flat/sub/x.py', 'build/lib/util.py']));
    expect(simFiles).toEqual(real.files);
    expect(simDirs).toEqual(real.dirs);
    // Each copy remembers the checked file it came from: its content is that file's path.
    for (const [p, f] of fx.vfs.files) {
      if (f.src !== null && p.startsWith(root + '/')) expect(execFileSync('/usr/bin/cat', [p], { encoding: 'utf8' }), p).toBe(f.src);
    }
    const z = fx.zips.get(join(root, 'app.zip'))!;
    expect([...z.files.keys()].sort()).toEqual(zipEntries(join(root, 'app.zip')));
  });
});

describe('the simulator agrees with bash on build-script control flow and calls', () => {
  it('functions, tests, loops, pushd/popd, find, $(dirname "$0"), ${1:-dev}, shift, source, a called script, dotglob', () => {
    const files: Record<string, string> = {
      'src/app/__init__.py': '',
      'src/app/main.py': '',
      'src/app/cache.pyc': '',
      'src/app/.hidden': '',
      'src/lib/util.py': '',
      'requirements.txt': '',
      'helpers/env.sh': 'OUT_ZIP="app-$STAGE.zip"\n',
      'helpers/pack.sh': '#!/bin/bash\nset -e\ncd "$1"\nzip -qr "../$2" . -x "*.pyc"\n',
      'main.sh': [
        'set -euo pipefail',
        'STAGE="${1:-dev}"',
        'OUT="${2:-out}"',
        'HERE="$(cd "$(dirname "$0")" && pwd)"',
        'copy_app() {',
        '  local dest="$1"',
        '  mkdir -p "$dest"',
        '  cp -r src/app/. "$dest/"',
        '}',
        'if [ ! -d "$OUT" ]; then',
        '  mkdir -p "$OUT"',
        'elif [ -f "$OUT/keep" ]; then',
        '  rm -rf "$OUT"',
        'fi',
        '[ -d nope ] && rm -rf src',
        '[ -f requirements.txt ] || exit 3',
        'copy_app "$OUT/$STAGE"',
        'for part in lib app; do',
        '  mkdir -p "$OUT/parts/$part"',
        '  cp -r "src/$part/"* "$OUT/parts/$part/"',
        'done',
        'pushd "$OUT" >/dev/null',
        'mkdir -p pushed',
        'popd >/dev/null',
        '(cd "$OUT" && mkdir sub && exit 0)',
        'find "$OUT/parts" -name "*.pyc" -delete',
        'find "$OUT" -type d -name sub -exec rm -rf {} +',
        'shift',
        'source helpers/env.sh',
        'bash helpers/pack.sh "$HERE/$OUT/$STAGE" "$OUT_ZIP"',
        'shopt -s dotglob',
        'mkdir dots && cp -r src/app/* dots/',
        'if [ "$#" -eq 0 ]; then exit 0; fi',
        'mkdir never',
      ].join('\n') + '\n',
    };
    const root = mkdtempSync(join(tmpdir(), 'pc-shell-'));
    temps.push(root);
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    expect(HAS_ZIP, 'this test needs /usr/bin/zip').toBe(true);
    execFileSync('/usr/bin/bash', ['main.sh', 'prod'], { cwd: root });

    const sim = new ShellSim({ root, files: Object.keys(files), home: '/nonexistent', calls: builderCalls({ text: (p) => files[p], called: new Set() }) });
    const r = sim.run('bash main.sh prod', { cwd: root, env: () => undefined, locate: (s, e) => ({ file: 's.sh', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }) });
    expect(r.unknowns).toEqual([]);
    expect(r.problems).toEqual([]);
    const under = (xs: Iterable<string>) => [...xs].filter((p) => p.startsWith(root + '/')).map((p) => p.slice(root.length + 1)).sort();
    const real = realTree(root);
    expect(real.files).toEqual(expect.arrayContaining(['out/prod/.hidden', 'out/parts/lib/util.py', 'dots/.hidden', 'out/app-prod.zip']));
    expect(real.dirs).not.toContain('never');
    expect(under(sim.vfs.files.keys())).toEqual(real.files);
    expect(under(sim.vfs.dirs)).toEqual(real.dirs);
    const z = sim.zips.get(join(root, 'out', 'app-prod.zip'))!;
    expect([...z.files.keys()].sort()).toEqual(zipEntries(join(root, 'out', 'app-prod.zip')));
    // The copies of the called script are located in it, the function's in main.sh.
    expect(z.loc.file).toBe('helpers/pack.sh');
    expect(z.files.get('main.py')!.loc).toMatchObject({ file: 'main.sh', line: 8 });
  });
});
