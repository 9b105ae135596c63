// Checks of the merged `functions` entries that the schema cannot make: a packageRoot that is a
// folder inside the checked folder, a handler Lambda can split (`module.function`), an app a server
// can load (`module:app`), one entry per name in a file. Each problem names the file and the entry's
// index there. `layers` folders are checked where layers are read.
import { configMessages as M, functionConfigMessages as F, inFile } from '../messages.js';
import type { Snapshot } from '../types.js';
import { joinPath } from '../util/posix-path.js';
import type { FunctionEntry } from './functions.js';

/** Every problem of the entries, whose paths are relative to `dir` (the config's folder). */
export function checkFunctions(snapshot: Snapshot, entries: readonly FunctionEntry[], dir: string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, FunctionEntry>();
  for (const f of entries) {
    const at = (field: string, text: string) => inFile(f.label, `functions[${f.index}]${field}: ${text}`);
    const { name, packageRoot, handler, app } = f.entry;
    const key = `${f.label}\0${name}\0${f.entry.file ?? ''}`;
    const first = seen.get(key);
    if (first) problems.push(at('.name', F.duplicate(name, `functions[${first.index}]`)));
    else seen.set(key, f);
    if (packageRoot !== undefined) {
      const root = joinPath(dir, packageRoot);
      if (root === '..' || root.startsWith('../') || packageRoot.startsWith('/')) problems.push(at('.packageRoot', M.rootOutside(packageRoot)));
      else if (root !== '' && !snapshot.hasDir(root)) problems.push(at('.packageRoot', M.rootMissing(joinPath('', packageRoot) || '.')));
    }
    // Lambda's Python bootstrap splits on the last dot and hands the module part to importlib, which
    // takes any name (a hyphenated folder too): only an empty part or no dot at all cannot work.
    if (handler !== undefined && !/^[^.\s]+(\.[^.\s]+)+$/.test(handler.replace(/\//g, '.'))) {
      problems.push(at('.handler', F.badHandler(handler)));
    }
    // uvicorn and gunicorn split on the colon; gunicorn also takes a call (`main:create_app()`).
    if (app !== undefined && !/^[^:\s]+:[^:\s].*$/.test(app)) problems.push(at('.app', F.badApp(app)));
  }
  return problems;
}
