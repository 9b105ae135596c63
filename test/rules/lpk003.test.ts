// LPK003's cases (format and assertions: ./tester.ts), from the rule's docs examples.
import { ruleTester } from './tester.js';

ruleTester('LPK003', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- src/lambdas/ingestion/__init__.py --
-- src/lambdas/ingestion/handler.py --
from src.lambdas.ingestion.alerting import send_alert


def lambda_handler(event, context):
    send_alert("received")
    return {"statusCode": 200}
-- src/lambdas/ingestion/alerting.py --
def send_alert(message):
    print(message)
-- .github/workflows/deploy.yml --
name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Package
        run: |
          mkdir -p build/src/lambdas/ingestion
          cp -r src/lambdas/ingestion/* build/src/lambdas/ingestion/
          cd build && zip -r ../ingestion.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
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
-- src/lambdas/ingestion/__init__.py --
-- src/lambdas/ingestion/handler.py --
from src.lambdas.ingestion.alerting import send_alert


def lambda_handler(event, context):
    send_alert("received")
    return {"statusCode": 200}
-- src/lambdas/ingestion/alerting.py --
def send_alert(message):
    print(message)
-- .github/workflows/deploy.yml --
name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Package
        run: |
          mkdir -p build
          cp -r src/lambdas/ingestion/* build/
          cd build && zip -r ../ingestion.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
-- parity-check.config.json --
{}
`,
      findings: [
        `.github/workflows/deploy.yml:13:11  LPK003  error  cp -r src/lambdas/ingestion/* build/ puts src/lambdas/ingestion at the package root, but ingestion names it by its repository path: the handler "src.lambdas.ingestion.handler.lambda_handler" (.github/workflows/deploy.yml:17), src.lambdas.ingestion.alerting (src/lambdas/ingestion/handler.py:1): Lambda fails with Runtime.ImportModuleError: Unable to import module 'src.lambdas.ingestion.handler': No module named 'src'. Copy it to its repository path: mkdir -p build/src/lambdas/ingestion && cp -r src/lambdas/ingestion/* build/src/lambdas/ingestion/; the handler "src.lambdas.ingestion.handler.lambda_handler" then matches (related .github/workflows/deploy.yml:14:23-14:48)`,
      ],
    },
  ],
});
