// Commands that change files in ways the simulator does not follow: each run is an unknown, with the folder it
// writes into when the command says (an archive extracted with `tar -C DIR` / `unzip -d DIR` or into the folder it
// runs in, a link's name): a Dockerfile RUN that extracts a tool into /opt leaves the package alone.
import type { Arg, Command, Shell } from '../types.js';

function dest(sh: Shell, name: string, words: Arg[]): string | undefined {
  const v = words.map((x) => x.w.value);
  const at = (p: string | undefined) => (p === undefined || (sh.cwdWhy && !p.startsWith('/')) ? undefined : sh.resolve(p));
  if (name === 'tar') {
    const mode = v.find((x) => !x.startsWith('--')) ?? '';
    if (!/^-?[a-zA-Z]*x/.test(mode) && !v.includes('--extract') && !v.includes('--get')) return undefined;
    const c = v.findIndex((x) => x === '-C' || x === '--directory');
    const eq = v.find((x) => x.startsWith('--directory='));
    return at(c >= 0 ? v[c + 1] : eq ? eq.slice(12) : '.');
  }
  if (name === 'unzip') {
    const d = v.indexOf('-d');
    return at(d >= 0 ? v[d + 1] : '.');
  }
  if (name === 'ln') return at(v.filter((x) => !x.startsWith('-')).pop());
  return undefined;
}

export const notSimulated: Command = (sh, { node, name, words }) => sh.unknown(node, `${name} is not simulated`, dest(sh, name, words));
