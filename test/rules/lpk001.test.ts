// LPK001's cases (format and assertions: ./tester.ts), from the rule's docs examples.
import { ruleTester } from './tester.js';

ruleTester('LPK001', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- src/lambdas/ingestion/__init__.py --
-- src/lambdas/ingestion/handler.py --
from src.lambdas.shared.db import connect


def lambda_handler(event, context):
    return connect()
-- src/lambdas/shared/__init__.py --
-- src/lambdas/shared/db.py --
def connect():
    return {}
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
          mkdir -p build/src/lambdas/shared
          cp -r src/lambdas/shared/* build/src/lambdas/shared/
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
from src.lambdas.shared.db import connect


def lambda_handler(event, context):
    return connect()
-- src/lambdas/shared/__init__.py --
-- src/lambdas/shared/db.py --
def connect():
    return {}
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
      findings: [
        "src/lambdas/ingestion/handler.py:1:6  LPK001  error  src.lambdas.shared.db is src/lambdas/shared/db.py in the repository, but the package it runs from does not contain it (ingestion, packaged by .github/workflows/deploy.yml:14): Lambda raises ModuleNotFoundError: No module named 'src.lambdas.shared' (related .github/workflows/deploy.yml:14:23-14:48)",
      ],
    },
  ],
});
