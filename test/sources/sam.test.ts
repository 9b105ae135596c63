import { describe, expect, it } from 'vitest';
import { extractSam, samSource } from '../../src/sources/sam.js';
import { contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { loadFixture } from './helpers.js';

describe('sam source', () => {
  const fx = loadFixture('sam-basic');
  const facts = extractSam('template.yaml', fx.text('template.yaml'), fx.ctx);
  const byName = new Map(facts.functions.map((f) => [f.name, f as SourceFunction]));

  it('matches template files only', () => {
    expect(samSource.matches('template.yaml')).toBe(true);
    expect(samSource.matches('services/api/template.yml')).toBe(true);
    expect(samSource.matches('stack.template.json')).toBe(true);
    expect(samSource.matches('cloudformation/lambda.yaml')).toBe(true);
    expect(samSource.matches('config/app.yaml')).toBe(false);
  });

  it('parses CloudFormation short tags without problems and finds the three functions', () => {
    expect(facts.problems).toEqual([]);
    expect([...byName.keys()]).toEqual(['OrdersFunction', 'ReportsFunction', 'ThumbnailFunction']);
  });

  it('applies Globals (Runtime, CodeUri) and reads Handler at the scalar position', () => {
    const f = byName.get('OrdersFunction')!;
    expect(f.source).toBe('sam');
    expect(f.handler).toEqual({ known: true, value: 'orders.app.lambda_handler', loc: { file: 'template.yaml', line: 24, column: 16, endLine: 24, endColumn: 41 } });
    expect(f.runtime?.known && f.runtime.value).toBe('python3.12');
    expect(f.layout.known && f.layout.value).toEqual({ how: 'code-root', codeRoot: 'src', unknowns: [] });
    expect(f.loc.line).toBe(20);
    expect(f.functionName).toMatchObject({ known: false, why: '!Sub with parameters' });
  });

  it('a !Sub handler is unknown with why, the function overrides Globals', () => {
    const f = byName.get('ReportsFunction')!;
    expect(f.handler).toMatchObject({ known: false, why: '!Sub with parameters', loc: { line: 36 } });
    expect(f.runtime?.known && f.runtime.value).toBe('python3.11');
    expect(f.layout.known && f.layout.value.codeRoot).toBe('src/reports');
    expect(facts.unknowns).toContainEqual(expect.objectContaining({ what: 'ReportsFunction Handler', why: '!Sub with parameters' }));
  });

  it('image functions: ImageConfig.Command[0] is the handler, Metadata names the Dockerfile', () => {
    const f = byName.get('ThumbnailFunction')!;
    expect(f.packageType).toBe('image');
    expect(f.handler.known && f.handler.value).toBe('thumbs.handler.lambda_handler');
    expect(f.dockerfile).toBe('image/Dockerfile');
    expect(f.dockerContext).toBe('image');
    expect(f.layout).toMatchObject({ known: false, why: expect.stringContaining('image/Dockerfile') });
  });

  it('AWS::Lambda::Function: ZipFile/S3 code is unknown, a local Code path is a code root', () => {
    const text = [
      'Resources:',
      '  Inline:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Runtime: python3.12',
      '      Code:',
      '        ZipFile: |',
      '          def handler(e, c): return 1',
      '  FromS3:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Handler: !Join [".", [app, handler]]',
      '      Code: { S3Bucket: b, S3Key: k.zip }',
      '  Local:',
      '    Type: "AWS::Lambda::Function"',
      '    Properties:',
      '      Handler: app.handler',
      '      Code: ../lambda_src',
    ].join('\n');
    const f = extractSam('cfn/stack.yaml', text, contextFromPaths([]));
    expect(f.problems).toEqual([]);
    const [inline, s3, local] = f.functions;
    expect(inline.source).toBe('cloudformation');
    expect(inline.layout).toMatchObject({ known: false, why: 'inline Code.ZipFile' });
    expect(s3.layout).toMatchObject({ known: false, why: 'code in S3 (S3Bucket/S3Key)' });
    expect(s3.handler).toMatchObject({ known: false, why: '!Join (a CloudFormation intrinsic function)' });
    expect(local.layout.known && local.layout.value.codeRoot).toBe('lambda_src');
  });

  it('JSON templates with Fn::Sub, and bad YAML is a problem', () => {
    const json = JSON.stringify({ Resources: { F: { Type: 'AWS::Serverless::Function', Properties: { Handler: { 'Fn::Sub': '${Mod}.handler' }, CodeUri: 'src' } } } }, null, 2);
    const f = extractSam('template.json', json, contextFromPaths([]));
    expect(f.functions[0].handler).toMatchObject({ known: false, why: 'Fn::Sub with parameters' });
    const bad = extractSam('template.yaml', 'Resources:\n  F: [unclosed\n', contextFromPaths([]));
    expect(bad.functions).toEqual([]);
    expect(bad.problems[0].loc.file).toBe('template.yaml');
    expect(bad.problems[0].message).toMatch(/^not valid YAML/);
  });
});
