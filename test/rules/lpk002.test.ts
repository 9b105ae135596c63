// LPK002's cases (format and assertions: ./tester.ts), from the rule's docs examples.
import { ruleTester } from './tester.js';

ruleTester('LPK002', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- src/lambdas/ingestion/__init__.py --
-- src/lambdas/ingestion/handler.py --
def lambda_handler(event, context):
    return {"statusCode": 200}
-- src/lambdas/dashboard/__init__.py --
-- src/lambdas/dashboard/handler.py --
def lambda_handler(event, context):
    return {"statusCode": 200}
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
      - name: Package ingestion
        run: |
          mkdir -p ingestion-build/src/lambdas/ingestion
          cp -r src/lambdas/ingestion/* ingestion-build/src/lambdas/ingestion/
          cd ingestion-build && zip -r ../ingestion.zip .
      - name: Package dashboard
        run: |
          mkdir -p dashboard-build/src/lambdas/dashboard
          cp -r src/lambdas/dashboard/* dashboard-build/src/lambdas/dashboard/
          cd dashboard-build && zip -r ../dashboard.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
          aws lambda create-function --function-name dashboard --runtime python3.12 --handler src.lambdas.dashboard.handler.lambda_handler --zip-file fileb://dashboard.zip --role arn:aws:iam::123456789012:role/lambda
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
def lambda_handler(event, context):
    return {"statusCode": 200}
-- src/lambdas/dashboard/__init__.py --
-- src/lambdas/dashboard/handler.py --
def lambda_handler(event, context):
    return {"statusCode": 200}
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
      - name: Package ingestion
        run: |
          mkdir -p ingestion-build/src/lambdas/ingestion
          cp -r src/lambdas/ingestion/* ingestion-build/src/lambdas/ingestion/
          cd ingestion-build && zip -r ../ingestion.zip .
      - name: Package dashboard
        run: |
          mkdir -p dashboard-build
          cp -r src/lambdas/dashboard/* dashboard-build/
          cd dashboard-build && zip -r ../dashboard.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
          aws lambda create-function --function-name dashboard --runtime python3.12 --handler handler.lambda_handler --zip-file fileb://dashboard.zip --role arn:aws:iam::123456789012:role/lambda
-- parity-check.config.json --
{}
`,
      findings: [
        '.github/workflows/deploy.yml:18:11  LPK002  warning  dashboard packages src/lambdas/dashboard/handler.py as handler.py, while ingestion keeps the repository path (src/lambdas/ingestion/handler.py) for its handler in the same tree src/lambdas: imports written for one layout fail in the other (related .github/workflows/deploy.yml:13:11-13:79)',
      ],
    },
  ],
});
