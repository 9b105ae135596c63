// Cuts a release: node scripts/release.mjs <version> [--repository URL] [--no-pack]
//   1. bumps the version (package.json, src/links.ts VERSION) and regenerates the JSON Schema
//      (its $id names the tag), committed on the current branch as "Release v<version>";
//   2. builds dist/ and makes the tag v<version> on a commit whose parent is that one and which
//      adds what an install from git or the pre-commit framework runs: dist/ (ignored on branches),
//      and a package.json with no devDependencies and no prepare script, so
//      `npm install git+https://...#v<version>` and pre-commit's `npm install` in its clone install
//      only the runtime dependencies and build nothing;
//   3. packs the tarball (parity-check-<version>.tgz) into the repository folder.
// The work tree and the branch's index are not touched by step 2 (a temporary index file).
// Pushing is left to the person: git push origin HEAD v<version>.
// --repository https://github.com/OWNER/NAME (the project's public repository, once it has one) writes
// package.json repository / homepage / bugs and src/links.ts REPOSITORY_URL, from which every link the
// tool prints is built (SARIF helpUri, the schema $id). Without it no web address is written anywhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [version, ...flags] = process.argv.slice(2);
const repoAt = flags.indexOf('--repository');
const repository = repoAt >= 0 ? flags[repoAt + 1] : undefined;
if (repoAt >= 0 && !/^https:\/\/[^\s/]+\/[^\s/]+\/[^\s/]+$/.test(repository ?? '')) {
  console.error('release: --repository takes the repository\'s https URL, e.g. https://github.com/OWNER/NAME');
  process.exit(2);
}
if (!version || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error('usage: node scripts/release.mjs <major.minor.patch> [--no-pack]');
  process.exit(2);
}
const tag = `v${version}`;
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], ...opts });
const git = (...args) => run('git', args);

if (git('status', '--porcelain').trim()) {
  console.error('release: the work tree has changes; commit or stash them first');
  process.exit(2);
}
if (git('tag', '--list', tag).trim()) {
  console.error(`release: tag ${tag} exists`);
  process.exit(2);
}

// 1. The version, in the two places it is written, and the schema whose $id carries it.
const pkgPath = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
pkg.version = version;
if (repository) {
  pkg.repository = { type: 'git', url: `git+${repository}.git` };
  pkg.homepage = `${repository}#readme`;
  pkg.bugs = { url: `${repository}/issues` };
}
fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
const linksPath = path.join(root, 'src', 'links.ts');
const linksText = fs.readFileSync(linksPath, 'utf8');
const bumped = linksText.replace(/export const VERSION = '[^']*';/, `export const VERSION = '${version}';`);
if (bumped === linksText && !linksText.includes(`VERSION = '${version}'`)) throw new Error('release: VERSION not found in src/links.ts');
fs.writeFileSync(linksPath, bumped);
if (repository) {
  const links = fs.readFileSync(linksPath, 'utf8');
  const linked = links.replace(/export const REPOSITORY_URL: string \| undefined = [^;]*;/, `export const REPOSITORY_URL: string | undefined = ${JSON.stringify(repository).replaceAll('"', "'")};`);
  if (linked === links && !links.includes(`'${repository}'`)) throw new Error('release: REPOSITORY_URL not found in src/links.ts');
  fs.writeFileSync(linksPath, linked);
}
run('node', ['scripts/gen-schema.mjs'], { stdio: 'inherit' });
run('node', ['scripts/build.mjs'], { stdio: 'inherit' }); // before the commit: a release that does not build is not committed
git('add', 'package.json', 'src/links.ts', 'config/parity-check.schema.json');
// No hooks: the commit holds the version only, and the build above has compiled it.
git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--allow-empty', '-m', `Release ${tag}`);

// 2. The tagged commit: the branch's tree plus dist/ and the install-time package.json.
const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pc-release-')), 'index');
const env = { ...process.env, GIT_INDEX_FILE: index };
const gitIx = (...args) => run('git', args, { env });
gitIx('read-tree', 'HEAD');
gitIx('add', '-f', 'dist');
const { devDependencies: _dev, ...installPkg } = pkg;
installPkg.scripts = Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([name]) => name !== 'prepare'));
const blob = run('git', ['hash-object', '-w', '--stdin'], { input: `${JSON.stringify(installPkg, null, 2)}\n` }).trim();
gitIx('update-index', '--cacheinfo', `100644,${blob},package.json`);
const tree = gitIx('write-tree').trim();
fs.rmSync(path.dirname(index), { recursive: true, force: true });
const commit = run('git', ['commit-tree', tree, '-p', 'HEAD', '-m', `${tag}: built dist/, runtime dependencies only`]).trim();
git('tag', '-a', tag, '-m', tag, commit);

// 3. The tarball (what `npm install ./parity-check-<version>.tgz` takes).
if (!flags.includes('--no-pack')) {
  const file = run('npm', ['pack', '--ignore-scripts', '--silent']).trim().split('\n').pop();
  console.log(`release: packed ${file}`);
}
console.log(`release: tagged ${tag} (${commit.slice(0, 12)}); push with: git push origin HEAD ${tag}`);
