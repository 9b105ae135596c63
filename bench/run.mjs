// npm run bench: generates FastAPI monorepos (~300, ~3,000, ~30,000 Python files), commits them in
// temporary git repositories and times whole processes (median, min, max over several runs), each
// next to `node -e 0` and to pyright on the same repository in the same run. Peak memory from
// GNU time (/usr/bin/time -f %M). Prints a Markdown table, and writes it into README.md between
// <!-- bench:start --> and <!-- bench:end -->; verify against its floor (bench/verify.mjs) goes
// between <!-- bench-verify:start --> and <!-- bench-verify:end --> (`--sizes 0`: only that).
// CPU time (user + system, from GNU time) is printed beside the wall time: on a machine shared with
// other jobs the wall time swings with their load, the CPU a process spends much less.
//   node bench/run.mjs [--sizes 300,3000,30000 (0: none)] [--runs 5] [--pyright-timeout 300] [--pyright-rounds 5] [--no-verify] [--no-wasm] [--no-readme]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';
import { benchVerify } from './verify.mjs';
import { benchCommit } from './commit.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Everything the bench writes (the package copy, the generated repositories, GNU time's output, and
// what the timed processes put in their TMPDIR: parity-check's compile cache, pyright's temporary
// files when a timeout kills it) lives in one temporary folder, removed when the process ends, also
// on Ctrl-C or an exception.
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-bench-'));
process.on('exit', () => fs.rmSync(WORK, { recursive: true, force: true }));
// Every process the bench starts (also commit.mjs's --timing run) keeps its temporary files there.
process.env.TMPDIR = WORK;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
// A private copy of the built package: a rebuild of dist/ during the bench (tests do one) must not
// change the tool id the cache is keyed on half-way through.
const PKG = path.join(WORK, 'pkg');
fs.mkdirSync(PKG);
for (const part of ['bin', 'dist', 'queries', 'probe', 'config', 'hooks', 'package.json']) {
  if (fs.existsSync(path.join(REPO, part))) fs.cpSync(path.join(REPO, part), path.join(PKG, part), { recursive: true });
}
fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(PKG, 'node_modules'), 'dir');
const CLI = path.join(PKG, 'bin', 'parity-check.cjs');
const PYRIGHT = path.join(REPO, 'node_modules', '.bin', 'pyright');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const SIZES = opt('sizes', '300,3000,30000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(opt('runs', '5'));
const PYRIGHT_TIMEOUT = Number(opt('pyright-timeout', '300'));
const PYRIGHT_ROUNDS = Number(opt('pyright-rounds', '5'));
const HAS_TIME = fs.existsSync('/usr/bin/time');
const HAS_TIMEOUT = fs.existsSync('/usr/bin/timeout');

/** One process: wall seconds, CPU seconds (user + system) and peak RSS (MiB). */
function timed(cmd, argv, cwd, timeoutS = 600, env = {}) {
  const memFile = path.join(WORK, 'mem');
  // coreutils' timeout ends the tool itself: spawnSync's own timeout would end only GNU time and
  // leave the tool (a 30,000-file pyright) running on, slowing every later row.
  const bounded = HAS_TIMEOUT ? ['/usr/bin/timeout', '-k', '5', String(timeoutS), cmd, ...argv] : [cmd, ...argv];
  const full = HAS_TIME ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', memFile, ...bounded]] : [bounded[0], bounded.slice(1)];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { cwd, stdio: 'ignore', timeout: (timeoutS + 10) * 1000, env: { ...process.env, NO_COLOR: '1', TMPDIR: WORK, ...env } });
  const killed = r.signal !== null || (HAS_TIMEOUT && (r.status === 124 || r.status === 137));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  let mib, cpu;
  if (HAS_TIME && !killed) {
    const [kb, user, sys] = fs.readFileSync(memFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    mib = kb / 1024;
    cpu = user + sys;
  }
  return { s, mib, cpu, code: r.status, timedOut: killed };
}

function series(n, fn) {
  const xs = [];
  for (let i = 0; i < n; i++) xs.push(fn(i));
  const ss = xs.map((x) => x.s).sort((a, b) => a - b);
  const cs = xs.map((x) => x.cpu).filter((c) => c !== undefined).sort((a, b) => a - b);
  return {
    cpu: cs.length ? cs[Math.floor((cs.length - 1) / 2)] : undefined,
    median: ss[Math.floor((ss.length - 1) / 2)],
    min: ss[0],
    max: ss[ss.length - 1],
    mib: Math.max(...xs.map((x) => x.mib ?? 0)) || undefined,
    timedOut: xs.some((x) => x.timedOut),
    codes: [...new Set(xs.map((x) => x.code))],
  };
}

const fmt = (x) => (x.timedOut ? `> ${PYRIGHT_TIMEOUT} s` : `${x.median.toFixed(3)} s (${x.min.toFixed(3)}–${x.max.toFixed(3)})`);
const mem = (x) => (x.mib ? `${Math.round(x.mib)} MiB` : '');
const cpuOf = (x) => (x.cpu === undefined ? '' : `${x.cpu.toFixed(2)} s`);
const NO_WASM = args.includes('--no-wasm');

const LOAD_START = os.loadavg()[0];
const rows = [];
const notes = [];
for (const size of SIZES) {
  const dir = path.join(WORK, `repo-${size}`);
  fs.mkdirSync(dir);
  const info = generate(dir, size);
  const cacheDir = path.join(dir, '.git', 'parity-check');
  const clear = () => fs.rmSync(cacheDir, { recursive: true, force: true });
  const many = size >= 30000 ? Math.max(2, Math.ceil(RUNS / 2)) : RUNS;

  const node0 = series(RUNS, () => timed(process.execPath, ['-e', '0'], dir));
  // Stage one router change in the first app (300 Python files: see generate.mjs).
  const router = path.join(dir, 'services/svc0/src/api/v1/r1.py');
  fs.appendFileSync(router, '\n\n@router.get("/extra")\ndef extra():\n    return {}\n');
  execFileSync('git', ['add', router], { cwd: dir });
  const stagedCold = series(many, () => (clear(), timed(process.execPath, [CLI, '--staged'], dir)));
  timed(process.execPath, [CLI, '--staged'], dir);
  const stagedWarm = series(RUNS, () => timed(process.execPath, [CLI, '--staged'], dir));
  // The warm target is a ratio to `node -e 0`, and a ratio of medians taken a minute apart swings
  // with the machine: each warm run is paired with a `node -e 0` run right before it (median and
  // range of the pairs' ratios).
  const pairs = Array.from({ length: 3 * RUNS }, () => {
    const n = timed(process.execPath, ['-e', '0'], dir);
    const w = timed(process.execPath, [CLI, '--staged'], dir);
    return w.s / n.s;
  }).sort((a, b) => a - b);
  const fullCold = series(many, () => (clear(), timed(process.execPath, [CLI, '.'], dir)));
  // The WebAssembly fallback (web-tree-sitter: the native binding did not load), both caches cold.
  const WASM = { PARITY_CHECK_PARSER: 'wasm' };
  const stagedColdWasm = NO_WASM ? undefined : series(many, () => (clear(), timed(process.execPath, [CLI, '--staged'], dir, 600, WASM)));
  const fullColdWasm = NO_WASM ? undefined : series(many, () => (clear(), timed(process.execPath, [CLI, '.'], dir, 600, WASM)));
  timed(process.execPath, [CLI, '.'], dir);
  const fullWarm = series(RUNS, () => timed(process.execPath, [CLI, '.'], dir));
  // Facts warm, run cache cold: one more router edited in the work tree.
  const factsWarm = series(Math.min(3, RUNS), (i) => {
    fs.appendFileSync(router, `\n# edit ${i}\n`);
    const past = new Date(Date.now() - 3600_000);
    fs.utimesSync(router, past, new Date(past.getTime() + i * 1000));
    return timed(process.execPath, [CLI, '.'], dir);
  });
  const commit = benchCommit({ dir, cli: CLI, runs: many, timed, series, fullCold });
  // Against pyright: this machine's speed drifts by tens of percent from one minute to the next, so a
  // ratio of medians taken minutes apart swings with it. Up to 3,000 files, pyright runs in rounds
  // back to back with a cold staged check and a cold full check, and each ratio is taken within its
  // round (median and range over the rounds). The order alternates, so neither tool always runs in
  // the other's wake. At 30,000 files pyright runs once (over a minute).
  const hasPyright = fs.existsSync(PYRIGHT);
  const rounds = [];
  const pyright = hasPyright
    ? series(size <= 3000 ? PYRIGHT_ROUNDS : 1, (i) => {
        if (size > 3000) return timed(PYRIGHT, ['-p', dir], dir, PYRIGHT_TIMEOUT);
        const ours = () => {
          const s = (clear(), timed(process.execPath, [CLI, '--staged'], dir));
          const f = (clear(), timed(process.execPath, [CLI, '.'], dir));
          return { s, f };
        };
        const before = i % 2 === 0 ? ours() : undefined;
        const p = timed(PYRIGHT, ['-p', dir], dir, PYRIGHT_TIMEOUT);
        const { s, f } = before ?? ours();
        if (!p.timedOut) rounds.push({ staged: p.s / s.s, full: p.s / f.s });
        return p;
      })
    : undefined;

  const r = (what, x, vsNode = true) => {
    const row = `| ${info.files.toLocaleString('en')} | ${what} | ${fmt(x)} | ${vsNode ? `${(x.median / node0.median).toFixed(2)}×` : ''} | ${cpuOf(x)} | ${mem(x)} |`;
    rows.push(row);
    process.stderr.write(`${row}\n`); // as it comes: a run cut short still shows what it measured
  };
  r('`node -e 0`', node0);
  r('`--staged`, one router of the 300-file app staged, cold', stagedCold);
  r('`--staged`, one router of the 300-file app staged, warm', stagedWarm);
  r('full check, cold', fullCold);
  if (stagedColdWasm) r('`--staged`, cold, WebAssembly parser (`PARITY_CHECK_PARSER=wasm`)', stagedColdWasm);
  if (fullColdWasm) r('full check, cold, WebAssembly parser (`PARITY_CHECK_PARSER=wasm`)', fullColdWasm);
  r('full check, warm (run cache)', fullWarm);
  r('full check, one file edited (facts cache)', factsWarm);
  for (const [what, x] of commit.rows) r(what, x);
  notes.push(`${info.files.toLocaleString('en')} files, ${commit.notes.join('; ')}; --timing of one real commit: ${commit.phases.join('; ')}.`);
  process.stderr.write(`- ${notes[notes.length - 1]}\n`);
  notes.push(`${info.files.toLocaleString('en')} files, \`--staged\` warm against \`node -e 0\` run right before it (${pairs.length} pairs): ${pairs[Math.floor((pairs.length - 1) / 2)].toFixed(2)}× (${pairs[0].toFixed(2)}–${pairs[pairs.length - 1].toFixed(2)}).`);
  if (pyright) {
    r('pyright (one executionEnvironment per app), cold', pyright);
    const ratio = (xs) => {
      const v = xs.slice().sort((a, b) => a - b);
      return `${v[Math.floor((v.length - 1) / 2)].toFixed(1)}× (${v[0].toFixed(1)}–${v[v.length - 1].toFixed(1)})`;
    };
    if (rounds.length)
      notes.push(`${info.files.toLocaleString('en')} files, against pyright in ${rounds.length} back-to-back rounds (parity-check before pyright, then after, alternating): \`--staged\` cold is ${ratio(rounds.map((x) => x.staged))} faster; full check cold ${ratio(rounds.map((x) => x.full))}.`);
    else if (!pyright.timedOut)
      notes.push(`${info.files.toLocaleString('en')} files, against one pyright run: \`--staged\` cold is ${(pyright.median / stagedCold.median).toFixed(1)}× faster; full check cold ${(pyright.median / fullCold.median).toFixed(1)}×.`);
  }
  process.stderr.write(`bench: ${size} done (${info.apps} apps, ${info.files} Python files; parity-check exit codes ${[...new Set([...stagedCold.codes, ...fullCold.codes])].join(',')})\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// verify against its floor (bench/verify.mjs): its own table, in its own README section, so that
// `--sizes 0` measures only it.
const PY = '/usr/bin/python3';
const verifyPart = fs.existsSync(PY) && !args.includes('--no-verify') ? benchVerify({ repo: REPO, cli: CLI, python: PY, runs: RUNS, work: WORK, timed, fmt, mem }) : undefined;

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const measured = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()} (\`npm run bench\`; whole processes; median (min–max); CPU: user + system, median; peak RSS from GNU time; load average ${LOAD_START.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end).`;
const table = rows.length
  ? [measured, '', '| Python files | What | Time | vs `node -e 0` | CPU | Peak memory |', '|---:|---|---|---:|---:|---:|', ...rows, '', ...notes.map((n) => `- ${n}`)].join('\n')
  : undefined;
const verifyTable = verifyPart
  ? [measured.replace('median (min–max)', `median (min–max) of ${RUNS} pairs; load average ${os.loadavg()[0].toFixed(1)} at the end`), '', '| App | What | Time | | Peak memory |', '|---|---|---|---|---:|', ...verifyPart.rows, '', ...verifyPart.notes.map((n) => `- ${n}`)].join('\n')
  : undefined;
for (const t of [table, verifyTable]) if (t) process.stdout.write(`${t}\n\n`);
/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in README.md. */
function writeSection(name, text) {
  const readme = path.join(REPO, 'README.md');
  const all = fs.readFileSync(readme, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = all.indexOf(start);
  const b = all.indexOf(end);
  if (a >= 0 && b > a) fs.writeFileSync(readme, `${all.slice(0, a + start.length)}\n${text}\n${all.slice(b)}`);
}
if (!args.includes('--no-readme')) {
  if (table) writeSection('bench', table);
  if (verifyTable) writeSection('bench-verify', verifyTable);
}
