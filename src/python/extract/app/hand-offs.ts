// Third pass of the app family: hand-offs, calls that give an app to another function
// (`configure(app)`), at module level for the module's apps and factory-call variables, or inside a
// module-level function for that function's app (its parameter, or the app a factory creates). The
// function called may register more (see the graph).
import type { ConditionTest, FactoryCallFact, HandOff } from '../../../types.js';
import { ADAPTER_CLASSES } from '../../app-classes.js';
import { nodeSpan as spanOf } from '../../../util/span.js';
import { contextOf } from '../context.js';
import { enclosingFunction, field, lastSegment, named, parameterNames, same, splitArgs, type Node } from '../nodes.js';
import { setupOf, type AppState } from './state.js';
import { callArguments, conditionOf } from './arguments.js';
import { underCondition } from './conditional.js';

/** Calls that take the app and register nothing on it: servers, adapters, builtins. */
const NOT_CONFIGURING = new Set([...ADAPTER_CLASSES, 'run', 'serve', 'TestClient', 'print', 'isinstance', 'id', 'repr', 'str', 'type', 'len', 'getattr', 'hasattr', 'vars', 'dir']);

/** The app's own methods that register what they are given (read by the registrations pass). */
const REGISTERING = new Set(['add_middleware', 'include_router', 'add_exception_handler', 'add_event_handler', 'mount', 'add_api_route', 'add_route', 'add_api_websocket_route', 'add_websocket_route', 'middleware', 'exception_handler', 'on_event']);

/**
 * Adds the hand-offs of the module's apps and set-up functions to their facts (which the app family
 * owns), and returns those of the factory calls, by the factory call's index: the factory-call facts
 * belong to their own family, and the caller combines the two.
 */
export function readHandOffs(state: AppState, factoryCalls: readonly FactoryCallFact[]): HandOff[][] {
  const toFactoryCall: HandOff[][] = factoryCalls.map(() => []);
  const { apps, setups } = state;
  const receivers = new Set([...state.appVars, ...state.factoryVars]);
  for (const call of state.idx.allCalls()) {
    const fn = field(call, 'function');
    const fnText = fn?.text ?? '';
    if (!fn || NOT_CONFIGURING.has(lastSegment(fnText))) continue;
    const ctx = contextOf(call);
    let listFor: (name: string) => HandOff[] | undefined;
    let own: (name: string) => boolean;
    if (ctx.scope === 'module') {
      // An imported name only as a call statement (`setup_routes(app)`): not every call an imported value is passed to.
      // A decorator applied as a call (`app.middleware("http")(add_timing)`) registers, it does not hand on.
      const statement = isStatement(call) && fn.type !== 'call';
      own = (name) => receivers.has(name) || (statement && state.importedVars?.has(name) === true);
      listFor = (name) => {
        const app = apps.find((x) => x.variable === name);
        if (app) return app.handedTo;
        const i = factoryCalls.findIndex((x) => x.variable === name);
        if (i >= 0) return toFactoryCall[i];
        return statement ? importedList(state, name) : undefined;
      };
    } else if (ctx.scope === 'function') {
      const encl = enclosingFunction(call);
      if (!encl || contextOf(encl).scope !== 'module') continue;
      const params = parameterNames(encl);
      own = (name) => setups.get(encl.id)?.appParam === name || (!setups.has(encl.id) && params.includes(name));
      listFor = (name) => {
        const setup = setups.get(encl.id) ?? (params.includes(name) ? setupOf(state, encl, params, name) : undefined);
        return setup?.appParam === name ? setup.handedTo : undefined;
      };
    } else continue;
    // `app.add_middleware(...)` is a registration, not a hand-off.
    // On an imported name (`from app.core import app`), only the registration methods: `lazy_setup.setup(app)` hands on.
    const object = fn.type === 'attribute' ? (field(fn, 'object')?.text ?? '') : undefined;
    const registers = ctx.scope === 'function' ? own : (name: string) => receivers.has(name) || (own(name) && REGISTERING.has(lastSegment(fnText)));
    if (object !== undefined && registers(object)) {
      // A route or mount on a set-up function's app (`@app.get("/x")` inside it): it has routes of its own.
      // Only as a decorator or a call statement of the adding methods: `config.get("key")` is no route.
      const method = lastSegment(fnText);
      const route = call.parent?.type === 'decorator' ? ROUTES.has(method) : call.parent?.type === 'expression_statement' && ADDS_ROUTE.has(method);
      if (ctx.scope === 'function' && route) markRoutes(state, call, object);
      continue;
    }
    // Where the call may not run: at module level under a block, in a function under its tests.
    const encl = ctx.scope === 'function' ? enclosingFunction(call) : null;
    const conditional = underCondition(call, encl);
    const when = conditional && encl ? conditionOf(call, encl) : undefined;
    handOffsOf(call, fnText, own, listFor, { conditional, ...(when ? { when } : {}) });
  }
  return toFactoryCall;
}

/**
 * A call made for its effect: a call statement, or a branch of one that decides like an if
 * (`setup(app) if cond else None`, `cond and setup(app)`), in parentheses or not.
 */
function isStatement(call: Node): boolean {
  let n = call;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'expression_statement') return true;
    if (p.type === 'parenthesized_expression') continue;
    if (p.type === 'conditional_expression' && !same(named(p)[1], n)) continue;
    if (p.type === 'boolean_operator' && same(field(p, 'right'), n)) continue;
    return false;
  }
  return false;
}

/** Methods of an app that add a route of its own (decorators are calls too: `@app.get("/x")`). */
const ROUTES = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace', 'api_route', 'route', 'websocket', 'websocket_route', 'add_api_route', 'add_route', 'add_api_websocket_route', 'add_websocket_route', 'mount', 'host']);

const ADDS_ROUTE = new Set(['add_api_route', 'add_route', 'add_api_websocket_route', 'add_websocket_route', 'mount', 'host']);

function markRoutes(state: AppState, call: Node, object: string): void {
  const fn = enclosingFunction(call);
  if (!fn) return;
  const params = parameterNames(fn);
  const setup = state.setups.get(fn.id) ?? (params.includes(object) ? setupOf(state, fn, params, object) : undefined);
  if (setup?.appParam === object) setup.ownRoutes = true;
}

/** The hand-off list of an imported name, made on first use. */
function importedList(state: AppState, name: string): HandOff[] | undefined {
  if (!state.importedVars?.has(name) || !state.importedHandOffs) return undefined;
  let list = state.importedHandOffs.get(name);
  if (!list) state.importedHandOffs.set(name, (list = []));
  return list;
}

/** Each argument of a call that is an app of its scope, by position or keyword. */
function handOffsOf(call: Node, callee: string, own: (name: string) => boolean, listFor: (name: string) => HandOff[] | undefined, cond: { conditional: boolean; when?: ConditionTest[] }): void {
  let position = 0;
  const args = callArguments(field(call, 'arguments'));
  const { line, column, endLine, endColumn } = spanOf(call);
  const place = { line, column, endLine, endColumn, args, ...(cond.conditional ? cond : {}) };
  for (const a of splitArgs(field(call, 'arguments')).all) {
    const keyword = a.type === 'keyword_argument' ? field(a, 'name')?.text : undefined;
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const arg = keyword ?? position;
    if (a.type !== 'keyword_argument') position++;
    if (value?.type !== 'identifier' || !own(value.text)) continue;
    listFor(value.text)?.push({ callee, arg, ...place });
  }
}
