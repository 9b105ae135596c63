// The docker command of the shell simulator: what `docker build` builds (context, Dockerfile, target, args, tags) and
// what `docker tag` / `docker push` do to its tags; and the other places a build is written (build-push-action,
// compose).
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { runScript } from '../../src/shell/index.js';
import { patternsAgree, sameImage } from '../../src/shell/commands/docker.js';
import { buildPushStep, extractCompose, shellImageBuilds } from '../../src/sources/docker-builds.js';

const ROOT = '/work';

function run(script: string, env: Record<string, string> = {}, cwd = ROOT) {
  const fx = runScript(script, {
    root: ROOT,
    files: ['docker/Dockerfile.lambda', 'svc/Dockerfile', 'src/app.py'],
    home: '/root',
    cwd,
    env: (n) => (n in env ? { value: env[n] } : undefined),
    locate: (s, e) => ({ file: 'build.sh', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }),
  });
  return { fx, builds: shellImageBuilds(fx.vfs, fx.dockerBuilds) };
}

describe('docker build in a script', () => {
  it('reads -f (from where docker runs), the context, --target, --build-arg and -t; changes no file', () => {
    const { fx, builds } = run('docker build -f docker/Dockerfile.lambda --target lambda --build-arg PY=3.12 --platform linux/amd64 -t app:dev .');
    expect(fx.unknowns).toEqual([]);
    expect(builds).toEqual([
      expect.objectContaining({
        dockerfile: expect.objectContaining({ known: true, value: 'docker/Dockerfile.lambda' }),
        context: expect.objectContaining({ known: true, value: '' }),
        target: 'lambda',
        buildArgs: { PY: '3.12' },
        tags: ['app:dev'],
        pushed: false,
        via: 'docker build',
      }),
    ]);
  });

  it('buildx, sudo, cd: the context is relative to the folder docker runs in; <context>/Dockerfile by default', () => {
    const { builds } = run('cd svc && sudo docker buildx build --push -t "$REGISTRY/svc:$TAG" .\n', { TAG: 'v1' });
    expect(builds[0]).toMatchObject({ dockerfile: { value: 'svc/Dockerfile' }, context: { value: 'svc' }, tags: ['*/svc:v1'], pushed: true });
  });

  it('docker tag gives the build a tag; docker push of it (through a variable with unknown parts) marks it pushed', () => {
    const { builds } = run('IMAGE="$ECR_REGISTRY/orders:latest"\ndocker build -t orders .\ndocker build -t other -f svc/Dockerfile svc\ndocker tag orders "$IMAGE"\ndocker push "$IMAGE"\n');
    expect(builds.map((b) => [b.context.known && b.context.value, b.tags, b.pushed])).toEqual([
      ['', ['orders', '*/orders:latest'], true],
      ['svc', ['other'], false],
    ]);
  });

  it('a context that is not known, a remote context or stdin is said, not guessed', () => {
    const { builds } = run('docker build -t x "$DIR"\ndocker build https://github.com/a/b.git\ndocker build - < Dockerfile\n');
    expect(builds.map((b) => (b.context.known ? b.context.value : b.context.why))).toEqual([
      'the build context … is not known',
      'the build context https://github.com/a/b.git is a remote repository',
      'the build context is read from standard input',
    ]);
  });
});

describe('image reference patterns', () => {
  it('holes match anything; literal parts must agree; a bare name is :latest', () => {
    expect(patternsAgree('*/orders:*', '*/orders:latest')).toBe(true);
    expect(patternsAgree('123.dkr.ecr.eu-west-1.amazonaws.com/orders:latest', '*/orders:*')).toBe(true);
    expect(patternsAgree('*/orders:latest', 'other:latest')).toBe(false);
    expect(sameImage('gsheet_to_db', 'gsheet_to_db:latest')).toBe(true);
    expect(sameImage('gsheet_to_db:v2', 'gsheet_to_db:latest')).toBe(false);
  });
});

describe('build-push-action and compose', () => {
  const step = (yaml: string) => {
    const lc = new LineCounter();
    const doc = parseDocument(yaml, { lineCounter: lc });
    return buildPushStep('.github/workflows/d.yml', lc, doc.contents, '', (n) => (n === 'REPO' ? 'orders' : undefined));
  };

  it('reads context, file (from the workspace), target, tags with ${{ }} expressions, push', () => {
    const b = step('uses: docker/build-push-action@v6\nwith:\n  context: ./svc\n  file: docker/Dockerfile.lambda\n  target: lambda\n  push: true\n  tags: |\n    ${{ steps.ecr.outputs.registry }}/${{ env.REPO }}:${{ github.sha }}\n    orders:latest\n');
    expect(b).toMatchObject({ dockerfile: { value: 'docker/Dockerfile.lambda' }, context: { value: 'svc' }, target: 'lambda', tags: ['*/orders:*', 'orders:latest'], pushed: true, via: 'docker/build-push-action' });
    expect(step('uses: docker/build-push-action@v5\n')).toMatchObject({ dockerfile: { value: 'Dockerfile' }, context: { value: '' }, tags: [], pushed: false });
    expect(step('uses: actions/checkout@v4\n')).toBeNull();
  });

  it('compose: build as a folder or { context, dockerfile, target, args }, relative to the compose file', () => {
    const f = extractCompose('deploy/docker-compose.yml', 'services:\n  api:\n    image: orders:${TAG}\n    build:\n      context: ..\n      dockerfile: docker/Dockerfile.lambda\n      target: lambda\n      args:\n        PY: "3.12"\n  web:\n    build: ./web\n  db:\n    image: postgres\n');
    expect(f.images!.map((i) => [i.via, i.context.known && i.context.value, i.dockerfile.known && i.dockerfile.value, i.target, i.buildArgs, i.tags])).toEqual([
      ['compose service api', '', 'docker/Dockerfile.lambda', 'lambda', { PY: '3.12' }, ['orders:*']],
      ['compose service web', 'deploy/web', 'deploy/web/Dockerfile', undefined, undefined, []],
    ]);
  });
});
