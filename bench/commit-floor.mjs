// The floor of a real commit (#20): what any tool must do to check one changed file of an app whose
// other files' facts are cached, and nothing else, in one process: start node, load tree-sitter with
// the Python grammar and compile the queries (queries/python/*.scm), read the git index file for the
// app's blob ids (no git process), read those blobs' facts from parity-check's pack (the indexed
// main file, src/cache/facts-pack.ts: header, then each entry), and read, parse and query the changed
// file. No graph, no rules, no report. The target "≤ 2× `node -e 0`" is judged against this.
//   node bench/commit-floor.mjs DIR APP_FOLDER CHANGED_FILE  → prints what it read and the ms spent
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(REPO, 'package.json'));
const [dir, app, changed] = process.argv.slice(2).map((p, i) => (i === 0 ? path.resolve(p) : p));

const Parser = require('tree-sitter');
const Python = require('tree-sitter-python');
const parser = new Parser();
parser.setLanguage(Python);
const qdir = path.join(REPO, 'queries', 'python');
const query = new Parser.Query(Python, fs.readdirSync(qdir).filter((n) => n.endsWith('.scm')).sort().map((n) => fs.readFileSync(path.join(qdir, n), 'utf8')).join('\n'));

// The index file, version 2 or 3 (what `git add` writes by default): entries of 62 bytes of stat
// data, mode and id, then the flags and the NUL-padded path.
const index = fs.readFileSync(path.join(dir, '.git', 'index'));
if (index.toString('latin1', 0, 4) !== 'DIRC' || ![2, 3].includes(index.readUInt32BE(4))) throw new Error('index version not read by this floor');
const blobs = [];
let at = 12;
for (let n = index.readUInt32BE(8), i = 0; i < n; i++) {
  const id = index.toString('hex', at + 40, at + 60);
  const flags = index.readUInt16BE(at + 60);
  const extended = index.readUInt32BE(4) === 3 && flags & 0x4000 ? 2 : 0;
  const start = at + 62 + extended;
  const end = index.indexOf(0, start);
  const p = index.toString('utf8', start, end);
  if (p.startsWith(`${app}/`)) blobs.push(id);
  at += Math.ceil((end - at + 1) / 8) * 8; // each entry is padded with NULs to a multiple of 8 bytes
}

// The newest facts pack of the cache (the build the bench runs wrote it).
const cacheDir = path.join(dir, '.git', 'parity-check');
const pack = fs
  .readdirSync(cacheDir)
  .filter((n) => /^facts-[0-9a-f]+\.v8$/.test(n))
  .map((n) => ({ n, t: fs.statSync(path.join(cacheDir, n)).mtimeMs }))
  .sort((a, b) => b.t - a.t)[0];
const fd = fs.openSync(path.join(cacheDir, pack.n), 'r');
const head = Buffer.alloc(8);
fs.readSync(fd, head, 0, 8, 0);
const header = Buffer.alloc(head.readUInt32LE(4));
fs.readSync(fd, header, 0, header.length, 8);
const [keys, ends] = v8.deserialize(header);
const where = new Map(keys.map((k, i) => [k, i]));
let found = 0;
for (const id of blobs) {
  const i = where.get(`b:${id}`);
  if (i === undefined) continue;
  const from = 8 + header.length + (i ? ends[i - 1] : 0);
  const bytes = Buffer.alloc(8 + header.length + ends[i] - from);
  fs.readSync(fd, bytes, 0, bytes.length, from);
  v8.deserialize(bytes);
  found++;
}
fs.closeSync(fd);

const tree = parser.parse(fs.readFileSync(path.join(dir, changed), 'utf8'));
const matches = query.matches(tree.rootNode).length;
process.stdout.write(`${blobs.length} blobs of ${app}, ${found} facts read, ${matches} matches in ${changed}, ${performance.now().toFixed(0)} ms since start\n`);
