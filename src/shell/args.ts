// Arguments as the simulator expands them (globs matched against the virtual tree), and `echo K=V >> FILE` into
// a file that sets the environment of the next steps (GitHub's $GITHUB_ENV).
import picomatch from 'picomatch';
import type { TSNode } from './bash.js';
import type { Interpreter } from './frame.js';
import type { EnvFile } from './options.js';
import type { Arg } from './types.js';
import { escapeGlob, evalWord } from './words.js';
import { wordWithHoles } from './pattern.js';

export function echoEnv(sh: Interpreter, echo: TSNode, envFile: EnvFile) {
  const argNodes = echo.childrenForFieldName('argument');
  if (argNodes.length !== 1) return;
  const a = evalWord(argNodes[0], sh.words());
  if ('why' in a) {
    const raw = argNodes[0].text.replace(/^["']/, '');
    const k = raw.slice(0, Math.max(0, raw.indexOf('=')));
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) envFile.set(k, { why: `$${k} is set from ${a.why}` });
    return;
  }
  const eq = a.value.indexOf('=');
  if (eq <= 0) return;
  envFile.set(a.value.slice(0, eq), { value: a.value.slice(eq + 1) });
}

/** Expand arguments (globs against the virtual tree). */
export function expandArgs(sh: Interpreter, n: TSNode): { words: Arg[] } | { why: string; node: TSNode } {
  const out: Arg[] = [];
  for (const a of n.childrenForFieldName('argument')) {
    const w = evalWord(a, sh.words());
    if ('why' in w) return w;
    if (w.glob) {
      if (sh.cwdWhy && !w.value.startsWith('/')) return { why: sh.cwdWhy, node: a };
      // `./*.py` matches as `*.py` does: the tree's paths have no `.` segments.
      const g = w.glob.replace(/^(\.\/)+/, '').replace(/\/(\.\/)+/g, '/');
      const pat = g.startsWith('/') ? g : `${sh.cwd === '/' ? '' : escapeGlob(sh.cwd)}/${g}`;
      const isM = picomatch(dotDot(pat), { dot: sh.frame.dotglob });
      // A link that shows nothing is still a name in its folder (mv, cp -r and rsync -a copy it).
      const dangling = sh.vfs.links.size ? [...sh.vfs.links.keys()].filter((l) => !sh.vfs.exists(l)) : [];
      const hits = [...sh.vfs.files.keys(), ...sh.vfs.dirs, ...dangling].filter((p) => isM(p)).sort();
      out.push({ w, paths: hits.length ? hits : null });
    } else out.push({ w, paths: null });
  }
  return { words: out };
}

/** `/r/lambdas/../src/*.py` as `/r/src/*.py`: the tree's paths have no `..` segments (a `..` after a glob stays). */
function dotDot(pat: string): string {
  const out: string[] = [];
  for (const seg of pat.split('/')) {
    if (seg === '..' && out.length > 1 && !/[*?[\]{}()!+@\\]/.test(out[out.length - 1])) out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The arguments with a HOLE for each unknown expansion (`lambda-${HASH}.zip`); null when one stays unknown. */
export function argsWithHoles(sh: Interpreter, n: TSNode): Arg[] | null {
  const out: Arg[] = [];
  for (const a of n.childrenForFieldName('argument')) {
    const v = wordWithHoles(a, sh.words());
    if (v === null || (sh.cwdWhy && !v.startsWith('/'))) return null;
    out.push({ w: { value: v, glob: null, text: a.text, node: a }, paths: null });
  }
  return out;
}

/** The words' values when each is a literal (no unknown part, no glob); null otherwise. */
export function literalValues(sh: Interpreter, nodes: TSNode[]): string[] | null {
  const out: string[] = [];
  for (const a of nodes) {
    const w = evalWord(a, sh.words());
    if ('why' in w || w.glob) return null;
    out.push(w.value);
  }
  return out;
}
