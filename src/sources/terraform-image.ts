// A Terraform image function's `image_uri` as a pattern of the image it deploys: literal parts kept, `*` for what is
// not known. `aws_ecr_repository.<x>.repository_url` (and the `data` source) is `<registry>/<name>` with the
// repository's `name` — what a workflow's `docker build -t $REGISTRY/<name>:tag` + `docker push` matches
// (docker-images.ts). `var.*`, other resources and function calls are holes.
import type { TSNode } from './common.js';
import { joinRel } from './common.js';
import { evaluate, unwrap, type Block, type Module } from './terraform-hcl.js';

/** The image Terraform itself builds, by reference: what a `docker build` in a workflow would say. */
export interface TerraformBuild {
  dockerfile: string;
  context: string;
  target?: string;
}

const lit = (e: TSNode | undefined, mod: Module, file: string): string | undefined => {
  if (!e) return undefined;
  const v = evaluate(e, mod, file, new Set());
  return v.kind === 'str' ? v.value : undefined;
};

/**
 * `image_uri = docker_image.x.name` (kreuzwerker/docker: `build { context, dockerfile, target }`, also through
 * `docker_registry_image.y.name`) or `module.x.image_uri` of terraform-aws-modules' docker-build module
 * (`source_path`, `docker_file_path`): the Dockerfile and context (checked-folder relative), or null.
 */
export function terraformBuild(expr: TSNode, mod: Module, blocks: readonly Block[], depth = 0): TerraformBuild | null {
  const n = unwrap(expr);
  const ref = n.text.split('.');
  if (depth > 4 || !/^[A-Za-z0-9_.-]+$/.test(n.text)) return null;
  const res = (type: string, name: string) => blocks.find((b) => b.type === 'resource' && b.labels[0] === type && b.labels[1] === name);
  if (ref[0] === 'docker_registry_image' && ref.length === 3) {
    const r = res('docker_registry_image', ref[1])?.attrs.get('name');
    return r ? terraformBuild(r, mod, blocks, depth + 1) : null;
  }
  let context: string | undefined;
  let file: string | undefined;
  let target: string | undefined;
  let from: Block | undefined;
  if (ref[0] === 'docker_image' && ref.length === 3) {
    from = res('docker_image', ref[1]);
    const b = from?.blocks.find((x) => x.type === 'build');
    if (!from || !b) return null;
    const ce = b.attrs.get('context');
    // `${path.cwd}/…`: the provider builds from where terraform runs, this folder as a root module (see terraform.ts).
    const cwd = ce && /^"\$\{path\.cwd\}(\/[^"$]*)?"$/.exec(ce.text.trim());
    context = cwd ? `.${cwd[1] ?? ''}` : lit(ce, mod, from.file);
    file = lit(b.attrs.get('dockerfile'), mod, from.file) ?? 'Dockerfile';
    target = lit(b.attrs.get('target'), mod, from.file);
  } else if (ref[0] === 'module' && ref.length === 3 && ref[2] === 'image_uri') {
    from = blocks.find((b) => b.type === 'module' && b.labels[0] === ref[1]);
    if (!from || !/modules\/docker-build/.test(lit(from.attrs.get('source'), mod, from.file) ?? '')) return null;
    context = lit(from.attrs.get('source_path'), mod, from.file);
    file = lit(from.attrs.get('docker_file_path'), mod, from.file) ?? 'Dockerfile';
  } else return null;
  const ctx = context === undefined ? null : joinRel(mod.dir, context);
  const dockerfile = ctx === null || file === undefined ? null : joinRel(ctx, file);
  if (ctx === null || dockerfile === null) return null;
  return { dockerfile, context: ctx === '.' ? '' : ctx, ...(target ? { target } : {}) };
}

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
