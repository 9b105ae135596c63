// --staged reads the config from the index: a config or baseline edited on disk but not staged
// gets one line saying so (#18 point 6), and edits elsewhere in pyproject.toml or package.json, or
// a config staged as it is on disk, get none. Real git, the real CLI.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, runCli } from '../helpers.js';

const app = {
  'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
  'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
};
const config = (entrypoints: string[]) => JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints }] });

function repo(files: Record<string, string>): string {
  const dir = makeRepo();
  for (const [p, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, p), text);
  commitAll(dir);
  // A staged change, so the hook has something to check.
  fs.appendFileSync(path.join(dir, 'main.py'), '# edited\n');
  git(dir, 'add', 'main.py');
  return dir;
}
const hints = (dir: string) =>
  runCli(['--staged'], { cwd: dir })
    .stderr.split('\n')
    .filter((l) => l.includes('staged') && !l.includes('no config'));

describe('--staged: config on disk that is not staged', () => {
  it('a config edited and not staged: one line naming it; staged, none', () => {
    const dir = repo({ ...app, 'parity-check.config.json': config(['main.py', 'lazy_app.py']) });
    fs.writeFileSync(path.join(dir, 'parity-check.config.json'), config(['main.py']));
    expect(hints(dir)).toEqual([
      'parity-check: parity-check.config.json has changes that are not staged: --staged reads the staged version (git add parity-check.config.json to check with the one on disk)',
    ]);
    git(dir, 'add', 'parity-check.config.json');
    expect(hints(dir)).toEqual([]);
  });

  it('a new config never added: it is not read, and the line says so', () => {
    const dir = repo(app);
    fs.writeFileSync(path.join(dir, 'parity-check.config.json'), config(['main.py', 'lazy_app.py']));
    expect(hints(dir)).toEqual([
      'parity-check: parity-check.config.json is not staged: --staged checks the staged files, so it is not read (git add parity-check.config.json to use it)',
    ]);
  });

  it('pyproject.toml: an unstaged edit outside [tool.parity-check] is no hint; one inside is', () => {
    const toml = (entry: string, version: string) => `[project]\nname = "x"\nversion = "${version}"\n\n[tool.parity-check]\napps = [{ name = "app", root = ".", entrypoints = [${entry}] }]\n`;
    const dir = repo({ ...app, 'pyproject.toml': toml('"main.py", "lazy_app.py"', '1') });
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), toml('"main.py", "lazy_app.py"', '2'));
    expect(hints(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), toml('"main.py"', '2'));
    expect(hints(dir)).toEqual([
      'parity-check: pyproject.toml has changes that are not staged: --staged reads the staged version (git add pyproject.toml to check with the one on disk)',
    ]);
  });

  it('the baseline file edited and not staged', () => {
    const dir = repo({ ...app, 'parity-check.config.json': config(['main.py', 'lazy_app.py']), 'parity-check-baseline.json': '{"version":1,"entries":[]}\n' });
    fs.writeFileSync(path.join(dir, 'parity-check-baseline.json'), '{"version":1,"entries":[]}\n\n');
    expect(hints(dir)).toEqual([
      'parity-check: parity-check-baseline.json has changes that are not staged: --staged reads the staged version (git add parity-check-baseline.json to check with the one on disk)',
    ]);
  });
});
