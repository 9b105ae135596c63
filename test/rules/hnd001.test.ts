// HND001's cases (format and assertions: ./tester.ts): the rule's docs examples, then cases written here.
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
      python: { run: 'import app\napp.lambda_handler', root: 'src', fails: null },
    },
    {
      name: 'handler-bound-by-an-import',
      title: 'the handler module binds the function by importing it',
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
from impl import lambda_handler  # noqa: F401
-- src/impl.py --
def lambda_handler(event, context):
    return {"statusCode": 200}
-- parity-check.config.json --
{}
`,
      python: { run: 'import app\napp.lambda_handler', root: 'src', fails: null },
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
      python: { run: 'import app\napp.handler', root: 'src', fails: "AttributeError: module 'app' has no attribute 'handler'" },
    },
    {
      name: 'handler-module-missing',
      title: 'the module part of the handler is not in the package',
      files: String.raw`
-- template.yaml --
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handlers.orders.lambda_handler
      Runtime: python3.12
-- src/app.py --
def lambda_handler(event, context):
    return {"statusCode": 200}
-- parity-check.config.json --
{}
`,
      findings: [
        `template.yaml:8:16  HND001  error  handler "handlers.orders.lambda_handler" of OrdersFunction names a module that is not in the package: Lambda fails every invocation with Runtime.ImportModuleError: Unable to import module 'handlers.orders': No module named 'handlers'`,
      ],
      python: { run: 'import handlers.orders', root: 'src', fails: "No module named 'handlers'" },
    },
  ],
});
