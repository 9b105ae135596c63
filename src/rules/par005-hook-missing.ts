import { gaps, loopTable, loopText, placeOf, servedApps, type ServedApp } from '../graph/apps.js';
import { qualify, shortName } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import { isIntegerLiteral, plainString } from '../python/literal.js';
import type { HookFact } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

interface Hook {
  id: string;
  name: string;
  fact: HookFact;
  /** The file the hook is registered in (the app's module, or a set-up function's). */
  file: string;
}

function hooksOf(graph: AppGraph, served: ServedApp): Hook[] {
  // The module's own hooks, and those of the set-up functions the app is handed to.
  const sources = [
    { module: served.module.name, file: served.module.file, hooks: served.module.facts.hooks.filter((h) => h.app === served.app.variable) },
    ...served.setups.map((s) => ({ module: s.module.name, file: s.module.file, hooks: s.fn.hooks })),
  ];
  return sources.flatMap(({ module, file, hooks }) =>
    hooks.map((h): Hook => {
      if (h.kind === 'exception_handler' && h.loop) {
        // Each key of a loop's iterable: the same table (by what its name qualifies to) is the same handlers.
        return { id: `exception:${loopTable(graph, module, h.loop)}`, name: `exception handlers for each of ${loopText(h.loop)}`, fact: h, file };
      }
      if (h.kind === 'exception_handler') {
        // A status code (404) stays as written; a class is compared by identity.
        // `status.HTTP_404_NOT_FOUND` (fastapi.status is starlette.status) is the code 404.
        const qualified = isIntegerLiteral(h.key) ? h.key : qualify(graph, module, h.key);
        const code = /^(?:fastapi|starlette)\.status\.HTTP_(\d{3})_\w+$/.exec(qualified)?.[1];
        const id = code ?? qualified;
        return { id: `exception:${id}`, name: `exception handler for ${code ? h.key : shortName(id)}`, fact: h, file };
      }
      if (h.kind === 'lifespan') return { id: 'lifespan', name: `lifespan=${h.key}`, fact: h, file };
      // An imported hook function by what it is bound to (`db.connect`, and `connect` imported from
      // db, are one function); one each entry point defines itself by its name.
      const q = qualify(graph, module, h.key);
      const fn = q === `${module}.${h.key}` ? h.key : q;
      return { id: `${h.kind}:${fn}`, name: `${h.kind} hook ${fn}`, fact: h, file };
    }),
  );
}

const MAIN = `from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

app = FastAPI()

@app.exception_handler(RequestValidationError)
async def validation_error(request, exc):
    return JSONResponse({"detail": "invalid"}, status_code=422)

@app.on_event("startup")
async def connect_db():
    pass
`;

export const par005: Rule = {
  code: 'PAR005',
  name: 'hook-missing-in-entry-point',
  severity: 'error',
  summary: 'An exception handler or startup/shutdown hook is registered in one entry point and not in another, or never runs on Lambda.',
  fixable: false,
  docs: {
    what:
      'An exception handler (`app.add_exception_handler`, `@app.exception_handler`, `exception_handlers=`) or a lifecycle hook (`@app.on_event("startup")`, `on_startup=`, `lifespan=`) registered on the app of one entry point and not on the other. Also: a Lambda adapter created with `Mangum(app, lifespan="off")` in front of an app that has startup/shutdown hooks or a lifespan.',
    why:
      'A missing exception handler turns the friendly 422 or 404 the client expects into a 500 on Lambda only. A missing startup hook leaves the database pool or settings uninitialised on Lambda. Mangum with `lifespan="off"` silently skips every startup hook: the code is there and never runs.',
    bad: { files: { 'main.py': MAIN, 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    good: { files: { 'main.py': MAIN, 'lazy_app.py': MAIN } },
    fix: 'Register the same handlers and hooks in every entry point (a shared `configure(app)` function helps). With Mangum, use `lifespan="auto"` (the default) when the app relies on startup hooks.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) {
      const apps = servedApps(graph);
      const hooks = apps.map((a) => hooksOf(graph, a));
      for (const { item: hook, i, j, presentIn } of gaps(apps, hooks, (h) => h.id)) {
        findings.push({
          ...at(hook.file, hook.fact),
          message: `${hook.name} is registered in ${placeOf(graph, apps[i], hook.file, hook.fact.line)} but not in ${apps[j].label}`,
          related: [at(apps[j].module.file, apps[j].app)],
          subject: { app: graph.name, names: [hook.name, hook.fact.key], presentIn },
        });
      }
      for (let i = 0; i < apps.length; i++) {
        // Mangum(app, lifespan="off") never sends the startup event.
        const lifecycle = hooks[i].filter((h) => h.fact.kind !== 'exception_handler');
        if (!lifecycle.length) continue;
        for (const { file, fact } of apps[i].adapters) {
          const lifespan = fact.kwargs.lifespan === undefined ? undefined : plainString(fact.kwargs.lifespan);
          if (lifespan !== 'off') continue;
          findings.push({
            ...at(file, fact),
            message: `${fact.factory}(…, lifespan="off") never runs the app's startup and shutdown hooks on Lambda: ${lifecycle.map((h) => `${h.name} (${placeOf(graph, apps[i], h.file, h.fact.line)})`).join(', ')}`,
            related: lifecycle.map((h) => at(h.file, h.fact)),
            subject: { app: graph.name, names: [fact.factory] },
          });
        }
      }
    }
    return findings;
  },
};
