// PAR004, topic `par2` (#15 misses, item 4): what an entry point imports is read through the graph
// closure: the imports inside a function another module calls at its top count as eager (any
// `X = f()`, not only an app factory), and models that the lazy app imports only when it loads a
// router module are said to come late, not "never".
import { lazyMapLoad } from './router-fixtures.js';
import { ruleTester } from './tester.js';

const models = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/users.py --
from sqlalchemy import Column, Integer

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
`;

const router = String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

from models.users import User  # noqa: F401

router = APIRouter(prefix="/users")


@router.get("")
def list_users():
    return []
`;

ruleTester(
  'PAR004',
  {
    valid: [
      {
        name: 'par2-import-in-a-function-called-at-the-top',
        title: 'ready = init_models() in main.py runs db_init.init_models, which imports models.users: both entry points map User',
        files: String.raw`${models}
-- db_init.py --
def init_models():
    import models.users  # noqa: F401

    return True
-- main.py --
from fastapi import FastAPI

from db_init import init_models

ready = init_models()
app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.users  # noqa: F401

app = FastAPI()
`,
        python: { run: 'import sys\nimport main\nassert "models.users" in sys.modules', fails: null },
      },
    ],
    invalid: [
      {
        name: 'par2-models-imported-by-a-lazily-loaded-router',
        title: 'lazy_app.py maps User only once it loads api.users: the warning says so instead of "never"',
        files: String.raw`${models}${router}
-- main.py --
from fastapi import FastAPI

import models.users  # noqa: F401
from api import users

app = FastAPI()
app.include_router(users.router)
${lazyMapLoad('{"users": "api.users"}')}
`,
        findings: [
          'models/users.py:6:7  PAR004  warning  models of models.users (User) are imported by main.py at start-up, but by lazy_app.py only once it loads api.users lazily: until then they are not mapped there (related lazy_app.py:5:1-5:16)',
        ],
        python: {
          run: 'import sys\nimport lazy_app\nbefore = "models.users" in sys.modules\nlazy_app.load("users")\nprint(before, "models.users" in sys.modules)\nassert not before and "models.users" in sys.modules',
          stdout: 'False True',
        },
      },
    ],
  },
  'par2',
);
