// The servers workflow steps start (src/sources/workflow-servers.ts) and what the check says of those it cannot judge
// (rules/shared/workflow-starts.ts): a `${{ matrix.x }}` app or working-directory, a project installed earlier in the
// job, a folder outside the checkout, each a note in the default output and never a finding; commands that start
// no server in this job (echo, a heredoc, a comment, ssh, docker compose) give neither. A step with `if:` and a
// `container:` job are still checked. --staged checks the start when the workflow or the module is staged.
// Python decides the findings these cases keep (uvicorn's importer, as in test/rules/mod001-workflow.test.ts).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { contextFromPaths } from '../../src/sources/index.js';
import { workflowServerStarts } from '../../src/sources/workflow-servers.js';
import { commitAll, git, python, runCli, writeTree } from '../helpers.js';
import { parseFiles } from '../rules/tester.js';
import { BACKEND_ROOT, served, withWorkflow } from '../rules/workflow-fixtures.js';

const step = (run: string, extra = '') => `      - ${extra ? `${extra}\n        ` : ''}run: ${run}\n`;

async function check(files: string) {
  const dir = writeTree(parseFiles(files));
  const r = await run({ base: dir, staged: false });
  return { dir, codes: r.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`), notes: r.notes.filter((n) => n.includes('workflow job')) };
}

describe('workflow server starts', () => {
  it('reads the server argv as the step runs it', () => {
    const text = `on: push
jobs:
  smoke:
    runs-on: ubuntu-latest
    steps:
      - run: |
          timeout -s KILL 10 uvicorn app.main:app --host 0.0.0.0 || true
          gunicorn -b localhost:8000 -k uvicorn.workers.UvicornWorker app.main:app &
          cd backend && PYTHONPATH=../lib python -m uvicorn --app-dir=. --factory app.main:create_app &
          echo "uvicorn src.main:app"
          ssh host "uvicorn src.main:app"
          docker compose run api uvicorn src.main:app
          # uvicorn src.main:app
          cat <<EOF > run.sh
          uvicorn src.main:app
          EOF
`;
    const starts = workflowServerStarts('.github/workflows/ci.yml', text, contextFromPaths(['backend/app/main.py', 'lib/x.py']));
    expect(starts.map((s) => [s.server, s.app?.value, s.app?.factory, s.root, s.searchPath, s.why])).toEqual([
      ['uvicorn', 'app.main:app', false, '', [], undefined],
      ['gunicorn', 'app.main:app', false, '', [], undefined],
      ['uvicorn', 'app.main:create_app', true, 'backend', ['lib'], undefined],
    ]);
  });

  it('names as not checked a matrix app, a matrix folder, an installed project and a folder outside the checkout', async () => {
    const r = await check(
      withWorkflow(
        step('uvicorn ${{ matrix.app }}:app &', 'working-directory: backend') +
          step('uvicorn app.main:app &', 'working-directory: ${{ matrix.dir }}') +
          step('cd /tmp && uvicorn main:app &') +
          step('pip install -e ./backend') +
          step('uvicorn missing.main:app &'),
        { config: BACKEND_ROOT },
      ),
    );
    expect(r.codes).toEqual([]);
    expect(r.notes).toEqual([
      expect.stringMatching(/ci\.yml:10:14: workflow job smoke starts uvicorn \(uvicorn \$\{\{ matrix\.app \}\}:app\): uvicorn's app is not known .*not checked \(MOD001\)$/),
      expect.stringMatching(/ci\.yml:12:14: .*the step working-directory is not a literal: the app it imports is not checked/),
      expect.stringMatching(/ci\.yml:13:25: .*it runs in \/tmp, outside the checkout/),
      expect.stringMatching(/ci\.yml:15:14: .*missing\.main is not under \., and `pip install -e \.\/backend` earlier in the job may install it/),
    ]);
  });

  it('gives no finding and no note for commands that start no server in this job', async () => {
    const r = await check(
      withWorkflow(
        step('|\n          echo "uvicorn src.app.main:app"\n          # uvicorn src.app.main:app\n          ssh deploy@host "cd /srv && uvicorn src.app.main:app"\n          docker compose run api uvicorn src.app.main:app\n          cat > Procfile.dev <<EOF\n          web: uvicorn src.app.main:app\n          EOF'),
        { config: BACKEND_ROOT },
      ),
    );
    expect(r).toMatchObject({ codes: [], notes: [] });
  });

  it('checks a step with if: and a container: job', async () => {
    const files = withWorkflow(step('uvicorn src.app.main:app &', "if: github.event_name == 'push'\n        working-directory: backend"), {
      config: BACKEND_ROOT,
      jobExtra: '    container: python:3.12\n',
    });
    const r = await check(files);
    expect(r.codes).toEqual(['12:22 MOD001']);
    expect(python(served('src.app.main:app', ['backend']), r.dir).stderr).toContain("No module named 'src'");
  });

  it('--staged checks the start when the workflow or the module is staged', () => {
    const dir = writeTree(parseFiles(withWorkflow(step('uvicorn app.main:app &', 'working-directory: backend'), { config: BACKEND_ROOT })));
    git(dir, 'init', '-q');
    commitAll(dir);
    expect(runCli(['--staged'], { cwd: dir }).code).toBe(0);
    // The workflow staged with a broken app string.
    const wf = `${dir}/.github/workflows/ci.yml`;
    const good = fs.readFileSync(wf, 'utf8');
    fs.writeFileSync(wf, good.replace('uvicorn app.main:app', 'uvicorn src.app.main:app'));
    git(dir, 'add', '.github/workflows/ci.yml');
    const a = runCli(['--staged'], { cwd: dir });
    expect(a.code).toBe(1);
    expect(a.stdout).toContain('ci.yml:10:22  MOD001');
    git(dir, 'checkout', '-q', 'HEAD', '--', '.github/workflows/ci.yml');
    // Only the module staged: the app renamed.
    const main = `${dir}/backend/app/main.py`;
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('app = FastAPI()', 'application = FastAPI()').replace('@app.get', '@application.get'));
    git(dir, 'add', 'backend/app/main.py');
    const b = runCli(['--staged'], { cwd: dir });
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('ci.yml:10:22  MOD002');
    expect(python(served('app.main:app', ['backend']), dir).stderr).toContain('Attribute "app" not found in module "app.main"');
  });
});
