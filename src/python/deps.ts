// Declared third-party dependencies, as the import names they provide. Read from requirements
// files, pyproject.toml (PEP 621, PEP 735 dependency groups, Poetry), Pipfile and setup.cfg, with
// small line-based readers: only the few keys that list dependencies are understood.

/** Distribution names (PEP 503-normalised) whose import names differ from `name.replace('-', '_')`. */
const IMPORT_NAMES: Record<string, string[]> = {
  pyyaml: ['yaml'],
  'beautifulsoup4': ['bs4'],
  'python-dateutil': ['dateutil'],
  pillow: ['PIL'],
  'scikit-learn': ['sklearn'],
  'scikit-image': ['skimage'],
  'python-jose': ['jose'],
  'psycopg2-binary': ['psycopg2'],
  'psycopg-binary': ['psycopg'],
  'python-multipart': ['multipart', 'python_multipart'],
  'pydantic-settings': ['pydantic_settings'],
  'opencv-python': ['cv2'],
  'opencv-python-headless': ['cv2'],
  'opencv-contrib-python': ['cv2'],
  'opencv-contrib-python-headless': ['cv2'],
  attrs: ['attr', 'attrs'],
  protobuf: ['google'],
  googleapis_common_protos: ['google'],
  'googleapis-common-protos': ['google'],
  'google-api-python-client': ['googleapiclient'],
  'aws-lambda-powertools': ['aws_lambda_powertools'],
  mangum: ['mangum'],
  sqlalchemy: ['sqlalchemy'],
  'flask-sqlalchemy': ['flask_sqlalchemy'],
  'python-dotenv': ['dotenv'],
  pyjwt: ['jwt'],
  'typing-extensions': ['typing_extensions'],
  mysqlclient: ['MySQLdb'],
  pyopenssl: ['OpenSSL'],
  pycryptodome: ['Crypto'],
  pycryptodomex: ['Cryptodome'],
  'python-magic': ['magic'],
  'python-json-logger': ['pythonjsonlogger'],
  'python-slugify': ['slugify'],
  'python-docx': ['docx'],
  pymupdf: ['fitz', 'pymupdf'],
  pyzmq: ['zmq'],
  grpcio: ['grpc'],
  'websocket-client': ['websocket'],
  'python-socketio': ['socketio'],
  dnspython: ['dns'],
  pyserial: ['serial'],
  'python-ldap': ['ldap'],
  djangorestframework: ['rest_framework'],
  'faiss-cpu': ['faiss'],
  'faiss-gpu': ['faiss'],
  setuptools: ['setuptools', 'pkg_resources'],
  'email-validator': ['email_validator'],
  'ruamel-yaml': ['ruamel'],
};

/** Families of distributions that install into a shared namespace package. */
const PREFIX_IMPORT_NAMES: [prefix: string, importName: string][] = [
  ['google-cloud-', 'google'],
  ['google-', 'google'],
  ['azure-', 'azure'],
  ['opentelemetry-', 'opentelemetry'],
  ['backports-', 'backports'],
  ['jaraco-', 'jaraco'],
  ['zope-', 'zope'],
];

/** PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become `-`. */
export function normalizeDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The import names a distribution provides (best effort: a table of well-known mismatches, else `name` with `-` → `_`). */
export function importNamesOf(distribution: string): string[] {
  const norm = normalizeDistribution(distribution);
  const known = IMPORT_NAMES[norm];
  if (known) return known;
  const out = new Set<string>([norm.replace(/-/g, '_')]);
  for (const [prefix, imp] of PREFIX_IMPORT_NAMES) if (norm.startsWith(prefix)) out.add(imp);
  // `zope.interface`, `backports.zoneinfo`: a dotted distribution name is usually a namespace package.
  if (/[.]/.test(distribution)) out.add(distribution.split('.')[0].toLowerCase());
  return [...out];
}

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

type DepFileKind = 'requirements' | 'pyproject' | 'pipfile' | 'setup.cfg';

function kindOf(path: string): DepFileKind | undefined {
  const p = path.replace(/\\/g, '/');
  const base = basename(p);
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'Pipfile') return 'pipfile';
  if (base === 'setup.cfg') return 'setup.cfg';
  if (/\.txt$/i.test(base) && (/requirements/i.test(base) || basename(dirnameOf(p)) === 'requirements')) return 'requirements';
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
    for (const d of requirementsFile(text, (ref) => readRequirements(joinPath(dirnameOf(path), ref)))) dists.add(d);
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
  for (const d of dists) for (const n of importNamesOf(d)) out.add(n);
  return out;
}

function normPath(p: string): string {
  let r = p.replace(/\\/g, '/');
  while (r.startsWith('./')) r = r.slice(2);
  return r;
}

function joinPath(dir: string, ref: string): string {
  const parts = (dir === '' ? [] : dir.split('/')).concat(ref.replace(/\\/g, '/').split('/'));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
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

// ---------------------------------------------------------------------------
// A minimal TOML reader: table headers, `key = value` with dotted/quoted keys, values spanning
// lines while brackets/braces are open. It yields each key's full path and raw value text; string
// literals in a value are read with tomlStrings. Multi-line strings are not supported (the keys
// read here never hold them).

interface TomlEntry {
  path: string[];
  value: string;
}

function tomlKey(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i];
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < text.length) {
          s += text[j + 1];
          j += 2;
          continue;
        }
        s += text[j++];
      }
      out.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      out.push(text.slice(i, j).trim());
      i = j;
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '.') i++;
  }
  return out;
}

/** Index of the first `=` outside quotes, or -1. */
function keyEnd(line: string): number {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '=') return i;
  }
  return -1;
}

/** Strip a `#` comment outside strings and report the bracket depth change. */
function scanValueLine(line: string): { text: string; depth: number } {
  let depth = 0;
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (q === '"' && c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#') return { text: line.slice(0, i), depth };
  }
  return { text: line, depth };
}

function readToml(text: string): TomlEntry[] {
  const out: TomlEntry[] = [];
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[\[?\s*(.+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      table = tomlKey(header[1]);
      continue;
    }
    const eq = keyEnd(line);
    if (eq < 0) continue;
    const key = tomlKey(line.slice(0, eq));
    let { text: value, depth } = scanValueLine(line.slice(eq + 1));
    while (depth > 0 && i + 1 < lines.length) {
      const next = scanValueLine(lines[++i]);
      value += '\n' + next.text;
      depth += next.depth;
    }
    out.push({ path: [...table, ...key], value: value.trim() });
  }
  return out;
}

/** The string literals in a TOML value, in order. */
function tomlStrings(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const q = value[i];
    if (q !== '"' && q !== "'") continue;
    let s = '';
    let j = i + 1;
    while (j < value.length && value[j] !== q) {
      if (q === '"' && value[j] === '\\' && j + 1 < value.length) {
        s += value[j + 1];
        j += 2;
        continue;
      }
      s += value[j++];
    }
    out.push(s);
    i = j;
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
