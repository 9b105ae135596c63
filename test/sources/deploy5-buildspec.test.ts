// CodeBuild buildspec.yml (topic deploy5, t-okuji/python-fastapi-lambda-web-adapter): its phases' commands were read
// by no source ("Nothing checked: no app found"). They are one build script on the shell simulator. Each case is a
// broken app and its fixed twin: the commands run with bash in a copy (aws/docker stubbed), and /usr/bin/python3
// imports from what they built; an image is built by copying files as its COPY instructions say.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: { name: string; why: string; fix?: string }[] }
function check(repo: string): Out {
  return JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
}

/** The buildspec's phase commands, in order, as one bash script (CodeBuild 0.2 runs them in one shell). */
function buildspec(commands: string[][]): string {
  const phases = ['pre_build', 'build', 'post_build'];
  return ['version: 0.2', 'env:', '  variables:', '    FUNC: api', 'phases:', ...commands.flatMap((cs, k) => [`  ${phases[k]}:`, '    commands:', ...cs.map((c) => `      - ${c}`)]), ''].join('\n');
}

function runPhases(repo: string, commands: string[][]): string {
  const dir = copyTree(repo);
  const script = ['aws() { :; }', 'docker() { :; }', 'FUNC=api', ...commands.flat()].join('\n');
  const r = spawnSync('bash', ['-e', '-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
  expect(r.status, r.stderr).toBe(0);
  return dir;
}

const ZIP_STEPS = (zip: string) => [
  ['echo Building'],
  ['mkdir -p dist', zip],
  ['aws lambda create-function --function-name $FUNC --runtime python3.12 --role arn:aws:iam::1:role/r --handler app.handler --zip-file fileb://dist/fn.zip'],
];

function zipRepo(zip: string): string {
  return writeTree({
    'buildspec.yml': buildspec(ZIP_STEPS(zip)),
    'src/app.py': 'from helpers import greet\n\n\ndef handler(event, context):\n    return greet()\n',
    'src/helpers.py': 'def greet():\n    return "hi"\n',
  });
}

function unzip(zip: string): string {
  const to = tempDir('pc-task-');
  const r = spawnSync('unzip', ['-q', zip, '-d', to], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return to;
}

describe('deploy5: CodeBuild buildspec phases are build steps', () => {
  it('fixed: the zip holds src\'s contents at its root; the handler imports: checked, clean (nothing was seen before)', () => {
    const zip = '(cd src && zip -qr ../dist/fn.zip .)';
    const repo = zipRepo(zip);
    const task = unzip(path.join(runPhases(repo, ZIP_STEPS(zip)), 'dist/fn.zip'));
    expect(python('import app; print(app.handler({}, None))', task).stdout).toBe('hi\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken: the zip holds src/ itself, so app is src/app.py: reported on the buildspec', () => {
    const zip = 'zip -qr dist/fn.zip src';
    const repo = zipRepo(zip);
    const task = unzip(path.join(runPhases(repo, ZIP_STEPS(zip)), 'dist/fn.zip'));
    expect(python('import app', task).stderr).toContain("No module named 'app'");
    const out = check(repo);
    expect(out.findings.length).toBeGreaterThan(0);
    expect(out.findings.every((f) => f.file === 'buildspec.yml')).toBe(true);
  });
});

// t-okuji's Dockerfile: stages base, dev, builder, prod (the Lambda Web Adapter copied into /opt/extensions,
// `COPY ./app/. /app/`, `fastapi run main.py`) and last debug (FROM base, only pyproject.toml copied, CMD debugpy +
// uvicorn main:app). buildspec.yml runs `docker build .` with no --target, pushes it, and update-function-code.
const DOCKERFILE = [
  'FROM python:3.12-slim AS base',
  'ENV PYTHONUNBUFFERED=1',
  '',
  'FROM base AS prod',
  'COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.3 /lambda-adapter /opt/extensions/lambda-adapter',
  'ENV PORT=8000',
  'COPY ./app/. /app/',
  'WORKDIR /app',
  'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]',
  '',
  'FROM base AS debug',
  'COPY ./pyproject.toml ./',
  'WORKDIR /app',
  'CMD ["python3", "-m", "debugpy", "--listen", "0.0.0.0:5678", "-m", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8080"]',
  '',
].join('\n');

function imageRepo(build: string): string {
  return writeTree({
    'Dockerfile': DOCKERFILE,
    'pyproject.toml': '[project]\nname = "api"\nversion = "0"\n',
    'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {}\n',
    'buildspec.yml': buildspec([
      ['aws ecr get-login-password | docker login --username AWS --password-stdin $REGISTRY'],
      [build, 'docker tag api:latest $REGISTRY/api:latest'],
      ['docker push $REGISTRY/api:latest', 'aws lambda update-function-code --function-name $FUNC --image-uri $REGISTRY/api:latest'],
    ]),
  });
}

/** The files a stage's COPY instructions put in the image (only COPY from the context: that is all these stages do). */
function stageFiles(repo: string, stage: 'prod' | 'debug'): string {
  const img = tempDir('pc-img-');
  const text = DOCKERFILE.split(`AS ${stage}\n`)[1].split('\nFROM ')[0];
  for (const line of text.split('\n').filter((l) => /^COPY (?!--from)/.test(l))) {
    const [src, dest] = line.slice(5).split(' ');
    const to = path.join(img, dest.startsWith('/') ? dest : path.join('/app', dest));
    fs.cpSync(path.join(repo, src), src.endsWith('/.') ? to : path.join(to, path.basename(src)), { recursive: true });
  }
  fs.mkdirSync(path.join(img, 'app'), { recursive: true });
  return img;
}

describe('deploy5: a pushed docker build of the last stage that is no Lambda image', () => {
  it('docker build . builds debug: no adapter, no runtime client, and /app holds no main: named as unable to start', () => {
    const repo = imageRepo('docker build . -t api:latest');
    const img = stageFiles(repo, 'debug');
    // The server's folder (WORKDIR /app) holds no main.py, and nothing answers Lambda's runtime API.
    expect(python('import main', path.join(img, 'app')).stderr).toContain("No module named 'main'");
    expect(fs.existsSync(path.join(img, 'opt/extensions'))).toBe(false);
    const out = check(repo);
    expect(out.findings).toEqual([]);
    const why = (out.notChecked ?? []).map((n) => n.why).join('\n');
    expect(why).toContain('stage debug, which has no Lambda base image, runtime interface client or Lambda Web Adapter: Lambda cannot start it');
    expect(why).toContain('stage prod is a Lambda image (--target prod)');
    // The fix is the stage built, not a handler stated in the config (no handler starts a stage without a runtime client).
    const fixes = (out.notChecked ?? []).map((n) => n.fix ?? '');
    expect(fixes.join('\n')).toContain('--target prod');
    expect(fixes.join('\n')).not.toContain('"handler"');
  });

  it('fixed twin: docker build --target prod: the adapter serves main:app, which imports from /app: checked, clean', () => {
    const repo = imageRepo('docker build --target prod . -t api:latest');
    const img = stageFiles(repo, 'prod');
    expect(python('import main; print(sorted(r.path for r in main.app.routes if r.path == "/"))', path.join(img, 'app')).stdout).toBe("['/']\n");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('a local build of the same last stage that is not pushed is no deploy: nothing named', () => {
    const repo = imageRepo('docker build . -t api:latest');
    const bs = fs.readFileSync(path.join(repo, 'buildspec.yml'), 'utf8').replace(/.*docker push.*\n/, '').replace(/.*docker tag.*\n/, '');
    fs.writeFileSync(path.join(repo, 'buildspec.yml'), bs);
    expect(check(repo).notChecked ?? []).toEqual([]);
  });
});

describe('order item 4: a SAM image function built from a stage Lambda cannot start', () => {
  const sam = (dockerfile: string) =>
    writeTree({
      'app/main.py': 'from fastapi import FastAPI\nfrom mangum import Mangum\n\napp = FastAPI()\nhandler = Mangum(app)\n',
      Dockerfile: dockerfile,
      'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n    Metadata:\n      DockerContext: .\n      Dockerfile: Dockerfile\n',
    });

  it('python:3.12-slim running uvicorn: named as not checked, and the fix is the image (no handler to state: main.handler exists, and would not start it either)', () => {
    const out = check(sam('FROM python:3.12-slim\nCOPY app/ /app/\nWORKDIR /app\nCMD ["python3", "-m", "uvicorn", "main:app"]\n'));
    expect(out.findings).toEqual([]);
    const [n] = out.notChecked ?? [];
    expect(n.why).toContain('Lambda cannot start it (it runs python3 -m uvicorn main:app)');
    expect(n.fix).toContain('public.ecr.aws/lambda/python');
    expect(n.fix).not.toContain('"handler"');
  });

  it('fixed twin: the Lambda Python base image with CMD ["main.handler"]: checked', () => {
    const out = check(sam('FROM public.ecr.aws/lambda/python:3.12\nCOPY app/ ${LAMBDA_TASK_ROOT}/\nCMD ["main.handler"]\n'));
    expect(out.notChecked ?? []).toEqual([]);
  });
});
