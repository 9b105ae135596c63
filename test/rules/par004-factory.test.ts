// PAR004, topic `factory` (#15 item 5): models a factory imports inside create_app() are imported
// by the entry point that calls the factory at its top (`app = create_app()`).
import { ruleTester } from './tester.js';

const base = (factoryBody: string) => String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lambda_app.py"]}]}
-- app/db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- app/models.py --
from sqlalchemy import Column, Integer

from app.db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
-- app/__init__.py --
from fastapi import FastAPI


def create_app():
${factoryBody}
    app = FastAPI()
    return app
-- app/factory.py --
from app import create_app
-- main.py --
from fastapi import FastAPI

import app.models  # noqa: F401

app = FastAPI()
-- lambda_app.py --
from app.factory import create_app

app = create_app()
`;

const mapped = (expected: string) => String.raw`import sys
import lambda_app
from app.db import Base
print(sorted(m.class_.__name__ for m in Base.registry.mappers))
assert ("app.models" in sys.modules) is ${expected}`;

ruleTester(
  'PAR004',
  {
    valid: [
      {
        name: 'factory-create-app-imports-models',
        title: 'create_app() imports app.models when lambda_app.py calls it at its top: User is mapped there',
        golden: true,
        files: base('    from app import models  # noqa: F401\n'),
        python: { run: mapped('True'), fails: null },
      },
    ],
    invalid: [
      {
        name: 'factory-create-app-without-models',
        title: 'a factory that imports no models: app.models is never imported through lambda_app.py',
        files: base('    pass\n'),
        findings: [
          'app/models.py:6:7  PAR004  warning  models of app.models (User) are imported by main.py but never by lambda_app.py: they are not mapped there (related lambda_app.py:3:1-3:19)',
        ],
        python: { run: mapped('True'), fails: 'AssertionError' },
      },
    ],
  },
  'factory',
);
