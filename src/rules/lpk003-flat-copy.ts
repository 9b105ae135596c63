import { deployedGraphs, type DeployedGraph } from '../graph/types.js';
import { handlerProblem } from './hnd001-handler-not-found.js';
import { flatCopies, type FlatCopy } from '../deploy/analysis.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const workflow = (copy: string) => `name: Deploy
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
${copy}          cd build && zip -r ../ingestion.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
`;
const files = {
  'src/lambdas/ingestion/__init__.py': '',
  'src/lambdas/ingestion/handler.py':
    'from src.lambdas.ingestion.alerting import send_alert\n\n\ndef lambda_handler(event, context):\n    send_alert("received")\n    return {"statusCode": 200}\n',
  'src/lambdas/ingestion/alerting.py': 'def send_alert(message):\n    print(message)\n',
};

export const lpk003: Rule = {
  code: 'LPK003',
  name: 'flat-copy',
  severity: 'error',
  summary: 'A build step copies a folder to the package root while the code imports it by its repository path.',
  fixable: false,
  docs: {
    what:
      "A copy step of a package build (`cp -r src/lambdas/ingestion/* dest/` in a workflow, a Dockerfile `COPY`) that puts a folder's files at another path than their repository path, while the handler or its imports name them by the repository path (`from src.lambdas.ingestion.alerting import ...`, handler `src.lambdas.ingestion.handler.lambda_handler`). The message gives the copy that keeps the path, and the handler string that then matches.",
    why:
      'Spec 427: the ingestion Lambda was copied flat (`cp -r src/lambdas/ingestion/* dest/`) while its code imported `src.lambdas.ingestion.alerting`, which only exists when the package keeps `src/lambdas/ingestion/`. Tests passed from the repository root; preprod failed with `Runtime.ImportModuleError`. The dashboard Lambda, packaged with `mkdir -p dest/src/lambdas/dashboard && cp -r src/lambdas/dashboard/* dest/src/lambdas/dashboard/`, worked.',
    bad: { files: { ...files, '.github/workflows/deploy.yml': workflow('          mkdir -p build\n          cp -r src/lambdas/ingestion/* build/\n') }, config: {} },
    good: {
      files: {
        ...files,
        '.github/workflows/deploy.yml': workflow('          mkdir -p build/src/lambdas/ingestion\n          cp -r src/lambdas/ingestion/* build/src/lambdas/ingestion/\n'),
      },
      config: {},
    },
    fix: 'Copy the folder to its repository path inside the package (the message gives the command), and write the handler from the package root (`src.lambdas.ingestion.handler.lambda_handler`).',
  },
  check(ctx) {
    const byStep = new Map<string, { f: FlatCopy; names: string[]; graph: DeployedGraph }>();
    for (const graph of deployedGraphs(ctx.apps)) {
      for (const pf of graph.deploy.functions) {
        for (const f of flatCopies(graph, pf)) {
          const l = f.copy.loc;
          const key = `${l.file}\0${l.line}\0${l.column}`;
          const hit = byStep.get(key);
          if (hit) {
            if (!hit.names.includes(pf.fn.name)) hit.names.push(pf.fn.name);
          } else byStep.set(key, { f, names: [pf.fn.name], graph });
        }
      }
    }
    const findings: RuleFinding[] = [];
    for (const { f, names, graph } of byStep.values()) {
      const l = f.copy.loc;
      const uses: string[] = [];
      if (f.handler && f.pf.handler) uses.push(`the handler "${f.pf.handler.text}" (${f.pf.handler.loc.file}:${f.pf.handler.loc.line})`);
      for (const b of f.imports.slice(0, 3)) uses.push(`${b.target} (${b.file}:${b.span.line})`);
      if (f.imports.length > 3) uses.push(`${f.imports.length - 3} more`);
      const first = f.handler ? handlerProblem(graph, f.pf)?.error : undefined;
      const error = first ?? (f.imports[0] ? `ModuleNotFoundError: ${f.imports[0].error}` : undefined);
      const handlerNote = f.handlerAfter
        ? f.pf.handler && f.handlerAfter === f.pf.handler.text
          ? `; the handler "${f.handlerAfter}" then matches`
          : `, and set the handler to "${f.handlerAfter}"`
        : '';
      findings.push({
        ...at(l.file, l),
        message:
          `${f.copy.command} puts ${f.copy.from} at ${f.copy.to ? f.copy.to : 'the package root'}, but ${names.join(', ')} ${names.length > 1 ? 'name' : 'names'} it by its repository path: ${uses.join(', ')}` +
          (error ? `: Lambda fails with ${error}` : '') +
          (f.copy.fix ? `. ${f.copy.fix[0].toUpperCase()}${f.copy.fix.slice(1)}` : `. Copy it to its repository path: ${f.fix}${handlerNote}`),
        related: [f.pf.layoutLoc],
        subject: { app: graph.name, names: [...new Set([f.copy.from, ...(f.handler && f.pf.handler ? [f.pf.handler.module] : []), ...f.imports.map((b) => b.target)])] },
      });
    }
    return findings;
  },
};
