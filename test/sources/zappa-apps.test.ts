// #15 leftovers item 5 (topic `apps`): Zappa's slim_handler, zappa_settings.toml and `extends` more than one
// level deep. slim_handler packages the same project as an archive that Zappa's handler.py extracts to
// /tmp/<project_name> and inserts first on sys.path (load_remote_project_archive): `slimLoad` does that with the
// package Zappa builds and imports app_function as its handler does. TOML values carry no positions: findings
// point at line 1 of the file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: unknown[] }
const check = (repo: string): Out => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

const APP = {
  'api/__init__.py': '',
  'api/main.py': 'from flask import Flask\nfrom api.routes import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp)\n',
  'api/routes.py': 'from flask import Blueprint\n\nbp = Blueprint("users", __name__)\n',
};

/** The slim package: the project archive extracted to a /tmp-like folder, first on sys.path, app_function imported. */
function slimLoad(repo: string, app: string): { stdout: string; stderr: string } {
  const out = copyTree(repo);
  const project = path.join(out, 'tmp', 'api');
  fs.mkdirSync(path.dirname(project), { recursive: true });
  const code = [
    'import importlib, shutil, sys, tarfile, io',
    `shutil.copytree(${JSON.stringify(repo)}, ${JSON.stringify(project)})`,
    `sys.path.insert(0, ${JSON.stringify(project)})`,
    `m, a = ${JSON.stringify(app)}.rsplit(".", 1)`,
    'print(type(getattr(importlib.import_module(m), a)).__name__)',
  ].join('\n');
  return python(code, out);
}

describe('Zappa slim_handler', () => {
  it('is read as the package it extracts: app_function resolves, nothing reported, the function checked', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.json': JSON.stringify({ prod: { project_name: 'api', app_function: 'api.main.app', slim_handler: true } }) + '\n' });
    expect(slimLoad(repo, 'api.main.app').stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken twin: an import the app makes is missing from the project: MOD003 (it was named as not read)', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.json': JSON.stringify({ prod: { project_name: 'api', app_function: 'api.main.app', slim_handler: true } }) + '\n' });
    fs.rmSync(path.join(repo, 'api/routes.py'));
    expect(slimLoad(repo, 'api.main.app').stderr).toContain("No module named 'api.routes'");
    expect(check(repo).findings.map(pick)).toEqual(['api/main.py:2 MOD003']);
  });
});

describe('zappa_settings.toml', () => {
  const toml = (app: string) => `[dev]\nproject_name = "api"\napp_function = "${app}"\nruntime = "python3.12"\nexclude = ["tests"]\n`;

  it('is read: app_function resolves, nothing reported, the function checked (it was not seen)', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.toml': toml('api.main.app') });
    expect(slimLoad(repo, 'api.main.app').stdout).toBe('Flask\n');
    expect(check(repo).findings).toEqual([]);
    expect(runCli(['package', repo]).stdout).toContain('function api-dev  zappa, zip');
  });

  it('broken twin: app_function names an app the module lacks: HND002 at line 1', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.toml': toml('api.main.application') });
    expect(slimLoad(repo, 'api.main.application').stderr).toContain("has no attribute 'application'");
    expect(check(repo).findings.map(pick)).toEqual(['zappa_settings.toml:1 HND002']);
  });

  it('a file that is not TOML is named, not judged', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.toml': '[dev\napp_function = 1\n' });
    const r = runCli([repo, '--no-cache', '--verbose']);
    expect(r.stdout + r.stderr).toContain('is not valid TOML');
  });
});

describe('Zappa extends, more than one level', () => {
  const settings = (app: string) =>
    JSON.stringify({ base: { project_name: 'api', app_function: app, runtime: 'python3.12' }, staging: { extends: 'base' }, prod: { extends: 'staging', s3_bucket: 'b' } }, null, 2) + '\n';

  it('prod extends staging extends base: prod gets base\'s app_function, which resolves', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.json': settings('api.main.app') });
    expect(slimLoad(repo, 'api.main.app').stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken twin: base\'s app_function is wrong: every stage that extends it reports HND002 there', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.json': settings('api.main.application') });
    expect(slimLoad(repo, 'api.main.application').stderr).toContain("has no attribute 'application'");
    const found = check(repo).findings.map(pick);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(['zappa_settings.json:4 HND002']));
  });

  it('a cycle is named as not checked (Zappa raises RuntimeError), never judged', () => {
    const repo = writeTree({ ...APP, 'zappa_settings.json': JSON.stringify({ a: { extends: 'b', app_function: 'api.main.app' }, b: { extends: 'a' } }) + '\n' });
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(JSON.stringify(out.notChecked ?? [])).toContain('cycle');
  });
});
