import { deployedGraphs } from '../graph/types.js';
import { brokenImports, flatCopies, type BrokenImport } from '../deploy/analysis.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const workflow = (extra: string) => `name: Deploy
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
${extra}          cd build && zip -r ../ingestion.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
`;
const files = {
  'src/lambdas/ingestion/__init__.py': '',
  'src/lambdas/ingestion/handler.py': 'from src.lambdas.shared.db import connect\n\n\ndef lambda_handler(event, context):\n    return connect()\n',
  'src/lambdas/shared/__init__.py': '',
  'src/lambdas/shared/db.py': 'def connect():\n    return {}\n',
};

export const lpk001: Rule = {
  code: 'LPK001',
  name: 'import-not-packaged',
  severity: 'error',
  summary: 'A module the handler imports is in the repository but not in the package the deploy builds.',
  fixable: false,
  docs: {
    what:
      "A local import of a Lambda handler's closure — an import statement or a module-path string handed to importlib, followed through the import graph from the handler module — that does not resolve inside the package as the deploy builds it (the files a workflow copies, a Dockerfile's COPY, serverless patterns, CodeUri), while the module exists in the repository: the package lacks it. Imports under `try: ... except ImportError` are left alone.",
    why:
      'Tests run from the repository root, where every module is importable; Lambda only has what was copied into the zip. A shared folder (`src/lambdas/shared`, `src/lib`) left out of the copy steps passes CI and fails at cold start with `Runtime.ImportModuleError`.',
    bad: { files: { ...files, '.github/workflows/deploy.yml': workflow('') }, config: {} },
    good: {
      files: {
        ...files,
        '.github/workflows/deploy.yml': workflow('          mkdir -p build/src/lambdas/shared\n          cp -r src/lambdas/shared/* build/src/lambdas/shared/\n'),
      },
      config: {},
    },
    fix: 'Copy the missing folder into the package at the path the code imports it by (the message names the repository file), or change the import.',
  },
  check(ctx) {
    const byPlace = new Map<string, { b: BrokenImport; names: string[] }>();
    for (const graph of deployedGraphs(ctx.apps)) {
      for (const pf of graph.deploy.functions) {
        const keyOf = (b: BrokenImport) => `${b.file}\0${b.span.line}\0${b.span.column}\0${b.target}`;
        // One problem, one finding: what LPK003 explains (a flat copy) is not repeated here.
        const explained = new Set(flatCopies(graph, pf).flatMap((f) => f.imports.map(keyOf)));
        for (const b of brokenImports(graph, pf)) {
          const key = keyOf(b);
          if (explained.has(key)) continue;
          const hit = byPlace.get(key);
          if (hit) {
            if (!hit.names.includes(pf.fn.name)) hit.names.push(pf.fn.name);
          } else byPlace.set(key, { b, names: [pf.fn.name] });
        }
      }
    }
    const findings: RuleFinding[] = [];
    for (const { b, names } of byPlace.values()) {
      const packaging = b.pf.layoutLoc;
      // A build's ignore file (.dockerignore) that left it out of what the copy saw is the cause: say that line.
      const left = b.packagedAt.length ? undefined : b.pf.layout.excluded?.find((e) => e.src === b.repoFile);
      const where = b.packagedAt.length
        ? `the package has it at ${b.packagedAt.map((p) => p.dest).join(', ')} instead`
        : left
          ? `${left.why}, so the package ${names.length > 1 ? 'they run from' : 'it runs from'} does not contain it`
          : `the package ${names.length > 1 ? 'they run from' : 'it runs from'} does not contain it`;
      findings.push({
        ...at(b.file, b.span),
        message:
          `${b.via === 'module-path' ? `"${b.target}"` : b.target} is ${b.repoFile} in the repository, but ${where} (${names.join(', ')}, packaged by ${packaging.file}:${packaging.line}): ` +
          `Lambda raises ModuleNotFoundError: ${b.error}`,
        related: left ? [packaging, left.loc] : [packaging],
        subject: { app: b.graph.name, names: [b.target] },
      });
    }
    return findings;
  },
};
