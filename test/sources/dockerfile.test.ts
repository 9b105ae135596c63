import { describe, expect, it } from 'vitest';
import { dockerfileSource, extractDockerfile, jsonArray, readInstructions } from '../../src/sources/dockerfile.js';
import { contextFromPaths } from '../../src/sources/index.js';
import type { SourceLayout } from '../../src/sources/common.js';
import { loadFixture } from './helpers.js';

describe('dockerfile source', () => {
  const fx = loadFixture('docker-lambda');

  it('matches Dockerfile names', () => {
    for (const p of ['Dockerfile', 'svc/Dockerfile', 'lambda.Dockerfile', 'Dockerfile.prod']) expect(dockerfileSource.matches(p)).toBe(true);
    expect(dockerfileSource.matches('docs/Dockerfiles.md')).toBe(false);
  });

  it('reads continuations and comments, keeping positions', () => {
    const ins = readInstructions(fx.text('Dockerfile'));
    expect(ins.map((i) => i.keyword)).toEqual(['ARG', 'FROM', 'ENV', 'COPY', 'RUN', 'COPY', 'COPY', 'COPY', 'CMD']);
    const run = ins[4];
    expect(run.span).toMatchObject({ line: 10, endLine: 12 });
    expect(run.args).toContain('--target "${LAMBDA_TASK_ROOT}"');
    expect(jsonArray('[ "main.handler" ]')).toEqual([{ value: 'main.handler', start: 2, end: 16 }]);
    expect(jsonArray('main.handler')).toBeNull();
  });

  it('simulates COPY into ${LAMBDA_TASK_ROOT}; CMD is the handler', () => {
    const facts = extractDockerfile('Dockerfile', fx.text('Dockerfile'), fx.ctx);
    expect(facts.functions).toHaveLength(1);
    const f = facts.functions[0];
    expect(f).toMatchObject({ name: 'Dockerfile', source: 'dockerfile', packageType: 'image' });
    expect(f.handler).toEqual({ known: true, value: 'main.handler', loc: { file: 'Dockerfile', line: 19, column: 7, endLine: 19, endColumn: 21 } });
    expect(f.runtime?.known && f.runtime.value).toBe('python3.12');
    expect(f.layout.known).toBe(true);
    if (!f.layout.known) return;
    const l = f.layout.value as SourceLayout;
    expect(l.files!.map((x) => [x.dest, x.src])).toEqual([
      ['api/__init__.py', 'app/api/__init__.py'],
      ['api/routes.py', 'app/api/routes.py'],
      ['main.py', 'app/main.py'],
      ['requirements.txt', 'requirements.txt'],
      ['warm.py', 'scripts/warm.py'],
    ]);
    expect(l.copies).toContainEqual(expect.objectContaining({ fromText: 'app/', from: 'app', contentsOf: true, to: '' }));
    // COPY --from into /opt is outside the task root: not a layout unknown.
    expect(l.unknowns).toEqual([]);
  });

  it('a non-Lambda image (uvicorn) yields no function', () => {
    expect(extractDockerfile('Dockerfile.dev', fx.text('Dockerfile.dev'), fx.ctx).functions).toEqual([]);
  });

  it('COPY . . with WORKDIR /var/task; awslambdaric on a plain python image uses WORKDIR', () => {
    const ctx = contextFromPaths(['svc/handler.py', 'svc/pkg/mod.py']);
    const a = extractDockerfile('svc/Dockerfile', 'FROM public.ecr.aws/lambda/python:3.11\nWORKDIR /var/task\nCOPY . .\nCMD ["handler.main"]\n', ctx);
    const la = a.functions[0].layout;
    expect(la.known && la.value.files!.map((x) => x.dest)).toEqual(['handler.py', 'pkg/mod.py']);
    const b = extractDockerfile(
      'svc/Dockerfile',
      'FROM python:3.12-slim\nARG FUNCTION_DIR="/function"\nWORKDIR ${FUNCTION_DIR}\nCOPY pkg ${FUNCTION_DIR}/pkg\nENTRYPOINT ["/usr/local/bin/python", "-m", "awslambdaric"]\nCMD ["pkg.mod.handler"]\n',
      ctx,
    );
    expect(b.functions[0].handler.known && b.functions[0].handler.value).toBe('pkg.mod.handler');
    const lb = b.functions[0].layout;
    expect(lb.known && lb.value.files!.map((x) => [x.dest, x.src])).toEqual([['pkg/mod.py', 'svc/pkg/mod.py']]);
  });

  it('unknown variables and shell-form CMD are unknown with why', () => {
    const ctx = contextFromPaths(['src/a.py']);
    const r = extractDockerfile('Dockerfile', 'FROM public.ecr.aws/lambda/python:3.12\nARG SRC\nCOPY ${SRC} ${LAMBDA_TASK_ROOT}/\nCMD handler.main\n', ctx);
    const f = r.functions[0];
    expect(f.handler).toMatchObject({ known: false, why: expect.stringContaining('shell-form CMD') });
    expect(f.layout.known && f.layout.value.unknowns[0].why).toBe('COPY source: $SRC: build argument SRC has no default');
  });
});
