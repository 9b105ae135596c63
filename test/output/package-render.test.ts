// The package report's renderers on a report with a layer (the layers reader fills
// DeployFacts.layers; here the report is written out): /opt is printed as its own tree.
import { describe, expect, it } from 'vitest';
import { renderPackageJson, renderPackagePretty } from '../../src/package/render.js';
import type { PackageReport } from '../../src/package/report.js';

const at = (file: string, line: number, column = 1) => ({ file, line, column, endLine: line, endColumn: column + 1 });
const report: PackageReport = {
  names: ['Api'],
  functions: [
    {
      name: 'Api',
      source: 'sam',
      loc: at('template.yaml', 5, 3),
      packageType: 'zip',
      runtime: { known: true, value: 'python3.12', loc: at('template.yaml', 9, 16) },
      startup: { kind: 'handler', text: 'app.handler', loc: at('template.yaml', 8, 16), resolution: { status: 'resolves', file: 'src/app.py' } },
      task: { how: 'code-root', codeRoot: 'src', files: [{ path: 'app.py', from: 'src/app.py', step: at('template.yaml', 7, 16) }], unknowns: [] },
      layers: [
        {
          text: '!Ref SharedLayer',
          loc: at('template.yaml', 11, 11),
          layer: 'SharedLayer',
          tree: { how: 'code-root', codeRoot: 'layer', files: [{ path: 'python/shared/db.py', from: 'layer/python/shared/db.py', step: at('template.yaml', 16, 18) }], unknowns: [] },
        },
        { text: 'arn:aws:lambda:eu-west-1:123456789012:layer:x:1', loc: at('template.yaml', 12, 11), why: 'not defined in the checked folder' },
      ],
    },
  ],
};

describe('package renderers', () => {
  it('pretty: /var/task, then each layer under /opt', () => {
    expect(renderPackagePretty(report, '/repo')).toBe(
      [
        'function Api  sam, zip  (template.yaml:5:3)',
        '  runtime  python3.12  (template.yaml:9:16)',
        '  handler  app.handler  (template.yaml:8:16)',
        '           ✔ resolves in the package (src/app.py)',
        '  /var/task  the folder src, 1 file',
        '    app.py  ← src/app.py  (template.yaml:7:16)',
        '  /opt  !Ref SharedLayer  the folder layer, 1 file',
        '    python/',
        '      shared/',
        '        db.py  ← layer/python/shared/db.py  (template.yaml:16:18)',
        '  /opt  arn:aws:lambda:eu-west-1:123456789012:layer:x:1  not known (not defined in the checked folder)  (template.yaml:12:11)',
        '',
      ].join('\n'),
    );
  });

  it('json: opt entries with their tree or why not', () => {
    const f = JSON.parse(renderPackageJson(report)).functions[0];
    expect(f.opt).toEqual([
      { text: '!Ref SharedLayer', at: { file: 'template.yaml', line: 11, column: 11 }, layer: 'SharedLayer', how: 'code-root', codeRoot: 'layer', files: [{ path: 'python/shared/db.py', from: 'layer/python/shared/db.py', step: { file: 'template.yaml', line: 16, column: 18 } }], unknowns: [] },
      { text: 'arn:aws:lambda:eu-west-1:123456789012:layer:x:1', at: { file: 'template.yaml', line: 12, column: 11 }, unknown: 'not defined in the checked folder' },
    ]);
  });
});
