// PAR003's include order, what it cannot compare (issue #15, python7): `setup_ordered(app, me_first=FLAG)` with
// FLAG read from the environment decides whether users (/users/me) or profiles (/users/{user_id}) is included
// first, and so which handler answers GET /users/me. Nothing was said; now a note (stderr, not a finding) names
// the request, the two routers and the call. Python proves the argument decides: with ME_FIRST=0 the profile
// handler answers through lazy_app.py. No note where nothing unread decides (the default argument).
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

const FILES: Record<string, string> = {
  'api/__init__.py': '',
  'app/__init__.py': '',
  'api/users.py': 'from fastapi import APIRouter\n\nrouter = APIRouter(prefix="/users")\n\n\n@router.get("/me")\ndef me():\n    return "users.me"\n',
  'api/profiles.py': 'from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("/users/{user_id}")\ndef profile(user_id: str):\n    return "profiles.user"\n',
  'main.py': 'from fastapi import FastAPI\n\nfrom api import profiles, users\n\napp = FastAPI()\napp.include_router(users.router)\napp.include_router(profiles.router)\n',
  'app/routes.py':
    'from api import profiles, users\n\n\ndef setup_ordered(app, me_first=True):\n    if me_first:\n        app.include_router(users.router)\n    app.include_router(profiles.router)\n    if not me_first:\n        app.include_router(users.router)\n',
  'parity-check.config.json': '{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n',
};

const lazy = (call: string) =>
  `import os\n\nfrom fastapi import FastAPI\n\nfrom app.routes import setup_ordered\n\nFLAG = os.environ.get("ME_FIRST", "1") == "1"\napp = FastAPI()\n${call}\n`;

const ANSWER = String.raw`import asyncio, lazy_app
sent = []
async def receive():
    return {"type": "http.request", "body": b"", "more_body": False}
async def send(m):
    sent.append(m)
scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http", "path": "/users/me",
         "raw_path": b"/users/me", "root_path": "", "query_string": b"", "headers": [], "client": ("t", 1), "server": ("t", 80)}
asyncio.run(lazy_app.app(scope, receive, send))
print(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode())`;

const NOTE =
  'parity-check: GET /users/me: whether api.profiles.router or api.users.router serves it in main.py and lazy_app.py was not compared: the include order depends on setup_ordered(app, me_first=FLAG), whose argument cannot be read (me_first, not me_first)';

describe('PAR003 include order: an argument that cannot be read', () => {
  it('setup_ordered(app, me_first=FLAG): the environment decides the handler, and the note says the order was not compared', () => {
    const repo = writeTree({ ...FILES, 'lazy_app.py': lazy('setup_ordered(app, me_first=FLAG)') });
    expect(python(ANSWER, repo, { env: { ...process.env, ME_FIRST: '1' } }).stdout).toBe('"users.me"\n');
    expect(python(ANSWER, repo, { env: { ...process.env, ME_FIRST: '0' } }).stdout).toBe('"profiles.user"\n');
    const r = runCli([repo, '--no-cache', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr.split('\n')).toContain(NOTE);
  });

  it('setup_ordered(app): the default decides, the same order as main.py: no note', () => {
    const repo = writeTree({ ...FILES, 'lazy_app.py': lazy('setup_ordered(app)') });
    expect(python(ANSWER, repo).stdout).toBe('"users.me"\n');
    const r = runCli([repo, '--no-cache', '--format', 'json']);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.stderr).not.toContain('was not compared');
  });
});
