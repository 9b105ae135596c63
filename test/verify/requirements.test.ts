// A module the interpreter lacks is an environment note, not a finding; the note names the module
// and says whether the app's requirements declare it (then verify only runs in the wrong place) or
// not (then Lambda lacks it too). Mangum is not in Debian: /usr/bin/python3 really lacks it.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/verify/command.js';
import { PYTHON, python, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const APP = {
  'api/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
  'api/handler.py': 'from mangum import Mangum\n\nfrom main import app\n\nhandler = Mangum(app)\n',
  'parity-check.config.json': JSON.stringify({ apps: [{ name: 'api', root: 'api', entrypoints: ['main.py', 'handler.py'] }] }),
};

async function notes(extra: Record<string, string>): Promise<string[]> {
  const dir = writeTree({ ...APP, ...extra }, tempDir('pc-verify-req-'));
  made.push(dir);
  const r = await runVerify({ base: dir, python: PYTHON, timeoutMs: 20_000 });
  expect(r.findings).toEqual([]);
  return r.notes;
}

describe('verify: a module the interpreter lacks, and the requirements', () => {
  it('Python itself: mangum is not installed for /usr/bin/python3', () => {
    expect(python('import mangum', tempDir('pc-empty-')).stderr).toContain("ModuleNotFoundError: No module named 'mangum'");
  });

  it('declared by the app root\'s requirements.txt: the note names the file', async () => {
    expect(await notes({ 'api/requirements.txt': 'fastapi==0.110.0\nMangum==0.17.0\n' })).toEqual([
      "api/handler.py: 'mangum' is not installed for the interpreter verify runs (No module named 'mangum'); api/requirements.txt declares it: run verify where the app's requirements are installed",
    ]);
  });

  it('declared by a pyproject.toml above the root', async () => {
    expect(await notes({ 'pyproject.toml': '[project]\nname = "x"\nversion = "1"\ndependencies = ["fastapi", "mangum>=0.17"]\n' })).toEqual([expect.stringContaining('; pyproject.toml declares it')]);
  });

  it('not declared: the note says Lambda will lack it too', async () => {
    expect(await notes({ 'api/requirements.txt': 'fastapi==0.110.0\n', 'other/requirements.txt': 'mangum\n' })).toEqual([
      "api/handler.py: 'mangum' is not installed for the interpreter verify runs (No module named 'mangum'); api/requirements.txt does not declare it: Lambda will lack it too unless the build installs it otherwise",
    ]);
  });

  it("boto3, undeclared: Lambda's runtime provides it, so the note does not say Lambda will lack it", async () => {
    expect(python('import boto3', tempDir('pc-empty-')).stderr).toContain("No module named 'boto3'");
    const n = await notes({ 'api/requirements.txt': 'fastapi\nmangum\n', 'api/store.py': 'import boto3\n\nTABLE = boto3.resource("dynamodb").Table("t")\n', 'api/main.py': 'from fastapi import FastAPI\n\nimport store  # noqa: F401\n\napp = FastAPI()\n' });
    expect(n).toContainEqual(
      "api/main.py: 'boto3' is not installed for the interpreter verify runs (No module named 'boto3'); Lambda's Python runtime provides it (the SDK for Python; a container image may not): install it where verify runs",
    );
  });

  it('no requirements file at all', async () => {
    expect(await notes({})).toEqual([expect.stringContaining("no requirements file of the app names it (none at its root or above): declare 'mangum', or Lambda will lack it too")]);
  });
});
