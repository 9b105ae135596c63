// Issue 3's rules on fixture apps, each verdict checked against real Python: the app root on
// PYTHONPATH (what Lambda does), `import lazy_app`, then SQLAlchemy's configure_mappers().
import { describe, expect, it } from 'vitest';
import { python } from '../helpers.js';
import { check, codes } from './check.js';

const MAIN_HEAD = 'from fastapi import FastAPI\n\n';
const APP = '\napp = FastAPI()\n';

interface Case {
  name: string;
  files: Record<string, string>;
  /** Rule codes parity-check must report (exactly, ignoring PAR004 warnings unless listed). */
  expect: string[];
  /** What Python says when importing lazy_app and configuring the mappers: 'ok' or a text the error contains. */
  python: 'ok' | string;
}

const base = 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n';
const user = (rel: string, baseImport = 'from db import Base', parent = 'Base') => `from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

${baseImport}


class User(${parent}):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    activities = relationship(${rel})
`;
const activity = (baseImport = 'from db import Base', parent = 'Base') => `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

${baseImport}


class Activity(${parent}):
    __tablename__ = "activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="activities")
`;
const modelApp = (lazyImports: string, extra: Record<string, string> = {}, rel = '"Activity", back_populates="user"') => ({
  'main.py': `${MAIN_HEAD}import models.user  # noqa: F401\nimport models.activity  # noqa: F401\n${APP}`,
  'lazy_app.py': `${MAIN_HEAD}${lazyImports}\n${APP}`,
  'db.py': base,
  'models/__init__.py': '',
  'models/user.py': user(rel),
  'models/activity.py': activity(),
  ...extra,
});
const nameApp = (lazyImport: string, files: Record<string, string>) => ({
  'main.py': `${MAIN_HEAD}${APP}`,
  'lazy_app.py': `${MAIN_HEAD}${lazyImport}\n${APP}`,
  ...files,
});

const CASES: Case[] = [
  // ---- MOD004: names that do not exist
  { name: 'a missing name', files: nameApp('from pkg.mod import Missing', { 'pkg/__init__.py': '', 'pkg/mod.py': 'Present = 1\n' }), expect: ['MOD004'], python: "cannot import name 'Missing'" },
  { name: 'a name from a followed star import', files: nameApp('from pkg.api import helper', { 'pkg/__init__.py': '', 'pkg/api.py': 'from .impl import *\n', 'pkg/impl.py': 'def helper():\n    pass\n' }), expect: [], python: 'ok' },
  { name: 'a name the star import leaves out through __all__', files: nameApp('from pkg.api import hidden', { 'pkg/__init__.py': '', 'pkg/api.py': 'from .impl import *\n', 'pkg/impl.py': '__all__ = ["shown"]\nshown = 1\nhidden = 2\n' }), expect: ['MOD004'], python: "cannot import name 'hidden'" },
  { name: 'a private name a star import does not bind', files: nameApp('from pkg.api import _private', { 'pkg/__init__.py': '', 'pkg/api.py': 'from .impl import *\n', 'pkg/impl.py': '_private = 1\n' }), expect: ['MOD004'], python: "cannot import name '_private'" },
  { name: 'a submodule imported by name', files: nameApp('from pkg import sub', { 'pkg/__init__.py': '', 'pkg/sub.py': 'x = 1\n' }), expect: [], python: 'ok' },
  { name: 'a re-export through __init__.py', files: nameApp('from pkg import Thing', { 'pkg/__init__.py': 'from .impl import Thing\n', 'pkg/impl.py': 'class Thing:\n    pass\n' }), expect: [], python: 'ok' },
  { name: 'a conditional definition', files: nameApp('from pkg.compat import Name', { 'pkg/__init__.py': '', 'pkg/compat.py': 'import sys\n\nif sys.version_info >= (3, 8):\n    Name = "new"\nelse:\n    Name = "old"\n' }), expect: [], python: 'ok' },
  { name: 'an import cycle', files: nameApp('from pkg.a import A', { 'pkg/__init__.py': '', 'pkg/a.py': 'A = 1\nfrom pkg.b import B  # noqa: E402\n', 'pkg/b.py': 'from pkg.a import A\nB = A + 1\n' }), expect: [], python: 'ok' },
  { name: 'an optional import', files: nameApp('try:\n    from pkg.mod import Missing\nexcept ImportError:\n    Missing = None', { 'pkg/__init__.py': '', 'pkg/mod.py': 'Present = 1\n' }), expect: [], python: 'ok' },
  { name: 'a TYPE_CHECKING import', files: nameApp('from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg.mod import Missing', { 'pkg/__init__.py': '', 'pkg/mod.py': 'Present = 1\n' }), expect: [], python: 'ok' },
  { name: 'a module with __getattr__', files: nameApp('from pkg.lazy import anything', { 'pkg/__init__.py': '', 'pkg/lazy.py': 'def __getattr__(name):\n    return name\n' }), expect: [], python: 'ok' },
  { name: 'a star import from the standard library', files: nameApp('from pkg.paths import join', { 'pkg/__init__.py': '', 'pkg/paths.py': 'from os.path import *\n' }), expect: [], python: 'ok' },
  { name: 'a name from a namespace package', files: nameApp('from ns import Missing', { 'ns/real.py': 'x = 1\n' }), expect: ['MOD004'], python: "cannot import name 'Missing' from 'ns' (unknown location)" },
  { name: 'a global declared in a function', files: nameApp('from pkg.state import CACHE', { 'pkg/__init__.py': '', 'pkg/state.py': 'def init():\n    global CACHE\n    CACHE = {}\n\n\ninit()\n' }), expect: [], python: 'ok' },
  { name: 'module attributes every module has', files: nameApp('from pkg import __path__, __name__\nfrom pkg.mod import __file__, __doc__, __spec__', { 'pkg/__init__.py': '', 'pkg/mod.py': 'x = 1\n' }), expect: [], python: 'ok' },
  { name: '__path__ of a plain module', files: nameApp('from pkg.mod import __path__', { 'pkg/__init__.py': '', 'pkg/mod.py': 'x = 1\n' }), expect: ['MOD004'], python: "cannot import name '__path__'" },
  { name: 'a relative import of a missing name', files: nameApp('from pkg.service import run', { 'pkg/__init__.py': '', 'pkg/service.py': 'from .helpers import missing_helper\n\n\ndef run():\n    return missing_helper()\n', 'pkg/helpers.py': 'def helper():\n    pass\n' }), expect: ['MOD004'], python: "cannot import name 'missing_helper'" },

  // ---- MOD003: local imports that do not resolve under the root
  // The repository has a src/ folder (here with only a script in it), but the deployed root is below it.
  { name: 'the repository path spelled out (src. prefix)', files: nameApp('from src.lib.alerts import send', { 'lib/__init__.py': '', 'lib/alerts.py': 'def send():\n    pass\n', 'src/manage.py': '' }), expect: ['MOD003'], python: "No module named 'src.lib'" },
  { name: 'the same import made optional', files: nameApp('try:\n    from src.lib.alerts import send\nexcept ImportError:\n    send = None', { 'lib/__init__.py': '', 'lib/alerts.py': 'def send():\n    pass\n', 'src/manage.py': '' }), expect: [], python: 'ok' },
  // A folder of templates named like an installed package does not make the package local.
  { name: 'a data folder named like an installed package', files: nameApp('from sqlalchemy import Column  # noqa: F401', { 'templates/sqlalchemy/base.html': '<p></p>' }), expect: [], python: 'ok' },
  { name: 'a repository path that does exist under the root', files: nameApp('from src.lib.alerts import send', { 'src/lib/alerts.py': 'def send():\n    pass\n' }), expect: [], python: 'ok' },
  { name: 'a third-party import that is not installed here', files: nameApp('try:\n    import mangum  # noqa: F401\nexcept ImportError:\n    mangum = None\nimport json  # noqa: F401', {}), expect: [], python: 'ok' },

  // ---- MDL001: relationship targets the entry point never imports
  { name: 'a relationship target whose module is not imported', files: modelApp('import models.user  # noqa: F401'), expect: ['MDL001'], python: "failed to locate a name ('Activity')" },
  { name: 'both model modules imported', files: modelApp('import models.user  # noqa: F401\nimport models.activity  # noqa: F401'), expect: [], python: 'ok' },
  { name: 'a module-path target string, not imported', files: modelApp('import models.user  # noqa: F401', {}, '"models.activity.Activity"'), expect: ['MDL001'], python: 'models.activity.Activity' },
  { name: 'a module-path target string, imported', files: modelApp('import models.user  # noqa: F401\nimport models.activity  # noqa: F401', {}, '"models.activity.Activity"'), expect: [], python: 'ok' },
  { name: 'a target given as argument=', files: modelApp('import models.user  # noqa: F401', {}, 'argument="Activity", back_populates="user"'), expect: ['MDL001'], python: "failed to locate a name ('Activity')" },
  {
    name: 'a model module imported through a models package',
    files: modelApp('import models  # noqa: F401', { 'models/__init__.py': 'from . import activity, user  # noqa: F401\n' }),
    expect: [],
    python: 'ok',
  },
  {
    name: 'registry().generate_base()',
    files: modelApp('import models.user  # noqa: F401', { 'db.py': 'from sqlalchemy.orm import registry\n\nmapper_registry = registry()\nBase = mapper_registry.generate_base()\n' }),
    expect: ['MDL001'],
    python: "failed to locate a name ('Activity')",
  },
  {
    name: 'an abstract base between the model and Base',
    files: modelApp('import models.user  # noqa: F401', {
      'models/common.py': 'from sqlalchemy import Column, DateTime\n\nfrom db import Base\n\n\nclass Timestamped(Base):\n    __abstract__ = True\n    created = Column(DateTime)\n',
      'models/user.py': user('"Activity", back_populates="user"', 'from models.common import Timestamped', 'Timestamped'),
    }),
    expect: ['MDL001'],
    python: "failed to locate a name ('Activity')",
  },
  {
    name: 'Flask-SQLAlchemy db.Model, target not imported',
    files: modelApp('import models.user  # noqa: F401', {
      'db.py': 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n',
      'models/user.py': user('"Activity", back_populates="user"', 'from db import db', 'db.Model'),
      'models/activity.py': activity('from db import db', 'db.Model'),
    }),
    expect: ['MDL001'],
    python: "failed to locate a name ('Activity')",
  },
  {
    name: 'Flask-SQLAlchemy db.Model, both imported',
    files: modelApp('import models.user  # noqa: F401\nimport models.activity  # noqa: F401', {
      'db.py': 'from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n',
      'models/user.py': user('"Activity", back_populates="user"', 'from db import db', 'db.Model'),
      'models/activity.py': activity('from db import db', 'db.Model'),
    }),
    expect: [],
    python: 'ok',
  },
];

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
  it(`parity-check reports ${c.expect.join(', ') || 'nothing'}, and Python agrees`, async () => {
    const { findings, dir } = await check(c.files);
    const reported = codes(findings).filter((code) => code !== 'PAR004' || c.expect.includes('PAR004'));
    expect([...new Set(reported)].sort()).toEqual([...c.expect].sort());

    const r = python(
      'import lazy_app  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()\nprint("ok")',
      dir,
    );
    if (c.python === 'ok') {
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('ok');
    } else {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(c.python);
    }
  });
});

describe('SQLAlchemy 2.0 style (Debian ships SQLAlchemy 1.4: parity-check verdicts only)', () => {
  const base2 = 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n';
  const user2 = `from typing import List

from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    activities: Mapped[List["Activity"]] = relationship(back_populates="user")
`;
  const activity2 = `from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db import Base


class Activity(Base):
    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="activities")
`;
  const files = (lazy: string) => ({
    'main.py': `${MAIN_HEAD}import models.user  # noqa: F401\nimport models.activity  # noqa: F401\n${APP}`,
    'lazy_app.py': `${MAIN_HEAD}${lazy}\n${APP}`,
    'db.py': base2,
    'models/__init__.py': '',
    'models/user.py': user2,
    'models/activity.py': activity2,
  });
  it('flags a Mapped[List["Activity"]] relationship whose target is not imported', async () => {
    const { findings } = await check(files('import models.user  # noqa: F401'));
    expect(codes(findings)).toEqual(['MDL001']);
    expect(findings[0].file).toBe('models/user.py');
    expect(findings[0].line).toBe(11);
    expect(findings[0].message).toContain('Activity is defined in models/activity.py, which lazy_app.py never imports (main.py does)');
  });
  it('is silent when both are imported, and does not take the DeclarativeBase subclass for a model', async () => {
    const { findings } = await check(files('import models.user  # noqa: F401\nimport models.activity  # noqa: F401'));
    expect(findings).toEqual([]);
  });
});

describe('messages', () => {
  it('MOD004 speaks Python and lists close names like difflib', async () => {
    const { findings } = await check(
      nameApp('from contexts.cme.models import CMEActivityTopic', {
        'contexts/__init__.py': '',
        'contexts/cme/__init__.py': '',
        'contexts/cme/models.py': 'class CMEActivity:\n    pass\n\n\nclass CMETopic:\n    pass\n\n\nclass User:\n    pass\n',
      }),
    );
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.message])).toEqual([
      [
        'MOD004',
        'lazy_app.py',
        3,
        33,
        "ImportError: cannot import name 'CMEActivityTopic' from 'contexts.cme.models' (contexts/cme/models.py); did you mean 'CMEActivity' or 'CMETopic'?",
      ],
    ]);
  });
  it('MDL001 tells a target no entry point imports from one defined nowhere (Python fails the same way on both)', async () => {
    // models/user.py is imported by both entry points; models/activity.py by neither.
    const files = {
      'main.py': `${MAIN_HEAD}import models.user  # noqa: F401\n${APP}`,
      'lazy_app.py': `${MAIN_HEAD}import models.user  # noqa: F401\n${APP}`,
      'db.py': base,
      'models/__init__.py': '',
      'models/user.py': user('"Activity", back_populates="user"'),
      'models/activity.py': activity(),
    };
    const mappers = 'import lazy_app  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()';
    const unimported = await check(files);
    const f = unimported.findings.filter((x) => x.ruleId === 'MDL001');
    expect(f.map((x) => [x.file, x.line, x.message])).toEqual([
      [
        'models/user.py',
        10,
        `User.activities names "Activity": a class Activity is defined in models/activity.py, which no entry point imports; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('Activity')`,
      ],
    ]);
    expect(f[0].related).toEqual([{ file: 'models/activity.py', line: 7, column: 7, endLine: 7, endColumn: 15 }]);
    expect(python(mappers, unimported.dir).stderr).toContain("failed to locate a name ('Activity')");

    const nowhere = await check({ ...files, 'models/activity.py': 'x = 1\n' });
    expect(nowhere.findings.filter((x) => x.ruleId === 'MDL001').map((x) => x.message.split(': ')[1].split(';')[0])).toEqual(['no module under the root defines a class Activity']);
    expect(python(mappers, nowhere.dir).stderr).toContain("failed to locate a name ('Activity')");
    // A plain class of that name that the entry points do import is no model either.
    const plain = await check({ ...files, 'models/user.py': `import models.activity  # noqa: F401\n${files['models/user.py']}`, 'models/activity.py': 'class Activity:\n    pass\n' });
    expect(plain.findings.filter((x) => x.ruleId === 'MDL001').map((x) => x.message.split(': ')[1].split(';')[0])).toEqual(['a class Activity is defined in models/activity.py, but not as a model of this registry']);
    expect(python(mappers, plain.dir).stderr).toContain("failed to locate a name ('Activity')");
    // Files no entry point reaches are not reported on otherwise (a syntax error there stays silent).
    const broken = await check({ ...files, 'models/other.py': 'class Activity(:\n' });
    expect(codes(broken.findings).filter((c) => c !== 'PAR004')).toEqual(['MDL001']);
  });

  it('MOD003 names the spelling that resolves', async () => {
    const { findings } = await check(nameApp('from src.lib.alerts import send', { 'lib/__init__.py': '', 'lib/alerts.py': 'def send():\n    pass\n', 'src/x.py': '' }));
    expect(findings.map((f) => [f.ruleId, f.line, f.column, f.message])).toEqual([
      ['MOD003', 3, 6, `"src.lib.alerts" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'src.lib'; did you mean "lib.alerts"?`],
    ]);
  });
});
