// Pulumi projects (topic eval5; rkochar/msa): Pulumi.yaml was read by no source, so a project whose program makes
// Lambda functions read as "no Lambda function ... defines one", and beside a discovered app as all clear. The
// program is not read: the project is named as not checked in every output, never judged.
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string }[]; notChecked?: { name: string; why: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;

const PROGRAM = [
  'import pulumi',
  'import pulumi_aws as aws',
  '',
  'def make(name, folder, handler):',
  '    return aws.lambda_.Function(name, runtime="python3.12", handler=handler, role="arn:aws:iam::1:role/r",',
  '                                code=pulumi.AssetArchive({".": pulumi.FileArchive(folder)}))',
  '',
  'make("users", "./code", "users.handler")',
  '',
].join('\n');

const project = (extra: Record<string, string> = {}) => writeTree({
  'Pulumi.yaml': 'name: shop\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n',
  '__main__.py': PROGRAM,
  // The handler the program names is missing: Lambda would fail every invocation.
  'code/users.py': 'def handle(event, context):\n    return []\n',
  ...extra,
});

describe('eval5: Pulumi projects', () => {
  it('a program whose function is broken is named as not checked, never passed in silence (no function seen before)', () => {
    const repo = project();
    expect(python('import users; users.handler', `${repo}/code`).stderr).toContain("has no attribute 'handler'");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked?.map((n) => n.name)).toEqual(['Pulumi project shop']);
    expect(out.notChecked?.[0].why).toContain('Pulumi program (python)');
  });

  it('beside a discovered app the app is checked and the project still named: not all clear', () => {
    const app = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/users")\ndef users():\n    return []\n';
    const repo = project({ 'api/main.py': app, 'api/lambda_app.py': app.replace('app = FastAPI()', 'app = FastAPI(root_path="/prod")') });
    expect(python('import main, lambda_app; print(sorted(r.path for r in main.app.routes) == sorted(r.path for r in lambda_app.app.routes))', `${repo}/api`).stdout).toBe('True\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked?.map((n) => n.name)).toEqual(['Pulumi project shop']);
    expect(runCli([repo, '--no-cache']).stdout).toContain('function Pulumi project shop not checked');
  });
});
