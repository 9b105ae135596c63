// aws lambda update-function-code | update-function-configuration | create-function: the function deployed from a
// zip the script wrote (`--zip-file fileb://…`, or an earlier command naming the same `--function-name`), with its
// name, handler, runtime and layers. Other aws commands change no file.
import type { Command, ZipOut } from '../types.js';
import type { TSNode } from '../bash.js';
import { HOLE } from '../../util/path-pattern.js';

const DEPLOYS = ['update-function-code', 'update-function-configuration', 'create-function'];

// Global options the CLI takes anywhere (`aws lambda --endpoint-url=http://localhost:4574 create-function`), with a value.
const GLOBAL_VALUED = new Set(['--endpoint-url', '--region', '--profile', '--output', '--query', '--color', '--cli-read-timeout', '--cli-connect-timeout', '--ca-bundle', '--cli-binary-format']);

export const aws: Command = (sh, { words: all }) => {
  // The service and operation: the first two words that are no global option (or its value).
  const head: number[] = [];
  for (let k = 0; k < all.length && head.length < 2; k++) {
    const v = all[k].w.value;
    if (GLOBAL_VALUED.has(v)) k++;
    else if (!v.startsWith('--')) head.push(k);
  }
  const words = head.length === 2 ? [all[head[0]], all[head[1]], ...all.filter((_, k) => k > head[1])] : all;
  const vals = words.map((x) => x.w.value);
  if (vals[0] !== 'lambda' || !DEPLOYS.includes(vals[1])) return;
  const opt = (name: string): { value: string; node: TSNode } | undefined => {
    for (let k = 2; k < words.length; k++) {
      const v = words[k].w.value;
      if (v === name && words[k + 1]) return { value: words[k + 1].w.value, node: words[k + 1].w.node };
      if (v.startsWith(name + '=')) return { value: v.slice(name.length + 1), node: words[k].w.node };
    }
    return undefined;
  };
  const fname = opt('--function-name');
  const zipf = opt('--zip-file');
  const handler = opt('--handler');
  const runtime = opt('--runtime');
  let z: ZipOut | undefined;
  if (zipf && zipf.value.startsWith('fileb://')) z = sh.zips.get(sh.resolve(zipf.value.slice(8)));
  if (!z && fname && !fname.value.includes(HOLE)) z = [...sh.zips.values()].find((x) => x.functionName && 'value' in x.functionName && x.functionName.value === fname.value);
  if (!z) return;
  // A value with unknown parts (HOLE) is not known: only the zip path may be matched by its literal parts.
  if (fname) z.functionName = fname.value.includes(HOLE) ? { why: `--function-name ${fname.node.text} is not known`, loc: sh.loc(fname.node) } : { value: fname.value, loc: sh.loc(fname.node) };
  if (handler && !handler.value.includes(HOLE)) z.handler = { value: handler.value, loc: sh.loc(handler.node) };
  if (runtime && !runtime.value.includes(HOLE)) z.runtime = { value: runtime.value, loc: sh.loc(runtime.node) };
  // `--layers A B ...`: every word up to the next option.
  const at = words.findIndex((x, k) => k > 1 && x.w.value === '--layers');
  if (at > 0) {
    const layers: { value: string; loc: ReturnType<typeof sh.loc> }[] = [];
    for (let k = at + 1; k < words.length && !words[k].w.value.startsWith('--'); k++) layers.push({ value: words[k].w.value, loc: sh.loc(words[k].w.node) });
    z.layers = layers;
  }
};
