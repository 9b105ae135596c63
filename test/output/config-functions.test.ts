// Config `functions` (#14 point 4): what the deploy definitions cannot tell of a Lambda function,
// stated in the config and applied by src/deploy/overrides.ts. Each case runs the built CLI on a real
// folder, and real Python (PYTHONPATH at the package root, as Lambda does) decides the verdict.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { readDeploy } from '../../src/deploy/specs.js';
import { openSnapshot } from '../../src/snapshot/index.js';
import { python, runCli, writeTree } from '../helpers.js';

const pick = (f: { ruleId: string; file: string; line: number; column: number }) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column });
const json = (dir: string) => {
  const r = runCli([dir, '--no-cache', '--format', 'json']);
  return { ...r, doc: JSON.parse(r.stdout || '{}') };
};
const config = (functions: unknown[]) => `${JSON.stringify({ functions }, null, 2)}\n`;

// Terraform's zip comes from a variable: which folder is /var/task cannot be read.
const TF = `resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = "arn:aws:iam::123456789012:role/lambda"
  runtime       = "python3.12"
  handler       = "handler.lambda_handler"
  filename      = var.package_zip
}
`;
const UTIL = 'def helper():\n    return {"ok": True}\n';
const ingest = (handlerPy: string, functions?: unknown[]) =>
  writeTree({
    'infra/main.tf': TF,
    'services/ingest/handler.py': handlerPy,
    'services/ingest/util.py': UTIL,
    ...(functions ? { 'parity-check.config.json': config(functions) } : {}),
  });
const BROKEN = 'from services.ingest.util import helper\n\n\ndef lambda_handler(event, context):\n    return helper()\n';
const FIXED = 'from util import helper\n\n\ndef lambda_handler(event, context):\n    return helper()\n';
const IMPORT_HANDLER = 'import handler; assert callable(handler.lambda_handler); print(handler.lambda_handler({}, None))';

describe('packageRoot', () => {
  it('without it the function is named as not checked; with it, the broken import is found there', () => {
    const before = json(ingest(BROKEN));
    expect(before.doc.findings).toEqual([]);
    expect(before.doc.notChecked.map((n: { name: string; why: string }) => [n.name, n.why])).toEqual([
      ['ingest', 'its package is not known (filename: var.package_zip is a variable)'],
    ]);

    const dir = ingest(BROKEN, [{ name: 'ingest', packageRoot: 'services/ingest' }]);
    const r = json(dir);
    expect(r.code).toBe(1);
    expect(r.doc.notChecked).toBeUndefined();
    expect(r.doc.findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'services/ingest/handler.py', line: 1, column: 6 }]);
    expect(r.doc.findings[0].message).toContain("does not resolve under services/ingest (Lambda's /var/task): ModuleNotFoundError: No module named 'services'");
    // Python, with the package root as /var/task, fails the same way.
    const py = python(IMPORT_HANDLER, `${dir}/services/ingest`);
    expect(py.code).not.toBe(0);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'services'");
  });

  it('the fixed twin is clean, and Python imports it and calls the handler', () => {
    const dir = ingest(FIXED, [{ name: 'ingest', packageRoot: 'services/ingest' }]);
    const r = json(dir);
    expect(r.doc).toEqual({ findings: [] });
    expect(r.code).toBe(0);
    expect(python(IMPORT_HANDLER, `${dir}/services/ingest`).stdout).toBe("{'ok': True}\n");
  });

  it('names the function by its Terraform address too', () => {
    const r = json(ingest(BROKEN, [{ name: 'aws_lambda_function.ingest', packageRoot: 'services/ingest' }]));
    expect(r.doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['MOD003']);
  });

  it('a folder that does not exist, or lies outside, is a config error (exit 2) with its path', () => {
    const missing = runCli([ingest(FIXED, [{ name: 'ingest', packageRoot: 'services/ingset' }]), '--no-cache']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('parity-check: invalid configuration: parity-check.config.json: functions[0].packageRoot: folder "services/ingset" does not exist\n');
    const outside = runCli([ingest(FIXED, [{ name: 'ingest', packageRoot: '../elsewhere' }, { name: 'ingest', handler: 'handler' }]), '--no-cache']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe(
      [
        'parity-check: invalid configuration (3 problems):',
        '  parity-check.config.json: functions[0].packageRoot: folder "../elsewhere" is outside the checked folder',
        '  parity-check.config.json: functions[1].name: duplicate function name "ingest" (also used by functions[0])',
        '  parity-check.config.json: functions[1].handler: handler "handler" is not "module.function" (Lambda splits it at the last dot)',
        '',
      ].join('\n'),
    );
  });
});

// A SAM handler that CloudFormation substitutes at deploy time: the config states it.
const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Entry:
    Type: String
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: !Sub "\${Entry}"
      Runtime: python3.12
`;
const APP_PY = 'def handler(event, context):\n    return {"statusCode": 200}\n';

describe('handler', () => {
  it('a handler the module lacks is HND001 at the config line; Python agrees', () => {
    const dir = writeTree({ 'template.yaml': SAM, 'src/app.py': APP_PY, 'parity-check.config.yaml': 'functions:\n  - name: Orders\n    handler: app.lambda_handler\n' });
    const r = json(dir);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map(pick)).toEqual([{ ruleId: 'HND001', file: 'parity-check.config.yaml', line: 3, column: 14 }]);
    expect(r.doc.findings[0].message).toContain("Runtime.HandlerNotFound: Handler 'lambda_handler' missing on module 'app'");
    const py = python('import app; app.lambda_handler', `${dir}/src`);
    expect(py.stderr).toContain("AttributeError: module 'app' has no attribute 'lambda_handler'");
    // The pretty output shows the config line under the finding.
    expect(runCli([dir, '--no-cache']).stdout).toContain('  > 3 |     handler: app.lambda_handler\n');
  });

  it('the handler the module defines is clean; Python calls it', () => {
    const dir = writeTree({ 'template.yaml': SAM, 'src/app.py': APP_PY, 'parity-check.config.json': config([{ name: 'Orders', handler: 'app.handler' }]) });
    const r = json(dir);
    expect(r.doc).toEqual({ findings: [] });
    expect(python('import app; print(app.handler({}, None))', `${dir}/src`).stdout).toBe("{'statusCode': 200}\n");
  });

  it('in a package.json "parity-check" key, located in package.json', () => {
    const pkg = { name: 'x', 'parity-check': { functions: [{ name: 'Orders', handler: 'app.lambda_handler' }] } };
    const dir = writeTree({ 'template.yaml': SAM, 'src/app.py': APP_PY, 'package.json': `${JSON.stringify(pkg, null, 2)}\n` });
    expect(json(dir).doc.findings.map(pick)).toEqual([{ ruleId: 'HND001', file: 'package.json', line: 7, column: 20 }]);
  });
});

describe('check: false, app, and entries that name nothing', () => {
  it('check: false drops the function silently: not judged, not listed', () => {
    const broken = writeTree({ 'template.yaml': SAM.replace('!Sub "${Entry}"', 'app.lambda_handler'), 'src/app.py': APP_PY });
    expect(json(broken).doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['HND001']);
    writeTree({ 'parity-check.config.json': config([{ name: 'Orders', check: false }]) }, broken);
    expect(json(broken).doc).toEqual({ findings: [] });
    const unknown = writeTree({ 'template.yaml': SAM, 'src/app.py': APP_PY, 'parity-check.config.json': config([{ name: 'Orders', check: false }]) });
    const r = runCli([unknown, '--no-cache']);
    expect(r.stdout).not.toContain('not checked');
    expect(r.code).toBe(0);
  });

  it('app sets a web-app start-up at the config line (checked by the start-up rules)', async () => {
    const dir = writeTree({ 'template.yaml': SAM, 'src/main.py': 'app = object()\n', 'parity-check.config.json': config([{ name: 'Orders', app: 'main:app' }]) });
    const snapshot = await openSnapshot(dir);
    try {
      const loaded = await loadConfig(snapshot);
      const read = await readDeploy(snapshot, snapshot.files().map((f) => f.path), { entries: loaded.functions ?? [], dir: loaded.dir });
      const fn = read.facts.functions.find((f) => f.name === 'Orders');
      const loc = { file: 'parity-check.config.json', line: 5, column: 14, endLine: 5, endColumn: 24 };
      expect(fn?.startup).toEqual({ kind: 'web-app', app: { known: true, value: 'main:app', loc }, server: 'config', loc });
    } finally {
      await snapshot.close();
    }
    expect(python('import main; main.app', `${dir}/src`).code).toBe(0);
    const bad = runCli([writeTree({ 'template.yaml': SAM, 'parity-check.config.json': config([{ name: 'Orders', app: 'main.app' }]) }), '--no-cache']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('functions[0].app: app "main.app" is not "module:app" (what uvicorn or gunicorn loads)');
  });

  it('an entry that names no function is SUP002 at its name, with the nearest names; exit 0', () => {
    const dir = writeTree({ 'template.yaml': SAM, 'src/app.py': APP_PY, 'parity-check.config.json': config([{ name: 'Ordres', handler: 'app.handler' }]) });
    const r = json(dir);
    expect(r.code).toBe(0);
    expect(r.doc.findings.map(pick)).toEqual([{ ruleId: 'SUP002', file: 'parity-check.config.json', line: 4, column: 15 }]);
    expect(r.doc.findings[0].message).toBe(
      'unused functions entry "Ordres": no Lambda function of the deploy definitions is named so, so the entry changes nothing; did you mean "Orders"?',
    );
    // The function it meant stays unknown, and is named.
    expect(r.doc.notChecked.map((n: { name: string }) => n.name)).toEqual(['Orders']);
    // SUP002 off: not reported.
    writeTree({ 'parity-check.config.json': `${JSON.stringify({ rules: { SUP002: 'off' }, functions: [{ name: 'Ordres', handler: 'app.handler' }] })}\n` }, dir);
    expect(json(dir).doc.findings).toEqual([]);
  });

  it('an entry of an extended config is located in that file; the extending one replaces it by name', () => {
    const dir = writeTree({
      'template.yaml': SAM,
      'src/app.py': APP_PY,
      'base.json': config([{ name: 'Orders', handler: 'app.lambda_handler' }, { name: 'Gone', check: false }]),
      'parity-check.config.json': `${JSON.stringify({ extends: './base.json' })}\n`,
    });
    expect(json(dir).doc.findings.map(pick)).toEqual([
      { ruleId: 'HND001', file: 'base.json', line: 5, column: 18 },
      { ruleId: 'SUP002', file: 'base.json', line: 8, column: 15 },
    ]);
    writeTree({ 'parity-check.config.json': `${JSON.stringify({ extends: './base.json', functions: [{ name: 'Orders', handler: 'app.handler' }] })}\n` }, dir);
    expect(json(dir).doc.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['SUP002']);
  });
});

describe('file: one function of several of the same name', () => {
  const tf = (dir: string) => `resource "aws_lambda_function" "main" {
  function_name = "${dir}"
  role          = "arn:aws:iam::123456789012:role/lambda"
  runtime       = "python3.12"
  handler       = "handler.lambda_handler"
  filename      = var.zip
}
`;
  const PY = 'def handler(event, context):\n    return 1\n';

  it('applies to the function of that file only; the other is still named, its fix saying which', () => {
    const dir = writeTree({ 'a/main.tf': tf('a'), 'b/main.tf': tf('b'), 'a/src/handler.py': PY, 'b/src/handler.py': PY });
    const before = json(dir).doc.notChecked;
    expect(before.map((n: { fix: string }) => n.fix)).toEqual([
      'state it in the config: "functions": [{ "name": "main", "file": "a/main.tf", "packageRoot": "<folder that becomes /var/task>" }]',
      'state it in the config: "functions": [{ "name": "main", "file": "b/main.tf", "packageRoot": "<folder that becomes /var/task>" }]',
    ]);
    writeTree({ 'parity-check.config.json': config([{ name: 'main', file: 'a/main.tf', packageRoot: 'a/src' }]) }, dir);
    const r = json(dir);
    expect(r.doc.findings.map(pick)).toEqual([{ ruleId: 'HND001', file: 'a/main.tf', line: 5, column: 19 }]);
    expect(r.doc.notChecked.map((n: { file: string }) => n.file)).toEqual(['b/main.tf']);
    expect(python('import handler; handler.lambda_handler', `${dir}/a/src`).stderr).toContain("has no attribute 'lambda_handler'");
  });
});

describe('package and config functions', () => {
  it('a packageRoot makes the tree known; a non-Python runtime is not resolved as Python', () => {
    const dir = ingest(FIXED, [{ name: 'ingest', packageRoot: 'services/ingest' }]);
    const f = JSON.parse(runCli(['package', dir, '--format', 'json']).stdout).functions[0];
    expect(f.task.files.map((x: { path: string; step: { file: string; line: number } }) => [x.path, x.step.file, x.step.line])).toEqual([
      ['handler.py', 'parity-check.config.json', 5],
      ['util.py', 'parity-check.config.json', 5],
    ]);
    expect(f.startup.resolution).toEqual({ status: 'resolves', file: 'services/ingest/handler.py' });
    const node = writeTree({ 'infra/main.tf': TF.replace('python3.12', 'nodejs20.x').replace('handler.lambda_handler', 'index.handler'), 'services/ingest/index.js': 'exports.handler = async () => 1;\n', 'parity-check.config.json': config([{ name: 'ingest', packageRoot: 'services/ingest' }]) });
    const g = JSON.parse(runCli(['package', node, '--format', 'json']).stdout).functions[0];
    expect(g.startup.resolution).toEqual({ status: 'unknown', why: 'the runtime is nodejs20.x, not Python' });
  });
});

