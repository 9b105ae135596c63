// One simple command, its words expanded: an unquoted `$LCMD` as the name is split into words, `sudo` is passed
// over; `docker` reads its own argument nodes; then the script's own commands and calls of builder files
// (src/shell/builtins.ts), else the simulated command of that name (src/shell/commands/*), run only where its words
// and folder are known (else an unknown with why). A link that a command's targets made visible is refreshed after it.
import { argsWithHoles, expandArgs } from './args.js';
import type { TSNode } from './bash.js';
import type { Interpreter } from './frame.js';
import { builtin } from './builtins.js';
import { AWS, COMMANDS, DOCKER, PIP, isPip } from './commands/index.js';
import { refresh } from './links.js';
import { evalWord } from './words.js';
import { observeCommand } from './observe.js';

export function simpleCommand(sh: Interpreter, n: TSNode) {
  const nameNode = n.childForFieldName('name');
  if (!nameNode) return;
  observeCommand(sh, n);
  let name = nameNode.text;
  const argsR = expandArgs(sh, n);
  let words = 'words' in argsR ? argsR.words : [];
  // `$LCMD create-function …` with LCMD="aws lambda …": an unquoted expansion as the name is split into words.
  const split = /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/.test(name) ? evalWord(nameNode.namedChildren[0] ?? nameNode, sh.words()) : undefined;
  if (split && !('why' in split) && split.value.trim()) {
    const parts = split.value.trim().split(/\s+/);
    name = parts[0];
    words = [...parts.slice(1).map((p) => ({ w: { value: p, glob: null, text: p, node: nameNode }, paths: null })), ...words];
  }
  if (name === 'sudo' && words.length) {
    name = words[0].w.value;
    words = words.slice(1);
  }
  // `sudo docker ... $REG/x` with unknown parts: the words are not known, the command still is.
  if (name === 'sudo' && n.childrenForFieldName('argument')[0]?.text === 'docker') name = 'docker';
  if (name === 'docker') {
    // Changes no file; reads its own argument nodes (a tag's unknown parts are holes, not a reason to stop).
    DOCKER(sh, { node: n, name, words, loc: sh.loc(n), command: n.text });
    return;
  }
  if (builtin(sh, n, name, argsR)) return;
  const impl = name === 'aws' ? AWS : isPip(name, words.map((x) => x.w.value)) ? PIP : COMMANDS.get(name);
  if (!impl) return;
  const head = n.text.split('\n')[0].slice(0, 100);
  if ('why' in argsR) {
    // An archive name with unknown parts is still the archive: its literal parts name it (artifact matching).
    const holed = name === 'zip' || name === 'aws' ? argsWithHoles(sh, n) : null;
    // aws changes no file: its unknown is not a layout unknown.
    if (name === 'aws') sh.result.unknowns.push({ loc: sh.loc(n), why: `${head}: ${argsR.why}` });
    if (holed) impl(sh, { node: n, name, words: holed, loc: sh.loc(n), command: n.text });
    if (holed || name === 'aws') return;
    sh.unknown(n, `${head}: ${argsR.why}`);
    if (name === 'cd' || name === 'pushd') sh.cwdWhy = `the folder after \`${n.text}\` is not known (${argsR.why})`;
    return;
  }
  const needsCwd = name !== 'aws' && words.some((x) => !x.w.value.startsWith('-') && !x.w.value.startsWith('/'));
  if (sh.cwdWhy && needsCwd && name !== 'cd') {
    sh.unknown(n, `${n.text.slice(0, 100)}: ${sh.cwdWhy}`);
    return;
  }
  impl(sh, { node: n, name, words, loc: sh.loc(n), command: n.text });
  if (sh.vfs.links.size) refresh(sh, sh.loc(n));
}
