// HND001's cases (format and assertions: ./tester.ts), from the rule's docs examples.
import { ruleTester } from './tester.js';

ruleTester('HND001', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- template.yaml --
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.lambda_handler
      Runtime: python3.12
-- src/app.py --
import json


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
-- parity-check.config.json --
{}
`,
    },
  ],
  invalid: [
    {
      name: 'docs-bad-example',
      title: "the bad example of the rule's docs",
      files: String.raw`
-- template.yaml --
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
-- src/app.py --
import json


def lambda_handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"ok": True})}
-- parity-check.config.json --
{}
`,
      findings: [
        `template.yaml:8:16  HND001  error  handler "app.handler" of OrdersFunction names a function that app does not define at its top level: Lambda fails every invocation with Runtime.HandlerNotFound: Handler 'handler' missing on module 'app'; "app.lambda_handler" resolves in the package`,
      ],
    },
  ],
});
