// eval7 (#15, eval6's leftover 1, seen on a public CDK app): a CDK Python app in cdk/ with Code.from_asset("./") and
// handler lambda_function.lambda_handler, the handler file at the repository root, deployed by a job that calls
// another repository's reusable workflow with `cdk-dir: cdk` and `artifact-name: lambda-bundle`. That workflow is
// not read: it may download the artifact (the root's lambda_function.py, built by the CI job) into cdk/ before
// `cdk deploy`. The folder as committed fails (Python: No module named 'lambda_function'); the folder with the
// artifact in it works. Undecidable here: named as not checked with the call, never HND001. The twins: the same
// call without an artifact input, and no external call at all, are judged from the folder (HND001).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; message: string }[]; notChecked?: { name: string; why: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;

const STACK = [
  'from aws_cdk import Stack, aws_lambda as _lambda',
  'from constructs import Construct',
  '',
  '',
  'class LambdaStack(Stack):',
  '    def __init__(self, scope: Construct, construct_id: str, **kwargs):',
  '        super().__init__(scope, construct_id, **kwargs)',
  '        _lambda.Function(',
  '            self,',
  '            "MyLambda",',
  '            runtime=_lambda.Runtime.PYTHON_3_11,',
  '            handler="lambda_function.lambda_handler",',
  '            code=_lambda.Code.from_asset(path="./", exclude=["cdk.out"]),',
  '        )',
  '',
].join('\n');

function deployWorkflow(inputs: string[]): string {
  return ['name: deploy', 'on: workflow_dispatch', 'jobs:', '  deploy:', '    uses: example-org/devops/.github/workflows/cdk-deploy.yml@main', '    with:', ...inputs.map((i) => `      ${i}`), ''].join('\n');
}

function repo(workflow?: string): string {
  return writeTree({
    'lambda_function.py': 'import json\n\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"ok": True})}\n',
    'cdk/cdk.json': '{\n  "app": "python app.py"\n}\n',
    'cdk/app.py': 'import aws_cdk as cdk\nfrom lambda_stack import LambdaStack\n\napp = cdk.App()\nLambdaStack(app, "api")\napp.synth()\n',
    'cdk/lambda_stack.py': STACK,
    'cdk/requirements.txt': 'aws-cdk-lib\nconstructs\n',
    ...(workflow ? { '.github/workflows/deploy.yml': workflow } : {}),
  });
}

describe("a CDK asset folder handed to another repository's workflow with an artifact", () => {
  it('undecidable: named as not checked with the call and the artifact, no HND001', () => {
    const dir = repo(deployWorkflow(["artifact-name: 'lambda-bundle'", "cdk-dir: 'cdk'", "stack: 'api-dev'"]));
    // The asset as committed fails; with the artifact (the root's handler file) put in it, it works.
    expect(python('import lambda_function', path.join(dir, 'cdk')).stderr).toContain("No module named 'lambda_function'");
    const filled = tempDir();
    fs.cpSync(path.join(dir, 'cdk'), filled, { recursive: true });
    fs.copyFileSync(path.join(dir, 'lambda_function.py'), path.join(filled, 'lambda_function.py'));
    expect(python('import lambda_function; print(lambda_function.lambda_handler({}, None)["statusCode"])', filled).stdout).toBe('200\n');
    const out = check(dir);
    expect(out.findings.filter((f) => f.ruleId === 'HND001')).toEqual([]);
    const why = (out.notChecked ?? []).find((n) => n.name === 'MyLambda')?.why ?? '';
    expect(why).toContain('cdk is handed to example-org/devops/.github/workflows/cdk-deploy.yml@main (a workflow of another repository, not read here) with artifact-name: lambda-bundle');
  });

  it('twin: the same call without an artifact input is judged from the folder: HND001', () => {
    const dir = repo(deployWorkflow(["cdk-dir: 'cdk'", "stack: 'api-dev'"]));
    const out = check(dir);
    expect(out.findings.filter((f) => f.ruleId === 'HND001').map((f) => f.file)).toEqual(['cdk/lambda_stack.py']);
    expect((out.notChecked ?? []).map((n) => n.name)).not.toContain('MyLambda');
  });

  it('twin: no workflow at all: HND001, as Python says of the folder', () => {
    const dir = repo();
    expect(python('import lambda_function', path.join(dir, 'cdk')).stderr).toContain("No module named 'lambda_function'");
    expect(check(dir).findings.filter((f) => f.ruleId === 'HND001').map((f) => f.file)).toEqual(['cdk/lambda_stack.py']);
  });
});
