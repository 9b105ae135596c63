// --verbose lines for apps handed to a function that could not be read: PAR rules never say such an
// app lacks a registration, so the run says which call made it unknown rather than reading as all clear.
import type { AppGraph } from '../types.js';
import { routersOf } from './routers.js';
import { servedApps } from './served.js';

export function opaqueAppLines(graphs: AppGraph[]): string[] {
  const out: string[] = [];
  for (const graph of graphs)
    for (const app of servedApps(graph)) {
      if (app.opaque)
        out.push(`${graph.name}: ${app.label}'s app is handed to ${(app.opaqueBy ?? []).join(', ') || 'a function'} that could not be read: it may register anything, so no middleware, router or hook is said to be missing from it (PAR001, PAR003, PAR005)`);
      // A router argument that names no module (a loop over a list built at run time, a factory call).
      else {
        const by = routersOf(graph, app).unknownBy;
        if (by) out.push(`${graph.name}: ${app.label}'s routers are not all known (${by.join(', ')}): no router is said to be missing from it (PAR003)`);
      }
    }
  return out;
}
