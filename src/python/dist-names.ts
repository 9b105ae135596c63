// The import names a distribution installs, which pip's metadata would tell but a checkout does not:
// a table of the well-known mismatches (`pyyaml` installs `yaml`), else the PEP 503 name with `-` → `_`.

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
  'a2a-sdk': ['a2a'],
  'strands-agents': ['strands'],
  'strands-agents-tools': ['strands_tools'],
  pyrebase4: ['pyrebase'],
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
  // `python-fasthtml` installs `fasthtml`, as python-dotenv, python-jose and python-slugify do (the table's pattern).
  if (norm.startsWith('python-') && norm.length > 7) out.add(norm.slice(7).replace(/-/g, '_'));
  // `zope.interface`, `backports.zoneinfo`: a dotted distribution name is usually a namespace package.
  if (/[.]/.test(distribution)) out.add(distribution.split('.')[0].toLowerCase());
  return [...out];
}

/**
 * Import names a distribution may provide beyond importNamesOf: its name's words from the first,
 * with later words left out (`strands-agents-tools` → `strands`, `strands_tools`, `strands_agents`;
 * `a2a-sdk` → `a2a`). Too loose to say a name *is* installed (a local namespace `api/` must not lose
 * to a declared `api-client`); enough to say that a same-named folder elsewhere in the repository is
 * not necessarily what the import meant.
 */
export function possibleImportNames(distribution: string): string[] {
  const words = normalizeDistribution(distribution).split('-').filter((w) => w !== '');
  if (words.length < 2 || words.length > 6) return [];
  const out = new Set<string>();
  const rest = words.slice(1);
  for (let mask = 0; mask < 1 << rest.length; mask++) {
    out.add([words[0], ...rest.filter((_, i) => mask & (1 << i))].join('_'));
  }
  return [...out];
}
