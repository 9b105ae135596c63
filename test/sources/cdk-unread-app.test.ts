// eval8 (#15, seen on a public CDK Python app): cdk/cdk.json says `"app": "python3 cdk/app.py"`, a path written
// from the repository's top, but cdk runs the app command in cdk.json's folder, where no cdk/app.py exists. The app
// was not read, and that was said only under --verbose: the default output said "✔ No problems found" while the
// function the stack defines was never seen. Now every output names the unread app (with the path that does exist
// from the top), and counts it as not checked. The twin whose command is `python3 app.py` is read: its function is
// checked (a handler that is not there is HND001). Python decides whether the app command finds its script.
// Also `"app": "python3 -m infra.app"` (seen on another public app): the module's file from cdk.json's folder, which
// is sys.path[0] for the stack's imports; it was read as no script at all.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; message: string }[]; notChecked?: { name: string; why: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;

const STACK = [
  'from aws_cdk import Stack, aws_lambda as _lambda',
  'from constructs import Construct',
  '',
  '',
  'class ApiStack(Stack):',
  '    def __init__(self, scope: Construct, construct_id: str, **kwargs):',
  '        super().__init__(scope, construct_id, **kwargs)',
  '        _lambda.Function(',
  '            self,',
  '            "Api",',
  '            runtime=_lambda.Runtime.PYTHON_3_12,',
  '            handler="main.handler",',
  '            code=_lambda.Code.from_asset("../api"),',
  '        )',
  '',
].join('\n');

function repo(app: string, main = 'def handler(event, context):\n    return {"statusCode": 200}\n'): string {
  return writeTree({
    'api/main.py': main,
    'cdk/cdk.json': JSON.stringify({ app }) + '\n',
    'cdk/app.py': 'import aws_cdk as cdk\nfrom api_stack import ApiStack\n\napp = cdk.App()\nApiStack(app, "api")\napp.synth()\n',
    'cdk/api_stack.py': STACK,
  });
}

/** What `cdk synth` does first: run the script of the app command in cdk.json's folder (aws_cdk is not installed here). */
const runApp = (dir: string, script: string) => python(`import os, runpy, sys\nos.chdir(sys.argv[1])\nrunpy.run_path(${JSON.stringify(script)})`, dir, { args: [path.join(dir, 'cdk')] });

describe('a CDK app whose script cdk does not find', () => {
  it('is named in the default output as not checked, with the path that exists from the top', () => {
    const dir = repo('python3 cdk/app.py');
    expect(runApp(dir, 'cdk/app.py').stderr).toContain("No such file or directory");
    const pretty = runCli([dir, '--no-cache']).stdout;
    expect(pretty).toContain('cdk/cdk.json:1:1  function defined by the CDK app cdk/cdk.json not checked: the app script cdk/app.py is not in cdk/');
    expect(pretty).toContain('1 Lambda function not checked');
    const nc = check(dir).notChecked ?? [];
    expect(nc.map((n) => n.name)).toEqual(['defined by the CDK app cdk/cdk.json']);
    expect(nc[0].why).toContain("there is a cdk/app.py from the checked folder's top");
  });

  it('the twin that names the script from its own folder is read: its function is checked', () => {
    const dir = repo('python3 app.py');
    // The script is found and run (it stops on aws_cdk, which only the CDK toolchain installs).
    expect(runApp(dir, 'app.py').stderr).toContain("No module named 'aws_cdk'");
    const out = check(dir);
    expect(out.notChecked ?? []).toEqual([]);
    expect(out.findings).toEqual([]);
    expect(python('import main; print(main.handler({}, None)["statusCode"])', path.join(dir, 'api')).stdout).toBe('200\n');
    // Read, so checked: a handler the package lacks is HND001 (Python: main has no attribute handler).
    const broken = repo('python3 app.py', 'def lambda_handler(event, context):\n    return {}\n');
    expect(python('import main; main.handler', path.join(broken, 'api')).stderr).toContain("has no attribute 'handler'");
    expect(check(broken).findings.map((f) => f.ruleId)).toContain('HND001');
  });
});

describe('a CDK app command that runs a module (python3 -m infra.app)', () => {
  const files = (main: string) =>
    writeTree({
      'api/main.py': main,
      'cdk.json': '{"app": "python3 -m infra.app"}\n',
      'infra/__init__.py': '',
      'infra/app.py': 'import aws_cdk as cdk\nfrom infra.api_stack import ApiStack\n\napp = cdk.App()\nApiStack(app, "api")\napp.synth()\n',
      'infra/api_stack.py': STACK.replace('"../api"', '"api"'),
    });

  it('reads the module as the app, its imports from the cdk.json folder: the function is checked', () => {
    const dir = files('def handler(event, context):\n    return {"statusCode": 200}\n');
    // python -m finds infra/app.py from the cdk.json folder (it stops on aws_cdk, which only the CDK toolchain installs).
    expect(python('import os, runpy, sys\nos.chdir(sys.argv[1])\nsys.path.insert(0, sys.argv[1])\nrunpy.run_module("infra.app", run_name="__main__")', dir, { args: [dir] }).stderr).toContain("No module named 'aws_cdk'");
    const out = check(dir);
    expect(out.notChecked ?? []).toEqual([]);
    expect(out.findings).toEqual([]);
    const broken = files('def lambda_handler(event, context):\n    return {}\n');
    expect(python('import main; main.handler', path.join(broken, 'api')).stderr).toContain("has no attribute 'handler'");
    expect(check(broken).findings.map((f) => f.ruleId)).toContain('HND001');
  });
});
