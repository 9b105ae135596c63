// eval7 (#15, seen seeding a public FastAPI app with the app.mount idiom this round compares): a module of the folder
// that creates a sub-application (`admin = FastAPI()` in admin_sub.py) which the entry points mount
// (`app.mount("/admin", admin)`) was discovered as a third entry point of the same app, and compared with the real
// ones: PAR001 "CORSMiddleware is registered in main.py but not in admin_sub.py" and PAR003 "admin is mounted in
// main.py but admin_sub.py mounts nothing there" — false: the sub-application is served through the app that
// mounts it (its middleware wraps the mount). Discovery leaves a mounted module out. The twins: both entry points
// mount it (no finding), and the Lambda entry point forgets the mount (PAR003, true). Python decides from the routes.
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; message: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;

const SUB = 'from fastapi import FastAPI\n\nadmin = FastAPI()\n\n\n@admin.get("/ping")\ndef ping():\n    return {"ok": True}\n';
function entry(mount: boolean, adapter: boolean): string {
  return [
    'from fastapi import FastAPI',
    'from fastapi.middleware.cors import CORSMiddleware',
    ...(adapter ? ['from mangum import Mangum'] : []),
    ...(mount ? ['from admin_sub import admin'] : []),
    '',
    'app = FastAPI()',
    'app.add_middleware(CORSMiddleware, allow_origins=["*"])',
    ...(mount ? ['app.mount("/admin", admin)'] : []),
    '',
    '',
    '@app.get("/")',
    'def root():',
    '    return {"ok": True}',
    ...(adapter ? ['', '', 'handler = Mangum(app)'] : []),
    '',
  ].join('\n');
}
const repo = (lambdaMounts: boolean) =>
  writeTree({ 'main.py': entry(true, false), 'lambda_main.py': entry(lambdaMounts, true), 'admin_sub.py': SUB, 'requirements.txt': 'fastapi\nmangum\n' });

// The Mount routes each entry point's app serves, and its middleware (mangum stubbed: not installed here).
const served = (dir: string, mod: string) =>
  python(`import sys, types; sys.modules['mangum'] = types.SimpleNamespace(Mangum=lambda app: None)\nimport importlib; a = importlib.import_module('${mod}').app\nprint([r.path for r in a.routes if type(r).__name__ == 'Mount'], [m.cls.__name__ for m in a.user_middleware])`, dir).stdout.trim();

describe('a sub-application the entry points mount is not an entry point of its own', () => {
  it('correct: both entry points mount admin, with CORS around it: no finding (no PAR001/PAR003 against admin_sub.py)', () => {
    const dir = repo(true);
    expect(served(dir, 'main')).toBe("['/admin'] ['CORSMiddleware']");
    expect(served(dir, 'lambda_main')).toBe("['/admin'] ['CORSMiddleware']");
    expect(check(dir).findings).toEqual([]);
  });

  it('broken twin: the Lambda entry point does not mount admin: PAR003 (every /admin request answers 404 there)', () => {
    const dir = repo(false);
    expect(served(dir, 'lambda_main')).toBe("[] ['CORSMiddleware']");
    const f = check(dir).findings;
    expect(f.map((x) => x.ruleId)).toEqual(['PAR003']);
    expect(f[0].message).toContain('mounted at "/admin" in main.py');
    expect(f[0].message).toContain('lambda_main.py mounts nothing there');
    expect(f.some((x) => x.message.includes('admin_sub.py'))).toBe(false);
  });
});
