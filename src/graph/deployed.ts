// What a deploy definition adds to an app: its Lambda functions, as the graph of a deployed app
// carries them (AppGraph.deploy). Facts only: what HND001 and the LPK rules conclude from them is
// in their rule files. Filled in by src/deploy/apps.ts.
import type { LambdaFunction, Location, PackagedFile, PackageLayout } from '../types.js';

/** A handler string split the way the Python runtime splits it (`rsplit('.', 1)`, then `/` → `.`). */
export interface HandlerRef {
  /** As written: `src/handlers/users.handler`. */
  text: string;
  /** The module part as written (`src/handlers/users`): what Lambda's messages name. */
  moduleText: string;
  /** Dotted: `src.handlers.users`. */
  module: string;
  func: string;
  loc: Location;
}

export function parseHandler(fn: LambdaFunction): HandlerRef | undefined {
  if (!fn.handler.known) return undefined;
  const text = fn.handler.value.trim();
  const dot = text.lastIndexOf('.');
  if (dot < 0) return undefined;
  const moduleText = text.slice(0, dot);
  return { text, moduleText, module: moduleText.replace(/\//g, '.'), func: text.slice(dot + 1), loc: fn.handler.loc };
}

/**
 * What a function's start-up imports, as a HandlerRef: the handler; for a web server the `module:app` string (func:
 * the attribute); for `python main.py` the script's module (func: ''). Undefined when it cannot be told.
 */
export function entryRef(fn: LambdaFunction): HandlerRef | undefined {
  const s = fn.startup;
  if (!s || s.kind === 'handler') return parseHandler(fn);
  if (s.kind === 'web-app') {
    if (!s.app.known) return undefined;
    const text = s.app.value.trim();
    const colon = text.indexOf(':');
    const moduleText = text.slice(0, colon);
    return { text, moduleText, module: moduleText, func: text.slice(colon + 1), loc: s.app.loc };
  }
  if (s.kind === 'script') {
    const k = s.file ?? s.module;
    if (!k?.known) return undefined;
    const moduleText = s.file ? k.value.replace(/\.py$/, '') : k.value;
    return { text: k.value, moduleText, module: moduleText.replace(/\//g, '.'), func: '', loc: k.loc };
  }
  return undefined;
}

/** The handler string for a module and function, in the style (dots or slashes) of `like`. */
export function handlerString(module: string, func: string, like?: HandlerRef): string {
  const mod = like && like.moduleText.includes('/') ? module.replace(/\./g, '/') : module;
  return `${mod}.${func}`;
}

/** A deploy definition's function, as read (src/deploy/apps.ts readDeploy). */
export interface DeployFunction {
  fn: LambdaFunction;
  layout: PackageLayout;
  layoutLoc: Location;
}

/** What an app spec gains from the deploy definitions: the functions it serves, and for a simulated layout the package they share (the root is then virtual). */
export interface SpecDeploy {
  functions: DeployFunction[];
  layout?: PackageLayout;
  /** What the functions' layers put on sys.path after /var/task (src/deploy/layers.ts). */
  layers?: SpecLayers;
  /** A package folder the functions' start-up puts before /var/task on sys.path (Startup web-app `path`): the resolver's root, with /var/task after it. */
  firstPath?: string;
}

/** The layers of an app's functions, as the resolver needs them. */
export interface SpecLayers {
  /** sys.path entries after /var/task, in order: folders of the checked folder that are /opt/python/lib/python3.X/site-packages and /opt/python. */
  searchPath: string[];
  /** Layers whose content is not known (another account's ARN, a layer built elsewhere): an import only they could provide is not judged. */
  unknown: { text: string; loc: Location; why: string }[];
}

/** A module that might hold the handler, with what its top level binds. */
export interface HandlerCandidate {
  /** Dotted, in the package. */
  module: string;
  /** It binds the handler's function name (or might: a star import, `__getattr__`). */
  binds: boolean;
  /** Its one top-level name that looks like a Lambda handler, if any. */
  handlerLike?: string;
}

/**
 * What the package says of a function's handler (undefined in PackagedFunction when it cannot be
 * told: an extension module, an unknown packaging step, a module that could not be read).
 * `candidates` (modules the handler may have meant: the module itself, the spelling the resolver
 * suggests, where a flat copy put its file) are read only when the handler does not load.
 */
export type HandlerFacts =
  | { kind: 'malformed' }
  | { kind: 'missing-module'; candidates: HandlerCandidate[] }
  | { kind: 'namespace'; candidates: HandlerCandidate[] }
  | { kind: 'module'; binds: true }
  | { kind: 'module'; binds: false; candidates: HandlerCandidate[] };

export interface PackagedFunction {
  fn: LambdaFunction;
  handler?: HandlerRef;
  layout: PackageLayout;
  layoutLoc: Location;
  /** Some packaging step could not be simulated: no package error may be claimed for this function. */
  partial: boolean;
  /** Package paths that build steps which fail would fill (a COPY of a file not in the context): only modules there are not judged. */
  pending?: string[];
  /** The graph module the function runs: its handler module, or where the handler's repository file landed. */
  entryModule?: string;
  /** The handler module is missing, but its repository file was packaged at another path (a flat copy). */
  relocated?: PackagedFile;
  handlerFacts?: HandlerFacts;
  /** Repository path → where it is in the package (and the step that put it there). */
  toPackage(repoPath: string): PackagedFile[];
}
