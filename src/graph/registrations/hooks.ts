// The exception handlers and lifecycle hooks registered on a served app (its module's and its
// set-up functions'), each identified so that two spellings of one registration compare equal.
import { isIntegerLiteral } from '../../python/literal.js';
import type { HookFact } from '../../types.js';
import { qualify, shortName } from '../symbols.js';
import type { AppGraph } from '../types.js';
import { sharedValue } from './held.js';
import { loopTable, loopText } from './middleware.js';
import { asCalled } from './arguments.js';
import type { ServedApp } from './served.js';

export interface Hook {
  id: string;
  name: string;
  fact: HookFact;
  /** The file the hook is registered in (the app's module, or a set-up function's). */
  file: string;
}

export function hooksOf(graph: AppGraph, served: ServedApp): Hook[] {
  // The module's own hooks, and those of the set-up functions the app is handed to.
  const sources = [
    { module: served.module.name, file: served.module.file, hooks: served.module.facts.hooks.filter((h) => h.app === served.app.variable) },
    ...served.setups.map((s) => ({ module: s.module.name, file: s.module.file, hooks: asCalled(s, s.fn.hooks).map((j) => j.fact) })),
  ];
  return sources.flatMap(({ module, file, hooks }) =>
    hooks.flatMap((h) => shared(graph, module, h)).map(({ h, module, held }): Hook => {
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
      const fn = q === `${module}.${h.key}` && !held ? h.key : q;
      return { id: `${h.kind}:${fn}`, name: `${h.kind} hook ${fn}`, fact: h, file };
    }),
  );
}

/**
 * `on_startup=STARTUP`, `exception_handlers=HANDLERS` with the name imported: the hooks the shared
 * value holds, each qualified in the module defining it (a function defined there is that module's).
 * Any other hook as it is, in its own module.
 */
function shared(graph: AppGraph, module: string, h: HookFact): { h: HookFact; module: string; held: boolean }[] {
  const value = h.loop && h.via === 'constructor' && h.kind !== 'lifespan' ? sharedValue(graph, module, h.loop.iterable) : undefined;
  if (!value || value.value.middleware.length || value.value.dict !== (h.kind === 'exception_handler')) return [{ h, module, held: false }];
  const { loop: _, ...plain } = h;
  return value.value.names.map((key) => ({ h: { ...plain, key }, module: value.owner.name, held: true }));
}
