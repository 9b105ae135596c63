// Doing a fixture's build for real: every `run:` step of its GitHub workflows runs with bash in a temporary copy of
// the fixture, in order, job by job, with only what needs the network or AWS stubbed (`aws`, `pip` downloads,
// `terraform`, `docker`); `cp`, `mkdir`, `zip`, `rsync` are the real ones. The ground truth for the build folders and
// zips the simulator claims a workflow builds.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { copyTree, tempDir } from '../helpers.js';

const STUBS: Record<string, string> = {
  aws: 'exit 0',
  terraform: 'exit 0',
  docker: 'exit 0',
  // pip downloads: nothing is installed, but `-t DIR` exists afterwards, as after a real install.
  pip: 'while [ $# -gt 0 ]; do case "$1" in -t|--target) mkdir -p "$2"; shift;; esac; shift; done; exit 0',
};

function stubDir(): string {
  const dir = tempDir('pc-stubs-');
  for (const [name, body] of Object.entries(STUBS)) {
    for (const n of name === 'pip' ? ['pip', 'pip3'] : [name]) {
      fs.writeFileSync(path.join(dir, n), `#!/bin/bash\n${body}\n`, { mode: 0o755 });
    }
  }
  return dir;
}

const literalEnv = (node: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!isMap(node)) return out;
  for (const p of (node as YAMLMap).items) {
    if (isScalar(p.key) && isScalar(p.value) && !String(p.value.value).includes('${{')) out[String(p.key.value)] = String(p.value.value);
  }
  return out;
};

/** `${{ env.X }}`, `${{ github.sha }}` and `${{ github.workspace }}` as GitHub substitutes them; other expressions are empty. */
function expressions(script: string, env: Record<string, string>, workspace: string): string {
  return script.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, e: string) =>
    e.startsWith('env.') ? (env[e.slice(4)] ?? '') : e === 'github.sha' ? '0123456789abcdef0123456789abcdef01234567' : e === 'github.workspace' ? workspace : '',
  );
}

/** Runs every workflow of the fixture at `root` in a temporary copy; returns the copy (removed with the test file). */
export function buildForReal(root: string): string {
  const work = copyTree(root);
  const stubs = stubDir();
  const githubEnv = path.join(stubs, 'github-env');
  const dir = path.join(work, '.github', 'workflows');
  for (const wfFile of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const doc = parseDocument(fs.readFileSync(path.join(dir, wfFile), 'utf8'));
    const wf = doc.contents as YAMLMap;
    const jobs = wf.get('jobs') as YAMLMap;
    for (const job of jobs.items) {
      const j = job.value as YAMLMap;
      const jobEnv = { ...literalEnv(wf.get('env', true)), ...literalEnv(j.get('env', true)) };
      const steps = j.get('steps', true);
      if (!isSeq(steps)) continue;
      for (const step of steps.items as YAMLMap[]) {
        const run = step.get('run');
        if (typeof run !== 'string') continue;
        const env = { ...jobEnv, ...literalEnv(step.get('env', true)) };
        const wd = step.get('working-directory');
        execFileSync('/usr/bin/bash', ['-e', '-c', expressions(run, env, work)], {
          cwd: typeof wd === 'string' ? path.join(work, wd) : work,
          env: { PATH: `${stubs}:/usr/bin:/bin`, HOME: work, GITHUB_WORKSPACE: work, GITHUB_ENV: githubEnv, ...env },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      }
    }
  }
  return work;
}

/** Every file under `dir`, relative to it (posix), sorted. */
export function filesUnder(dir: string): string[] {
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
