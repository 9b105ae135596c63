// MDL002's cases (topic `files`): back_populates= naming no relationship of the target model —
// misspelt, naming a column, or the other side never written — and the idioms that do give the
// target the relationship (a declared_attr mixin, a mapped base class, a relationship given after
// the class). Each verdict is proved with Debian's SQLAlchemy
// 1.4 by configuring the mappers after importing what the entry point imports.
import { ruleTester } from './tester.js';
import { sqlalchemy2 } from '../helpers.js';

const CONFIG = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n';
const entry = (mods: string[]) => `from fastapi import FastAPI\n\n${mods.map((m) => `import ${m}  # noqa: F401\n`).join('')}\napp = FastAPI()\n`;
const BASE = 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n';

function repo(files: Record<string, string>, mods = ['models.user', 'models.item']): string {
  const all: Record<string, string> = { 'main.py': entry(mods), 'lazy_app.py': entry(mods), 'db.py': BASE, 'models/__init__.py': '', ...files };
  return '\n' + Object.entries(all).map(([p, t]) => `-- ${p} --\n${t}`).join('') + CONFIG;
}

const CONFIGURE = 'import lazy_app  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()';
/**
 * configure_mappers() on Debian's SQLAlchemy 1.4 and on 2.0 (sqlalchemy2()): both must agree. `fails` is
 * 2.0's text; 1.4 names the mapper otherwise (`mapped class User->users`), so it is matched from "has no".
 */
const configure = (fails: string | null) => [
  { run: CONFIGURE, fails: fails === null ? null : fails.replace(/^Mapper '[^']*' /, '') },
  { run: CONFIGURE, fails, libraries: [sqlalchemy2()] },
];

const user = (body: string, head = '', bases = 'Base') => `from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import relationship

from db import Base
${head}

class User(${bases}):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
${body}`;
const item = (backPopulates: string) => `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db import Base


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User", back_populates="${backPopulates}")
`;
const ITEMS = '    items = relationship("Item", back_populates="owner")\n';

ruleTester('MDL002', {
  valid: [
    {
      name: 'files-back-populates-paired',
      title: 'each side names the other: the mappers configure',
      files: repo({ 'models/user.py': user(ITEMS), 'models/item.py': item('items') }),
      python: configure(null),
    },
    {
      name: 'files-back-populates-from-a-declared-attr-mixin',
      title: 'User gets items from a mixin’s @declared_attr: the name is a relationship of User',
      files: repo({
        'models/user.py': user('', `from sqlalchemy.orm import declared_attr


class HasItems:
    @declared_attr
    def items(cls):
        return relationship("Item", back_populates="owner")
`, 'HasItems, Base'),
        'models/item.py': item('items'),
      }),
      python: configure(null),
    },
    {
      name: 'files-back-populates-on-a-mapped-base-class',
      title: 'Item points at Admin, a subclass of User whose relationship items it inherits',
      files: repo({
        'models/user.py': user(`${ITEMS}    kind = Column(String)
    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_identity": "user"}


class Admin(User):
    __mapper_args__ = {"polymorphic_identity": "admin"}
`),
        'models/item.py': item('items').replace('relationship("User"', 'relationship("Admin"'),
      }),
      python: configure(null),
    },
    {
      name: 'files-back-populates-given-after-the-class',
      title: 'User.items = relationship(...) after the class, in the module both entry points import',
      files: repo({
        'models/user.py': user(''),
        'models/item.py': `${item('items')}

from models.user import User  # noqa: E402

User.items = relationship("Item", back_populates="owner")
`,
      }),
      python: configure(null),
    },
  ],
  invalid: [
    {
      name: 'files-back-populates-misspelt',
      title: 'Item.owner has back_populates="itemz"; User has items',
      golden: true,
      files: repo({ 'models/user.py': user(ITEMS), 'models/item.py': item('itemz') }),
      findings: ["models/item.py:11:49  MDL002  error  Item.owner has back_populates=\"itemz\", but User (models/user.py) has no attribute itemz; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Mapper 'Mapper[User(users)]' has no property 'itemz'; did you mean \"items\"? (related models/user.py:7:7-7:11)"],
      python: configure("Mapper 'Mapper[User(users)]' has no property 'itemz'"),
    },
    {
      name: 'files-back-populates-names-a-column',
      title: 'back_populates="email" names a Column of User, not a relationship',
      files: repo({ 'models/user.py': user(ITEMS), 'models/item.py': item('email') }),
      findings: ["models/item.py:11:49  MDL002  error  Item.owner has back_populates=\"email\", but User (models/user.py) binds email to something that is not a relationship; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: back_populates on relationship 'Item.owner' refers to attribute 'User.email' that is not a relationship (related models/user.py:7:7-7:11)"],
      python: configure("refers to attribute 'User.email' that is not a relationship"),
    },
    {
      name: 'files-back-populates-other-side-never-written',
      title: 'Item.owner has back_populates="items", but User was given no relationship at all',
      files: repo({ 'models/user.py': user(''), 'models/item.py': item('items') }),
      findings: ["models/item.py:11:49  MDL002  error  Item.owner has back_populates=\"items\", but User (models/user.py) has no attribute items; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Mapper 'Mapper[User(users)]' has no property 'items' (related models/user.py:7:7-7:11)"],
      python: configure("Mapper 'Mapper[User(users)]' has no property 'items'"),
    },
  ],
}, 'files');
