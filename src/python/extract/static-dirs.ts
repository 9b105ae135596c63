// The folder a `StaticFiles(directory=...)` mount serves, as far as the file tells it. Starlette checks it
// when the object is made (check_dir=True, the default: `RuntimeError: Directory 'static' does not exist`),
// so a mount at the top of the Lambda entry point needs the folder in the package (LPK004):
//   StaticFiles(directory="static")                                       relative to the working folder
//   StaticFiles(directory=Path(__file__).parent / "static")               relative to the module's folder
//   StaticFiles(directory=os.path.join(os.path.dirname(__file__), "static"))
//   BASE_DIR = Path(__file__).resolve().parent; StaticFiles(directory=BASE_DIR / "static")
//   STATIC = "static"; StaticFiles(directory=STATIC)
// check_dir=False, or no directory (`packages=[...]` only): nothing to check.
import type { StaticDirFact } from '../../types.js';
import type { FileIndex } from './file-index.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';
import { moduleRelative, moduleValueOf } from './sys-path-folders.js';

/** For a mounted `StaticFiles(...)` call: the folder it checks, or undefined when it checks none. */
export function staticDir(idx: FileIndex, call: Node): StaticDirFact | undefined {
  const a = splitArgs(field(call, 'arguments'));
  const check = a.keywords.get('check_dir');
  if (check && check.type === 'false') return undefined;
  const dir = a.keywords.get('directory') ?? a.positional[0];
  if (!dir || dir.type === 'none') return undefined;
  const line = call.startPosition.row + 1;
  // A check_dir that is not a literal: the folder may not be checked.
  const maybe = check && check.type !== 'true' ? { checkDirUnknown: true as const } : {};
  const rel = moduleRelative(idx, dir, line);
  if (rel) return { base: 'module', path: rel.join('/'), text: dir.text, ...maybe };
  const s = cwdString(idx, dir, line, 0);
  if (s !== undefined) return s.startsWith('/') ? { base: 'absolute', path: s, text: dir.text, ...maybe } : { base: 'cwd', path: s, text: dir.text, ...maybe };
  return { base: 'unknown', text: dir.text, ...maybe };
}

/** A path relative to the working folder: a literal, `Path("static")`, `os.path.join("a", "b")`, a module-level name bound to one. */
function cwdString(idx: FileIndex, n: Node, line: number, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (n.type === 'string') return plainString(n);
  if (n.type === 'identifier') {
    const v = moduleValueOf(idx, n.text, line);
    return v ? cwdString(idx, v, v.startPosition.row + 1, depth + 1) : undefined;
  }
  if (n.type !== 'call') return undefined;
  const f = field(n, 'function');
  const name = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
  const args = named(field(n, 'arguments') ?? n);
  if (args.some((x) => x.type === 'keyword_argument')) return undefined;
  if ((name === 'Path' || name === 'str' || name === 'PurePath') && args.length === 1) return cwdString(idx, args[0], line, depth + 1);
  if (name === 'join' && f?.type === 'attribute' && field(f, 'object')?.text.endsWith('path') && args.length >= 1) {
    const parts = args.map((x) => cwdString(idx, x, line, depth + 1));
    if (parts.some((p) => p === undefined)) return undefined;
    return parts.reduce((acc, p) => (p!.startsWith('/') ? p! : acc ? `${acc}/${p}` : p!), '');
  }
  return undefined;
}
