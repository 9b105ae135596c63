import { hooksOf } from '../graph/registrations/hooks.js';
import { parityGroups } from '../graph/registrations/groups.js';
import { labelOf } from '../graph/registrations/served.js';
import { unreadOf, unreadWarnings } from './shared/unread.js';
import { hooksRunOutsideLifespan } from '../graph/registrations/startup.js';
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
      'An exception handler (`app.add_exception_handler`, `@app.exception_handler`, `exception_handlers=`) or a lifecycle hook (`@app.on_event("startup")`, `on_startup=`, `lifespan=`) registered on the app of one entry point and not on the other. Also, as a warning: a Lambda adapter created with `Mangum(app, lifespan="off")` in front of an app whose startup/shutdown hooks or lifespan nothing else runs. A hook the handler runs itself is not named: `asyncio.run(app.router.startup())` or `loop.run_until_complete(app.router.startup())` (every startup hook), a call of the hook function, or the calls the hook\'s body makes (`asyncio.run(database.connect())` for a hook that awaits `database.connect()`).',
    why:
      'A missing exception handler turns the friendly 422 or 404 the client expects into a 500 on Lambda only. A missing startup hook leaves the database pool or settings uninitialised on Lambda. Mangum with `lifespan="off"` silently skips every startup hook: the code is there and never runs. Working handlers often choose it and do the start-up themselves, so it is a warning that names what will not run.',
    bad: { files: { 'main.py': MAIN, 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    good: { files: { 'main.py': MAIN, 'lazy_app.py': MAIN } },
    fix: 'Register the same handlers and hooks in every entry point (a shared `configure(app)` function helps). With Mangum, use `lifespan="auto"` (the default) when the app relies on startup hooks.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) for (const apps of parityGroups(graph)) {
      const hooks = apps.map((a) => hooksOf(graph, a));
      for (const { item: hook, i, j, presentIn } of gaps(apps, hooks, (h) => h.id)) {
        // The lacking app's keyword of this kind could not be read: said by unreadWarnings.
        const kw = hook.fact.kind === 'exception_handler' ? 'exception_handlers' : hook.fact.kind === 'startup' ? 'on_startup' : hook.fact.kind === 'shutdown' ? 'on_shutdown' : '';
        if (unreadOf(apps[j], [kw]).length) continue;
        findings.push({
          ...at(hook.file, hook.fact),
          message: `${hook.name} is registered in ${placeOf(graph, apps[i], hook.file, hook.fact.line)} but not in ${apps[j].label}`,
          related: [at(apps[j].module.file, apps[j].app)],
          subject: { app: graph.name, names: [hook.name, hook.fact.key], presentIn },
        });
      }
      findings.push(...unreadWarnings(graph.name, apps, ['exception_handlers', 'on_startup', 'on_shutdown'], 'handlers and hooks'));
      for (let i = 0; i < apps.length; i++) {
        // Mangum(app, lifespan="off") never sends the startup event; a handler may run the hooks itself.
        const lifecycle = hooks[i].filter((h) => h.fact.kind !== 'exception_handler');
        if (!lifecycle.length) continue;
        const offs = apps[i].adapters.filter(({ fact }) => fact.kwargs.lifespan !== undefined && plainString(fact.kwargs.lifespan) === 'off');
        if (!offs.length) continue;
        const run = hooksRunOutsideLifespan(graph, apps[i], lifecycle);
        const skipped = lifecycle.filter((h) => !run.has(h));
        if (!skipped.length) continue;
        const ran = lifecycle.filter((h) => run.has(h)).map((h) => `${h.name} runs from ${labelOf(graph, run.get(h)!.file)}:${run.get(h)!.fact.line}`);
        for (const { file, fact } of offs) {
          // Deliberate in working code (the handler does without them, or runs them another way): a warning.
          findings.push({
            ...at(file, fact),
            severity: 'warning',
            message:
              `${fact.factory}(…, lifespan="off") skips the app's lifespan on Lambda, and nothing else runs ${skipped.map((h) => `${h.name} (${placeOf(graph, apps[i], h.file, h.fact.line)})`).join(', ')}: ${skipped.length > 1 ? 'they' : 'it'} will not run there` +
              (ran.length ? ` (${ran.join('; ')})` : ''),
            related: skipped.map((h) => at(h.file, h.fact)),
            subject: { app: graph.name, names: [fact.factory, ...skipped.map((h) => h.fact.key)] },
          });
        }
      }
    }
    return findings;
  },
};
