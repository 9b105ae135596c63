// HND002's cases (format and assertions: ./tester.ts): the rule's docs examples, then the start-ups it reads —
// an image behind the Lambda Web Adapter, a zip whose `run.sh` the adapter's exec wrapper runs, gunicorn with a
// factory, `python server.py`. Python's verdict is uvicorn's own importer (uvicorn.importer.import_from_string,
// what `uvicorn main:app` runs) with PYTHONPATH at the package root.
import { ruleTester } from './tester.js';

const uvicornImport = (app: string) => `from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(app)})`;

const lwaTemplate = (runSh: string) => String.raw`
-- template.yaml --
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: app/
      Handler: run.sh
      Runtime: python3.12
      Layers:
        - !Sub arn:aws:lambda:${"${AWS::Region}"}:753240598075:layer:LambdaAdapterLayerX86:24
      Environment:
        Variables:
          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap
          PORT: 8000
-- app/run.sh --
#!/bin/bash
${runSh}
-- app/app/__init__.py --
-- app/app/main.py --
from fastapi import FastAPI

from app.routes import router

app = FastAPI()
app.include_router(router)
-- app/app/routes.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/")
def root():
    return {"ok": True}
-- parity-check.config.json --
{}
`;

const dockerLwa = (cmd: string, extra = '') => String.raw`
-- Dockerfile --
FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
ENV PORT=8000
WORKDIR /var/task
COPY requirements.txt ./
RUN python -m pip install -r requirements.txt
COPY src/ ./
${extra}CMD ${cmd}
-- requirements.txt --
fastapi
uvicorn
-- src/main.py --
from fastapi import FastAPI

app = FastAPI()


def create_app():
    return FastAPI()


@app.get("/")
def root():
    return {"ok": True}
-- parity-check.config.json --
{}
`;

ruleTester('HND002', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- Dockerfile --
FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
WORKDIR /var/task
COPY main.py ./
CMD ["python", "-m", "uvicorn", "--port=8080", "main:app"]
-- main.py --
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def root():
    return {"ok": True}
-- parity-check.config.json --
{}
`,
      python: { run: uvicornImport('main:app'), fails: null },
    },
    {
      name: 'lwa-zip-run-sh',
      title: 'a zip whose run.sh the adapter runs (AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap): the exec line names app.main:app, which imports; Handler run.sh is no HND001',
      files: lwaTemplate('PATH=$PATH:$LAMBDA_TASK_ROOT/bin PYTHONPATH=$PYTHONPATH:/opt/python:$LAMBDA_RUNTIME_DIR exec python -m uvicorn --port=$PORT app.main:app'),
      python: { run: uvicornImport('app.main:app'), root: 'app', fails: null },
    },
    {
      name: 'lwa-image-exec-form',
      title: 'an image with the adapter extension and uvicorn main:app in an exec-form CMD',
      files: dockerLwa('["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]'),
      python: { run: uvicornImport('main:app'), root: 'src', fails: null },
    },
    {
      name: 'lwa-image-shell-form-factory',
      title: 'a shell-form CMD running gunicorn with a factory call main:create_app() (gunicorn calls it)',
      files: dockerLwa('exec gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:$PORT "main:create_app()"'),
      python: { run: 'import main\nassert callable(main.create_app)', root: 'src', fails: null },
    },
    {
      name: 'lambda-base-entrypoint-cleared',
      title: 'a Lambda Python base image with ENTRYPOINT [] runs uvicorn itself: CMD is not a handler',
      files: String.raw`
-- Dockerfile --
FROM public.ecr.aws/lambda/python:3.12
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
COPY app/ ${"${LAMBDA_TASK_ROOT}"}/
ENTRYPOINT []
CMD ["python3", "-m", "uvicorn", "--factory", "api:create_app", "--port", "8080"]
-- app/api.py --
from fastapi import FastAPI


def create_app():
    return FastAPI()
-- parity-check.config.json --
{}
`,
      python: { run: 'from uvicorn.importer import import_from_string\nassert callable(import_from_string("api:create_app"))', root: 'app', fails: null },
    },
    {
      name: 'python-script-start',
      title: 'CMD ["python", "server.py"]: the script is in the package',
      files: dockerLwa('["python", "server.py"]').replace('-- src/main.py --', '-- src/server.py --\nimport uvicorn\n\nfrom main import app\n\nif __name__ == "__main__":\n    uvicorn.run(app, port=8000)\n-- src/main.py --'),
      python: { run: 'import server', root: 'src', fails: null },
    },
  ],
  invalid: [
    {
      name: 'docs-bad-example',
      title: "the bad example of the rule's docs",
      files: String.raw`
-- Dockerfile --
FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
WORKDIR /var/task
COPY main.py ./
CMD ["python", "-m", "uvicorn", "--port=8080", "main:ap"]
-- main.py --
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def root():
    return {"ok": True}
-- parity-check.config.json --
{}
`,
      findings: [
        `Dockerfile:5:48  HND002  error  uvicorn main:ap of Dockerfile names an app that main does not define at its top level: the server does not start (Error loading ASGI app. Attribute "ap" not found in module "main".) and every request to the function fails`,
      ],
      python: { run: uvicornImport('main:ap'), fails: 'Attribute "ap" not found in module "main".' },
    },
    {
      name: 'lwa-zip-run-sh-typo',
      title: "the broken twin of lwa-zip-run-sh: run.sh names app.mian, which the package does not hold",
      files: lwaTemplate('PATH=$PATH:$LAMBDA_TASK_ROOT/bin PYTHONPATH=$PYTHONPATH:/opt/python:$LAMBDA_RUNTIME_DIR exec python -m uvicorn --port=$PORT app.mian:app'),
      findings: [
        `app/run.sh:2:125  HND002  error  uvicorn app.mian:app of ApiFunction names a module that is not in the package: the server does not start (Error loading ASGI app. Could not import module "app.mian".) and every request to the function fails`,
      ],
      python: { run: uvicornImport('app.mian:app'), root: 'app', fails: 'Could not import module "app.mian".' },
    },
    {
      name: 'lwa-image-repo-path',
      title: 'the image copies src/ to the task root, but CMD names the module by its repository path',
      files: dockerLwa('["uvicorn", "src.main:app", "--port", "8000"]'),
      findings: [
        `Dockerfile:8:17  HND002  error  uvicorn src.main:app of Dockerfile names a module that is not in the package: the server does not start (ModuleNotFoundError: No module named 'src') and every request to the function fails; "main:app" resolves in the package`,
      ],
      python: { run: uvicornImport('src.main:app'), root: 'src', fails: "ModuleNotFoundError: No module named 'src'" },
    },
    {
      name: 'python-script-missing',
      title: 'CMD ["python", "server.py"], and the image has no server.py',
      files: dockerLwa('["python", "server.py"]'),
      findings: [
        `Dockerfile:8:16  HND002  error  python server.py of Dockerfile names a module that is not in the package: the server does not start (python: can't open file '/var/task/server.py': [Errno 2] No such file or directory) and every request to the function fails`,
      ],
      python: { run: 'import server', root: 'src', fails: "No module named 'server'" },
    },
  ],
});
