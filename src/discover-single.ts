// Zero-config, one app file: a folder with one file that creates a FastAPI/Starlette app is a Lambda
// app when that file, or a handler beside it (handler.py, lambda_handler.py, lambda_function.py),
// wraps an app in an adapter (`handler = Mangum(app)`). Nothing names the package root, so it is a
// guess, said in the output (AppSpec.assumedRoot): the folder the handler's import of the app
// module resolves from (`from main import app` in backend/lambda_function.py: backend/; `from
// backend.main import app`: the folder above), else the folder (the app's own or one above it) under which the
// first segments of most of the app file's absolute imports are modules or packages (`from app.core.config import X` in app/main.py: the folder
// above app/), the app's own folder on a tie. run.ts drops such an
// app when a deploy definition names functions: their handlers then say where the root is.
import type { AppSpec } from './graph/build.js';
import type { FactsStore } from './graph/facts-store.js';
import type { FileFacts } from './types.js';
import { dirOf } from './util/posix-path.js';

const HANDLER_FILES = ['handler.py', 'lambda_handler.py', 'lambda_function.py'];

/** The app at `appPath` (the only app file of its folder) when an adapter serves it, else undefined. */
export async function singleLambdaApp(appPath: string, store: FactsStore, has: (p: string) => boolean): Promise<AppSpec | undefined> {
  const folder = dirOf(appPath);
  const own = await store.get(appPath);
  let root = own ? rootFromOwnImports(own, folder, has) : folder;
  const handlers: string[] = [];
  for (const name of HANDLER_FILES) {
    const p = folder ? `${folder}/${name}` : name;
    if (p === appPath || !has(p)) continue;
    const facts = await store.get(p);
    if (!facts?.adapters.length) continue;
    if (!handlers.length) root = rootFromImport(facts, appPath) ?? root;
    handlers.push(p);
  }
  if (!own?.adapters.length && !handlers.length) return undefined;
  const inRoot = [appPath, ...handlers].filter((p) => root === '' || p.startsWith(`${root}/`));
  return { name: root || '.', root, entrypoints: inRoot.map((p) => rel(p, root)), assumedRoot: true };
}

function rel(p: string, root: string): string {
  return root === '' ? p : p.slice(root.length + 1);
}

/** The folder from which one of the handler's absolute imports names the app file's module. */
function rootFromImport(facts: FileFacts, appPath: string): string | undefined {
  const stem = appPath.replace(/\.py$/, '');
  for (const imp of facts.imports) {
    if (imp.level !== 0 || !imp.module) continue;
    const asPath = imp.module.split('.').join('/');
    if (stem === asPath) return '';
    if (stem.endsWith(`/${asPath}`)) return stem.slice(0, stem.length - asPath.length - 1);
  }
  return undefined;
}

/** The folder, `folder` or one above it, under which most of the file's absolute imports start with a module or package. */
function rootFromOwnImports(facts: FileFacts, folder: string, has: (p: string) => boolean): string {
  const candidates = [folder];
  for (let d = folder; d !== ''; ) candidates.push((d = dirOf(d)));
  let best = folder;
  let most = 0;
  for (const root of candidates) {
    const at = (p: string) => (root === '' ? p : `${root}/${p}`);
    let n = 0;
    for (const imp of facts.imports) {
      if (imp.level !== 0 || !imp.module) continue;
      // Its first segment as a module or regular package: a misspelt deeper name still tells the root.
      const p = imp.module.split('.')[0];
      if (has(at(`${p}.py`)) || has(at(`${p}/__init__.py`))) n++;
    }
    if (n > most) [best, most] = [root, n];
  }
  return best;
}
