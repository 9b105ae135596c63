// MOD003 and six's virtual module six.moves (issue #15 item 5, audit15 F5l): when six.py is in the
// package, which modules exist under six.moves is read from its tables (src/graph/six-moves.ts).
// six.py is Debian's (python3-six, 1.16), copied into each case, never committed.
import fs from 'node:fs';
import { ruleTester } from './tester.js';

const SIX = fs.readFileSync('/usr/lib/python3/dist-packages/six.py', 'utf8');

const atRoot = (imports: string) => String.raw`
-- handler.py --
${imports}


def handler(event, context):
    return "ok"
-- six.py --
${SIX}-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'six-moves-modules',
        title: 'six.moves, a MovedModule, urllib and its parts are modules six\'s importer registers',
        files: atRoot('import six.moves\nimport six.moves.queue\nimport six.moves.urllib.parse\nimport six.moves.urllib_request\nfrom six.moves.configparser import ConfigParser'),
        python: { run: 'import handler', fails: null },
      },
      {
        name: 'six-moves-vendored-in-a-library',
        title: 'urllib3 1.x style: `from ..packages.six.moves import http_client` in a library installed into the package (was MOD003 on pip/_vendor/urllib3: "not a package")',
        files: String.raw`
-- handler.py --
from vendored.util import fetch


def handler(event, context):
    return fetch(event)
-- vendored/__init__.py --
-- vendored/packages/__init__.py --
-- vendored/packages/six.py --
${SIX}-- vendored/util/__init__.py --
from ..packages.six.moves import http_client, queue
from ..packages.six.moves.urllib.parse import urljoin


def fetch(event):
    return urljoin("https://x/", "y"), http_client.OK, queue.Queue
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        python: { run: 'import handler; print(handler.handler(None, None)[0])', stdout: 'https://x/y' },
      },
      {
        name: 'six-moves-not-in-the-repository',
        title: 'six installed by requirements.txt, not in the repository: its tables are not read, nothing is judged',
        files: String.raw`
-- handler.py --
from six.moves import anything_at_all


def handler(event, context):
    return anything_at_all
-- requirements.txt --
six==1.16.0
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
      },
    ],
    invalid: [
      {
        name: 'six-moves-attribute-imported-as-module',
        title: 'import six.moves.range: range is a MovedAttribute, not a module the importer knows',
        files: atRoot('import six.moves.range'),
        findings: [
          "handler.py:1:8  MOD003  error  \"six.moves.range\" is not a module six.py registers (its importer builds six.moves from the tables there): ModuleNotFoundError: No module named 'six.moves.range'",
        ],
        python: { run: 'import handler', fails: "No module named 'six.moves.range'" },
      },
      {
        name: 'six-moves-misspelt-module',
        title: 'from six.moves.urlib.parse import urlencode: no six.moves.urlib',
        files: atRoot('from six.moves.urlib.parse import urlencode'),
        findings: [
          "handler.py:1:6  MOD003  error  \"six.moves.urlib.parse\" is not a module six.py registers (its importer builds six.moves from the tables there): ModuleNotFoundError: No module named 'six.moves.urlib'; did you mean \"six.moves.urllib\" or \"six.moves.reprlib\"?",
        ],
        python: { run: 'import handler', fails: "No module named 'six.moves.urlib'" },
      },
      {
        name: 'six-moves-below-a-lazy-module',
        title: 'six.moves.urllib.parse is a module, not a package',
        files: atRoot('import six.moves.urllib.parse.x'),
        findings: [
          "handler.py:1:8  MOD003  error  \"six.moves.urllib.parse.x\" is not a module six.py registers (its importer builds six.moves from the tables there): ModuleNotFoundError: No module named 'six.moves.urllib.parse.x'; 'six.moves.urllib.parse' is not a package",
        ],
        python: { run: 'import handler', fails: "'six.moves.urllib.parse' is not a package" },
      },
    ],
  },
  'six',
);
