// The config's `functions` entries applied to the functions the deploy definitions name, before
// readDeploy decides which can be checked: `packageRoot` makes the function's package a code root
// (that folder becomes /var/task), `handler` states the handler (findings about it point at the
// config line), `app` states a web-app start-up (`module:app`, checked by the start-up rules),
// `check: false` drops the function without a word. `layers` is applied where layers are read.
// An entry that names no function changes nothing: it is reported like an unused allow entry
// (SUP002, a warning at the entry's name), with the nearest names, since a typo there silently
// leaves the function it meant unchecked.
import type { FunctionEntry } from '../config/functions.js';
import { UNUSED_ALLOW_RULE } from '../filter/allow.js';
import { functionConfigMessages as M } from '../messages.js';
import type { Finding, LambdaFunction, NotChecked } from '../types.js';
import { joinPath } from '../util/posix-path.js';
import { closeMatches, didYouMean } from '../util/similar.js';

export interface Overrides {
  entries: readonly FunctionEntry[];
  /** The config's folder (posix, relative to the checked folder): packageRoot is relative to it. */
  dir: string;
  /** SUP002 is off: an unused entry is not reported. */
  quiet?: boolean;
}

export interface Overridden {
  /** The functions to check, entries applied; those with `check: false` left out. */
  functions: LambdaFunction[];
  /** SUP002 warnings: entries that name no function. */
  findings: Finding[];
}

/** The names an entry may give a function: its own, and a Terraform resource's address. */
function namesOf(fn: LambdaFunction): string[] {
  if (fn.source !== 'terraform') return [fn.name];
  return [fn.name, `aws_lambda_function.${fn.name}`, `module.${fn.name}`];
}

export function applyOverrides(functions: readonly LambdaFunction[], o: Overrides): Overridden {
  const out: LambdaFunction[] = [];
  const used = new Set<FunctionEntry>();
  for (const fn of functions) {
    const names = namesOf(fn);
    const entries = o.entries.filter((e) => names.includes(e.entry.name) && (e.entry.file === undefined || joinPath(o.dir, e.entry.file) === fn.loc.file));
    entries.forEach((e) => used.add(e));
    if (entries.some((e) => e.entry.check === false)) continue;
    out.push(entries.reduce(apply(o.dir), fn));
  }
  const findings: Finding[] = [];
  if (!o.quiet) {
    const known = [...new Set(functions.map((f) => f.name))];
    for (const e of o.entries) {
      if (used.has(e)) continue;
      const at = e.at('name');
      const message = M.unused(e.entry.name, didYouMean(closeMatches(e.entry.name, known)));
      findings.push({ ruleId: UNUSED_ALLOW_RULE, severity: 'warning', file: at.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message });
    }
  }
  return { functions: out, findings };
}

/** One entry applied to a function: a new object, the deploy facts stay as the files say. */
const apply =
  (dir: string) =>
  (fn: LambdaFunction, e: FunctionEntry): LambdaFunction => {
    const { packageRoot, handler, app } = e.entry;
    const next: LambdaFunction = { ...fn };
    if (packageRoot !== undefined) {
      next.layout = { known: true, value: { how: 'code-root', codeRoot: joinPath(dir, packageRoot), unknowns: [] }, loc: e.at('packageRoot') };
    }
    if (handler !== undefined) next.handler = { known: true, value: handler, loc: e.at('handler') };
    if (app !== undefined) {
      const loc = e.at('app');
      next.startup = { kind: 'web-app', app: { known: true, value: app, loc }, server: 'config', loc };
    }
    return next;
  };

/**
 * The fixes of functions not checked that share their name with another function: the config entry
 * they suggest must say which one (`file`), or it would apply to all of them.
 */
export function qualifyFixes(list: NotChecked[], functions: readonly LambdaFunction[]): NotChecked[] {
  const count = new Map<string, number>();
  for (const f of functions) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  return list.map((n) => ((count.get(n.name) ?? 0) > 1 && n.fix ? { ...n, fix: M.withFile(n.fix, n.name, n.loc.file) } : n));
}
