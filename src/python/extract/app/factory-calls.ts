// Module-level `X = f(...)` calls: `app = create_app()` may make an app (the graph decides), so
// registrations and hand-offs on X are read as on an app.
import type { FactoryCallFact } from '../../../types.js';
import { nodeSpan as spanOf } from '../../../util/span.js';
import { NOT_FACTORY_CALLEES } from '../../app-classes.js';
import type { FileIndex } from '../file-index.js';
import { field, lastSegment, named } from '../nodes.js';
import { callArguments } from './arguments.js';

/** Module-level `X = f(...)` whose callee is not an app class, an adapter or a router; handedTo is filled by the app family. */
export function factoryCalls(idx: FileIndex): FactoryCallFact[] {
  const out: FactoryCallFact[] = [];
  for (const stmt of named(idx.root)) {
    const assign = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
    if (assign?.type !== 'assignment') continue;
    const left = field(assign, 'left');
    const right = field(assign, 'right');
    if (left?.type !== 'identifier' || right?.type !== 'call') continue;
    const callee = field(right, 'function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    if (NOT_FACTORY_CALLEES.has(lastSegment(callee.text))) continue;
    const args = callArguments(field(right, 'arguments'));
    out.push({ variable: left.text, callee: callee.text, handedTo: [], ...(args.length ? { args } : {}), ...spanOf(assign) });
  }
  return out;
}
