import { type PackagedFunction } from '../graph/deployed.js';
import { noModuleNamed } from '../graph/not-found.js';
import { deployedGraphs, type AppGraph } from '../graph/types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

// A separate rule from HND001: the string is not a handler, the failure is not Lambda's
// (Runtime.ImportModuleError) but the server's, logged before the adapter's readiness check times
// out, and the fix is in the server's command line, not in the function's Handler.

const dockerfile = (app: string) => `FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
WORKDIR /var/task
COPY main.py ./
CMD ["python", "-m", "uvicorn", "--port=8080", "${app}"]
`;
const main = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n';

export const hnd002: Rule = {
  code: 'HND002',
  name: 'web-app-not-found',
  severity: 'error',
  summary: 'A web server start-up (uvicorn, gunicorn, hypercorn behind the Lambda Web Adapter) names a module that is not in the package, or an app the module does not define.',
  fixable: false,
  docs: {
    what:
      'The `module:app` a web server imports when Lambda starts the function through the Lambda Web Adapter (an image `CMD`/`ENTRYPOINT` running uvicorn, gunicorn or hypercorn, or a `run.sh` handler run by `AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap`), and the script of `python main.py`, read against what is really in the package: the module must resolve from the server\'s working folder and bind the app at its top level.',
    why:
      'The adapter forwards requests to a server that never started: the server logs `Error loading ASGI app. Attribute "app" not found in module "main".` and exits, the adapter\'s readiness check times out, and every cold start fails — after a deploy that looked fine, since nothing runs the start command before Lambda does.',
    bad: { files: { Dockerfile: dockerfile('main:ap'), 'main.py': main }, config: {} },
    good: { files: { Dockerfile: dockerfile('main:app'), 'main.py': main }, config: {} },
    fix: 'Name the module by its path under the package root (the server\'s working folder) and the variable the module binds (`main:app`); with `--factory`, the function that returns the app.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of deployedGraphs(ctx.apps)) {
      for (const pf of graph.deploy.functions) {
        const s = pf.fn.startup;
        if (!s || (s.kind !== 'web-app' && s.kind !== 'script') || !pf.handler) continue;
        const error = startupError(graph, pf);
        if (!error) continue;
        const loc = pf.handler.loc;
        if (error.installed) {
          // `python -m flask run`, `python -m http.server`: a module the package does not hold but the image may have
          // installed: what it serves is not read, so that is said, never an error on correct code.
          findings.push({
            ...at(loc.file, loc),
            severity: 'warning',
            message: `python -m ${pf.handler.text} of ${pf.fn.name} runs ${error.installed}, not a module of the package: what it serves is not checked`,
            subject: { app: graph.name, names: [pf.handler.text] },
          });
          continue;
        }
        const what = s.kind === 'script' ? `python ${pf.handler.text}` : `${s.server} ${pf.handler.text}`;
        findings.push({
          ...at(loc.file, loc),
          message: `${what} of ${pf.fn.name} ${error.what}: the server does not start (${error.log}) and every request to the function fails` + (error.suggestion ? `; "${error.suggestion}" resolves in the package` : ''),
          subject: { app: graph.name, names: [pf.handler.text] },
        });
      }
    }
    return findings;
  },
};

/** What the server logs when the start-up's import fails, or undefined when it loads or that cannot be told. */
function startupError(graph: AppGraph, pf: PackagedFunction): { what: string; log: string; suggestion?: string; installed?: string } | undefined {
  const facts = pf.handlerFacts;
  const h = pf.handler!;
  const s = pf.fn.startup!;
  if (!facts || facts.kind === 'malformed' || (facts.kind === 'module' && facts.binds)) return undefined;
  const c = facts.candidates.find((x) => x.binds);
  const suggestion = c && c.module !== h.module ? (s.kind === 'script' ? `${c.module.replace(/\./g, '/')}.py` : `${c.module}:${h.func}`) : undefined;
  const server = s.kind === 'web-app' ? s.server : 'python';
  if (facts.kind === 'missing-module') {
    if (s.kind === 'script' && s.module) {
      const c = graph.resolver.classify(h.module);
      if (c === 'stdlib') return { what: '', log: '', installed: 'a standard-library module' };
      if (c === 'dependency') return { what: '', log: '', installed: 'a declared dependency' };
    }
    const detail = noModuleNamed(graph.resolver, h.module);
    const log =
      s.kind === 'script'
        ? s.file
          ? `python: can't open file '/var/task/${h.text}': [Errno 2] No such file or directory`
          : `${detail}`
        : server === 'uvicorn' && detail === `No module named '${h.module}'`
          ? // uvicorn's importer says so only when the module itself is missing; a missing parent is re-raised.
            `Error loading ASGI app. Could not import module "${h.moduleText}".`
          : server === 'hypercorn'
            ? `Cannot load application from '${h.text}', module not found.`
            : `ModuleNotFoundError: ${detail}`;
    return { what: 'names a module that is not in the package', log, suggestion };
  }
  if (s.kind === 'script') return undefined;
  const log =
    server === 'uvicorn'
      ? `Error loading ASGI app. Attribute "${h.func}" not found in module "${h.moduleText}".`
      : server === 'gunicorn'
        ? `Failed to find attribute '${h.func}' in '${h.moduleText}'.`
        : server === 'hypercorn'
          ? `Cannot load application from '${h.text}', attribute not found.`
          : // serverless-wsgi's handler, and a start-up stated in the config: Python's getattr.
            `AttributeError: module '${h.module}' has no attribute '${h.func}'`;
  return { what: `names ${s.kind === 'web-app' && s.factory ? 'a factory' : 'an app'} that ${h.moduleText} does not define at its top level`, log, suggestion };
}
