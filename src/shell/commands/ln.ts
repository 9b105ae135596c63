// ln [-s] [-f] [-n] [-r] [-L|-P] [-T] [-t DIR] TARGET… [LINK], with GNU coreutils 9 rules (each form run with the
// real ln in test/shell/links2-ln.test.ts):
//   - one operand links ./basename(TARGET); a last operand that is a folder (or a link to one, unless -n) gets
//     DIR/basename(TARGET) for each TARGET; -T never treats it as a folder; -t DIR names the folder;
//   - -s writes TARGET as given (relative to the link's folder, not the current one; -r makes it so from a path
//     given from the current folder); the link may name nothing (links.ts shows what it names, now or later);
//   - without -s a hard link: TARGET must exist and not be a folder; the new name holds the same file (a link when
//     TARGET is a link, GNU's default -P; -L its target's file);
//   - a LINK that exists fails ("File exists") unless -f; a missing folder of LINK fails too. A failing ln is an
//     unknown (the build stops or goes on without the link, which the script does not say). -i, -b and -S are
//     unknowns (they ask, or keep a backup under another name).
import { posix } from 'node:path';
import type { Location } from '../../types.js';
import { physical, said, setLink, settle, showing, showLinks, type LinkNote } from '../links.js';
import type { Arg, Command, Shell } from '../types.js';

interface LnOptions {
  symbolic: boolean;
  force: boolean;
  noDeref: boolean;
  relative: boolean;
  logical: boolean;
  noTarget: boolean;
  targetDir: string | null;
  operands: string[];
}

type Flag = 'symbolic' | 'force' | 'noDeref' | 'relative' | 'logical' | 'noTarget';
const SHORT: Record<string, Flag | undefined> = { s: 'symbolic', f: 'force', n: 'noDeref', r: 'relative', L: 'logical', T: 'noTarget' };
const LONG: Record<string, Flag | undefined> = {
  '--symbolic': 'symbolic',
  '--force': 'force',
  '--no-dereference': 'noDeref',
  '--relative': 'relative',
  '--logical': 'logical',
  '--no-target-directory': 'noTarget',
};

function options(words: Arg[]): LnOptions | { unsupported: string } {
  const o: LnOptions = { symbolic: false, force: false, noDeref: false, relative: false, logical: false, noTarget: false, targetDir: null, operands: [] };
  let endOpts = false;
  for (let k = 0; k < words.length; k++) {
    const x = words[k];
    const v = x.w.value;
    if (endOpts || !v.startsWith('-') || v === '-') {
      o.operands.push(...(x.paths ?? [v]));
    } else if (v === '--') endOpts = true;
    else if (v.startsWith('--')) {
      const flag = LONG[v];
      if (flag) o[flag] = true;
      else if (v === '--physical') o.logical = false;
      else if (v.startsWith('--target-directory=')) o.targetDir = v.slice(19);
      else if (v === '--target-directory') o.targetDir = words[++k]?.w.value ?? null;
      else if (v !== '--verbose') return { unsupported: `ln ${v} is not simulated` };
    } else {
      for (let c = 1; c < v.length; c++) {
        const ch = v[c];
        if (ch === 't') {
          o.targetDir = c + 1 < v.length ? v.slice(c + 1) : (words[++k]?.w.value ?? null);
          break;
        }
        const flag = SHORT[ch];
        if (flag) o[flag] = true;
        else if (ch === 'P') o.logical = false;
        else if (ch !== 'v') return { unsupported: `ln -${ch} is not simulated` };
      }
    }
  }
  return o;
}

/** Is `p` a folder ln puts links into: a folder, or a link showing one unless -n (the tree shows it as a folder). */
const intoFolder = (sh: Shell, p: string, o: LnOptions) => sh.vfs.isDir(p) && !(o.noDeref && sh.vfs.links.has(p));

/** The (TARGET as written, LINK absolute) pairs the operands name; a string when ln fails on them. */
function pairs(sh: Shell, o: LnOptions): [string, string][] | string {
  const ops = [...o.operands];
  const base = (t: string) => posix.basename(t.replace(/\/+$/, '')) || t;
  if (o.targetDir !== null) {
    const dir = sh.resolve(o.targetDir);
    if (!sh.vfs.isDir(dir)) return `target '${o.targetDir}' is not a directory`;
    return ops.map((t) => [t, posix.join(dir, base(t))]);
  }
  if (!ops.length) return 'missing file operand';
  if (ops.length === 1) return [[ops[0], sh.resolve(base(ops[0]))]];
  const last = ops.pop()!;
  const dest = sh.resolve(last);
  if (!o.noTarget && intoFolder(sh, dest, o)) return ops.map((t) => [t, posix.join(dest, base(t))]);
  if (ops.length > 1) return `target '${last}' is not a directory`;
  return [[ops[0], dest]];
}

/** Makes one link; a string when the real ln fails. `placed` gets the symbolic links made. */
function link(sh: Shell, o: LnOptions, target: string, dest: string, loc: Location, placed: string[]): string | undefined {
  const shown = sh.vfs.checked(dest);
  if (!sh.vfs.isDir(posix.dirname(dest))) return `failed to create link '${shown}': No such file or directory`;
  if (sh.vfs.exists(dest) || sh.vfs.links.has(dest)) {
    if (!o.force) return `failed to create link '${shown}': File exists`;
    if (sh.vfs.isDir(dest) && !sh.vfs.links.has(dest)) return `cannot overwrite directory '${shown}'`;
  }
  if (o.symbolic) {
    const text = o.relative && !posix.isAbsolute(target) ? posix.relative(posix.dirname(dest), sh.resolve(target)) || '.' : target;
    setLink(sh.vfs, dest, text);
    placed.push(dest);
    return undefined;
  }
  const from = sh.resolve(target);
  const asLink = sh.vfs.links.get(from);
  if (asLink !== undefined && !o.logical) {
    setLink(sh.vfs, dest, asLink);
    placed.push(dest);
    return undefined;
  }
  const f = sh.vfs.files.get(from);
  if (sh.vfs.isDir(from)) return `${target}: hard link not allowed for directory`;
  if (!f) return `failed to access '${target}': No such file or directory`;
  sh.vfs.remove(dest);
  sh.vfs.setFile(dest, { src: f.src, loc });
  return undefined;
}

export const ln: Command = (sh, { node: n, words, loc }) => {
  const o = options(words);
  if ('unsupported' in o) {
    sh.unknown(n, o.unsupported);
    return;
  }
  const todo = pairs(sh, o);
  if (typeof todo === 'string') {
    sh.unknown(n, `ln: ${todo}: the step fails`);
    return;
  }
  const placed: string[] = [];
  const through: string[] = [];
  for (const [target, named] of todo) {
    // Through a folder link the new name is made in the target folder (a relative target then reads from there).
    const dest = physical(sh.vfs, named);
    const failed = link(sh, o, target, dest, loc, placed);
    if (failed) sh.unknown(n, `ln: ${failed}: the step fails`, dest);
    else if (dest !== named) through.push(posix.dirname(dest));
  }
  for (const note of settle(sh.vfs, placed, loc)) said(sh, n, note, why(sh, note));
  // What was made in a folder a link shows shows through that link too.
  for (const dir of through) showLinks(sh.vfs, showing(sh.vfs, dir), loc);
};

function why(sh: Shell, n: LinkNote): string {
  const at = sh.vfs.checked(n.at);
  const what = `ln makes ${at} a link to ${n.target}`;
  return n.kind === 'dangling' ? `${what}, which names nothing there: the package has no file at ${at}` : `${what}, outside what is simulated: what it shows is not known`;
}
