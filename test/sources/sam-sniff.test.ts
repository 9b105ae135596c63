import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths, readDeployFiles, SOURCES } from '../../src/sources/index.js';
import { looksLikeTemplate, samSource } from '../../src/sources/sam.js';

const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: ../src\n      Handler: app.handler\n      Runtime: python3.12\n';
const CFN_JSON = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'app.handler', Runtime: 'python3.12', Code: '../src' } } } }, null, 2);

describe('SAM/CloudFormation templates recognised by content', () => {
  it('the SAM transform or AWSTemplateFormatVersion, with a Lambda resource', () => {
    expect(looksLikeTemplate(SAM)).toBe(true);
    expect(looksLikeTemplate(CFN_JSON)).toBe(true);
    // A template of other resources, and a file that only names a Lambda type, are not read.
    expect(looksLikeTemplate('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n')).toBe(false);
    expect(looksLikeTemplate('docs: AWS::Lambda::Function is the resource type\n')).toBe(false);
  });

  it('candidates are YAML/JSON/.template outside dependency and build folders, never manifests', () => {
    const c = samSource.sniff!.candidate;
    expect(['sam/api.yaml', 'infra/api.yml', 'cloudformation/stack.json', 'infra/stack.template', 'deploy/Lambda.YAML'].every(c)).toBe(true);
    expect(['node_modules/x/template.yaml', '.aws-sam/build/template.yaml', 'cdk.out/S.template.json', 'package.json', 'web/package-lock.json', 'tsconfig.build.json', 'docker-compose.yml', '.github/workflows/ci.yml', 'app.py'].some(c)).toBe(false);
    // Build copies are not read by name either.
    expect(samSource.matches('.aws-sam/build/template.yaml')).toBe(false);
    expect(samSource.matches('cdk.out/Stack.template.json')).toBe(false);
    expect(samSource.matches('template.yaml')).toBe(true);
  });

  it('readDeployFiles keeps the templates among the candidates it read, and collectDeployFacts reads them as SAM', async () => {
    const texts: Record<string, string> = { 'sam/api.yaml': SAM, 'infra/fn.json': CFN_JSON, 'config/app.yaml': 'debug: true\n', 'src/app.py': 'def handler(e, c): pass\n' };
    const paths = Object.keys(texts);
    const read: string[] = [];
    const files = await readDeployFiles(SOURCES, paths, async (ps) => (read.push(...ps), ps.map((p) => ({ path: p, text: texts[p] }))), () => contextFromPaths(paths));
    // src/app.py is read as a candidate CDK app (deploy5: an app.py without cdk.json) and not kept.
    expect(read).toEqual(['sam/api.yaml', 'infra/fn.json', 'config/app.yaml', 'src/app.py']);
    expect(files.map((f) => f.path)).toEqual(['sam/api.yaml', 'infra/fn.json']);
    const facts = collectDeployFacts(files, contextFromPaths(paths));
    expect(facts.problems).toEqual([]);
    expect(facts.functions.map((f) => [f.loc.file, f.source, f.layout.known && f.layout.value.codeRoot])).toEqual([
      ['sam/api.yaml', 'sam', 'src'],
      ['infra/fn.json', 'cloudformation', 'src'],
    ]);
  });
});
