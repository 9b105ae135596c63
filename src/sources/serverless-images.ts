// serverless.yml image functions built by the framework: `image: NAME` or `image: { name: NAME }` names an entry of
// `provider.ecr.images`, `{ path: folder, file?: Dockerfile, buildArgs? }`, which `serverless deploy` builds with
// docker (context `path`, Dockerfile `path/file`). The function then gets that image's layout and CMD as the
// Dockerfile source reads them (docker-images.ts), as a SAM function with Metadata.DockerContext does.
import { isMap, isScalar, type Node as YNode } from 'yaml';
import type { Location } from '../types.js';
import { joinRel, unknown, type SourceFunction } from './common.js';
import { entry, yamlLoc } from './yaml.js';

interface ImageSpec {
  path: string;
  lc: Parameters<typeof yamlLoc>[1];
  root: unknown;
  dir: string;
}

/** Links `fn` to the Dockerfile `provider.ecr.images` builds for it; false when the image is not one built here. */
export function serverlessImageBuild(svc: ImageSpec, fn: SourceFunction, image: unknown, loc: Location): boolean {
  const name = isScalar(image) ? image.value : entry(image, 'name')?.value;
  const n = isScalar(name) ? name.value : name;
  if (typeof n !== 'string') return false;
  const def = entry(entry(entry(entry(svc.root, 'provider')?.value, 'ecr')?.value, 'images')?.value, n)?.value;
  if (!isMap(def)) return false;
  const p = entry(def, 'path')?.value;
  if (!isScalar(p) || typeof p.value !== 'string') {
    fn.layout = unknown(`provider.ecr.images.${n} has no literal path`, loc);
    return true;
  }
  const f = entry(def, 'file')?.value;
  const file = isScalar(f) && typeof f.value === 'string' ? f.value : 'Dockerfile';
  const context = joinRel(svc.dir, p.value);
  const dockerfile = context === null ? null : joinRel(context, file);
  const pLoc = yamlLoc(svc.path, svc.lc, p as YNode);
  if (context === null || dockerfile === null) {
    fn.layout = unknown(`provider.ecr.images.${n} leaves the checked folder`, pLoc);
    return true;
  }
  fn.dockerContext = context;
  fn.dockerfile = dockerfile;
  const args = entry(def, 'buildArgs')?.value;
  if (isMap(args)) {
    const lit = args.items.filter((a) => isScalar(a.key) && isScalar(a.value) && a.value.value !== null && !String(a.value.value).includes('${'));
    if (lit.length) fn.dockerBuildArgs = Object.fromEntries(lit.map((a) => [String((a.key as { value: unknown }).value), String((a.value as { value: unknown }).value)]));
  }
  fn.layout = unknown(`image built from ${dockerfile}: the Dockerfile source gives the layout`, pLoc);
  return true;
}
