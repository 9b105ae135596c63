import { describe, expect, it } from 'vitest';
import { declaredDependencies, dependencyFileNames, importNamesOf } from '../../src/python/deps.js';

const sorted = (s: Set<string>) => [...s].sort();

describe('dependencyFileNames', () => {
  it('selects dependency declarations only', () => {
    for (const p of ['requirements.txt', 'app/requirements-dev.txt', 'dev-requirements.txt', 'requirements/base.txt', 'pyproject.toml', 'svc/Pipfile', 'setup.cfg'])
      expect(dependencyFileNames(p), p).toBe(true);
    for (const p of ['README.txt', 'constraints.txt', 'Pipfile.lock', 'setup.py', 'poetry.lock', 'src/requirements.py', 'pyproject.toml.bak'])
      expect(dependencyFileNames(p), p).toBe(false);
  });
});

describe('importNamesOf', () => {
  it('maps well-known distributions', () => {
    expect(importNamesOf('PyYAML')).toEqual(['yaml']);
    expect(importNamesOf('beautifulsoup4')).toEqual(['bs4']);
    expect(importNamesOf('python_dateutil')).toEqual(['dateutil']);
    expect(importNamesOf('Pillow')).toEqual(['PIL']);
    expect(importNamesOf('scikit-learn')).toEqual(['sklearn']);
    expect(importNamesOf('python-jose')).toEqual(['jose']);
    expect(importNamesOf('psycopg2-binary')).toEqual(['psycopg2']);
    expect(importNamesOf('python-multipart')).toContain('multipart');
    expect(importNamesOf('pydantic-settings')).toEqual(['pydantic_settings']);
    expect(importNamesOf('opencv-python')).toEqual(['cv2']);
    // python-X installs X (python-fasthtml → fasthtml), beside the normalised name.
    expect(importNamesOf('python-fasthtml')).toEqual(['python_fasthtml', 'fasthtml']);
    expect(importNamesOf('attrs').sort()).toEqual(['attr', 'attrs']);
    expect(importNamesOf('protobuf')).toEqual(['google']);
    expect(importNamesOf('google-cloud-storage')).toContain('google');
    expect(importNamesOf('aws-lambda-powertools')).toEqual(['aws_lambda_powertools']);
    expect(importNamesOf('SQLAlchemy')).toEqual(['sqlalchemy']);
    expect(importNamesOf('Flask-SQLAlchemy')).toEqual(['flask_sqlalchemy']);
    expect(importNamesOf('python-dotenv')).toEqual(['dotenv']);
    expect(importNamesOf('PyJWT')).toEqual(['jwt']);
    expect(importNamesOf('typing-extensions')).toEqual(['typing_extensions']);
    expect(importNamesOf('Mangum')).toEqual(['mangum']);
    expect(importNamesOf('zope.interface')).toContain('zope');
    expect(importNamesOf('Some.Odd_Name')).toContain('some_odd_name');
  });
});

describe('declaredDependencies', () => {
  it('reads requirements files and follows -r to given files only', () => {
    const deps = declaredDependencies([
      {
        path: 'svc/requirements.txt',
        text: [
          '# comment',
          '-r base.in',
          '--requirement=../shared/reqs.txt',
          '-r missing.txt',
          '-c constraints.txt',
          '--index-url https://example.org/simple',
          'fastapi[all]>=0.100 ; python_version >= "3.8"  # web',
          'PyYAML==6.0 \\',
          '    --hash=sha256:abc',
          'mangum',
          'my-lib @ git+https://github.com/x/my-lib.git',
          '-e git+https://github.com/x/y.git#egg=editable_pkg',
          'https://example.org/pkg.tar.gz#egg=urlpkg',
          './local/path',
          '',
        ].join('\n'),
      },
      { path: 'svc/base.in', text: 'SQLAlchemy>=2\n' },
      { path: 'shared/reqs.txt', text: 'python-dotenv\n' },
      { path: 'svc/constraints.txt', text: 'notadep==1\n' },
    ]);
    expect(sorted(deps)).toEqual(['dotenv', 'editable_pkg', 'fastapi', 'mangum', 'my_lib', 'sqlalchemy', 'urlpkg', 'yaml']);
  });

  it('does not read a file inside the checked folder for a -r that leaves it', () => {
    // pip joins `-r` to the requirements file's folder: `../base.txt` from the top is outside the
    // checked folder, not the `base.txt` beside it; `svc/../../x.txt` likewise.
    const deps = declaredDependencies([
      { path: 'requirements.txt', text: '-r ../base.txt\nmangum\n' },
      { path: 'base.txt', text: 'requests\n' },
      { path: 'svc/requirements.txt', text: '-r ../../x.txt\n-r ../base.txt\n' },
      { path: 'x.txt', text: 'boto3\n' },
    ]);
    expect(sorted(deps)).toEqual(['mangum', 'requests']);
  });

  it('reads pyproject.toml: PEP 621, optional dependencies, dependency groups, Poetry', () => {
    const text = `
[build-system]
requires = ["setuptools>=61", "wheel"]

[project]
name = "svc"
dependencies = [
  "fastapi>=0.110",   # the app
  'pydantic-settings',
  "beautifulsoup4[lxml]; extra == 'x'",
]
[project.optional-dependencies]
aws = ["mangum", "aws-lambda-powertools[tracer]"]
dev = [
  "pytest",
]

[dependency-groups]
lint = ["ruff", {include-group = "aws"}]

[tool.poetry.dependencies]
python = "^3.11"
PyJWT = "^2"
"python-jose" = { version = "^3", extras = ["cryptography"] }

[tool.poetry.group.test.dependencies]
httpx = "*"

[tool.poetry.dev-dependencies]
black = "*"

[tool.poetry.dependencies.boto3]
version = "^1"

[tool.ruff]
select = ["E", "F"]
`;
    expect(sorted(declaredDependencies([{ path: 'pyproject.toml', text }]))).toEqual(
      ['aws_lambda_powertools', 'black', 'boto3', 'bs4', 'fastapi', 'httpx', 'jose', 'jwt', 'mangum', 'pydantic_settings', 'pytest', 'ruff'].sort(),
    );
  });

  it('reads Pipfile and setup.cfg', () => {
    const pipfile = `
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true

[packages]
requests = "*"
"Flask-SQLAlchemy" = {version = "*"}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
`;
    const setupCfg = `
[metadata]
name = svc

[options]
packages = find:
install_requires =
    Pillow>=9
    opencv-python; platform_system != "Windows"
    # a comment
    attrs
python_requires = >=3.9

[options.extras_require]
tests =
    pytest-cov
`;
    expect(sorted(declaredDependencies([
      { path: 'Pipfile', text: pipfile },
      { path: 'lib/setup.cfg', text: setupCfg },
    ]))).toEqual(['PIL', 'attr', 'attrs', 'cv2', 'flask_sqlalchemy', 'pytest', 'pytest_cov', 'requests'].sort());
  });
});
