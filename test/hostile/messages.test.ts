// Issue #19 item 16, the rest: user mistakes that were named "internal error" or named wrongly.
// `--fix` in a folder it cannot write (it named its temp file); an absolute root `/etc` shown as
// `etc`; a `--config` outside the checked folder whose roots name the checked folder (refused as
// "outside"). Each repository is generated here; held: exit code, no stack trace, bounded heap and
// time (harness.ts), work tree and index unchanged where nothing may be written.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

const CONFIG = 'parity-check.config.json';

function configOf(files: Record<string, string>): { apps: { root: string }[] } & Record<string, unknown> {
  return JSON.parse(files[CONFIG]) as { apps: { root: string }[] } & Record<string, unknown>;
}

/** The example app with the incident's `src.` prefix in its router map: MOD001 with a certain fix. */
function fixableApp(): Record<string, string> {
  const files = exampleApp();
  const lazy = `${SRC}/lazy_app.py`;
  const text = files[lazy];
  const m = /"(api\.[a-z_.0-9]+)"/.exec(text);
  if (!m) throw new Error('the example lazy_app.py has no router map string to break');
  files[lazy] = text.replace(`"${m[1]}"`, `"src.${m[1]}"`);
  return files;
}

describe('item 16: --fix in a folder it cannot write', () => {
  it('one line naming the file and its folder, exit 2, nothing written (no temp file left), the finding kept', () => {
    // Its own folder under /tmp, enterable by uid 1000: the test run's TMPDIR is private.
    const outer = fs.mkdtempSync('/tmp/pc-hostile-c-');
    onTestFinished(() => fs.rmSync(outer, { recursive: true, force: true }));
    fs.chmodSync(outer, 0o755);
    const dir = path.join(outer, 'repo');
    fs.mkdirSync(dir);
    hostileRepo(fixableApp(), dir);
    // Every file writable by anyone, every folder not: the fix could edit the file but not create its temp file beside it.
    execFileSync('chmod', ['-R', 'a+rwX,go-w', dir]);
    execFileSync('find', [dir, '-type', 'f', '-exec', 'chmod', 'a+w', '{}', '+']);
    const check = hostileCli(dir, [], { asUser: 1000 });
    expect(noCrash(check)).toEqual([]);
    expect(check.stdout).toContain('MOD001');
    const before = treeHash(dir);

    const r = hostileCli(dir, ['--fix'], { asUser: 1000 });
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\.tmp\b|EACCES: permission denied, open/);
    const lines = r.stderr.trim().split('\n').filter((l) => !l.includes('git '));
    expect(lines).toEqual([`parity-check: cannot fix ${SRC}/lazy_app.py: its folder ${SRC} is not writable by this user (EACCES); nothing was written`]);
    expect(treeHash(dir)).toBe(before);
    expect(fs.readdirSync(path.join(dir, SRC)).filter((n) => n.startsWith('.'))).toEqual([]);

    // The same folder made writable: the fix is written (the refusal was the folder, not the fix).
    fs.chmodSync(path.join(dir, SRC), 0o777);
    const ok = hostileCli(dir, ['--fix'], { asUser: 1000 });
    expect(noCrash(ok)).toEqual([]);
    expect(ok.stderr).toMatch(/fixed \d+ problems? in 1 file/);
    expect(treeHash(dir)).not.toBe(before);
  });
});

describe('item 16: roots as written, relative to the config file', () => {
  it('an absolute root /etc is shown as written ("/etc", not "etc") and named as outside, exit 2', () => {
    const files = exampleApp();
    const config = configOf(files);
    config.apps[0].root = '/etc';
    const dir = hostileRepo({ ...files, [CONFIG]: JSON.stringify(config) });
    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`apps[0].root: folder "/etc" is outside the checked folder (it is /etc; the checked folder is ${dir}`);
    expect(r.stderr).not.toContain('"etc"');
    expect(treeHash(dir)).toBe(before);
  });

  it('--config outside the checked folder whose root names a folder in it: checked as the in-folder config checks it', () => {
    const files = fixableApp();
    const dir = hostileRepo(files);
    const inside = hostileCli(dir, []);
    expect(noCrash(inside)).toEqual([]);
    expect(inside.code).toBe(1);

    const outside = fs.mkdtempSync('/tmp/pc-hostile-c-config-');
    onTestFinished(() => fs.rmSync(outside, { recursive: true, force: true }));
    const config = configOf(files);
    delete config.$schema;
    const root = config.apps[0].root;
    const write = (name: string, r: string) => {
      const file = path.join(outside, name);
      fs.writeFileSync(file, JSON.stringify({ ...config, apps: [{ ...config.apps[0], root: r }] }));
      return file;
    };
    // Relative to the config file's folder (as the README says), and absolute.
    const relative = write('relative.json', path.join(path.relative(outside, dir), root));
    const absolute = write('absolute.json', path.join(dir, root));
    const before = treeHash(dir);
    for (const cfg of [relative, absolute]) {
      const r = hostileCli(dir, ['--config', cfg]);
      expect(noCrash(r)).toEqual([]);
      expect(r.stderr).not.toContain('outside the checked folder');
      expect(r.code).toBe(inside.code);
      expect(r.stdout).toBe(inside.stdout);
    }
    // A root that really is outside says which folder it is and which folder is checked.
    const away = write('away.json', '.');
    const r = hostileCli(dir, ['--config', away]);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`folder "." is outside the checked folder (it is ${outside}; the checked folder is ${dir}`);
    expect(treeHash(dir)).toBe(before);
  });
});
