import { flatCopies } from '../deploy/analysis.js';
import { handlerString, type PackagedFunction } from '../graph/deployed.js';
import { noModuleNamed } from '../graph/not-found.js';
import { deployedGraphs, type AppGraph } from '../graph/types.js';
import { deployMessages } from '../messages.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const template = (handler: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: ${handler}
      Runtime: python3.12
`;
const app = 'import json\n\n\ndef lambda_handler(event, context):\n    return {"statusCode": 200, "body": json.dumps({"ok": True})}\n';

export const hnd001: Rule = {
  code: 'HND001',
  name: 'handler-not-found',
  severity: 'error',
  summary: "A Lambda handler names a module that is not in the package, or a function the module does not define.",
  fixable: false,
  docs: {
    what:
      'The handler of a Lambda function (SAM/CloudFormation `Handler`, serverless `handler`, Terraform `handler`, a Dockerfile `CMD`) read against what is really in the package: the module part must resolve under /var/task (CodeUri, archive_file source_dir, or the files the build copies), and the function part must be bound at the top level of that module — a `def`, an assignment such as `handler = Mangum(app)`, or an import.',
    why:
      "Nothing runs the handler string before Lambda does: a handler that names `app.handler` while the module defines `lambda_handler`, or a module path written from the repository root while the package root is a sub-folder, deploys fine and fails every invocation with `Runtime.ImportModuleError` or `Runtime.HandlerNotFound`.",
    bad: { files: { 'template.yaml': template('app.handler'), 'src/app.py': app }, config: {} },
    good: { files: { 'template.yaml': template('app.lambda_handler'), 'src/app.py': app }, config: {} },
    fix:
      'Write the handler as `module.function` relative to the package root (for SAM, relative to CodeUri), with the name the module really defines. The message names the nearest handler string that resolves in the package.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of deployedGraphs(ctx.apps)) {
      for (const pf of graph.deploy.functions) {
        // A web server or script start-up: HND002 judges what it imports; the handler is not Python's.
        if (pf.fn.startup && pf.fn.startup.kind !== 'handler') continue;
        const c = handlerProblem(graph, pf);
        if (!c || !pf.fn.handler.known) continue;
        // The handler file was copied flat: LPK003 reports the copy (one problem, one finding).
        if (pf.relocated && flatCopies(graph, pf).some((f) => f.handler)) continue;
        const loc = pf.fn.handler.loc;
        const what =
          c.kind === 'malformed'
            ? 'is not of the form module.function'
            : c.kind === 'module'
              ? 'names a module that is not in the package'
              : `names a function that ${pf.handler?.moduleText ?? 'the module'} does not define at its top level`;
        findings.push({
          ...at(loc.file, loc),
          message:
            `handler "${pf.fn.handler.value}" of ${pf.fn.name} ${what}: Lambda fails every invocation with ${c.error}` +
            (c.suggestion ? `; "${c.suggestion}" resolves in the package` : ''),
          subject: { app: graph.name, names: [pf.fn.handler.value] },
        });
      }
    }
    return findings;
  },
};

/** Why Lambda cannot load a function's handler (`error` is what Lambda logs), or undefined when it can or that cannot be told. */
export function handlerProblem(graph: AppGraph, pf: PackagedFunction): { kind: 'malformed' | 'module' | 'function'; error: string; suggestion?: string } | undefined {
  const facts = pf.handlerFacts;
  if (!facts || (facts.kind === 'module' && facts.binds)) return undefined;
  const h = pf.handler;
  if (facts.kind === 'malformed' || !h) return { kind: 'malformed', error: deployMessages.malformedHandler(pf.fn.handler.known ? pf.fn.handler.value : '') };
  // The nearest handler string that resolves: the function in the first candidate that binds it, or that module's one handler-like name.
  const c = facts.candidates.find((x) => x.binds || x.handlerLike);
  const text = c && handlerString(c.module, c.binds ? h.func : c.handlerLike!, h);
  const suggestion = text && text !== h.text ? text : undefined;
  if (facts.kind === 'missing-module') return { kind: 'module', error: deployMessages.importModuleError(h.moduleText, noModuleNamed(graph.resolver, h.module)), suggestion };
  return { kind: 'function', error: deployMessages.handlerNotFound(h.func, h.moduleText), suggestion };
}
