// Which functions not checked a --staged run names: those of the change, as the apps are those of the
// change (src/relevance.ts). A function not checked has no app, so it is the change's when the change
// affects every app (a deploy definition, the config, a dependency file: it may be what made the
// function unknown, or what would make it known), or when a changed path lies in what is known of its
// package (a code root, or a file or folder a build step copies). A function known by nothing but its
// definition is named only when a global change is staged: a Python edit elsewhere cannot concern it.
import type { Relevance, ChangedPath } from '../relevance.js';
import type { LambdaFunction, NotChecked } from '../types.js';
import { isUnder } from '../util/posix-path.js';

/** The folders and files (checked-folder paths) a function's package is known to come from. */
function knownSources(fn: LambdaFunction | undefined): string[] {
  if (!fn?.layout.known) return [];
  const l = fn.layout.value;
  if (l.how === 'code-root') return l.codeRoot === undefined ? [] : [l.codeRoot];
  return [...(l.files ?? []).map((f) => f.src), ...(l.copies ?? []).map((c) => c.from)];
}

export function notCheckedOfChange(
  list: readonly NotChecked[],
  functions: readonly LambdaFunction[],
  relevance: Relevance,
  changed: readonly ChangedPath[],
): NotChecked[] {
  if (relevance.global) return [...list];
  const byDefinition = new Map(functions.map((f) => [`${f.name}\0${f.loc.file}\0${f.loc.line}`, f]));
  return list.filter((n) => {
    // An entry said at a failing build step (a COPY) names its function's definition beside it.
    const d = n.definition ?? n.loc;
    const sources = knownSources(byDefinition.get(`${n.name}\0${d.file}\0${d.line}`));
    return changed.some((c) => sources.some((s) => isUnder(c.path, s)));
  });
}
