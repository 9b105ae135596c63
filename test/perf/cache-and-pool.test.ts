// The two things that make large checks fast must not change a single finding.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { REPO, runCli, runJson, tempDir } from '../helpers.js';

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
    execFileSync(process.execPath, [path.join(REPO, 'bench', 'generate.mjs'), dir, '400'], { stdio: 'ignore' });
    const cli = runJson([dir, '--no-cache']);
    const inProcess = await run({ base: dir, staged: false });
    expect(inProcess.stats.parsed).toBeGreaterThan(256);
    expect(cli.findings).toEqual(JSON.parse(JSON.stringify(inProcess.findings.map(({ fix, related, endLine, endColumn, ...f }) => ({ ...f, endLine, endColumn, ...(related ? { related } : {}), ...(fix ? { fix } : {}) })))));
  });
});
