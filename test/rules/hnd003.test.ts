// HND003 (issue #15, python7): two Chalice functions with one Python name. Chalice writes each function's handler
// from the Python name, `'%s.%s' % (module_name, user_handler.__name__)` (chalice/app.py `_do_register_handler`),
// so Lambda's `app.job` is whatever app.py binds to `job` last. Chalice is not installed here: the proof puts a
// stub `chalice` beside app.py (as the packager adds Chalice's runtime to the package) that reproduces
// `_create_registration_function` and `_do_register_handler`, imports app.py, resolves each registered
// function's handler string as Lambda does (import the module, read the attribute) and checks it is the function
// that was registered under that name.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, tempDir, writeTree } from '../helpers.js';

const STUB = String.raw`class Chalice:
    def __init__(self, app_name):
        self.app_name = app_name
        self.functions = []

    def route(self, path, **kw):
        return lambda f: f

    def _registration(self, handler_type, name=None):
        def _register_handler(user_handler):
            handler_name = name if name is not None else user_handler.__name__
            wrapped = ("wrapped", handler_type, user_handler)
            # _do_register_handler: module_name is 'app' for the app itself
            handler_string = "%s.%s" % ("app", user_handler.__name__)
            self.functions.append((handler_name, handler_string, wrapped))
            return wrapped
        return _register_handler

    def lambda_function(self, name=None):
        return self._registration("lambda_function", name)

    def schedule(self, expression, name=None):
        return self._registration("schedule", name)

    def on_sqs_message(self, queue, batch_size=1, name=None):
        return self._registration("on_sqs_message", name)


Blueprint = Chalice
`;

/** Each registered function's handler, resolved as Lambda does: it must be the object registered under that name. */
const PROOF = String.raw`import importlib, app
for name, handler, wrapped in app.app.functions:
    module, attr = handler.rsplit(".", 1)
    got = getattr(importlib.import_module(module), attr)
    print(name, handler, got is wrapped)
    assert got is wrapped, "another function runs for " + name`;

const CONFIG = JSON.stringify({ version: '2.0', app_name: 'reports', stages: { dev: {} } }) + '\n';

function project(appPy: string): string {
  return writeTree({ '.chalice/config.json': CONFIG, 'requirements.txt': '', 'app.py': appPy });
}

/** The package as chalice deploy writes it (app.py and the Chalice runtime, here the stub), and the proof's run in it. */
function prove(repo: string) {
  const pkg = tempDir();
  fs.copyFileSync(path.join(repo, 'app.py'), path.join(pkg, 'app.py'));
  fs.mkdirSync(path.join(pkg, 'chalice'));
  fs.writeFileSync(path.join(pkg, 'chalice', '__init__.py'), STUB);
  return python(PROOF, pkg);
}

const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as { findings: { ruleId: string; file: string; line: number; message: string }[] };

const APP = (second: string, between = '') => `from chalice import Chalice

app = Chalice(app_name="reports")


@app.lambda_function(name="build")
def job(event, context):
    return {"built": event["id"]}
${between}

@app.schedule("rate(1 hour)")
def ${second}(event):
    return {"cleaned": True}
`;

describe('HND003: Chalice functions sharing a Python name', () => {
  it('broken: @app.lambda_function(name="build") def job, then @app.schedule def job: "build" runs the schedule function', () => {
    const repo = project(APP('job'));
    const proof = prove(repo);
    expect(proof.stderr).toContain('another function runs for build');
    expect(check(repo).findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([
      'app.py:6 HND003 Chalice function "build" (@app.lambda_function) gets the handler "app.job", but app.py binds job again at line 12 (@app.schedule): its Lambda runs that one instead, with this function\'s events',
    ]);
  });

  it('fixed twin: the schedule function is called cleanup: each handler is its own function, nothing reported', () => {
    const repo = project(APP('cleanup'));
    const proof = prove(repo);
    expect(proof.stderr).toBe('');
    expect(proof.stdout).toContain('build app.job True');
    expect(check(repo).findings).toEqual([]);
  });

  it('a plain helper def of the same name after it rebinds it too (the second name is another one)', () => {
    const repo = project(APP('cleanup', '\n\ndef job():\n    return "helper"\n'));
    expect(prove(repo).stderr).toContain('another function runs for build');
    expect(check(repo).findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['6 HND003']);
  });

  it('two event handlers without name= and one Python name: the handler and the Lambda names collide (said)', () => {
    const repo = project(APP('job').replace('@app.lambda_function(name="build")', '@app.on_sqs_message(queue="orders")').replace('@app.schedule("rate(1 hour)")', '@app.on_sqs_message(queue="refunds")'));
    const proof = prove(repo);
    expect(proof.stderr).toContain('another function runs for job');
    expect(check(repo).findings.map((f) => f.message)).toEqual([
      'Chalice function "job" (@app.on_sqs_message) gets the handler "app.job", but app.py binds job again at line 12 (@app.on_sqs_message): its Lambda runs that one instead, with this function\'s events; both are named "job" too (no name= tells them apart), so their Lambda functions collide',
    ]);
  });

  it('a rebinding under an if is not judged (it may not run): nothing said', () => {
    const repo = project(APP('cleanup', '\n\nimport os\nif os.environ.get("LEGACY"):\n    def job():\n        return "helper"\n'));
    expect(prove(repo).stderr).toBe('');
    expect(check(repo).findings).toEqual([]);
  });
});
