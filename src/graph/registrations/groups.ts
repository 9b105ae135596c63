// Which served apps of one graph are one app run two ways, and so compared by the PAR rules.
//
// Discovery and the config name entry points of one app (main.py beside lazy_app.py + handler.py):
// those are compared, unless discovery found them and two of them each include known routers and share none (two
// apps); the config's apps are always compared. A deploy definition adds each Lambda function's handler module; a
// package deployed as several functions (`Auth/main.handler`, `Like/main.handler`) often serves a
// different app per function: microservices that share a package, not drift. Two apps only deploy
// definitions name are therefore the same app only when they serve a router in common (the same
// router module included, or listed in a router map): then they are one app deployed two ways.
import type { AppGraph } from '../types.js';
import { routersOf } from './routers.js';
import { servedApps, type ServedApp } from './served.js';

const cache = new WeakMap<AppGraph, ServedApp[][]>();

/**
 * The groups of served apps to compare, each a list in servedApps' order: the apps discovery or the
 * config name, with every deploy-only app that shares a router with them (transitively); then each
 * set of deploy-only apps linked by shared routers. A pair of apps is in at most one group.
 */
export function parityGroups(graph: AppGraph): ServedApp[][] {
  let groups = cache.get(graph);
  if (!groups) cache.set(graph, (groups = group(graph)));
  return groups;
}

function group(graph: AppGraph): ServedApp[][] {
  const apps = servedApps(graph);
  if (apps.length < 2) return [apps];
  const deployOnly = apps.map((a) => a.entries.every((e) => e.deployOnly));
  const read = apps.map((a) => routersOf(graph, a));
  const routers = read.map((r) => new Set([...r.refs.map((x) => x.module), ...r.own]));
  const shares = (i: number, j: number) => [...routers[i]].some((m) => routers[j].has(m));
  // Two named apps that each include routers, all known, and none in common are two apps in one folder (apps/admin.py
  // and apps/message.py), not one app run two ways: an app whose routers are not all known, or with none, is compared.
  const known = read.map((r, i) => routers[i].size > 0 && !r.unknown && !r.unknownBy?.length);
  // An app the config names is one app by the user's word: always compared.
  // A lazy entry point (its routers only from a router map) beside an eager one (only imported routers) is the
  // lazy/eager pair of one app by design, whatever they share: a router swapped in one of them is drift.
  const lazy = read.map((r) => (r.refs.length && r.refs.every((x) => x.fromMap) ? 'lazy' : r.refs.some((x) => x.fromMap) ? 'mixed' : 'eager'));
  const pair = (i: number, j: number) => (lazy[i] === 'lazy' && lazy[j] === 'eager') || (lazy[i] === 'eager' && lazy[j] === 'lazy');
  // Two apps Lambda runs neither of (no adapter wraps them, no deployed function reaches their files, every function
  // checked: src/deploy/lambda-reach.ts) and that share no router are two local servers (eight agents in one folder,
  // each `uvicorn.run(app, port=500X)`, beside the function that serves app.main), not one app run two ways.
  const onLambda = apps.map((a) => !graph.lambdaFiles || a.adapters.length > 0 || a.entries.some((e) => e.deployOnly || graph.lambdaFiles!.has(e.file)) || graph.lambdaFiles.has(a.module.file));
  const separate = (i: number, j: number) => !graph.configured && !shares(i, j) && !pair(i, j) && ((known[i] && known[j]) || (!onLambda[i] && !onLambda[j]));
  // Union-find over the apps: the named apps are one set; a deploy-only app joins what it shares a router with.
  const parent = apps.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const join = (i: number, j: number) => {
    parent[find(i)] = find(j);
  };
  const named = apps.map((_, i) => i).filter((i) => !deployOnly[i]);
  for (const i of named) for (const j of named) if (i < j && !separate(i, j)) join(i, j);
  for (let i = 0; i < apps.length; i++) for (let j = i + 1; j < apps.length; j++) if ((deployOnly[i] || deployOnly[j]) && shares(i, j)) join(i, j);
  const byRoot = new Map<number, ServedApp[]>();
  apps.forEach((a, i) => {
    const list = byRoot.get(find(i)) ?? [];
    list.push(a);
    byRoot.set(find(i), list);
  });
  return [...byRoot.values()];
}

/**
 * --verbose lines for entry points discovery or the config names that parityGroups keeps apart (no router in
 * common): they are not compared, which the run says rather than reading as all clear.
 */
export function separateAppLines(graphs: AppGraph[]): string[] {
  const out: string[] = [];
  for (const graph of graphs) {
    const named = parityGroups(graph).filter((g) => g.some((a) => !a.entries.every((e) => e.deployOnly)));
    if (named.length < 2) continue;
    const labels = named.map((g) => g.map((a) => a.label).join(' + '));
    out.push(`${graph.name}: ${labels.join(', ')} include no router in common, or are apps Lambda runs neither of: checked as separate apps, their middleware, routers and hooks not compared with each other (PAR001-PAR005)\n`);
  }
  return out;
}
