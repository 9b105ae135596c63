// `parity-check package` by the built CLI. The spec-427 trees are proved by doing the build for real:
// the workflow's package step runs in bash in a temporary copy (pip stubbed: it needs the network),
// the folder it builds must hold exactly the files the report lists, and /usr/bin/python3 with that
// folder on PYTHONPATH must agree with the report on whether the handler resolves.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, writeTree } from '../helpers.js';

const DEPLOY = fileURLToPath(new URL('../fixtures/deploy/', import.meta.url));
const fx = (name: string) => path.join(DEPLOY, name);
const pkgJson = (dir: string, ...args: string[]) => {
  const r = runCli(['package', dir, '--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return { ...r, doc: JSON.parse(r.stdout) };
};

function walk(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, p));
    else out.push(p);
  }
  return out.sort();
}

/** Runs the workflow step `name` with bash in a copy of the fixture; the folder it builds. */
function buildForReal(fixture: string, step: string, built: string): string {
  const dir = copyTree(fx(fixture));
  const wf = YAML.parse(fs.readFileSync(path.join(dir, '.github/workflows/deploy.yml'), 'utf8'));
  const run = Object.values(wf.jobs as Record<string, { steps: { name?: string; run?: string }[] }>)
    .flatMap((j) => j.steps)
    .find((s) => s.name === step)!.run!;
  // pip would download the requirements: stubbed. cp, mkdir, zip run for real.
  execFileSync('bash', ['-euo', 'pipefail', '-c', `pip() { :; }\n${run}`], { cwd: dir, env: { ...process.env, ...wf.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return path.join(dir, built);
}

describe('package on spec 427', () => {
  it('broken: the flat copy, handler.py at the root, and the handler that does not resolve (bash and Python agree)', () => {
    const r = runCli(['package', fx('spec427-broken'), '--function', 'ingestion']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'function ingestion  terraform, zip  (infra/lambda.tf:6:1)',
        '  runtime  python3.13  (infra/lambda.tf:10:19)',
        '  handler  src.lambdas.ingestion.handler.lambda_handler  (infra/lambda.tf:9:19)',
        "           ✖ does not resolve in the package: No module named 'src.lambdas.ingestion'",
        '  /var/task  simulated, 8 files',
        '    __init__.py        ← src/lambdas/ingestion/__init__.py  (.github/workflows/deploy.yml:51:11)',
        '    alerting.py        ← src/lambdas/ingestion/alerting.py  (.github/workflows/deploy.yml:51:11)',
        '    handler.py         ← src/lambdas/ingestion/handler.py  (.github/workflows/deploy.yml:51:11)',
        '    requirements.txt   ← src/lambdas/ingestion/requirements.txt  (.github/workflows/deploy.yml:51:11)',
        '    src/',
        '      lambdas/',
        '        shared/',
        '          __init__.py  ← src/lambdas/shared/__init__.py  (.github/workflows/deploy.yml:53:11)',
        '          db.py        ← src/lambdas/shared/db.py  (.github/workflows/deploy.yml:53:11)',
        '      lib/',
        '        __init__.py    ← src/lib/__init__.py  (.github/workflows/deploy.yml:55:11)',
        '        timeutil.py    ← src/lib/timeutil.py  (.github/workflows/deploy.yml:55:11)',
        '',
      ].join('\n'),
    );
    const built = buildForReal('spec427-broken', 'Package Ingestion Lambda', 'packages/ingestion-build');
    const listed = pkgJson(fx('spec427-broken'), '--function', 'ingestion').doc.functions[0];
    expect(walk(built)).toEqual(listed.task.files.map((f: { path: string }) => f.path).sort());
    expect(listed.startup.resolution).toEqual({ status: 'no-module', why: "No module named 'src.lambdas.ingestion'" });
    const py = python('import importlib; importlib.import_module("src.lambdas.ingestion.handler")', built);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'src.lambdas.ingestion'");
  });

  it('fixed: the structured copy, and the handler resolves (bash and Python agree)', () => {
    const { doc, code } = pkgJson(fx('spec427-fixed'), '--function', 'ingestion');
    expect(code).toBe(0);
    const f = doc.functions[0];
    expect(f.startup).toEqual({
      kind: 'handler',
      text: 'src.lambdas.ingestion.handler.lambda_handler',
      at: { file: 'infra/lambda.tf', line: 9, column: 19 },
      resolution: { status: 'resolves', file: 'src/lambdas/ingestion/handler.py' },
    });
    expect(f.task.files[0]).toEqual({ path: 'src/lambdas/ingestion/__init__.py', from: 'src/lambdas/ingestion/__init__.py', step: { file: '.github/workflows/deploy.yml', line: 52, column: 11 } });
    const built = buildForReal('spec427-fixed', 'Package Ingestion Lambda', 'packages/ingestion-build');
    expect(walk(built)).toEqual(f.task.files.map((x: { path: string }) => x.path).sort());
    expect(python('import src.lambdas.ingestion.handler as h; assert callable(h.lambda_handler)', built).code).toBe(0);
  });

  it('json lists every function with its runtime and tree; keys in a fixed order', () => {
    const { doc } = pkgJson(fx('spec427-fixed'));
    expect(doc.functions.map((f: { name: string }) => f.name)).toEqual(['ingestion', 'dashboard']);
    expect(Object.keys(doc.functions[1])).toEqual(['name', 'source', 'file', 'line', 'column', 'packageType', 'runtime', 'startup', 'task', 'opt']);
    expect(doc.functions[1].runtime).toEqual({ value: 'python3.13', file: 'infra/lambda.tf', line: 25, column: 19 });
  });
});

describe('package, other cases', () => {
  it('a code root lists the folder, the step is the IaC attribute; an unknown handler is named with its fix', () => {
    const r = runCli(['package', fx('sam-basic')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'function ReportsFunction  sam, zip  (template.yaml:33:3)',
        '  runtime  python3.11  (template.yaml:37:16)',
        '  handler  not known (!Sub with parameters)  (template.yaml:36:21)',
        '  /var/task  the folder src/reports, 1 file',
        '    dev.py  ← src/reports/dev.py  (template.yaml:38:16)',
        '  not checked: its handler is not known (!Sub with parameters)',
        '    state it in the config: "functions": [{ "name": "ReportsFunction", "handler": "module.function" }]',
      ].join('\n'),
    );
    expect(r.stdout).toContain('  handler  orders.app.lambda_handler  (template.yaml:24:16)\n           ✔ resolves in the package (src/orders/app.py)\n');
  });

  it('a handler whose module lacks the function: Python agrees', () => {
    const dir = writeTree({
      'template.yaml': "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: python3.12\n",
      'src/app.py': 'def lambda_handler(event, context):\n    return 1\n',
    });
    const f = pkgJson(dir).doc.functions[0];
    expect(f.startup.resolution).toEqual({ status: 'no-name', why: 'app (src/app.py) does not define handler at its top level', file: 'src/app.py' });
    expect(python('import app; app.handler', path.join(dir, 'src')).stderr).toContain("has no attribute 'handler'");
  });

  it('--function with an unknown name: exit 2 with the names known', () => {
    const r = runCli(['package', fx('spec427-broken'), '--function', 'ingest']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parity-check: no Lambda function named "ingest"; the deploy definitions name: dashboard, ingestion\nRun "parity-check --help" for usage.\n');
    expect(r.stdout).toBe('');
  });

  it('a repository with no function says so, exit 0; json is an empty list', () => {
    const dir = writeTree({ 'app/main.py': 'print(1)\n' });
    const r = runCli(['package', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`parity-check: no Lambda function in ${dir}: no SAM/CloudFormation template, serverless file, Terraform, Dockerfile or workflow defines one\n`);
    expect(pkgJson(dir).doc).toEqual({ functions: [] });
    expect(runCli(['package', dir, '--format', 'sarif']).code).toBe(2);
  });

  it('help names the command', () => {
    expect(runCli(['--help']).stdout).toContain('parity-check package [PATH] [--function NAME] [--format pretty|json]');
  });
});

describe('package --staged', () => {
  it('shows the tree the index would build, not the work tree', async () => {
    const { commitAll, git, makeRepo } = await import('../helpers.js');
    const dir = makeRepo();
    copyTree(fx('spec427-broken'), dir);
    commitAll(dir);
    // The fix staged; the work tree put back to the flat copy.
    const wf = path.join(dir, '.github/workflows/deploy.yml');
    const broken = fs.readFileSync(wf, 'utf8');
    fs.copyFileSync(path.join(fx('spec427-fixed'), '.github/workflows/deploy.yml'), wf);
    git(dir, 'add', '-A');
    fs.writeFileSync(wf, broken);
    const status = (args: string[]) => JSON.parse(runCli(['package', dir, '--function', 'ingestion', '--format', 'json', ...args]).stdout).functions[0].startup.resolution.status;
    expect(status(['--staged'])).toBe('resolves');
    expect(status([])).toBe('no-module');
  });
});
