import { describe, expect, it } from 'vitest';
import { extractServerless } from '../../src/sources/serverless.js';
import { contextFromPaths } from '../../src/sources/index.js';

const paths = ['svc/serverless.yml', 'svc/orders/handler.py', 'svc/orders/requirements.txt', 'svc/billing/handler.py', 'svc/tests/test_x.py'];
const yml = (extra: string) => `service: s\nprovider:\n  name: aws\n  runtime: python3.12\n${extra}functions:\n  orders:\n    handler: handler.main\n    module: orders\n`;

describe('serverless module: (serverless-python-requirements)', () => {
  it('with package.individually, the module folder is the root of the function zip', () => {
    const f = extractServerless('svc/serverless.yml', yml('plugins:\n  - serverless-python-requirements\npackage:\n  individually: true\n'), contextFromPaths(paths));
    expect(f.functions[0].layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'svc/orders' }, loc: { line: 12 } });
  });

  it('with patterns, the files they keep under the module folder, at the root', () => {
    const f = extractServerless('svc/serverless.yml', yml('plugins:\n  modules:\n    - serverless-python-requirements\npackage:\n  individually: true\n  patterns:\n    - "!tests/**"\n'), contextFromPaths(paths));
    const l = f.functions[0].layout;
    expect(l.known && l.value.files?.map((x) => [x.dest, x.src])).toEqual([
      ['handler.py', 'svc/orders/handler.py'],
      ['requirements.txt', 'svc/orders/requirements.txt'],
    ]);
  });

  it('without the plugin or without individually, module changes nothing: the service folder', () => {
    for (const extra of ['package:\n  individually: true\n', 'plugins:\n  - serverless-python-requirements\n']) {
      const f = extractServerless('svc/serverless.yml', yml(extra), contextFromPaths(paths));
      expect(f.functions[0].layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'svc' } });
    }
  });
});
