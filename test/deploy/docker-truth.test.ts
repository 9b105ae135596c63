// Docker truth fixtures (#14 point 3): each a broken image and its fixed twin, built the way its build command says.
// The proof is Docker's own: the files are copied into a temporary /var/task as the COPY instructions say (the
// simulated layout, written by materialize), and /usr/bin/python3 with that folder as PYTHONPATH imports the
// handler and reads the function — what the Lambda runtime does at init. The built CLI must agree: an error on the
// broken twin, nothing on the fixed one.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths, materialize } from '../../src/sources/index.js';
import type { LambdaFunction } from '../../src/types.js';
import { python, runJson, tempDir, writeTree } from '../helpers.js';

const APP = {
  'src/app/__init__.py': '',
  'src/app/handler.py': 'from app.util import greet\n\n\ndef main(event, context):\n    return {"body": greet()}\n',
  'src/app/util.py': 'def greet():\n    return "hi"\n',
  'requirements.txt': 'boto3\n',
};

const GOOD = 'COPY src/ ${LAMBDA_TASK_ROOT}/';
const FLAT = 'COPY src/app/ ${LAMBDA_TASK_ROOT}/'; // the package's files at the root: `app` is gone

const lambdaDockerfile = (copy: string, extra = '') =>
  `FROM public.ecr.aws/lambda/python:3.12\n${extra}COPY requirements.txt \${LAMBDA_TASK_ROOT}/\nRUN pip install -r requirements.txt --target "\${LAMBDA_TASK_ROOT}"\n${copy}\nCMD ["app.handler.main"]\n`;

const workflow = (script: string) =>
  `name: deploy\non: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n${script
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')}\n`;

interface Case {
  name: string;
  files: (copy: string) => Record<string, string>;
  /** The function that deploys the image. */
  fn: string;
  broken: string;
  fixed: string;
}

const CASES: Case[] = [
  {
    name: 'docker/Dockerfile.lambda built with `docker build -f docker/Dockerfile.lambda .` (the repository is the context)',
    files: (copy) => ({ ...APP, 'docker/Dockerfile.lambda': lambdaDockerfile(copy), '.github/workflows/deploy.yml': workflow('docker build -f docker/Dockerfile.lambda -t "$ECR_REGISTRY/app:$GITHUB_SHA" .\ndocker push "$ECR_REGISTRY/app:$GITHUB_SHA"') }),
    fn: 'docker/Dockerfile.lambda',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'the same image built by scripts/build-image.sh, which nothing runs (simulated from the repository root)',
    files: (copy) => ({
      ...APP,
      'docker/Dockerfile.lambda': lambdaDockerfile(copy),
      'scripts/build-image.sh': '#!/usr/bin/env bash\nset -euo pipefail\ndocker build -f docker/Dockerfile.lambda -t "orders:${1:-dev}" .\n',
    }),
    fn: 'docker/Dockerfile.lambda',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'quoted COPY ./ "${LAMBDA_TASK_ROOT}" (Docker removes the quotes)',
    files: (cmd) => ({ ...APP, 'src/Dockerfile': `FROM public.ecr.aws/lambda/python:3.12\nCOPY ./ "\${LAMBDA_TASK_ROOT}"\nCMD [ "${cmd}" ]\n` }),
    fn: 'src/Dockerfile',
    broken: 'handler.main',
    fixed: 'app.handler.main',
  },
  {
    name: 'a harmless yum/apt RUN leaves the image checked',
    files: (copy) => ({
      ...APP,
      Dockerfile: lambdaDockerfile(copy, 'RUN yum install -y gcc && yum clean all && rm -rf /var/cache/yum\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*\n'),
    }),
    fn: 'Dockerfile',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'multi-stage, built with --target lambda (the last stage is a test image)',
    files: (from) => ({
      ...APP,
      Dockerfile:
        `FROM python:3.12 AS build\nWORKDIR /build\nCOPY requirements.txt .\nRUN pip install -r requirements.txt -t /deps\nCOPY src/ ./src/\n` +
        `FROM public.ecr.aws/lambda/python:3.12 AS lambda\nCOPY --from=build /deps \${LAMBDA_TASK_ROOT}/\nCOPY --from=build ${from} \${LAMBDA_TASK_ROOT}/\nCMD ["app.handler.main"]\n` +
        `FROM lambda AS test\nCOPY requirements.txt .\nCMD ["tests.run"]\n`,
      '.github/workflows/deploy.yml': workflow('docker buildx build --target lambda --push -t "$REGISTRY/app:latest" .'),
    }),
    fn: 'Dockerfile --target lambda',
    broken: '/build/src/app',
    fixed: '/build/src/',
  },
  {
    name: 'docker/build-push-action with context and file',
    files: (copy) => ({
      ...APP,
      'docker/Dockerfile': lambdaDockerfile(copy),
      '.github/workflows/deploy.yml':
        'name: deploy\non: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: docker/Dockerfile\n          push: true\n          tags: ${{ steps.ecr.outputs.registry }}/app:${{ github.sha }}\n',
    }),
    fn: 'docker/Dockerfile',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'docker compose build: { context, dockerfile }',
    files: (copy) => ({
      ...APP,
      'docker/lambda.Dockerfile': lambdaDockerfile(copy),
      'docker-compose.yml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/lambda.Dockerfile\n    ports:\n      - "9000:8080"\n',
    }),
    fn: 'docker/lambda.Dockerfile',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'Terraform image_uri = "${aws_ecr_repository.api.repository_url}:latest", pushed by a workflow',
    files: (copy) => ({
      ...APP,
      'docker/Dockerfile': lambdaDockerfile(copy),
      'infra/main.tf':
        'resource "aws_ecr_repository" "api" {\n  name = "orders-api"\n}\n\nresource "aws_lambda_function" "api" {\n  function_name = "orders"\n  role          = "arn:aws:iam::123456789012:role/x"\n  package_type  = "Image"\n  image_uri     = "${aws_ecr_repository.api.repository_url}:latest"\n}\n',
      '.github/workflows/deploy.yml': workflow(
        'docker build -t other:dev -f docker/Dockerfile src\nIMAGE="$ECR_REGISTRY/orders-api:latest"\ndocker build -f docker/Dockerfile -t orders .\ndocker tag orders "$IMAGE"\ndocker push "$IMAGE"',
      ),
    }),
    fn: 'api',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'Terraform image_uri = docker_image.x.name, built by Terraform (build { context = "${path.cwd}/..", dockerfile })',
    files: (copy) => ({
      ...APP,
      'docker/Dockerfile': lambdaDockerfile(copy),
      'infra/main.tf':
        'resource "docker_image" "api" {\n  name = "orders:latest"\n  build {\n    context    = "${path.cwd}/.."\n    dockerfile = "docker/Dockerfile"\n  }\n}\n\nresource "docker_registry_image" "api" {\n  name = docker_image.api.name\n}\n\nresource "aws_lambda_function" "api" {\n  function_name = "orders"\n  role          = "arn:aws:iam::123456789012:role/x"\n  package_type  = "Image"\n  image_uri     = docker_registry_image.api.name\n}\n',
    }),
    fn: 'api',
    broken: FLAT,
    fixed: GOOD,
  },
  {
    name: 'SAM Metadata: DockerContext, Dockerfile and DockerBuildTarget',
    files: (from) => ({
      ...CASES[4].files(from),
      'template.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n    Metadata:\n      DockerContext: .\n      Dockerfile: Dockerfile\n      DockerBuildTarget: lambda\n',
    }),
    fn: 'Orders',
    broken: '/build/src/app',
    fixed: '/build/src/',
  },
];

/** The deployed function as the sources read it, its package written out, and what Python says importing it. */
function prove(files: Record<string, string>, name: string) {
  const paths = Object.keys(files).sort();
  const facts = collectDeployFacts(paths.map((p) => ({ path: p, text: files[p] })), contextFromPaths(paths));
  expect(facts.problems).toEqual([]);
  const fn = facts.functions.find((f) => f.name === name) as LambdaFunction | undefined;
  expect(fn, `functions: ${facts.functions.map((f) => f.name).join(', ')}`).toBeDefined();
  if (!fn!.layout.known || !fn!.handler.known) throw new Error(`not known: ${JSON.stringify([fn!.layout, fn!.handler])}`);
  expect(fn!.layout.value.unknowns).toEqual([]);
  const pkg = tempDir('pc-task-');
  materialize(fn!.layout.value, (src) => Buffer.from(files[src]), pkg);
  const h = fn!.handler.value;
  const mod = h.slice(0, h.lastIndexOf('.'));
  const attr = h.slice(h.lastIndexOf('.') + 1);
  const r = python(`import importlib; f = getattr(importlib.import_module(${JSON.stringify(mod)}), ${JSON.stringify(attr)}); print(f({}, None))`, pkg, { env: { PATH: '/usr/bin:/bin' } });
  return { fn: fn!, facts, py: r, pkg };
}

function cli(files: Record<string, string>) {
  const dir = writeTree(files);
  return runJson([dir, '--no-cache', '--verbose']);
}

describe('Docker images as their build makes them (real Python decides)', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it('broken: Python cannot import the handler from the image, and the check says so', () => {
        const files = c.files(c.broken);
        const { py } = prove(files, c.fn);
        expect(py.code).toBe(1);
        expect(py.stderr).toMatch(/ModuleNotFoundError: No module named '(app|handler)'/);
        const r = cli(files);
        expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['HND001']);
        expect(r.code).toBe(1);
      });

      it('fixed: Python imports the handler and calls it; the check is clean', () => {
        const files = c.files(c.fixed);
        const { py } = prove(files, c.fn);
        expect(py.stderr).toBe('');
        expect(py.stdout.trim()).toBe("{'body': 'hi'}");
        const r = cli(files);
        expect(r.findings).toEqual([]);
        expect(r.code).toBe(0);
      });
    });
  }

  it('a Dockerfile built twice with different targets is two images', () => {
    const files = CASES[4].files(CASES[4].fixed);
    files['.github/workflows/deploy.yml'] = workflow('docker build --target lambda -t app:prod .\ndocker build --target test -t app:test .');
    const paths = Object.keys(files).sort();
    const facts = collectDeployFacts(paths.map((p) => ({ path: p, text: files[p] })), contextFromPaths(paths));
    expect(facts.functions.map((f) => [f.name, f.handler.known && f.handler.value])).toEqual([
      ['Dockerfile --target lambda', 'app.handler.main'],
      ['Dockerfile --target test', 'tests.run'],
    ]);
    // Two contexts: two images, each with the files its context holds.
    const two: Record<string, string> = { ...CASES[3].files(GOOD), '.github/workflows/deploy.yml': workflow('docker build -t a .\ndocker build -t b -f Dockerfile src') };
    const p2 = Object.keys(two).sort();
    const f2 = collectDeployFacts(p2.map((p) => ({ path: p, text: two[p] })), contextFromPaths(p2));
    expect(f2.functions.map((f) => [f.name, f.layout.known && f.layout.value.unknowns.map((u) => u.why)])).toEqual([
      ['Dockerfile (context .)', []],
      ['Dockerfile (context src)', ['requirements.txt matches nothing in the build context src', 'src/ matches nothing in the build context src']],
    ]);
  });

  it('a script nothing runs still says how its image is built: the build, not the COPY-source fallback, gives the context', () => {
    const files = CASES[1].files(GOOD);
    const paths = Object.keys(files).sort();
    const facts = collectDeployFacts(paths.map((p) => ({ path: p, text: files[p] })), contextFromPaths(paths));
    expect(facts.images).toEqual([expect.objectContaining({ dockerfile: expect.objectContaining({ value: 'docker/Dockerfile.lambda' }), context: expect.objectContaining({ value: '' }), loc: expect.objectContaining({ file: 'scripts/build-image.sh', line: 3 }) })]);
    expect(facts.unknowns.map((u) => u.what)).not.toContain('docker/Dockerfile.lambda build context');
  });

  it('with nothing that builds it, the folder holding every COPY source is the context, said in --verbose', () => {
    const files = CASES[0].files(GOOD);
    delete files['.github/workflows/deploy.yml'];
    const { py, facts } = prove(files, 'docker/Dockerfile.lambda');
    expect(py.code).toBe(0);
    expect(facts.unknowns).toContainEqual(expect.objectContaining({ what: 'docker/Dockerfile.lambda build context', why: expect.stringContaining('the checked folder is the context: every COPY source exists there, not in docker') }));
    const r = runJson([writeTree(files), '--no-cache', '--verbose']);
    expect(r.stderr).toContain('docker/Dockerfile.lambda build context is not known (no docker build, compose service or deploy definition builds it: the checked folder is the context');
    expect(r.findings).toEqual([]);
  });

  it('Terraform with one Lambda Dockerfile and no build tagged like image_uri links to it, said in --verbose', () => {
    const files = CASES[7].files(FLAT);
    delete files['.github/workflows/deploy.yml'];
    const { py, facts } = prove(files, 'api');
    expect(py.code).toBe(1);
    expect(facts.unknowns).toContainEqual(expect.objectContaining({ what: 'api image', why: expect.stringContaining('docker/Dockerfile is used, the only Lambda image in the checked folder') }));
    const r = runJson([writeTree(files), '--no-cache', '--verbose']);
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([['HND001', 'docker/Dockerfile']]);
    expect(r.stderr).toContain('api image is not known (no build is tagged like image_uri */orders-api:latest: docker/Dockerfile is used');
  });
});
