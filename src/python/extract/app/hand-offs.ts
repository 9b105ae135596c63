// Third pass of the app family: hand-offs, calls that give an app to another function
// (`configure(app)`), at module level for the module's apps and factory-call variables, or inside a
// module-level function for that function's app (its parameter, or the app a factory creates). The
// function called may register more (see the graph).
import type { FactoryCallFact, HandOff } from '../../../types.js';
import { ADAPTER_CLASSES } from '../../app-classes.js';
import { contextOf } from '../context.js';
import { enclosingFunction, field, lastSegment, parameterNames, splitArgs, type Node } from '../nodes.js';
import { setupOf, type AppState } from './state.js';

/** Calls that take the app and register nothing on it: servers, adapters, builtins. */
const NOT_CONFIGURING = new Set([...ADAPTER_CLASSES, 'run', 'serve', 'TestClient', 'print', 'isinstance', 'id', 'repr', 'str', 'type', 'len', 'getattr', 'hasattr', 'vars', 'dir']);

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
      own = (name) => receivers.has(name);
      listFor = (name) => {
        const app = apps.find((x) => x.variable === name);
        if (app) return app.handedTo;
        const i = factoryCalls.findIndex((x) => x.variable === name);
        return i >= 0 ? toFactoryCall[i] : undefined;
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
    if (fn.type === 'attribute' && own(field(fn, 'object')?.text ?? '')) continue;
    handOffsOf(call, fnText, own, listFor);
  }
  return toFactoryCall;
}

/** Each argument of a call that is an app of its scope, by position or keyword. */
function handOffsOf(call: Node, callee: string, own: (name: string) => boolean, listFor: (name: string) => HandOff[] | undefined): void {
  let position = 0;
  for (const a of splitArgs(field(call, 'arguments')).all) {
    const keyword = a.type === 'keyword_argument' ? field(a, 'name')?.text : undefined;
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const arg = keyword ?? position;
    if (a.type !== 'keyword_argument') position++;
    if (value?.type !== 'identifier' || !own(value.text)) continue;
    listFor(value.text)?.push({ callee, arg, line: call.startPosition.row + 1 });
  }
}
