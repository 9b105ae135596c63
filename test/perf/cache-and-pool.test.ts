// The two things that make large checks fast must not change a single finding.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { POOL_AFTER } from '../../src/graph/facts-store.js';
import { RunCache, stagedRunKey } from '../../src/cache/disk.js';
import { indexState } from '../../src/cache/index-key.js';
import { REPO, git, gitWith, runCli, runJson, tempDir } from '../helpers.js';

/** Set every file's mtime 10 s back: the cache never stores files changed in the last 3 s. */
function age(dir: string): void {
  const past = new Date(Date.now() - 10_000);
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else fs.utimesSync(p, past, past);
    }
  };
  walk(dir);
}

describe('the facts cache', () => {
  it('re-parses only the edited file, even among many files of the same size and mtime', () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO, 'examples', 'incident'), dir, { recursive: true });
    age(dir); // many empty __init__.py files now share size and mtime
    const cache = tempDir('pc-cache-');
    const env = { PARITY_CHECK_CACHE_DIR: cache };
    const parsed = (stderr: string) => /\((\d+) parsed, (\d+) cached\)/.exec(stderr)!.slice(1).map(Number);
    const first = runCli([dir, '--timing'], { env });
    expect(parsed(first.stderr), first.stderr).toEqual([21, 0]);
    expect(fs.readdirSync(cache), first.stderr).not.toEqual([]);
    const edited = path.join(dir, 'apps/backend-api/src/main.py');
    fs.appendFileSync(edited, '# edited\n');
    const past = new Date(Date.now() - 5_000); // old enough to be cached; the other files keep their mtimes
    fs.utimesSync(edited, past, past);
    const second = runCli([dir, '--timing'], { env });
    expect(parsed(second.stderr)).toEqual([1, 20]);
    expect(second.stdout.replace(/\d+ files? checked/, '')).toBe(first.stdout.replace(/\d+ files? checked/, ''));
  });
});

describe('the extraction worker pool', () => {
  it('gives exactly the findings of in-process extraction on a repository past the pool threshold', async () => {
    const dir = tempDir();
    execFileSync(process.execPath, [path.join(REPO, 'bench', 'generate.mjs'), dir, '1600'], { stdio: 'ignore' });
    const cli = runJson([dir, '--no-cache']);
    // The built CLI really used the pool (in-process, from source, there is none).
    const timing = runCli([dir, '--no-cache', '--timing']).stderr;
    expect(Number(/(\d+) in worker threads/.exec(timing)?.[1] ?? 0)).toBeGreaterThan(0);
    const inProcess = await run({ base: dir, staged: false });
    expect(inProcess.stats.parsed).toBeGreaterThan(POOL_AFTER);
    expect(cli.findings).toEqual(JSON.parse(JSON.stringify(inProcess.findings.map(({ fix, related, endLine, endColumn, ...f }) => ({ ...f, endLine, endColumn, ...(related ? { related } : {}), ...(fix ? { fix } : {}) })))));
  }, 180_000); // three checks of 1,600 files: past the default 60 s on a loaded machine
});

describe('the git-free warm path of --staged', () => {
  it('answers from the index file and HEAD, and never outlives a change to either', () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO, 'examples', 'incident'), dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    const env = { PARITY_CHECK_CACHE_DIR: tempDir('pc-cache-') };
    const first = runCli(['--staged'], { cwd: dir, env });
    expect(first.code).toBe(1);
    const again = runCli(['--staged'], { cwd: dir, env });
    expect([again.code, again.stdout]).toEqual([1, first.stdout]);
    // Warm, it answers without starting git at all: even with no git on PATH.
    const noGit = runCli(['--staged'], { cwd: dir, env: { ...env, PATH: tempDir('no-git-') } });
    expect([noGit.code, noGit.stdout]).toEqual([1, first.stdout]);

    // Staging the fix changes the index: a fresh answer.
    fs.cpSync(path.join(REPO, 'examples', 'fixed', 'apps'), path.join(dir, 'apps'), { recursive: true });
    git(dir, 'add', '-A');
    expect(runCli(['--staged'], { cwd: dir, env }).code).toBe(0);

    // A temporary index (git commit -a runs the hook with GIT_INDEX_FILE) holding the broken file again.
    const tmpIndex = path.join(dir, '.git', 'tmp-index');
    gitWith(dir, { env: { GIT_INDEX_FILE: tmpIndex } }, 'read-tree', '--empty');
    fs.cpSync(path.join(REPO, 'examples', 'incident', 'apps'), path.join(dir, 'apps'), { recursive: true });
    gitWith(dir, { env: { GIT_INDEX_FILE: tmpIndex } }, 'add', '-A');
    expect(runCli(['--staged'], { cwd: dir, env: { ...env, GIT_INDEX_FILE: tmpIndex } }).code).toBe(1);
    // The real index still holds the fix.
    expect(runCli(['--staged'], { cwd: dir, env }).code).toBe(0);

    // Committing moves HEAD: nothing is staged any more, so nothing is judged.
    git(dir, 'checkout', '-q', '--', '.');
    git(dir, 'commit', '-qm', 'fix', '--no-verify');
    const clean = runCli(['--staged'], { cwd: dir, env });
    expect([clean.code, clean.stdout, clean.stderr]).toEqual([0, '', '']);
  });
});

describe('the warm path key', () => {
  it('is the index file\'s own checksum, or a hash of its bytes when git left the checksum out (index.skipHash)', () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, 'a.py'), 'x = 1\n');
    git(dir, 'add', '-A');
    const real = indexState(dir, {})!;
    expect(real.identity).toMatch(/\0sum:[0-9a-f]{64}$/);
    // The checksum is a hash of everything before it: a different index has a different one.
    fs.writeFileSync(path.join(dir, 'b.py'), 'y = 2\n');
    git(dir, 'add', '-A');
    expect(indexState(dir, {})!.identity).not.toBe(real.identity);
    // An index written with index.skipHash ends in zeros (git 2.40+): its bytes are hashed instead,
    // so two such indexes that differ only before the trailer still differ.
    const index = fs.readFileSync(path.join(dir, '.git', 'index'));
    const skipped = (bytes: Buffer) => {
      const file = path.join(tempDir(), 'index');
      fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, bytes.length - 20), Buffer.alloc(20)]));
      return indexState(dir, { GIT_INDEX_FILE: file })!.identity;
    };
    const changed = Buffer.from(index);
    changed[changed.length - 30] ^= 1;
    expect(skipped(index)).toMatch(/\0sha256:[0-9a-f]{64}$/);
    expect(skipped(index).split('\0')[2]).not.toBe(skipped(changed).split('\0')[2]);
  });

  it('never answers from an entry stored for another key text under the same name', () => {
    const runs = new RunCache(tempDir('pc-cache-'));
    const a = stagedRunKey('tool', '/repo', ['format=pretty'], 'head\0index\0sum:1');
    runs.set(a.key, { code: 1, stdout: 'found\n', stderr: '' }, a.proof);
    expect(runs.get(a.key, a.proof)?.stdout).toBe('found\n');
    // Same file name, other text (as a collision of the quick hash would be): a miss.
    expect(runs.get(a.key, `${a.proof}x`)).toBeUndefined();
    expect(stagedRunKey('tool', '/repo', ['format=pretty'], 'head\0index\0sum:2').key).not.toBe(a.key);
  });
});
