// Mounts (PAR003): a sub-application or static files mounted at a path in one entry point and not in another
// (`app.mount("/v1", v1_app)`): every request under that path answers 404 there; or the same path mounting
// something else. Compared by the mount's literal path; a mount whose path is not a literal, or that may not run
// (under an if), is not said missing, and an app whose registrations are not all known (opaque) lacks nothing.
import { labelOf, type ServedApp } from '../../graph/registrations/served.js';
import type { Mount } from '../../graph/registrations/mounts.js';
import type { AppGraph } from '../../graph/types.js';
import { at } from '../../util/span.js';
import { dirOf, joinPath } from '../../util/posix-path.js';
import type { RuleFinding } from '../types.js';

const what = (m: Mount): string => (m.fact.call && /(^|\.)StaticFiles$/.test(m.fact.call) ? `static files ${m.name}` : `sub-application ${m.name}`);

export function mountFindings(graph: AppGraph, apps: ServedApp[], mounts: Mount[][]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (let i = 0; i < apps.length; i++) {
    for (const m of mounts[i]) {
      if (m.path === null || m.conditional) continue;
      const where = `${labelOf(graph, m.file)}:${m.fact.line}${m.file === apps[i].module.file ? '' : ` (set up for ${apps[i].label})`}`;
      for (let j = 0; j < apps.length; j++) {
        if (j === i || apps[j].opaque) continue;
        const there = mounts[j].filter((x) => x.path === m.path);
        // A mount there whose path is not known may be this one.
        if (!there.length && mounts[j].some((x) => x.path === null)) continue;
        const subject = { app: graph.name, names: [m.id, m.name, m.path], presentIn: [apps[i].label] };
        if (!there.length) {
          out.push({
            ...at(m.file, m.fact),
            message: `${what(m)} is mounted at "${m.path}" in ${where} but ${apps[j].label} mounts nothing there: every request under ${m.path || '/'} answers 404 there`,
            related: [at(apps[j].module.file, apps[j].app)],
            subject,
          });
        } else if (j > i && !m.idUnknown && !there.some((x) => x.id === m.id || x.idUnknown || sameStaticFiles(graph, m, x))) {
          // Two spellings alike (`sub_app` in each) are told apart by what they are.
          const [a, b] = m.name === there[0].name ? [m.id, there[0].id] : [m.name, there[0].name];
          out.push({
            ...at(m.file, m.fact),
            message: `"${m.path}" mounts ${a} in ${where} but ${b} in ${apps[j].label}: requests under it reach another application there`,
            related: [at(there[0].file, there[0].fact)],
            subject,
          });
        }
      }
    }
  }
  return out;
}

/**
 * Two StaticFiles mounts that serve one folder, spelt differently (`directory="static"` in one entry point,
 * `Path(__file__).parent / "static"` in the other, the app root being the working folder as on Lambda),
 * with the same other arguments. Not for a simulated package, whose files are not where the repository has them.
 */
function sameStaticFiles(graph: AppGraph, a: Mount, b: Mount): boolean {
  const folder = (m: Mount) => {
    const d = m.fact.staticDir;
    if (!d || d.checkDirUnknown || graph.deploy?.virtual) return undefined;
    return d.base === 'cwd' ? joinPath(graph.root, d.path!) : d.base === 'module' ? joinPath(dirOf(m.file), d.path!) : undefined;
  };
  const fa = folder(a);
  const rest = (m: Mount) => m.fact.target.replace(m.fact.staticDir!.text, '');
  return fa !== undefined && fa === folder(b) && rest(a) === rest(b);
}
