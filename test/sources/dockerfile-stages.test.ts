// Dockerfiles read as Docker builds them: quotes and variables in COPY/WORKDIR, flags, the JSON form, RUN only for
// what it does to the image's files, multi-stage targets and COPY --from a stage.
import { describe, expect, it } from 'vitest';
import { extractDockerfile } from '../../src/sources/dockerfile.js';
import { contextFromPaths } from '../../src/sources/index.js';
import type { LambdaFunction } from '../../src/types.js';

const ctx = contextFromPaths(['app/handler.py', 'app/pkg/__init__.py', 'app/pkg/db.py', 'requirements.txt']);

function fn(text: string, opts = {}): LambdaFunction {
  const f = extractDockerfile('Dockerfile', text, ctx, opts).functions;
  expect(f).toHaveLength(1);
  return f[0];
}

function layout(f: LambdaFunction) {
  if (!f.layout.known) throw new Error(`layout unknown: ${f.layout.why}`);
  return { files: f.layout.value.files!.map((x) => x.dest), unknowns: f.layout.value.unknowns.map((u) => u.why) };
}

const BASE = 'FROM public.ecr.aws/lambda/python:3.12\n';

describe('Dockerfile words', () => {
  it('quotes are removed: COPY app/ "${LAMBDA_TASK_ROOT}" lands in /var/task', () => {
    const f = fn(`${BASE}COPY app/ "\${LAMBDA_TASK_ROOT}"\nCMD ["handler.main"]\n`);
    expect(layout(f)).toEqual({ files: ['handler.py', 'pkg/__init__.py', 'pkg/db.py'], unknowns: [] });
  });

  it("single quotes, the JSON form, --chown/--chmod/--link flags and a quoted WORKDIR", () => {
    const f = fn(`${BASE}WORKDIR "/var/task"\nCOPY --chown=1000:1000 --chmod=644 --link ['app/handler.py'] .\nCOPY --link ["app/pkg", "./pkg/"]\nCMD ["handler.main"]\n`.replace("['app/handler.py']", "'app/handler.py'"));
    expect(layout(f)).toEqual({ files: ['handler.py', 'pkg/__init__.py', 'pkg/db.py'], unknowns: [] });
  });

  it('an ARG default and --build-arg expand in COPY', () => {
    const text = `${BASE}ARG SRC=app\nCOPY \${SRC}/pkg \${LAMBDA_TASK_ROOT}/pkg\nCMD ["pkg.db.main"]\n`;
    expect(layout(fn(text)).files).toEqual(['pkg/__init__.py', 'pkg/db.py']);
    expect(layout(fn(text, { buildArgs: { SRC: 'nowhere' } })).unknowns).toEqual(['nowhere/pkg matches nothing in the build context .']);
  });
});

describe('RUN', () => {
  it('apt-get, yum, pip into site-packages and --target ${LAMBDA_TASK_ROOT} change nothing in the package', () => {
    const f = fn(
      `${BASE}RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nRUN yum install -y git && yum clean all\n` +
        `COPY requirements.txt .\nRUN pip install -r requirements.txt && pip install -r requirements.txt --target "\${LAMBDA_TASK_ROOT}"\n` +
        `RUN --mount=type=cache,target=/root/.cache pip install boto3\nCOPY app/ \${LAMBDA_TASK_ROOT}/\nCMD ["handler.main"]\n`,
    );
    expect(layout(f)).toEqual({ files: ['handler.py', 'pkg/__init__.py', 'pkg/db.py', 'requirements.txt'], unknowns: [] });
  });

  it('a RUN that moves package files is simulated; one that cannot be followed is an unknown', () => {
    const f = fn(`${BASE}COPY app/ /tmp/src/\nRUN cp -r /tmp/src/pkg \${LAMBDA_TASK_ROOT}/ && mv /tmp/src/handler.py /var/task/main.py\nCMD ["main.main"]\n`);
    expect(layout(f)).toEqual({ files: ['main.py', 'pkg/__init__.py', 'pkg/db.py'], unknowns: [] });
    if (f.layout.known) expect(f.layout.value.files!.find((x) => x.dest === 'pkg/db.py')).toMatchObject({ src: 'app/pkg/db.py', loc: { line: 3 } });
    const g = fn(`${BASE}COPY app/ .\nRUN if [ -n "$X" ]; then rm -rf pkg; fi\nCMD ["handler.main"]\n`);
    expect(layout(g).unknowns).toEqual(['RUN: if statement not simulated: it changes files conditionally']);
  });

  it('an archive extracted outside the task root leaves the package known; into it, or above it, does not', () => {
    const tool = (dir: string) => fn(`${BASE}COPY app/ \${LAMBDA_TASK_ROOT}/\nWORKDIR ${dir}\nRUN curl -O https://x/t.tar.gz && tar -xf t.tar.gz && rm t.tar.gz\nCMD ["handler.main"]\n`);
    expect(layout(tool('/opt')).unknowns).toEqual([]);
    expect(layout(tool('/var/task')).unknowns).toEqual(['RUN: tar is not simulated']);
    expect(layout(fn(`${BASE}COPY app/ .\nRUN tar -xzf /tmp/x.tgz -C /\nCMD ["handler.main"]\n`)).unknowns).toEqual(['RUN: tar is not simulated']);
    expect(layout(fn(`${BASE}COPY app/ .\nRUN unzip -q /tmp/x.zip -d /opt/x\nCMD ["handler.main"]\n`)).unknowns).toEqual([]);
  });

  it('a here-document RUN is a script', () => {
    const f = fn(`${BASE}COPY app/ /src/\nRUN <<EOF\nset -e\ncp -r /src/. /var/task/\nrm -rf /var/task/pkg\nEOF\nCMD ["handler.main"]\n`);
    expect(layout(f).files).toEqual(['handler.py']);
  });
});

describe('multi-stage', () => {
  const text =
    'FROM python:3.12 AS build\nWORKDIR /build\nCOPY requirements.txt .\nRUN pip install -r requirements.txt -t /deps\nCOPY app/ ./src/\n' +
    'FROM public.ecr.aws/lambda/python:3.12 AS lambda\nCOPY --from=build /deps ${LAMBDA_TASK_ROOT}\nCOPY --from=build /build/src/ ${LAMBDA_TASK_ROOT}/\nCMD ["handler.main"]\n' +
    'FROM lambda AS test\nCOPY requirements.txt /var/task/\nCMD ["pkg.db.main"]\n' +
    'FROM python:3.12-slim AS dev\nCMD ["uvicorn", "app:app"]\n';

  it('COPY --from copies the files the other stage holds, keeping where they came from', () => {
    const f = fn(text, { target: 'lambda' });
    expect(f.handler.known && f.handler.value).toBe('handler.main');
    expect(layout(f)).toEqual({ files: ['handler.py', 'pkg/__init__.py', 'pkg/db.py'], unknowns: [] });
    if (f.layout.known) expect(f.layout.value.files!.find((x) => x.dest === 'pkg/db.py')?.src).toBe('app/pkg/db.py');
  });

  it('a stage built on another inherits its files and CMD; the last stage is the default target', () => {
    const t = fn(text, { target: 'test' });
    expect(t.handler.known && t.handler.value).toBe('pkg.db.main');
    expect(layout(t).files).toEqual(['handler.py', 'pkg/__init__.py', 'pkg/db.py', 'requirements.txt']);
    expect(extractDockerfile('Dockerfile', text, ctx).functions).toEqual([]); // dev: not a Lambda image
    expect(extractDockerfile('Dockerfile', text, ctx, { target: 'nope' }).unknowns).toEqual([expect.objectContaining({ why: 'no stage has that name' })]);
  });

  it('COPY --from a path the stage does not say it holds is an unknown; from an image into /opt is not the package', () => {
    const f = fn(`FROM python:3.12 AS b\nRUN make\n${BASE}COPY --from=b /out/app /var/task/\nCOPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter\nCMD ["handler.main"]\n`);
    expect(layout(f).unknowns).toEqual(['COPY --from=b /out/app: nothing the Dockerfile puts in stage b is there (its base image or a RUN)']);
  });
});
