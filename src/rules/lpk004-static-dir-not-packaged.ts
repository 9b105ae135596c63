import { deployedGraphs, type DeployedGraph } from '../graph/types.js';
import type { PackagedFunction } from '../graph/deployed.js';
import { mountsOf, type Mount } from '../graph/registrations/mounts.js';
import { servedApps } from '../graph/registrations/served.js';
import type { StaticDirFact } from '../types.js';
import { dirOf, joinPath } from '../util/posix-path.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handler.handler
      Runtime: python3.12
`;
const files = (staticAt: string) => ({
  'template.yaml': template,
  'src/handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n',
  'src/lazy_app.py':
    'from fastapi import FastAPI\nfrom fastapi.staticfiles import StaticFiles\n\napp = FastAPI()\napp.mount("/static", StaticFiles(directory="static"), name="static")\n',
  [`${staticAt}/index.html`]: '<h1>hello</h1>\n',
});

/** Where the folder is in the package (a path the graph's resolver knows), and how Python names it. */
interface Place {
  pkgDir: string;
  /** The directory as Starlette's message says it: as given (relative), or the absolute path on Lambda. */
  shown: string;
  /** Repository folders the developer may have meant. */
  repoDirs: string[];
}

/** The package root in the resolver's paths: the code folder, or '' for a simulated package. */
const packageRoot = (pf: PackagedFunction) => (pf.layout.how === 'code-root' ? (pf.layout.codeRoot ?? '') : '');

function placeOf(graph: DeployedGraph, pf: PackagedFunction, m: Mount, d: StaticDirFact): Place | string {
  const root = packageRoot(pf);
  const entryFile = pf.entryModule ? graph.modules.get(pf.entryModule)?.file : undefined;
  if (d.base === 'cwd') {
    // An image runs in its WORKDIR: only /var/task is modelled.
    if (pf.layout.importRoots?.length) return `the image's working folder is not /var/task`;
    const pkgDir = joinPath(root, d.path!);
    if (pkgDir.startsWith('..') || (root && pkgDir !== root && !pkgDir.startsWith(`${root}/`))) return 'the folder is outside the package';
    return { pkgDir, shown: d.path!, repoDirs: [d.path!, ...(entryFile ? [joinPath(dirOf(entryFile), d.path!)] : [])] };
  }
  if (d.base === 'module') {
    const repoDir = joinPath(dirOf(m.file), d.path!);
    const inPkg = pf.layout.how === 'code-root' ? m.file : pf.toPackage(m.file)[0]?.dest;
    if (inPkg === undefined) return `${m.file} is not in the package`;
    const pkgDir = joinPath(dirOf(inPkg), d.path!);
    if (pkgDir.startsWith('..') || (root && pkgDir !== root && !pkgDir.startsWith(`${root}/`))) return 'the folder is outside the package';
    const rel = root ? pkgDir.slice(root.length).replace(/^\//, '') : pkgDir;
    return { pkgDir, shown: rel ? `/var/task/${rel}` : '/var/task', repoDirs: [repoDir] };
  }
  return d.base === 'absolute' ? `an absolute path (${d.path})` : `its value (${d.text}) is not computed`;
}

export const lpk004: Rule = {
  code: 'LPK004',
  name: 'static-dir-not-packaged',
  severity: 'error',
  summary: 'A StaticFiles mount of the Lambda entry point serves a folder that is not in the package the deploy builds.',
  fixable: false,
  docs: {
    what:
      'An `app.mount(path, StaticFiles(directory=...))` that the app a Lambda function serves makes when it is imported (at the top of its module, or in a set-up function or factory it runs), whose folder is not in the package the deploy builds (SAM CodeUri, serverless patterns, zip steps through the shell simulator, Docker COPY). The folder is read as Python computes it: a relative string (`"static"`, `Path("static")`, a module-level name bound to one) is relative to the working folder, which on Lambda is the package root (/var/task); `Path(__file__).parent / "static"`, `os.path.join(os.path.dirname(__file__), "static")` and a module-level `BASE_DIR` built so are relative to the module\'s folder in the package. An error when the repository has the folder but the package does not; a warning when no file of the repository is under it either (git keeps no empty folder, and a build step not read may create it). Not judged: `check_dir=False`, a mount with `packages=` only, a mount under an `if`; an absolute path, an image whose working folder is not /var/task, and a folder whose value cannot be computed are named in the run\'s notes as not checked. Only the Lambda side is judged: under uvicorn the working folder is wherever the process starts.',
    why:
      'Starlette checks the folder when `StaticFiles` is made (`check_dir=True` by default): `RuntimeError: Directory \'static\' does not exist`. The mount runs on import, so the function fails at every cold start, while locally the folder is there.',
    bad: { files: files('static'), config: {} },
    good: { files: files('src/static'), config: {} },
    fix: 'Put the folder where the package has it (inside the code folder, or copied by the build step), keep an empty one in git with a `.gitkeep`, or build its path from `__file__` so that it follows the module.',
  },
  check(ctx) {
    const byPlace = new Map<string, Miss>();
    for (const graph of deployedGraphs(ctx.apps)) {
      const served = servedApps(graph);
      for (const pf of graph.deploy.functions) {
        if (pf.partial || pf.entryModule === undefined) continue;
        for (const app of served.filter((s) => s.entries.some((e) => e.module === pf.entryModule))) {
          for (const m of mountsOf(graph, app)) {
            const d = m.fact.staticDir;
            if (!d || m.conditional || d.checkDirUnknown) continue;
            const place = placeOf(graph, pf, m, d);
            if (typeof place === 'string') {
              ctx.notes?.push(`LPK004: ${m.file}:${m.fact.line}: StaticFiles(directory=${d.text}) not checked for ${pf.fn.name}: ${place}`);
              continue;
            }
            if (graph.resolver.hasDir(place.pkgDir)) continue;
            // A build step that fails (a COPY of a file not in the context) would fill this path: not judged.
            const inPkg = place.pkgDir.slice(packageRoot(pf).length).replace(/^\//, '');
            if (pf.pending?.some((p) => p === inPkg || p.startsWith(`${inPkg}/`) || inPkg.startsWith(`${p}/`) || p === '')) continue;
            const key = `${m.file}\0${m.fact.line}\0${m.fact.column}\0${place.shown}`;
            const hit = byPlace.get(key);
            if (hit) {
              if (!hit.names.includes(pf.fn.name)) hit.names.push(pf.fn.name);
            } else {
              const inRepo = place.repoDirs.find((r) => graph.deploy.repo.hasDir(r));
              byPlace.set(key, { graph, pf, m, d, place, label: app.label, names: [pf.fn.name], ...(inRepo !== undefined ? { inRepo } : {}) });
            }
          }
        }
      }
    }
    return [...byPlace.values()].map(missFinding);
  },
};

interface Miss {
  graph: DeployedGraph;
  pf: PackagedFunction;
  m: Mount;
  d: StaticDirFact;
  place: Place;
  label: string;
  names: string[];
  inRepo?: string;
}

function missFinding({ graph, pf, m, d, place, label, names, inRepo }: Miss): RuleFinding {
  const folder = `${place.shown.replace(/^\/var\/task\/?/, '') || '.'}/`;
  const packaging = `${pf.layoutLoc.file}:${pf.layoutLoc.line}`;
  const error = `RuntimeError: Directory '${place.shown}' does not exist`;
  const needs = `StaticFiles(directory=${d.text}) needs ${folder} in the package when ${label} is imported, but`;
  return {
    ...at(m.file, m.fact),
    message:
      inRepo !== undefined
        ? `${needs} the package of ${names.join(', ')} (${packaging}) has none; the repository has it at ${inRepo}/: Lambda raises ${error} at cold start`
        : `${needs} no file of the repository is under ${place.repoDirs[0]}/ (git keeps no empty folder: add a .gitkeep) and the package of ${names.join(', ')} (${packaging}) has none: unless a build step not read creates it, Lambda raises ${error} at cold start`,
    ...(inRepo === undefined ? { severity: 'warning' as const } : {}),
    related: [pf.layoutLoc],
    subject: { app: graph.name, names: [d.text, place.shown] },
  };
}
