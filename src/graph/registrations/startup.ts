// Which lifecycle hooks of a served app run without the ASGI lifespan: a handler in front of
// `Mangum(app, lifespan="off")` often runs the startup itself, at import or per invocation
// (`asyncio.run(app.router.startup())`, `loop.run_until_complete(connect_db())`, or the connect
// call the hook would make). Read in the app's module and in its entry points (handler.py).
import type { StartupRunFact } from '../../types.js';
import { qualify } from '../symbols.js';
import type { AppGraph, ModuleNode } from '../types.js';
import type { Hook } from './hooks.js';
import type { ServedApp } from './served.js';

export interface HookRun {
  file: string;
  fact: StartupRunFact;
}

interface QualifiedRun extends HookRun {
  /** What the run's target is bound to: the app (router kind) or the function called. */
  target: string;
}

/** The runs of the served app's modules, their targets qualified where they are written. */
function runsOf(graph: AppGraph, served: ServedApp): QualifiedRun[] {
  const modules = new Map<string, ModuleNode>([[served.module.name, served.module]]);
  for (const e of served.entries) {
    const node = graph.modules.get(e.module);
    if (node) modules.set(node.name, node);
  }
  return [...modules.values()].flatMap((m) => (m.facts.startupRuns ?? []).map((fact) => ({ file: m.file, fact, target: qualify(graph, m.name, fact.target) })));
}

/**
 * For each hook, the call that runs it outside the lifespan, if any: the app's router startup or
 * shutdown (every hook of that event), a call of the hook function itself, or, for a hook defined
 * with a decorator, calls of everything its body calls (the handler does the hook's work).
 */
export function hooksRunOutsideLifespan(graph: AppGraph, served: ServedApp, hooks: Hook[]): Map<Hook, HookRun> {
  const out = new Map<Hook, HookRun>();
  const runs = runsOf(graph, served);
  if (!runs.length) return out;
  const moduleOf = (file: string) => [...graph.modules.values()].find((m) => m.file === file)?.name;
  for (const hook of hooks) {
    const { kind } = hook.fact;
    if (kind !== 'startup' && kind !== 'shutdown') continue;
    const router = runs.find((r) => r.fact.kind === 'router' && r.fact.event === kind && r.target === served.id);
    const module = moduleOf(hook.file);
    const fn = module ? qualify(graph, module, hook.fact.key) : undefined;
    const direct = runs.find((r) => r.fact.kind === 'call' && r.target === fn);
    const calls = module && hook.fact.calls?.length ? hook.fact.calls.map((c) => qualify(graph, module, c)) : [];
    const work = calls.length ? calls.map((c) => runs.find((r) => r.fact.kind === 'call' && r.target === c)) : [];
    const all = work.length && work.every((w) => w !== undefined) ? work[0] : undefined;
    const run = router ?? direct ?? all;
    if (run) out.set(hook, { file: run.file, fact: run.fact });
  }
  return out;
}
