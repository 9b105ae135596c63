// Ground truth for the builders (shell scripts, Makefiles, package.json scripts, workflows calling them, SAM
// BuildMethod makefile): each fixture's build runs for real (bash, make, npm, zip, cp in a temporary copy; only
// `pip` downloads and `aws` are stubbed), then /usr/bin/python3 imports the handler module from the package the
// build produced. The static reading must list the same files, and report LPK003 at the builder's line exactly
// when Python fails.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { collectDeployFacts } from '../../src/sources/index.js';
import { copyTree, python, tempDir, writeTree } from '../helpers.js';
import { FIXTURES, loadFixture } from './helpers.js';

// pip: no download; `-t DIR` is created, as pip does. aws: no AWS.
const STUBS = {
  pip: '#!/bin/bash\nt=""\nwhile [ $# -gt 0 ]; do case "$1" in -t|--target) t="$2"; shift;; --target=*) t="${1#--target=}";; esac; shift; done\n[ -z "$t" ] || mkdir -p "$t"\n',
  aws: '#!/bin/sh\nexit 0\n',
};

function stubs(): string {
  const dir = writeTree(STUBS);
  for (const f of Object.keys(STUBS)) fs.chmodSync(path.join(dir, f), 0o755);
  return dir;
}

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  execFileSync(cmd, args, { cwd, stdio: 'pipe', env: { PATH: `${stubs()}:/usr/bin:/bin`, HOME: cwd, npm_config_cache: path.join(cwd, '.npm'), ...env } });
}

/** Every file below `dir` (posix, relative), sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function unzip(zip: string): string {
  const pkg = tempDir('pc-pkg-');
  execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, pkg]);
  return pkg;
}

/** The `run:` steps of a workflow's jobs, run with bash -e as GitHub does. */
function runWorkflow(repo: string, file: string) {
  const doc = parseDocument(fs.readFileSync(path.join(repo, file), 'utf8')).toJS() as { jobs: Record<string, { steps: { run?: string }[] }> };
  for (const job of Object.values(doc.jobs)) for (const step of job.steps) if (step.run) sh('/usr/bin/bash', ['-e', '-c', step.run], repo);
}

interface Case {
  name: string;
  /** Runs the build in the temporary copy; returns the package folder. */
  build(repo: string): string;
  function: string;
  /** Where the broken twin's LPK003 is. */
  at: { file: string; line: number; column: number };
}

const CASES: Case[] = [
  {
    name: 'script',
    build: (repo) => (sh('/usr/bin/bash', ['scripts/build.sh'], repo), unzip(path.join(repo, 'build/ingestion-dev.zip'))),
    function: 'ingestion',
    at: { file: 'scripts/build.sh', line: 13, column: 1 },
  },
  {
    name: 'workflow',
    build: (repo) => (runWorkflow(repo, '.github/workflows/deploy.yml'), unzip(path.join(repo, 'dist/ingestion-prod.zip'))),
    function: 'ingestion',
    at: { file: 'scripts/package.sh', line: 10, column: 3 },
  },
  {
    name: 'makefile',
    build: (repo) => (runWorkflow(repo, '.github/workflows/deploy.yml'), unzip(path.join(repo, 'build/ingestion.zip'))),
    function: 'ingestion',
    at: { file: 'Makefile', line: 13, column: 2 },
  },
  {
    name: 'npm',
    build: (repo) => (sh('/usr/bin/npm', ['run', '--silent', 'build:lambda'], repo), unzip(path.join(repo, 'dist/lambda.zip'))),
    function: 'ingestion',
    at: { file: 'package.json', line: 7, column: 43 },
  },
  {
    // go-task is not packaged for Debian: its run is done as task does it, each cmd of the task in a shell of its
    // own in the Taskfile's folder (a `cd` does not carry over), with `{{.NAME}}` replaced by the file's vars.
    name: 'taskfile',
    build: (repo) => {
      const doc = parseDocument(fs.readFileSync(path.join(repo, 'Taskfile.yml'), 'utf8')).toJS() as { vars: Record<string, string>; tasks: Record<string, { cmds: string[] }> };
      for (const cmd of doc.tasks.package.cmds) sh('/usr/bin/bash', ['-e', '-c', cmd.replace(/\{\{\.(\w+)\}\}/g, (_, k: string) => doc.vars[k])], repo);
      return unzip(path.join(repo, 'dist/lambda.zip'));
    },
    function: 'ingestion',
    at: { file: 'Taskfile.yml', line: 12, column: 9 },
  },
  {
    // just is not packaged for Debian 12: its run is done as its manual says. `just` runs the first recipe, default,
    // whose dependency `(package "dev")` runs package with stage=dev after package's own dependency clean; each
    // recipe line runs in a shell of its own in the justfile's folder (a `cd` does not carry over), `@` dropped and
    // `{{…}}` replaced by the values just gives them (`"dist" / "pkg"` joins with a slash).
    name: 'justfile',
    build: (repo) => {
      const values: Record<string, string> = { fn: 'ingestion', out: 'dist/pkg', stage: 'dev' };
      const text = fs.readFileSync(path.join(repo, 'justfile'), 'utf8');
      const body = (recipe: string) => text.split(/\n(?=\S)/).find((b) => b.startsWith(recipe))!.split('\n').slice(1).filter((l) => l.trim());
      for (const line of [...body('clean:'), ...body('package ')]) sh('/usr/bin/bash', ['-e', '-c', line.trim().replace(/^@/, '').replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k])], repo);
      return unzip(path.join(repo, 'dist/lambda-dev.zip'));
    },
    function: 'ingestion',
    at: { file: 'justfile', line: 12, column: 5 },
  },
  {
    name: 'sam-makefile',
    build: (repo) => {
      // sam build: the target run from CodeUri with ARTIFACTS_DIR in the environment, a folder SAM creates.
      const art = tempDir('pc-art-');
      sh('/usr/bin/make', ['-s', 'build-IngestionFunction'], repo, { ARTIFACTS_DIR: art });
      return art;
    },
    function: 'IngestionFunction',
    at: { file: 'Makefile', line: 2, column: 2 },
  },
];

const HANDLER_MODULE = 'src.lambdas.ingestion.handler';

describe.each(CASES)('builder $name: the real build, then real Python', (c) => {
  for (const twin of ['broken', 'fixed'] as const) {
    it(`${twin}: the simulated package is the built one, and LPK003 agrees with Python`, async () => {
      const name = `builders-${c.name}-${twin}`;
      const repo = copyTree(path.join(FIXTURES, name));
      const pkg = c.build(repo);
      const real = filesUnder(pkg);
      const py = python(`import importlib; m = importlib.import_module(${JSON.stringify(HANDLER_MODULE)}); print(m.lambda_handler({}, None))`, pkg, { env: { PATH: '/usr/bin:/bin' } });

      const fx = loadFixture(name);
      const facts = collectDeployFacts(fx.files, fx.ctx);
      expect(facts.problems).toEqual([]);
      const fn = facts.functions.find((f) => f.name === c.function)!;
      expect(fn.layout.known).toBe(true);
      if (!fn.layout.known) return;
      expect(fn.layout.value.unknowns).toEqual([]);
      expect(fn.layout.value.files!.map((f) => f.dest).sort()).toEqual(real);

      const r = await run({ base: fx.root, staged: false });
      const found = r.findings.map((f) => ({ rule: f.ruleId, file: f.file, line: f.line, column: f.column }));
      if (twin === 'broken') {
        expect(py.code).toBe(1);
        expect(py.stderr).toContain("ModuleNotFoundError: No module named 'src'");
        expect(found).toEqual([{ rule: 'LPK003', ...c.at }]);
      } else {
        expect(py.stderr).toBe('');
        expect(py.stdout).toContain("{'statusCode': 200}");
        expect(found).toEqual([]);
      }
    });
  }
});
