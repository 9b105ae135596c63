// Truth fixtures of the CDK, SAM-by-content and serverless-artifact sources: each twin checked by the built CLI,
// and its verdict proved by doing the build as the deploy does it (the asset folder copied as /var/task, the
// Dockerfile's COPY done by hand, the workflow's build step run by bash with the real zip), then real Python
// importing the handler with that folder on PYTHONPATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts } from '../../src/sources/index.js';
import { extractDockerfile } from '../../src/sources/dockerfile.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { copyTree, python, runJson, tempDir } from '../helpers.js';
import { loadFixture } from '../sources/helpers.js';

const APPS = fileURLToPath(new URL('../fixtures/deploy-apps/', import.meta.url));
const load = (name: string) => loadFixture(`../deploy-apps/${name}`);
const pick = (f: { ruleId: string; file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`;
const check = (name: string) => runJson([path.join(APPS, name), '--no-cache']);

/** Imports the handler (`module.function`) with `root` as /var/task: what Lambda's Python bootstrap does. */
function importHandler(root: string, handler: string) {
  const i = handler.lastIndexOf('.');
  const code = `import importlib, sys\nm = importlib.import_module(${JSON.stringify(handler.slice(0, i).replace(/\//g, '.'))})\nf = getattr(m, ${JSON.stringify(handler.slice(i + 1))})\nassert callable(f)\nprint("ok")`;
  return python(code, root, { env: { PATH: '/usr/bin:/bin' } });
}

/** The asset folder copied whole: Code.fromAsset / PythonFunction entry / SAM CodeUri all zip a folder as it is. */
function copyFolder(name: string, folder: string): string {
  const pkg = tempDir('pc-pkg-');
  fs.cpSync(path.join(APPS, name, folder), pkg, { recursive: true });
  return pkg;
}

function fnOf(name: string, fnName: string): SourceFunction {
  const fx = load(name);
  const facts = collectDeployFacts(fx.files, fx.ctx);
  expect(facts.problems).toEqual([]);
  const fn = facts.functions.find((f) => f.name === fnName) as SourceFunction | undefined;
  if (!fn) throw new Error(`${fnName} not found in ${name}: ${facts.functions.map((f) => f.name).join(', ')}`);
  return fn;
}

describe('CDK Python: Function with Code.from_asset(os.path.join(os.path.dirname(__file__), "..", "lambda"))', () => {
  it('reads the function from the stack the app script imports, at the handler string', () => {
    const fn = fnOf('cdk-py-broken', 'OrdersFunction');
    expect(fn.source).toBe('cdk');
    expect(fn.runtime).toMatchObject({ known: true, value: 'python3.12' });
    expect(fn.handler).toMatchObject({ known: true, value: 'orders.handler', loc: { file: 'stacks/orders_stack.py', line: 17, column: 21 } });
    expect(fn.layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'lambda' } });
  });

  it('broken: HND001 at the handler string; Python finds no handler in the asset folder', () => {
    const r = check('cdk-py-broken');
    expect(r.findings.map(pick)).toEqual(['stacks/orders_stack.py:17:21 HND001']);
    const py = importHandler(copyFolder('cdk-py-broken', 'lambda'), 'orders.handler');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("AttributeError: module 'orders' has no attribute 'handler'");
  });

  it('fixed: clean, and the handler imports', () => {
    expect(check('cdk-py-fixed').findings).toEqual([]);
    const fn = fnOf('cdk-py-fixed', 'OrdersFunction');
    expect(fn.handler).toMatchObject({ known: true, value: 'orders.lambda_handler' });
    expect(importHandler(copyFolder('cdk-py-fixed', 'lambda'), 'orders.lambda_handler').stdout.trim()).toBe('ok');
  });
});

describe("CDK TypeScript: Function with Code.fromAsset(path.join(__dirname, '../lambda'))", () => {
  it('resolves __dirname from lib/ to the lambda folder', () => {
    const fn = fnOf('cdk-ts-fixed', 'ApiFunction');
    expect(fn.layout).toMatchObject({ known: true, value: { codeRoot: 'lambda' }, loc: { file: 'lib/api-stack.ts', line: 12 } });
    expect(fn.handler).toMatchObject({ known: true, value: 'src.handler.main' });
  });

  it('broken: HND001; Python: No module named handler under the asset folder', () => {
    expect(check('cdk-ts-broken').findings.map(pick)).toEqual(['lib/api-stack.ts:11:16 HND001']);
    const py = importHandler(copyFolder('cdk-ts-broken', 'lambda'), 'handler.main');
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'handler'");
  });

  it('fixed: clean, and src.handler.main imports with its absolute import of src.util', () => {
    expect(check('cdk-ts-fixed').findings).toEqual([]);
    expect(importHandler(copyFolder('cdk-ts-fixed', 'lambda'), 'src.handler.main').stdout.trim()).toBe('ok');
  });
});

describe('PythonFunction (aws-lambda-python-alpha): entry, index, handler', () => {
  it('the handler is the index as a module path under entry', () => {
    const fn = fnOf('cdk-pyfn-fixed', 'ApiHandler');
    expect(fn.handler).toMatchObject({ known: true, value: 'app.main.handler' });
    expect(fn.layout).toMatchObject({ known: true, value: { codeRoot: 'functions/api' }, loc: { file: 'lib/service.ts', line: 6 } });
    expect(fn.runtime).toMatchObject({ known: true, value: 'python3.12' });
  });

  it('broken: the import written from the repository root is MOD003 under entry; Python agrees', () => {
    const r = check('cdk-pyfn-broken');
    expect(r.findings.map(pick)).toEqual(['functions/api/app/main.py:1:6 MOD003']);
    const py = importHandler(copyFolder('cdk-pyfn-broken', 'functions/api'), 'app.main.handler');
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'functions'");
  });

  it('fixed: clean, and app.main.handler imports', () => {
    expect(check('cdk-pyfn-fixed').findings).toEqual([]);
    expect(importHandler(copyFolder('cdk-pyfn-fixed', 'functions/api'), 'app.main.handler').stdout.trim()).toBe('ok');
  });
});

describe('DockerImageFunction (from_image_asset with file and cmd) and Code.from_docker_build', () => {
  /** COPY app/ ${LAMBDA_TASK_ROOT}/ of services/worker/Dockerfile.lambda, done by hand. */
  const image = (name: string) => {
    const pkg = tempDir('pc-image-');
    fs.cpSync(path.join(APPS, name, 'services/worker/app'), pkg, { recursive: true });
    return pkg;
  };

  it('links the image function to Dockerfile.lambda in its directory; cmd is the handler', () => {
    const fn = fnOf('cdk-docker-broken', 'Worker');
    expect(fn.packageType).toBe('image');
    expect(fn.dockerfile).toBe('services/worker/Dockerfile.lambda');
    expect(fn.dockerContext).toBe('services/worker');
    expect(fn.handler).toMatchObject({ known: true, value: 'app.worker.handler', loc: { file: 'app.py', line: 14 } });
    expect(fn.layout.known && fn.layout.value.files?.map((f) => f.dest)).toEqual(['worker.py']);
  });

  it('broken: HND001 at cmd; Python: the COPY put worker.py at the root, app.worker does not exist', () => {
    expect(check('cdk-docker-broken').findings.map(pick)).toEqual(['app.py:14:67 HND001']);
    expect(importHandler(image('cdk-docker-broken'), 'app.worker.handler').stderr).toContain("No module named 'app'");
  });

  it('fixed: clean, and worker.handler imports', () => {
    expect(check('cdk-docker-fixed').findings).toEqual([]);
    expect(importHandler(image('cdk-docker-fixed'), 'worker.handler').stdout.trim()).toBe('ok');
  });

  it('the image built only to copy /asset out starts nothing: its CMD is no handler, the function is named as not checked', () => {
    const fx = load('cdk-docker-fixed');
    // The trigger: read alone, builder/Dockerfile is a Lambda image whose CMD names a module that does not exist.
    const alone = extractDockerfile('builder/Dockerfile', fx.text('builder/Dockerfile'), fx.ctx).functions[0];
    expect(alone.handler).toMatchObject({ known: true, value: 'build.handler' });
    const facts = collectDeployFacts(fx.files, fx.ctx);
    expect(facts.functions.map((f) => `${f.source}:${f.name}`).sort()).toEqual(['cdk:Report', 'cdk:Worker']);
    const report = facts.functions.find((f) => f.name === 'Report') as SourceFunction;
    expect(report.dockerBuild).toBe('builder/Dockerfile');
    expect(report.layout).toMatchObject({ known: false, why: expect.stringContaining('Code.fromDockerBuild') });
    // Python: the /asset folder (COPY report.py /asset/) holds the real handler; `build` was never a module of it.
    const asset = tempDir('pc-asset-');
    fs.copyFileSync(path.join(APPS, 'cdk-docker-fixed/builder/report.py'), path.join(asset, 'report.py'));
    expect(importHandler(asset, 'report.handler').stdout.trim()).toBe('ok');
    expect(importHandler(asset, 'build.handler').stderr).toContain("No module named 'build'");
    const r = runJson([path.join(APPS, 'cdk-docker-fixed'), '--no-cache', '--verbose']);
    expect(r.stderr).toContain('function Report is not checked: its package is not known (Code.fromDockerBuild');
  });
});

describe('a SAM template named sam/api.yaml (found by its content)', () => {
  it('broken: HND001 at the Handler; Python: src is not a module of the CodeUri folder', () => {
    expect(check('sam-byname-broken').findings.map(pick)).toEqual(['sam/api.yaml:10:16 HND001']);
    expect(importHandler(copyFolder('sam-byname-broken', 'src'), 'src.api.handler').stderr).toContain("No module named 'src'");
  });

  it('fixed: clean, and api.handler imports; config/settings.yaml is not read as a template', () => {
    expect(check('sam-byname-fixed').findings).toEqual([]);
    expect(importHandler(copyFolder('sam-byname-fixed', 'src'), 'api.handler').stdout.trim()).toBe('ok');
    const fx = load('sam-byname-fixed');
    expect(collectDeployFacts(fx.files, fx.ctx).functions.map((f) => `${f.loc.file}:${f.name}`)).toEqual(['sam/api.yaml:ApiFunction']);
  });
});

describe('serverless package.artifact built by a workflow step', () => {
  /** Runs the workflow's build step with bash in a copy of the fixture (real mkdir, cd, zip), unzips the artifact. */
  function build(name: string): string {
    const dir = copyTree(path.join(APPS, name));
    const wf = fs.readFileSync(path.join(dir, '.github/workflows/deploy.yml'), 'utf8');
    const step = /run: \|\n((?: {10}.*\n)+)/.exec(wf)![1].replace(/^ {10}/gm, '');
    // stdin not a socket: bash started with a socket on stdin and SHLVL unset sources /etc/bash.bashrc (its rsh rule), whose $PS1 fails under -u
    const sh = spawnSync('bash', ['-euo', 'pipefail', '-c', step], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(sh.stderr).toBe('');
    expect(sh.status).toBe(0);
    const pkg = tempDir('pc-zip-');
    expect(spawnSync('unzip', ['-q', path.join(dir, 'build/orders.zip'), '-d', pkg]).status).toBe(0);
    return pkg;
  }

  it('the serverless function takes the layout of the zip the workflow builds', () => {
    const fn = fnOf('sls-artifact-fixed', 'orders');
    expect(fn.artifact).toBe('build/orders.zip');
    expect(fn.linked).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yml' })]);
    expect(fn.layout.known && fn.layout.value.files?.map((f) => f.dest)).toEqual(['orders.py']);
  });

  it('broken: the zip holds src/orders.py; HND001, and Python cannot import orders from it', () => {
    expect(check('sls-artifact-broken').findings.map(pick)).toEqual(['serverless.yml:9:14 HND001']);
    const pkg = build('sls-artifact-broken');
    expect(fs.existsSync(path.join(pkg, 'src/orders.py'))).toBe(true);
    expect(importHandler(pkg, 'orders.handler').stderr).toContain("No module named 'orders'");
  });

  it('fixed: the zip holds orders.py at its root; clean, and the handler imports', () => {
    expect(check('sls-artifact-fixed').findings).toEqual([]);
    expect(importHandler(build('sls-artifact-fixed'), 'orders.handler').stdout.trim()).toBe('ok');
  });
});
