// MOD003 guard of #15 ("Misses to catch" 4): `with (suppress(ImportError)):` in parentheses is the
// same guard as without them: an absent optional module is not an error (a plugin the repository
// may not ship: `plugins/optional.py`).
import { ruleTester } from './tester.js';

const app = (guard: string) => String.raw`
-- main.py --
from contextlib import suppress

from fastapi import FastAPI

${guard}
    import plugins.optional  # noqa: F401

app = FastAPI()
-- plugins/__init__.py --
-- lazy_app.py --
from fastapi import FastAPI

import main  # noqa: F401

app = FastAPI()
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'names-suppress-in-parentheses',
        title: 'with (suppress(ImportError)): guards the import like the plain form',
        files: app('with (suppress(ImportError)):'),
        python: { run: 'import main, lazy_app', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names-suppress-other-error-in-parentheses',
        title: 'with (suppress(KeyError)): does not catch the missing module',
        files: app('with (suppress(KeyError)):'),
        findings: ['main.py:6:12  MOD003  error  "plugins.optional" does not resolve under . (Lambda\'s /var/task): ModuleNotFoundError: No module named \'plugins.optional\''],
        python: { run: 'import main', fails: "No module named 'plugins.optional'" },
      },
    ],
  },
  'names',
);
