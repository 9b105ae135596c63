// Issue #15's "done when", conditions 2 and 3, as the audit found them untested:
// - the bundled examples need no `allow`: their configs hold none, and the fixed twin passes with its
//   config and with none at all (discovery), while Python serves every router through the lazy loader;
// - machine formats print valid output in the cases staged.test.ts does not cover: no app found
//   (exit 2, a parseable empty document whose SARIF invocation failed, the reason on stderr; with -o no
//   file) and a configuration error (exit 2,
//   nothing on stdout: no document that a consumer could take for a clean run, one line on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree, python, REPO, runCli, writeTree } from '../helpers.js';

const EXAMPLES = path.join(REPO, 'examples');
const SRC = 'apps/backend-api/src';

describe('the bundled examples need no allow', () => {
  it.each(['incident', 'fixed'])('examples/%s/parity-check.config.json has no allow entry, at the top or in an app', (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name, 'parity-check.config.json'), 'utf8')) as { allow?: unknown; apps: { allow?: unknown }[] };
    expect(config.allow).toBeUndefined();
    expect(config.apps.length).toBeGreaterThan(0);
    for (const app of config.apps) expect(app.allow).toBeUndefined();
  });

  it('the fixed twin passes with its config and with no config at all; Python serves every eager router through the lazy loader', () => {
    const withConfig = runCli([path.join(EXAMPLES, 'fixed'), '--format', 'json', '--no-cache']);
    expect(withConfig.code).toBe(0);
    expect(JSON.parse(withConfig.stdout)).toEqual({ findings: [] });

    const dir = copyTree(path.join(EXAMPLES, 'fixed'));
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    const discovered = runCli([dir, '--format', 'json', '--no-cache']);
    expect(discovered.stderr).toContain(`discovered an app at ${SRC} with entry points main.py, lazy_app.py, handler.py`);
    expect(discovered.code).toBe(0);
    expect(JSON.parse(discovered.stdout)).toEqual({ findings: [] });

    // The lazy loader middleware exists only in lazy_app.py by design: after one request to each
    // router main.py includes, the lazy app serves the same /api routes as main.py.
    const probe = python(
      String.raw`
import lazy_app, main
from fastapi.testclient import TestClient
api = lambda app: sorted(r.path for r in app.routes if r.path.startswith("/api/"))
prefixes = sorted({p.split("/")[3] for p in api(main.app)})
client = TestClient(lazy_app.app)
for name in prefixes:
    client.get(f"/api/v1/{name}/")
assert api(lazy_app.app) == api(main.app), (api(lazy_app.app), api(main.app))
print(len(prefixes))`,
      path.join(dir, SRC),
    );
    expect(probe.stderr).toBe('');
    expect(probe).toMatchObject({ code: 0 });
    expect(Number(probe.stdout.trim())).toBeGreaterThanOrEqual(4);
  });
});

describe('machine formats always print valid output', () => {
  it('no app found: exit 2 in every format; JSON and SARIF still parse (empty), GitHub prints no annotation; stderr says why', () => {
    const dir = writeTree({ 'x.py': 'print(1)\n' });
    const json = runCli([dir, '--format', 'json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ findings: [] });
    expect(json.stderr).toContain('no app to check');
    expect(json.stderr).toContain('nothing was checked, so this is not a pass (exit 2)');

    const sarif = runCli([dir, '--format', 'sarif']);
    expect(sarif.code).toBe(2);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[]; invocations: { executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toEqual([]);
    expect(sarif.stderr).toContain('no app to check');
    // The empty results are not a clean run: the invocation failed, and says why.
    const [invocation] = log.runs[0].invocations;
    expect(invocation).toMatchObject({ executionSuccessful: false, exitCode: 2 });
    expect(invocation.toolExecutionNotifications).toHaveLength(1);
    expect(invocation.toolExecutionNotifications[0].level).toBe('error');
    expect(invocation.toolExecutionNotifications[0].message.text).toMatch(/^no app to check in .*Run "parity-check init"/);

    // -o writes no file, as for a configuration error: the README's upload step (if: hashFiles(...) != '')
    // is skipped, so an upload of empty results cannot close the category's open alerts. Twice: the
    // second run is answered from the run cache and must not write one either.
    const out = path.join(dir, 'out.sarif');
    for (const round of [1, 2]) {
      const r = runCli([dir, '--format', 'sarif', '-o', out]);
      expect(r.code, `round ${round}`).toBe(2);
      expect(r.stdout, `round ${round}`).toBe('');
      expect(r.stderr, `round ${round}`).toContain('nothing was checked, so this is not a pass (exit 2)');
      expect(fs.existsSync(out), `round ${round}`).toBe(false);
    }

    const github = runCli([dir, '--format', 'github']);
    expect(github).toMatchObject({ code: 2, stdout: '' });
    expect(github.stderr).toContain('no app to check');
  });

  it('a configuration error: exit 2, nothing on stdout in any machine format (no document a consumer could read as a clean run), one line on stderr naming the file', () => {
    const dir = writeTree({ 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', 'parity-check.config.json': '{"apps": [\n' });
    for (const format of ['json', 'sarif', 'github']) {
      const r = runCli([dir, '--format', format]);
      expect(r.code, format).toBe(2);
      expect(r.stdout, format).toBe('');
      expect(r.stderr.trim().split('\n'), format).toHaveLength(1);
      expect(r.stderr, format).toContain('parity-check.config.json: invalid JSON at line 2');
    }
    // -o writes no file either, so the README's upload step (if: hashFiles(...) != '') is skipped.
    const out = path.join(dir, 'out.sarif');
    expect(runCli([dir, '--format', 'sarif', '-o', out]).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});
