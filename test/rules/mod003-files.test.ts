// MOD003's cases for files Python sees differently from a listing (topic `files`): a module whose
// source was deleted while its bytecode cache `__pycache__/x.cpython-3X.pyc` stays behind. Python 3
// never imports from __pycache__ without the source (PEP 3147), so the import fails; the snapshot
// never lists __pycache__, so the check says so. The fixture's cache file is text; the snippet makes
// the real one (py_compile, then the source deleted) in a copy of the root.
import { ruleTester } from './tester.js';

/** Copies the root, compiles `module`.py into its __pycache__ there, deletes the source unless `keep`, runs `code`. */
function staleCache(module: string, keep: boolean, code: string): string {
  return [
    'import os, py_compile, shutil, sys, tempfile',
    'root = os.path.join(tempfile.mkdtemp(), "root")',
    'shutil.copytree(os.environ["PYTHONPATH"], root)',
    `src = os.path.join(root, ${JSON.stringify(`${module}.py`)})`,
    'if not os.path.exists(src): open(src, "w").write("def dumps(value):\\n    return str(value)\\n")',
    'cached = py_compile.compile(src, doraise=True)',
    'assert "__pycache__" in cached, cached',
    keep ? '' : 'os.remove(src)',
    'sys.path.insert(0, root)',
    code,
  ].join('\n');
}

const handler = String.raw`
-- handler.py --
from fastjson import dumps


def handler(event, context):
    return dumps(event)
-- __pycache__/fastjson.cpython-311.pyc --
(a stale cache: made for real by the snippet)
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'files-pycache-beside-its-source',
        title: 'fastjson.py with its __pycache__ cache: Python imports the module (the cache only speeds it up)',
        files: `${handler}-- fastjson.py --\ndef dumps(value):\n    return str(value)\n`,
        python: [
          { run: staleCache('fastjson', true, 'import handler; print(handler.handler(1, None))'), stdout: '1' },
          { run: 'import handler', fails: null },
        ],
      },
    ],
    invalid: [
      {
        name: 'files-pycache-without-its-source',
        title: 'fastjson.py deleted, __pycache__/fastjson.cpython-311.pyc left behind: Python 3 does not import from __pycache__ alone',
        files: handler,
        findings: [`handler.py:1:6  MOD003  error  "fastjson" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'fastjson'`],
        python: [
          { run: staleCache('fastjson', false, 'import handler'), fails: "No module named 'fastjson'" },
          { run: 'import handler', fails: "No module named 'fastjson'" },
        ],
      },
    ],
  },
  'files',
);
