// PAR001, topic `par2` (#15 misses, item 4): a factory called with different arguments. A test in
// the factory on a parameter (`if enable_gzip:`) is evaluated with each call's literal arguments and
// the defaults, keyword or positional; a value that cannot be read is a warning naming the test.
import { ruleTester } from './tester.js';

const factory = String.raw`
-- factory.py --
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware


def create_app(enable_gzip=False, env="dev"):
    app = FastAPI()
    if enable_gzip:
        app.add_middleware(GZipMiddleware, minimum_size=500)
    if env == "prod":
        pass
    elif env == "staging":
        app.add_middleware(GZipMiddleware, minimum_size=100)
    return app
-- settings.py --
import os

GZIP = os.environ.get("GZIP") == "1"
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const entry = (args: string) => String.raw`from factory import create_app
import settings  # noqa: F401

app = create_app(${args})
`;

const files = (main: string, lazy: string) => `${factory}-- main.py --\n${entry(main)}-- lazy_app.py --\n${entry(lazy)}`;

/** Python builds both apps: the middleware classes each serves. */
const stacks = (same: boolean) => String.raw`import main, lazy_app
m = [x.cls.__name__ for x in main.app.user_middleware]
l = [x.cls.__name__ for x in lazy_app.app.user_middleware]
print(m, l)
assert (m == l) is ${same ? 'True' : 'False'}, (m, l)`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'par2-factory-same-arguments-keyword-and-positional',
        title: 'create_app(True) and create_app(enable_gzip=True): one parameter bound both ways, the same middleware',
        files: files('True', 'enable_gzip=True'),
        python: { run: stacks(true), fails: null },
      },
      {
        name: 'par2-factory-default-equals-argument',
        title: 'create_app() and create_app(enable_gzip=False): the default is the argument, neither registers GZip',
        files: files('', 'enable_gzip=False, env="prod"'),
        python: { run: stacks(true), fails: null },
      },
    ],
    invalid: [
      {
        name: 'par2-factory-keyword-argument-differs',
        title: 'create_app(enable_gzip=True) in main.py, create_app() in lazy_app.py: GZip only for main.py',
        golden: true,
        files: files('enable_gzip=True', ''),
        findings: [
          'factory.py:8:9  PAR001  error  GZipMiddleware is registered in factory.py:8 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:4:1-4:19)',
        ],
        python: { run: stacks(false) },
      },
      {
        name: 'par2-factory-elif-on-a-string-argument',
        title: 'env="staging" reaches the elif branch; the default "dev" reaches no branch',
        files: files('', 'env="staging"'),
        findings: [
          'factory.py:12:9  PAR001  error  GZipMiddleware is registered in factory.py:12 (set up for lazy_app.py) but not in main.py: requests through main.py run without it (related main.py:4:1-4:19)',
        ],
        python: { run: stacks(false) },
      },
      {
        name: 'par2-factory-argument-cannot-be-read',
        title: 'create_app(enable_gzip=settings.GZIP): whether GZip is registered depends on the environment; a warning names the test',
        files: files('enable_gzip=settings.GZIP', ''),
        findings: [
          'factory.py:8:9  PAR001  warning  GZipMiddleware is registered in factory.py:8 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (registered only if enable_gzip (create_app(enable_gzip=settings.GZIP)), which cannot be read) (related lazy_app.py:4:1-4:19)',
        ],
        python: { run: `import os\nos.environ["GZIP"] = "1"\n${stacks(false)}` },
      },
      {
        name: 'par2-factory-two-unread-arguments',
        title: 'enable_gzip=settings.GZIP against enable_gzip=not settings.GZIP: neither can be read, and they differ',
        files: files('enable_gzip=settings.GZIP', 'enable_gzip=not settings.GZIP'),
        findings: [
          'factory.py:8:9  PAR001  warning  GZipMiddleware is registered only if enable_gzip (create_app(enable_gzip=settings.GZIP)) for main.py and only if enable_gzip (create_app(enable_gzip=not settings.GZIP)) for lazy_app.py: the values cannot be read, so whether both serve it is not known (related lazy_app.py:4:1-4:48)',
        ],
        python: { run: stacks(false) },
      },
    ],
  },
  'par2',
);
