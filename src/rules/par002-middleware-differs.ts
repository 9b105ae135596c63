import { middlewareOf, type Registration } from '../graph/registrations/middleware.js';
import { parityGroups } from '../graph/registrations/groups.js';
import { unreadOf } from './shared/unread.js';
import { placeOf } from './shared/compare.js';
import { qualify, shortName } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { ArgFact } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

/**
 * Arguments as comparable text: keyword order does not matter, nor white space outside strings, nor
 * the quotes of a plain string; a value that is an imported name counts as what it is bound to
 * (`ALLOWED_ORIGINS` from settings and `settings.ALLOWED_ORIGINS` are one value).
 */
function argsKey(args: ArgFact[], name: (value: string) => string): string {
  const value = (a: ArgFact) => (a.dotted !== undefined ? name(a.dotted) : squash(a.value));
  const positional = args.filter((a) => a.name === undefined).map(value);
  const named = args
    .filter((a) => a.name !== undefined)
    .map((a) => `${a.name}=${value(a)}`)
    .sort();
  return [...positional, ...named].join(', ');
}

/**
 * The middleware stack requests pass through, outermost first, as Starlette builds it: each
 * `add_middleware` (and `@app.middleware`) goes in front of those before it, while the list given
 * to `FastAPI(middleware=[...])` keeps its order after all of them.
 */
function stack(regs: Registration[]): Registration[] {
  return [...regs.filter((r) => r.fact.kind !== 'constructor').reverse(), ...regs.filter((r) => r.fact.kind === 'constructor')];
}

/**
 * A name as an argument of a registration in `module`, compared by the last part of what it is bound
 * to: `ALLOWED_ORIGINS` imported from settings and `settings.ALLOWED_ORIGINS` are one value, and so
 * is a local `ORIGINS` against an imported one (their values cannot be compared here: never a
 * finding on spelling alone).
 */
function argName(graph: AppGraph, module: string): (value: string) => string {
  return (v) => shortName(qualify(graph, module, v));
}

/** Drop white space that is not inside a string literal (values are source text from tree-sitter). */
function squash(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A plain one-line string in either quotes is written with double quotes.
      const end = text.indexOf(c, i + 1);
      const content = end > i ? text.slice(i + 1, end) : '';
      if (end > i && text[i + 1] !== c && !/["'\\\n]/.test(content)) {
        out += `"${content}"`;
        i = end;
        continue;
      }
      quote = c;
      out += c;
    } else if (c === ',' && ')]}'.includes(text.slice(i + 1).trimStart()[0] ?? '')) {
      // A trailing comma before a closing bracket changes nothing.
    } else if (c.trim() !== '') {
      out += c;
    }
  }
  return out;
}

const lazyWith = (args: string) => `from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=${args})
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
`;

export const par002: Rule = {
  code: 'PAR002',
  name: 'middleware-differs-between-entry-points',
  severity: 'warning',
  summary: 'The same middleware is registered with different arguments, condition or order.',
  fixable: false,
  docs: {
    what:
      'A middleware class registered in two entry points with different arguments (`minimum_size=500` against `minimum_size=1000`), under a condition in one and unconditionally in the other, or in a different order relative to the other middleware both register. Arguments are compared as values (quote style and an imported name spelled two ways do not count). Order is the stack requests pass, as Starlette builds it: each `add_middleware` goes in front of the earlier ones, and the `FastAPI(middleware=[...])` list keeps its order after them.',
    why:
      'Starlette wraps the app in reverse order of registration, so order decides which middleware sees the request first (CORS before authentication, GZip outside of timing). Different arguments or order mean the Lambda deployment behaves differently from what was tested locally.',
    bad: { files: { 'main.py': lazyWith('500'), 'lazy_app.py': lazyWith('1000') } },
    good: { files: { 'main.py': lazyWith('500'), 'lazy_app.py': lazyWith('500') } },
    fix: 'Make the registrations identical (same arguments, same order), ideally by calling one shared `configure_middleware(app)` from both entry points.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) for (const apps of parityGroups(graph)) {
      if (apps.length < 2) continue;
      const regs = apps.map((a) => middlewareOf(graph, a));
      // Compare every other app against the first (the first entry point configured: usually main.py).
      const [refApp, ...others] = apps;
      const ref = regs[0];
      others.forEach((other, k) => {
        const mine = regs[k + 1];
        const push = (reg: Registration, refReg: Registration, message: string) => {
          findings.push({
            ...at(reg.file, reg.fact),
            message,
            related: [at(refReg.file, refReg.fact)],
            subject: { app: graph.name, names: reg.aliases, presentIn: [other.label] },
          });
        };
        // The k-th registration of a class on one side pairs with the k-th on the other.
        const nth = (list: Registration[], reg: Registration) => list.filter((r) => r.id === reg.id).indexOf(reg);
        for (const reg of mine) {
          const refReg = ref.filter((r) => r.id === reg.id)[nth(mine, reg)];
          if (!refReg) continue;
          const a = argsKey(refReg.compareArgs ?? refReg.fact.args, argName(graph, refReg.module));
          const b = argsKey(reg.compareArgs ?? reg.fact.args, argName(graph, reg.module));
          if (a !== b) {
            push(reg, refReg, `${reg.name} is registered with (${b}) in ${other.label} but with (${a}) in ${placeOf(graph, refApp, refReg.file, refReg.fact.line)}`);
          } else if (reg.fact.conditional !== refReg.fact.conditional) {
            const [cond, plain] = reg.fact.conditional ? [other.label, refApp.label] : [refApp.label, other.label];
            push(reg, refReg, `${reg.name} is registered under a condition in ${cond} but unconditionally in ${plain}`);
          }
        }
        // Order: the middleware both register must come in the same relative order (unknowable when
        // either app is handed to a function that may register more in between).
        if (refApp.opaque || other.opaque || unreadOf(refApp, ['middleware']).length || unreadOf(other, ['middleware']).length) return;
        const common = (list: Registration[], against: Registration[]) =>
          list.filter((r, i) => against.some((o) => o.id === r.id) && list.findIndex((x) => x.id === r.id) === i);
        const refOrder = common(stack(ref), stack(mine));
        const myOrder = common(stack(mine), stack(ref));
        for (let i = 0; i < myOrder.length; i++) {
          if (myOrder[i].id === refOrder[i].id) continue;
          const reg = myOrder[i];
          const refReg = ref.find((r) => r.id === reg.id)!;
          push(
            reg,
            refReg,
            `middleware order differs: requests pass ${myOrder.map((r) => r.name).join(', ')} in ${other.label} but ${refOrder.map((r) => r.name).join(', ')} in ${refApp.label} (add_middleware puts each before the ones registered earlier; FastAPI(middleware=[...]) keeps its order, after them)`,
          );
          break;
        }
      });
    }
    return findings;
  },
};
