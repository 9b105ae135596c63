// The summary counts the Lambda functions not checked, not the lines that name them: an image whose
// build fails at two COPYs is one function named twice. Built CLI, real git repository, real Python.
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
      CodeUri: code/
      Handler: !Sub "orders.\${Stage}.handler"
      Runtime: python3.12
  ReportsFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: code/
      Handler: !Sub "reports.\${Stage}.handler"
      Runtime: python3.12
  ImageFunction:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
    Metadata:
      DockerContext: ./img
      Dockerfile: Dockerfile
`;
const HANDLER = 'def handler(event, context):\n    return {}\n';
const FILES = {
  'template.yaml': TEMPLATE,
  'code/app.py': HANDLER,
  'img/app.py': HANDLER,
  // Neither missing.py nor lib/ is in the build context: docker build stops at either COPY.
  'img/Dockerfile': 'FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py ${LAMBDA_TASK_ROOT}/\nCOPY missing.py ${LAMBDA_TASK_ROOT}/\nCOPY lib/ ${LAMBDA_TASK_ROOT}/lib/\nCMD ["app.handler"]\n',
};

const committed = () => {
  const dir = makeRepo();
  writeTree(FILES, dir);
  commitAll(dir);
  return dir;
};

const COPY_1 = 'img/Dockerfile:3:6  function ImageFunction not checked: its image does not build: missing.py matches nothing in the build context img';
const COPY_2 = 'img/Dockerfile:4:6  function ImageFunction not checked: its image does not build: lib/ matches nothing in the build context img';
const ORDERS = 'template.yaml:7:3  function OrdersFunction not checked: its handler is not known (!Sub with parameters)';
const REPORTS = 'template.yaml:13:3  function ReportsFunction not checked: its handler is not known (!Sub with parameters)';

describe('the count of functions not checked', () => {
  it('the premise: the image handler imports; the !Sub handlers name no module until CloudFormation substitutes Stage', () => {
    const dir = committed();
    expect(python('import app; assert callable(app.handler)', `${dir}/img`).code).toBe(0);
    expect(python('import importlib; importlib.import_module("orders.${Stage}")', `${dir}/code`).code).not.toBe(0);
  });

  it('two functions on one cause and one named at two COPYs: each line is said, and the count is 3', () => {
    const dir = committed();
    const r = runCli([dir, '--no-cache'], { cwd: dir }); // pretty paths are relative to the current folder
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const said = lines.filter((l) => / function \w+ not checked: /.test(l));
    expect(said.map((l) => l.slice(0, l.indexOf(' not checked') + 12))).toEqual([
      'img/Dockerfile:3:6  function ImageFunction not checked',
      'img/Dockerfile:4:6  function ImageFunction not checked',
      'template.yaml:7:3  function OrdersFunction not checked',
      'template.yaml:13:3  function ReportsFunction not checked',
    ]);
    for (const start of [COPY_1, COPY_2, ORDERS, REPORTS]) expect(said.some((l) => l.startsWith(start))).toBe(true);
    expect(lines).toContain('✔ No problems found in what was checked; 3 Lambda functions not checked (1 app, 1 file checked)');
  });

  it('json keeps one entry a line, as before (the count is the pretty summary\'s)', () => {
    const r = runCli([committed(), '--no-cache', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.notChecked.map((n: { name: string; line: number }) => `${n.name}:${n.line}`)).toEqual(['ImageFunction:3', 'ImageFunction:4', 'OrdersFunction:7', 'ReportsFunction:13']);
    expect(Object.keys(doc.notChecked[0])).toEqual(['name', 'file', 'line', 'column', 'why', 'fix']);
  });

  it('--staged, a change inside the image context: both COPY lines of its function, counted once', () => {
    const dir = committed();
    writeTree({ 'img/app.py': `${HANDLER}# touched\n` }, dir);
    git(dir, 'add', '-A');
    const r = runCli(['--staged', '--no-cache'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(COPY_1);
    expect(r.stdout).toContain(COPY_2);
    expect(r.stdout).not.toContain('OrdersFunction');
    expect(r.stdout).toContain('; 1 Lambda function not checked (');
  });
});
