// First pass of the app family: the app and adapter constructors (`app = FastAPI(...)`,
// `handler = Mangum(app)`), app factories (`def create_app(): app = FastAPI(...)`), and what a
// constructor registers through its keywords (middleware=[...], lifespan, on_startup, exception_handlers).
import type { AppFact, HookFact } from '../../../types.js';
import { nodeSpan as spanOf } from '../../../util/span.js';
import { isAdapter } from '../../app-classes.js';
import type { Match } from '../../queries.js';
import { contextOf, type Context } from '../context.js';
import { argFacts, enclosingFunction, field, kwargsText, lastSegment, named, parameterNames, same, splitArgs, statementOf, type Node } from '../nodes.js';
import { newBucket, type AppState, type Bucket } from './state.js';

export function readConstructors(state: AppState, matches: readonly Match[]): void {
  const { apps, adapters, setups, appVars } = state;
  for (const { captures } of matches) {
    const assign = captures.get('factory');
    const variable = captures.get('variable');
    const callee = captures.get('callee');
    const args = captures.get('args') ?? null;
    if (!assign || !variable || !callee) continue;
    const ctx = contextOf(assign);
    const factory = captures.get('appClass')!.text;
    let bucket = state.module;
    if (ctx.scope === 'function') {
      // An app factory: `def create_app(): app = FastAPI(...)` in a module-level function.
      const fn = enclosingFunction(assign);
      if (isAdapter(factory) || !fn || contextOf(fn).scope !== 'module' || setups.has(fn.id)) continue;
      const created: AppFact = { variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) };
      const setup = { fn, params: parameterNames(fn), appParam: variable.text, creates: created, bucket: newBucket(), handedTo: [] };
      setups.set(fn.id, setup);
      bucket = setup.bucket;
    } else if (ctx.scope !== 'module') continue;
    if (isAdapter(factory)) {
      const target = splitArgs(args).positional[0];
      adapters.push({ variable: variable.text, factory: callee.text, ...(target ? { target: target.text } : {}), kwargs: kwargsText(args), ...spanOf(assign) });
      continue;
    }
    if (bucket === state.module) {
      appVars.add(variable.text);
      apps.push({ variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) });
    }
    constructorKeywords(bucket, variable.text, assign, args, ctx);
  }
}

/** What an app constructor registers through its keywords, into the bucket of its app. */
function constructorKeywords(bucket: Bucket, app: string, assign: Node, args: Node | null, ctx: Context): void {
  const stmt = statementOf(assign);
  const { keywords } = splitArgs(args);
  const mwList = keywords.get('middleware');
  if (mwList && (mwList.type === 'list' || mwList.type === 'tuple')) {
    named(mwList).forEach((el, i) => {
      if (el.type !== 'call' || lastSegment(field(el, 'function')?.text ?? '') !== 'Middleware') return;
      const a = splitArgs(field(el, 'arguments'));
      const cls = a.positional[0];
      if (!cls) return;
      bucket.mws.push({
        at: stmt.startIndex,
        sub: i,
        fact: { app, className: cls.text, kind: 'constructor', args: argFacts(a.all.filter((x) => !same(x, cls))), conditional: ctx.inBlock, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(el) },
      });
    });
  }
  const hook = (n: Node, kind: HookFact['kind'], key: string) =>
    bucket.hooks.push({ at: n.startIndex, fact: { app, kind, key, via: 'constructor', conditional: ctx.inBlock, ...spanOf(n) } });
  const lifespan = keywords.get('lifespan');
  if (lifespan && lifespan.type !== 'none') hook(lifespan, 'lifespan', lifespan.text);
  for (const [kw, kind] of [['on_startup', 'startup'], ['on_shutdown', 'shutdown']] as const) {
    const list = keywords.get(kw);
    if (list && (list.type === 'list' || list.type === 'tuple')) for (const el of named(list)) hook(el, kind, el.text);
  }
  const handlers = keywords.get('exception_handlers');
  if (handlers?.type === 'dictionary')
    for (const pair of named(handlers)) {
      const k = field(pair, 'key');
      if (pair.type === 'pair' && k) hook(pair, 'exception_handler', k.text);
    }
}
