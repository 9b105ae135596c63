// Symbolic links in a folder that SAM or CloudFormation packages as is (CodeUri / Code). Both follow every link:
// `sam build` copies the folder with aws-lambda-builders' copytree (maintain_symlinks=False for python_pip:
// os.path.isdir follows a folder link, shutil.copy2 a file link), and `sam package` / `sam deploy` / `aws
// cloudformation package` zip it with os.walk(followlinks=True) and zf.write. So the package is the folder as
// the snapshot lists it (through links), and a link there that names nothing stops the build: copy2 (or the
// zip's open) raises FileNotFoundError. Such a link inside the checkout is a failing step with the one path it
// would fill; a link leaving the checkout names the build machine's files and stays what the snapshot says (not
// followed, imports through it not judged).
import { posix } from 'node:path';
import type { Location } from '../types.js';
import { isUnder, relTo, type SourceContext, type SourceLayout } from './common.js';

/** The layout's failing steps for links below its code root that name nothing in the checkout. */
export function codeRootLinkFailures(ctx: SourceContext, layout: SourceLayout, loc: Location, tool: string): void {
  const root = layout.codeRoot;
  if (layout.how !== 'code-root' || root === undefined) return;
  for (const [l, t] of ctx.links?.() ?? []) {
    if (!isUnder(l, root) || l === root || posix.isAbsolute(t)) continue;
    const abs = posix.normalize(posix.join(posix.dirname(l), t));
    if (abs === '..' || abs.startsWith('../') || ctx.exists(abs === '.' ? '' : abs)) continue;
    const dest = relTo(l, root);
    const why = `${tool} copies ${l} through its link to ${t}, which names nothing in the checked folder (FileNotFoundError)`;
    layout.unknowns.push({ loc, why, fails: { dest, by: tool } });
  }
}
