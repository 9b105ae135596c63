// Topic deploy6 (#15 item 5): a function whose zip is built by a step no reader understands (a PowerShell
// build.ps1, a batch file, a Python build script that zips) is named as not checked with that script's path: never a
// silent pass, never a package assumed from another layout (src/sources/unread-builders.ts). Nothing here runs
// PowerShell; the proof is that the zip is not in the repository (so Lambda's package is whatever the script makes),
// and that without the script the reason is the one it was before.
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, runCli, writeTree } from '../helpers.js';

const PS1 = [
  '$ErrorActionPreference = "Stop"',
  'New-Item -ItemType Directory -Force -Path build | Out-Null',
  'Copy-Item -Recurse src\\* build\\pkg\\',
  'Compress-Archive -Path build\\pkg\\* -DestinationPath build\\function.zip -Force',
  '',
].join('\n');

const TEMPLATE = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Transform: AWS::Serverless-2016-10-31',
  'Resources:',
  '  Api:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Runtime: python3.12',
  '      Handler: app.handler',
  '      CodeUri: build/function.zip',
  '',
].join('\n');

const TF = ['resource "aws_lambda_function" "api" {', '  function_name = "api"', '  runtime       = "python3.12"', '  handler       = "app.handler"', '  filename      = "lambda.zip"', '  role          = "arn:aws:iam::123456789012:role/x"', '}', ''].join('\n');
const BUILD_PY = ['import shutil', '', 'shutil.make_archive("lambda", "zip", "src")', ''].join('\n');

function check(files: Record<string, string>) {
  const dir = makeRepo();
  writeTree({ 'src/app.py': 'def handler(event, context):\n    return 1\n', ...files }, dir);
  commitAll(dir);
  return runCli([], { cwd: dir });
}

describe('build steps no reader understands', () => {
  it('deploy6: SAM CodeUri build/function.zip made by build.ps1: not checked, the script named', () => {
    const r = check({ 'template.yaml': TEMPLATE, 'build.ps1': PS1 });
    expect(r.stdout).toMatch(/function Api not checked: .*build\.ps1 \(a PowerShell script\) names function\.zip, and is not read here/);
    expect(r.stdout).not.toMatch(/No problems found(?! in what was checked)/);
  });

  it('deploy6: Terraform filename lambda.zip made by build.py (shutil.make_archive): the script named', () => {
    const r = check({ 'main.tf': TF, 'build.py': BUILD_PY });
    expect(r.stdout).toMatch(/build\.py \(a Python build script\) names lambda\.zip, and is not read here/);
  });

  it('deploy6: the twin without a script naming the zip keeps its reason, and names no script', () => {
    const r = check({ 'template.yaml': TEMPLATE, 'build.ps1': 'Write-Host "nothing to build"\n' });
    expect(r.stdout).toMatch(/function Api not checked/);
    expect(r.stdout).not.toMatch(/build\.ps1/);
  });
});
