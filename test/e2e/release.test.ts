// scripts/release.mjs on a copy of this repository, then the install paths the README gives without a
// registry: `npm install git+<url>#v<version>` of the tag it made, and the tarball it packed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneThisRepo } from './this-repo.js';
import { REPO, copyTree, git, runCli, tempDir, writeTree } from '../helpers.js';
import { BROKEN_LAZY, FIXED, SRC } from '../gate/gate-helpers.js';

function project(work: string, name: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), `{"name":"${name}","version":"1.0.0","private":true}\n`);
  return dir;
}

describe('scripts/release.mjs', () => {
  it('bumps, tags a commit carrying dist/ and no devDependencies, packs; an install from the tag runs the dist/ of the tag', () => {
    const work = tempDir('pc-release-');
    const shared = fs.readdirSync(path.join(REPO, 'node_modules')).sort();
    const clone = cloneThisRepo(work);

    execFileSync('node', ['scripts/release.mjs', '9.9.9', '--repository', 'https://github.com/acme/parity-check'], { cwd: clone, stdio: 'pipe', env: { ...process.env, npm_config_cache: path.join(work, 'npm-cache') } });
    expect(git(clone, 'log', '-1', '--format=%s').trim()).toBe('Release v9.9.9');
    expect(JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8')).version).toBe('9.9.9');
    const tagged = JSON.parse(git(clone, 'show', 'v9.9.9:package.json'));
    expect(tagged.devDependencies).toBeUndefined();
    expect(tagged.scripts.prepare).toBeUndefined();
    expect(git(clone, 'ls-tree', '--name-only', 'v9.9.9', 'dist/').split('\n')).toContain('dist/cli.cjs');
    expect(git(clone, 'ls-tree', '--name-only', 'v9.9.9', 'node_modules').trim()).toBe('');
    // --repository: the one place links come from (src/links.ts) and package.json's fields name it.
    expect(JSON.parse(git(clone, 'show', 'v9.9.9:config/parity-check.schema.json')).$id).toBe('https://raw.githubusercontent.com/acme/parity-check/v9.9.9/config/parity-check.schema.json');
    expect(git(clone, 'show', 'v9.9.9:src/links.ts')).toContain("export const REPOSITORY_URL: string | undefined = 'https://github.com/acme/parity-check';");
    expect(tagged.repository).toEqual({ type: 'git', url: 'git+https://github.com/acme/parity-check.git' });
    expect(tagged.homepage).toBe('https://github.com/acme/parity-check#readme');
    expect(tagged.bugs).toEqual({ url: 'https://github.com/acme/parity-check/issues' });
    // newcomer2: the README (Install) says exactly what --repository writes into package.json.
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const said = (key: string, v: unknown) => `"${key}": ${JSON.stringify(v).replaceAll('https://github.com/acme/parity-check', 'https://host/owner/parity-check').replaceAll('":', '": ').replaceAll(',"', ', "')}`;
    for (const key of ['repository', 'homepage', 'bugs']) expect(readme).toContain(said(key, tagged[key]));
    expect(git(clone, 'status', '--porcelain').trim()).toBe(''); // the branch's tree is untouched
    expect(fs.existsSync(path.join(clone, 'parity-check-9.9.9.tgz'))).toBe(true);

    const app = copyTree(FIXED, path.join(work, 'app'));
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, app);
    // The tarball's install is test/e2e/install.test.ts; here the git tag's. --ignore-scripts, and the
    // native tree-sitter packages linked to this repository's built ones: compiling tree-sitter from
    // source again (no prebuild for this glibc) would take minutes and prove nothing about the tag.
    const dir = project(work, 'from-git');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error', `git+file://${clone}#v9.9.9`], { cwd: dir, stdio: 'pipe' });
    const installed = path.join(dir, 'node_modules', 'parity-check');
    expect(fs.existsSync(path.join(installed, 'dist', 'cli.cjs'))).toBe(true); // no build on install: the tag's dist/
    expect(fs.existsSync(path.join(dir, 'node_modules', 'vitest'))).toBe(false); // no devDependency came along
    for (const native of ['tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', 'tree-sitter-typescript', '@tree-sitter-grammars/tree-sitter-hcl']) {
      // npm may nest a copy under the package (the tree-sitter override): link every copy.
      for (const base of [dir, installed]) {
        const at = path.join(base, 'node_modules', native);
        if (base === installed && !fs.existsSync(at)) continue;
        fs.rmSync(at, { recursive: true, force: true });
        fs.mkdirSync(path.dirname(at), { recursive: true });
        fs.symlinkSync(path.join(REPO, 'node_modules', native), at, 'dir');
      }
    }
    const bin = path.join(dir, 'node_modules', '.bin', 'parity-check');
    expect(runCli(['--version'], { bin }).stdout.trim()).toBe('9.9.9');
    const r = runCli([app], { bin });
    expect(r.code, r.stderr + r.stdout).toBe(1);
    expect(r.stdout).toContain('MOD001');
    const sarif = JSON.parse(runCli([app, '--format', 'sarif'], { bin }).stdout);
    expect(sarif.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'MOD001').helpUri).toBe('https://github.com/acme/parity-check/blob/v9.9.9/docs/rules/MOD001.md');
    expect(fs.readdirSync(path.join(REPO, 'node_modules')).sort()).toEqual(shared); // the linked build tools untouched
  }, 300_000);
});
