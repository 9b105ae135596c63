// qualify() looks up only the statements that bind a name (an index per file): the last binding at
// module level must still win, whichever kind of statement it is. Checked against real Python.
import { describe, expect, it } from 'vitest';
import { qualify } from '../../src/graph/symbols.js';
import { run } from '../../src/run.js';
import { python, writeTree } from '../helpers.js';

describe('qualify', () => {
  it('follows the last module-level binding of a name, as Python does', async () => {
    const cls = (name: string) => `class ${name}:\n    pass\n`;
    const dir = writeTree({
      'parity-check.config.json': JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['main.py'] }] }),
      'pkg/__init__.py': '',
      'pkg/a.py': cls('X') + cls('Y') + cls('Z') + cls('W'),
      'pkg/b.py': cls('X') + cls('W'),
      'main.py': [
        'from pkg.a import X',
        'from pkg.b import X  # rebinds X',
        'from pkg.a import Y',
        'class Y:  # a definition after the import wins',
        '    pass',
        'class Z:',
        '    pass',
        'from pkg.a import Z  # an import after the definition wins',
        'import pkg.b as m',
        'import pkg.b',
        'from pkg.a import W',
        'def f():',
        '    from pkg.b import W  # a function\'s import binds nothing at module level',
        'from pkg.b import W as V, X as U',
        '',
      ].join('\n'),
    });
    const names = ['X', 'Y', 'Z', 'm.X', 'V', 'U', 'W', 'pkg.b.X'];
    const truth = python(
      `import json, main\ndef q(e):\n    o = main\n    for part in e.split('.'):\n        o = getattr(o, part)\n    return o.__module__ + '.' + o.__qualname__\nprint(json.dumps([q(e) for e in ${JSON.stringify(names)}]))`,
      dir,
    );
    expect(truth.stderr).toBe('');
    const expected = JSON.parse(truth.stdout) as string[];
    expect(expected).toEqual(['pkg.b.X', 'main.Y', 'pkg.a.Z', 'pkg.b.X', 'pkg.b.W', 'pkg.b.X', 'pkg.a.W', 'pkg.b.X']);
    const result = await run({ base: dir, staged: false });
    const graph = result.apps[0];
    expect(names.map((n) => qualify(graph, 'main', n))).toEqual(expected);
  });
});
