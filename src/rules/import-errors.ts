// What Python says when an import fails, and where: shared by the rules on unresolved imports
// (MOD001 for module-path strings, MOD003 for import statements, MOD004 for missing names).
import { sysPathChange } from '../graph/closure.js';
import { noModuleNamed } from '../graph/not-found.js';
import { resolverWith } from '../graph/sys-path.js';
import type { AppGraph } from '../graph/types.js';

/** Python's ModuleNotFoundError for a module that does not resolve under the app's root. */
export function notFound(graph: AppGraph, target: string, folders?: string[]): string {
  return `ModuleNotFoundError: ${noModuleNamed(folders ? resolverWith(graph.resolver, folders) : graph.resolver, target)}`;
}

/**
 * For an app whose entry points change sys.path on import (see sysPathChange): what to add to the
 * message of an unresolved import that the change can explain, or undefined. It can explain a
 * module found in a folder below the root (`awsauth` as vendor/awsauth: the suggestion ends with
 * the name); a path spelled too long (`src.api.users` for api/users.py) it cannot, whatever sys.path
 * adds. Such findings are warnings without a fix: a rewrite could break an import that works.
 */
export function sysPathExplains(graph: AppGraph): (target: string | undefined, suggestion: string | undefined) => string | undefined {
  const at = sysPathChange(graph);
  return (target, suggestion) =>
    at && target !== undefined && suggestion?.endsWith(`.${target}`)
      ? ` (but ${at.file}:${at.line} changes sys.path at run time, so it may resolve there: a warning, and no fix)`
      : undefined;
}

/** rootText, and the folders a module's sys.path change added from `__file__` (UnresolvedImport.folders). */
export function rootAndFolders(graph: AppGraph, folders?: string[]): string {
  return rootText(graph) + (folders?.length ? ` or ${folders.join(', ')} (added to sys.path from __file__)` : '');
}

export function rootText(graph: AppGraph): string {
  // A function's layers are on sys.path after the root (src/deploy/layers.ts): the name was looked for there too.
  // '' and the root itself: /var/task after a start-up's first sys.path folder (src/deploy/apps.ts), named by the label.
  const layers = graph.resolver.searchPath.filter((d) => d !== '' && d !== graph.root);
  return `${graph.root || '.'} (${graph.rootLabel})${layers.length ? ` or its layers (${layers.join(', ')})` : ''}`;
}
