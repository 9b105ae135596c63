// Lambda functions that cannot be checked are named in every format (#14 point 4), by the built CLI
// on a real repository: pretty, JSON, SARIF (validated against the official schema) and GitHub
// annotations; the summary counts them; they never change the exit code; --staged names those of
// the change.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, python, runCli, writeTree } from '../helpers.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: orders/
      Handler: app.lambda_handler
      Runtime: python3.12
  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: reports/
      Handler: !Sub "reports.\${Stage}.handler"
      Runtime: python3.12
`;
const IMAGE_TF = `module "image_fn" {
  source = "terraform-aws-modules/lambda/aws"

  function_name  = "orders-report"
  package_type   = "Image"
  create_package = false
  image_uri      = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:latest"
  image_config_command = ["report.main.handler"]
}
`;
const FILES = {
  'template.yaml': TEMPLATE,
  'infra/image.tf': IMAGE_TF,
  'orders/app.py': 'def lambda_handler(event, context):\n    return {"statusCode": 200}\n',
  'reports/reports.py': 'def handler(event, context):\n    return {}\n',
};
const REPORTS = 'template.yaml:13:3  function ReportsFunction not checked: its handler is not known (!Sub with parameters)';
const IMAGE = 'infra/image.tf:1:1  function image_fn not checked: its package is not known (container image: built elsewhere)';

const repo = (extra: Record<string, string> = {}) => writeTree({ ...FILES, ...extra });

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
// The formats the schema uses, checked as test/reporters/sarif.test.ts does.
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s) && URL.canParse(s, 'http://base.invalid/dir/'));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

describe('functions not checked, in every format', () => {
  it('the premise: real Python imports the known function; the unknown one has no handler string to import', () => {
    const dir = repo();
    expect(python('import app; assert callable(app.lambda_handler)', `${dir}/orders`).code).toBe(0);
    // "reports.${Stage}.handler" is only known once CloudFormation substitutes Stage at deploy time.
    expect(python('import importlib; importlib.import_module("reports.${Stage}")', `${dir}/reports`).code).not.toBe(0);
  });

  it('pretty: each one at its definition, why, the config entry; counted in the summary; exit 0', () => {
    // From the checked folder: pretty paths are relative to the current folder (#18 point 10).
    const dir = repo();
    const r = runCli([dir, '--no-cache'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        IMAGE,
        '    state it in the config: "functions": [{ "name": "image_fn", "packageRoot": "<folder that becomes /var/task>" }]',
        '',
        REPORTS,
        '    state it in the config: "functions": [{ "name": "ReportsFunction", "handler": "module.function" }]',
        '',
        '✔ No problems found in what was checked; 2 Lambda functions not checked (1 app, 1 file checked)',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toMatch(/No problems found \(/);
  });

  it('pretty with an error: the count follows the errors, and the exit code is the errors\' (1)', () => {
    const r = runCli([repo({ 'orders/app.py': 'def handler(event, context):\n    return {}\n' }), '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('template.yaml:11:16  HND001  error');
    expect(r.stdout).toContain(REPORTS);
    expect(r.stdout).toContain('✖ 1 error; 2 Lambda functions not checked (1 file, 1 app, 1 file checked)\n');
  });

  it('json: a notChecked list after the findings; absent when every function was checked', () => {
    const r = runCli([repo(), '--no-cache', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['findings', 'notChecked']);
    expect(doc.notChecked).toEqual([
      {
        name: 'image_fn',
        file: 'infra/image.tf',
        line: 1,
        column: 1,
        why: 'its package is not known (container image: built elsewhere)',
        fix: 'state it in the config: "functions": [{ "name": "image_fn", "packageRoot": "<folder that becomes /var/task>" }]',
      },
      {
        name: 'ReportsFunction',
        file: 'template.yaml',
        line: 13,
        column: 3,
        why: 'its handler is not known (!Sub with parameters)',
        fix: 'state it in the config: "functions": [{ "name": "ReportsFunction", "handler": "module.function" }]',
      },
    ]);
    const known = writeTree({ 'template.yaml': TEMPLATE.split('  ReportsFunction:')[0], 'orders/app.py': FILES['orders/app.py'] });
    expect(JSON.parse(runCli([known, '--no-cache', '--format', 'json']).stdout)).toEqual({ findings: [] });
  });

  it('sarif: tool execution notifications (level note) at each definition, valid SARIF 2.1.0', () => {
    const r = runCli([repo(), '--no-cache', '--format', 'sarif']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const run = log.runs[0];
    expect(run.results).toEqual([]);
    expect(run.tool.driver.notifications.map((n: { id: string }) => n.id)).toEqual(['not-checked']);
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(true);
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(notes.map((n: { level: string }) => n.level)).toEqual(['note', 'note']);
    expect(notes.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [n.locations[0].physicalLocation.artifactLocation.uri, n.locations[0].physicalLocation.region.startLine])).toEqual([
      ['infra/image.tf', 1],
      ['template.yaml', 13],
    ]);
    expect(notes[1].message.text).toBe(
      'function ReportsFunction not checked: its handler is not known (!Sub with parameters); state it in the config: "functions": [{ "name": "ReportsFunction", "handler": "module.function" }]',
    );
  });

  it('github: one ::notice per function at its definition (GITHUB_ACTIONS picks the format)', () => {
    const r = runCli([repo(), '--no-cache'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      '::notice file=infra/image.tf,line=1,col=1,title=parity-check%3A image_fn not checked::function image_fn not checked: its package is not known (container image: built elsewhere); state it in the config: "functions": [{ "name": "image_fn", "packageRoot": "<folder that becomes /var/task>" }]',
      '::notice file=template.yaml,line=13,col=3,title=parity-check%3A ReportsFunction not checked::function ReportsFunction not checked: its handler is not known (!Sub with parameters); state it in the config: "functions": [{ "name": "ReportsFunction", "handler": "module.function" }]',
      '',
    ]);
  });
});

describe('--staged names the functions not checked of the change', () => {
  const committed = () => {
    const dir = makeRepo();
    writeTree(FILES, dir);
    commitAll(dir);
    return dir;
  };
  const staged = (dir: string, ...args: string[]) => runCli(['--staged', '--no-cache', ...args], { cwd: dir });

  it('a Python change of a checked function: none named', () => {
    const dir = committed();
    writeTree({ 'orders/app.py': `${FILES['orders/app.py']}# touched\n` }, dir);
    git(dir, 'add', '-A');
    const r = staged(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No problems found (1 app, 1 file checked)\n');
  });

  it('a change inside the code root of a function not checked: that one, though no app is checked', () => {
    const dir = committed();
    writeTree({ 'reports/reports.py': `${FILES['reports/reports.py']}# touched\n` }, dir);
    git(dir, 'add', '-A');
    const r = staged(dir, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).notChecked.map((n: { name: string }) => n.name)).toEqual(['ReportsFunction']);
  });

  it('a change of a deploy definition: every one', () => {
    const dir = committed();
    writeTree({ 'template.yaml': `${TEMPLATE}# touched\n` }, dir);
    git(dir, 'add', '-A');
    const r = staged(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(IMAGE);
    expect(r.stdout).toContain(REPORTS);
    expect(r.stdout).toContain('2 Lambda functions not checked');
  });
});
