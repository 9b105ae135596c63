import { describe, expect, it } from 'vitest';
import { hole, pathsAgree, shownPath, toPattern, type PathPattern } from '../../src/util/path-pattern.js';

const p = (s: string): PathPattern => toPattern(s.replace(/\*/g, () => hole('$X')), s)!;

describe('artifact paths with unknown parts', () => {
  it('agree when their literal parts do', () => {
    expect(pathsAgree(p('dist/lambda-*.zip'), p('dist/lambda-*.zip'))).toBe(true);
    expect(pathsAgree('dist/lambda-1a2b.zip', p('dist/lambda-*.zip'))).toBe(true);
    expect(pathsAgree(p('*/lambda-*.zip'), p('dist/lambda-*.zip'))).toBe(true);
    expect(pathsAgree('build/out/app.zip', p('*/app.zip'))).toBe(true);
  });

  it('keep what each unknown part was written as', () => {
    const w = `out/${hole('$(cd ../x && pwd)')}${hole('$B')}/lambda-${hole('${{ github.sha }}')}.zip`;
    expect(shownPath(w)).toBe('out/$(cd ../x && pwd)$B/lambda-${{ github.sha }}.zip');
    expect(toPattern(w, 'as written')!.literals).toEqual(['out/', '/lambda-', '.zip']);
  });

  it('do not when the literal parts differ, or say nothing', () => {
    expect(pathsAgree(p('dist/*-lambda.zip'), p('dist/lambda-*.zip'))).toBe(false);
    expect(pathsAgree(p('dist/lambda-*.zip'), p('build/lambda-*.zip'))).toBe(false);
    expect(pathsAgree('dist/sub/lambda-1.zip', p('dist/lambda-*.zip'))).toBe(false);
    expect(pathsAgree('dist/api.zip', p('dist/*.zip'))).toBe(false);
    expect(pathsAgree(p('dist/*.zip'), p('dist/*.zip'))).toBe(false);
    expect(pathsAgree(p('dist/worker-*.zip'), p('dist/lambda-*.zip'))).toBe(false);
  });
});
