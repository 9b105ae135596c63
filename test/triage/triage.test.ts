// triage on the bundled incident, in a real git repository with two commits (the fixed app, then
// the change that broke it): each incident's Lambda log leads to the repository line, the rule that
// explains it and the commit that introduced it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, copyTree, git, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const LOGS = path.join(REPO, 'test', 'fixtures', 'triage');
const SRC = 'apps/backend-api/src';
let repo = '';

beforeAll(() => {
  repo = makeRepo(copyTree(path.join(REPO, 'examples', 'fixed'), tempDir('pc-triage-')));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Routers load lazily from api.v1');
  fs.cpSync(path.join(REPO, 'examples', 'incident'), repo, { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Move the router map under src and import the CME topics');
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

const triage = (log: string, format = 'json') => runCli(['triage', path.join(LOGS, log), '--path', repo, '--format', format]);

describe('parity-check triage', () => {
  it('the lazy router traceback: lazy_app.py:37, MOD001 explains it, the breaking commit is the suspect', () => {
    const r = triage('tail-lazy-router.log');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { failures: { count: number; at: unknown; findings: { ruleId: string; line: number }[]; suspect: { subject: string } }[] };
    expect(out.failures).toHaveLength(1);
    const [f] = out.failures;
    expect(f.count).toBe(2);
    expect(f.at).toEqual({ file: `${SRC}/lazy_app.py`, line: 37 });
    expect(f.findings.map((x) => `${x.ruleId}:${x.line}`)).toEqual(['MOD001:27', 'MOD001:28', 'MOD001:29', 'MOD001:30']);
    expect(f.suspect.subject).toBe('Move the router map under src and import the CME topics');
  });

  it("the CMEActivityTopic init error of an export: MOD004 at lazy_app.py:11; SQLAlchemy's failed to locate a name: MDL001", () => {
    const out = JSON.parse(triage('filter-log-events.json').stdout) as { failures: { kind: string; at: { file: string; line: number }; findings: { ruleId: string }[]; suspect?: { subject: string } }[] };
    const byKind = new Map(out.failures.map((f) => [f.kind, f]));
    const init = byKind.get('import-module')!;
    expect(init.findings.map((x) => x.ruleId)).toEqual(['MOD004']);
    expect(init.at).toEqual({ file: `${SRC}/lazy_app.py`, line: 11 });
    expect(init.suspect!.subject).toBe('Move the router map under src and import the CME topics');
    const mapper = byKind.get('mapper-name')!;
    expect(mapper.findings.map((x) => x.ruleId)).toEqual(['MDL001']);
    expect(mapper.at.file).toBe(`${SRC}/contexts/auth/models.py`);
  });

  it('a console copy (INIT_START/INIT_REPORT lines): the init failure and its retry grouped, with the request id', () => {
    const out = JSON.parse(triage('console-import-module.log').stdout) as { failures: { kind: string; count: number; requestIds: string[]; findings: { ruleId: string; line: number }[] }[] };
    expect(out.failures.map((f) => [f.kind, f.count])).toEqual([['import-module', 2]]);
    expect(out.failures[0].requestIds).toEqual(['8f5c2a1e-4b7d-4c1e-9a51-2d3e4f5a6b7c']);
    expect(out.failures[0].findings.map((x) => `${x.ruleId}:${x.line}`)).toEqual(['MOD001:27', 'MOD001:28', 'MOD001:29', 'MOD001:30']);
  });

  it("Lambda's JSON log format and a Powertools record: each failure with its place, the function name from Powertools", () => {
    const out = JSON.parse(triage('lambda-json-format.log').stdout) as { failures: { kind: string; functions: string[]; at?: { file: string; line: number }; findings: { ruleId: string }[] }[] };
    expect(out.failures.map((f) => f.kind)).toEqual(['import-module', 'handler-not-found', 'mapper-name']);
    const mapper = out.failures[2];
    expect(mapper.functions).toEqual(['backend-api-prod']);
    expect(mapper.at).toEqual({ file: `${SRC}/contexts/auth/models.py`, line: 12 });
    expect(mapper.findings.map((x) => x.ruleId)).toEqual(['MDL001']);
    expect(out.failures[1].at).toEqual({ file: `${SRC}/handler.py`, line: 1 });
  });

  it('sam logs (stream and time before each line): the CMEActivityTopic init error and its retry, MOD004 at lazy_app.py:11', () => {
    const out = JSON.parse(triage('sam-logs.log').stdout) as { failures: { kind: string; count: number; firstTime: string; lastTime: string; requestIds: string[]; at: unknown; findings: { ruleId: string }[] }[] };
    expect(out.failures).toHaveLength(1);
    const [f] = out.failures;
    expect(f).toMatchObject({ kind: 'import-module', count: 2, firstTime: '2026-02-10T21:01:00.500000', lastTime: '2026-02-10T21:01:01.700000' });
    expect(f.requestIds).toEqual(['7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']);
    expect(f.at).toEqual({ file: `${SRC}/lazy_app.py`, line: 11 });
    expect(f.findings.map((x) => x.ruleId)).toEqual(['MOD004']);
  });

  it('a get-log-events export (events without stream names): the lazy router traceback at lazy_app.py:37, twice', () => {
    const out = JSON.parse(triage('get-log-events.json').stdout) as { failures: { kind: string; count: number; at: unknown; findings: { ruleId: string }[] }[] };
    expect(out.failures.map((f) => [f.kind, f.count])).toEqual([['module-not-found', 2]]);
    expect(out.failures[0].at).toEqual({ file: `${SRC}/lazy_app.py`, line: 37 });
    expect(new Set(out.failures[0].findings.map((x) => x.ruleId))).toEqual(new Set(['MOD001']));
  });

  it('pretty: the line with a code frame, the rule and its fix, the suspect commit', () => {
    const r = triage('tail-lazy-router.log', 'pretty');
    expect(r.stdout).toContain("2× ModuleNotFoundError: No module named 'src'");
    expect(r.stdout).toContain(`  at ${SRC}/lazy_app.py:37`);
    expect(r.stdout).toContain('  >   37 |     module = importlib.import_module(module_path)');
    expect(r.stdout).toContain(`${SRC}/lazy_app.py:27:18  MOD001`);
    expect(r.stdout).toMatch(/suspect commit: [0-9a-f]{12} \d{4}-\d{2}-\d{2} t: Move the router map under src/);
  });

  it('a log with nothing recognisable: a clear "nothing found" and exit 0; from stdin too', () => {
    expect(triage('nothing.log', 'pretty')).toMatchObject({ code: 0, stdout: 'No Lambda failure found in the log.\n' });
    const r = runCli(['triage', '-', '--path', repo], { input: 'hello\nworld\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'No Lambda failure found in the log.\n' });
  });

  it('bad input: binary data, a missing file and a truncated export get a clear message, no stack trace', () => {
    const bin = runCli(['triage', '-', '--path', repo], { input: 'PK\u0003\u0004\u0000\u0000\u0000' });
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('standard input: the input holds NUL bytes: it is binary data, not a log');
    const missing = runCli(['triage', path.join(repo, 'no-such.log'), '--path', repo]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a file to read a log from');
    const truncated = triage('truncated.json', 'pretty');
    expect(truncated.code).toBe(0);
    expect(truncated.stdout).toContain('the JSON ends inside the event that starts at line 3 (a truncated export?)');
    for (const x of [bin, missing, truncated]) expect(x.stderr).not.toContain('    at ');
  });
});

describe('parity-check triage: the flat-copy incident (spec 427)', () => {
  it("the ingestion function's init error: the workflow's cp line, LPK003 and the commit that made the copy flat", () => {
    const dir = makeRepo(copyTree(path.join(REPO, 'test', 'fixtures', 'deploy', 'spec427-fixed'), tempDir('pc-triage-427-')));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Structured copy of the ingestion Lambda');
    fs.cpSync(path.join(REPO, 'test', 'fixtures', 'deploy', 'spec427-broken'), dir, { recursive: true });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Copy the ingestion files flat');
    // The message real Python gives when importing the handler from the flat package (test/sources/spec427.test.ts proves it).
    const log = "[ERROR] Runtime.ImportModuleError: Unable to import module 'src.lambdas.ingestion.handler': No module named 'src.lambdas.ingestion'\nTraceback (most recent call last):\n";
    const r = runCli(['triage', '-', '--path', dir, '--format', 'json'], { input: log });
    const [f] = (JSON.parse(r.stdout) as { failures: { at: unknown; findings: { ruleId: string; file: string; line: number }[]; suspect: { subject: string; file: string } }[] }).failures;
    expect(f.at).toEqual({ file: '.github/workflows/deploy.yml', line: 51 });
    expect(f.findings.map((x) => `${x.ruleId} ${x.file}:${x.line}`)).toEqual(['LPK003 .github/workflows/deploy.yml:51']);
    expect(f.suspect).toMatchObject({ subject: 'Copy the ingestion files flat', file: '.github/workflows/deploy.yml' });
  });
});

describe('parity-check triage: a wrong handler string (ris-050)', () => {
  it("Runtime.HandlerNotFound: the template's Handler line, HND001, and the commit that set it", () => {
    const dir = makeRepo(
      writeTree(
        {
          'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: handler.lambda_handler\n      Runtime: python3.12\n',
          'src/handler.py': 'def handler(event, context):\n    return {"statusCode": 200}\n',
        },
        tempDir('pc-triage-hnd-'),
      ),
    );
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'Point the template at lambda_handler');
    // What the runtime does with the handler string: import the module, then getattr the function.
    expect(python('import handler; getattr(handler, "lambda_handler")', path.join(dir, 'src')).stderr).toContain("module 'handler' has no attribute 'lambda_handler'");
    const log = "[ERROR] Runtime.HandlerNotFound: Handler 'lambda_handler' missing on module 'handler'\nTraceback (most recent call last):\n";
    const [f] = (JSON.parse(runCli(['triage', '-', '--path', dir, '--format', 'json'], { input: log }).stdout) as { failures: { at: unknown; findings: { ruleId: string }[]; suspect: { subject: string } }[] }).failures;
    expect(f.at).toEqual({ file: 'template.yaml', line: 7 });
    expect(f.findings.map((x) => x.ruleId)).toEqual(['HND001']);
    expect(f.suspect.subject).toBe('Point the template at lambda_handler');
  });
});
