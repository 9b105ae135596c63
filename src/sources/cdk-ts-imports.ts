// The import side of a CDK TypeScript file (cdk-typescript.ts): which local files a specifier can be, `require()`,
// string literals, and the names `import` statements bind.
import type Parser from 'tree-sitter';
import { joinRel } from './common.js';
import type { Imports } from './cdk-values.js';

type Node = Parser.SyntaxNode;

/** The files a relative specifier can be (`./lib/stack` → lib/stack.ts, lib/stack/index.ts, ...). */
export function localCandidates(spec: string, dir: string): string[] {
  if (!spec.startsWith('./') && !spec.startsWith('../')) return [];
  const base = joinRel(dir, spec);
  if (base === null) return [];
  const noJs = base.replace(/\.(js|mjs|cjs)$/, '');
  return [base, `${noJs}.ts`, `${noJs}.tsx`, `${noJs}/index.ts`];
}

/** The module of `require('m')`, or null. */
export function requireOf(n: Node): string | null {
  if (n.type !== 'call_expression' || n.childForFieldName('function')?.text !== 'require') return null;
  const args = n.childForFieldName('arguments')?.namedChildren ?? [];
  return args.length === 1 ? stringText(args[0]) : null;
}

export function stringText(n: Node | null): string | null {
  if (!n || n.type !== 'string') return null;
  return n.namedChildren.map((c) => (c.type === 'string_fragment' ? c.text : '\u0000')).join('');
}

/** `import * as x`, `import x`, `import { a as b }`, `import x = require('m')`. */
export function bindImports(imp: Node, mod: string, imports: Imports) {
  const clause = imp.namedChildren.find((c) => c.type === 'import_clause' || c.type === 'import_require_clause');
  if (!clause) return;
  if (clause.type === 'import_require_clause') {
    const id = clause.namedChildren.find((c) => c.type === 'identifier');
    if (id) imports.set(id.text, mod);
    return;
  }
  for (const c of clause.namedChildren) {
    if (c.type === 'identifier') imports.set(c.text, mod);
    else if (c.type === 'namespace_import') {
      const id = c.namedChildren.find((x) => x.type === 'identifier');
      if (id) imports.set(id.text, mod);
    } else if (c.type === 'named_imports') {
      for (const s of c.namedChildren) {
        if (s.type !== 'import_specifier') continue;
        const name = s.childForFieldName('name')!.text;
        imports.set(s.childForFieldName('alias')?.text ?? name, `${mod}.${name}`);
      }
    }
  }
}
