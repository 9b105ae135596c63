// What a served app mounts (`app.mount("/v1", v1_app)`, `app.mount("/static", StaticFiles(...))`), in its module
// and in the set-up functions it is handed to. Starlette serves every request under the mount's path from the
// mounted application, which has its own middleware and routes: they are the sub-app's, never the parent's (a
// sub-app is another app object, so its registrations are never read as the parent's).
import type { MountFact } from '../../types.js';
import { qualify, shortName } from '../symbols.js';
import type { AppGraph } from '../types.js';
import { asCalled } from './arguments.js';
import type { ServedApp } from './served.js';

export interface Mount {
  /** The path as written (`/v1`); null when it is not a literal. */
  path: string | null;
  /** What is mounted, as an identity: the qualified app (`api.v1.app`), or a call with its callee qualified (`starlette.staticfiles.StaticFiles(directory="static")`). */
  id: string;
  /** What people call it: `v1_app`, `StaticFiles(directory="static")`. */
  name: string;
  fact: MountFact;
  file: string;
  conditional: boolean;
}

export function mountsOf(graph: AppGraph, served: ServedApp): Mount[] {
  const sources = [
    { module: served.module, facts: (served.module.facts.mounts ?? []).filter((m) => m.app === served.app.variable) },
    ...served.setups.map((s) => ({ module: s.module, facts: asCalled(s, s.fn.mounts ?? []).map((j) => j.fact) })),
  ];
  return sources.flatMap(({ module, facts }) =>
    facts.map((m) => {
      const id = m.call ? `${qualify(graph, module.name, m.call)}${m.target.slice(m.call.length)}` : /^[A-Za-z_][\w.]*$/.test(m.target) ? qualify(graph, module.name, m.target) : m.target;
      return { path: m.path, id, name: m.call ? m.target : shortName(m.target), fact: m, file: module.file, conditional: m.conditional };
    }),
  );
}
