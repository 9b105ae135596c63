// A factory's registrations as one call of it makes them: `def create_app(enable_gzip=False): ...
// if enable_gzip: app.add_middleware(GZipMiddleware)` registers GZip for `create_app(enable_gzip=True)`
// and not for `create_app()`. Each registration's tests (ConditionTest) on a parameter are evaluated
// with the call's literal arguments and the function's literal defaults, as Python binds them. A test
// that reads something else (a setting, a global) leaves the registration conditional, as before; a
// test on a parameter whose value cannot be read leaves it conditional and names why (`argument`).
import type { CallArgFact, ConditionTest, SetupFunctionFact } from '../../types.js';
import type { SetupCall } from './served.js';

/** What each parameter holds in one call: a canonical literal, or null when it cannot be read. */
export type Bindings = Map<string, string | null>;

/** Binds a call's arguments to the function's parameters; undefined when a splat makes it unknowable. */
export function bindArguments(fn: SetupFunctionFact, args: readonly CallArgFact[]): Bindings | undefined {
  const out: Bindings = new Map();
  for (const [name, value] of Object.entries(fn.defaults ?? {})) out.set(name, value);
  const positional = fn.positional ?? [];
  let k = 0;
  for (const a of args) {
    if (a.splat) return undefined;
    const name = a.name ?? positional[k++];
    if (name) out.set(name, a.literal ?? null);
  }
  // A parameter with a default that is no literal: not known.
  for (const p of fn.params) if (!out.has(p)) out.set(p, null);
  return out;
}

/**
 * What each parameter is given (`include(app, users.router)`: router → the argument `users.router`),
 * for the parameters a call passes by position or keyword; undefined when a splat hides the binding.
 */
export function argumentsByParameter(fn: SetupFunctionFact, args: readonly CallArgFact[]): Map<string, CallArgFact> | undefined {
  const out = new Map<string, CallArgFact>();
  const positional = fn.positional ?? [];
  let k = 0;
  for (const a of args) {
    if (a.splat) return undefined;
    const name = a.name ?? positional[k++];
    if (name) out.set(name, a);
  }
  return out;
}

const truthy = (v: string): boolean => !['False', 'None', '0', '""'].includes(v);
/** As `==` compares: True is 1 and False is 0. */
const numeric = (v: string): string => (v === 'True' ? '1' : v === 'False' ? '0' : v);
const SINGLETONS = new Set(['None', 'True', 'False']);

/** One test with a known value: passes, fails, or (an `is` on a value without identity) undefined. */
function evaluate(t: ConditionTest, v: string): boolean | undefined {
  let r: boolean | undefined;
  if (!t.op) r = truthy(v);
  else if (t.op === '==' || t.op === '!=') r = (numeric(v) === numeric(t.value!)) === (t.op === '==');
  else if (SINGLETONS.has(t.value!)) r = (v === t.value) === (t.op === 'is');
  return r === undefined ? undefined : r !== t.negate;
}

export type Judged<T> = { fact: T; argument?: string };

/**
 * The facts of a set-up function as the call `setup` makes them (all conditional when the call is): a registration whose tests on
 * parameters all pass and that has no other test is unconditional; one with a failing test is
 * dropped; one with a test on a parameter whose value cannot be read keeps `conditional` and says
 * which (`argument`: `enable_gzip (create_app(enable_gzip=flag))`).
 */
export function asCalled<T extends { conditional: boolean; when?: ConditionTest[] }>(setup: SetupCall, facts: readonly T[]): Judged<T>[] {
  // A call that may not run (`if settings.ADMIN: register_admin(app)`) registers nothing for sure.
  const judged = judge(setup, facts);
  return setup.conditional ? judged.map((j) => ({ ...j, fact: { ...j.fact, conditional: true } })) : judged;
}

function judge<T extends { conditional: boolean; when?: ConditionTest[] }>(setup: SetupCall, facts: readonly T[]): Judged<T>[] {
  const call = setup.call;
  const bindings = call && bindArguments(setup.fn, call.args ?? []);
  const out: Judged<T>[] = [];
  for (const fact of facts) {
    if (!fact.when || !call) {
      out.push({ fact });
      continue;
    }
    let fails = false;
    let open = false;
    const unread: string[] = [];
    for (const t of fact.when) {
      const v = t.name !== undefined ? bindings?.get(t.name) : undefined;
      const known = v === undefined || v === null ? undefined : evaluate(t, v);
      if (known === false) fails = true;
      else if (known === undefined) {
        open = true;
        if (t.name !== undefined && setup.fn.params.includes(t.name) && (bindings === undefined || v === null)) unread.push(t.text);
      }
    }
    if (fails) continue;
    if (!open) out.push({ fact: { ...fact, conditional: false } });
    else out.push({ fact, ...(unread.length ? { argument: `${unread.join(' and ')} (${callText(call.callee, call.args ?? [])})` } : {}) });
  }
  return out;
}

const callText = (callee: string, args: readonly CallArgFact[]): string => `${callee}(${args.map((a) => (a.name ? `${a.name}=${a.text}` : a.text)).join(', ')})`;
