// First pass of the app family: the app and adapter constructors (`app = FastAPI(...)`,
// `handler = Mangum(app)`), app factories (`def create_app(): app = FastAPI(...)`), and what a
// constructor registers through its keywords (middleware=[...], lifespan, on_startup, exception_handlers).
import type { AppFact, HookFact, UnreadKeyword } from '../../../types.js';
import { nodeSpan as spanOf } from '../../../util/span.js';
import { isAdapter } from '../../app-classes.js';
import type { Match } from '../../queries.js';
import { contextOf, type Context } from '../context.js';
import { argFacts, enclosingFunction, field, kwargsText, lastSegment, parameterNames, same, splitArgs, statementOf, type Node } from '../nodes.js';
import { heldEntries } from './held.js';
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
    const app: AppFact = bucket === state.module ? { variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) } : setups.get(enclosingFunction(assign)!.id)!.creates!;
    if (bucket === state.module) {
      appVars.add(variable.text);
      apps.push(app);
    }
    const unread = constructorKeywords(state, bucket, variable.text, assign, args, ctx);
    if (unread.length) app.unread = unread;
  }
}

/**
 * What an app constructor registers through its keywords, into the bucket of its app: written in
 * place or held in a variable (held.ts). Returns the keywords whose value could not be read.
 */
function constructorKeywords(state: AppState, bucket: Bucket, app: string, assign: Node, args: Node | null, ctx: Context): UnreadKeyword[] {
  const stmt = statementOf(assign);
  const { keywords } = splitArgs(args);
  const unread: UnreadKeyword[] = [];
  const held = (kw: string, dict: boolean) => {
    const value = keywords.get(kw);
    if (!value || value.type === 'none') return { entries: [], imported: [] as string[] };
    const h = heldEntries(state.idx, value, assign, dict);
    if (h.unread !== undefined) unread.push({ keyword: kw, text: h.unread, ...spanOf(value) });
    return h;
  };
  const mws = held('middleware', false);
  mws.imported.forEach((name, i) =>
    bucket.mws.push({
      at: stmt.startIndex,
      sub: mws.entries.length + i,
      fact: { app, className: name, kind: 'constructor', loop: { iterable: name, index: 0 }, args: [], conditional: ctx.inBlock, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(keywords.get('middleware')!) },
    }),
  );
  mws.entries.forEach((el, i) => {
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
  // An imported list or dict (`on_startup=STARTUP`, `exception_handlers=HANDLERS`) is one hook keyed
  // by its name, as a loop over it is: what the name qualifies to is compared.
  const hook = (n: Node, kind: HookFact['kind'], key: string, imported = false) =>
    bucket.hooks.push({ at: n.startIndex, fact: { app, kind, key, via: 'constructor', conditional: ctx.inBlock, ...(imported ? { loop: { iterable: key, index: 0 } } : {}), ...spanOf(n) } });
  const lifespan = keywords.get('lifespan');
  if (lifespan && lifespan.type !== 'none') hook(lifespan, 'lifespan', lifespan.text);
  for (const [kw, kind] of [['on_startup', 'startup'], ['on_shutdown', 'shutdown']] as const) {
    const list = held(kw, false);
    for (const el of list.entries) hook(el, kind, el.text);
    for (const name of list.imported) hook(keywords.get(kw)!, kind, name, true);
  }
  const handlers = held('exception_handlers', true);
  // A literal pair is placed at the pair (as before); a key reached through a name at the key.
  for (const k of handlers.entries) hook(k.parent?.type === 'pair' && same(field(k.parent, 'key'), k) ? k.parent : k, 'exception_handler', k.text);
  for (const name of handlers.imported) hook(keywords.get('exception_handlers')!, 'exception_handler', name, true);
  return unread;
}
