// A word whose value is partly unknown (`dist/lambda-${HASH}.zip`, `lambda-$(date +%s).zip`, a GitHub expression
// without a value) as its known text with a HOLE for each unknown part: what an artifact path needs to be matched
// by its literal parts (src/util/path-pattern.ts). Only whole expansions become holes; a word with a glob, or a
// part that is not an expansion, stays unknown.
import type { TSNode } from './bash.js';
import { evalWord, type WordEnv } from './words.js';
import { hole } from '../util/path-pattern.js';

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion']);

export function wordWithHoles(n: TSNode, env: WordEnv): string | null {
  const r = evalWord(n, env);
  if (!('why' in r)) return r.glob ? null : r.value;
  if (EXPANSIONS.has(n.type)) return hole(n.text);
  if (n.type === 'word') {
    // A caller's stand-in without a value (`${{ github.sha }}`): a hole where its token is.
    const missing = env.standIns.filter((s) => s.value === undefined && n.text.includes(s.token));
    let bare = n.text;
    for (const s of missing) bare = bare.split(s.token).join('');
    if (!missing.length || /[$`\\*?[~'"]/.test(bare)) return null;
    let text = n.text;
    for (const s of env.standIns) text = text.split(s.token).join(s.value ?? hole(s.text ?? s.token));
    return text;
  }
  if (n.type === 'concatenation' || n.type === 'string') {
    let s = '';
    for (const c of n.children) {
      if (c.type === '"') continue;
      const p = wordWithHoles(c, env);
      if (p === null) return null;
      s += p;
    }
    return s;
  }
  return null;
}
