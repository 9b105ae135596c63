// Zero-config: a folder that a build step fills is never an app of its own. Here build/ is committed too, and
// stale: its lazy_app.py lacks the GZip middleware that src/app has. The workflow rebuilds build/ from src/app
// before Terraform zips it, so the stale copy is never deployed: judging it would be a false alarm. Proved by
// running the workflow with real bash and asking Python what the deployed lazy_app registers.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonOutput, runCli, writeTree } from '../helpers.js';
import { buildForReal } from './build-for-real.js';

const MAIN = 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware)\n';
const STALE = 'from fastapi import FastAPI\n\napp = FastAPI()\n';
const HANDLER = 'from lazy_app import app\n\n\ndef handler(event, context):\n    return {"statusCode": 200}\n';
const WORKFLOW = `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build
        run: |
          rm -rf build
          mkdir build
          cp -r src/app/* build/
      - run: terraform apply -auto-approve
        working-directory: infra
`;
const TF = `data "archive_file" "api" {
  type        = "zip"
  source_dir  = "\${path.module}/../build"
  output_path = "\${path.module}/../api.zip"
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  handler       = "handler.handler"
  runtime       = "python3.12"
  filename      = data.archive_file.api.output_path
}
`;

describe('zero-config: a committed build folder', () => {
  it('is not an app of its own; the function is checked as the workflow builds it', () => {
    const repo = writeTree({
      'src/app/main.py': MAIN,
      'src/app/lazy_app.py': MAIN,
      'src/app/handler.py': HANDLER,
      'build/main.py': MAIN,
      'build/lazy_app.py': STALE,
      'build/handler.py': HANDLER,
      '.github/workflows/deploy.yml': WORKFLOW,
      'infra/main.tf': TF,
    });
    // What Lambda gets: build/ as the workflow leaves it, the GZip middleware included.
    const built = buildForReal(repo);
    const stack = 'import lazy_app; print([m.cls.__name__ for m in lazy_app.app.user_middleware])';
    expect(pythonOutput(stack, path.join(built, 'build'))).toBe("['GZipMiddleware']\n");
    expect(pythonOutput(stack, path.join(repo, 'build'))).toBe('[]\n'); // the stale committed copy

    const r = runCli([repo, '--format', 'json', '--verbose']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('build is a build output (.github/workflows/deploy.yml:3:3 writes it): not an app of its own');
    expect(r.stderr).toContain('infra/main.tf:3:17: build is committed, and job deploy builds it (.github/workflows/deploy.yml:3): api is checked as built');
    expect(r.stderr).toContain('discovered an app at src/app');
    expect(r.stderr).not.toContain('discovered an app at build');
  });
});

describe('zero-config: a build folder nothing read here builds', () => {
  it('is not an empty app judged as the package: the function is not checked, and the reason says why', async () => {
    const { collectDeployFacts, contextFromPaths } = await import('../../src/sources/index.js');
    const files = [
      { path: 'src/app/handler.py', text: HANDLER },
      { path: 'infra/main.tf', text: TF.replace('../build', '../packages/api-build') },
      // A build step that builds another folder.
      { path: '.github/workflows/deploy.yml', text: WORKFLOW.replace('rm -rf build\n          mkdir build\n          cp -r src/app/* build/', 'mkdir -p out && cp -r src/app/* out/') },
    ];
    const facts = collectDeployFacts(files, contextFromPaths(files.map((f) => f.path)));
    expect(facts.functions.find((f) => f.name === 'api')!.layout).toMatchObject({
      known: false,
      why: 'packages/api-build is not in the repository, and no build step read here creates it (the steps build out)',
    });
  });
});
