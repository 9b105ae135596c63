// eval6, seen on a public FastAPI template: a local dev image `FROM public.ecr.aws/lambda/python:3.12` whose own
// ENTRYPOINT replaces the Lambda bootstrap with a debugger wrapping uvicorn
// (`python -m debugpy --listen 0.0.0.0:5680 -m uvicorn main:app --reload`), built only by docker compose. It was
// judged as a Lambda function: HND002 "python debugpy names a module that is not in the package" (debugpy is a
// dev dependency the image installs, and the image never runs on Lambda: nothing in it answers Lambda's runtime
// API). It is a local container, said under --verbose like the compose dev servers of deploy4. The twins: the
// same ENTRYPOINT with the Lambda Web Adapter in the image is a Lambda function and is still checked (a module
// missing from its folder is HND002), and a deploy definition that adopts the adapter-less image names it as
// not checked, with the reason. Python decides what the app itself does: main.app imports from the server's folder.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number; message: string }[]; notChecked?: unknown[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
const verbose = (repo: string) => runCli([repo, '--no-cache', '--verbose']).stderr;
const ENTRY = 'ENTRYPOINT ["python", "-m", "debugpy", "--listen", "0.0.0.0:5680", "-m", "uvicorn", "main:app", "--reload", "--host", "0.0.0.0", "--port", "8080"]';
const ADAPTER = 'COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter';

function devImage(opts: { adapter?: boolean; module?: string; sam?: boolean } = {}) {
  const entry = opts.module ? ENTRY.replace('main:app', `${opts.module}:app`) : ENTRY;
  return writeTree({
    Dockerfile: ['FROM public.ecr.aws/lambda/python:3.12', ...(opts.adapter ? [ADAPTER] : []), 'COPY requirements.txt ${LAMBDA_TASK_ROOT}/', 'RUN pip install -r requirements.txt debugpy', 'COPY . ${LAMBDA_TASK_ROOT}', 'WORKDIR ${LAMBDA_TASK_ROOT}/app', entry, ''].join('\n'),
    'docker-compose.yml': ['services:', '  app:', '    build:', '      context: .', '      dockerfile: Dockerfile', '    ports:', '      - "8080:8080"', ''].join('\n'),
    'app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n',
    'requirements.txt': 'fastapi\nuvicorn\n',
    ...(opts.sam
      ? { 'template.yaml': ['Transform: AWS::Serverless-2016-10-31', 'Resources:', '  Api:', '    Type: AWS::Serverless::Function', '    Properties:', '      PackageType: Image', '    Metadata:', '      Dockerfile: Dockerfile', '      DockerContext: .', ''].join('\n') }
      : {}),
  });
}
// The server's folder as the image makes it (COPY . then WORKDIR app).
function serverFolder(repo: string): string {
  const task = tempDir();
  fs.cpSync(`${repo}/app`, task, { recursive: true });
  return task;
}

describe('a Lambda base image whose ENTRYPOINT starts a server with no adapter', () => {
  it('built only by compose: a local container, no function and no finding, said under --verbose', () => {
    const repo = devImage();
    expect(python('import main; print(type(main.app).__name__)', serverFolder(repo)).stdout).toBe('FastAPI\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
    expect(verbose(repo)).toContain('Dockerfile is not a Lambda function: only compose service app (docker-compose.yml:3) builds it, and its ENTRYPOINT starts a server in place of the Lambda bootstrap, with no Lambda Web Adapter');
  });

  it('adopted by a SAM function: named as not checked, with the reason (never a silent pass)', () => {
    const out = runCli([devImage({ sam: true }), '--no-cache']).stdout;
    expect(out).toContain('not checked');
    expect(out).toContain('neither the Lambda Web Adapter nor awslambdaric is in the image');
  });

  it('twin with the adapter: a Lambda function, still checked: the module the server runs must be in its folder', () => {
    const ok = devImage({ adapter: true, module: 'main' });
    expect(check(ok).findings.filter((f) => f.ruleId === 'HND002' && f.message.includes('main:app'))).toEqual([]);
    const broken = devImage({ adapter: true, module: 'server' });
    expect(python('import server', serverFolder(broken)).stderr).toContain("No module named 'server'");
    expect(check(broken).findings.map((f) => f.ruleId)).toContain('HND002');
  });
});
