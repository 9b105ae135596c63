import type { PackagedFunction } from '../graph/deployed.js';
import { deployedGraphs, type DeployedGraph } from '../graph/types.js';
import type { Location } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const workflow = (dashboardInto: string) => `name: Deploy
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
          mkdir -p dashboard-build${dashboardInto}
          cp -r src/lambdas/dashboard/* dashboard-build${dashboardInto}/
          cd dashboard-build && zip -r ../dashboard.zip .
      - name: Deploy
        run: |
          aws lambda create-function --function-name ingestion --runtime python3.12 --handler src.lambdas.ingestion.handler.lambda_handler --zip-file fileb://ingestion.zip --role arn:aws:iam::123456789012:role/lambda
          aws lambda create-function --function-name dashboard --runtime python3.12 --handler ${dashboardInto ? 'src.lambdas.dashboard.handler' : 'handler'}.lambda_handler --zip-file fileb://dashboard.zip --role arn:aws:iam::123456789012:role/lambda
`;
const handler = 'def lambda_handler(event, context):\n    return {"statusCode": 200}\n';
const files = {
  'src/lambdas/ingestion/__init__.py': '',
  'src/lambdas/ingestion/handler.py': handler,
  'src/lambdas/dashboard/__init__.py': '',
  'src/lambdas/dashboard/handler.py': handler,
};

interface Placed {
  graph: DeployedGraph;
  pf: PackagedFunction;
  /** The handler's repository file and where the package has it. */
  src: string;
  dest: string;
  loc: Location;
}

const parent = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

function placed(graph: DeployedGraph, pf: PackagedFunction): Placed | undefined {
  if (pf.partial) return undefined;
  const src = pf.relocated?.src ?? (pf.entryModule !== undefined ? graph.modules.get(pf.entryModule)?.file : undefined);
  if (!src) return undefined;
  const at = pf.relocated ?? pf.toPackage(src)[0];
  if (!at) return undefined;
  return { graph, pf, src, dest: at.dest, loc: pf.layout.how === 'simulated' ? at.loc : pf.layoutLoc };
}

export const lpk002: Rule = {
  code: 'LPK002',
  name: 'mixed-package-layouts',
  severity: 'warning',
  summary: 'Functions whose handlers live in the same folder tree are packaged with different layouts.',
  fixable: false,
  docs: {
    what:
      'Two Lambda functions whose handler files sit side by side in the repository (`src/lambdas/ingestion/handler.py`, `src/lambdas/dashboard/handler.py`) while one package keeps the repository path and the other flattens it (the handler lands at the package root).',
    why:
      "Code in one folder tree is written one way — usually with imports from the repository root, which tests use. A function packaged the other way breaks as soon as it imports a sibling module; spec 427's dashboard was right and ingestion was wrong, with the same kind of code.",
    bad: { files: { ...files, '.github/workflows/deploy.yml': workflow('') }, config: {} },
    good: { files: { ...files, '.github/workflows/deploy.yml': workflow('/src/lambdas/dashboard') }, config: {} },
    fix: 'Package every function of the tree the same way: keep the repository path (`mkdir -p dest/src/lambdas/x && cp -r src/lambdas/x/* dest/src/lambdas/x/`) and write handlers from the package root.',
  },
  check(ctx) {
    const trees = new Map<string, Placed[]>();
    for (const graph of deployedGraphs(ctx.apps)) {
      for (const pf of graph.deploy.functions) {
        const p = placed(graph, pf);
        if (!p) continue;
        const tree = parent(parent(p.src));
        if (!parent(p.src)) continue; // a handler at the repository root has no siblings tree
        trees.set(tree, [...(trees.get(tree) ?? []), p]);
      }
    }
    const findings: RuleFinding[] = [];
    for (const [tree, list] of trees) {
      const keeps = list.filter((p) => p.dest === p.src);
      const flat = list.filter((p) => p.dest !== p.src);
      if (!keeps.length || !flat.length) continue;
      const ref = keeps[0];
      for (const p of flat) {
        findings.push({
          ...at(p.loc.file, p.loc),
          message:
            `${p.pf.fn.name} packages ${p.src} as ${p.dest}, while ${ref.pf.fn.name} keeps the repository path (${ref.src}) for its handler in the same tree ${tree || '.'}: ` +
            `imports written for one layout fail in the other`,
          related: [ref.loc],
          subject: { app: p.graph.name, names: p.pf.handler ? [p.pf.handler.module] : [] },
        });
      }
    }
    return findings;
  },
};
