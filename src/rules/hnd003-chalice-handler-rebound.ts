import { deployedGraphs, type ModuleNode } from '../graph/types.js';
import type { ChaliceHandlerFact, DefinitionFact } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const CONFIG = '{\n  "version": "2.0",\n  "app_name": "reports",\n  "stages": {"dev": {}}\n}\n';
const app = (second: string) => `from chalice import Chalice

app = Chalice(app_name="reports")


@app.lambda_function(name="build")
def job(event, context):
    return {"built": event["id"]}


@app.schedule("rate(1 hour)")
def ${second}(event):
    return {"cleaned": True}
`;

const CALLEES = /(^|\.)(Chalice|Blueprint)$/;

export const hnd003: Rule = {
  code: 'HND003',
  name: 'chalice-handler-rebound',
  severity: 'error',
  summary: 'A Chalice function whose Python name the module binds again later: its Lambda runs the later function.',
  fixable: false,
  docs: {
    what:
      'A function of a Chalice app (or blueprint) that gets a Lambda function of its own — `@app.lambda_function`, `@app.schedule`, `@app.on_s3_event`, `@app.on_sns_message`, `@app.on_sqs_message`, `@app.on_cw_event`, `@app.on_kinesis_record`, `@app.on_dynamodb_record`, `@app.authorizer`, `@app.on_ws_*` — whose Python name is bound again further down the module: a second decorated `def` of the same name, a plain `def`, an assignment or an import. Bindings under an `if` or `try` are not judged.',
    why:
      "Chalice writes each such function's handler from its Python name, `'%s.%s' % (module_name, user_handler.__name__)` (chalice/app.py `_do_register_handler`), not from the object the decorator registered. Lambda imports the module and reads that name: the last binding wins, so the first function's Lambda runs the second function's code with its own events. `chalice local` and unit tests that call the functions directly never see it.",
    bad: { files: { '.chalice/config.json': CONFIG, 'app.py': app('job'), 'requirements.txt': '' }, config: {} },
    good: { files: { '.chalice/config.json': CONFIG, 'app.py': app('cleanup'), 'requirements.txt': '' }, config: {} },
    fix: 'Give every Chalice function its own Python name (the `name=` argument names the Lambda function, not the handler).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of deployedGraphs(ctx.apps)) {
      if (!graph.deploy.functions.some((pf) => pf.fn.source === 'chalice')) continue;
      for (const module of graph.modules.values()) {
        for (const h of module.facts.chaliceHandlers ?? []) {
          if (h.conditional || !isChaliceApp(module, h.receiver)) continue;
          const later = rebinding(module, h);
          if (!later) continue;
          const handler = `${module.name}.${h.function}`;
          findings.push({
            ...at(module.file, h),
            message:
              `Chalice function "${h.lambdaName ?? h.function}" (@${h.receiver}.${h.method}) gets the handler "${handler}", but ${module.file} binds ${h.function} again at line ${later.line}` +
              ` (${describe(module, later)}): its Lambda runs that one instead, with this function's events` +
              (sameName(module, h, later) ? `; both are named "${h.lambdaName ?? h.function}" too (no name= tells them apart), so their Lambda functions collide` : ''),
            related: [at(module.file, later)],
            subject: { app: graph.name, names: [handler, h.lambdaName ?? h.function] },
          });
        }
      }
    }
    return findings;
  },
};

/** Is the decorator's object a Chalice app or blueprint the module makes at its top? */
function isChaliceApp(module: ModuleNode, receiver: string): boolean {
  return module.facts.factoryCalls.some((f) => f.variable === receiver && CALLEES.test(f.callee));
}

/** The last top-level binding of the function's name after its `def` (what the module ends up holding), when none is conditional. */
function rebinding(module: ModuleNode, h: ChaliceHandlerFact): DefinitionFact | undefined {
  const after = module.facts.definitions.filter((d) => d.name === h.function && d.line > h.defLine && d.kind !== 'global');
  if (!after.length || after.some((d) => d.conditional)) return undefined;
  return after[after.length - 1];
}

/** The later binding is a Chalice function with the same Chalice name. */
function sameName(module: ModuleNode, h: ChaliceHandlerFact, d: DefinitionFact): boolean {
  const other = (module.facts.chaliceHandlers ?? []).find((x) => x.function === d.name && (x.defLine === d.line || x.line === d.line));
  return !!other && (other.lambdaName ?? other.function) === (h.lambdaName ?? h.function);
}

function describe(module: ModuleNode, d: DefinitionFact): string {
  const other = (module.facts.chaliceHandlers ?? []).find((x) => x.function === d.name && (x.defLine === d.line || x.line === d.line));
  if (other) return `@${other.receiver}.${other.method}${other.lambdaName ? ` name="${other.lambdaName}"` : ''}`;
  return d.kind === 'function' ? 'a def' : d.kind === 'class' ? 'a class' : d.kind === 'import' ? 'an import' : 'an assignment';
}
