// A Terraform image function's `image_uri` as a pattern of the image it deploys: literal parts kept, `*` for what is
// not known. `aws_ecr_repository.<x>.repository_url` (and the `data` source) is `<registry>/<name>` with the
// repository's `name` — what a workflow's `docker build -t $REGISTRY/<name>:tag` + `docker push` matches
// (docker-images.ts). `var.*`, other resources and function calls are holes.
import type { TSNode } from './common.js';
import { evaluate, unwrap, type Block, type Module } from './terraform-hcl.js';

export function imageUriPattern(expr: TSNode, mod: Module, file: string, blocks: readonly Block[], depth = 0): string {
  if (depth > 8) return '*';
  const v = evaluate(expr, mod, file, new Set());
  if (v.kind === 'str') return v.value;
  const n = unwrap(expr);
  const parts = n.type === 'template_expr' ? n.namedChildren[0]?.children : n.type === 'literal_value' ? n.namedChildren[0]?.children : undefined;
  if (parts) {
    let s = '';
    for (const p of parts) {
      if (p.type === 'template_literal') s += p.text;
      else if (p.type === 'template_interpolation') {
        const e = p.namedChildren.find((c) => c.type === 'expression');
        s += e ? imageUriPattern(e, mod, file, blocks, depth + 1) : '*';
      } else if (p.type !== 'quoted_template_start' && p.type !== 'quoted_template_end') s += '*';
    }
    return s.replace(/\*+/g, '*');
  }
  if (v.kind !== 'ref' && !(n.text.startsWith('local.') && v.kind === 'unknown')) return '*';
  const ref = n.text.split('.');
  if (ref[0] === 'local' && ref.length === 2) {
    const l = mod.locals.get(ref[1]);
    return l ? imageUriPattern(l.expr, mod, l.file, blocks, depth + 1) : '*';
  }
  const data = ref[0] === 'data';
  const [type, name, attr] = data ? ref.slice(1) : ref;
  if (type === 'aws_ecr_repository' && (attr === 'repository_url' || attr === 'name')) {
    const b = blocks.find((x) => x.type === (data ? 'data' : 'resource') && x.labels[0] === 'aws_ecr_repository' && x.labels[1] === name);
    const nameExpr = b?.attrs.get('name');
    const repo = nameExpr ? imageUriPattern(nameExpr, mod, b!.file, blocks, depth + 1) : '*';
    return attr === 'name' ? repo : `*/${repo}`;
  }
  return '*';
}
