// `serverless deploy` (`sls deploy`, `npx serverless deploy`) run by a builder: the framework packages the service
// folder as the tree is at that moment. A script may copy shared code into a function's folder first and remove it
// afterwards (`cp -r ../../lib ./fn/ && serverless deploy && rm -rf ./fn/lib`): the package is the tree at the
// deploy, not the tree the script leaves. Each such command records that tree (`deployDir`: the folder it ran in),
// and builds.ts reads folders under it as packages, committed ones included.
import type { CallHook, Interpreter } from '../shell/index.js';
import type { Location } from '../types.js';

const TOOLS = new Set(['serverless', 'sls']);

/** `hook`, plus `onDeploy` called (with the folder it runs in) at each `serverless deploy` a builder runs. */
export function withDeploySnapshots(hook: CallHook, onDeploy: (sh: Interpreter, dir: string, loc: Location) => void): CallHook {
  return {
    handles: (name) => TOOLS.has(name) || name === 'npx' || hook.handles(name),
    run(sh, inv) {
      const vals = inv.words.map((w) => w.w.value).filter((v) => !v.startsWith('-'));
      const [tool, sub] = inv.name === 'npx' ? [vals[0], vals[1]] : [inv.name, vals[0]];
      if (TOOLS.has(tool ?? '') && sub === 'deploy') {
        if (sh.cwdWhy) sh.unknown(inv.node, `${inv.command.slice(0, 80)}: ${sh.cwdWhy}`);
        else onDeploy(sh, sh.cwd, inv.loc);
        return true;
      }
      return hook.handles(inv.name) ? hook.run(sh, inv) : false;
    },
  };
}
