// LPK003 for a library start-up string in a `python main.py` image (issue #15, misses item 3, topic libs2): the
// image copies src/ flat into /var/task and starts main.py as a script, whose `if __name__ == "__main__":` block
// runs uvicorn.run("src.api.app:app"). The repository has src/api/app.py, so this is the flat copy's problem
// (LPK003), as for any module path the package names by its repository path. The proof is the build done for
// real: the COPY done with cp into a temporary /var/task, then uvicorn's own importer with PYTHONPATH there.
import { ruleTester } from './tester.js';

const image = (copy: string, target: string) => String.raw`
-- Dockerfile --
FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
WORKDIR /var/task
COPY ${copy}
CMD ["python", "main.py"]
-- src/main.py --
import uvicorn

if __name__ == "__main__":
    uvicorn.run("${target}", host="0.0.0.0", port=8000)
-- src/api/__init__.py --
-- src/api/app.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{}
`;
// The COPY, done for real: the build context's src/ copied as the instruction says, then the server's import.
const built = (dest: string, target: string) =>
  [
    'import os, shutil, sys, tempfile',
    'case = os.environ["PYTHONPATH"]',
    'task = tempfile.mkdtemp()',
    `shutil.copytree(os.path.join(case, "src"), os.path.join(task, ${JSON.stringify(dest)}), dirs_exist_ok=True)`,
    // Only the built folder on sys.path, as on Lambda: not the repository the case was written to.
    'sys.path[:] = [task] + [p for p in sys.path if os.path.abspath(p) != os.path.abspath(case)]',
    'try:',
    '    from uvicorn.importer import import_from_string',
    `    import_from_string(${JSON.stringify(target)})`,
    'finally:',
    '    shutil.rmtree(task)',
  ].join('\n');

ruleTester(
  'LPK003',
  {
    valid: [
      {
        name: 'libs2-python-script-flat-copy',
        title: 'COPY src/ ./ with uvicorn.run("api.app:app") in the __main__ block main.py runs: the string names the package path',
        files: image('src/ ./', 'api.app:app'),
        python: { run: built('.', 'api.app:app'), fails: null },
      },
    ],
    invalid: [
      {
        name: 'libs2-python-script-src-prefix',
        title: 'COPY src/ ./ with uvicorn.run("src.api.app:app") in the __main__ block main.py runs: No module named src',
        files: image('src/ ./', 'src.api.app:app'),
        findings: [
          `Dockerfile:4:6  LPK003  error  COPY src/ ./ puts src at the package root, but Dockerfile names it by its repository path: src.api.app (src/main.py:4): Lambda fails with ModuleNotFoundError: No module named 'src'. Copy it to its repository path: COPY src/ ./src/ (related Dockerfile:1:1-1:52)`,
        ],
        python: { run: built('.', 'src.api.app:app'), fails: "No module named 'src'" },
      },
    ],
  },
  'libs2',
);
