// eval7 (#15, eval6's leftover 5, seen on a public serverless app): a handler file a deploy definition names and the
// repository does not hold (serverless.yml `handler: processors/report.handler`, no processors/report.py) was listed
// in "discovered an app at . with entry points …, processors/report.py" as if discovery had found it. HND001 says the
// module is missing; the note lists only the files that are there. The twin: with the file committed it is listed and
// there is no finding. Python decides: `import processors.report` from the package root.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

const APP = 'from fastapi import FastAPI\nfrom mangum import Mangum\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n\n\nhandler = Mangum(app)\n';
const SERVERLESS = [
  'service: api',
  'provider:',
  '  name: aws',
  '  runtime: python3.12',
  'functions:',
  '  api:',
  '    handler: main.handler',
  '  report:',
  '    handler: processors/report.handler',
  '',
].join('\n');

function repo(withReport: boolean): string {
  const dir = writeTree({ 'serverless.yml': SERVERLESS, 'main.py': APP, 'admin.py': APP, 'requirements.txt': 'fastapi\nmangum\n' });
  if (withReport) writeTree({ 'processors/__init__.py': '', 'processors/report.py': 'def handler(event, context):\n    return {"ok": True}\n' }, dir);
  return dir;
}
const noteOf = (stderr: string) => stderr.split('\n').find((l) => l.includes('discovered an app at')) ?? '';

describe('a handler file the repository does not hold is not listed as a discovered entry point', () => {
  it('broken: processors/report.py absent: HND001, and the note lists main.py and admin.py only', () => {
    const dir = repo(false);
    expect(python('import processors.report', dir).stderr).toContain("No module named 'processors'");
    const r = runCli([dir, '--no-cache', '--format', 'json']);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; message: string }[];
    expect(findings.map((f) => f.ruleId)).toEqual(['HND001']);
    expect(findings[0].message).toContain('processors/report');
    const note = noteOf(r.stderr);
    expect(note).toContain('main.py');
    expect(note).toContain('admin.py');
    expect(note).not.toContain('processors/report.py');
  });

  it('fixed twin: with the file committed it is an entry point, listed, and nothing is reported', () => {
    const dir = repo(true);
    expect(fs.existsSync(path.join(dir, 'processors/report.py'))).toBe(true);
    expect(python('import processors.report as m; print(callable(m.handler))', dir).stdout).toBe('True\n');
    const r = runCli([dir, '--no-cache', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(noteOf(r.stderr)).toContain('processors/report.py');
  });
});
