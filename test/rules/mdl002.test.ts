// MDL002's own cases: the docs example, each side proved with configure_mappers on SQLAlchemy 1.4 and 2.0.
// The idioms (mixins, mapped bases, relationships given after the class) are in mdl002-files.test.ts.
import { mdl002 } from '../../src/rules/mdl002-back-populates-missing.js';
import { formatFiles, ruleTester } from './tester.js';
import { sqlalchemy2 } from '../helpers.js';

const CONFIG = { 'parity-check.config.json': '{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}\n' };
const CONFIGURE = 'import lazy_app  # noqa: F401\nfrom sqlalchemy.orm import configure_mappers\nconfigure_mappers()';
/**
 * configure_mappers() on Debian's SQLAlchemy 1.4 and on 2.0 (sqlalchemy2()): both must agree. `fails` is
 * 2.0's text; 1.4 names the mapper otherwise (`mapped class User->users`), so it is matched from "has no".
 */
const configure = (fails: string | null) => [
  { run: CONFIGURE, fails: fails === null ? null : fails.replace(/^Mapper '[^']*' /, '') },
  { run: CONFIGURE, fails, libraries: [sqlalchemy2()] },
];

ruleTester('MDL002', {
  valid: [{ name: 'docs-good', title: 'the docs example: Item.owner names User.items', files: '\n' + formatFiles({ ...mdl002.docs.good.files, ...CONFIG }), python: configure(null) }],
  invalid: [
    {
      name: 'docs-bad',
      title: 'the docs example: Item.owner names User.itemz',
      files: '\n' + formatFiles({ ...mdl002.docs.bad.files, ...CONFIG }),
      findings: [
        "models.py:18:49  MDL002  error  Item.owner has back_populates=\"itemz\", but User (models.py) has no attribute itemz; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Mapper 'Mapper[User(users)]' has no property 'itemz'; did you mean \"items\"? (related models.py:7:7-7:11)",
      ],
      python: configure("has no property 'itemz'"),
    },
  ],
});
