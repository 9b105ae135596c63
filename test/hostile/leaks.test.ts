// Hostile input, leaks and injection (#19 items 1, 2, 4): nothing outside the checked repository is
// read and printed, no byte the repository wrote reaches a terminal or a CI log as a control, and
// git runs none of the programs a repository's .git/config names. Every repository is built here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderGithub } from '../../src/reporters/github.js';
import { renderPretty } from '../../src/reporters/pretty.js';
import { shown } from '../../src/cli/shown.js';
import type { Finding } from '../../src/types.js';
import { git, makeRepo, python, tempDir, writeTree } from '../helpers.js';
import { canaryProgram, commitEverything, expectNoCanary, expectRepoUnchanged, expectSandboxWritesOnlyCaches, lazyApp, repoState, runHostile, sandbox, trapFiles, hostileRepo } from './harness.js';

/** A file outside every checked repository, with what must never be printed. */
function secrets(): { dir: string; passwd: string; environ: string; json: string } {
  const dir = tempDir('pc-outside-');
  writeTree(
    {
      passwd: 'root:x:0:0:LEAKED-PASSWD-LINE:/root:/bin/bash\n',
      // Shaped like Python, as /proc/self/environ is close enough to be read as names.
      'environ.py': 'SECRET_TOKEN = "LEAKED-TOKEN-VALUE"\nAWS_SECRET_ACCESS_KEY = "LEAKED-AWS"\n',
      'shared.json': '{ "apps": [ LEAKED-JSON-LINE ] }\n',
    },
    dir,
  );
  return { dir, passwd: path.join(dir, 'passwd'), environ: path.join(dir, 'environ.py'), json: path.join(dir, 'shared.json') };
}

const LEAKS = /LEAKED|SECRET_TOKEN|AWS_SECRET/;

/** An app whose modules are links out of the repository, imported by the Lambda entry point. */
function linkedOut(repo: string, s: ReturnType<typeof secrets>): void {
  writeTree(lazyApp('src'), repo);
  // The entry point imports names from both links: MOD004 would read the linked file and suggest its names.
  fs.appendFileSync(path.join(repo, 'src/lazy_app.py'), 'from settings import SECRET_TOKN\nimport passwd_mod\n');
  fs.symlinkSync(s.environ, path.join(repo, 'src/settings.py'));
  fs.symlinkSync(s.passwd, path.join(repo, 'src/passwd_mod.py'));
  fs.symlinkSync(s.dir, path.join(repo, 'src/outside_pkg'));
}

describe('item 1: links out of the repository are named, never read', () => {
  it('work tree and --staged: a link to a file or a folder outside is named with its path; no byte of it is printed, in any format', () => {
    const box = sandbox();
    const s = secrets();
    const repo = makeRepo();
    linkedOut(repo, s);
    writeTree(trapFiles(box), repo);
    commitEverything(repo);
    // Python does follow the links (so a deploy that copies them ships the outside file): the link is live, not dead.
    expect(python('import settings; print(settings.SECRET_TOKEN)', path.join(repo, 'src')).stdout).toContain('LEAKED-TOKEN-VALUE');

    // A staged change, so that --staged has something to judge.
    fs.appendFileSync(path.join(repo, 'src/api/users.py'), '# staged\n');
    git(repo, 'add', '-A');
    const before = repoState(repo);
    for (const mode of [[], ['--staged']]) {
      for (const format of ['pretty', 'json', 'github', 'sarif']) {
        const r = runHostile(box, [...mode, '--format', format, '--verbose'], { cwd: repo });
        expect(r.code, `${mode} ${format}: ${r.stderr}`).toBe(1); // the src. prefix bug is still found
        expect(r.stdout + r.stderr).not.toMatch(LEAKS);
        const said = r.stdout + r.stderr;
        expect(said).toContain('src/settings.py');
        expect(said).toContain(s.environ);
        expect(said).toContain('src/passwd_mod.py');
      }
    }
    expectRepoUnchanged(repo, before);
    expectNoCanary(box);
    expectSandboxWritesOnlyCaches(box);
  });

  it('a link that stays inside the repository is still followed (a shared module linked into the app)', () => {
    const box = sandbox();
    const repo = makeRepo();
    writeTree({ ...lazyApp('src'), 'libs/shared.py': 'VALUE = 1\n' }, repo);
    fs.appendFileSync(path.join(repo, 'src/lazy_app.py'), 'from shared import MISSING_NAME\n');
    fs.symlinkSync('../libs/shared.py', path.join(repo, 'src/shared.py'));
    commitEverything(repo);
    expect(python('from shared import MISSING_NAME', path.join(repo, 'src')).stderr).toContain("cannot import name 'MISSING_NAME'");
    const r = runHostile(box, ['--format', 'json'], { cwd: repo });
    const codes = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings.map((f) => f.ruleId);
    expect(codes).toContain('MOD004');
  });

  it('extends: a config file outside the repository is refused with its real path, never parsed or quoted', () => {
    const box = sandbox();
    const s = secrets();
    const repo = makeRepo();
    writeTree(lazyApp('src'), repo);
    const cases = [s.json, path.relative(repo, s.json), s.passwd];
    // Also through a link inside node_modules, where the snapshot does not look and the disk is read.
    fs.mkdirSync(path.join(repo, 'node_modules/evil'), { recursive: true });
    fs.symlinkSync(s.json, path.join(repo, 'node_modules/evil/parity-check.config.json'));
    fs.writeFileSync(path.join(repo, 'node_modules/evil/package.json'), '{"name":"evil"}');
    for (const spec of [...cases, 'evil']) {
      fs.writeFileSync(path.join(repo, 'parity-check.config.json'), JSON.stringify({ extends: spec, apps: [{ name: 'a', root: 'src', entrypoints: ['main.py', 'lazy_app.py'] }] }));
      const before = repoState(repo);
      const r = runHostile(box, [], { cwd: repo });
      expect(r.code, spec).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(LEAKS);
      expect(r.stderr).toContain('outside the repository');
      expect(r.stderr).toContain(fs.realpathSync(spec === 'evil' ? s.json : path.resolve(repo, spec)));
      expectRepoUnchanged(repo, before);
    }
    // A shared config inside the repository, above the checked folder, is still read.
    writeTree({ 'base.json': JSON.stringify({ rules: { MOD001: 'warning' } }) }, repo);
    fs.writeFileSync(path.join(repo, 'src/parity-check.config.json'), JSON.stringify({ extends: '../base.json', apps: [{ name: 'a', root: '.', entrypoints: ['main.py', 'lazy_app.py'] }] }));
    const ok = runHostile(box, ['src', '--format', 'json'], { cwd: repo });
    expect(ok.code, ok.stderr).toBe(0); // MOD001 turned into a warning by the extended file
    expect(ok.stdout).toContain('MOD001');
  });
});

/** A Lambda map of 12 wrong paths (past GitHub's 10 annotations), the last with every hostile byte in its key and value. */
const INJECTED =
  Array.from({ length: 12 }, (_, i) => `    "r${i}": "src.api.users${i}",\n`).join('') +
  '    "x\\n::error title=INJECTED::pwned\\x1b]0;retitled\\x07\\x1b[8m\\r\\u009d\\u202e": "src.api.evil\\n::warning title=INJ2::y\\x1b]52;c;Y2xpcA==\\x07",\n';

/** Lines GitHub's runner would take as a command: only ours (annotations, the stop-commands pair). */
function commandLines(out: string): string[] {
  return out.split('\n').filter((l) => l.trimStart().startsWith('::'));
}

describe('item 2: no byte of the repository is sent as a control', () => {
  it('github: annotations, the overflow lines and notices carry no forged command and no control byte', () => {
    const box = sandbox();
    const repo = hostileRepo(lazyApp('src', INJECTED));
    const before = repoState(repo);
    const r = runHostile(box, ['--format', 'github'], { cwd: repo });
    expect(r.code).toBe(1);
    const commands = commandLines(r.stdout);
    const token = commands.find((l) => l.startsWith('::stop-commands::'))?.slice('::stop-commands::'.length);
    expect(token).toMatch(/^pc-[0-9a-f]{32}$/);
    for (const l of commands) expect(l).toMatch(new RegExp(`^(::(error|warning|notice) (file=|title=parity-check::)|::stop-commands::${token}$|::${token}::$)`));
    // The injected finding is in the guarded part, on one line, its bytes shown.
    const guarded = r.stdout.slice(r.stdout.indexOf(`::stop-commands::${token}`), r.stdout.indexOf(`::${token}::`));
    expect(guarded).toContain('\\u001b]0;retitled\\u0007');
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expectRepoUnchanged(repo, before);
  });

  it('pretty, json and sarif: no control byte but newline; JSON still parses to the same strings', () => {
    const box = sandbox();
    const repo = hostileRepo(lazyApp('src', INJECTED));
    for (const format of ['pretty', 'json', 'sarif']) {
      for (const color of [[], ['--color']]) {
        const r = runHostile(box, ['--format', format, ...(format === 'pretty' ? color : [])], { cwd: repo });
        expect(r.code).toBe(1);
        // Colour codes (ESC [ digits m) are ours; no other escape, no CR, no C1, no bidi control.
        expect(r.stdout.replace(/\u001b\[[0-9;]*m/g, '') + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        if (format === 'json') {
          const keys = (JSON.parse(r.stdout) as { findings: { message: string }[] }).findings.map((f) => f.message);
          expect(keys.some((m) => m.includes('\u202e'))).toBe(true); // escaped in the bytes, the same value parsed
        }
      }
    }
  });

  it('reporters: a file name with a line break and control bytes stays one shown line', () => {
    const f = (i: number, file: string): Finding => ({ ruleId: 'MOD001', severity: 'error', file, line: 1, column: 1, message: `m${i}\u001b]0;t\u0007` });
    const findings = Array.from({ length: 11 }, (_, i) => f(i, i === 10 ? 'z\n::error title=FILE::x.py' : `f${i}.py`));
    const out = shown(renderGithub(findings));
    expect(commandLines(out).filter((l) => l.trimStart().startsWith('::error title=FILE'))).toEqual([]);
    expect(out).toContain('z\\n::error title=FILE::x.py:1:1');
    const pretty = shown(renderPretty(findings, { sources: new Map(), color: false }));
    expect(pretty).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(pretty.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });
});

describe('item 4: git runs no program the repository configures', () => {
  it('--staged and the work tree: fsmonitor, textconv, external diff and filters of .git/config never run', () => {
    const box = sandbox();
    const repo = hostileRepo({ ...lazyApp('src'), '.gitattributes': '* diff=trap filter=trap\n' });
    const program = canaryProgram(box);
    for (const [k, v] of [
      ['core.fsmonitor', program],
      ['diff.external', program],
      ['diff.trap.textconv', program],
      ['filter.trap.clean', program],
      ['filter.trap.smudge', program],
      ['core.sshCommand', program],
    ]) git(repo, 'config', k, v);
    // Git itself would run the fsmonitor hook for a plain ls-files: the trap is armed.
    const armed = tempDir('pc-armed-');
    fs.cpSync(repo, armed, { recursive: true });
    git(armed, 'ls-files', '-s');
    expect(fs.existsSync(box.canary), 'git runs core.fsmonitor on ls-files').toBe(true);
    fs.rmSync(box.canary);

    fs.appendFileSync(path.join(repo, 'src/api/users.py'), '# staged change\n');
    const quiet = ['-c', 'filter.trap.clean=cat', '-c', 'filter.trap.smudge=cat'];
    git(repo, '-c', 'core.fsmonitor=false', ...quiet, 'add', '-A');
    const before = repoState(repo, quiet);
    for (const mode of [['--staged'], []]) {
      const r = runHostile(box, mode, { cwd: repo });
      expect(r.code, r.stderr).toBe(1);
    }
    expectNoCanary(box);
    expectRepoUnchanged(repo, before, quiet);
    expectSandboxWritesOnlyCaches(box);
  });
});
