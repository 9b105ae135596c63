// The verify part of npm run bench: `parity-check verify` of the bundled incident example, the fixed
// one and the bench's 300-file app, each next to its floor, the bare interpreter importing the same
// entry points (`python -c "import main"`, `"import lazy_app"`, `"import handler"`), each in a fresh
// process, one after the other: what verify cannot do with less. Measured in pairs (verify, then its
// floor, right after) so both see the same machine; the ratio is per pair (median and range).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from './generate.mjs';

const ENTRY_POINTS = ['main', 'lazy_app', 'handler'];

/**
 * Rows and notes for the README table. `timed(cmd, argv, cwd)` times one process ({ s, mib, code });
 * `fmt`/`mem` print a series; `work` is the bench's temporary folder.
 */
export function benchVerify({ repo, cli, python, runs, work, timed, fmt, mem }) {
  const rows = [];
  const notes = [];
  const big = path.join(work, 'verify-300');
  fs.mkdirSync(big);
  const info = generate(big, 300);
  const cases = [
    { label: 'examples/incident', base: path.join(repo, 'examples', 'incident'), root: 'apps/backend-api/src', expect: 1 },
    { label: 'examples/fixed', base: path.join(repo, 'examples', 'fixed'), root: 'apps/backend-api/src', expect: 0 },
    { label: `bench app (${info.files} files)`, base: big, root: 'services/svc0/src', expect: 0 },
  ];
  for (const c of cases) {
    const root = path.join(c.base, c.root);
    const bare = () => {
      const t0 = process.hrtime.bigint();
      for (const m of ENTRY_POINTS) spawnSync(python, ['-c', `import ${m}`], { cwd: root, stdio: 'ignore', env: { PATH: process.env.PATH, PYTHONPATH: root, PYTHONDONTWRITEBYTECODE: '1' } });
      return { s: Number(process.hrtime.bigint() - t0) / 1e9 };
    };
    const ratios = [];
    const pairs = Array.from({ length: runs }, () => {
      // A long timeout: on a loaded machine the 300-file import can pass the default 10 s, and the figure must be a verify run, not a timeout.
      const v = timed(process.execPath, [cli, 'verify', c.base, '--python', python, '--timeout', '120'], c.base);
      const b = bare();
      ratios.push(v.s / b.s);
      return { v, b };
    });
    const pick = (xs) => {
      const ss = xs.map((x) => x.s).sort((a, b) => a - b);
      return { median: ss[Math.floor((ss.length - 1) / 2)], min: ss[0], max: ss[ss.length - 1], mib: Math.max(...xs.map((x) => x.mib ?? 0)) || undefined };
    };
    const v = pick(pairs.map((p) => p.v));
    rows.push(`| ${c.label} | \`verify\` (static check, then ${ENTRY_POINTS.length} entry points in fresh processes, side by side, lazy routers, mappers) | ${fmt(v)} | | ${mem(v)} |`);
    rows.push(`| ${c.label} | bare \`python -c "import M"\` for M in ${ENTRY_POINTS.join(', ')}, one fresh process each, in turn (the floor) | ${fmt(pick(pairs.map((p) => p.b)))} | | |`);
    ratios.sort((a, b) => a - b);
    const codes = [...new Set(pairs.map((p) => p.v.code))];
    if (codes.join() !== String(c.expect)) notes.push(`\`verify\` of ${c.label} exited ${codes.join(', ')} (expected ${c.expect}): its figure is not a verify run.`);
    notes.push(`\`verify\` of ${c.label} against its floor run right after it (${ratios.length} pairs): ${ratios[Math.floor((ratios.length - 1) / 2)].toFixed(2)}× (${ratios[0].toFixed(2)}–${ratios[ratios.length - 1].toFixed(2)}); target 1.5×.`);
  }
  fs.rmSync(big, { recursive: true, force: true });
  return { rows, notes };
}
