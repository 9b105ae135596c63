// `.dockerignore`: what a Docker build context leaves out. Read as Docker reads it (moby/patternmatcher, whose
// ignorefile.ReadAll and PatternMatcher BuildKit uses for the context it sends):
// - the file is `<Dockerfile>.dockerignore` beside the Dockerfile when there is one (BuildKit's Dockerfile-specific
//   ignore file takes precedence), else `.dockerignore` at the root of the context;
// - a line starting with `#` is a comment; each other line is trimmed, a leading `!` makes it an exception, the
//   pattern is cleaned (filepath.Clean) and a leading `/` dropped: patterns are relative to the context root;
// - `*` is any run of characters but `/`, `?` one of them, `[...]` a class, `\` escapes, `**` any number of folders
//   (zero too), a trailing `**` anything;
// - a path is excluded when the last pattern matching it, or matching one of its parent folders, is not an exception
//   (MatchesOrParentMatches): `tests/` excludes all below it, `!tests/conftest.py` brings one back.
// What is excluded is absent from the build context: COPY . . does not see it.
import { posix } from 'node:path';
import type { Location } from '../types.js';
import { at } from './common.js';

export interface DockerIgnore {
  /** The ignore file read (checked-folder relative). */
  file: string;
  /** The pattern that excludes a context-relative path, with where it is written; undefined when the path is kept. */
  excludes(path: string): { pattern: string; loc: Location } | undefined;
  /** Patterns Docker rejects (`[a`): docker build stops with "syntax error in pattern". */
  bad: { pattern: string; loc: Location }[];
}

interface Pattern {
  exception: boolean;
  test: (path: string) => boolean;
  /** What excludes() answers for it: one object per pattern. */
  said: { pattern: string; loc: Location };
}

/** How a message says why a path is not in the context. */
export function ignoredWhy(hit: { pattern: string; loc: Location }): string {
  return `${hit.loc.file}:${hit.loc.line} (${hit.pattern}) excludes it from the build context`;
}

/** The ignore file that applies to a build of `dockerfile` with `context` (both checked-folder relative), if any. */
export function dockerIgnoreFor(dockerfile: string, context: string, text: (path: string) => string | undefined): DockerIgnore | undefined {
  for (const file of [`${dockerfile}.dockerignore`, context ? `${context}/.dockerignore` : '.dockerignore']) {
    const t = text(file);
    if (t !== undefined) return readDockerIgnore(file, t);
  }
  return undefined;
}

/** The ignore files a Dockerfile's build may read, to be read with it: its own, and every `.dockerignore` (a context may be any folder). */
export function dockerIgnoreCandidates(dockerfile: string, files: string[]): string[] {
  let found = ignoreFiles.get(files);
  if (!found) ignoreFiles.set(files, (found = files.filter((f) => f.endsWith('.dockerignore'))));
  return found.filter((f) => f === `${dockerfile}.dockerignore` || f === '.dockerignore' || f.endsWith('/.dockerignore'));
}

const ignoreFiles = new WeakMap<string[], string[]>();

export function readDockerIgnore(file: string, text: string): DockerIgnore {
  const patterns: Pattern[] = [];
  const bad: { pattern: string; loc: Location }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.startsWith('#')) return;
      let p = raw.trim();
      if (!p) return;
      const exception = p.startsWith('!');
      if (exception) p = p.slice(1).trim();
      if (!p) return;
      p = posix.normalize(p).replace(/(.)\/+$/, '$1');
      if (p.length > 1 && p.startsWith('/')) p = p.slice(1);
      const test = compile(p);
      const said = { pattern: raw.trim(), loc: at(file, { line: i + 1, column: 1, endLine: i + 1, endColumn: raw.length + 1 }) };
      if (test) patterns.push({ exception, test, said });
      else bad.push({ pattern: raw.trim(), loc: at(file, { line: i + 1, column: 1, endLine: i + 1, endColumn: raw.length + 1 }) });
    });
  return {
    file,
    bad,
    excludes(path) {
      let hit: Pattern | undefined;
      const dirs = posix.dirname(path) === '.' ? [] : posix.dirname(path).split('/');
      for (const pat of patterns) {
        // As Docker: an exception is tried only once something excluded the path, an exclusion only while it is kept.
        if (pat.exception !== (hit !== undefined && !hit.exception)) continue;
        let m = pat.test(path);
        for (let k = 1; !m && k <= dirs.length; k++) m = pat.test(dirs.slice(0, k).join('/'));
        if (m) hit = pat;
      }
      return hit && !hit.exception ? hit.said : undefined;
    },
  };
}

/**
 * Docker's pattern as a test (patternmatcher's compile and match): an exact name, a prefix (`dir/**`), a suffix
 * (`**` first and no wildcard after it, as in `**.pyc`) or a regular expression; null for a pattern Docker rejects.
 */
function compile(p: string): ((path: string) => boolean) | null {
  let re = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0; i < p.length; i++) {
    const first = i === 0;
    const ch = p[i];
    if (ch === '*') {
      if (p[i + 1] === '*') {
        i++;
        if (p[i + 1] === '/') i++; // `**/` is `**`
        if (i + 1 >= p.length) {
          if (type === 'exact') type = 'prefix';
          else (re += '.*'), (type = 'regexp');
        } else (re += '(.*/)?'), (type = 'regexp');
        if (first) type = 'suffix';
      } else (re += '[^/]*'), (type = 'regexp');
    } else if (ch === '?') (re += '[^/]'), (type = 'regexp');
    else if ('.+()|{}$'.includes(ch)) re += `\\${ch}`;
    else if (ch === '\\') {
      if (i + 1 < p.length) (re += `\\${p[++i]}`), (type = 'regexp');
      else re += '\\\\';
    } else if (ch === '[' || ch === ']') (re += ch), (type = 'regexp');
    else re += ch;
  }
  if (!matchSyntaxOk(p)) return null;
  if (type === 'exact') return (path) => path === p;
  if (type === 'prefix') return (path) => path.startsWith(p.slice(0, -2));
  if (type === 'suffix') {
    const suffix = p.slice(2);
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  try {
    const rx = new RegExp(`${re}$`);
    return (path) => rx.test(path);
  } catch {
    return null;
  }
}

/** filepath.Match's syntax check (New calls it on each pattern): a `[` class must close and not be empty. */
function matchSyntaxOk(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[') {
      let j = i + 1;
      if (p[j] === '^') j++;
      if (p[j] === ']') return false;
      while (j < p.length && p[j] !== ']') j += p[j] === '\\' ? 2 : 1;
      if (j >= p.length) return false;
      i = j;
    } else if (p[i] === ']') return false;
  }
  return true;
}
