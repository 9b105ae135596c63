// eval8 (#15, seen on a public Chalice app): `def __call__(self) -> List[Dict] or Dict:` gave a false PARSE001 "syntax
// error near "or Dict": Python will not import this file". tree-sitter-python reads `List[Dict]` in an annotation as
// a generic type that no `or` / `and` / `if … else` may follow; Python takes any expression as an annotation and
// evaluates it (`List[Dict] or Dict` is `List[Dict]`). The twin that Python refuses (`-> List[Dict] or:`) stays an
// error. Python decides: the file is imported (valid) or the import raises SyntaxError (invalid).
import { ruleTester } from './tester.js';

const CONFIG = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n';
const APP = 'from fastapi import FastAPI\n\nimport shapes\n\napp = FastAPI()\n';

ruleTester(
  'PARSE001',
  {
    valid: [
      {
        name: 'subscript-annotation-or',
        title: 'annotations that start with a subscript and go on with or / and / if-else: Python imports the file',
        files: String.raw`
-- shapes.py --
from typing import Dict, List, Optional, Tuple


class Controller:
    body: Optional[Dict] or None = None

    def __call__(self, *args: Tuple[int] or str, **kwargs: Dict[str, int] or None) -> List[Dict] or Dict:
        return {}


def pick(a: List[Dict] or Dict = None, b=1) -> List[int] and int if True else None:
    return a
-- main.py --
${APP}-- lazy_app.py --
${APP}${CONFIG}`,
        python: { run: 'import lazy_app, shapes; print(shapes.Controller.__call__.__annotations__["return"])', stdout: 'typing.List[typing.Dict]' },
      },
    ],
    invalid: [
      {
        name: 'subscript-annotation-or-nothing',
        title: 'the same annotation with nothing after `or`: Python refuses the file',
        files: String.raw`
-- shapes.py --
from typing import Dict, List


class Controller:
    def __call__(self) -> List[Dict] or:
        return {}
-- main.py --
${APP}-- lazy_app.py --
${APP}${CONFIG}`,
        findings: ['shapes.py:5:38  PARSE001  warning  syntax error near "or": Python will not import this file; findings in it may be incomplete'],
        python: { run: 'import lazy_app', fails: 'SyntaxError' },
      },
    ],
  },
  'annotations',
);
