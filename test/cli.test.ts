// The CLI as a process: exit codes, JSON on stdout, one-line messages on stderr.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { copyTree, git, python, REPO, runCli, runJson, tempDir, writeTree } from './helpers.js';

const EXAMPLES = path.join(REPO, 'examples');
const where = (f: { ruleId: string; file: string; line: number; column: number }) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;

describe('the bundled example', () => {
  it('reports the incidents with exact places and exits 1', () => {
    const r = runJson([path.join(EXAMPLES, 'incident')]);
    expect(r.code).toBe(1);
    const src = 'apps/backend-api/src';
    expect(r.findings.map(where)).toEqual([
      `MDL001 ${src}/contexts/auth/models.py:12:35`,
      `MOD004 ${src}/lazy_app.py:11:33`,
      `MOD001 ${src}/lazy_app.py:27:18`,
      `MOD001 ${src}/lazy_app.py:28:17`,
      `MOD001 ${src}/lazy_app.py:29:18`,
      `MOD001 ${src}/lazy_app.py:30:23`,
      `PAR001 ${src}/main.py:23:1`,
    ]);
    expect(r.findings[2].message).toBe(
      `"src.api.v1.providers" (_ROUTER_MAP["providers"]) does not resolve under ${src} (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.providers"?`,
    );
    expect(r.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('is clean on the fixed twin: exit 0, no findings', () => {
    const r = runJson([path.join(EXAMPLES, 'fixed')]);
    expect(r.code).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.stderr).toBe('');
  });

  it('prints findings with a code frame and a summary, without colour when not on a terminal', () => {
    const r = runCli([path.join(EXAMPLES, 'incident')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('apps/backend-api/src/main.py:23:1  PAR001  error  GZipMiddleware is registered in main.py:23 but not in lazy_app.py (served by handler.py)');
    expect(r.stdout).toContain('  > 23 | app.add_middleware(GZipMiddleware, minimum_size=500)');
    expect(r.stdout).toContain('✖ 7 errors');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('checks the folder it is run from by default', () => {
    const r = runJson([], { cwd: path.join(EXAMPLES, 'incident') });
    expect(r.code).toBe(1);
    expect(r.findings.length).toBe(7);
  });
});

describe('bad input', () => {
  it('a config with several problems: exit 2, every problem at once with its path', () => {
    const dir = writeTree({
      'parity-check.config.json': JSON.stringify({ apps: [{ name: 'a', root: 'nope/src', entrypoints: ['main.py'] }, { name: 2, rot: 'x', entrypoints: [] }], allow: [{ rule: 'PAR001', reason: '' }] }),
    });
    const r = runCli([dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('apps[1].name: expected a string, found number');
    expect(r.stderr).toContain('apps[1]: unknown key "rot" (did you mean "root"?)');
    expect(r.stderr).toContain('allow[0].reason: a reason is required');
    expect(r.stderr).not.toContain('    at ');
  });

  it('a missing entry point: exit 2 naming the file', () => {
    const dir = writeTree({ 'src/main.py': 'x = 1\n', 'parity-check.config.json': JSON.stringify({ apps: [{ name: 'a', root: 'src', entrypoints: ['main.py', 'lazy_app.py'] }] }) });
    const r = runCli([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('apps[0].entrypoints[1]: file "src/lazy_app.py" does not exist');
  });

  it('broken JSON: exit 2 with line and column', () => {
    const dir = writeTree({ 'parity-check.config.json': '{\n  "apps": [\n}\n' });
    const r = runCli([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/parity-check\.config\.json: invalid JSON at line 3, column 1/);
  });

  it('a folder that does not exist: one line, exit 2', () => {
    const r = runCli([path.join(tempDir(), 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing does not exist');
  });

  it('--staged outside a git repository: one line naming the folder, exit 2', () => {
    const dir = writeTree({ 'main.py': 'x = 1\n' });
    const r = runCli(['--staged', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${dir} is not inside a git repository`);
  });

  it('a broken baseline file: one line naming it, exit 2', () => {
    const dir = copyTree(path.join(EXAMPLES, 'fixed'));
    fs.writeFileSync(path.join(dir, 'parity-check-baseline.json'), '{"version": 1, "entries": [');
    const r = runCli([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^parity-check: parity-check-baseline\.json: /);
  });

  it('usage errors exit 2', () => {
    expect(runCli(['--no-such-flag']).code).toBe(2);
    expect(runCli(['--format', 'xml', '.']).stderr).toContain('unknown format "xml"');
    expect(runCli(['explain', 'NOPE123']).code).toBe(2);
  });

  it('a syntax error and undecodable bytes: PARSE001 with the path, and the rest is still checked', () => {
    const dir = copyTree(path.join(EXAMPLES, 'incident'));
    const src = path.join(dir, 'apps/backend-api/src');
    fs.writeFileSync(path.join(src, 'core/config.py'), 'class Settings(:\n    pass\n');
    fs.writeFileSync(path.join(src, 'core/middleware.py'), Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a]));
    const r = runJson([dir]);
    expect(r.code).toBe(1);
    const parse = r.findings.filter((f) => f.ruleId === 'PARSE001');
    expect(parse.map((f) => [f.file, f.severity])).toEqual([
      ['apps/backend-api/src/core/config.py', 'warning'],
      ['apps/backend-api/src/core/middleware.py', 'warning'],
    ]);
    expect(parse[1].message).toContain('0xff');
    expect(r.findings.filter((f) => f.ruleId === 'MOD001')).toHaveLength(4);
  });

  it('file names with spaces and non-ASCII letters are reported with their real path', () => {
    const files = {
      'café app/main.py': 'from fastapi import FastAPI\n\nfrom routes import router\n\napp = FastAPI()\napp.include_router(router)\n',
      'café app/lazy_app.py': 'import importlib\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\ndef load():\n    return importlib.import_module("src.routes").router\n',
      'café app/routes.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n',
    };
    const dir = writeTree(files);
    const r = runJson([dir]);
    expect(r.code).toBe(1);
    expect(r.findings.map(where)).toEqual(['MOD001 café app/lazy_app.py:9:36']);
    expect(r.stderr).toContain('discovered an app at café app with entry points main.py, lazy_app.py');
  });
});

describe('the built command line and the snapshot it makes', () => {
  // cli.cjs makes the snapshot and pipeline.cjs reads it: two bundles, two copies of every snapshot
  // class, so the pipeline must not tell a snapshot by its class.
  it('applies the config\'s ignore globs', () => {
    const dir = copyTree(path.join(EXAMPLES, 'incident'));
    const configFile = path.join(dir, 'parity-check.config.json');
    const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
    const before = runJson([dir, '--no-cache']).findings.map((f: { file: string }) => f.file);
    expect(before).toContain('apps/backend-api/src/contexts/auth/models.py');
    fs.writeFileSync(configFile, JSON.stringify({ ...config, ignore: ['apps/backend-api/src/contexts/auth'] }));
    const after = runJson([dir, '--no-cache']).findings.map((f: { file: string }) => f.file);
    expect(after).not.toContain('apps/backend-api/src/contexts/auth/models.py');
    expect(after.length).toBeGreaterThan(0);
  });

  it('reports what the snapshot could not list (a staged link to a file outside the index)', () => {
    const dir = copyTree(path.join(EXAMPLES, 'fixed'));
    fs.symlinkSync('../outside.py', path.join(dir, 'link.py'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    const r = runCli([dir, '--staged', '--no-cache']);
    expect(r.stderr).toContain('link.py: symbolic link to "../outside.py" points outside the checked folder: what Python finds through it is not checked');
  });
});

describe('zero config', () => {
  it('discovers an app from two files that create FastAPI apps, and says so on stderr', () => {
    const dir = copyTree(path.join(EXAMPLES, 'incident'));
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    const r = runJson([dir]);
    expect(r.stderr).toContain('discovered an app at apps/backend-api/src with entry points main.py, lazy_app.py, handler.py');
    expect(r.code).toBe(1);
    // Without the config's allow entry, the lazy loader middleware is a (real) difference too.
    expect(r.findings.map((f) => f.ruleId)).toContain('MOD001');
  });

  describe('an app made by a factory (`app = create_app()`)', () => {
    const factoryApp = {
      'svc/src/core/__init__.py': '',
      'svc/src/core/factory.py':
        'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\n\ndef create_app():\n    app = FastAPI()\n    app.add_middleware(GZipMiddleware, minimum_size=500)\n    return app\n',
      'svc/src/main.py': 'from core.factory import create_app\n\napp = create_app()\n',
      'svc/src/lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      // Calls a function of the same name that makes no app: never an entry point.
      'svc/src/tools/__init__.py': '',
      'svc/src/tools/cli.py': 'def create_app():\n    return {}\n\n\napp = create_app()\n',
      'svc/src/tools/other.py': 'from tools.cli import create_app\n\napp = create_app()\n',
    };

    it('is discovered, and what the factory registers is compared (Python agrees: GZip on one app only)', () => {
      const dir = writeTree(factoryApp);
      const r = runJson([dir]);
      expect(r.stderr).toContain('discovered an app at svc/src with entry points main.py, lazy_app.py');
      expect(r.stderr).not.toContain('svc/src/tools');
      expect(r.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['PAR001 svc/src/core/factory.py']);
      expect(r.code).toBe(1);
      const py = python(
        'import main, lazy_app\nprint([m.cls.__name__ for m in main.app.user_middleware], [m.cls.__name__ for m in lazy_app.app.user_middleware])',
        path.join(dir, 'svc', 'src'),
      );
      expect(py.stdout.trim()).toBe("['GZipMiddleware'] []");
    });

    it('reports nothing about the files a rejected candidate imports (probing it reads them, checks nothing)', () => {
      const dir = writeTree({
        ...factoryApp,
        'svc/src/tools/other.py': 'from tools.cli import create_app\nimport tools.broken  # noqa: F401\n\napp = create_app()\n',
        'svc/src/tools/broken.py': 'def broken(:\n',
      });
      const r = runJson([dir]);
      expect(r.stderr).toContain('discovered an app at svc/src with entry points main.py, lazy_app.py');
      expect(r.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['PAR001 svc/src/core/factory.py']);
    });

    it('init writes it into the starter config', () => {
      // A package.json: the JSON config (a Python-only folder gets pyproject.toml, test/e2e/install.test.ts).
      const dir = writeTree({ ...factoryApp, 'package.json': '{}\n' });
      const r = runCli(['init', dir]);
      expect(r.code).toBe(0);
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'parity-check.config.json'), 'utf8'));
      expect(config.apps.map((a: { root: string; entrypoints: string[] }) => [a.root, a.entrypoints])).toEqual([['svc/src', ['main.py', 'lazy_app.py']]]);
    });

    it('a caller whose function of that name is not the factory is not an app', () => {
      const dir = writeTree({ ...factoryApp, 'svc/src/main.py': 'from tools.cli import create_app\n\napp = create_app()\n' });
      const r = runJson([dir]);
      expect(r.stderr).not.toContain('discovered an app at svc/src');
      expect(r.stderr).toContain('no app to check');
      expect(r.code).toBe(2);
    });
  });

  it('with nothing to check: says why, no green tick, exit 2 (a CI job pointed at the wrong folder must not pass)', () => {
    const r = runCli([writeTree({ 'x.py': 'print(1)\n' })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no app to check');
    expect(r.stdout).toContain('Nothing checked: no app found');
    expect(r.stdout).not.toContain('No problems found');
  });
});

describe('explain and rules', () => {
  it.each(RULES.map((r) => [r.code]))('explain %s prints what, why, bad, good and how to fix', (code) => {
    const r = runCli(['explain', code]);
    expect(r.code).toBe(0);
    for (const heading of ['What it finds', 'Why it breaks production', 'Bad', 'Good', 'How to fix']) expect(r.stdout).toContain(`\n${heading}\n`);
    expect(r.stdout.startsWith(code)).toBe(true);
  });

  it('rules lists every code', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    for (const rule of RULES) expect(r.stdout).toContain(rule.code);
  });
});
