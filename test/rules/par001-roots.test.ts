// PAR001, topic `roots` (#15, real code: zurcnilva213/fastapi-serverless): each entry point defines its own
// `class AppMiddleware(BaseHTTPMiddleware)` (copied) and registers it. Two classes, one middleware: both apps run
// it (app.user_middleware names AppMiddleware in each), so it is no gap; compared by identity they were two
// middleware, each "registered here but not there" (PAR001 both ways). A class an entry point module defines is now
// identified by its name (src/graph/registrations/middleware.ts entryOwnClass); dropping the registration from
// one entry point is still caught, and a class of the same name from elsewhere (Starlette's) is still another one.
import { ruleTester } from './tester.js';

const own = String.raw`class AppMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers["x-app"] = "1"
        return response
`;

/** An entry point with its own AppMiddleware class, registered or not, and one route of its own. */
const entry = (register: boolean, route: string, handler = false) => String.raw`from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

${own}

app = FastAPI()
${register ? 'app.add_middleware(AppMiddleware)\n' : ''}

@app.get("/${route}")
def ${route}():
    return {"ok": True}
${handler ? '\n\ndef handler(event, context):\n    return app.title\n' : ''}`;

/** Python builds both apps: the middleware class names each serves. */
const stacks = (a: string, b: string, same: boolean) => String.raw`import ${a}, ${b}
m = [x.cls.__name__ for x in ${a}.app.user_middleware]
l = [x.cls.__name__ for x in ${b}.app.user_middleware]
print(m, l)
assert ${a}.AppMiddleware is not ${b}.AppMiddleware
assert (m == l) is ${same ? 'True' : 'False'}, (m, l)`;

const pair = (main: boolean, lazy: boolean) => `-- main.py --\n${entry(main, 'users')}-- lazy_app.py --\n${entry(lazy, 'users', true)}`;

// zurcnilva's shape: two apps in apps/, served by serverless from the service folder, each with its own class.
const service = (a: boolean, b: boolean) => String.raw`
-- serverless.yml --
service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: apps.admin_app.handler
-- apps/__init__.py --
-- apps/admin_app.py --
${entry(a, 'admin', true)}-- apps/message_app.py --
${entry(b, 'message', true)}`;

const starlette = String.raw`
-- main.py --
${entry(true, 'users')}-- lazy_app.py --
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware as AppMiddleware

app = FastAPI()
app.add_middleware(AppMiddleware)
`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'roots-own-class-in-each-entry-point',
        title: 'main.py and lazy_app.py each define and register AppMiddleware: both serve it (two false PAR001 before)',
        files: pair(true, true),
        python: { run: stacks('main', 'lazy_app', true), fails: null },
        golden: true,
      },
      {
        name: 'roots-own-class-in-each-app-of-a-served-folder',
        title: "zurcnilva's shape: apps/admin_app.py (served by serverless) and apps/message_app.py each register their own",
        files: service(true, true),
        python: { run: stacks('apps.admin_app', 'apps.message_app', true), fails: null },
      },
    ],
    invalid: [
      {
        name: 'roots-own-class-registered-in-one',
        title: 'lazy_app.py defines AppMiddleware but never registers it: Lambda runs without it',
        files: pair(true, false),
        findings: [
          'main.py:12:1  PAR001  error  AppMiddleware is registered in main.py:12 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:11:1-11:16)',
        ],
        python: { run: stacks('main', 'lazy_app', false) },
      },
      {
        name: 'roots-own-class-removed-from-a-served-app',
        title: "the seeded break on zurcnilva: AppMiddleware's registration removed from apps/admin_app.py",
        files: service(false, true),
        findings: [
          'apps/message_app.py:12:1  PAR001  error  AppMiddleware is registered in apps/message_app.py:12 but not in apps/admin_app.py: requests through apps/admin_app.py run without it (related apps/admin_app.py:11:1-11:16)',
        ],
        python: { run: stacks('apps.admin_app', 'apps.message_app', false) },
      },
      {
        name: 'roots-own-class-against-a-library-class-of-the-name',
        title: "lazy_app.py registers Starlette's GZipMiddleware as AppMiddleware: another class, another middleware",
        files: starlette,
        findings: [
          'lazy_app.py:5:1  PAR001  error  GZipMiddleware is registered in lazy_app.py:5 but not in main.py: requests through main.py run without it (related main.py:11:1-11:16)',
          'main.py:12:1  PAR001  error  AppMiddleware is registered in main.py:12 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:4:1-4:16)',
        ],
        python: { run: 'import main, lazy_app\nassert main.app.user_middleware[0].cls is not lazy_app.app.user_middleware[0].cls' },
      },
    ],
  },
  'roots',
);
