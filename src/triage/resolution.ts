// triage's own reading of a failure, for when no static finding explains it: the module the log
// says Python could not find, resolved the way Python would under each app's deploy root (with the
// nearest spelling that does resolve), and a layer's /opt frame mapped back to the repository folder
// the layer is built from. Reads the graphs the static check built; runs nothing.
import type { AppGraph } from '../graph/types.js';
import { closeMatches } from '../util/similar.js';
import type { Failure } from './failures.js';

export interface ModuleResolution {
  /** The module as the log names it. */
  module: string;
  app: string;
  /** Where it was resolved: "Lambda's /var/task", "apps/api". */
  under: string;
  /**
   *  - local: the repository's package has it (the deployed package differs from the repository);
   *  - missing-local: the repository's own name, not found under the root;
   *  - dependency: a distribution the requirements declare (the package must ship it);
   *  - undeclared: neither the repository's nor declared by the requirements;
   *  - stdlib: a standard-library module (the runtime's Python lacks it, or a local module shadows it).
   */
  verdict: 'local' | 'missing-local' | 'dependency' | 'undeclared' | 'stdlib';
  /** The repository file, for `local`. */
  file?: string;
  /** The nearest name that resolves under the root ("did you mean"). */
  suggestion?: string;
}

const RANK: Record<ModuleResolution['verdict'], number> = { 'missing-local': 0, local: 1, dependency: 2, stdlib: 3, undeclared: 4 };

function resolveIn(graph: AppGraph, module: string): ModuleResolution {
  const base = { module, app: graph.name, under: graph.rootLabel };
  const r = graph.resolver;
  const hit = r.resolve(module);
  if (hit) return { ...base, verdict: 'local', ...(hit.kind !== 'namespace' ? { file: hit.file } : {}) };
  const suggestion = r.suggest(module) ?? respelt(graph, module);
  const c = r.classify(module);
  const verdict = c === 'unresolved-local' ? 'missing-local' : c === 'dependency' ? 'dependency' : c === 'stdlib' ? 'stdlib' : 'undeclared';
  return { ...base, verdict: suggestion && verdict === 'undeclared' ? 'missing-local' : verdict, ...(suggestion && suggestion !== module ? { suggestion } : {}) };
}

/**
 * A misspelt segment (`api.v1.provider`): at the first segment that does not resolve, the closest
 * name among the modules the graph holds there (difflib's ratio, as Python's own suggestions),
 * kept only when the whole respelt name resolves.
 */
function respelt(graph: AppGraph, module: string): string | undefined {
  const segs = module.split('.');
  let i = 0;
  while (i < segs.length && graph.resolver.resolve(segs.slice(0, i + 1).join('.'))) i++;
  if (i === segs.length) return undefined;
  const prefix = segs.slice(0, i).join('.');
  const siblings = new Set<string>();
  for (const name of graph.modules.keys()) {
    const parts = name.split('.');
    if (parts.length > i && parts.slice(0, i).join('.') === prefix) siblings.add(parts[i]);
  }
  const [best] = closeMatches(segs[i], siblings, 1);
  if (!best) return undefined;
  const cand = [...segs.slice(0, i), best, ...segs.slice(i + 1)].join('.');
  return graph.resolver.resolve(cand) ? cand : undefined;
}

/**
 * The module a failure names (No module named '…'), resolved in every app checked; the most telling
 * answer wins (a name of the repository's that is missing, with a spelling that resolves, then one
 * that exists, then a dependency).
 */
export function resolveFailureModule(f: Failure, graphs: readonly AppGraph[]): ModuleResolution | undefined {
  if (!f.module || f.name || !(f.kind === 'module-not-found' || f.kind === 'import-module')) return undefined;
  const answers = graphs.map((g) => resolveIn(g, f.module!));
  answers.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || Number(!a.suggestion) - Number(!b.suggestion));
  return answers[0];
}

/**
 * A frame in a layer (`/opt/python/shared/db.py`, `/opt/python/lib/python3.12/site-packages/x.py`)
 * as a repository file: each layer folder on an app's search path is what unpacks under /opt, so
 * the path after its `python` segment is the path after /opt/python.
 */
export function layerFrameSource(frameFile: string, graphs: readonly AppGraph[], exists: (file: string) => boolean): string | undefined {
  if (!frameFile.startsWith('/opt/')) return undefined;
  for (const g of graphs) {
    for (const dir of g.resolver.searchPath) {
      const parts = dir.split('/');
      const at = parts.lastIndexOf('python');
      if (at < 0) continue;
      // `layers/shared/python/lib/python3.12/site-packages` unpacks as /opt/python/lib/python3.12/site-packages.
      const opt = `/opt/${parts.slice(at).join('/')}/`;
      if (!frameFile.startsWith(opt)) continue;
      const src = `${dir}/${frameFile.slice(opt.length)}`;
      if (exists(src)) return src;
    }
  }
  return undefined;
}
