// docker build | buildx build | image build | builder build: the image a script builds — its context folder, its
// Dockerfile (`-f`, relative to where docker runs; `<context>/Dockerfile` by default), `--target`, `--build-arg`
// and `-t` tags — recorded for the deploy sources, which decide the image's package from it. `docker tag A B` gives
// the build tagged A the tag B, `docker push B` (or `--push`, `--output type=registry`) marks it pushed. Tags are
// patterns: a part that is not known (`$ECR_REGISTRY`, `${{ steps.login.outputs.registry }}`) is `*`.
import { posix } from 'node:path';
import type { TSNode } from '../bash.js';
import type { Command, DockerBuildRec, Shell } from '../types.js';
import { wordPattern, type WordEnv } from '../words.js';

const BOOL = new Set(['--push', '--load', '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--compress', '--disable-content-trust', '--check', '--debug']);
const GLOBAL_WITH_VALUE = new Set(['--context', '-c', '-H', '--host', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** Two tag patterns can name the same image (literal parts agree; `*` matches anything). */
export function patternsAgree(a: string, b: string): boolean {
  const sa = a.includes('*');
  const sb = b.includes('*');
  const re = (p: string) => new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  if (!sa && !sb) return a === b;
  if (sa && !sb) return re(a).test(b);
  if (!sa && sb) return re(b).test(a);
  // Both with holes: the middle can always be absorbed by the holes; the ends must be compatible.
  const pa = a.slice(0, a.indexOf('*'));
  const pb = b.slice(0, b.indexOf('*'));
  const xa = a.slice(a.lastIndexOf('*') + 1);
  const xb = b.slice(b.lastIndexOf('*') + 1);
  return (pa.startsWith(pb) || pb.startsWith(pa)) && (xa.endsWith(xb) || xb.endsWith(xa));
}

const withTag = (r: string) => (r.includes('@') || /:[^/]*$/.test(r) ? r : `${r}:latest`);

/** Two image references can be the same image (`name` is `name:latest`). */
export function sameImage(a: string, b: string): boolean {
  return patternsAgree(withTag(a), withTag(b));
}

interface Opt {
  name: string;
  value: string;
  node: TSNode;
}

/** `--name value` / `--name=value` / `-tvalue` options and the positional arguments after `build`. */
function parse(args: TSNode[], env: WordEnv): { opts: Opt[]; positional: TSNode[] } {
  const opts: Opt[] = [];
  const positional: TSNode[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = wordPattern(args[k], env);
    if (v.startsWith('--') && v.includes('=')) opts.push({ name: v.slice(0, v.indexOf('=')), value: v.slice(v.indexOf('=') + 1), node: args[k] });
    else if (BOOL.has(v)) opts.push({ name: v, value: '', node: args[k] });
    else if (/^-[a-zA-Z]$/.test(v) || v.startsWith('--')) {
      const next = args[++k];
      opts.push({ name: v, value: next ? wordPattern(next, env) : '', node: next ?? args[k - 1] });
    } else if (/^-[ftom]./.test(v)) opts.push({ name: v.slice(0, 2), value: v.slice(2), node: args[k] });
    else positional.push(args[k]);
  }
  return { opts, positional };
}

function path(sh: Shell, v: string, what: string): { value: string } | { why: string } {
  if (v.includes('*')) return { why: `the ${what} ${v.replace(/\*/g, '…')} is not known` };
  if (/^[a-z]+:\/\/|^git@|\.git(#.*)?$/.test(v)) return { why: `the ${what} ${v} is a remote repository` };
  if (v === '-') return { why: `the ${what} is read from standard input` };
  if (sh.cwdWhy && !v.startsWith('/')) return { why: sh.cwdWhy };
  return { value: sh.resolve(v) };
}

function build(sh: Shell, args: TSNode[], env: WordEnv, loc: DockerBuildRec['loc'], command: string) {
  const { opts, positional } = parse(args, env);
  const get = (...names: string[]) => opts.filter((o) => names.includes(o.name));
  if (positional.length !== 1) return;
  const context = path(sh, wordPattern(positional[0], env), 'build context');
  const f = get('-f', '--file')[0];
  const dockerfile = f ? path(sh, f.value, 'Dockerfile') : 'value' in context ? { value: posix.join(context.value, 'Dockerfile') } : context;
  const buildArgs: Record<string, string> = {};
  for (const o of get('--build-arg')) {
    const eq = o.value.indexOf('=');
    if (eq > 0 && !o.value.includes('*')) buildArgs[o.value.slice(0, eq)] = o.value.slice(eq + 1);
  }
  const target = get('--target')[0]?.value;
  const pushed = get('--push').length > 0 || get('--output', '-o').some((o) => /type=registry|push=true/.test(o.value));
  sh.dockerBuilds.push({
    dockerfile,
    context,
    ...(target && !target.includes('*') ? { target } : {}),
    buildArgs,
    tags: get('-t', '--tag').map((o) => o.value),
    pushed,
    loc,
    command,
  });
}

export const docker: Command = (sh, { node, loc, command }) => {
  const env = sh.wordEnv();
  let args = node.childrenForFieldName('argument');
  if (node.childForFieldName('name')?.text === 'sudo') args = args.slice(1);
  // Global options before the subcommand.
  let k = 0;
  while (k < args.length && args[k].text.startsWith('-')) k += GLOBAL_WITH_VALUE.has(args[k].text) ? 2 : 1;
  const sub = args.slice(k).map((a) => wordPattern(a, env));
  let rest = args.slice(k + 1);
  let verb = sub[0];
  if ((verb === 'buildx' || verb === 'image' || verb === 'builder') && sub[1]) {
    verb = sub[1];
    rest = args.slice(k + 2);
  }
  if (verb === 'build') build(sh, rest, env, loc, command);
  else if (verb === 'tag' && rest.length >= 2) {
    const [from, to] = rest.map((a) => wordPattern(a, env));
    for (const b of sh.dockerBuilds) if (b.tags.some((t) => sameImage(t, from))) b.tags.push(to);
  } else if (verb === 'push' && rest.length >= 1) {
    const img = wordPattern(rest[rest.length - 1], env);
    for (const b of sh.dockerBuilds) if (b.tags.some((t) => sameImage(t, img))) b.pushed = true;
  }
};
