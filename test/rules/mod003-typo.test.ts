// MOD003's warning for a top-level import nothing provides, one or two edits from a name something does
// (issue #15, topic order, item 5): `from sqlalchmey import Column` with SQLAlchemy declared, `from apii.v1
// import X` with the repository's `api`. Not local, not the standard library, not declared: Python raises
// ModuleNotFoundError unless something not read installs it, so a warning (never an error). Guarded imports,
// and names near nothing, say nothing. Proved with /usr/bin/python3 (SQLAlchemy is installed there).
import { ruleTester } from './tester.js';

const APP = (imports: string) => String.raw`-- requirements.txt --
fastapi
SQLAlchemy>=2
-- api/__init__.py --
-- api/v1.py --
X = 1
-- main.py --
from fastapi import FastAPI

${imports}

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const MSG = (top: string, near: string, what: string) =>
  `"${top}" is no module under . (Lambda's /var/task), of the standard library or of a declared dependency: the import raises ModuleNotFoundError: No module named '${top}' unless something not read here installs it; did you mean "${near}" (${what})?`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'typo-fixed',
        title: 'from sqlalchemy import Column and from api.v1 import X: both resolve',
        files: APP('from sqlalchemy import Column  # noqa: F401\nfrom api.v1 import X  # noqa: F401'),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'typo-guarded',
        title: 'the misspelt import under try/except ImportError: Python goes on',
        files: APP('try:\n    import sqlalchmey  # noqa: F401\nexcept ImportError:\n    sqlalchmey = None'),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'typo-near-nothing',
        title: 'an undeclared module near no local or declared name (mangum): not judged, nothing said',
        files: APP('import mangum  # noqa: F401'),
      },
    ],
    invalid: [
      {
        name: 'typo-declared-dependency',
        title: 'from sqlalchmey import Column: a swap away from the declared SQLAlchemy',
        files: APP('from sqlalchmey import Column  # noqa: F401'),
        findings: [`main.py:3:6  MOD003  warning  ${MSG('sqlalchmey', 'sqlalchemy', 'a declared dependency')}`],
        python: { run: 'import main', fails: "No module named 'sqlalchmey'" },
      },
      {
        name: 'typo-local-package',
        title: 'from apii.v1 import X: one letter from the repository\'s api',
        files: APP('from apii.v1 import X  # noqa: F401'),
        findings: [`main.py:3:6  MOD003  warning  ${MSG('apii', 'api', 'a package under .')}`],
        python: { run: 'import main', fails: "No module named 'apii'" },
      },
    ],
  },
  'typo',
);
