// Deploy readings found wrong on public repositories (topic eval4), each a broken app and its fixed twin with the
// build done for real and the Python that decides. A Terraform `null_resource` whose `provisioner "local-exec"`
// builds the folder an archive_file zips (seagram/bot-or-not: `cp -r src .lambda_package/`, `source_dir =
// "${path.module}/../../../.lambda_package"`): the function was "not checked: .lambda_package is not in the
// repository, and no build step read here creates it", so its missing handler (the real repository's
// src/lambda_handler.py is all comments) went unreported.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: unknown[] }
function check(repo: string): Out {
  return JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
}
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

const MODULE = 'terraform/modules/lambda';
const HANDLER_LINE = 25;

// The command's lines as written in the heredoc; `${path.module}` is Terraform's, substituted before bash runs.
function lambdaTf(steps: string[]): string {
  return [
    'resource "null_resource" "lambda_build" {',
    '  triggers = {',
    '    requirements = filesha1("${path.module}/../../../requirements.txt")',
    '  }',
    '  provisioner "local-exec" {',
    '    command = <<-EOT',
    ...steps.map((s) => `      ${s}`),
    '    EOT',
    '  }',
    '}',
    '',
    'data "archive_file" "lambda_zip" {',
    '  type        = "zip"',
    '  source_dir  = "${path.module}/../../../.lambda_package"',
    '  output_path = "${path.module}/lambda_function.zip"',
    '  depends_on  = [null_resource.lambda_build]',
    '}',
    '',
    'resource "aws_lambda_function" "app" {',
    '  function_name    = "api"',
    '  handler          = "src.lambda_handler.handler"',
    '  runtime          = "python3.12"',
    '  role             = "arn:aws:iam::123456789012:role/api"',
    '  filename         = data.archive_file.lambda_zip.output_path',
    '  source_code_hash = data.archive_file.lambda_zip.output_base64sha256',
    '}',
    '',
  ].join('\n');
}

const BUILD = ['cd ${path.module}/../../..', 'rm -rf .lambda_package', 'mkdir -p .lambda_package', 'pip install --target .lambda_package -r requirements.txt', 'cp -r src .lambda_package/'];
const HANDLER = 'from src.server import app\n\n\ndef handler(event, context):\n    return sorted(r.path for r in app.routes)\n';

function repoWith(steps: string[], lambdaHandler: string): string {
  return writeTree({
    [`${MODULE}/lambda.tf`]: lambdaTf(steps),
    'requirements.txt': 'fastapi\nmangum\n',
    'src/__init__.py': '',
    'src/api/__init__.py': '',
    'src/api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/users")\ndef users():\n    return []\n',
    'src/server.py': 'from fastapi import FastAPI\nfrom src.api import users\n\napp = FastAPI()\napp.include_router(users.router)\n',
    'src/lambda_handler.py': lambdaHandler,
  });
}

/** Runs the local-exec command with bash as Terraform would (pip stubbed: no network) in a copy; returns the copy. */
function build(repo: string, steps: string[]): string {
  const dir = copyTree(repo);
  const script = ['pip() { :; }', ...steps].join('\n').replaceAll('${path.module}', path.join(dir, MODULE));
  const r = spawnSync('bash', ['-e', '-c', script], { cwd: path.join(dir, MODULE), encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return path.join(dir, '.lambda_package');
}

describe('eval4: a Terraform local-exec builds the folder archive_file zips', () => {
  it('the handler module defines no handler (bot-or-not): HND001 on the handler (not checked before)', () => {
    const lambdaHandler = '# from mangum import Mangum\n# from src.server import app\n\n# handler = Mangum(app, lifespan="off")\n';
    const repo = repoWith(BUILD, lambdaHandler);
    const pkg = build(repo, BUILD);
    expect(fs.existsSync(path.join(pkg, 'src/lambda_handler.py'))).toBe(true);
    expect(python('import src.lambda_handler as m; m.handler', pkg).stderr).toContain("module 'src.lambda_handler' has no attribute 'handler'");
    const out = check(repo);
    expect(out.findings.map(pick)).toEqual([`${MODULE}/lambda.tf:${HANDLER_LINE} HND001`]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('fixed twin: the handler is defined and the built package imports: nothing reported, the function checked', () => {
    const repo = repoWith(BUILD, HANDLER);
    const pkg = build(repo, BUILD);
    expect(python('import src.lambda_handler as m; print(m.handler({}, None))', pkg).stdout).toContain("'/users'");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('the copy step puts src\'s contents at the root: LPK003 on the step (the handler module is not in the package)', () => {
    const steps = [...BUILD.slice(0, -1), 'cp -r src/* .lambda_package/'];
    const repo = repoWith(steps, HANDLER);
    const pkg = build(repo, steps);
    expect(python('import src.lambda_handler', pkg).stderr).toContain("No module named 'src'");
    // LPK003 names the copy step: `src` reaches the package by its repository path, not at its root.
    expect(check(repo).findings.map(pick)).toEqual([`${MODULE}/lambda.tf:11 LPK003`]);
  });

  it('a step with a Terraform variable is not guessed: the function is named as not checked, no finding', () => {
    const steps = [...BUILD.slice(0, -1), 'cp -r ${var.source_dir} .lambda_package/'];
    const repo = repoWith(steps, HANDLER);
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(JSON.stringify(out.notChecked ?? [])).toContain('"name":"app"');
  });
});

// Zappa (M-Thirumal/zappa_app, heewinkim/zappa-framework): zappa_settings.json was read by no source, so the
// function was not seen at all ("no Lambda function ... defines one"). Zappa packages the settings file's folder,
// minus `exclude` (shutil.ignore_patterns), and its handler imports app_function (split at the last dot) — what
// `load` below does.
const load = (app: string) => `import importlib\nm, a = ${JSON.stringify(app)}.rsplit(".", 1)\nprint(type(getattr(importlib.import_module(m), a)).__name__)`;

function zappaRepo(settings: Record<string, unknown>): string {
  return writeTree({
    'zappa_settings.json': JSON.stringify({ dev: { project_name: 'api', runtime: 'python3.12', s3_bucket: 'b', ...settings } }, null, 4) + '\n',
    'api/__init__.py': '',
    'api/main.py': 'from flask import Flask\nfrom api.routes import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp)\n',
    'api/routes.py': 'from flask import Blueprint\n\nbp = Blueprint("users", __name__)\n\n\n@bp.route("/users")\ndef users():\n    return "[]"\n',
    'tests/test_api.py': 'def test_ok():\n    assert True\n',
    'requirements.txt': 'flask\n',
  });
}

/** The package as Zappa builds it: the folder copied with shutil.ignore_patterns(*exclude). */
function zappaPackage(repo: string, exclude: string[]): string {
  const out = copyTree(repo);
  const pkg = path.join(out, 'pkg');
  const r = python(`import shutil, sys\nshutil.copytree(${JSON.stringify(repo)}, ${JSON.stringify(pkg)}, ignore=shutil.ignore_patterns(*${JSON.stringify(exclude)}))`, out);
  expect(r.stderr).toBe('');
  return pkg;
}

describe('eval4: Zappa settings', () => {
  it('app_function resolves in the folder Zappa packages: nothing reported, the function checked (not seen before)', () => {
    const repo = zappaRepo({ app_function: 'api.main.app', exclude: ['*.gz', 'tests'] });
    expect(python(load('api.main.app'), zappaPackage(repo, ['*.gz', 'tests'])).stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    expect(runCli(['package', repo]).stdout).toContain('function api-dev  zappa, zip');
  });

  it('broken twin: app_function names an app the module lacks: HND002 on app_function', () => {
    const repo = zappaRepo({ app_function: 'api.main.application' });
    expect(python(load('api.main.application'), repo).stderr).toContain("has no attribute 'application'");
    expect(check(repo).findings.map(pick)).toEqual(['zappa_settings.json:6 HND002']);
  });

  it('exclude leaves the app\'s own package out: reported (the import fails in the package Zappa builds)', () => {
    const repo = zappaRepo({ app_function: 'api.main.app', exclude: ['api'] });
    expect(python(load('api.main.app'), zappaPackage(repo, ['api'])).stderr).toContain("No module named 'api'");
    expect(check(repo).findings.map((f) => f.ruleId)).toContain('HND002');
  });

  it('slim_handler is read as the same package (test/sources/zappa-apps.test.ts): the missing app is HND002', () => {
    const repo = zappaRepo({ app_function: 'api.main.application', slim_handler: true });
    expect(python(load('api.main.application'), zappaPackage(repo, [])).stderr).toContain("has no attribute 'application'");
    expect(check(repo).findings.map(pick)).toEqual(['zappa_settings.json:6 HND002']);
  });
});

// ripcitysoftware/serverless-python-example's build.sh: option flags parsed with getopts, then
// `[[ $clean -eq 1 ]] && clean_up && exit 0` before the packaging steps. The simulator took that exit (its guard
// undecided), so the script ended there and no function was seen at all ("no Lambda function ... defines one").
// bash run without arguments does not exit there, and packages and deploys.
function flagScript(handler: string): string {
  return writeTree({
    'build.sh': [
      '#!/bin/bash',
      'clean=',
      'while getopts "c" opt; do',
      '  case "$opt" in',
      '    c) clean=1;;',
      '  esac',
      'done',
      '[[ $clean -eq 1 ]] && echo "cleaning" && exit 0',
      'package_code() {',
      '  mkdir -p build',
      '  cp -r service lambda.py build',
      '  pushd build',
      '  zip -r example.zip *',
      '  popd',
      '}',
      'package_code',
      `aws lambda create-function --function-name example --runtime python3.12 --handler ${handler} --zip-file fileb://build/example.zip`,
      '',
    ].join('\n'),
    'lambda.py': 'from service.app import app\n\n\ndef handler(event, context):\n    return app.name\n',
    'service/__init__.py': '',
    'service/app.py': 'from flask import Flask\n\napp = Flask("service")\n',
  });
}

/** bash runs the script as it is called (no arguments), `aws` stubbed; the folder zipped is returned. */
function runBuild(repo: string): string {
  const dir = copyTree(repo);
  const r = spawnSync('bash', ['-c', 'aws() { :; }; pushd() { builtin pushd "$@" >/dev/null; }; popd() { builtin popd >/dev/null; }; zip() { :; }; source ./build.sh'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return path.join(dir, 'build');
}

describe('eval4: an undecided guard before `exit` does not end the simulated script', () => {
  it('the handler resolves in what the script packages: the function is checked, nothing reported', () => {
    const repo = flagScript('lambda.handler');
    // `lambda` is a keyword: Lambda's runtime imports it with importlib, as here.
    expect(python('import importlib; m = importlib.import_module("lambda"); print(m.handler({}, None))', runBuild(repo)).stdout).toBe('service\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    // Seen and checked (before: no function at all, which also read as no findings).
    expect(runCli(['package', repo]).stdout).toMatch(/function example {2}script, zip[\s\S]*handler {2}lambda\.handler[\s\S]*resolves in the package \(lambda\.py\)/);
  });

  it('broken twin: the handler names a module the script does not package: HND001', () => {
    const repo = flagScript('handler.handler');
    expect(python('import importlib; importlib.import_module("handler")', runBuild(repo)).stderr).toContain("No module named 'handler'");
    expect(check(repo).findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });
});
