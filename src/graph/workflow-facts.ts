// The servers GitHub workflows start (src/sources/workflow-servers.ts), as module-path strings of the app they import
// (issue #15, misses item 3; the same path as a Procfile's, library-files.ts): MOD001 for the module part, MOD002
// for the attribute, placed at the app string in the workflow.
//
// Which app a start belongs to: every graph built over the checked folder's own files whose root is the folder the
// server imports from (the step's folder, or its --app-dir / --chdir). That root is sys.path[0] of the CI process,
// as /var/task is Lambda's, so the graph's resolver answers as Python would there; $PYTHONPATH and `python -m`'s
// folder are further entries (ModulePathFact.searchPath). A graph of a simulated package (a zip's or an image's
// files) has no workflow files in its snapshot, and the CI job does not run from the package: nothing attaches.
// A start no graph takes, or whose folder, $PYTHONPATH or app is not known, is named as not checked in every
// output (rules/shared/workflow-notes.ts), never judged.
import type { ModulePathFact, Snapshot } from '../types.js';
import type { Resolver } from '../python/resolve.js';
import { contextFromPaths } from '../sources/index.js';
import { workflowsSource } from '../sources/workflows.js';
import { library, startId, workflowServerStarts, type WorkflowStart } from '../sources/workflow-servers.js';
import { serverAppFact } from './library-files.js';
import { resolverWith } from './sys-path.js';

const MEMO = new WeakMap<Snapshot, Promise<WorkflowStart[]>>();
// A workflow that names no server is not simulated a second time (workflows.ts reads it for the deploy).
const NAMES_SERVER = /\b(uvicorn|gunicorn|hypercorn)\b/;

/** Every server start of the snapshot's workflows (read once per snapshot). */
export function workflowStarts(snapshot: Snapshot): Promise<WorkflowStart[]> {
  let p = MEMO.get(snapshot);
  if (!p) MEMO.set(snapshot, (p = readStarts(snapshot)));
  return p;
}

async function readStarts(snapshot: Snapshot): Promise<WorkflowStart[]> {
  const all = snapshot.files().map((f) => f.path);
  const files = all.filter((p) => workflowsSource.matches(p));
  if (!files.length) return [];
  const texts = await Promise.all(files.map((p) => snapshot.readText(p)));
  const out: WorkflowStart[] = [];
  let ctx: ReturnType<typeof contextFromPaths> | undefined;
  files.forEach((p, i) => {
    const text = texts[i];
    if (text === undefined || !NAMES_SERVER.test(text)) return;
    ctx ??= contextFromPaths(all, snapshot.links ?? new Map());
    out.push(...workflowServerStarts(p, text, ctx));
  });
  return out;
}


/**
 * The module-path facts of the starts whose import root is this resolver's root. A start whose module is not found
 * there while the job installed the project earlier is not taken (site-packages may hold it): it stays not checked.
 */
export function workflowModulePaths(starts: readonly WorkflowStart[], resolver: Resolver): { facts: ModulePathFact[]; attached: string[] } {
  const facts: ModulePathFact[] = [];
  const attached: string[] = [];
  for (const s of starts) {
    if (s.why || !s.app || s.root !== resolver.root) continue;
    const module = s.app.value.split(':')[0];
    const searchPath = s.searchPath ?? [];
    if (s.installed && !resolverWith(resolver, searchPath).resolve(module)) continue;
    attached.push(startId(s));
    facts.push(
      serverAppFact(s.app.value, s.app.loc, s.server, library(s), {
        ...(searchPath.length ? { searchPath } : {}),
        rootLabel: `the folder workflow job ${s.job} starts ${s.server} from${searchPath.length ? `, then $PYTHONPATH ${searchPath.map((d) => d || '.').join(', ')}` : ''}`,
      }),
    );
  }
  return { facts, attached };
}
