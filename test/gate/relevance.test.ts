import { describe, expect, it } from 'vitest';
import { localTopLevelNames } from '../../src/python/resolve.js';
import { dependencyFileNames } from '../../src/python/deps.js';
import { globalReason, mergeChanged, selectApps, topLevelNamesChange } from '../../src/relevance.js';
import { isDeployPath } from '../../src/sources/index.js';

/** The readers run.ts injects: what deps.ts and the deploy sources read. */
const readers = { isDependencyFile: dependencyFileNames, isDeployFile: isDeployPath };

const apps = [
  { name: 'backend', root: 'apps/backend/src' },
  { name: 'worker', root: 'apps/worker' },
];
const paths = [
  'apps/backend/src/main.py',
  'apps/backend/src/lazy_app.py',
  'apps/backend/src/api/v1/users.py',
  'apps/worker/main.py',
  'apps/worker/lazy_app.py',
  'README.md',
  'docs/guide.md',
  'docs/index.md',
];
const select = (changed: { status: string; path: string }[], configFiles: string[] = []) =>
  selectApps({ changed, apps, configFiles, paths, topLevelNames: localTopLevelNames, readers });

describe('selectApps', () => {
  it('selects only the app whose root holds a modified file', () => {
    expect(select([{ status: 'M', path: 'apps/backend/src/api/v1/users.py' }])).toEqual({ apps: ['backend'] });
    expect(select([{ status: 'M', path: 'apps/worker/main.py' }])).toEqual({ apps: ['worker'] });
  });

  it('selects nothing for files outside every root that change no top-level name', () => {
    expect(select([{ status: 'M', path: 'README.md' }]).apps).toEqual([]);
    // apps/backend/tests is outside the root apps/backend/src
    expect(select([{ status: 'M', path: 'apps/backend/tests/test_x.py' }]).apps).toEqual([]);
    // a new file in a folder that exists already adds no name
    expect(select([{ status: 'A', path: 'docs/guide.md' }]).apps).toEqual([]);
  });

  it('does not confuse a root with a longer sibling folder', () => {
    expect(select([{ status: 'M', path: 'apps/worker-old/main.py' }]).apps).toEqual([]);
  });

  it('counts deletions and both paths of a rename (D + A)', () => {
    expect(select([{ status: 'D', path: 'apps/backend/src/api/v1/users.py' }]).apps).toEqual(['backend']);
    const renamed = select([
      { status: 'D', path: 'apps/backend/src/api/v1/users.py' },
      { status: 'A', path: 'apps/worker/users.py' },
    ]);
    expect(renamed.apps).toEqual(['backend', 'worker']);
  });

  it('makes config, dependency and deploy files affect every app', () => {
    for (const [p, why] of [
      ['parity-check.config.json', 'config'],
      ['parity-check.config.yaml', 'config'],
      ['package.json', 'config'],
      ['configs/shared.json', 'config'],
      ['apps/backend/requirements.txt', 'dependencies'],
      ['requirements-dev.txt', 'dependencies'],
      ['requirements/base.txt', 'dependencies'],
      ['pyproject.toml', 'dependencies'],
      ['Pipfile', 'dependencies'],
      ['setup.cfg', 'dependencies'],
      ['template.yaml', 'deploy'],
      ['infra/serverless.yml', 'deploy'],
      ['infra/lambda.tf', 'deploy'],
      ['apps/backend/Dockerfile', 'deploy'],
      ['Dockerfile.lambda', 'deploy'],
      ['.github/workflows/deploy.yml', 'deploy'],
    ] as const) {
      const r = select([{ status: 'M', path: p }], ['parity-check.config.json', 'configs/shared.json']);
      expect(r.apps, p).toEqual(['backend', 'worker']);
      expect(r.global, p).toEqual({ path: p, why });
    }
  });

  it('does not take a nested package.json or an unrelated json for config; a nested package.json is a builder file', () => {
    // Its scripts may build a Lambda package (npm run build:lambda): a change to it is a deploy change, not config.
    expect(select([{ status: 'M', path: 'web/package.json' }]).global).toEqual({ path: 'web/package.json', why: 'deploy' });
    expect(select([{ status: 'M', path: 'web/tsconfig.json' }]).apps).toEqual([]);
  });

  it('makes an addition that creates a new top-level name affect every app', () => {
    // `import tools` resolves differently once a local tools/ folder exists.
    const r = selectApps({
      changed: [{ status: 'A', path: 'tools/helper.py' }],
      apps,
      paths: [...paths, 'tools/helper.py'],
      topLevelNames: localTopLevelNames,
      readers,
    });
    expect(r.apps).toEqual(['backend', 'worker']);
    expect(r.global?.why).toBe('top-level-names');
  });

  it('makes a deletion that removes the last file of a top-level name affect every app', () => {
    const r = selectApps({ changed: [{ status: 'D', path: 'notes/only.py' }], apps, paths, topLevelNames: localTopLevelNames, readers });
    expect(r.global?.why).toBe('top-level-names');
    // A folder of notes (no Python in it) names nothing Python can import: its last file goes unnoticed.
    expect(selectApps({ changed: [{ status: 'D', path: 'notes/only.md' }], apps, paths, topLevelNames: localTopLevelNames, readers }).global).toBeUndefined();
  });

  it('an app at the checked folder itself is affected by anything', () => {
    expect(selectApps({ changed: [{ status: 'M', path: 'notes.txt' }], apps: [{ name: 'a', root: '' }], readers }).apps).toEqual(['a']);
  });
});

describe('file classes', () => {
  it('tells dependency and deploy files from others', () => {
    expect(dependencyFileNames('a/b/requirements.txt')).toBe(true);
    expect(dependencyFileNames('a/notes.txt')).toBe(false);
    expect(isDeployPath('a/b/main.tf')).toBe(true);
    expect(isDeployPath('a/b/main.py')).toBe(false);
    expect(isDeployPath('.github/workflows/ci.yaml')).toBe(true);
    expect(isDeployPath('.github/dependabot.yml')).toBe(false);
    expect(globalReason('src/app.py', new Set(), readers)).toBeUndefined();
  });
});

describe('topLevelNamesChange', () => {
  it('is false for modifications and for additions in known folders', () => {
    expect(topLevelNamesChange([{ status: 'M', path: 'x/new.py' }], ['x/new.py'], localTopLevelNames)).toBe(false);
    // names are folders and module stems anywhere: b exists already (y/b.py)
    expect(topLevelNamesChange([{ status: 'A', path: 'x/b.py' }], ['x/a.py', 'y/b.py', 'x/b.py'], localTopLevelNames)).toBe(false);
  });
  it('is true for a new top-level module', () => {
    expect(topLevelNamesChange([{ status: 'A', path: 'newmod.py' }], ['x/a.py', 'newmod.py'], localTopLevelNames)).toBe(true);
  });
});

describe('mergeChanged', () => {
  const staged = [
    { status: 'M', path: 'a.py' },
    { status: 'D', path: 'gone.py' },
    { status: 'A', path: 'new.py' },
  ];
  it('is git\'s list when no file is named', () => {
    expect(mergeChanged(undefined, staged)).toEqual(staged);
  });
  it('keeps deletions git knows even when the runner names only some files', () => {
    const out = mergeChanged(['a.py'], staged);
    expect(out).toContainEqual({ status: 'D', path: 'gone.py' });
    expect(out).toContainEqual({ status: 'A', path: 'new.py' });
  });
  it('adds named files git does not list, as modified', () => {
    expect(mergeChanged(['other.py'], [])).toEqual([{ status: 'M', path: 'other.py' }]);
  });
});
