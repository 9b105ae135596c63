// MOD003's cases on what makes an import the repository's own (issue #15 item 5, topic `imports`):
// a folder named like an installed distribution, six's virtual `six.moves`, `if not TYPE_CHECKING:`.
// A declared distribution is proved by a stub of it on sys.path after the root, as site-packages is.
import fs from 'node:fs';
import { ruleTester } from './tester.js';

/** A snippet that puts a stub distribution (`files`: path → text) on sys.path after the root, then runs `code`. */
function withInstalled(files: Record<string, string>, code: string): string {
  return [
    'import os, sys, tempfile',
    'site = tempfile.mkdtemp()',
    `for path, text in ${JSON.stringify(files)}.items():`,
    '    os.makedirs(os.path.join(site, os.path.dirname(path)), exist_ok=True)',
    '    open(os.path.join(site, path), "w").write(text)',
    'sys.path.append(site)',
    code,
  ].join('\n');
}

const A2A = { 'a2a/__init__.py': '', 'a2a/client/__init__.py': 'class A2AClient: pass\n', 'a2a/types.py': 'class Message: pass\n' };
const TOOLS = { 'acme_tools/__init__.py': '', 'acme_tools/calculator.py': 'def calculator(): pass\n' };

/** The real six, vendored as a repository does (the snippet's folder holds it as the root's six.py). */
const SIX = fs.readFileSync('/usr/lib/python3/dist-packages/six.py', 'utf8');

const a2aRepo = (requirements: string) => String.raw`
-- a2a/a2a-lambda-python/src/client/client.py --
from a2a.client import A2AClient
from a2a.types import Message

client = A2AClient()
-- a2a/a2a-lambda-python/src/client/requirements.txt --
${requirements}
-- a2a/a2a-lambda-python/src/server/server.py --
print("the a2a/ folder holds functions, not the a2a package")
-- parity-check.config.json --
{"apps": [{"name": "client", "root": "a2a/a2a-lambda-python/src/client", "entrypoints": ["client.py"]}]}
`;

const toolsRepo = (requirements: string) => String.raw`
-- agents/server/server.py --
from acme_tools.calculator import calculator

TOOLS = [calculator]
-- agents/server/requirements.txt --
${requirements}
-- other-function/src/lib/acme_tools.py --
def helper():
    return "another function's own module, not on this function's sys.path"
-- parity-check.config.json --
{"apps": [{"name": "server", "root": "agents/server", "entrypoints": ["server.py"]}]}
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'imports-distribution-named-like-an-ancestor-folder',
        title: 'a2a-sdk is declared: `a2a.client` is the installed package, not the repository folder a2a/ above the root (aws-samples/sample-serverless-mcp-servers)',
        golden: true,
        files: a2aRepo('boto3\na2a-sdk[http-server]'),
        python: { run: withInstalled(A2A, 'import client'), fails: null, root: 'a2a/a2a-lambda-python/src/client' },
      },
      {
        name: 'imports-distribution-named-like-another-functions-module',
        title: 'acme-agents-tools may install acme_tools: another function\'s lib/acme_tools.py is not on this function\'s sys.path',
        files: toolsRepo('acme-agents-tools>=0.2'),
        python: { run: withInstalled(TOOLS, 'import server'), fails: null, root: 'agents/server' },
      },
      {
        name: 'imports-folder-without-the-chain',
        title: 'docs/payments/ holds examples: `payments.stripe_api` has no payments/stripe_api anywhere, so it is not the repository\'s (an installed package or none)',
        files: String.raw`
-- app/handler.py --
from payments.stripe_api import charge


def handler(event, context):
    return charge(event)
-- docs/payments/example.py --
print("an example")
-- parity-check.config.json --
{"apps": [{"name": "app", "root": "app", "entrypoints": ["handler.py"]}]}
`,
        python: { run: withInstalled({ 'payments/__init__.py': '', 'payments/stripe_api.py': 'def charge(e): return e\n' }, 'import handler'), fails: null, root: 'app' },
      },
      {
        name: 'imports-vendored-six-moves',
        title: 'six.py vendored at the root: six.moves is a virtual module six registers, not a folder',
        files: String.raw`
-- handler.py --
from six.moves import urllib
from six.moves.urllib.parse import urlencode


def handler(event, context):
    return urlencode(event) + urllib.parse.quote("x")
-- six.py --
${SIX}-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        python: { run: 'import handler; print(handler.handler({"a": 1}, None))', stdout: 'a=1x' },
      },
      {
        name: 'imports-not-type-checking-else',
        title: 'if not TYPE_CHECKING: ... else: from stubs import ... — the else branch only type checkers read',
        files: String.raw`
-- handler.py --
from typing import TYPE_CHECKING

if not TYPE_CHECKING:
    from models.runtime import User
else:
    from models.typing_stubs import User


def handler(event, context):
    return User.__name__
-- models/__init__.py --
-- models/runtime.py --
class User:
    pass
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        python: { run: 'import handler; print(handler.handler(None, None))', stdout: 'User' },
      },
    ],
    invalid: [
      {
        name: 'imports-folder-named-like-an-undeclared-distribution',
        title: 'the same repository without a2a-sdk declared: the a2a/ folder above the root does not hold a2a.client, and nothing installs it',
        files: a2aRepo('boto3'),
        findings: [
          "a2a/a2a-lambda-python/src/client/client.py:1:6  MOD003  error  \"a2a.client\" does not resolve under a2a/a2a-lambda-python/src/client (Lambda's /var/task): ModuleNotFoundError: No module named 'a2a'",
          "a2a/a2a-lambda-python/src/client/client.py:2:6  MOD003  error  \"a2a.types\" does not resolve under a2a/a2a-lambda-python/src/client (Lambda's /var/task): ModuleNotFoundError: No module named 'a2a'",
        ],
        python: { run: 'import client', fails: "No module named 'a2a'", root: 'a2a/a2a-lambda-python/src/client' },
      },
      {
        name: 'imports-other-functions-module-undeclared',
        title: 'acme_tools exists only as another function\'s module and nothing declared provides it: the import fails on Lambda',
        files: toolsRepo('boto3'),
        findings: [
          "agents/server/server.py:1:6  MOD003  error  \"acme_tools.calculator\" does not resolve under agents/server (Lambda's /var/task): ModuleNotFoundError: No module named 'acme_tools'",
        ],
        python: { run: 'import server', fails: "No module named 'acme_tools'", root: 'agents/server' },
      },
      {
        name: 'imports-deleted-module-under-namespace',
        title: 'src/ is a namespace folder under the root and src/util.py was deleted: src is the repository\'s, so src.util is reported',
        files: String.raw`
-- handler.py --
from src.util import fmt


def handler(event, context):
    return fmt(event)
-- src/other.py --
def other():
    return 1
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        findings: [
          "handler.py:1:6  MOD003  error  \"src.util\" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'src.util'",
        ],
        python: { run: 'import handler', fails: "No module named 'src.util'" },
      },
      {
        name: 'imports-chain-elsewhere-in-the-repository',
        title: 'shared/helpers/fmt.py is not under the root app/: helpers.fmt is the repository\'s module, spelled for a root it is not deployed from',
        files: String.raw`
-- app/handler.py --
from helpers.fmt import fmt


def handler(event, context):
    return fmt(event)
-- shared/helpers/fmt.py --
def fmt(e):
    return e
-- parity-check.config.json --
{"apps": [{"name": "app", "root": "app", "entrypoints": ["handler.py"]}]}
`,
        findings: [
          "app/handler.py:1:6  MOD003  error  \"helpers.fmt\" does not resolve under app (Lambda's /var/task): ModuleNotFoundError: No module named 'helpers'",
        ],
        python: { run: 'import handler', fails: "No module named 'helpers'", root: 'app' },
      },
      {
        name: 'imports-not-type-checking-if-body',
        title: 'if not TYPE_CHECKING: runs its body: a missing runtime module there is reported',
        files: String.raw`
-- handler.py --
from typing import TYPE_CHECKING

if not TYPE_CHECKING:
    from models.runtime import User
else:
    from models.typing_stubs import User


def handler(event, context):
    return User.__name__
-- models/__init__.py --
-- models/typing_stubs.py --
class User:
    pass
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["handler.py"]}]}
`,
        findings: [
          "handler.py:4:10  MOD003  error  \"models.runtime\" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'models.runtime'",
        ],
        python: { run: 'import handler', fails: "No module named 'models.runtime'" },
      },
    ],
  },
  'imports',
);
