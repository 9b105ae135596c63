// MOD004 and six's virtual module six.moves (issue #15 item 5, audit15 F5l): when six.py is in the
// package, what `from six.moves import X` may name is read from its tables (src/graph/six-moves.ts).
// six.py is Debian's (python3-six, 1.16), copied into each case, never committed.
import fs from 'node:fs';
import { ruleTester } from './tester.js';

const SIX = fs.readFileSync('/usr/lib/python3/dist-packages/six.py', 'utf8');

/** A handler importing through six at the root (six.py beside it), as a vendored or `pip install -t .` package holds it. */
const atRoot = (imports: string) => String.raw`
-- handler.py --
${imports}


def handler(event, context):
    return "ok"
-- six.py --
${SIX}-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`;

/** six vendored inside the app's package (app/vendor/six.py), imported relatively. */
const vendored = (imports: string) => String.raw`
-- app/__init__.py --
-- app/handler.py --
${imports}


def handler(event, context):
    return "ok"
-- app/vendor/__init__.py --
-- app/vendor/six.py --
${SIX}-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["app/handler.py"]}]}
`;

const EVERY_KIND = `from six.moves import urllib, range, queue, configparser, urllib_request, reduce
from six.moves.urllib.parse import urlencode, quote
from six.moves.urllib.error import HTTPError
from six.moves.urllib_parse import urljoin
from six.moves.urllib import parse, request
from six.moves.queue import Queue
import six.moves.urllib.parse
import six.moves.queue`;

ruleTester(
  'MOD004',
  {
    valid: [
      {
        name: 'six-moves-every-kind',
        title: 'attributes, MovedModules, urllib and its parts, urllib_<part>, and a MovedModule\'s own names: every one is in six.py\'s tables',
        files: atRoot(EVERY_KIND),
        python: { run: 'import handler', fails: null },
      },
      {
        name: 'six-moves-add-move',
        title: 'six.add_move(...) adds an attribute at run time: what six.moves holds is not judged',
        files: atRoot('import six\n\nsix.add_move(six.MovedModule("mock", "unittest.mock", "unittest.mock"))\n\nfrom six.moves import mock  # noqa: E402'),
        python: { run: 'import handler', fails: null },
      },
      {
        name: 'six-moves-vendored-relative',
        title: 'from .vendor.six.moves import ...: the vendored six registers app.vendor.six.moves under its own name',
        files: vendored('from .vendor.six.moves import queue, urllib\nfrom .vendor.six.moves.urllib.parse import urlencode'),
        python: { run: 'import app.handler', fails: null },
      },
    ],
    invalid: [
      {
        name: 'six-moves-misspelt',
        title: 'from six.moves import urlib: _moved_attributes has no such entry',
        files: atRoot('from six.moves import urlib'),
        findings: [
          "handler.py:1:23  MOD004  error  ImportError: cannot import name 'urlib' from 'six.moves' (unknown location): six.py:251 builds it from _moved_attributes, which does not list it; did you mean 'urllib' or 'reprlib'?",
        ],
        python: { run: 'import handler', fails: "cannot import name 'urlib' from 'six.moves'" },
      },
      {
        name: 'six-moves-parse-not-listed',
        title: 'quote_from_bytes is in urllib.parse but not in six\'s _urllib_parse_moved_attributes',
        files: atRoot('from six.moves.urllib.parse import quote, quote_from_bytes'),
        findings: [
          "handler.py:1:43  MOD004  error  ImportError: cannot import name 'quote_from_bytes' from 'six.moves.urllib.parse' (unknown location): six.py:345 builds it from _urllib_parse_moved_attributes, which does not list it; did you mean 'unquote_to_bytes'?",
        ],
        python: { run: 'import handler', fails: "cannot import name 'quote_from_bytes'" },
      },
      {
        name: 'six-moves-windows-only',
        title: 'winreg is added only `if sys.platform == "win32":`; Lambda is Linux',
        files: atRoot('from six.moves import winreg'),
        findings: [
          "handler.py:1:23  MOD004  error  ImportError: cannot import name 'winreg' from 'six.moves' (unknown location): six.py:251 builds it from _moved_attributes, which does not list it",
        ],
        python: { run: 'import handler', fails: "cannot import name 'winreg' from 'six.moves'" },
      },
      {
        name: 'six-moves-vendored-wrong-case',
        title: 'from .vendor.six.moves import Queue: six.moves has queue (the Python 3 name), not Queue',
        files: vendored('from .vendor.six.moves import Queue'),
        findings: [
          "app/handler.py:1:31  MOD004  error  ImportError: cannot import name 'Queue' from 'app.vendor.six.moves' (unknown location): app/vendor/six.py:251 builds it from _moved_attributes, which does not list it; did you mean 'queue'?",
        ],
        python: { run: 'import app.handler', fails: "cannot import name 'Queue' from 'app.vendor.six.moves'" },
      },
    ],
  },
  'six',
);
