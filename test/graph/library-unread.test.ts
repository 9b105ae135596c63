// Library configurations built at run time (issue #15, misses item 3, topic libs2): `dictConfig(build_config())`,
// `dictConfig(yaml.safe_load(...))`, `autodiscover_tasks(lambda: ...)`, `fileConfig(path)` with a computed path.
// Their module paths cannot be read here: each is named in --verbose (never an error, never silent). The broken
// twin (a src. prefix in the built dict, under a src/ root) fails in Python and is not reported: the --verbose
// line is what says the check could not look.
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

const files = (formatter: string) => ({
  'src/logutil.py': 'import logging\n\n\nclass JsonFormatter(logging.Formatter):\n    pass\n',
  'src/logsetup.py': `def build_config():\n    return {\n        "version": 1,\n        "formatters": {"json": {"()": "${formatter}"}},\n        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},\n        "root": {"handlers": ["console"]},\n    }\n`,
  'src/main.py': [
    'import logging.config',
    'import os',
    '',
    'from fastapi import FastAPI',
    '',
    'from logsetup import build_config',
    '',
    'logging.config.dictConfig(build_config())',
    'if os.environ.get("LOG_INI"):',
    '    logging.config.fileConfig(os.environ["LOG_INI"])',
    '',
    'app = FastAPI()',
    '',
  ].join('\n'),
  'parity-check.config.json': '{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}\n',
});

describe('library configurations built at run time', () => {
  for (const [label, formatter, fails] of [
    ['correct', 'logutil.JsonFormatter', false],
    ['broken (src. prefix)', 'src.logutil.JsonFormatter', true],
  ] as const) {
    it(`${label}: no error, and --verbose names each configuration that is not read`, () => {
      const dir = writeTree(files(formatter), makeRepo());
      commitAll(dir);
      const py = python('import main', `${dir}/src`);
      expect(py.code !== 0).toBe(fails);
      if (fails) expect(py.stderr).toContain("No module named 'src'");
      const r = runCli(['--verbose'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('src/main.py:8:27: logging.config.dictConfig(build_config()) is not read here (a value built at run time or held in another module): the module paths it imports at start-up are not checked (MOD001)');
      expect(r.stderr).toContain('src/main.py:10:31: logging.config.fileConfig(os.environ["LOG_INI"]) is not read here');
    });
  }
});

describe('a fileConfig .ini that is not in the checked folder', () => {
  it('is named in --verbose (the build may write it), not judged; Python fails without it', () => {
    const dir = writeTree(
      {
        'src/main.py': 'import logging.config\n\nfrom fastapi import FastAPI\n\nlogging.config.fileConfig("logging.ini")\n\napp = FastAPI()\n',
        'parity-check.config.json': '{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}\n',
      },
      makeRepo(),
    );
    commitAll(dir);
    // With the working folder at the root, as on Lambda: configparser reads nothing, and fileConfig finds no [formatters].
    const py = python('import os\nos.chdir(os.environ["PYTHONPATH"])\nimport main', `${dir}/src`);
    expect(py.code).not.toBe(0);
    expect(py.stderr).toMatch(/KeyError: 'formatters'|doesn't exist/);
    const r = runCli(['--verbose'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('src/main.py:5:27: logging.config.fileConfig reads logging.ini, which is not at src/logging.ini: its handler and formatter classes are not checked (MOD001)');
  });
});
