// PAR004's cases (format and assertions: ./tester.ts), from test/fixtures/truth/.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/par004-<name>.
import { ruleTester } from './tester.js';

ruleTester('PAR004', {
  valid: [
    {
      name: 'importlib-at-module-level',
      title: 'models imported by import_module at module level are imported by the entry point',
      golden: true,
      files: String.raw`
-- db.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

# Register every model with Base before the first request.
for module_path in ("models.audit", "models.users"):
    importlib.import_module(module_path)

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.audit  # noqa: F401
import models.users  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/audit.py --
from sqlalchemy import Column, Integer

from db import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"
    id = Column(Integer, primary_key=True)
-- models/users.py --
from sqlalchemy import Column, Integer

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import subprocess, sys
def tables(m):
    return subprocess.run([sys.executable, '-P', '-c', 'import ' + m + '; from db import Base; print(sorted(Base.metadata.tables))'], capture_output=True, text=True, check=True).stdout
assert tables('main') == tables('lazy_app'), (tables('main'), tables('lazy_app'))`, fails: null },
    },
    {
      name: 'star-import-of-all-submodules',
      title: 'from models import * with __all__ = ["auth", "cme"] imports both model modules',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base.py --
from sqlalchemy.orm import declarative_base

Base = declarative_base()
-- lazy_app.py --
from fastapi import FastAPI

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
      python: { run: String.raw`import subprocess, sys
def tables(m):
    return subprocess.run([sys.executable, '-P', '-c', 'import ' + m + '; from db.base import Base; print(sorted(Base.metadata.tables))'], capture_output=True, text=True, check=True).stdout
assert tables('main') == tables('lazy_app'), (tables('main'), tables('lazy_app'))`, fails: null },
    },
  ],
  invalid: [
    {
      name: 'as-declarative-base',
      title: 'models of an @as_declarative() base imported by main.py only',
      golden: true,
      files: String.raw`
-- db/__init__.py --
-- db/base_class.py --
from sqlalchemy.ext.declarative import as_declarative, declared_attr


@as_declarative()
class Base:
    @declared_attr
    def __tablename__(cls) -> str:
        return cls.__name__.lower()
-- lazy_app.py --
from fastapi import FastAPI

import models.users  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

import models.audit  # noqa: F401
import models.users  # noqa: F401

app = FastAPI()
-- models/__init__.py --
-- models/audit.py --
from sqlalchemy import Column, Integer

from db.base_class import Base


class AuditEntry(Base):
    id = Column(Integer, primary_key=True)
-- models/users.py --
from sqlalchemy import Column, Integer

from db.base_class import Base


class User(Base):
    id = Column(Integer, primary_key=True)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'models/audit.py:6:7  PAR004  warning  models of models.audit (AuditEntry) are imported by main.py but never by lazy_app.py: they are not mapped there (related lazy_app.py:5:1-5:16)',
      ],
      python: { run: String.raw`import subprocess, sys
def tables(m):
    return subprocess.run([sys.executable, '-P', '-c', 'import ' + m + '; from db.base_class import Base; print(sorted(Base.metadata.tables))'], capture_output=True, text=True, check=True).stdout
assert tables('main') == tables('lazy_app'), (tables('main'), tables('lazy_app'))`, fails: 'AssertionError' },
    },
  ],
});
