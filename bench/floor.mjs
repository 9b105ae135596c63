// The floor of a full check (#20): read the Python files the full check reads, parse each with
// tree-sitter-python and walk it once with every pattern of queries/python/*.scm, in one thread,
// nothing else (the event loop turns every 64 files, so the binding can free the trees). What a full check costs beyond this is the tool's own work (graphs, rules, caches).
// The generated bench repositories hold only app files, so "the files the check reads" is every
// tracked .py file (a full check of them reads each once: `N files checked` in its summary).
//   node bench/floor.mjs DIR   → prints the files parsed and the milliseconds spent
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(REPO, 'package.json'));
const Parser = require('tree-sitter');
const Python = require('tree-sitter-python');

const dir = path.resolve(process.argv[2] ?? '.');
const t0 = performance.now();
const files = execFileSync('git', ['ls-files', '-z', '--', '*.py'], { cwd: dir, maxBuffer: 1 << 28 }).toString('utf8').split('\0').filter(Boolean);
const parser = new Parser();
parser.setLanguage(Python);
const qdir = path.join(REPO, 'queries', 'python');
const source = fs.readdirSync(qdir).filter((n) => n.endsWith('.scm')).sort().map((n) => fs.readFileSync(path.join(qdir, n), 'utf8')).join('\n');
const query = new Parser.Query(Python, source);
let matches = 0;
let n = 0;
for (const f of files) {
  // node-tree-sitter frees a tree (and its cached nodes) in a Node-API finalizer, and Node 20 runs
  // those from setImmediate: a loop that never lets the event loop turn keeps every tree of the
  // run. At 29,994 files that was 955 MiB peak instead of 84 (and 1.1 s of system time). The
  // check yields the same way (src/graph/facts-store.ts, src/python/extract-worker.ts).
  if (++n % 64 === 0) await new Promise((r) => setImmediate(r));
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  const tree = parser.parse(text);
  matches += query.matches(tree.rootNode).length;
}
process.stdout.write(`${files.length} files, ${matches} matches, ${(performance.now() - t0).toFixed(0)} ms\n`);
