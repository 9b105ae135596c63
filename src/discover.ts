// Zero-config: a folder holding two or more Python files that each create a FastAPI/Starlette app
// at module level is an app (root = that folder, entry points = those files).
import type { AppSpec } from './graph/build.js';
import type { FactsStore } from './graph/facts-store.js';
import type { Snapshot } from './types.js';
import { cmp } from './util/compare.js';

const FACTORIES = ['FastAPI', 'Starlette'];

export async function discoverApps(snapshot: Snapshot, store: FactsStore): Promise<AppSpec[]> {
  const byFolder = new Map<string, string[]>();
  for (const { path } of snapshot.files()) {
    if (!path.endsWith('.py')) continue;
    // A cheap text pre-filter keeps discovery from parsing every file of a large repository;
    // tree-sitter then decides (a comment or string mentioning FastAPI( creates no app).
    const bytes = await snapshot.read(path);
    if (bytes === undefined || !FACTORIES.some((f) => bytes.includes(`${f}(`))) continue;
    const facts = await store.get(path, bytes);
    if (!facts?.apps.length) continue;
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '' : path.slice(0, slash);
    const list = byFolder.get(folder) ?? [];
    list.push(path.slice(slash + 1));
    byFolder.set(folder, list);
  }
  const specs: AppSpec[] = [];
  for (const [folder, files] of [...byFolder].sort(([a], [b]) => cmp(a, b))) {
    if (files.length < 2) continue;
    files.sort(entryOrder);
    // A Lambda handler beside the apps (handler.py wrapping lazy_app with Mangum) is an entry point too.
    for (const candidate of ['handler.py', 'lambda_handler.py', 'lambda_function.py']) {
      const p = folder ? `${folder}/${candidate}` : candidate;
      if (!files.includes(candidate) && snapshot.has(p)) {
        const facts = await store.get(p);
        if (facts?.adapters.length) files.push(candidate);
      }
    }
    specs.push({ name: folder || '.', root: folder, entrypoints: files });
  }
  return specs;
}

/** main.py first: it is the reference the other entry points are compared against. */
function entryOrder(a: string, b: string): number {
  const rank = (f: string) => (f === 'main.py' ? 0 : f === 'app.py' ? 1 : 2);
  return rank(a) - rank(b) || cmp(a, b);
}
