import { describe, expect, it } from 'vitest';
import { extractWorkflow, workflowsSource } from '../../src/sources/workflows.js';
import { contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction, SourceLayout } from '../../src/sources/common.js';
import { loadFixture } from './helpers.js';

const REPO = ['src/app/__init__.py', 'src/app/main.py', 'src/app/sub/x.py', 'src/lib/util.py', 'requirements.txt'];

function run(script: string, extra = ''): { fns: SourceFunction[]; unknowns: string[] } {
  const indented = script.split('\n').map((l) => `          ${l}`).join('\n');
  const text = `on: push\n${extra}jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: build\n        run: |\n${indented}\n`;
  const f = extractWorkflow('.github/workflows/build.yml', text, contextFromPaths(REPO));
  expect(f.problems).toEqual([]);
  return { fns: f.functions as SourceFunction[], unknowns: f.unknowns.map((u) => u.why) };
}
const dests = (f: SourceFunction) => (f.layout.known ? f.layout.value.files!.map((x) => x.dest) : null);

describe('workflows source', () => {
  it('matches workflow files', () => {
    expect(workflowsSource.matches('.github/workflows/deploy.yml')).toBe(true);
    expect(workflowsSource.matches('.github/workflows/ci.yaml')).toBe(true);
    expect(workflowsSource.matches('.github/dependabot.yml')).toBe(false);
  });

  it('cp -r dir into an existing folder nests it; into a new name renames it', () => {
    const a = run('mkdir -p out\ncp -r src/app out/\ncd out && zip -r ../a.zip .');
    expect(dests(a.fns[0])).toEqual(['app/__init__.py', 'app/main.py', 'app/sub/x.py']);
    const b = run('cp -r src/app out\ncd out && zip -r ../b.zip .');
    expect(dests(b.fns[0])).toEqual(['__init__.py', 'main.py', 'sub/x.py']);
    const c = run('mkdir out\ncp -R src/app/. out\nzip -r c.zip out');
    expect(dests(c.fns[0])).toEqual(['out/__init__.py', 'out/main.py', 'out/sub/x.py']);
  });

  it('cp -r dir/* is a contents-of copy step at the package root (the flat copy)', () => {
    const { fns } = run('mkdir -p build\ncp -r src/app/* build/\ncd build\nzip -r ../app.zip .');
    expect(fns[0].name).toBe('app.zip');
    expect(fns[0].artifact).toBe('app.zip');
    const l = fns[0].layout.known ? (fns[0].layout.value as SourceLayout) : null;
    expect(l!.copies).toEqual([
      expect.objectContaining({ fromText: 'src/app/*', from: 'src/app', contentsOf: true, to: '', command: 'cp -r src/app/* build/', loc: { file: '.github/workflows/build.yml', line: 10, column: 11, endLine: 10, endColumn: 33 } }),
    ]);
    expect(dests(fns[0])).toEqual(['__init__.py', 'main.py', 'sub/x.py']);
    expect(l!.files![0]).toMatchObject({ dest: '__init__.py', src: 'src/app/__init__.py', loc: { line: 10 } });
  });

  it('rsync -a with excludes, trailing slash semantics, rm -rf, pip -t creates its folder', () => {
    const { fns } = run('pip install -r requirements.txt -t pkg\nrsync -a --exclude "sub/" --exclude=*.pyc src/app pkg/\nrsync -a src/lib/ pkg/lib\nrm -rf pkg/app/__init__.py\n(cd pkg && zip -qr ../p.zip .)');
    expect(dests(fns[0])).toEqual(['app/main.py', 'lib/util.py']);
  });

  it('env: literals substitute; secrets and unset variables are unknown with why', () => {
    const ok = run('mkdir -p $OUT\ncp -r src/app $OUT/\ncd "${OUT}" && zip -r ../o.zip .', 'env:\n  OUT: dist\n');
    expect(dests(ok.fns[0])).toEqual(['app/__init__.py', 'app/main.py', 'app/sub/x.py']);
    const bad = run('mkdir -p out\ncp -r src/app $BUILD_DIR/\ncp -r src/lib out/\ncd out && zip -r ../o.zip .');
    expect(bad.unknowns).toContain('cp -r src/app $BUILD_DIR/: $BUILD_DIR is not known');
    const l = bad.fns[0].layout.known ? bad.fns[0].layout.value : null;
    expect(l!.unknowns.map((u) => u.why)).toEqual(['cp -r src/app $BUILD_DIR/: $BUILD_DIR is not known']);
    const sec = run('cp -r src/app ${{ secrets.DIR }}\nzip -r s.zip src');
    expect(sec.unknowns[0]).toMatch(/\$\{\{ secrets.DIR \}\} is a GitHub expression/);
    const sub = run('D=$(mktemp -d)\ncp -r src/app "$D"/');
    expect(sub.unknowns[0]).toContain('$D is not known: $(mktemp -d) is a command substitution');
  });

  it('working-directory, for loops over literal words, aws CLI name and handler', () => {
    const text = [
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    defaults:',
      '      run:',
      '        working-directory: src',
      '    steps:',
      '      - run: |',
      '          for d in app lib; do',
      '            mkdir -p ../build/$d && cp -r $d/* ../build/$d/',
      '          done',
      '      - working-directory: build',
      '        run: zip -r ../fn.zip app lib',
      '      - run: |',
      '          aws lambda update-function-code --function-name my-fn --zip-file fileb://../fn.zip',
      '          aws lambda update-function-configuration --function-name my-fn --handler app.main.handler',
    ].join('\n');
    const f = extractWorkflow('.github/workflows/d.yml', text, contextFromPaths(REPO));
    expect(f.problems).toEqual([]);
    const fn = f.functions[0] as SourceFunction;
    expect(fn.name).toBe('my-fn');
    expect(fn.artifact).toBe('fn.zip');
    expect(fn.handler).toMatchObject({ known: true, value: 'app.main.handler', loc: { line: 17 } });
    expect(dests(fn)).toEqual(['app/__init__.py', 'app/main.py', 'app/sub/x.py', 'lib/util.py']);
  });

  it('spec427 broken: ingestion flat-copied into the zip root', () => {
    const fx = loadFixture('spec427-broken');
    const f = extractWorkflow('.github/workflows/deploy.yml', fx.text('.github/workflows/deploy.yml'), fx.ctx);
    expect(f.problems).toEqual([]);
    expect(f.functions.map((x) => x.name)).toEqual(['spec427-ingestion', 'spec427-dashboard']);
    const ing = f.functions[0] as SourceFunction;
    expect(ing.artifact).toBe('packages/ingestion-lambda.zip');
    expect(dests(ing)).toEqual([
      '__init__.py', 'alerting.py', 'handler.py', 'requirements.txt',
      'src/lambdas/shared/__init__.py', 'src/lambdas/shared/db.py', 'src/lib/__init__.py', 'src/lib/timeutil.py',
    ]);
    const l = ing.layout.known ? ing.layout.value : null;
    expect(l!.copies![0]).toMatchObject({ fromText: 'src/lambdas/ingestion/*', from: 'src/lambdas/ingestion', contentsOf: true, to: '', loc: { line: 51, column: 11 } });
    const dash = f.functions[1];
    expect(dests(dash as SourceFunction)).toContain('src/lambdas/dashboard/handler.py');
    expect(dash.layout.known && dash.layout.value.copies![0]).toMatchObject({ from: 'src/lambdas/dashboard', contentsOf: true, to: 'src/lambdas/dashboard' });
  });
});
