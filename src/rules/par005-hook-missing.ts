import { hooksOf } from '../graph/registrations/hooks.js';
import { servedApps } from '../graph/registrations/served.js';
import { plainString } from '../python/literal.js';
import { gaps, placeOf } from './shared/compare.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

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
