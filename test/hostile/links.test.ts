// Topic links (#19 item 9's remainder): what the shell simulator and the work-tree reader may take is bounded.
// A workflow loop doubling the tree is cut at the tree's limit and says so; a FIFO is named and never opened; a
// 2 GiB module is named with its size and not read; /dev/zero linked as a module is never opened. Each run as a
// child process under the harness's heap and time bounds, the work tree and index unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TREE_FILES } from '../../src/shell/vfs.js';
import { MAX_FILE_BYTES } from '../../src/snapshot/worktree.js';
import { git } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

const MODULE = `${SRC}/api/v1/cme.py`;

/** Index bytes and git's view: what a check must not change (treeHash reads every file, so not with 2 GiB). */
function gitState(dir: string): string {
  return git(dir, 'status', '--porcelain=v1', '-z', '--ignored') + fs.readFileSync(path.join(dir, '.git', 'index')).toString('base64');
}

describe('links hostile limits', () => {
  it('links: a workflow loop doubling the tree (cp -r . "d$i", 30 turns) is cut at the limit and named once', () => {
    const turns = Array.from({ length: 30 }, (_, i) => i + 1).join(' ');
    const files: Record<string, string> = {
      ...exampleApp(),
      '.github/workflows/deploy.yml': [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: |',
        `          for i in ${turns}; do cp -r . "d$i"; done`,
        '          cd apps/backend-api/src && zip -r ../../../app.zip .',
        '      - run: aws lambda update-function-code --function-name api --zip-file fileb://app.zip',
        '',
      ].join('\n'),
    };
    const dir = hostileRepo(files);
    const before = treeHash(dir);
    const r = hostileCli(dir, ['--verbose']);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(0);
    const cut = r.stderr.split('\n').filter((l) => l.includes(`the simulated tree takes at most ${MAX_TREE_FILES} files and folders`));
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatch(/^parity-check: \.github\/workflows\/deploy\.yml:8:\d+: .*left out, the copy is cut there/);
    expect(treeHash(dir)).toBe(before);
  });

  it('links: a FIFO where a module is expected is named and never opened (no read that blocks)', () => {
    const dir = hostileRepo(exampleApp());
    fs.rmSync(path.join(dir, MODULE));
    execFileSync('mkfifo', [path.join(dir, MODULE)]);
    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.stderr).toContain(`${MODULE}: not a regular file (a FIFO): not read`);
    // The module Python cannot read is missing from the app: the routers that need it are reported.
    expect(r.code).toBe(1);
    expect(treeHash(dir)).toBe(before);
  });

  it('links: a 2 GiB module is named with its size and not read; the rest is checked', () => {
    const dir = hostileRepo(exampleApp());
    const before = treeHash(dir);
    const file = path.join(dir, MODULE);
    const original = fs.readFileSync(file);
    fs.truncateSync(file, 2 * 1024 ** 3); // sparse: no disk taken
    const st = fs.statSync(file);
    const gitBefore = gitState(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.stdout).toContain(`${MODULE}:1:1  PARSE001  warning  cannot read the file: file is ${2 * 1024 ** 3} bytes, over the ${MAX_FILE_BYTES} bytes`);
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
    expect(gitState(dir)).toBe(gitBefore);
    const after = fs.statSync(file);
    expect([after.size, after.mtimeMs, after.ino]).toEqual([st.size, st.mtimeMs, st.ino]);
    fs.writeFileSync(file, original);
    fs.utimesSync(file, st.atime, st.mtime);
    expect(treeHash(dir).length).toBe(before.length);
  });

  it('links: /dev/zero linked as a module is named as a link out of the repository and never opened', () => {
    const dir = hostileRepo(exampleApp());
    fs.rmSync(path.join(dir, MODULE));
    fs.symlinkSync('/dev/zero', path.join(dir, MODULE));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'zero');
    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.stderr).toContain(`${MODULE}: symbolic link to "/dev/zero" points outside the checked folder`);
    // Not judged: what Python would find through it is not known (and nothing claims "No module named").
    expect(r.stdout).not.toContain("No module named 'api.v1.cme'");
    expect(treeHash(dir)).toBe(before);
  });
});
