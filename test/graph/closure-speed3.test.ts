// The closures the PAR rules ask for were made cheaper (#20 item 4, topic speed3): PAR004 asks which
// lazily loaded modules reach a model module through one walk back from it (modulesReaching), and
// each eager closure reuses the qualified top-level callees of every module (one list per graph).
// Both must give what the plain walks gave: this test builds the graph of every fixture repository
// and golden case (the factory, set-up, handoff and lazy-map cases among them) and of the bench's
// 300-file app, and compares, for every module of every graph, the eager closure with the walk as
// it was written before and modulesReaching with the full closures.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFiles } from '../../bench/generate.mjs';
import { modulesReaching } from '../../src/graph/closure.js';
import { qualify } from '../../src/graph/symbols.js';
import type { AppGraph, ImportEdge, ModuleNode } from '../../src/graph/types.js';
import { RULES } from '../../src/rules/index.js';
import { run } from '../../src/run.js';
import { REPO, tempDir, writeTree } from '../helpers.js';
import { goldenCases } from '../rules/tester.js';

const runs = (e: ImportEdge): boolean => e.guard !== 'type-checking' && e.guard !== 'main';

// The eager closure as closure.ts computed it before the change (qualify at every visit). A copy of the old walk
// on purpose: it is the reference the faster one is held against, so it must not be folded into closure.ts.
function topCalls(node: ModuleNode): string[] {
  const f = node.facts;
  return [
    ...f.factoryCalls.flatMap((c) => [c.callee, ...c.handedTo.map((h) => h.callee)]),
    ...f.apps.flatMap((a) => a.handedTo.map((h) => h.callee)),
    ...(f.importedReceivers ?? []).flatMap((r) => r.handedTo.map((h) => h.callee)),
  ];
}

function eagerBefore(graph: AppGraph, outgoing: Map<string, ImportEdge[]>, entry: string): Set<string> {
  const out = new Set<string>([entry]);
  const todo = [entry];
  const called = new Set<string>();
  const byOwner = new Map<string, string[]>();
  const add = (m: string) => {
    if (!out.has(m)) {
      out.add(m);
      todo.push(m);
    }
  };
  const enter = (owner: string, fn: string) => {
    for (const e of outgoing.get(owner) ?? []) if (e.scope === 'function' && e.inFunction === fn && runs(e)) add(e.to);
    const setup = graph.modules.get(owner)?.facts.setupFunctions.find((s) => s.name === fn);
    for (const h of setup?.handedTo ?? []) call(qualify(graph, owner, h.callee));
  };
  const call = (q: string) => {
    if (called.has(q)) return;
    called.add(q);
    const dot = q.lastIndexOf('.');
    if (dot <= 0) return;
    const [owner, fn] = [q.slice(0, dot), q.slice(dot + 1)];
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), fn]);
    if (out.has(owner)) enter(owner, fn);
  };
  while (todo.length) {
    const m = todo.pop()!;
    for (const e of outgoing.get(m) ?? []) if (e.scope === 'module' && runs(e)) add(e.to);
    for (const fn of byOwner.get(m) ?? []) enter(m, fn);
    const node = graph.modules.get(m);
    for (const callee of node ? topCalls(node) : []) call(qualify(graph, m, callee));
  }
  return out;
}

let CASES = '';
beforeAll(async () => {
  CASES = tempDir('pc-closure-');
  for (const c of await goldenCases(RULES.map((r) => r.code))) writeTree(c.files, path.join(CASES, 'truth', c.name));
  writeTree(generateFiles(300).out, path.join(CASES, 'bench'));
});
afterAll(() => fs.rmSync(CASES, { recursive: true, force: true }));

function repositories(): string[] {
  const out = [path.join(REPO, 'examples', 'incident'), path.join(REPO, 'examples', 'fixed'), path.join(CASES, 'bench')];
  for (const dir of [path.join(REPO, 'test', 'fixtures', 'deploy'), path.join(REPO, 'test', 'fixtures', 'deploy-apps'), path.join(CASES, 'truth')])
    for (const name of fs.readdirSync(dir).sort()) if (fs.statSync(path.join(dir, name)).isDirectory()) out.push(path.join(dir, name));
  return out;
}

describe('closures asked for by the PAR rules (speed3)', () => {
  it('eager closures and modulesReaching agree with the plain walks on every fixture graph', async () => {
    let graphs = 0;
    let lazyTargets = 0;
    let calls = 0;
    for (const dir of repositories()) {
      const result = await run({ base: dir, staged: false });
      for (const graph of result.apps) {
        graphs++;
        const outgoing = new Map<string, ImportEdge[]>();
        for (const e of graph.edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
        const names = [...graph.modules.keys()].sort();
        for (const m of names) {
          expect([...graph.eagerClosure(m)].sort(), `${dir}: eager closure of ${m}`).toEqual([...eagerBefore(graph, outgoing, m)].sort());
          if (topCalls(graph.modules.get(m)!).length) calls++;
        }
        const targets = [...new Set(graph.edges.filter((e) => e.lazy).map((e) => e.to))];
        lazyTargets += targets.length;
        for (const name of names) {
          const reaching = modulesReaching(graph, name);
          for (const x of [...names, ...targets]) expect(reaching.has(x), `${dir}: ${x} reaches ${name}`).toBe(graph.fullClosure(x).has(name));
        }
      }
    }
    // The comparison covered graphs with lazy loaders and with calls at a module's top.
    expect(graphs).toBeGreaterThan(100);
    expect(lazyTargets).toBeGreaterThan(200);
    expect(calls).toBeGreaterThan(10);
  }, 600_000);
});
