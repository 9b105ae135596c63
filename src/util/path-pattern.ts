// Paths with parts that are not known before the build runs (`dist/lambda-${HASH}.zip`, `lambda-${var.hash}.zip`,
// `${{ github.sha }}`, `$(date +%s)`): the known text with a HOLE where each unknown part is. Two such paths name
// the same artifact when their literal parts agree: a literal path fits the other's pattern, or both patterns
// could be one path and their file names have the same literal skeleton (`lambda-*.zip` is not `*-lambda.zip`).

/** Starts an unknown part inside a path (never in a real path); `hole()` gives the whole part. */
export const HOLE = '\u0001';
const HOLE_END = '\u0002';

/**
 * An unknown part as it sits in a path: HOLE, what it was written as (no `/`, so that path operations leave it
 * whole), HOLE_END. Two parts written alike are the same part (`lambda-$HASH.zip` zipped, then deployed).
 */
export function hole(text: string): string {
  return HOLE + text.replace(/[/\u0001\u0002]/g, '\u2215') + HOLE_END;
}

const HOLES = new RegExp(`(?:${HOLE}[^${HOLE_END}]*${HOLE_END})+|${HOLE}+`, 'g');

/** The path as written: each unknown part as its text. */
export function shownPath(withHoles: string): string {
  return withHoles.replace(new RegExp(`${HOLE}([^${HOLE_END}]*)${HOLE_END}`, 'g'), (_, t: string) => t.replace(/\u2215/g, '/'));
}

export interface PathPattern {
  /** As written (`dist/lambda-${HASH}.zip`), for messages. */
  text: string;
  /** The known pieces around the unknown parts, in order (`['dist/lambda-', '.zip']`). */
  literals: string[];
}

/** A path holding HOLEs (adjacent ones merged) as a pattern; null when it has none. */
export function toPattern(withHoles: string, text: string): PathPattern | null {
  if (!withHoles.includes(HOLE)) return null;
  return { text, literals: withHoles.replace(HOLES, HOLE).split(HOLE) };
}

const joined = (p: PathPattern) => p.literals.join(HOLE);
const lastSegment = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/**
 * Does the file name say something beyond its unknown parts? `lambda-${HASH}.zip` does, `${NAME}.zip` does not:
 * two of those would match any zip, so they are never matched.
 */
export function hasSubstance(p: PathPattern): boolean {
  const name = lastSegment(joined(p));
  const stem = name.replace(/\.[A-Za-z0-9]+$/, '');
  return stem.replace(new RegExp(`[${HOLE}\\-_.]`, 'g'), '') !== '';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A HOLE inside a file or folder name stays inside it; one that makes up whole segments may span several. */
function regexOf(p: PathPattern): RegExp {
  let re = '';
  p.literals.forEach((lit, k) => {
    if (k > 0) {
      const before = p.literals[k - 1];
      const whole = (k === 1 ? before === '' || before.endsWith('/') : before.endsWith('/')) && (lit === '' || lit.startsWith('/'));
      re += whole ? '.*' : '[^/]*';
    }
    re += escapeRe(lit);
  });
  return new RegExp(`^${re}$`);
}

/** Could one path fit both (HOLE matching any text)? */
function intersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r = false;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === HOLE) r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === HOLE) r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else r = i < a.length && j < b.length && a[i] === b[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Do two artifact paths (literal or with unknown parts) name the same file? */
export function pathsAgree(a: string | PathPattern, b: string | PathPattern): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (typeof a === 'string') return hasSubstance(b as PathPattern) && regexOf(b as PathPattern).test(a);
  if (typeof b === 'string') return hasSubstance(a) && regexOf(a).test(b);
  if (!hasSubstance(a) || !hasSubstance(b)) return false;
  const ja = joined(a);
  const jb = joined(b);
  const skeleton = (s: string) => lastSegment(s).replace(new RegExp(`${HOLE}+`, 'g'), HOLE);
  return skeleton(ja) === skeleton(jb) && intersect(ja, jb);
}
