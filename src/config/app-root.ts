// An app's `root` as a path relative to the checked folder. `root` is written relative to the config
// file's folder (`dir`, itself relative to the checked folder), or absolute. joinPath alone cannot
// resolve a config outside the checked folder (`dir` = "../cfg", root "../repo/src" is "src" when the
// checked folder is named repo): that needs the real folder names, so it goes through path.resolve.
import path from 'node:path';
import { joinPath } from '../util/posix-path.js';

export function configRoot(base: string, dir: string, root: string): string {
  if (!path.isAbsolute(root) && dir !== '..' && !dir.startsWith('../')) return joinPath(dir, root);
  const rel = path.relative(base, path.resolve(base, dir, root)).split(path.sep).join('/');
  return rel === '' ? '' : joinPath('', rel);
}

/** The folder a root names, for messages: absolute, as Python's sys.path would hold it. */
export function configRootAbs(base: string, dir: string, root: string): string {
  return path.resolve(base, dir, root);
}
