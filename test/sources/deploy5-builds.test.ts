// Deploy shapes #15 left (topic deploy5), each a broken app and its fixed twin with the build done for real (bash in a
// copy, only aws/pip/docker stubbed) and /usr/bin/python3 importing from what the build made:
//   1. CodeBuild buildspec.yml (t-okuji): its phases' commands are a build script; a pushed `docker build .`
//      builds the last stage, which may be no Lambda image;
//   3. a Terraform child module's `var.zip_file` set by the calling module block (irvi01);
//   4. the aws CLI held in a variable, deploying under an undecided `if` (ripcitysoftware);
//   5. a Go image beside a Python one (adamsulemanji): not Python, so not "a Python function not checked".
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: { name: string; why: string }[] }
function check(repo: string): Out {
  return JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
}
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

/** Runs `script` with bash in a copy of `repo` (aws, pip, docker, pipenv stubbed: they need AWS or the network). */
function runBuild(repo: string, script: string, cwd = ''): string {
  const dir = copyTree(repo);
  // Exported: the scripts run as their own bash processes.
  const stubs = 'aws() { :; }\npip() { :; }\ndocker() { :; }\npipenv() { :; }\nexport -f aws pip docker pipenv\n';
  const r = spawnSync('bash', ['-e', '-c', stubs + script], { cwd: path.join(dir, cwd), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

/** The zip unpacked as Lambda does into /var/task. */
function unzip(zip: string): string {
  const to = tempDir('pc-task-');
  const r = spawnSync('unzip', ['-q', zip, '-d', to], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return to;
}

const LAMBDA_PY = 'from pkg.core import handle\n\n\ndef handler(event, context):\n    return handle(event)\n';

// ---------------------------------------------------------------------------
// 4. ripcitysoftware/serverless-python-example build.sh: LCMD="aws lambda --endpoint-url=…", then
// `if [ -z "$EXISTS" ]; then $LCMD create-function … --handler $HANDLER; else $LCMD update-function-code …; fi`.
// Before: "example.zip not checked: its handler is not known" ($LCMD was taken for a program path, and the
// undecided if ran neither branch).
function ripcityRepo(handler: string): string {
  return writeTree({
    'lambda.py': LAMBDA_PY,
    'pkg/__init__.py': '',
    'pkg/core.py': 'def handle(event):\n    return {"ok": True}\n',
    'build.sh': [
      '#!/bin/bash',
      'LCMD="aws lambda --endpoint-url=http://localhost:4574"',
      'BUILD_DIR=build',
      `HANDLER="${handler}"`,
      'package_code() {',
      '    mkdir -p $BUILD_DIR',
      '    cp -r pkg lambda.py $BUILD_DIR',
      '    pushd $BUILD_DIR',
      '    zip -r example.zip *',
      '    popd',
      '}',
      'create_lambda() {',
      '    EXISTS=$($LCMD list-functions --output text)',
      '    if [ -z "$EXISTS" ]; then',
      '        $LCMD create-function --function-name Ex --zip-file fileb://$BUILD_DIR/example.zip \\',
      '          --runtime python3.12 --role arn:aws:iam::1:role/r --handler $HANDLER',
      '    else',
      '        $LCMD update-function-code --function-name Ex --zip-file fileb://$BUILD_DIR/example.zip',
      '    fi',
      '}',
      'package_code',
      'create_lambda',
      '',
    ].join('\n'),
  });
}

describe('deploy5: the aws CLI in a variable, deploying under an undecided if', () => {
  it('fixed: both branches deploy the zip; create-function states the handler, which imports: checked, clean', () => {
    const repo = ripcityRepo('lambda.handler');
    const task = unzip(path.join(runBuild(repo, 'bash build.sh >/dev/null'), 'build/example.zip'));
    expect(python('import importlib; m = importlib.import_module("lambda"); print(m.handler({}, None))', task).stdout).toBe("{'ok': True}\n");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken: the handler names a function lambda.py lacks: HND001 (not checked before)', () => {
    const repo = ripcityRepo('lambda.main');
    const task = unzip(path.join(runBuild(repo, 'bash build.sh >/dev/null'), 'build/example.zip'));
    expect(python('import importlib; importlib.import_module("lambda").main', task).stderr).toContain("module 'lambda' has no attribute 'main'");
    expect(check(repo).findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });

  it('a variable the branches set differently is not known afterwards: the zip it names is not guessed', () => {
    const repo = ripcityRepo('lambda.handler');
    const sh = fs.readFileSync(path.join(repo, 'build.sh'), 'utf8')
      .replace('        $LCMD create-function', '        ZIP=a.zip\n        $LCMD create-function')
      .replace('        $LCMD update-function-code', '        ZIP=b.zip\n        $LCMD update-function-code')
      .replace('create_lambda\n', 'create_lambda\nzip -r "$ZIP" pkg lambda.py\naws lambda update-function-code --function-name Other --zip-file "fileb://$ZIP" --handler x.y\n');
    fs.writeFileSync(path.join(repo, 'build.sh'), sh);
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect((out.notChecked ?? []).map((n) => n.name)).not.toContain('a.zip');
    expect((out.notChecked ?? []).map((n) => n.name)).not.toContain('b.zip');
  });
});

// ---------------------------------------------------------------------------
// 3. irvi01: modules/lambda-func/main.tf `filename = var.zip_file`, infra/main.tf `module "lambda_func" { source =
// "./modules/lambda-func"; zip_file = var.package_zip }`, `variable "package_zip" { default = "../package.zip" }`,
// scripts/package.sh builds package.zip. Before: "this not checked (var.zip_file is a variable)" and a second
// "package.zip not checked: handler not known": one function named twice.
function moduleRepo(copy: string, zipFile = 'var.package_zip', extra: Record<string, string> = {}): string {
  return writeTree({
    'app/api.py': 'from fastapi import FastAPI\nfrom routes import users\n\napp = FastAPI()\napp.include_router(users.router)\n\n\ndef handler(event, context):\n    return [r.path for r in app.routes]\n',
    'app/routes/__init__.py': '',
    'app/routes/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/users")\ndef users():\n    return []\n',
    'app/requirements.txt': 'fastapi\n',
    'scripts/package.sh': ['#!/usr/bin/env bash', 'set -euo pipefail', 'ROOT="$(cd "$(dirname "$0")/.." && pwd)"', 'BUILD_DIR="$ROOT/build"', 'ZIP_PATH="$ROOT/package.zip"', 'rm -rf "$BUILD_DIR" "$ZIP_PATH"', 'mkdir -p "$BUILD_DIR"', 'python -m pip install -r "$ROOT/app/requirements.txt" -t "$BUILD_DIR" || true', copy, '( cd "$BUILD_DIR" && zip -qr "$ZIP_PATH" . )', ''].join('\n'),
    'infra/main.tf': `module "lambda_func" {\n  source      = "./modules/lambda-func"\n  lambda_name = "api"\n  runtime     = "python3.12"\n  zip_file    = ${zipFile}\n}\n`,
    'infra/variables.tf': 'variable "package_zip" {\n  type    = string\n  default = "../package.zip"\n}\n',
    'infra/modules/lambda-func/main.tf': 'resource "aws_lambda_function" "this" {\n  function_name    = var.lambda_name\n  role             = "arn:aws:iam::1:role/r"\n  filename         = var.zip_file\n  handler          = "api.handler"\n  runtime          = var.runtime\n  source_code_hash = filebase64sha256(var.zip_file)\n}\n',
    'infra/modules/lambda-func/variables.tf': 'variable "lambda_name" { type = string }\nvariable "runtime" {\n  type    = string\n  default = "python3.11"\n}\nvariable "zip_file" { type = string }\n',
    ...extra,
  });
}

/** Imports `api` from the zip package.sh builds (`python -m pip` stubbed: fastapi comes from /usr/bin/python3). */
function importApi(repo: string): string {
  const built = runBuild(repo, 'python() { :; }\nexport -f python\nbash scripts/package.sh');
  const task = unzip(path.join(built, 'package.zip'));
  const r = python('import api; print(sorted(r.path for r in api.app.routes if r.path == "/users"))', task);
  return r.stdout + r.stderr;
}

describe('deploy5: a Terraform child module\'s input variables come from the calling module block', () => {
  it('fixed: var.zip_file is the root\'s ../package.zip, which package.sh builds: one function, checked, clean', () => {
    const repo = moduleRepo('cp -R "$ROOT/app/"* "$BUILD_DIR/"');
    expect(importApi(repo)).toBe("['/users']\n");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    const verbose = runCli([repo, '--no-cache', '--verbose']).stderr;
    expect(verbose).toContain('module input zip_file = var.package_zip, taken at its default "../package.zip"');
  });

  it('broken: package.sh copies the app folder itself, so api is app/api.py in the zip: reported (not checked before)', () => {
    const repo = moduleRepo('cp -R "$ROOT/app" "$BUILD_DIR/"');
    expect(importApi(repo)).toContain("No module named 'api'");
    const out = check(repo);
    expect(out.findings.map((f) => f.ruleId)).toContain('HND001');
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('a tfvars file may set the root variable: its default is not used, the function is named as not checked once', () => {
    const repo = moduleRepo('cp -R "$ROOT/app" "$BUILD_DIR/"', 'var.package_zip', { 'infra/prod.tfvars': 'package_zip = "../dist/prod.zip"\n' });
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(JSON.stringify(out.notChecked)).toContain('var.package_zip is a variable');
  });

  it('a caller\'s data.archive_file output: the archive the root zips is the child\'s package (broken and fixed)', () => {
    const archive = 'data "archive_file" "pkg" {\n  type        = "zip"\n  source_dir  = "${path.module}/../SRC"\n  output_path = "${path.module}/../package.zip"\n}\n';
    for (const [src, ok] of [['app', true], ['app/routes', false]] as const) {
      const repo = moduleRepo('true', 'data.archive_file.pkg.output_path', { 'infra/archive.tf': archive.replace('SRC', src) });
      // archive_file zips source_dir's contents at the zip's root: the folder is the package.
      const r = python('import api; print(type(api.handler).__name__)', path.join(repo, src));
      expect(ok ? r.stdout : r.stderr).toContain(ok ? 'function' : "No module named 'api'");
      const out = check(repo);
      expect(out.notChecked ?? []).toEqual([]);
      expect(out.findings.map((f) => f.ruleId)).toEqual(ok ? [] : ['HND001']);
    }
  });
});

// ---------------------------------------------------------------------------
// 5. adamsulemanji: a Go image (golang build stage, `FROM alpine`, `COPY --from=builder /app/main .`,
// `ENTRYPOINT ["/app/main"]`) was named "GoApiFunction not checked: its handler is not known".
const GO_DOCKERFILE = 'FROM golang:1.22-alpine AS builder\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/main .\n\nFROM alpine:latest\nWORKDIR /app\nCOPY --from=builder /app/main .\nENTRYPOINT ["/app/main"]\n';

function samRepo(pyHandler: string): string {
  return writeTree({
    'template.yaml': [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  GoApi:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      PackageType: Image',
      '    Metadata:',
      '      Dockerfile: Dockerfile',
      '      DockerContext: ./go_api',
      '  PyApi:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      PackageType: Image',
      '    Metadata:',
      '      Dockerfile: Dockerfile',
      '      DockerContext: ./api',
      '',
    ].join('\n'),
    'go_api/Dockerfile': GO_DOCKERFILE,
    'go_api/main.go': 'package main\n\nfunc main() {}\n',
    'api/Dockerfile': `FROM public.ecr.aws/lambda/python:3.12\nCOPY main.py \${LAMBDA_TASK_ROOT}/\nCMD ["${pyHandler}"]\n`,
    'api/main.py': 'def handler(event, context):\n    return {"ok": True}\n',
  });
}

describe('deploy5: a Go image is not a Python function', () => {
  it('the Go image is left out as another language (said in --verbose); the Python image beside it is judged', () => {
    const repo = samRepo('main.handler');
    // What the image's final stage holds, COPY by COPY: only the Go binary, no Python at all.
    expect(GO_DOCKERFILE.split('FROM alpine')[1]).not.toMatch(/python|\.py\b/);
    expect(python('import main; print(main.handler({}, None))', path.join(repo, 'api')).stdout).toBe("{'ok': True}\n");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    expect(runCli([repo, '--no-cache', '--verbose']).stderr).toMatch(/function GoApi is not checked as Python: runtime golang:1\.22-alpine: not Python/);
  });

  it('broken twin: the Python image\'s CMD names a missing handler: HND001 there, nothing about the Go image', () => {
    const repo = samRepo('main.run');
    expect(python('import main; main.run', path.join(repo, 'api')).stderr).toContain("has no attribute 'run'");
    const out = check(repo);
    expect(out.findings.map(pick)).toEqual(['api/Dockerfile:3 HND001']);
    expect(out.notChecked ?? []).toEqual([]);
  });
});
