// The start command reader (src/sources/startup-command.ts): what each idiom starts, and what stays unknown.
// The commands are the forms real Dockerfiles and Lambda Web Adapter run.sh files use.
import { describe, expect, it } from 'vitest';
import { commandStart, scriptStart } from '../../src/sources/startup-command.js';
import type { Location } from '../../src/types.js';

const loc: Location = { file: 'x', line: 1, column: 1, endLine: 1, endColumn: 1 };
const words = (...w: string[]) => w.map((value) => ({ value, loc }));
const start = (...w: string[]) => commandStart(words(...w), loc);
const script = (text: string, env: Record<string, string> = {}) => scriptStart(text, () => loc, new Map(Object.entries(env)));
const app = (s: ReturnType<typeof start>) => (s.kind === 'web-app' && s.app.known ? [s.server, s.app.value, !!s.factory] : s.kind === 'unknown' ? ['unknown', s.why] : [s.kind]);

describe('commandStart', () => {
  it('finds the module:app of uvicorn, gunicorn and hypercorn, however they are run', () => {
    expect(app(start('uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '8080'))).toEqual(['uvicorn', 'main:app', false]);
    expect(app(start('python3', '-u', '-m', 'uvicorn', '--port=8000', 'app.main:app'))).toEqual(['uvicorn', 'app.main:app', false]);
    expect(app(start('/usr/local/bin/python', '-X', 'importtime', '-m', 'uvicorn', '--factory', 'api:create_app'))).toEqual(['uvicorn', 'api:create_app', true]);
    expect(app(start('gunicorn', '-k', 'uvicorn.workers.UvicornWorker', '-b', '0.0.0.0:8000', 'main:create_app()'))).toEqual(['gunicorn', 'main:create_app', true]);
    expect(app(start('uv', 'run', '--frozen', 'uvicorn', 'app.main:app'))).toEqual(['uvicorn', 'app.main:app', false]);
    expect(app(start('env', 'A=1', 'opentelemetry-instrument', 'hypercorn', 'svc:app', '--bind', '0.0.0.0:80'))).toEqual(['hypercorn', 'svc:app', false]);
  });

  it('names Python scripts and handlers, and other languages', () => {
    expect(start('python', 'server.py')).toMatchObject({ kind: 'script', file: { value: 'server.py' } });
    expect(start('python', '-m', 'app.serve')).toMatchObject({ kind: 'script', module: { value: 'app.serve' } });
    expect(start('python', '-m', 'awslambdaric', 'app.handler')).toMatchObject({ kind: 'ric-handler', handler: { value: 'app.handler' } });
    expect(start('/lambda-entrypoint.sh', 'app.handler')).toMatchObject({ kind: 'ric-handler', handler: { value: 'app.handler' } });
    expect(start('node', 'index.js')).toMatchObject({ kind: 'not-python', what: 'node' });
    expect(start('./run.sh')).toMatchObject({ kind: 'exec-script', path: './run.sh' });
  });

  it('leaves unknown what it cannot tell: another import root, two apps, no app, inline code', () => {
    expect(app(start('uvicorn', '--app-dir', 'src', 'main:app'))[0]).toBe('unknown');
    expect(app(start('uvicorn', '--app-dir', '.', 'main:app'))).toEqual(['uvicorn', 'main:app', false]);
    expect(app(start('gunicorn', 'a:app', 'b:app'))).toEqual(['unknown', 'gunicorn names a:app and b:app']);
    expect(app(start('gunicorn', '-c', 'gunicorn.conf.py'))).toEqual(['unknown', 'gunicorn names no module:app (a config file may)']);
    expect(app(start('python', '-c', 'import main'))).toEqual(['unknown', 'python -c runs inline code']);
    expect(commandStart([{ why: '$APP is set at run time', loc }], loc)).toMatchObject({ kind: 'unknown' });
  });
});

describe('scriptStart', () => {
  it("reads the adapter's run.sh: exported paths, then exec", () => {
    const s = script('#!/bin/bash\nexport PATH=$PATH:$LAMBDA_TASK_ROOT/bin\nexport PYTHONPATH=$PYTHONPATH:/opt/python\nexec python -m uvicorn --port=$PORT server:app\n');
    expect(app(s)).toEqual(['uvicorn', 'server:app', false]);
  });

  it('the one-line form tree-sitter-bash splits after `:$` still finds the exec', () => {
    const s = script('PATH=$PATH:$LAMBDA_TASK_ROOT/bin PYTHONPATH=$PYTHONPATH:/opt/python:$LAMBDA_RUNTIME_DIR exec python -m uvicorn --port=$PORT main:app\n');
    expect(app(s)).toEqual(['uvicorn', 'main:app', false]);
  });

  it('exec ends the script; a migration before the server is not the start; sh -c is read', () => {
    expect(app(script('python manage.py migrate\nexec gunicorn web.wsgi:application\necho never\n'))).toEqual(['gunicorn', 'web.wsgi:application', false]);
    expect(app(script('exec sh -c "uvicorn main:app --port 8080"\n'))).toEqual(['uvicorn', 'main:app', false]);
    expect(app(script('exec uvicorn $APP_MODULE\n', { APP_MODULE: 'svc.main:app' }))).toEqual(['uvicorn', 'svc.main:app', false]);
  });

  it('a cd away from the task root, or nothing it reads, is unknown', () => {
    expect(script('cd /var/task/app\nexec uvicorn main:app\n')).toMatchObject({ kind: 'unknown' });
    expect(app(script('cd $LAMBDA_TASK_ROOT\nexec uvicorn main:app\n'))).toEqual(['uvicorn', 'main:app', false]);
    expect(script('#!/bin/sh\necho hello\n')).toMatchObject({ kind: 'unknown' });
  });
});
