// `extends`: which documents a config names to be merged before it, found as paths next to it or as
// installed packages (resolved the way Node resolves them from the config's folder).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { configMessages as M } from '../messages.js';
import { isObject, PACKAGE_JSON_KEY, type Source } from './document.js';

/** What resolving needs from the loader: how a file is named in messages, and whether it exists. */
export interface ResolveContext {
  label(abs: string): string;
  exists(abs: string): Promise<boolean>;
}

/** The `extends` entries of a document's value with their path in it (`extends`, `extends[1]`); wrong ones are left to validation. */
export function extendsEntries(value: unknown): [spec: string, where: string][] {
  const ext = isObject(value) ? value.extends : undefined;
  return typeof ext === 'string'
    ? [[ext, 'extends']]
    : Array.isArray(ext)
      ? ext.flatMap((s, i) => (typeof s === 'string' && s ? [[s, `extends[${i}]`] as [string, string]] : []))
      : [];
}

/** The source an `extends` entry names, or a message saying why there is none. */
export async function resolveExtends(spec: string, fromDir: string, ctx: ResolveContext): Promise<Source | string> {
  const isPath = spec.startsWith('.') || path.isAbsolute(spec);
  if (isPath) {
    const abs = path.resolve(fromDir, spec);
    return { abs, label: ctx.label(abs) };
  }
  const pkg = resolvePackage(spec, fromDir, ctx);
  if (pkg) return pkg;
  // `shared.json` without ./: a file next to this one, if there is one.
  if (/\.(json|ya?ml)$/i.test(spec)) {
    const abs = path.resolve(fromDir, spec);
    if (await ctx.exists(abs)) return { abs, label: ctx.label(abs) };
  }
  return M.extendsNotFound(spec);
}

/**
 * The config of an installed package: a file inside it, its parity-check.config.json, or its
 * package.json's key. Undefined when no such package is installed, a message when it has no config.
 */
function resolvePackage(spec: string, fromDir: string, ctx: ResolveContext): Source | string | undefined {
  const req = createRequire(path.join(fromDir, 'package.json'));
  const tryResolve = (request: string) => {
    try {
      return req.resolve(request);
    } catch {
      return undefined;
    }
  };
  const source = (abs: string, key?: string): Source => ({
    abs,
    key,
    label: key ? M.packageJsonLabel(ctx.label(abs)) : ctx.label(abs),
  });
  // A file inside a package: `@org/shared/strict.json`.
  if (/\.(json|ya?ml)$/i.test(spec)) {
    const file = tryResolve(spec);
    if (file) return source(file);
  }
  const direct = tryResolve(`${spec}/parity-check.config.json`);
  if (direct) return source(direct);
  // The package's package.json; found by hand when its "exports" hide it.
  let pkgJson = tryResolve(`${spec}/package.json`);
  if (!pkgJson) {
    for (const dir of req.resolve.paths(spec) ?? []) {
      const candidate = path.join(dir, spec, 'package.json');
      if (fs.existsSync(candidate)) {
        pkgJson = candidate;
        break;
      }
    }
  }
  if (!pkgJson) return undefined;
  const sibling = path.join(path.dirname(pkgJson), 'parity-check.config.json');
  if (fs.existsSync(sibling)) return source(sibling);
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
    if (isObject(manifest) && PACKAGE_JSON_KEY in manifest) return source(pkgJson, PACKAGE_JSON_KEY);
  } catch {
    // an unreadable package.json: no config there
  }
  return M.extendsPackageWithoutConfig(spec);
}
