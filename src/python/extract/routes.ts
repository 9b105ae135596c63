// The path operations a module declares on its routers at its top: `@router.get("/users/{id}")`,
// `@router.api_route("/x", methods=["GET", "POST"])`, `router.add_api_route("/x", fn)`, and the
// literal prefix a router is made with (`router = APIRouter(prefix="/users")`). Two routers an app
// includes that both match one request are served by the first included (Starlette tries routes in
// order): the graph compares that order between entry points (src/rules/shared/include-order.ts).
// Read from the file's call index: no walk of its own.
import type { RouteFact, RouterPrefixFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'trace'];

export function routes(idx: FileIndex): { routes?: RouteFact[]; routesUnread?: string[]; routerPrefixes?: RouterPrefixFact[] } {
  if (!idx.mentions(['APIRouter', 'FastAPI', 'Starlette'])) return {};
  const out: RouteFact[] = [];
  // Routers with a route whose path or methods are not literals: their order cannot be judged.
  const unread = new Set<string>();
  for (const method of [...VERBS, 'api_route', 'add_api_route']) {
    for (const { call, attribute } of idx.callsNamed(method)) {
      if (!attribute || contextOf(call).scope !== 'module') continue;
      const decorator = call.parent?.type === 'decorator';
      if (decorator !== (method !== 'add_api_route')) continue;
      const fn = field(call, 'function');
      const router = fn && field(fn, 'object');
      if (router?.type !== 'identifier') continue;
      const a = splitArgs(field(call, 'arguments'));
      const path = plainString(a.positional[0] ?? a.keywords.get('path'));
      const methods = VERBS.includes(method) ? [method.toUpperCase()] : methodsOf(a.keywords.get('methods'));
      if (path !== undefined && methods) out.push({ router: router.text, methods, path, ...spanOf(call) });
      else unread.add(router.text);
    }
  }
  const prefixes = routerPrefixes(idx);
  return { ...(out.length ? { routes: out } : {}), ...(unread.size ? { routesUnread: [...unread] } : {}), ...(prefixes.length ? { routerPrefixes: prefixes } : {}) };
}

/** `methods=["GET", "POST"]` as upper-case names; absent: GET (FastAPI's default); not a literal list: undefined. */
function methodsOf(n: Node | undefined): string[] | undefined {
  if (!n) return ['GET'];
  if (n.type !== 'list' && n.type !== 'tuple' && n.type !== 'set') return undefined;
  const out: string[] = [];
  for (const e of named(n)) {
    const v = plainString(e);
    if (v === undefined) return undefined;
    out.push(v.toUpperCase());
  }
  return out;
}

/** `router = APIRouter(...)` at module level: its prefix= as a literal (`""` without one), null when not one. */
function routerPrefixes(idx: FileIndex): RouterPrefixFact[] {
  const out: RouterPrefixFact[] = [];
  for (const { call } of idx.callsNamed('APIRouter')) {
    const assign = call.parent;
    if (assign?.type !== 'assignment' || contextOf(call).scope !== 'module') continue;
    const left = field(assign, 'left');
    if (left?.type !== 'identifier') continue;
    const p = splitArgs(field(call, 'arguments')).keywords.get('prefix');
    out.push({ router: left.text, prefix: p ? (plainString(p) ?? null) : '', ...spanOf(call) });
  }
  return out;
}
