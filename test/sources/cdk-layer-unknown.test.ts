// eval8 (#15, seen on a public CDK Python app): `layers=[self.create_dependencies_layer(...)]`, a method of the stack
// the reader does not follow, was named "uses layer self is a parameter, not in the checked folder": the reason of
// the unknown value printed as if it were the layer's name. The function is still not checked (what the layer adds
// is not known) and the note now says where the value is and why it is not known. The twin whose layer is a
// LayerVersion of the app is checked: Python imports the handler with the layer's python/ folder on sys.path.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string }[]; notChecked?: { name: string; why: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;

function repo(layer: string): string {
  const stack = [
    'from aws_cdk import Stack, aws_lambda as _lambda',
    'from constructs import Construct',
    '',
    '',
    'class ApiStack(Stack):',
    '    def __init__(self, scope: Construct, construct_id: str, **kwargs):',
    '        super().__init__(scope, construct_id, **kwargs)',
    '        shared = _lambda.LayerVersion(self, "Shared", code=_lambda.Code.from_asset("../layer"))',
    '        _lambda.Function(',
    '            self,',
    '            "Api",',
    '            runtime=_lambda.Runtime.PYTHON_3_12,',
    '            handler="main.handler",',
    '            code=_lambda.Code.from_asset("../api"),',
    `            layers=[${layer}],`,
    '        )',
    '',
    '    def make_layer(self, name):',
    '        return _lambda.LayerVersion(self, name, code=_lambda.Code.from_asset("../build/" + name))',
    '',
  ].join('\n');
  return writeTree({
    'api/main.py': 'from shared_db import connect\n\n\ndef handler(event, context):\n    return {"statusCode": 200, "db": connect()}\n',
    'layer/python/shared_db.py': 'def connect():\n    return "ok"\n',
    'cdk/cdk.json': '{"app": "python3 app.py"}\n',
    'cdk/app.py': 'import aws_cdk as cdk\nfrom api_stack import ApiStack\n\napp = cdk.App()\nApiStack(app, "api")\napp.synth()\n',
    'cdk/api_stack.py': stack,
  });
}

describe('a CDK layer given by a value the reader does not evaluate', () => {
  it('is named not checked with where the value is and why, not with the reason as a layer name', () => {
    const nc = check(repo('self.make_layer("deps")')).notChecked ?? [];
    expect(nc.map((n) => n.why)).toEqual(['uses a layer whose value is not known (cdk/api_stack.py:15:21: self is a parameter): imports it may provide are not checked']);
  });

  it('the twin with the LayerVersion of the app is checked, and Python imports the handler with the layer', () => {
    const dir = repo('shared');
    const out = check(dir);
    expect(out.notChecked ?? []).toEqual([]);
    expect(out.findings).toEqual([]);
    const snippet = `import sys; sys.path.append(${JSON.stringify(path.join(dir, 'layer', 'python'))}); import main; print(main.handler({}, None)["db"])`;
    expect(python(snippet, path.join(dir, 'api')).stdout).toBe('ok\n');
  });
});
