// `parity-check package` on serverless-wsgi's path form `custom.wsgi.app: api/handler.app` (eval6, seen on a public
// Flask template): the plugin's wsgi_handler.py puts /var/task/api first on sys.path and imports `handler`, so the
// app resolves; the report said "✖ does not resolve: No module named 'handler'" (the check itself was right).
// Python decides: the plugin's import_app, run with PYTHONPATH at the package root.
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

function service(app: string) {
  return writeTree({
    'serverless.yml': [
      'service: flask-api',
      'plugins:',
      '  - serverless-wsgi',
      'custom:',
      '  wsgi:',
      `    app: ${app}`,
      'provider:',
      '  name: aws',
      '  runtime: python3.12',
      'functions:',
      '  api:',
      '    handler: wsgi_handler.handler',
      '',
    ].join('\n'),
    'api/handler.py': 'class App:\n    pass\n\n\napp = App()\n',
    'api/models.py': 'X = 1\n',
  });
}
// serverless-wsgi's import_app (wsgi_handler.py), with the package root as the handler's folder.
const importApp = (app: string) =>
  [
    'import importlib, os, sys',
    `fqn = ${JSON.stringify(app)}.rsplit(".", 1)`,
    'parts = fqn[0].rsplit("/", 1)',
    'if len(parts) == 2: sys.path.insert(0, os.path.join(os.environ["PYTHONPATH"], parts[0]))',
    'print(type(getattr(importlib.import_module(parts[-1]), fqn[1])).__name__)',
  ].join('\n');
const resolution = (repo: string) => {
  const r = runCli(['package', repo, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout).functions[0].startup;
};

describe('package: serverless-wsgi app under a folder', () => {
  it('api/handler.app resolves from the folder the plugin puts on sys.path', () => {
    const repo = service('api/handler.app');
    expect(python(importApp('api/handler.app'), repo).stdout).toBe('App\n');
    const s = resolution(repo);
    expect(s.path).toBe('api');
    expect(s.resolution).toEqual({ status: 'resolves', file: 'api/handler.py' });
    expect(runCli(['package', repo]).stdout).toContain('✔ resolves in the package (api/handler.py)');
  });

  it('broken twin: a module the folder lacks does not resolve', () => {
    const repo = service('api/server.app');
    expect(python(importApp('api/server.app'), repo).stderr).toContain("No module named 'server'");
    expect(resolution(repo).resolution.status).toBe('no-module');
  });
});
