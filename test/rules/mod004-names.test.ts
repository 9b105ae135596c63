// MOD004 misses of #15 ("Misses to catch" 4): a name that is only annotated binds nothing.
import { ruleTester } from './tester.js';

const app = (settings: string) => String.raw`
-- main.py --
from fastapi import FastAPI

from settings import TIMEOUT

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from settings import TIMEOUT

app = FastAPI()
-- settings.py --
${settings}
`;

ruleTester(
  'MOD004',
  {
    valid: [
      {
        name: 'names-annotated-with-a-value',
        title: 'an annotated name with a value is bound',
        files: app('TIMEOUT: int = 30'),
        python: { run: 'import main, lazy_app', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names-annotation-only',
        title: 'an annotation without a value binds nothing: the import fails',
        files: app('TIMEOUT: int'),
        findings: [
          "lazy_app.py:3:22  MOD004  error  ImportError: cannot import name 'TIMEOUT' from 'settings' (settings.py)",
          "main.py:3:22  MOD004  error  ImportError: cannot import name 'TIMEOUT' from 'settings' (settings.py)",
        ],
        python: { run: 'import main', fails: "cannot import name 'TIMEOUT' from 'settings'" },
      },
    ],
  },
  'names',
);
