// Pulumi projects (`Pulumi.yaml`): the program (`__main__.py`, `index.ts`, a YAML program) defines its Lambda
// functions in code that parity-check does not read. Without this source such a project read as "no Lambda
// function ... defines one" (rkochar/msa: a dozen Python functions made by `aws.lambda_.Function` in helpers), or,
// beside a discovered app, as all clear. So the project is one entry named as not checked in every output, with
// why and the config entry that states a function's package and handler.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { DeployFacts } from '../types.js';
import { emptyFacts, unknown, type DeploySource, type SourceFunction } from './common.js';
import { parseYaml, yamlLoc, type YamlNode } from './yaml.js';

export const pulumiSource: DeploySource = {
  id: 'pulumi',
  matches: (p) => /(^|\/)Pulumi\.ya?ml$/.test(p),
  extract: (path, text) => extractPulumi(path, text),
};

export function extractPulumi(path: string, text: string): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts, { what: 'Pulumi project' });
  const root = parsed?.doc.contents;
  if (!parsed || !isMap(root)) return facts;
  const get = (k: string) => (root as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === k);
  const nameNode = get('name');
  const runtime = get('runtime')?.value;
  // `runtime: python` or `runtime: { name: python, options: ... }`.
  const lang = isScalar(runtime) ? String(runtime.value) : isMap(runtime) ? String(((runtime as YAMLMap).get('name') as unknown) ?? '') : '';
  const loc = yamlLoc(path, parsed.lc, (nameNode?.key ?? root) as YamlNode);
  const name = isScalar(nameNode?.value) ? String(nameNode.value.value) : path;
  const why = `the Pulumi program${lang ? ` (${lang})` : ''} that defines its functions is not read by parity-check`;
  const fn: SourceFunction = { name: `Pulumi project ${name}`, source: 'pulumi', loc, packageType: 'zip', handler: unknown(why, loc), layout: unknown(why, loc) };
  facts.functions.push(fn);
  return facts;
}
