// A CDK app without cdk.json (topic deploy5, mlops-club/serverless-fastapi): the Justfile runs `cd infrastructure &&
// cdk deploy --app "python app.py"`, and the stacks are a src/-layout package the app imports (`pip install -e`).
// Before: "Nothing checked", no function named. An app.py that imports aws_cdk and calls synth(), with no cdk.json
// beside it, is read as the app; each case is proved with /usr/bin/python3 importing the handler from the asset folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: { name: string; why: string }[] }
function check(repo: string, verbose = false) {
  const r = runCli([repo, '--no-cache', '--format', 'json', ...(verbose ? ['--verbose'] : [])]);
  return { out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
}

function cdkRepo(handler: string, extra: Record<string, string> = {}): string {
  return writeTree({
    'Justfile': 'deploy:\n    cd infrastructure && cdk deploy --all --app "python app.py"\n',
    'infrastructure/app.py': 'from aws_cdk import App\nfrom api_iac.stack import ApiStack\n\nAPP = App()\nApiStack(APP, "api")\nAPP.synth()\n',
    'infrastructure/setup.py': 'from setuptools import setup, find_packages\nsetup(name="api-iac", package_dir={"": "src"}, packages=find_packages("src"))\n',
    'infrastructure/src/api_iac/__init__.py': '',
    'infrastructure/src/api_iac/stack.py': [
      'from aws_cdk import Stack',
      'from aws_cdk import aws_lambda as lambda_',
      '',
      '',
      'class ApiStack(Stack):',
      '    def __init__(self, scope, construct_id, **kwargs):',
      '        super().__init__(scope, construct_id, **kwargs)',
      `        lambda_.Function(self, "Api", runtime=lambda_.Runtime.PYTHON_3_12, handler="${handler}", code=lambda_.Code.from_asset("../rest-api/src"))`,
      '',
    ].join('\n'),
    'rest-api/src/main.py': 'from routes import ping\n\n\ndef handler(event, context):\n    return ping()\n',
    'rest-api/src/routes.py': 'def ping():\n    return "pong"\n',
    ...extra,
  });
}

describe('deploy5: a CDK app without cdk.json', () => {
  it('fixed: app.py is read as the app, its src/ stack package too: the function checked, clean (nothing checked before)', () => {
    const repo = cdkRepo('main.handler');
    expect(python('import main; print(main.handler({}, None))', path.join(repo, 'rest-api/src')).stdout).toBe('pong\n');
    const { out, stderr } = check(repo, true);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    expect(stderr).toContain('no cdk.json names a CDK app here: infrastructure/app.py is read as one');
  });

  it('broken: the handler names a function main lacks: HND001 on the stack', () => {
    const repo = cdkRepo('main.handle');
    expect(python('import main; main.handle', path.join(repo, 'rest-api/src')).stderr).toContain("has no attribute 'handle'");
    expect(check(repo).out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['infrastructure/src/api_iac/stack.py:8 HND001']);
  });

  it('an app.py that is no CDK app (a Flask app.py) is not read as one; a cdk.json beside app.py is what names the app', () => {
    const flask = writeTree({ 'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n', 'Makefile': 'synth:\n\tpython app.py\n' });
    expect(check(flask, true).stderr).not.toContain('read as one');
    const repo = cdkRepo('main.handle', { 'infrastructure/cdk.json': '{"app": "python3 app.py"}\n' });
    const { out, stderr } = check(repo, true);
    expect(stderr).not.toContain('read as one');
    expect(out.findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });
});
