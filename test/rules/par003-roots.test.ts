// PAR003, topic `roots` (#15, real code: zurcnilva213/fastapi-serverless): two apps discovered in one folder
// (apps/a.py, apps/b.py), each including its own routers and none in common, are two apps, not one app run two
// ways (src/graph/registrations/groups.ts): no "router registered in a.py but b.py neither includes it" both ways,
// and --verbose says they were not compared; the config's apps are always compared. Entry points that share a router are still one app, so a router
// dropped from one of them is still reported.
import { ruleTester } from './tester.js';

const router = (name: string) => String.raw`from fastapi import APIRouter

router = APIRouter()


@router.get("/${name}")
def ${name}():
    return {"ok": True}
`;

const entry = (names: string[]) => String.raw`from fastapi import FastAPI
from routers import ${names.join(', ')}

app = FastAPI()
${names.map((n) => `app.include_router(${n}.router)`).join('\n')}


def handler(event, context):
    return app.title
`;

const service = (a: string[], b: string[]) => String.raw`
-- serverless.yml --
service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: apps.a.handler
-- apps/__init__.py --
-- apps/a.py --
${entry(a)}-- apps/b.py --
${entry(b)}-- routers/__init__.py --
-- routers/x.py --
${router('x')}-- routers/y.py --
${router('y')}`;

/** Python builds both apps: the paths each serves. */
const paths = (same: boolean) => String.raw`import apps.a, apps.b
a = sorted(r.path for r in apps.a.app.routes if r.path in ("/x", "/y"))
b = sorted(r.path for r in apps.b.app.routes if r.path in ("/x", "/y"))
print(a, b)
assert (a == b) is ${same ? 'True' : 'False'}, (a, b)`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'roots-two-apps-in-one-folder',
        title: 'apps/a.py serves routers.x, apps/b.py routers.y: two apps with nothing in common (PAR003 both ways before)',
        files: service(['x'], ['y']),
        python: [{ run: paths(false) }, { run: 'import apps.a, apps.b', fails: null }],
      },
    ],
    invalid: [
      {
        name: 'roots-one-app-router-dropped',
        title: 'apps/a.py serves x and y, apps/b.py only y: they share y, so one app, and x is missing from b',
        files: service(['x', 'y'], ['y']),
        findings: [
          'apps/a.py:5:1  PAR003  error  router routers.x is registered in apps/a.py:5 (include_router(x.router)) but apps/b.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related apps/b.py:4:1-4:16)',
        ],
        python: { run: paths(false) },
      },
      {
        name: 'roots-configured-app-shares-no-router',
        title: 'the config names apps/a.py and apps/b.py as one app: compared even with no router in common (a swapped router is drift)',
        files: `${service(['x'], ['y'])}-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["apps/a.py","apps/b.py"]}]}
`,
        findings: [
          'apps/a.py:5:1  PAR003  error  router routers.x is registered in apps/a.py:5 (include_router(x.router)) but apps/b.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related apps/b.py:4:1-4:16)',
          'apps/b.py:5:1  PAR003  error  router routers.y is registered in apps/b.py:5 (include_router(y.router)) but apps/a.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related apps/a.py:4:1-4:16)',
        ],
        python: { run: paths(false) },
      },
    ],
  },
  'roots',
);
