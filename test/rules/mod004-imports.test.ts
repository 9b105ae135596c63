// MOD004's cases on modules whose names cannot be read from their source (issue #15 item 5, topic
// `imports`): a module that puts another object in its place (`sys.modules[__name__] = obj`) and a
// sourceless `.pyc`. A fixture's `.pyc` is text; its snippet compiles the real one in its place in a copy
// of the root (the check only needs the file to exist, Python needs real bytecode).
import { ruleTester } from './tester.js';

/**
 * Copies the root (the PYTHONPATH entry) to a temporary folder, compiles `source` to `cfile` there and
 * runs `code` with that copy first on sys.path: the case's own files stay as the check read them.
 */
function compiled(cfile: string, source: string, code: string): string {
  return [
    'import os, py_compile, shutil, sys, tempfile',
    'root = os.path.join(tempfile.mkdtemp(), "root")',
    'shutil.copytree(os.environ["PYTHONPATH"], root)',
    'src = os.path.join(tempfile.mkdtemp(), "m.py")',
    `open(src, "w").write(${JSON.stringify(source)})`,
    `py_compile.compile(src, cfile=os.path.join(root, ${JSON.stringify(cfile)}), doraise=True)`,
    'sys.path.insert(0, root)',
    code,
  ].join('\n');
}

const settings = (replace: boolean) => String.raw`
-- handler.py --
from settings import DATABASE_URL


def handler(event, context):
    return DATABASE_URL
-- settings.py --
import os
import sys


class _Settings:
    def __getattr__(self, name):
        return os.environ.get(name, name.lower())

${replace ? 'sys.modules[__name__] = _Settings()' : 'SETTINGS = _Settings()'}
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`;

const PYC_SOURCE = 'def dumps(value):\n    return str(value)\n';

ruleTester(
  'MOD004',
  {
    valid: [
      {
        name: 'imports-sys-modules-replaced',
        title: 'settings.py ends with sys.modules[__name__] = _Settings(): from settings import X reads the object\'s attributes',
        golden: true,
        files: settings(true),
        python: [
          { run: 'import handler', fails: null },
          { run: 'import handler; print(handler.handler(None, None))', stdout: 'database_url' },
        ],
      },
      {
        name: 'imports-sourceless-pyc-beside',
        title: 'fastjson.pyc at the root without fastjson.py: Python imports it sourcelessly; its names cannot be read, so none is reported',
        files: String.raw`
-- fastjson.pyc --
(compiled by the snippet)
-- handler.py --
from fastjson import dumps


def handler(event, context):
    return dumps(event)
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        python: { run: compiled('fastjson.pyc', PYC_SOURCE, 'import handler; print(handler.handler(1, None))'), stdout: '1' },
      },
    ],
    invalid: [
      {
        name: 'imports-sys-modules-not-replaced',
        title: 'the same settings.py keeping its module (SETTINGS = _Settings()): from settings import DATABASE_URL raises ImportError',
        files: settings(false),
        findings: ["handler.py:1:22  MOD004  error  ImportError: cannot import name 'DATABASE_URL' from 'settings' (settings.py)"],
        python: { run: 'import handler', fails: "cannot import name 'DATABASE_URL' from 'settings'" },
      },
    ],
  },
  'imports',
);
