// The justfile reader (deploy7, #15): what `just` runs, as its manual (just.systems/man) says — recipe lines each in
// a shell of their own in the justfile's folder, dependencies first and each once, `{{…}}` expressions, parameters
// with defaults, aliases, `[no-cd]`, exported variables — recorded by a simulator that keeps the scripts it is handed.
// The real build of a justfile, judged by Python, is the `justfile` case of builders.test.ts.
import { describe, expect, it } from 'vitest';
import { ShellSim, type NestedRun } from '../../src/shell/index.js';
import { builderCalls } from '../../src/sources/builder-calls.js';

class Spy extends ShellSim {
  scripts: { text: string; cwd: string; env: Record<string, string | undefined> }[] = [];
  override runNested(text: string, o: NestedRun) {
    const get = (n: string) => {
      const v = o.env?.(n);
      return v && 'value' in v ? v.value : undefined;
    };
    this.scripts.push({ text, cwd: o.cwd, env: { STAGE: get('STAGE'), REGION: get('REGION') } });
  }
}

function spy(files: Record<string, string>, command: string, cwd = '/r') {
  const sim = new Spy({ root: '/r', files: Object.keys(files), home: '/h', calls: builderCalls({ text: (p) => files[p], called: new Set() }) });
  const r = sim.run(command, { cwd, env: () => undefined, locate: (s) => ({ file: 'cmd', line: s.row + 1, column: s.column + 1, endLine: 1, endColumn: 1 }) });
  return { scripts: sim.scripts, texts: sim.scripts.map((s) => s.text), unknowns: r.unknowns.map((u) => `${u.loc.file}:${u.loc.line} ${u.why}`) };
}

const JUSTFILE = [
  'set positional-arguments',
  'out := "build" / "pkg"',
  'name := "api" + "-" + "fn"',
  'export REGION := "eu-west-1"',
  'alias p := package',
  '',
  '# the first recipe: `just` runs it',
  'default: (package "dev")',
  '',
  'clean:',
  '    @rm -rf {{out}}',
  '',
  '[no-cd]',
  'here:',
  '    ls',
  '',
  'package $STAGE="prod" +extra="-q": clean',
  '    mkdir -p {{out}}',
  '    cd {{out}} && \\',
  '      zip -r ../{{name}}-{{STAGE}}.zip . {{extra}}',
  '',
  'deploy stage: package',
  '    echo {{stage}}',
  '',
  'stamp:',
  '    echo `date`',
  '    echo {{`git rev-parse HEAD`}}',
].join('\n');

describe('just on the shell simulator', () => {
  it('just runs the first recipe: its dependency with arguments, that one\'s dependency first; each line its own shell', () => {
    const r = spy({ 'lambdas/justfile': JUSTFILE }, 'cd lambdas && just');
    expect(r.scripts.map((s) => [s.text, s.cwd])).toEqual([
      ['rm -rf build/pkg', '/r/lambdas'],
      ['mkdir -p build/pkg', '/r/lambdas'],
      ['cd build/pkg && \\\nzip -r ../api-fn-dev.zip . -q', '/r/lambdas'],
    ]);
    // `$STAGE` is exported to the recipe's lines, and so is `export REGION`.
    expect(r.scripts[1].env).toEqual({ STAGE: 'dev', REGION: 'eu-west-1' });
    expect(r.unknowns).toEqual([]);
  });

  it('arguments on the command line, an alias, VAR=value, -f and [no-cd]; found from a folder below', () => {
    const files = { justfile: JUSTFILE };
    expect(spy(files, 'just p staging -r -9').texts.slice(-1)).toEqual(['cd build/pkg && \\\nzip -r ../api-fn-staging.zip . -r -9']);
    expect(spy(files, 'just out=dist package').texts[1]).toBe('mkdir -p dist');
    expect(spy(files, 'just --set name x -f justfile package').texts.slice(-1)).toEqual(['cd build/pkg && \\\nzip -r ../x-prod.zip . -q']);
    expect(spy(files, 'mkdir -p sub && cd sub && just here').scripts.map((s) => s.cwd)).toEqual(['/r/sub']);
    expect(spy(files, 'just --dry-run package').texts).toEqual([]);
  });

  it('what just computes or needs from the caller is unknown, with why', () => {
    const files = { justfile: JUSTFILE };
    expect(spy(files, 'just deploy').unknowns).toEqual(["justfile:23 just deploy: {{stage}}: recipe deploy's argument stage is given on the command line"]);
    // A backtick in a line is the shell's; one in {{…}} is just's.
    const stamp = spy(files, 'just stamp');
    expect(stamp.texts).toEqual(['echo `date`']);
    expect(stamp.unknowns).toEqual(['justfile:27 just stamp: {{`git rev-parse HEAD`}} runs a command just evaluates']);
    expect(spy(files, 'just nothing').unknowns).toEqual(['cmd:1 just: no recipe nothing in justfile']);
    expect(spy({ justfile: 'set shell := ["pwsh", "-c"]\nbuild:\n    zip -r a.zip .\n' }, 'just build').unknowns).toEqual([
      'cmd:1 just: set shell := ["pwsh", "-c"] is not a POSIX shell: its recipes are not simulated',
    ]);
    expect(spy({}, 'just build').unknowns).toEqual(['cmd:1 just build: no justfile of the checked folder']);
  });

  it('a shebang recipe is one script; one in another language is not simulated', () => {
    const files = { '.justfile': 'build:\n    #!/usr/bin/env bash\n    set -e\n    cd src\n    zip -r ../a.zip .\n\npy:\n    #!/usr/bin/env python3\n    print(1)\n' };
    expect(spy(files, 'just build').scripts.map((s) => [s.text, s.cwd])).toEqual([['set -e\ncd src\nzip -r ../a.zip .', '/r']]);
    expect(spy(files, 'just py').unknowns).toEqual(['.justfile:7 just py: its body runs with #!/usr/bin/env python3, not a shell: not simulated']);
  });
});
