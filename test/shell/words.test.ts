import { describe, expect, it } from 'vitest';
import { getBashParser, type TSNode } from '../../src/shell/bash.js';
import { evalWord, type StandIn, type WordResult } from '../../src/shell/words.js';

/** The first argument of `echo WORD`, expanded with `vars`. */
function word(text: string, vars: Record<string, string> = {}, standIns: StandIn[] = []): WordResult {
  const root = getBashParser().parse(`echo ${text}`).rootNode as TSNode;
  const cmd = root.namedChildren[0];
  const arg = cmd.childrenForFieldName('argument')[0];
  return evalWord(arg, {
    lookup: (n) => (n in vars ? { value: vars[n] } : { why: `$${n} is not known` }),
    standIns,
    home: '/home/u',
  });
}
const value = (r: WordResult) => ('why' in r ? { why: r.why } : r.value);

describe('shell words', () => {
  it('removes quotes and backslashes', () => {
    expect(value(word(`'a b'`))).toBe('a b');
    expect(value(word(`"a b"`))).toBe('a b');
    expect(value(word(`a\\ b`))).toBe('a b');
    expect(value(word(`"a\\"b"`))).toBe('a"b');
    expect(value(word(`pre"mid"'post'`))).toBe('premidpost');
  });

  it('expands $VAR and ${VAR}, not inside single quotes', () => {
    const vars = { OUT: 'dist', EMPTY: '' };
    expect(value(word('$OUT/app', vars))).toBe('dist/app');
    expect(value(word('"${OUT}"/app', vars))).toBe('dist/app');
    expect(value(word(`'$OUT'`, vars))).toBe('$OUT');
    expect(value(word('${EMPTY:-def}', vars))).toBe('def');
    expect(value(word('${EMPTY-def}', vars))).toBe('');
    expect(value(word('${NOPE:-x/y}', vars))).toBe('x/y');
  });

  it('keeps what is unknown unknown, with why', () => {
    expect(value(word('$NOPE/x'))).toEqual({ why: '$NOPE is not known' });
    expect(value(word('"$(pwd)"/x'))).toEqual({ why: '$(pwd) is a command substitution' });
    expect(value(word('${X#pre}', { X: 'prefix' }))).toEqual({ why: '${X#pre} is not simulated' });
    expect(value(word('$((1+2))'))).toEqual({ why: '$((1+2)) is not simulated' });
  });

  it('marks unquoted globs, not quoted ones; ~ is home at the start of a word', () => {
    const g = word('src/*.py');
    expect('glob' in g && g.glob).toBe('src/*.py');
    const q = word('"src/*.py"');
    expect('glob' in q && q.glob).toBeNull();
    expect(value(word('~/x'))).toBe('/home/u/x');
    expect(value(word('a~'))).toBe('a~');
  });

  it('replaces a caller stand-in by its value, or is unknown with its why', () => {
    const known: StandIn = { token: 'TOK0ZZZZ', value: 'ws', why: 'never' };
    const secret: StandIn = { token: 'TOK1ZZZZ', why: '${{ secrets.X }} is a GitHub expression' };
    expect(value(word('TOK0ZZZZ/x', {}, [known]))).toBe('ws/x');
    expect(value(word('"TOK0ZZZZ"', {}, [known]))).toBe('ws');
    expect(value(word('TOK1ZZZZ', {}, [secret]))).toEqual({ why: '${{ secrets.X }} is a GitHub expression' });
  });
});
