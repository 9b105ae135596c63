// One package deployed as several Lambda functions: each function's handler serves an app. Two apps
// that only the deploy definition names are compared only when they serve a router in common (one app
// deployed two ways); apps with no router in common are separate services (seen on a public
// repository: five FastAPI microservices in one serverless package, 20 false PAR003 errors).
import { ruleTester } from './tester.js';

/** A serverless package of two functions, each handler module creating its own app. */
const services = (likesMain: string) => String.raw`
-- serverless.yml --
service: shop
provider:
  name: aws
  runtime: python3.12
functions:
  auth:
    handler: auth/main.handler
  likes:
    handler: likes/main.handler
-- auth/__init__.py --
-- auth/routes.py --
from fastapi import APIRouter

router = APIRouter()


@router.post("/login")
def login():
    return {"ok": True}
-- auth/main.py --
from fastapi import FastAPI

from auth.routes import router

app = FastAPI()
app.include_router(router)


def handler(event, context):
    return {"statusCode": 200}
-- likes/__init__.py --
-- likes/routes.py --
from fastapi import APIRouter

router = APIRouter()


@router.post("/likes")
def like():
    return {"ok": True}
-- likes/main.py --
${likesMain}
`;

const likesOwn = String.raw`from fastapi import FastAPI

from likes.routes import router

app = FastAPI()
app.include_router(router)


def handler(event, context):
    return {"statusCode": 200}`;

// The likes function serves auth's app deployed again (a router in common), plus likes' router,
// which the auth function lacks.
const likesBoth = String.raw`from fastapi import FastAPI

from auth.routes import router
from likes.routes import router as likes_router

app = FastAPI()
app.include_router(router)
app.include_router(likes_router)


def handler(event, context):
    return {"statusCode": 200}`;

const routesOf = String.raw`import auth.main, likes.main
print(sorted(r.path for r in auth.main.app.routes if r.path.startswith("/l")), sorted(r.path for r in likes.main.app.routes if r.path.startswith("/l")))`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'services-one-package-two-apps',
        title: 'two functions of one package each serve their own app (no router in common): two services, not drift',
        golden: true,
        files: services(likesOwn),
        python: { run: routesOf, stdout: "['/login'] ['/likes']" },
      },
    ],
    invalid: [
      {
        name: 'services-one-app-deployed-twice',
        title: 'two functions serve one app (a router in common), and one lost a router the other serves',
        files: services(likesBoth),
        findings: [
          'likes/main.py:8:1  PAR003  error  router likes.routes is registered in likes/main.py:8 (include_router(likes_router)) but auth/main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related auth/main.py:5:1-5:16)',
        ],
        python: { run: routesOf, stdout: "['/login'] ['/likes', '/login']" },
      },
    ],
  },
  'services',
);
