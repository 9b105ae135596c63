// A public layer of pip packages from keithrozario/Klayers (one distribution per layer: Klayers-p310-Pillow) holds
// none of the repository's modules, like the Powertools layer: the function stays checked (topic eval2; a public
// serverless Flask app's image functions used one and went unchecked). Proved with /usr/bin/python3 at the package root.
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

const SLS = [
  'service: media',
  'provider:',
  '  name: aws',
  '  runtime: python3.10',
  'functions:',
  '  mediaImageMaker:',
  '    handler: app/media_handler.handler',
  '    layers:',
  '      - arn:aws:lambda:ap-northeast-1:770693421928:layer:Klayers-p310-Pillow:2',
  '',
].join('\n');
const HANDLER = 'from app.common.media import resize\n\n\ndef handler(event, context):\n    return resize(event)\n';

function app(mediaModule: string) {
  return writeTree({ 'serverless.yml': SLS, 'app/media_handler.py': HANDLER, [`app/common/${mediaModule}.py`]: 'def resize(e):\n    return e\n' });
}

function check(dir: string) {
  const r = runCli([dir, '--no-cache', '--verbose', '--format', 'json']);
  return { json: JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[]; notChecked?: unknown[] }, stderr: r.stderr };
}

describe('eval2: a Klayers layer', () => {
  it('broken: the handler imports a module the package does not hold, and it is reported', () => {
    const dir = app('medias');
    expect(python('import app.media_handler', dir).stderr).toContain("No module named 'app.common.media'");
    const { json, stderr } = check(dir);
    expect(json.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['MOD003 app/media_handler.py']);
    expect(stderr).not.toContain('is not checked');
  });

  it('fixed twin: nothing reported, the function checked', () => {
    const dir = app('media');
    expect(python('import app.media_handler as m; print(m.handler(1, None))', dir).stdout).toBe('1\n');
    const { json } = check(dir);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
  });
});

// serverless-python-requirements with `layer: true` makes PythonRequirementsLambdaLayer of requirements.txt: pip
// packages only. A public FastAPI + SQLAlchemy app's api function referenced it and went unchecked.
function reqLayerApp(module: string, layerOption = '    layer: true\n') {
  const sls = [
    'service: api',
    'plugins:',
    '  - serverless-python-requirements',
    'custom:',
    '  pythonRequirements:',
    `${layerOption}provider:`,
    '  name: aws',
    '  runtime: python3.12',
    'functions:',
    '  api:',
    '    handler: app.main.handler',
    '    layers:',
    '      - { Ref: PythonRequirementsLambdaLayer }',
    '',
  ].join('\n');
  return writeTree({ 'serverless.yml': sls, 'requirements.txt': 'fastapi\n', 'app/__init__.py': '', 'app/main.py': 'from app.routes import ping\n\n\ndef handler(event, context):\n    return ping()\n', [`app/${module}.py`]: 'def ping():\n    return "pong"\n' });
}

describe('eval2: the serverless-python-requirements layer', () => {
  it('broken: a module missing from the package is reported', () => {
    const dir = reqLayerApp('route');
    expect(python('import app.main', dir).stderr).toContain("No module named 'app.routes'");
    const { json, stderr } = check(dir);
    expect(json.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['MOD003 app/main.py']);
    expect(stderr).not.toContain('is not checked');
  });

  it('fixed twin: nothing reported, the function checked', () => {
    const dir = reqLayerApp('routes');
    expect(python('import app.main as m; print(m.handler(1, None))', dir).stdout).toBe('pong\n');
    const { json } = check(dir);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
  });

  it('without layer: the plugin makes no such layer, and the reference stays unknown (named, not passed)', () => {
    const { json } = check(reqLayerApp('routes', ''));
    expect(JSON.stringify(json.notChecked)).toContain('PythonRequirementsLambdaLayer');
  });
});
