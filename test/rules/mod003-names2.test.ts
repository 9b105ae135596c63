// MOD003/MOD004 of #15 ("Misses to catch" 4, topic names2): a module spelled in another case than
// its file (Lambda's file system is case-sensitive), and a relative import that must follow the
// subpackage it names, not a same-named module one level up.
import { ruleTester } from './tester.js';

const config = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}\n';

const cased = (spelling: string) => String.raw`
-- app/__init__.py --
-- app/models.py --
class User:
    pass
-- main.py --
from fastapi import FastAPI

from app.${spelling} import User  # noqa: F401

app = FastAPI()
${config}`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'names2-case-matches',
        title: 'from app.models import User with app/models.py',
        files: cased('models'),
        python: { run: 'import main', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names2-case-mismatch',
        title: 'from app.Models import User with app/models.py: Linux (Lambda) finds no app/Models.py',
        files: cased('Models'),
        findings: [
          `main.py:3:6  MOD003  error  "app.Models" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'app.Models'; did you mean "app.models"?  [*]`,
        ],
        output: String.raw`
-- main.py --
from fastapi import FastAPI

from app.models import User  # noqa: F401

app = FastAPI()
`,
        python: { run: 'import main', fails: "No module named 'app.Models'" },
      },
    ],
  },
  'names2',
);
