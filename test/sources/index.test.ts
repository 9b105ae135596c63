import { describe, expect, it } from 'vitest';
import { SOURCES, collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { loadFixture } from './helpers.js';

describe('collectDeployFacts', () => {
  it('exports the six sources', () => {
    expect(SOURCES.map((s) => s.id)).toEqual(['sam', 'serverless', 'terraform', 'dockerfile', 'workflows', 'cdk', 'compose', 'zappa', 'chalice', 'pulumi', 'scripts', 'unread-builders']);
  });

  it('joins a SAM image function with its Dockerfile (DockerContext as build context)', () => {
    const fx = loadFixture('sam-basic');
    const r = collectDeployFacts(fx.files, fx.ctx);
    expect(r.problems).toEqual([]);
    expect(r.functions.map((f) => f.name)).toEqual(['OrdersFunction', 'ReportsFunction', 'ThumbnailFunction']);
    const t = r.functions[2] as SourceFunction;
    expect(t.handler.known && t.handler.value).toBe('thumbs.handler.lambda_handler');
    expect(t.linked).toEqual([expect.objectContaining({ file: 'image/Dockerfile', line: 1 })]);
    expect(t.layout.known && t.layout.value.files!.map((f) => [f.dest, f.src])).toEqual([
      ['requirements.txt', 'image/requirements.txt'],
      ['thumbs/__init__.py', 'image/thumbs/__init__.py'],
      ['thumbs/handler.py', 'image/thumbs/handler.py'],
    ]);
    expect(r.unknowns.filter((u) => u.why.includes('the Dockerfile source gives the layout'))).toEqual([]);
    expect(r.unknowns).toEqual([expect.objectContaining({ what: 'ReportsFunction Handler', why: '!Sub with parameters' })]);
  });

  it('joins a workflow zip to the Terraform function it deploys, dropping the candidate', () => {
    const fx = loadFixture('spec427-fixed');
    const r = collectDeployFacts(fx.files, fx.ctx);
    expect(r.functions.map((f) => `${f.source}:${f.name}`)).toEqual(['terraform:ingestion', 'terraform:dashboard']);
    expect(r.unknowns.filter((u) => /prebuilt zip/.test(u.why))).toEqual([]);
  });

  it('a source that throws becomes a problem naming the file; other files still count', () => {
    const files = [
      { path: 'serverless.yml', text: 'functions:\n  a:\n    handler: app.main\n' },
      { path: 'template.yaml', text: 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: h.main\n      CodeUri: src\n' },
    ];
    const ctx = contextFromPaths(['app.py']);
    const throwing = { ...ctx, files: (): string[] => { throw new Error('disk gone'); } };
    const r = collectDeployFacts(files, throwing);
    expect(r.problems).toEqual([expect.objectContaining({ loc: expect.objectContaining({ file: 'serverless.yml' }), message: 'serverless source failed on serverless.yml: disk gone' })]);
    expect(r.functions.map((f) => f.name)).toEqual(['F']);
  });

  it('bad YAML is a problem, not a crash', () => {
    const r = collectDeployFacts([{ path: '.github/workflows/x.yml', text: 'jobs: [\n' }], contextFromPaths([]));
    expect(r.problems[0]).toMatchObject({ loc: { file: '.github/workflows/x.yml' }, message: expect.stringMatching(/^not valid YAML/) });
  });
});
