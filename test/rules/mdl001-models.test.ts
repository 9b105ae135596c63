// MDL001's cases for the registry idioms of issue #15 (topic `models`): one registry behind several
// bases, @registry.mapped, type(), declared_attr mixins, secondary tables, evaluated strings,
// relationships given after the class or under an `if`, duplicate class names, and annotations
// under `from __future__ import annotations`. Each verdict is proved with Debian's SQLAlchemy 1.4
// by configuring the mappers after importing what the entry point imports.
import { ruleTester } from './tester.js';
import { sqlalchemy2 } from '../helpers.js';

const CONFIG = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n';
const entry = (mods: string[]) => `from fastapi import FastAPI\n\n${mods.map((m) => `import ${m}  # noqa: F401\n`).join('')}\napp = FastAPI()\n`;

/** A repository: main.py imports `main`, lazy_app.py imports `lazy`, and the other files as given. */
function repo(mainMods: string[], lazyMods: string[], files: Record<string, string>): string {
  const all: Record<string, string> = { 'main.py': entry(mainMods), 'lazy_app.py': entry(lazyMods), 'models/__init__.py': '', ...files };
  return '\n' + Object.entries(all).map(([p, t]) => `-- ${p} --\n${t}`).join('') + CONFIG;
}

/** configure_mappers() after importing the entry point, on Debian's SQLAlchemy 1.4 and on 2.0: both must agree. */
const configure = (entryModule: string, fails: string | null) => [
  { run: `import ${entryModule}  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()`, fails },
  configure2(entryModule, fails),
];

/** On SQLAlchemy 2.0 only (Debian trixie's, see sqlalchemy2()): the cases that need 2.0's Mapped[...] annotations. */
function configure2(entryModule: string, fails: string | null) {
  return {
    run: `import sqlalchemy\nassert sqlalchemy.__version__.startswith("2."), sqlalchemy.__version__\nimport ${entryModule}  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()`,
    fails,
    libraries: [sqlalchemy2()],
  };
}

const user = (base: string, rel: string, head = '') => `${head}from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db import ${base}


class User(${base}):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    ${rel}
`;
const address = (base: string, cls = 'Address', table = 'addresses') => `from sqlalchemy import Column, ForeignKey, Integer

from db import ${base}


class ${cls}(${base}):
    __tablename__ = "${table}"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
`;
const BASE = 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n';
const BOTH = ['models.user', 'models.address'];
const USER_ONLY = ['models.user'];

const twoBases = (other: string) => ({
  'db.py': `from sqlalchemy.orm import registry\n\nreg = registry()\nBase = reg.generate_base()\nOther = ${other}\n`,
  'models/user.py': user('Base', 'addresses = relationship("Address")'),
  'models/address.py': address('Other'),
});

const mapped = {
  'db.py': 'from sqlalchemy.orm import registry\n\nmapper_registry = registry()\nBase = mapper_registry.generate_base()\n',
  'models/user.py': user('Base', 'addresses = relationship("Address")'),
  'models/address.py': `from sqlalchemy import Column, ForeignKey, Integer

from db import mapper_registry


@mapper_registry.mapped
class Address:
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
`,
};

const typeMade = {
  'db.py': BASE,
  'models/user.py': user('Base', 'addresses = relationship("Address")'),
  'models/address.py': `from sqlalchemy import Column, ForeignKey, Integer

from db import Base

Address = type("Address", (Base,), {
    "__tablename__": "addresses",
    "id": Column(Integer, primary_key=True),
    "user_id": Column(Integer, ForeignKey("users.id")),
})
`,
};

const computed = (names: string) => ({
  'db.py': BASE,
  'models/user.py': user('Base', 'addresses = relationship("Address")'),
  'models/address.py': `from sqlalchemy import Column, ForeignKey, Integer

from db import Base

for _name in ${names}:
    globals()[_name] = type(_name, (Base,), {
        "__tablename__": _name.lower(),
        "id": Column(Integer, primary_key=True),
        "user_id": Column(Integer, ForeignKey("users.id")),
    })
`,
});

const mixin = {
  'db.py': BASE,
  'models/user.py': user('Base', 'name = Column(Integer)'),
  'models/owned.py': `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import declared_attr, relationship


class OwnedMixin:
    @declared_attr
    def owner_id(cls):
        return Column(Integer, ForeignKey("users.id"))

    @declared_attr
    def owner(cls):
        return relationship("User")
`,
  'models/address.py': `from sqlalchemy import Column, Integer

from db import Base
from models.owned import OwnedMixin


class Address(OwnedMixin, Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
`,
};

const secondary = {
  'db.py': BASE,
  'models/user.py': user('Base', 'roles = relationship("Role", secondary="user_roles")', 'import models.role  # noqa: F401\n'),
  'models/role.py': 'from sqlalchemy import Column, Integer\n\nfrom db import Base\n\n\nclass Role(Base):\n    __tablename__ = "roles"\n    id = Column(Integer, primary_key=True)\n',
  'models/assoc.py': `from sqlalchemy import Column, ForeignKey, Integer, Table

from db import Base

user_roles = Table(
    "user_roles",
    Base.metadata,
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("role_id", Integer, ForeignKey("roles.id")),
)
`,
};

const attached = {
  'db.py': BASE,
  'models/user.py': user('Base', 'name = Column(Integer)'),
  'models/address.py': address('Base'),
  'models/links.py': 'from sqlalchemy.orm import relationship\n\nfrom models.user import User\n\nUser.addresses = relationship("Address")\n',
};

const inIf = {
  'db.py': BASE,
  'models/user.py': user('Base', 'if os.environ.get("WITH_ADDRESSES", "1") == "1":\n        addresses = relationship("Address")', 'import os\n\n'),
  'models/address.py': address('Base'),
};

const duplicate = (target: string) => ({
  'db.py': BASE,
  'models/user.py': user('Base', `addresses = relationship("${target}")`),
  'models/address.py': address('Base'),
  'legacy/__init__.py': '',
  'legacy/address.py': address('Base', 'Address', 'legacy_addresses'),
});

const future = {
  'db.py': BASE,
  'models/user.py': `from __future__ import annotations

from sqlalchemy import Column, Integer
from sqlalchemy.orm import Mapped, relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    addresses: Mapped[list[Address]] = relationship()  # noqa: F821
`,
  'models/address.py': address('Base'),
};

/** SQLAlchemy 2.0's own style: DeclarativeBase, mapped_column, targets imported only under TYPE_CHECKING. */
const declarative2 = {
  'db.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n',
  'models/user.py': `from __future__ import annotations

from typing import TYPE_CHECKING, List

from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base

if TYPE_CHECKING:
    from models.address import Address


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    addresses: Mapped[List[Address]] = relationship(back_populates="user")
`,
  'models/address.py': `from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base

if TYPE_CHECKING:
    from models.user import User


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
`,
};

const PAR004_LEGACY = "legacy/address.py:6:7  PAR004  warning  models of legacy.address (Address) are imported by main.py but never by lazy_app.py: they are not mapped there (related lazy_app.py:6:1-6:16)";
const expression = {
  'db.py': BASE,
  'models/user.py': user('Base', 'flagged = relationship(\n        "Address",\n        primaryjoin="and_(User.id == Address.user_id, Address.id == func.coalesce(AddressFlag.address_id, 0))",\n        order_by="desc(Address.id)",\n        viewonly=True,\n    )'),
  'models/address.py': address('Base'),
  'models/flag.py': `from sqlalchemy import Column, ForeignKey, Integer

from db import Base


class AddressFlag(Base):
    __tablename__ = "flags"
    id = Column(Integer, primary_key=True)
    address_id = Column(Integer, ForeignKey("addresses.id"))
`,
};

const imperative = {
  'db.py': 'from sqlalchemy.orm import registry\n\nmapper_registry = registry()\n',
  'domain/__init__.py': '',
  'domain/model.py': 'class User:\n    pass\n\n\nclass Todo:\n    pass\n',
  'orm/__init__.py': '',
  'orm/users.py': `from sqlalchemy import Column, Integer, Table
from sqlalchemy.orm import relationship

from db import mapper_registry
from domain import model

users = Table("users", mapper_registry.metadata, Column("id", Integer, primary_key=True))


def start_mappers():
    mapper_registry.map_imperatively(model.User, users, properties={"todos": relationship("Todo")})


start_mappers()
`,
  'orm/todos.py': `from sqlalchemy import Column, ForeignKey, Integer, Table

from db import mapper_registry
from domain import model

todos = Table(
    "todos",
    mapper_registry.metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id")),
)
mapper_registry.map_imperatively(model.Todo, todos)
`,
};

const LOCATE = "failed to locate a name ('Address')";

ruleTester(
  'MDL001',
  {
    valid: [
      {
        name: 'models-two-bases-one-registry',
        title: 'Base and Other generated by one registry share its class registry: User -> "Address" (an Other model) resolves',
        golden: true,
        files: repo(BOTH, BOTH, twoBases('reg.generate_base()')),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-registry-mapped-imported',
        title: '@mapper_registry.mapped makes Address a model of the registry Base comes from',
        files: repo(BOTH, BOTH, mapped),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-type-literal-imported',
        title: 'type("Address", (Base,), {...}) registers the class name Address',
        files: repo(BOTH, BOTH, typeMade),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-declared-attr-mixin-imported',
        title: 'a declared_attr mixin relationship whose target both entry points import',
        files: repo(BOTH, BOTH, mixin),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-secondary-table-imported',
        title: 'secondary="user_roles" names a Table of the metadata that both entry points import',
        files: repo([...USER_ONLY, 'models.assoc'], [...USER_ONLY, 'models.assoc'], secondary),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-attached-after-class-imported',
        title: 'User.addresses = relationship("Address") in another module, Address imported too',
        files: repo(['models.links', ...BOTH], ['models.links', ...BOTH], attached),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-attached-module-not-imported',
        title: 'the module that gives User its relationship is not imported by lazy_app: no relationship there, nothing to locate',
        files: repo(['models.links', ...BOTH], USER_ONLY, attached),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-primaryjoin-classes-imported',
        title: 'primaryjoin and order_by strings name classes both entry points import (and_, func, desc are SQLAlchemy\'s names)',
        files: repo([...BOTH, 'models.flag'], [...BOTH, 'models.flag'], expression),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-map-imperatively-imported',
        title: 'registry.map_imperatively(model.User, ..., properties={"todos": relationship("Todo")}) with Todo mapped too',
        files: repo(['orm.users', 'orm.todos'], ['orm.users', 'orm.todos'], imperative),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-relationship-in-class-if-imported',
        title: 'a relationship inside an if at class level, its target imported',
        files: repo(BOTH, BOTH, inIf),
        python: configure('lazy_app', null),
      },
      {
        name: 'models-duplicate-name-qualified',
        title: 'two classes named Address in one registry, the relationship names the module path: no ambiguity',
        files: repo([...BOTH, 'legacy.address'], BOTH, duplicate('models.address.Address')),
        findings: [PAR004_LEGACY],
        python: configure('main', null),
      },
      {
        name: 'models-future-annotation-imported',
        title: 'Mapped[list[Address]] under from __future__ import annotations, Address imported (SQLAlchemy 2.0 takes the target from the annotation string)',
        files: repo(BOTH, BOTH, future),
        python: [configure2('lazy_app', null), configure2('main', null)],
      },
      {
        name: 'models-declarative-base-2-imported',
        title: 'SQLAlchemy 2.0 style (DeclarativeBase, mapped_column, Mapped[List[Address]] with Address imported only under TYPE_CHECKING): both entry points import both model modules',
        files: repo(BOTH, BOTH, declarative2),
        python: [configure2('lazy_app', null), configure2('main', null)],
      },
    ],
    invalid: [
      {
        name: 'models-two-registries',
        title: 'Other from a second registry(): its classes are not in Base\'s registry',
        files: repo(BOTH, BOTH, twoBases('registry().generate_base()')),
        findings: [
          `models/user.py:10:30  MDL001  error  User.addresses names "Address": a class Address is defined in models/address.py, but not as a model of this registry; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:7-6:14)`,
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-registry-mapped-not-imported',
        title: '@mapper_registry.mapped Address that lazy_app never imports',
        files: repo(BOTH, USER_ONLY, mapped),
        findings: [
          "models/user.py:10:30  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:7:7-7:14)",
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-type-literal-not-imported',
        title: 'the type() model Address, not imported by lazy_app',
        files: repo(BOTH, USER_ONLY, typeMade),
        findings: [
          "models/user.py:10:30  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:5:11-9:3)",
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-type-computed-name',
        title: 'type() with a computed name: whether it makes Address cannot be known, so a warning (here it does)',
        files: repo(BOTH, BOTH, computed('("Address", "Phone")')),
        findings: [
          "models/user.py:10:30  MDL001  warning  User.addresses names \"Address\": no module under the root defines a class Address, but models/address.py makes models of this registry with type() and a computed name, which may be Address; if none is, configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:24-10:7)",
        ],
        python: configure('lazy_app', null),
      },
      {
        name: 'models-type-computed-name-broken',
        title: 'type() with a computed name that does not make Address: still only a warning, saying what could not be known',
        files: repo(BOTH, BOTH, computed('("Phone",)')),
        findings: [
          "models/user.py:10:30  MDL001  warning  User.addresses names \"Address\": no module under the root defines a class Address, but models/address.py makes models of this registry with type() and a computed name, which may be Address; if none is, configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:24-10:7)",
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-declared-attr-mixin-not-imported',
        title: 'OwnedMixin.owner = relationship("User") made on Address; lazy_app imports Address but not User',
        golden: true,
        files: repo(BOTH, ['models.address'], mixin),
        findings: [
          "models/owned.py:12:29  MDL001  error  Address.owner names \"User\": User is defined in models/user.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('User') (related models/user.py:7:7-7:11)",
        ],
        python: configure('lazy_app', "failed to locate a name ('User')"),
      },
      {
        name: 'models-secondary-table-not-imported',
        title: 'secondary="user_roles": the Table is defined in a module lazy_app never imports',
        files: repo([...USER_ONLY, 'models.assoc'], USER_ONLY, secondary),
        findings: [
          "models/user.py:11:44  MDL001  error  User.roles names the table \"user_roles\" (secondary=): the table is defined in models/assoc.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name (\"name 'user_roles' is not defined\") (related models/assoc.py:5:14-10:2)",
        ],
        python: configure('lazy_app', `failed to locate a name ("name 'user_roles' is not defined")`),
      },
      {
        name: 'models-primaryjoin-class-not-imported',
        title: 'primaryjoin names AddressFlag, whose module lazy_app never imports: the evaluated string fails to locate it',
        files: repo([...BOTH, 'models.flag'], BOTH, expression),
        findings: [
          "models/user.py:12:21  MDL001  error  User.flagged names \"AddressFlag\" (primaryjoin=): AddressFlag is defined in models/flag.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name (\"name 'AddressFlag' is not defined\") (related models/flag.py:6:7-6:18)",
        ],
        python: configure('lazy_app', `failed to locate a name ("name 'AddressFlag' is not defined")`),
      },
      {
        name: 'models-map-imperatively-not-imported',
        title: 'the module that maps Todo imperatively is never imported by lazy_app: "Todo" is not in the registry',
        files: repo(['orm.users', 'orm.todos'], ['orm.users'], imperative),
        findings: [
          "orm/users.py:11:91  MDL001  error  User.todos names \"Todo\": Todo is mapped in orm/todos.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Todo') (related domain/model.py:5:7-5:11)",
        ],
        python: configure('lazy_app', "failed to locate a name ('Todo')"),
      },
      {
        name: 'models-attached-after-class-not-imported',
        title: 'User.addresses = relationship("Address") runs in lazy_app, which never imports Address',
        files: repo(['models.links', ...BOTH], ['models.links', ...USER_ONLY], attached),
        findings: [
          "models/links.py:5:31  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:7-6:14)",
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-relationship-in-class-if-not-imported',
        title: 'a relationship inside an if at class level whose target lazy_app never imports',
        files: repo(BOTH, USER_ONLY, inIf),
        findings: [
          "models/user.py:13:34  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:7-6:14)",
        ],
        python: configure('lazy_app', LOCATE),
      },
      {
        name: 'models-duplicate-name',
        title: 'two classes named Address in one registry, both imported by main.py, and relationship("Address")',
        files: repo([...BOTH, 'legacy.address'], BOTH, duplicate('Address')),
        findings: [
          PAR004_LEGACY,
          "models/user.py:10:30  MDL001  error  User.addresses names \"Address\": main.py imports two models of that name in one registry (models/address.py and legacy/address.py); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Multiple classes found for path \"Address\" in the registry of this declarative base (related models/address.py:6:7-6:14, legacy/address.py:6:7-6:14)",
        ],
        python: configure('main', 'Multiple classes found for path "Address" in the registry of this declarative base'),
      },
      {
        name: 'models-future-annotation-not-imported',
        title: 'Mapped[list[Address]] under from __future__ import annotations is a string the registry resolves: lazy_app never imports Address (SQLAlchemy 2.0 decides)',
        files: repo(BOTH, USER_ONLY, future),
        findings: [
          "models/user.py:12:28  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:6:7-6:14)",
        ],
        python: [configure2('lazy_app', "failed to locate a name ('Address')"), { ...configure2('main', null), fails: undefined }],
      },
      {
        name: 'models-declarative-base-2-not-imported',
        title: 'SQLAlchemy 2.0 style: the TYPE_CHECKING import of Address does not run, and lazy_app never imports models.address',
        files: repo(BOTH, USER_ONLY, declarative2),
        findings: [
          "models/user.py:16:28  MDL001  error  User.addresses names \"Address\": Address is defined in models/address.py, which lazy_app.py never imports (main.py does); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Address') (related models/address.py:14:7-14:14)",
        ],
        python: [configure2('lazy_app', "failed to locate a name ('Address')"), { ...configure2('main', null), fails: undefined }],
      },
    ],
  },
  'models',
);
