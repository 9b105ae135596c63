// What a served app mounts (`app.mount("/v1", v1_app)`, `app.mount("/static", StaticFiles(...))`), in its module
// and in the set-up functions it is handed to. Starlette serves every request under the mount's path from the
// mounted application, which has its own middleware and routes: they are the sub-app's, never the parent's (a
// sub-app is another app object, so its registrations are never read as the parent's).
import type { MountFact } from '../../types.js';
import { qualify, shortName } from '../symbols.js';
import type { AppGraph } from '../types.js';
import { argumentsByParameter, asCalled } from './arguments.js';
import type { ServedApp, SetupCall } from './served.js';
import type { ModuleNode } from '../types.js';

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
  /** What is mounted depends on a set-up function's argument that cannot be read: not compared by identity. */
  idUnknown?: boolean;
}

export function mountsOf(graph: AppGraph, served: ServedApp): Mount[] {
  const own = (served.module.facts.mounts ?? []).filter((m) => m.app === served.app.variable).map((m) => mountOf(graph, served.module, m));
  const given = served.setups.flatMap((s) => asCalled(s, s.fn.mounts ?? []).map((j) => givenMount(graph, s, j.fact)));
  return [...own, ...given];
}

function mountOf(graph: AppGraph, module: ModuleNode, m: MountFact): Mount {
  const id = m.call ? `${qualify(graph, module.name, m.call)}${m.target.slice(m.call.length)}` : /^[A-Za-z_][\w.]*$/.test(m.target) ? qualify(graph, module.name, m.target) : m.target;
  return { path: m.path, id, name: m.call ? m.target : shortName(m.target), fact: m, file: module.file, conditional: m.conditional };
}

const DOTTED = /^[A-Za-z_][\w.]*$/;

/**
 * A mount in a set-up function as one call makes it: a path given by a parameter
 * (`mount_static_files(app, "/static", directory="static")`) is the call's literal or the default,
 * and the mount is placed at the call; a target given whole (`mount(app, "/v1", v1_app)`) is the
 * caller's name. A target that reads any other parameter cannot be named (`idUnknown`).
 */
function givenMount(graph: AppGraph, s: SetupCall, m: MountFact): Mount {
  const base = mountOf(graph, s.module, m);
  if (!m.pathParam && !m.targetParams) return base;
  const bound = argumentsByParameter(s.fn, s.call?.args ?? []);
  let path = m.path;
  if (m.pathParam) {
    const arg = bound?.get(m.pathParam);
    const literal = bound === undefined ? undefined : arg ? arg.literal : s.fn.defaults?.[m.pathParam];
    path = literal?.startsWith('"') ? (JSON.parse(literal) as string) : null;
  }
  let { id, name } = base;
  let idUnknown = false;
  if (m.targetParams) {
    const given = m.targetParams.length === 1 && m.targetParams[0] === m.target ? bound?.get(m.target)?.text : undefined;
    if (given !== undefined && DOTTED.test(given) && s.caller) [id, name] = [qualify(graph, s.caller.name, given), shortName(given)];
    else idUnknown = true;
  }
  const placed = s.caller && s.at ? { file: s.caller.file, fact: { ...m, line: s.at.line, column: s.at.column, endLine: s.at.endLine, endColumn: s.at.endColumn } } : { file: base.file, fact: m };
  return { ...base, ...placed, path, id, name, ...(idUnknown ? { idUnknown } : {}) };
}
