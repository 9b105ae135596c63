// MOD004's findings about *when* a name is bound: by a circular import still half-way through
// the module, or only by a `global` in a function the import never calls.
import type { CircularImport } from '../../graph/import-order.js';
import type { DefinitionFact, ImportedName } from '../../types.js';
import { at } from '../../util/span.js';
import type { RuleFinding } from '../types.js';

/** The module binds the name, but after the import statement a circular import paused it at. */
export function circularFinding(file: string, n: ImportedName, target: string, cycle: CircularImport, app: string): RuleFinding {
  const where = cycle.target.file;
  return {
    ...at(file, n),
    message: `ImportError: cannot import name '${n.name}' from partially initialized module '${target}' (most likely due to a circular import) (${where}): ${where} is still at line ${cycle.pausedAt}, importing what imports it, and binds '${n.name}' only after that`,
    related: [{ file: where, line: cycle.pausedAt, column: 1, endLine: cycle.pausedAt, endColumn: 1 }],
    subject: { app, names: [n.name] },
  };
}

/** Only a `global` in an uncalled function binds the name: a warning, as another module may call it first. */
export function deferredFinding(file: string, n: ImportedName, target: string, targetFile: string, later: DefinitionFact, app: string): RuleFinding {
  return {
    ...at(file, n),
    severity: 'warning',
    message: `'${n.name}' is bound in ${targetFile} only by \`global ${n.name}\` in a function that module does not call while it is imported (line ${later.line}): unless something calls it first, ImportError: cannot import name '${n.name}' from '${target}'`,
    subject: { app, names: [n.name] },
  };
}

/**
 * `from logging import MyThing` where a local logging/ binds MyThing: on Lambda the runtime imported the
 * standard library's logging first, so the local one is never imported (a warning: the standard
 * library's module may have a name of that spelling too).
 */
export function shadowedFinding(file: string, n: ImportedName, target: string, localFile: string, app: string): RuleFinding {
  const top = target.split('.')[0];
  return {
    ...at(file, n),
    severity: 'warning',
    message: `on Lambda, '${top}' is the standard library's module, not ${localFile}: the runtime imports ${top} before the handler, so the local one is never imported and '${n.name}' is looked up in the standard library's '${target}' (ImportError: cannot import name '${n.name}' unless it has one); rename the local package`,
    subject: { app, names: [n.name] },
  };
}
