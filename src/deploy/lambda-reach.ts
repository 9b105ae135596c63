// Which files Lambda may run: the modules each deployed function's handler module imports (lazily too), across every
// deployed app. A discovered app none of whose files a function reaches is not run on Lambda (eight agent servers
// beside a function serving app.main): parityGroups does not compare two such apps that share no router. When some
// function is not checked (its package or handler not known), any file may be run, and nothing is marked.
import type { AppGraph } from '../graph/types.js';
import { deployedGraphs } from '../graph/types.js';

export function markLambdaReach(apps: AppGraph[], notCheckedFunctions: number): void {
  const deployed = deployedGraphs(apps);
  const fns = deployed.flatMap((g) => g.deploy.functions.map((f) => ({ g, entry: f.entryModule })));
  if (notCheckedFunctions > 0 || !fns.length || fns.some((f) => f.entry === undefined)) return;
  const files = new Set<string>();
  for (const { g, entry } of fns) {
    for (const m of g.fullClosure(entry!)) {
      const node = g.modules.get(m);
      if (node) files.add(node.file);
    }
  }
  for (const g of apps) g.lambdaFiles = files;
}
