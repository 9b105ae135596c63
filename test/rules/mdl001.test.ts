// MDL001's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/closure.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/mdl001-<name>.
import { ruleTester } from './tester.js';

ruleTester('MDL001', {
  valid: [
    {
      name: 'import-in-function-called-at-top',
      title: 'def _register_models(): import models.cme, then _register_models() at the top: the model is imported',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401


def _register_models() -> None:
    import models.cme  # noqa: F401


_register_models()
app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: null },
    },
    {
      name: 'importlib-at-module-level',
      title: 'import_module at module level imports with the module: the models are mapped',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
import importlib

for _name in ("auth", "cme"):
    importlib.import_module(f"models.{_name}")
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: null },
    },
    {
      name: 'partial-module-path',
      title: 'relationship("cme.CMEActivity"): SQLAlchemy finds a class under every tail of its module path',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("cme.CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: null },
    },
    {
      name: 'star-import-of-all-submodules',
      title: 'the star import makes CMEActivity mapped in lazy_app',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
from models import *  # noqa: F401,F403

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
__all__ = ["auth", "cme"]
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: null },
    },
    {
      name: 'both-model-modules-imported',
      title: 'both model modules imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-module-path-target-string-imported',
      title: 'a module-path target string, imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("models.activity.Activity")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-model-module-imported-through-a-models-package',
      title: 'a model module imported through a models package',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
from . import activity, user  # noqa: F401
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'flask-sqlalchemy-db-model-both-imported',
      title: 'Flask-SQLAlchemy db.Model, both imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- db.py --
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import db


class User(db.Model):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import db


class Activity(db.Model):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'sqlalchemy-2-both-imported',
      title: 'SQLAlchemy 2.0 style: silent when both are imported, and the DeclarativeBase subclass is no model',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
-- models/__init__.py --
-- models/user.py --
from typing import List

from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    activities: Mapped[List["Activity"]] = relationship(back_populates="user")
-- models/activity.py --
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
  ],
  invalid: [
    {
      name: 'as-declarative-base',
      title: '@as_declarative() class Base: its subclasses are models, and the lazy entry point misses one',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.ext.declarative import as_declarative


@as_declarative()
class Base:
    pass
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/auth.py:10:35  MDL001  error  User.cme_activities names "CMEActivity": CMEActivity is defined in models/cme.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('CMEActivity') (related models/cme.py:6:7-6:18)`,
      ],
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: "failed to locate a name ('CMEActivity')" },
    },
    {
      name: 'flask-model-alias',
      title: 'Model = db.Model: classes of Model are Flask-SQLAlchemy models, and the lazy entry point misses one',
      golden: true,
      files: String.raw`
-- extensions.py --
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
Model = db.Model
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from extensions import Model, db


class User(Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    cme_activities = db.relationship("CMEActivity")
-- models/cme.py --
from extensions import Model, db


class CMEActivity(Model):
    __tablename__ = "cme_activities"
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/auth.py:7:38  MDL001  error  User.cme_activities names "CMEActivity": CMEActivity is defined in models/cme.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('CMEActivity') (related models/cme.py:4:7-4:18)`,
      ],
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: "failed to locate a name ('CMEActivity')" },
    },
    {
      name: 'import-in-function-called-only-as-script',
      title: 'the model-registering function is called only under if __name__ == "__main__": Lambda never imports the model',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401


def _register_models() -> None:
    import models.cme  # noqa: F401


app = FastAPI()

if __name__ == "__main__":
    _register_models()
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/auth.py:10:35  MDL001  error  User.cme_activities names "CMEActivity": CMEActivity is defined in models/cme.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('CMEActivity') (related models/cme.py:6:7-6:18)`,
      ],
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: "failed to locate a name ('CMEActivity')" },
    },
    {
      name: 'model-imported-under-main',
      title: 'a model module imported only under if __name__ == "__main__": is not imported on Lambda',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

import models.auth  # noqa: F401

app = FastAPI()

if __name__ == "__main__":
    import uvicorn

    import models.cme  # noqa: F401

    uvicorn.run(app)
-- main.py --
from fastapi import FastAPI

import models.auth  # noqa: F401
import models.cme  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/auth.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity")
-- models/cme.py --
from sqlalchemy import Column, ForeignKey, Integer

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/auth.py:10:35  MDL001  error  User.cme_activities names "CMEActivity": CMEActivity is defined in models/cme.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('CMEActivity') (related models/cme.py:6:7-6:18)`,
      ],
      python: { run: 'import lazy_app; from sqlalchemy.orm import configure_mappers; configure_mappers()', fails: "failed to locate a name ('CMEActivity')" },
    },
    {
      name: 'a-relationship-target-whose-module-is-not-imported',
      title: 'a relationship target whose module is not imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'a-module-path-target-string-not-imported',
      title: 'a module-path target string, not imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("models.activity.Activity")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "models.activity.Activity": models.activity.Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: 'models.activity.Activity' },
    },
    {
      name: 'a-target-given-as-argument',
      title: 'a target given as argument=',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship(argument="Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:40  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'registry-generate_base',
      title: 'registry().generate_base()',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import registry

mapper_registry = registry()
Base = mapper_registry.generate_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'an-abstract-base-between-the-model-and-base',
      title: 'an abstract base between the model and Base',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from models.common import Timestamped


class User(Timestamped):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- models/common.py --
from sqlalchemy import Column, DateTime

from db import Base


class Timestamped(Base):
    __abstract__ = True
    created = Column(DateTime)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'flask-sqlalchemy-db-model-target-not-imported',
      title: 'Flask-SQLAlchemy db.Model, target not imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import db


class User(db.Model):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import db


class Activity(db.Model):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'sqlalchemy-2-mapped-target-not-imported',
      title: 'SQLAlchemy 2.0 style (Debian ships SQLAlchemy 1.4: no Python verdict): a Mapped[List["Activity"]] relationship whose target is not imported',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401
import models.activity  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
-- models/__init__.py --
-- models/user.py --
from typing import List

from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    activities: Mapped[List["Activity"]] = relationship(back_populates="user")
-- models/activity.py --
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:11:29  MDL001  error  User.activities names "Activity": Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
    },
    {
      name: 'target-no-entry-point-imports',
      title: 'a target no entry point imports (Python fails the same way on both)',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": a class Activity is defined in models/activity.py, which no entry point imports; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'target-defined-nowhere',
      title: 'a target no module under the root defines',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
x = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": no module under the root defines a class Activity; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity')`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'target-is-a-plain-class',
      title: 'a plain class of that name that the entry points do import is no model either',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
import models.activity  # noqa: F401
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
class Activity:
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:11:31  MDL001  error  User.activities names "Activity": a class Activity is defined in models/activity.py, but not as a model of this registry; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:1:7-1:15)`,
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()`, fails: "failed to locate a name ('Activity')" },
    },
    {
      name: 'file-no-entry-point-reaches',
      title: 'a file no entry point reaches is not reported on otherwise (a syntax error there stays silent)',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

import models.user  # noqa: F401

app = FastAPI()
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- models/__init__.py --
-- models/user.py --
from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship("Activity", back_populates="user")
-- models/activity.py --
from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
-- models/other.py --
class Activity(:
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `models/user.py:10:31  MDL001  error  User.activities names "Activity": a class Activity is defined in models/activity.py and models/other.py, which no entry point imports; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity') (related models/activity.py:7:7-7:15, models/other.py:1:7-1:15)`,
      ],
    },
  ],
});
