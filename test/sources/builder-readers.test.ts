// The builder readers one by one: the Makefile reader checked against GNU make itself (`make -n` prints the recipe
// lines it would run, expanded), package.json and Taskfile runs, and the guards of call following.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ShellSim, type NestedRun } from '../../src/shell/index.js';
import { builderCalls } from '../../src/sources/builder-calls.js';
import { extractBuilders } from '../../src/sources/scripts.js';
import { contextFromPaths, type SourceFunction } from '../../src/sources/index.js';
import { writeTree } from '../helpers.js';

/** A simulator that records the scripts builders hand it instead of running them. */
class Spy extends ShellSim {
  scripts: { text: string; cwd: string; id: string }[] = [];
  override runNested(text: string, o: NestedRun) {
    if (o.id.startsWith('script:')) return super.runNested(text, o);
    this.scripts.push({ text, cwd: o.cwd, id: o.id });
  }
}

function spy(files: Record<string, string>, command: string, env: Record<string, string> = {}) {
  const sim = new Spy({ root: '/r', files: Object.keys(files), home: '/h', calls: builderCalls({ text: (p) => files[p], called: new Set() }) });
  const r = sim.run(command, {
    cwd: '/r',
    env: (n) => (n in env ? { value: env[n] } : undefined),
    locate: (s) => ({ file: 'cmd', line: s.row + 1, column: s.column + 1, endLine: 1, endColumn: 1 }),
  });
  return { scripts: sim.scripts, unknowns: r.unknowns.map((u) => `${u.loc.file}:${u.loc.line} ${u.why}`) };
}

const MAKEFILE = [
  'BUILD := build',
  'NAME ?= ingestion',
  'PKG = $(BUILD)/$(NAME)',
  'FLAGS = -q',
  'FLAGS += -r',
  'LATE = $(LATER)',
  'LATER = late',
  'SRCS := a.py b.py',
  'ifeq ($(NAME),ingestion)',
  'KIND := main',
  'else',
  'KIND := other',
  'endif',
  'ifdef CI',
  'MODE = ci',
  'endif',
  '.PHONY: all clean package',
  'all: package',
  'clean:',
  '\t@rm -rf $(BUILD)',
  'package: clean src/x.py',
  '\tmkdir -p $(PKG)',
  '\tcp $< $(PKG)/ # $@ from $^',
  "\techo $(KIND) $(LATE) $$HOME $(notdir src/x.py) $(addprefix $(PKG)/,$(SRCS)) $(subst .py,.txt,$(SRCS))",
  '\tcd $(PKG) && \\',
  '\t  zip $(FLAGS) ../$(NAME).zip .',
  '',
].join('\n');

describe('Makefile reader', () => {
  it('expands recipes as GNU make does (make -n is the truth)', () => {
    const dir = writeTree({ Makefile: MAKEFILE, 'src/x.py': '' });
    for (const args of [['package'], [], ['package', 'NAME=other'], ['-s', 'package']]) {
      const real = execFileSync('/usr/bin/make', ['-n', '-s', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
      const { scripts, unknowns } = spy({ Makefile: MAKEFILE, 'src/x.py': '' }, `make ${args.join(' ')}`);
      expect(unknowns, args.join(' ')).toEqual([]);
      expect(scripts.map((s) => s.text).join('\n') + '\n', args.join(' ')).toBe(real);
      expect(new Set(scripts.map((s) => s.cwd))).toEqual(new Set(['/r']));
    }
  });

  it('make -C, the environment, $(MAKE) recursion, unknown functions and includes', () => {
    const files = {
      'svc/Makefile': 'OUT ?= dist\nbuild:\n\tmkdir -p $(OUT)\n\t$(MAKE) build\nver:\n\techo $(shell git rev-parse HEAD)\n',
      'inc/Makefile': 'include common.mk\nx:\n\techo $(FROM_INCLUDE)\n',
    };
    const a = spy(files, 'make -C svc build', { OUT: 'out' });
    expect(a.scripts[0]).toMatchObject({ text: 'mkdir -p out', cwd: '/r/svc', id: 'make:svc/Makefile:build' });
    const b = spy(files, 'make -C svc ver');
    expect(b.unknowns).toEqual(['svc/Makefile:6 make ver: $(shell …) is make\'s shell function: not simulated']);
    const c = spy(files, 'make -C inc x');
    expect(c.unknowns[0]).toMatch(/^inc\/Makefile:3 make x: \$\(FROM_INCLUDE\) is not set here and may come from elsewhere: include is not followed/);
    expect(spy(files, 'make -C svc nope').unknowns).toEqual(["cmd:1 make: no rule to make target 'nope' in svc/Makefile"]);
    expect(spy(files, 'make -C nowhere').unknowns).toEqual(['cmd:1 make -C nowhere: no Makefile of the checked folder in nowhere']);
  });
});

describe('package.json and Taskfile runs', () => {
  const pkg = JSON.stringify({ scripts: { prebuild: 'rm -rf dist', build: 'mkdir -p dist', postbuild: 'zip -r dist.zip dist', other: 'npm run build -- --flag' } }, null, 2);
  it('npm runs pre/post hooks and appends arguments after --; yarn runs the script alone', () => {
    const files = { 'web/package.json': pkg };
    expect(spy(files, 'cd web && npm run build -- "a b"').scripts.map((s) => s.text)).toEqual(['rm -rf dist', "mkdir -p dist 'a b'", 'zip -r dist.zip dist']);
    expect(spy(files, 'npm --prefix web run build').scripts.map((s) => s.cwd)).toEqual(['/r/web', '/r/web', '/r/web']);
    expect(spy(files, 'cd web && yarn build').scripts.map((s) => s.text)).toEqual(['mkdir -p dist']);
    expect(spy(files, 'cd web && npm run missing').unknowns).toEqual(['cmd:1 npm run missing: no script missing in web/package.json']);
    expect(spy(files, 'cd web && npm ci && npm install').scripts).toEqual([]);
  });

  it('task runs deps first, then cmds in dir, with {{.VAR}} templates; a computed template is unknown', () => {
    const taskfile = [
      "version: '3'",
      'vars:',
      '  OUT: build',
      'tasks:',
      '  clean:',
      '    cmds:',
      '      - rm -rf {{.OUT}}',
      '  package:',
      '    deps: [clean]',
      '    dir: lambdas',
      '    cmds:',
      '      - mkdir -p {{.OUT}}/{{.TASK}}',
      '      - task: clean',
      '      - cmd: zip -r x.zip . {{.CLI_ARGS}}',
      '  bad:',
      '    cmds:',
      '      - echo {{.OUT | upper}}',
    ].join('\n');
    const files = { 'Taskfile.yml': taskfile };
    const r = spy(files, 'task package -- -q');
    expect(r.scripts.map((s) => [s.text, s.cwd])).toEqual([
      ['rm -rf build', '/r'],
      ['mkdir -p build/package', '/r/lambdas'],
      ['rm -rf build', '/r'],
      ['zip -r x.zip . -q', '/r/lambdas'],
    ]);
    expect(spy(files, 'task bad').unknowns).toEqual(['Taskfile.yml:17 task bad: {{.OUT | upper}} is a template task computes']);
  });
});

describe('call following guards', () => {
  it('a script that calls itself, a missing script, a huge script, and a script made by the build are unknowns', () => {
    const files = { 'a.sh': 'mkdir -p out\n./a.sh\n', 'big.sh': `mkdir x\n${'#'.repeat(210_000)}\n` };
    expect(spy(files, './a.sh').unknowns).toEqual(['a.sh:2 ./a.sh: a recursive call is not followed']);
    expect(spy(files, './gone.sh x').unknowns).toEqual(['cmd:1 ./gone.sh x: not followed: gone.sh does not exist']);
    expect(spy(files, 'bash big.sh').unknowns[0]).toMatch(/big\.sh is not read \(larger than 200000 characters/);
    expect(spy(files, 'zip -r made.sh a.sh && sh made.sh').unknowns).toEqual(['cmd:1 sh made.sh: not followed: made.sh is produced by the build']);
    // A tool outside the checked folder is not a builder file: it runs as any unknown command (ignored).
    expect(spy(files, '/usr/local/bin/tool.sh && ./node_modules/.bin/x').unknowns).toEqual(['cmd:1 ./node_modules/.bin/x: not followed: node_modules/.bin/x does not exist']);
  });

  it('what another builder or a workflow runs is not simulated again on its own; the rest is, and says so', () => {
    const files = {
      'Makefile': 'package:\n\t./scripts/build.sh prod\n',
      'scripts/build.sh': 'S=${1:-dev}\nmkdir -p b\ncp app.py b/\ncd b && zip -r ../fn-$S.zip .\n',
      'scripts/other.sh': 'mkdir -p c && cp app.py c/ && (cd c && zip -r ../other.zip .)\n',
      'app.py': '',
    };
    const paths = Object.keys(files);
    const facts = extractBuilders(
      paths.filter((p) => p !== 'app.py').map((p) => ({ path: p, text: files[p as keyof typeof files] })),
      { ...contextFromPaths(paths), text: (p) => files[p as keyof typeof files] },
    );
    expect((facts.functions as SourceFunction[]).map((f) => [f.name, f.source, f.artifact, f.loc.file])).toEqual([
      ['fn-prod.zip', 'script', 'fn-prod.zip', 'scripts/build.sh'],
      ['other.zip', 'script', 'other.zip', 'scripts/other.sh'],
    ]);
    expect(facts.unknowns.map((u) => `${u.loc.file}:${u.loc.line} ${u.what}`)).toEqual(['Makefile:1 how make package (Makefile) is called', 'scripts/other.sh:1 how scripts/other.sh is called']);
  });
});
