// The commits a developer really makes (#20 point 1), for bench/run.mjs: the facts cache warm from
// earlier commits, the index new. Each run edits a file, stages it and runs the hook, so the run
// cache never answers; the facts of every unchanged blob are in the cache. Two changes: one router
// of the 300-file app, and the module every router of that app imports (core/config.py). Also the
// floor (bench/floor.mjs) next to the cold full check, and the --timing phases of one real commit.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const FLOOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'floor.mjs');
const COMMIT_FLOOR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commit-floor.mjs');

const ratio = (xs) => {
  const v = xs.slice().sort((a, b) => a - b);
  return v.length ? `${v[Math.floor((v.length - 1) / 2)].toFixed(2)}× (${v[0].toFixed(2)}–${v[v.length - 1].toFixed(2)})` : '?';
};

/** Rows and notes of the real commit and of the floor; `fullCold` is the cold full check's series. */
export function benchCommit({ dir, cli, runs, timed, series, fullCold }) {
  const stage = (file, i) => {
    fs.appendFileSync(file, `\n# commit ${i}\n`);
    execFileSync('git', ['add', file], { cwd: dir });
  };
  const router = path.join(dir, 'services/svc0/src/api/v1/r2.py');
  const shared = path.join(dir, 'services/svc0/src/core/config.py');
  let n = 0;
  let n0 = 1000;
  // Warm the facts cache by blob id, as the commits before this one did.
  stage(router, n++);
  timed(process.execPath, [cli, '--staged'], dir);
  const commitRouter = series(runs, () => (stage(router, n++), timed(process.execPath, [cli, '--staged'], dir)));
  const commitShared = series(runs, () => (stage(shared, n++), timed(process.execPath, [cli, '--staged'], dir)));
  stage(router, n++);
  const phases = spawnSync(process.execPath, [cli, '--staged', '--timing'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stderr;
  const floor = series(runs, () => timed(process.execPath, [FLOOR, dir], dir));
  // The real commit's own floor (commit-floor.mjs), each run paired with `node -e 0` right before it.
  const commitFloor = series(runs, () => timed(process.execPath, [COMMIT_FLOOR, dir, 'services/svc0', path.relative(dir, router)], dir));
  const pairs = Array.from({ length: runs }, () => {
    const n = timed(process.execPath, ['-e', '0'], dir);
    stage(router, n0++);
    const c = timed(process.execPath, [cli, '--staged'], dir);
    return { c: c.s / n.s, cpu: n.cpu ? c.cpu / n.cpu : undefined };
  });
  // Leave the index as the other rows expect it (their router change staged).
  execFileSync('git', ['checkout', 'HEAD', '--', shared], { cwd: dir });
  return {
    rows: [
      ['real commit: one router of the 300-file app changed and staged, facts cache warm', commitRouter],
      ['real commit: the module every router of that app imports changed and staged, facts cache warm', commitShared],
      ['the floor: read, parse and one query walk of every file the full check reads, one thread (bench/floor.mjs)', floor],
      ['the floor of a real commit: node, tree-sitter and the queries loaded, the index file and the app\'s cached facts read, the changed file parsed (bench/commit-floor.mjs)', commitFloor],
    ],
    notes: [
      `full check cold against the floor: ${(fullCold.median / floor.median).toFixed(2)}× wall, ${fullCold.cpu && floor.cpu ? (fullCold.cpu / floor.cpu).toFixed(2) : '?'}× CPU (medians of the same run; the floor is one thread, the check uses two extraction threads past 1,000 files)`,
      `real commit (one router) against \`node -e 0\` run right before it (${pairs.length} pairs): wall ${ratio(pairs.map((p) => p.c))}, CPU ${ratio(pairs.map((p) => p.cpu).filter((x) => x !== undefined))}; against its floor: ${(commitRouter.median / commitFloor.median).toFixed(2)}× wall, ${commitFloor.cpu ? (commitRouter.cpu / commitFloor.cpu).toFixed(2) : '?'}× CPU (medians)`,
    ],
    phases: phases
      .split('\n')
      .map((l) => /^\s*(.*?)\s{2,}([\d.]+) ms(?:\s+([\d.]+) ms CPU)?$/.exec(l))
      .filter((m) => m && !(/^rule /.test(m[1]) && Number(m[2]) < 1 && Number(m[3] ?? 0) < 1))
      .map((m) => `${m[1]}: ${m[2]} ms${m[3] !== undefined ? ` (CPU ${m[3]} ms)` : ''}`),
  };
}
