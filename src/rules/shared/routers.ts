// How PAR003 compares two apps' routers beyond the module they live in: which router of a module
// (`users.router` against `users.admin_router`), where it is mounted (`prefix=`), and a router an
// entry point defines itself. Python serves a router's routes at prefix + path, and only the routers
// included: each difference here is a path that answers in one app and 404 in the other.
import type { AppRouters, RouterRef } from '../../graph/registrations/routers.js';

export type RouterGap =
  /** A router the entry point defines itself, included by no ref of the other app. */
  | { kind: 'local' }
  /** The other app includes other routers of that module, never this one. */
  | { kind: 'router'; others: string[] }
  /** The other app includes this router at another prefix, at `other`. */
  | { kind: 'prefix'; other: RouterRef };

/** A prefix as messages show it: `"/v1"`, `no prefix`, or the name. */
export const showPrefix = (p: string): string => (p === '""' ? 'no prefix' : p.startsWith('=') ? p.slice(1) : p);

/**
 * Two prefixes that differ as Python would see them: both literals (no prefix is `""`) and unequal.
 * A name against anything else is not read (its value may be the same string): never a gap.
 */
const differ = (a: string, b: string): boolean => !a.startsWith('=') && !b.startsWith('=') && a !== b;

/** What `theirs` lacks of `ref`, when its refs of that module tell (the module-level check came first). */
export function routerGap(ref: RouterRef, theirs: AppRouters): RouterGap | undefined {
  if (theirs.unknown) return undefined;
  const direct = theirs.refs.filter((r) => r.module === ref.module);
  if (ref.local && !direct.length && !theirs.own.includes(ref.module)) return { kind: 'local' };
  if (!direct.length || ref.attr === undefined) return undefined;
  if (direct.every((r) => r.attr !== undefined && r.attr !== ref.attr)) return { kind: 'router', others: [...new Set(direct.map((r) => r.attr!))] };
  const same = direct.filter((r) => r.attr === undefined || r.attr === ref.attr);
  if (ref.prefix === undefined || same.some((r) => r.prefix === undefined || !differ(r.prefix, ref.prefix!))) return undefined;
  return { kind: 'prefix', other: same[0] };
}
