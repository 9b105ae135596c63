import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { openSnapshot } from '../../src/snapshot/index.js';
import { git, makeRepo, tempDir, writeTree } from '../helpers.js';

const APP_FILES = { 'src/main.py': '', 'src/lazy_app.py': '' };

async function load(dir: string, opts: { staged?: boolean; configPath?: string } = {}) {
  const snap = await openSnapshot(dir, { staged: opts.staged });
  try {
    return await loadConfig(snap, { configPath: opts.configPath });
  } finally {
    await snap.close();
  }
}

async function problems(dir: string, opts: { staged?: boolean; configPath?: string } = {}): Promise<string[]> {
  const err = await load(dir, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).problems;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('config discovery', () => {
  it('gives an empty config when there is none', async () => {
    const dir = tempDir();
    writeTree({ 'package.json': json({ name: 'x' }), ...APP_FILES }, dir);
    expect(await load(dir)).toEqual({ config: {}, file: undefined, dir: '', files: [] });
  });

  it('prefers .json, then .yaml, then .yml, then the package.json key', async () => {
    const dir = tempDir();
    const app = (name: string) => ({ apps: [{ name, root: 'src', entrypoints: ['main.py'] }] });
    writeTree({
      ...APP_FILES,
      'parity-check.config.json': json(app('from-json')),
      'parity-check.config.yaml': `apps:\n  - name: from-yaml\n    root: src\n    entrypoints: [main.py]\n`,
      'parity-check.config.yml': `apps:\n  - {name: from-yml, root: src, entrypoints: [main.py]}\n`,
      'package.json': json({ name: 'x', 'parity-check': app('from-package') }),
    }, dir);
    const names = async () => {
      const r = await load(dir);
      return [r.file, r.config.apps?.[0].name];
    };
    expect(await names()).toEqual(['parity-check.config.json', 'from-json']);
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    expect(await names()).toEqual(['parity-check.config.yaml', 'from-yaml']);
    fs.rmSync(path.join(dir, 'parity-check.config.yaml'));
    expect(await names()).toEqual(['parity-check.config.yml', 'from-yml']);
    fs.rmSync(path.join(dir, 'parity-check.config.yml'));
    expect(await names()).toEqual(['package.json', 'from-package']);
  });

  it('reads a YAML config with every field', async () => {
    const dir = tempDir();
    writeTree({
      ...APP_FILES,
      'parity-check.config.yaml': [
        '# comment',
        'apps:',
        '  - name: api',
        '    root: src',
        '    entrypoints:',
        '      - main.py',
        '      - lazy_app.py',
        '    allow:',
        '      - rule: PAR001',
        '        name: GZipMiddleware',
        '        reason: "  gateway compresses  "',
        'rules:',
        '  PAR002: off',
        'ignore: ["tests/**"]',
        '',
      ].join('\n'),
    }, dir);
    expect(await load(dir)).toEqual({
      file: 'parity-check.config.yaml',
      dir: '',
      files: ['parity-check.config.yaml'],
      config: {
        apps: [
          {
            name: 'api',
            root: 'src',
            entrypoints: ['main.py', 'lazy_app.py'],
            allow: [{ rule: 'PAR001', name: 'GZipMiddleware', reason: 'gateway compresses' }],
          },
        ],
        rules: { PAR002: 'off' },
        ignore: ['tests/**'],
      },
    });
  });

  it('reports problems in a package.json key with that label', async () => {
    const dir = tempDir();
    writeTree({ 'package.json': json({ name: 'x', 'parity-check': { apps: 'no' } }) }, dir);
    expect(await problems(dir)).toEqual(['package.json ("parity-check" key): apps: expected an array, found string']);
  });

  it('reads the config from the index with --staged, and from disk otherwise', async () => {
    const repo = makeRepo();
    writeTree({ ...APP_FILES, 'parity-check.config.json': json({ rules: { PAR001: 'warning' } }) }, repo);
    git(repo, 'add', '-A');
    writeTree({ 'parity-check.config.json': json({ rules: { PAR001: 'off' } }) }, repo);
    expect((await load(repo, { staged: true })).config).toEqual({ rules: { PAR001: 'warning' } });
    expect((await load(repo)).config).toEqual({ rules: { PAR001: 'off' } });
    // Staged for deletion: no config in the index, even though the file is on disk.
    git(repo, 'rm', '-q', '-f', '--cached', 'parity-check.config.json');
    expect(await load(repo, { staged: true })).toEqual({ config: {}, file: undefined, dir: '', files: [] });
    // An app root that exists only on disk fails the staged check.
    writeTree({ 'parity-check.config.json': json({ apps: [{ name: 'a', root: 'lambda', entrypoints: ['h.py'] }] }), 'lambda/h.py': '' }, repo);
    git(repo, 'add', 'parity-check.config.json');
    expect(await problems(repo, { staged: true })).toEqual(['parity-check.config.json: apps[0].root: folder "lambda" does not exist']);
    expect((await load(repo)).config.apps?.[0].root).toBe('lambda');
  });
});

describe('config --config', () => {
  it('reads a file inside the checked folder through the snapshot; dir is its folder', async () => {
    const repo = makeRepo();
    writeTree({ 'services/api/src/main.py': '', 'conf/pc.json': json({ apps: [{ name: 'a', root: '../services/api/src', entrypoints: ['main.py'] }] }) }, repo);
    git(repo, 'add', '-A');
    const abs = path.join(repo, 'conf', 'pc.json');
    expect(await load(repo, { configPath: abs })).toMatchObject({ file: 'conf/pc.json', dir: 'conf' });
    // Relative to the current folder.
    expect(await load(repo, { configPath: path.relative(process.cwd(), abs) })).toMatchObject({ file: 'conf/pc.json', dir: 'conf' });
    // Through the index: an unstaged edit is not seen, an untracked file does not exist.
    writeTree({ 'conf/pc.json': '{ broken' }, repo);
    expect((await load(repo, { staged: true, configPath: abs })).config.apps?.[0].name).toBe('a');
    writeTree({ 'conf/new.json': '{}' }, repo);
    expect(await problems(repo, { staged: true, configPath: path.join(repo, 'conf', 'new.json') })).toEqual([
      'config file conf/new.json does not exist',
    ]);
  });

  it('reads a file outside the checked folder from disk', async () => {
    const outside = tempDir();
    const dir = tempDir();
    writeTree(APP_FILES, dir);
    writeTree({ 'pc.yaml': 'rules: {MOD001: error}\n' }, outside);
    const file = path.join(outside, 'pc.yaml');
    const r = await load(dir, { configPath: file });
    // Outside the checked folder: never staged, so not among the files a staged change can touch;
    // read from disk, so a stored answer carries its text (diskInputs).
    expect(r).toEqual({ config: { rules: { MOD001: 'error' } }, file, dir: path.relative(dir, outside), files: [], diskInputs: [[file, 'rules: {MOD001: error}\n']] });
    expect(r.dir.startsWith('../')).toBe(true);
    expect(await problems(dir, { configPath: path.join(outside, 'missing.json') })).toEqual([
      `config file ${path.join(outside, 'missing.json')} does not exist`,
    ]);
  });
});

describe('config problems', () => {
  it('reports every shape problem at once, with its path, what was expected and what was found', async () => {
    const dir = tempDir();
    writeTree({
      ...APP_FILES,
      'parity-check.config.json': json({
        extends: 5,
        apps: [
          { name: 'a', root: 5, entrypoints: ['main.py'] },
          { name: 'b', rot: 'x', root: 'src', entrypoints: [] },
          { name: '', entrypoints: ['main.py', ''] },
        ],
        allow: [{ rule: 'PAR001', reason: '   ' }, { rule: 'nope' }],
        rules: { PAR001: 'loud', bad: 'off' },
        ignore: 'tests',
        extra: true,
      }),
    }, dir);
    expect(await problems(dir)).toEqual([
      'parity-check.config.json: extends: expected a string or an array, found number',
      'parity-check.config.json: apps[0].root: expected a string, found number',
      'parity-check.config.json: apps[1].entrypoints: at least one entry point is needed',
      'parity-check.config.json: apps[1]: unknown key "rot" (did you mean "root"?)',
      'parity-check.config.json: apps[2].name: must not be empty',
      'parity-check.config.json: apps[2].root: missing (expected a string)',
      'parity-check.config.json: apps[2].entrypoints[1]: must not be empty',
      'parity-check.config.json: allow[0].reason: a reason is required: say why the difference is intentional',
      'parity-check.config.json: allow[1].rule: expected a rule code such as "PAR001", found "nope"',
      'parity-check.config.json: allow[1].reason: a reason is required: say why the difference is intentional',
      'parity-check.config.json: rules.PAR001: expected one of "off", "warning", "error", "warn", found "loud"',
      'parity-check.config.json: rules: "bad" is not a rule code (see "parity-check rules")',
      'parity-check.config.json: ignore: expected an array, found string',
      'parity-check.config.json: unknown key "extra"',
    ]);
  });

  it('suggests a known key by edit distance, ignoring case, a swap of two neighbours one edit (not by the difflib ratio of util/similar.ts)', async () => {
    const dir = tempDir();
    try {
      writeTree(
        {
          ...APP_FILES,
          'parity-check.config.json': json({ APPS: [], apps: [{ name: 'a', root: 'src', entrypoints: ['main.py'], ROOT: 'src', entry: 'x', naem: 'b' }] }),
        },
        dir,
      );
      expect(await problems(dir)).toEqual([
        'parity-check.config.json: apps[0]: unknown key "ROOT" (did you mean "root"?)',
        'parity-check.config.json: apps[0]: unknown key "entry"',
        // One swap: a 4-letter key allows one edit ("naem" was two edits apart before swaps counted as one).
        'parity-check.config.json: apps[0]: unknown key "naem" (did you mean "name"?)',
        'parity-check.config.json: unknown key "APPS" (did you mean "apps"?)',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks folders, entry points and names once the shape is right', async () => {
    const dir = tempDir();
    writeTree({
      'apps/x/src/main.py': '',
      'apps/y/handler.py': '',
      'parity-check.config.json': json({
        apps: [
          { name: 'x', root: 'apps/x/src', entrypoints: ['main.py', 'lazy_app.py'] },
          { name: 'gone', root: 'apps/z', entrypoints: ['main.py'] },
          { name: 'x', root: './apps/y/', entrypoints: ['handler.py'] },
          { name: 'up', root: '../elsewhere', entrypoints: ['main.py'] },
        ],
      }),
    }, dir);
    expect(await problems(dir)).toEqual([
      'parity-check.config.json: apps[0].entrypoints[1]: file "apps/x/src/lazy_app.py" does not exist',
      'parity-check.config.json: apps[1].root: folder "apps/z" does not exist',
      'parity-check.config.json: apps[2].name: duplicate app name "x" (also used by apps[0])',
      `parity-check.config.json: apps[3].root: folder "../elsewhere" is outside the checked folder (it is ${path.resolve(dir, '../elsewhere')}; the checked folder is ${dir}, and roots are relative to the config file's folder)`,
    ]);
  });

  it('resolves roots relative to the config file’s folder', async () => {
    const dir = tempDir();
    writeTree({ 'svc/src/main.py': '', 'svc/pc.json': json({ apps: [{ name: 'a', root: 'src', entrypoints: ['main.py', 'nope.py'] }] }) }, dir);
    expect(await problems(dir, { configPath: path.join(dir, 'svc', 'pc.json') })).toEqual([
      'svc/pc.json: apps[0].entrypoints[1]: file "src/nope.py" does not exist',
    ]);
  });

  it('gives JSON syntax errors with line and column', async () => {
    const cases: [string, string][] = [
      ['{\n  "apps": [\n    }\n', 'invalid JSON at line 3, column 5: expected a value, found \'}\''],
      ['{\n  "rules": {"PAR001": "off",}\n}\n', "invalid JSON at line 2, column 29: trailing comma: remove the ',' before '}'"],
      ['{\n  "ignore": ["a" "b"]\n}', "invalid JSON at line 2, column 18: expected ',' or ']' after an array element, found '\"'"],
      ['{"apps": [', 'invalid JSON at line 1, column 11: unexpected end of the file: a value is missing'],
      ['', 'invalid JSON at line 1, column 1: unexpected end of the file: a value is missing'],
      ["{'apps': []}", "invalid JSON at line 1, column 2: expected a double-quoted property name, found '''"],
      ['{"a": tru}', "invalid JSON at line 1, column 10: expected a value, found '}'"],
      ['{"a": 1} x', "invalid JSON at line 1, column 10: unexpected 'x' after the end of the JSON value"],
      ['{"a": "x\n"}', 'invalid JSON at line 1, column 9: unterminated string: the closing \'"\' is missing'],
    ];
    for (const [text, message] of cases) {
      const dir = tempDir();
      writeTree({ 'parity-check.config.json': text }, dir);
      expect(await problems(dir)).toEqual([`parity-check.config.json: ${message}`]);
    }
  });

  it('gives YAML syntax errors with line and column', async () => {
    const dir = tempDir();
    writeTree({ 'parity-check.config.yml': 'rules:\n  PAR001: off\n  PAR001: error\n' }, dir);
    expect(await problems(dir)).toEqual(['parity-check.config.yml: invalid YAML at line 3, column 3: map keys must be unique']);
    writeTree({ 'parity-check.config.yml': 'apps:\n  - name: a\n   root: b\n' }, dir);
    expect(await problems(dir)).toEqual(['parity-check.config.yml: invalid YAML at line 3, column 1: sequence item without - indicator']);
  });

  it('accepts an empty YAML file as an empty config', async () => {
    const dir = tempDir();
    writeTree({ 'parity-check.config.yaml': '# nothing yet\n' }, dir);
    expect(await load(dir)).toEqual({ config: {}, file: 'parity-check.config.yaml', dir: '', files: ['parity-check.config.yaml'] });
  });
});

describe('config extends', () => {
  it('merges a chain of paths, each relative to the file that says it', async () => {
    const dir = tempDir();
    writeTree({
      ...APP_FILES,
      'other/main.py': '',
      'shared/base.json': json({
        extends: './deeper/root.yaml',
        apps: [{ name: 'api', root: 'other', entrypoints: ['main.py'] }, { name: 'keep', root: 'other', entrypoints: ['main.py'] }],
        allow: [{ rule: 'PAR001', reason: 'base' }],
        rules: { PAR001: 'warning', MOD001: 'off' },
        ignore: ['base/**'],
      }),
      'shared/deeper/root.yaml': 'rules:\n  PAR005: "off"\nignore: ["root/**"]\n',
      'parity-check.config.json': json({
        extends: './shared/base.json',
        apps: [{ name: 'api', root: 'src', entrypoints: ['main.py', 'lazy_app.py'] }],
        allow: [{ rule: 'MOD001', reason: 'leaf' }],
        rules: { PAR001: 'error' },
        ignore: ['leaf/**'],
      }),
    }, dir);
    expect((await load(dir)).config).toEqual({
      apps: [
        { name: 'api', root: 'src', entrypoints: ['main.py', 'lazy_app.py'] },
        { name: 'keep', root: 'other', entrypoints: ['main.py'] },
      ],
      allow: [
        { rule: 'PAR001', reason: 'base' },
        { rule: 'MOD001', reason: 'leaf' },
      ],
      rules: { PAR005: 'off', PAR001: 'error', MOD001: 'off' },
      ignore: ['root/**', 'base/**', 'leaf/**'],
    });
    // Every file of the chain: a staged change to any of them makes every app relevant.
    expect((await load(dir)).files.sort()).toEqual(['parity-check.config.json', 'shared/base.json', 'shared/deeper/root.yaml']);
  });

  it('extends installed packages: their parity-check.config.json, their package.json key, or hidden by exports', async () => {
    const dir = tempDir();
    writeTree({
      ...APP_FILES,
      'node_modules/@acme/pc-config/package.json': json({ name: '@acme/pc-config', version: '1.0.0' }),
      'node_modules/@acme/pc-config/parity-check.config.json': json({ rules: { PAR001: 'warning' }, extends: 'pc-keyed' }),
      'node_modules/pc-keyed/package.json': json({ name: 'pc-keyed', 'parity-check': { ignore: ['keyed/**'] } }),
      'node_modules/pc-hidden/package.json': json({ name: 'pc-hidden', exports: { '.': './index.js' } }),
      'node_modules/pc-hidden/index.js': '',
      'node_modules/pc-hidden/parity-check.config.json': json({ rules: { MOD002: 'off' } }),
      'parity-check.config.json': json({ extends: ['@acme/pc-config', 'pc-hidden'] }),
    }, dir);
    expect((await load(dir)).config).toEqual({ rules: { PAR001: 'warning', MOD002: 'off' }, ignore: ['keyed/**'] });
  });

  it('names the extended file in its problems, and says what cannot be found', async () => {
    const dir = tempDir();
    writeTree({
      'base.json': '{\n  "rules": {\n    "PAR001": "off"\n  ,}\n}',
      'node_modules/pc-bad/package.json': json({ name: 'pc-bad', 'parity-check': { apps: [{ name: 'a' }] } }),
      'node_modules/pc-empty/package.json': json({ name: 'pc-empty' }),
      'parity-check.config.json': json({ extends: ['./base.json', 'pc-bad', 'no-such-package', 'pc-empty', './missing.yaml'] }),
    }, dir);
    expect(await problems(dir)).toEqual([
      "base.json: invalid JSON at line 4, column 4: trailing comma: remove the ',' before '}'",
      'node_modules/pc-bad/package.json ("parity-check" key): apps[0].root: missing (expected a string)',
      'node_modules/pc-bad/package.json ("parity-check" key): apps[0].entrypoints: missing (expected an array)',
      'parity-check.config.json: extends[2]: cannot find "no-such-package": no such file, and no installed package of that name with a parity-check.config.json or a "parity-check" key in its package.json',
      'parity-check.config.json: extends[3]: package "pc-empty" has no parity-check.config.json and no "parity-check" key in its package.json',
      'parity-check.config.json: extends[4]: file "missing.yaml" does not exist',
    ]);
  });

  it('reports a cycle instead of looping', async () => {
    const dir = tempDir();
    writeTree({
      'parity-check.config.json': json({ extends: './a.json' }),
      'a.json': json({ extends: './b.yaml' }),
      'b.yaml': 'extends: ./a.json\n',
    }, dir);
    expect(await problems(dir)).toEqual(['b.yaml: extends makes a cycle: parity-check.config.json → a.json → b.yaml → a.json']);
  });

  it('merges a file reached twice (a diamond) once', async () => {
    const dir = tempDir();
    writeTree({
      'parity-check.config.json': json({ extends: ['./a.json', './b.json'] }),
      'a.json': json({ extends: './common.json' }),
      'b.json': json({ extends: './common.json' }),
      'common.json': json({ allow: [{ rule: 'PAR001', reason: 'once' }] }),
    }, dir);
    expect((await load(dir)).config).toEqual({ allow: [{ rule: 'PAR001', reason: 'once' }] });
  });

  it('reads extended files inside the checked folder from the index with --staged', async () => {
    const repo = makeRepo();
    writeTree({ 'parity-check.config.json': json({ extends: './base.json' }), 'base.json': json({ rules: { PAR001: 'off' } }) }, repo);
    git(repo, 'add', '-A');
    writeTree({ 'base.json': json({ rules: { PAR001: 'error' } }) }, repo);
    expect((await load(repo, { staged: true })).config).toEqual({ rules: { PAR001: 'off' } });
    expect((await load(repo)).config).toEqual({ rules: { PAR001: 'error' } });
  });
});
