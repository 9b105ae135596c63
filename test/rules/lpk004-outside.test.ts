// LPK004: a relative folder that leaves the package (directory="../src2/static" with CodeUri src/) is not judged
// but named as not checked, even when the repository has a folder whose path starts like the code folder's
// (src2/ beside src/): Lambda looks for /var/src2/static, outside /var/task, and Starlette raises. Before, a
// prefix test (src2/static starts with "src") took it for a folder of the package and passed it silently.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

describe('LPK004: a folder outside the package', () => {
  it('directory="../src2/static" under CodeUri src/ is named as not checked, and Python on Lambda raises', () => {
    const dir = writeTree({
      'template.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  ApiFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: handler.handler\n      Runtime: python3.12\n',
      'src/handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n',
      'src/lazy_app.py':
        'from fastapi import FastAPI\nfrom fastapi.staticfiles import StaticFiles\n\napp = FastAPI()\napp.mount("/static", StaticFiles(directory="../src2/static"), name="static")\n',
      'src2/static/index.html': '<h1>hello</h1>\n',
    });
    try {
      // Only the code folder is the package: /var/task holds src/'s files, and the working folder is /var/task.
      const pkg = fs.mkdtempSync(path.join(path.dirname(dir), 'pc-lpk004-pkg-'));
      const task = path.join(pkg, 'task');
      fs.cpSync(path.join(dir, 'src'), task, { recursive: true });
      try {
        const r = python('import os; os.chdir(os.environ["PYTHONPATH"]); import lazy_app', task);
        expect(r.stderr).toContain("RuntimeError: Directory '../src2/static' does not exist");
      } finally {
        fs.rmSync(pkg, { recursive: true, force: true });
      }
      const check = runCli([dir, '--no-cache']);
      expect(check.stderr).toContain('StaticFiles(directory="../src2/static") not checked for ApiFunction: the folder is outside the package');
      expect(check.stdout).not.toContain('LPK004');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
