// eval8 (#15, seen on a public Chalice app): `Pyrebase4==4.7.1` declared and `import pyrebase` gave a false MOD003
// warning "pyrebase is no module … did you mean pyrebase4 (a declared dependency)?". The distribution Pyrebase4
// installs the package `pyrebase` (its setup.py: `packages=find_packages()` over the folder pyrebase/), which its
// name does not tell: src/python/dist-names.ts now knows it. Python decides with a stand-in of what pip installs on
// sys.path after the root. The twin imports the distribution's name (`import pyrebase4`), which pip does not install.
import { ruleTester } from './tester.js';

/** The snippet with a stand-in of the installed distribution (the package pyrebase) on sys.path after the root. */
const installed = (code: string) =>
  [
    'import os, sys, tempfile',
    'site = tempfile.mkdtemp()',
    'os.makedirs(os.path.join(site, "pyrebase"))',
    'open(os.path.join(site, "pyrebase", "__init__.py"), "w").write("def initialize_app(config): return config\\n")',
    'sys.path.append(site)',
    code,
  ].join('\n');

const repo = (module: string) => String.raw`
-- app.py --
from chalice import Chalice

from chalicelib.auth import firebase

app = Chalice(app_name="auth")
-- chalicelib/__init__.py --
-- chalicelib/auth.py --
import ${module} as pyrebase

firebase = pyrebase.initialize_app({"apiKey": "k"})
-- requirements.txt --
chalice==1.31.0
Pyrebase4==4.7.1
-- .chalice/config.json --
{"version": "2.0", "app_name": "auth", "stages": {"dev": {"api_gateway_stage": "api"}}}
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'dist-pyrebase4-installs-pyrebase',
        title: 'Pyrebase4 declared: `import pyrebase` is the package it installs',
        files: repo('pyrebase'),
        python: { run: installed('import chalicelib.auth'), fails: null },
      },
    ],
    invalid: [
      {
        name: 'dist-pyrebase4-imported-by-its-distribution-name',
        title: 'the same app importing `pyrebase4`: the distribution installs no module of that name',
        files: repo('pyrebase4'),
        findings: [
          `chalicelib/auth.py:1:8  MOD003  warning  "pyrebase4" is no module under /var/task (the package of auth-dev as .chalice/config.json builds it: Lambda's /var/task), of the standard library or of a declared dependency: the import raises ModuleNotFoundError: No module named 'pyrebase4' unless something not read here installs it; did you mean "pyrebase" (a declared dependency)?`,
        ],
        python: { run: installed('import chalicelib.auth'), fails: "No module named 'pyrebase4'" },
      },
    ],
  },
  'dist-names',
);
