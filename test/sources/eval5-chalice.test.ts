// AWS Chalice projects (topic eval5; folksgl/chalice-cicd-app): `.chalice/config.json` was read by no source, so the
// function was not seen at all ("no Lambda function ... defines one", exit 2). `chalice deploy` packages app.py,
// chalicelib/ and the contents of vendor/ (chalice/deploy/packager.py _iter_app_filenames, _add_vendor_files) and
// deploys `app.app` as `<app_name>-<stage>`: a module beside app.py that app.py imports is not in the package.
// The proof builds the package the way the packager does, with a stand-in for the Chalice runtime it adds
// (chalice/__init__.py), and imports app.app with Python from it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: unknown[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

const CHALICE_RUNTIME = 'class Chalice:\n    def __init__(self, app_name):\n        self.app_name = app_name\n\n    def route(self, path, **kw):\n        return lambda f: f\n';
const LOAD = 'import app\nprint(type(app.app).__name__)';

function project(files: Record<string, string>, config: unknown = { version: '2.0', app_name: 'shop', stages: { dev: { api_gateway_stage: 'api' } } }): string {
  return writeTree({
    '.chalice/config.json': JSON.stringify(config, null, 2) + '\n',
    'requirements.txt': '',
    'chalicelib/__init__.py': '',
    'chalicelib/db.py': 'def users():\n    return []\n',
    ...files,
  });
}

const app = (imports: string, name = 'app') => `from chalice import Chalice\n${imports}\n\n${name} = Chalice(app_name="shop")\n\n\n@${name}.route("/users")\ndef index():\n    return users()\n`;

/** The package as Chalice's packager writes it: app.py, chalicelib/**, vendor/'s contents, and its runtime. */
function chalicePackage(repo: string): string {
  const pkg = path.join(tempDir(), 'pkg');
  const r = python([
    'import os, shutil, sys',
    'src, out = sys.argv[1], sys.argv[2]',
    'os.makedirs(os.path.join(out, "chalice"))',
    'vendor = os.path.join(src, "vendor")',
    'if os.path.isdir(vendor): shutil.copytree(vendor, out, dirs_exist_ok=True)',
    'shutil.copy(os.path.join(src, "app.py"), os.path.join(out, "app.py"))',
    'lib = os.path.join(src, "chalicelib")',
    'if os.path.isdir(lib): shutil.copytree(lib, os.path.join(out, "chalicelib"))',
  ].join('\n'), repo, { args: [repo, pkg] });
  expect(r.stderr).toBe('');
  fs.writeFileSync(path.join(pkg, 'chalice', '__init__.py'), CHALICE_RUNTIME);
  return pkg;
}

describe('eval5: Chalice projects', () => {
  it('app.py imports from chalicelib: app.app resolves in the package, nothing reported, the function checked (not seen before)', () => {
    const repo = project({ 'app.py': app('from chalicelib.db import users') });
    expect(python(LOAD, chalicePackage(repo)).stdout).toBe('Chalice\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    expect(runCli(['package', repo, '--no-cache']).stdout).toContain('function shop-dev  chalice, zip');
  });

  it('broken twin: a module beside app.py is not packaged (works under chalice local): LPK001 on the import', () => {
    const repo = project({ 'app.py': app('from helpers import users'), 'helpers.py': 'def users():\n    return []\n' });
    // Run from the project folder (what `chalice local` does) it imports; from the package it does not.
    expect(python(LOAD, `${repo}:${chalicePackage(repo)}`).stdout).toBe('Chalice\n');
    expect(python(LOAD, chalicePackage(repo)).stderr).toContain("No module named 'helpers'");
    expect(check(repo).findings.map(pick)).toEqual(['app.py:2 LPK001']);
  });

  it('vendor/ contents land at the top of the package: a vendored module imports, nothing reported', () => {
    const repo = project({ 'app.py': app('from tinydb import users'), 'vendor/tinydb/__init__.py': 'def users():\n    return []\n' });
    expect(python(LOAD, chalicePackage(repo)).stdout).toBe('Chalice\n');
    expect(check(repo).findings).toEqual([]);
  });

  it('no stages: the default stage dev; app.py names its Chalice object otherwise: HND001 (Lambda cannot find app.app)', () => {
    const repo = project({ 'app.py': app('from chalicelib.db import users', 'application') }, { version: '2.0', app_name: 'shop' });
    expect(python(LOAD, chalicePackage(repo)).stderr).toContain("has no attribute 'app'");
    const out = check(repo);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['HND001']);
    expect(runCli(['package', repo, '--no-cache']).stdout).toContain('function shop-dev  chalice, zip');
  });
});
