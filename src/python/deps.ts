// Declared third-party dependencies, as the import names they provide. Read from requirements
// files, pyproject.toml (PEP 621, PEP 735 dependency groups, Poetry), Pipfile and setup.cfg, with
// small line-based readers: only the few keys that list dependencies are understood.
import { baseOf, dirOf, joinPath } from '../util/posix-path.js';
import { readToml, tomlStrings } from './deps-toml.js';
import { importNamesOf, possibleImportNames } from './dist-names.js';

export { importNamesOf, normalizeDistribution } from './dist-names.js';

type DepFileKind = 'requirements' | 'pyproject' | 'pipfile' | 'setup.cfg';

function kindOf(path: string): DepFileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = baseOf(p);
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (base === 'setup.cfg') return 'setup.cfg';
  if (/\.txt$/i.test(base) && (/requirements/i.test(base) || baseOf(dirOf(p)) === 'requirements')) return 'requirements';
  return undefined;
}

/**
 * Is this path a dependency declaration this module reads? `requirements*.txt`, `*requirements*.txt`
 * (`dev-requirements.txt`), any `.txt` in a `requirements/` folder, `pyproject.toml`, `Pipfile`, `setup.cfg`.
 */
export function dependencyFileNames(path: string): boolean {
  return kindOf(path) !== undefined;
}

/**
 * Every dependency the given files declare, as import names (see importNamesOf). Requirements files
 * follow `-r`/`--requirement` to other files *of the list* (whatever their name); `-c` constraints
 * are not declarations. Runtime, optional and development dependencies all count.
 */
export function declaredDependencies(files: { path: string; text: string }[]): Set<string> {
  const byPath = new Map(files.map((f) => [normPath(f.path), f.text]));
  const dists = new Set<string>();
  const visited = new Set<string>();
  const readRequirements = (path: string): void => {
    if (visited.has(path)) return;
    visited.add(path);
    const text = byPath.get(path);
    if (text === undefined) return;
    // pip joins a reference to the referring file's folder; one that climbs out of the checked folder
    // keeps its leading `..` and so names no file of the list.
    for (const d of requirementsFile(text, (ref) => readRequirements(joinPath(dirOf(path), ref)))) dists.add(d);
  };
  for (const f of files) {
    const path = normPath(f.path);
    switch (kindOf(path)) {
      case 'requirements':
        readRequirements(path);
        break;
      case 'pyproject':
        for (const d of pyprojectDependencies(f.text)) dists.add(d);
        break;
      case 'pipfile':
        for (const d of pipfileDependencies(f.text)) dists.add(d);
        break;
      case 'setup.cfg':
        for (const d of setupCfgDependencies(f.text)) dists.add(d);
        break;
      default:
        break;
    }
  }
  const out = new Set<string>();
  const possible = new Set<string>();
  for (const d of dists) {
    for (const n of importNamesOf(d)) out.add(n);
    for (const n of possibleImportNames(d)) possible.add(n);
  }
  POSSIBLE.set(out, possible);
  return out;
}

const POSSIBLE = new WeakMap<Set<string>, Set<string>>();

/**
 * For a set declaredDependencies returned: the import names its distributions may also provide
 * (possibleImportNames). Empty for any other set. Kept beside the set so that its type stays a Set.
 */
export function possiblyProvided(dependencies: Set<string>): Set<string> {
  return POSSIBLE.get(dependencies) ?? new Set();
}

function normPath(p: string): string {
  let r = p.replace(/\\/g, '/');
  while (r.startsWith('./')) r = r.slice(2);
  return r;
}

/** The distribution name at the start of a PEP 508 requirement (`requests[socks]>=2; python_version>"3"`). */
export function requirementName(spec: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(spec);
  return m ? m[1] : undefined;
}

/** Distribution names in a requirements file; `include` is called for each `-r` reference. */
function requirementsFile(text: string, include: (ref: string) => void): string[] {
  const out: string[] = [];
  // Join `\` continuations first.
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const opt = /^(-r|--requirement)(?:\s*=\s*|\s+|(?=\S))(\S+)/.exec(line);
    if (opt) {
      include(opt[2]);
      continue;
    }
    if (/^(-e|--editable)\s/.test(line)) {
      const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
      if (egg) out.push(egg[1]);
      continue;
    }
    if (line.startsWith('-')) continue; // -c, -i, --index-url, --hash lines, …
    // A bare URL or path: only its #egg= tells the name.
    if (/^(\w+\+)?\w+:\/\//.test(line) || line.startsWith('.') || line.startsWith('/')) {
      const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
      if (egg) out.push(egg[1]);
      continue;
    }
    const name = requirementName(line);
    if (name) out.push(name);
  }
  return out;
}

/** The requirement strings of an array value (skipping `{include-group = "…"}` tables of PEP 735). */
function requirementStrings(value: string): string[] {
  const withoutTables = value.replace(/\{[^{}]*\}/g, '');
  return tomlStrings(withoutTables)
    .map(requirementName)
    .filter((n): n is string => n !== undefined);
}

function pyprojectDependencies(text: string): string[] {
  const out: string[] = [];
  for (const { path, value } of readToml(text)) {
    const p = path.join('\u0000');
    if (p === 'project\u0000dependencies') out.push(...requirementStrings(value));
    else if (path[0] === 'project' && path[1] === 'optional-dependencies') out.push(...requirementStrings(value));
    else if (path[0] === 'dependency-groups' && path.length === 2) out.push(...requirementStrings(value));
    else if (path[0] === 'tool' && path[1] === 'poetry') {
      // [tool.poetry.dependencies], [tool.poetry.dev-dependencies], [tool.poetry.group.<g>.dependencies],
      // also [tool.poetry.dependencies.<name>] sub-tables.
      let rest: string[] | undefined;
      if (path[2] === 'dependencies' || path[2] === 'dev-dependencies') rest = path.slice(3);
      else if (path[2] === 'group' && path[4] === 'dependencies') rest = path.slice(5);
      if (rest && rest.length >= 1 && rest[0].toLowerCase() !== 'python') out.push(rest[0]);
    }
  }
  return out;
}

function pipfileDependencies(text: string): string[] {
  const out: string[] = [];
  for (const { path } of readToml(text)) {
    if ((path[0] === 'packages' || path[0] === 'dev-packages') && path.length >= 2) out.push(path[1]);
  }
  return out;
}

/** `[options] install_requires` and `[options.extras_require]` of a setup.cfg (INI with indented continuation lines). */
function setupCfgDependencies(text: string): string[] {
  const out: string[] = [];
  let section = '';
  let collecting = false;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*[#;]/.test(raw)) continue;
    const sec = /^\[\s*([^\]]+?)\s*\]/.exec(raw);
    if (sec) {
      section = sec[1].toLowerCase();
      collecting = false;
      continue;
    }
    const continuation = /^\s+\S/.test(raw);
    let value: string | undefined;
    if (continuation && collecting) value = raw;
    else if (!continuation) {
      const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
      collecting = false;
      if (kv) {
        const key = kv[1].trim().toLowerCase().replace(/-/g, '_');
        if ((section === 'options' && key === 'install_requires') || section === 'options.extras_require') {
          collecting = true;
          value = kv[2];
        }
      }
    }
    if (value === undefined) continue;
    const item = value.replace(/(^|\s)[#;].*$/, '').trim();
    if (item === '' || item.startsWith('file:') || item.startsWith('attr:')) continue;
    const name = requirementName(item);
    if (name) out.push(name);
  }
  return out;
}
