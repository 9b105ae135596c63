// #15 leftovers item 1 (topic `apps`): one app file served by a Mangum handler, with no deploy file and no
// config (ashboi005/tutedude-buildathon-2), is checked from an assumed root that the output names; a
// deploy definition's function takes that guess away. The rule verdicts are proved with Python in
// test/rules/mod003-apps.test.ts; this file checks what the built CLI says about the root.
import { describe, expect, it } from 'vitest';
import { python, runJson, writeTree } from '../helpers.js';

const APP = {
  'backend/main.py': 'from fastapi import FastAPI\n\nfrom routers.users import router\n\napp = FastAPI()\napp.include_router(router)\n',
  'backend/lambda_function.py': 'from mangum import Mangum\n\nfrom main import app\n\nhandler = Mangum(app)\n',
  'backend/routers/__init__.py': '',
  'backend/routers/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n',
  'backend/mangum.py': 'class Mangum:\n    def __init__(self, app, **kw):\n        self.app = app\n',
};

describe('a single app file with a Mangum handler and no deploy file', () => {
  it('is checked, and the output says its root was assumed', () => {
    const dir = writeTree(APP);
    const r = runJson([dir, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.stderr).toContain('discovered an app at backend with entry points main.py, lambda_function.py');
    expect(r.stderr).toContain("backend's root is assumed: no deploy file names its Lambda handler");
    expect(python('import lambda_function', `${dir}/backend`).code).toBe(0);
  });

  it('a broken import in it is reported (it was "no app found")', () => {
    const dir = writeTree({ ...APP, 'backend/main.py': APP['backend/main.py'].replace('routers.users', 'routers.user') });
    const r = runJson([dir, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['MOD003 backend/main.py:3']);
  });

  it('is not guessed when a deploy file names a function: its handler gives the root', () => {
    const dir = writeTree({
      ...APP,
      'template.yaml': 'Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: backend/\n      Handler: lambda_function.handler\n      Runtime: python3.12\n',
    });
    const r = runJson([dir, '--no-cache']);
    expect(r.findings).toEqual([]);
    expect(r.stderr).not.toContain('root is assumed');
  });
});
