// Layer definitions (DeployFacts.layers) and references (fn.layers) as each deploy source reads them.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import { layerLogicalId } from '../../src/sources/layers-serverless.js';
import { layerNameOf, publicLayer } from '../../src/deploy/public-layers.js';

function facts(files: Record<string, string>) {
  const paths = Object.keys(files).sort();
  return collectDeployFacts(
    paths.filter((p) => /\.(ya?ml|tf)$/.test(p)).map((p) => ({ path: p, text: files[p] })),
    contextFromPaths(paths),
  );
}
const byName = (f: ReturnType<typeof facts>, name: string) => f.layers?.find((l) => l.name === name);
const refs = (f: ReturnType<typeof facts>, fn: string) => f.functions.find((x) => x.name === fn)?.layers?.map((r) => ({ text: r.text, layer: r.layer }));

describe('SAM and CloudFormation layers', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Layers:
      - !Ref Plain
Resources:
  Plain:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/plain
  Built:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/built/
    Metadata:
      BuildMethod: python3.12
  Made:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/made
    Metadata:
      BuildMethod: makefile
  InS3:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri:
        Bucket: b
        Key: k.zip
  Cfn:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: layers/cfn
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Layers:
        - Ref: Built
        - !Sub arn:aws:lambda:\${AWS::Region}:123456789012:layer:other:1
        - arn:aws:lambda:us-east-1:123456789012:layer:shared:3
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      Code: src/
      Handler: app.handler
      Runtime: python3.12
      Layers:
        - !Ref Cfn
`;
  const f = facts({
    'template.yaml': template,
    'layers/plain/python/a.py': '',
    'layers/built/shared/__init__.py': '',
    'layers/built/requirements.txt': '',
    'layers/built/__pycache__/x.pyc': '',
    'src/app.py': '',
  });

  it('reads every LayerVersion with what unpacks under /opt', () => {
    expect(byName(f, 'Plain')?.content).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'layers/plain' } });
    // BuildMethod: sam build copies the folder into python/ (not __pycache__).
    const built = byName(f, 'Built')?.content;
    expect(built?.known && built.value.files?.map((x) => [x.dest, x.src])).toEqual([
      ['python/requirements.txt', 'layers/built/requirements.txt'],
      ['python/shared/__init__.py', 'layers/built/shared/__init__.py'],
    ]);
    expect(byName(f, 'Made')?.content).toMatchObject({ known: false, why: expect.stringContaining('Makefile') });
    expect(byName(f, 'InS3')?.content).toMatchObject({ known: false, why: 'ContentUri is an S3 location' });
    expect(byName(f, 'Cfn')).toMatchObject({ source: 'cloudformation', content: { known: true, value: { how: 'code-root', codeRoot: 'layers/cfn' } } });
  });

  it('gives each function its layers: Globals first for a Serverless function, linked by Ref', () => {
    expect(refs(f, 'Fn')).toEqual([
      { text: '!Ref Plain', layer: 'Plain' },
      { text: 'Ref: Built', layer: 'Built' },
      { text: '!Sub arn:aws:lambda:${AWS::Region}:123456789012:layer:other:1', layer: undefined },
      { text: 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3', layer: undefined },
    ]);
    // AWS::Lambda::Function takes no Globals.
    expect(refs(f, 'Raw')).toEqual([{ text: '!Ref Cfn', layer: 'Cfn' }]);
  });
});

describe('Terraform layers', () => {
  const tf = `data "archive_file" "layer" {
  type        = "zip"
  source_dir  = "\${path.module}/layer"
  output_path = "\${path.module}/layer.zip"
}
resource "aws_lambda_layer_version" "shared" {
  layer_name = "shared"
  filename   = data.archive_file.layer.output_path
}
resource "aws_lambda_layer_version" "remote" {
  layer_name = "remote"
  s3_bucket  = "b"
  s3_key     = "k.zip"
}
resource "aws_lambda_function" "api" {
  function_name = "api"
  filename      = "api.zip"
  handler       = "app.handler"
  runtime       = "python3.12"
  layers        = [aws_lambda_layer_version.shared.arn, aws_lambda_layer_version.remote.arn, "arn:aws:lambda:us-east-1:123456789012:layer:x:1"]
}
`;
  const f = facts({ 'infra/main.tf': tf, 'infra/layer/python/a.py': '' });
  it('reads the layer zip of an archive_file, S3 as not known, and links the references', () => {
    expect(byName(f, 'aws_lambda_layer_version.shared')?.content).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'infra/layer' } });
    expect(byName(f, 'aws_lambda_layer_version.remote')?.content).toMatchObject({ known: false, why: expect.stringContaining('S3') });
    expect(refs(f, 'api')).toEqual([
      { text: 'aws_lambda_layer_version.shared.arn', layer: 'aws_lambda_layer_version.shared' },
      { text: 'aws_lambda_layer_version.remote.arn', layer: 'aws_lambda_layer_version.remote' },
      { text: 'arn:aws:lambda:us-east-1:123456789012:layer:x:1', layer: undefined },
    ]);
  });
});

describe('serverless layers', () => {
  const sls = `service: s
provider:
  name: aws
  runtime: python3.12
  layers:
    - { Ref: CommonDashlibLambdaLayer }
layers:
  common-lib:
    path: layers/common
  prebuilt:
    package:
      artifact: layer.zip
functions:
  a:
    handler: a.handler
  b:
    handler: b.handler
    layers:
      - !Ref PrebuiltLambdaLayer
      - arn:aws:lambda:us-east-1:123456789012:layer:x:1
`;
  const f = facts({ 'serverless.yml': sls, 'a.py': '', 'b.py': '', 'layers/common/python/c.py': '' });
  it('names the CloudFormation resource as the framework does', () => {
    expect(layerLogicalId('common-lib')).toBe('CommonDashlibLambdaLayer');
    expect(layerLogicalId('my_layer')).toBe('My_layerLambdaLayer'.replace('_', 'Underscore'));
  });
  it('reads the layers; a function without its own takes provider.layers, one with its own replaces them', () => {
    expect(byName(f, 'common-lib')?.content).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'layers/common' } });
    expect(byName(f, 'prebuilt')?.content).toMatchObject({ known: false });
    expect(refs(f, 'a')).toEqual([{ text: '{ Ref: CommonDashlibLambdaLayer }', layer: 'common-lib' }]);
    expect(refs(f, 'b')).toEqual([
      { text: '!Ref PrebuiltLambdaLayer', layer: 'prebuilt' },
      { text: 'arn:aws:lambda:us-east-1:123456789012:layer:x:1', layer: undefined },
    ]);
  });
});

describe('workflow steps', () => {
  it('aws lambda create-function --layers: every ARN up to the next option', () => {
    const wf = `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          zip -r fn.zip app.py
          aws lambda create-function --function-name api --zip-file fileb://fn.zip --handler app.handler --runtime python3.12 --layers arn:aws:lambda:us-east-1:1:layer:a:1 arn:aws:lambda:us-east-1:1:layer:b:2 --role r
`;
    const f = facts({ '.github/workflows/deploy.yml': wf, 'app.py': '' });
    expect(refs(f, 'api')).toEqual([
      { text: 'arn:aws:lambda:us-east-1:1:layer:a:1', layer: undefined },
      { text: 'arn:aws:lambda:us-east-1:1:layer:b:2', layer: undefined },
    ]);
  });
});

describe('public layers', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:753240598075:layer:LambdaAdapterLayerX86:24', 'Lambda Web Adapter'],
    ['!Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7', 'Powertools'],
    ['arn:aws:lambda:eu-west-1:580247275435:layer:LambdaInsightsExtension:38', 'Lambda Insights'],
  ])('%s is known to hold none of the repository', (arn, what) => {
    expect(publicLayer(arn)).toContain(what);
  });
  it('another layer is not', () => {
    expect(layerNameOf('arn:aws:lambda:us-east-1:123456789012:layer:shared:3')).toBe('shared');
    expect(publicLayer('arn:aws:lambda:us-east-1:123456789012:layer:shared:3')).toBeUndefined();
    expect(publicLayer('!Ref SharedLayer')).toBeUndefined();
  });
});
