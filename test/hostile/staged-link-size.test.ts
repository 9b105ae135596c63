// Issue #19's --staged size bound, for links: a symbolic link's blob is its target path, and it was
// read whole. No link can hold a target past Linux's PATH_MAX (4,096 bytes: symlink(2) refuses it, so
// git cannot check it out): such a blob is named with its size, not followed and never held; a link
// with a real target beside it is still followed. Generated at test time; the index stays unchanged.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { git } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC } from './harness.js';

/** Stages a symbolic link at `rel` whose target is `target` (no such link need exist on disk). */
function stageLink(dir: string, rel: string, target: string): void {
  const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: target, encoding: 'utf8' }).trim();
  git(dir, 'update-index', '--add', '--cacheinfo', `120000,${blob},${rel}`);
}

describe('--staged: a staged link whose target is past PATH_MAX', () => {
  it('is named with its size and not followed; a link with a real target is followed; the rest is checked', () => {
    const dir = hostileRepo(exampleApp());
    const long = `${SRC}/api/v1/long_link.py`;
    stageLink(dir, long, `${'a/'.repeat(4000)}cme.py`);
    stageLink(dir, `${SRC}/api/v1/short_link.py`, 'cme.py');
    const index = git(dir, 'ls-files', '-s');
    const r = hostileCli(dir, ['--staged', '--verbose']);
    expect(noCrash(r)).toEqual([]);
    const out = r.stdout + r.stderr;
    expect(out).toContain(long);
    expect(out).toContain("8,006 bytes long, past the 4,096 bytes a link can hold (Linux's PATH_MAX)");
    expect(out).not.toMatch(/short_link\.py.*(not followed|past the)/);
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
    expect(git(dir, 'ls-files', '-s')).toBe(index);
  });
});
