import type { Location } from './core.js';

// Deploy facts: what SAM, serverless, Terraform, Dockerfiles and CI workflows say gets deployed.
// A value the file does not state as a literal is `unknown`, with the reason, never guessed.

/** `fix`: for a value not known because what is deployed cannot start, what to do instead of stating it (a stated handler would not start it either). */
export type Known<T> = { known: true; value: T; loc: Location } | { known: false; why: string; loc?: Location; fix?: string };

/** One file of the package as the deploy step builds it: where it lands in /var/task, and where it came from. */
export interface PackagedFile {
  /** Posix path inside the package (relative to /var/task). */
  dest: string;
  /** Posix path relative to the checked folder. */
  src: string;
  /** The command or property that put it there. */
  loc: Location;
}

export interface PackageLayout {
  /** How the layout is known: a code folder copied whole (SAM CodeUri, archive_file source_dir) or a simulated build. */
  how: 'code-root' | 'simulated';
  /** For `code-root`: the folder (relative to the checked folder, '' for the folder itself) that becomes /var/task. */
  codeRoot?: string;
  /** For `simulated`: every file the build puts in the package. */
  files?: PackagedFile[];
  /** For `simulated`: the copy commands, for messages and LPK003 (`cp -r src/lambdas/ingestion/* dest/`). */
  copies?: CopyStep[];
  /** Steps that could not be simulated (a variable that cannot be known, an unsupported command). */
  unknowns: LayoutUnknown[];
  /** What a step is known to leave out (`zip -y` keeping a link that names nothing in the package): said with --verbose, the package stays known. */
  notes?: { loc: Location; why: string }[];
  /** Files a copy step names that a build's ignore file leaves out (`.dockerignore`: tests/), with why: for messages. */
  excluded?: { src: string; why: string; loc: Location }[];
  /**
   * For an image: the absolute folders Python imports the package from, in order, when they are not Lambda's
   * /var/task alone (a web server's WORKDIR; /var/task then the folders ENV PYTHONPATH adds): for messages.
   */
  importRoots?: string[];
}

/**
 * A step that could not be simulated. `fails`: the build stops there (a Dockerfile COPY whose source is not in the
 * build context), and `fails.dest` is the package path it would fill once it builds (a file, or a folder and all below
 * it; absent when not known): what lies outside it is known, so the checks of those files stay sound. `fails.by`:
 * the packaging tool that stops (`sam build` on a link naming nothing), when it is not docker build.
 */
export interface LayoutUnknown {
  loc: Location;
  why: string;
  fails?: { dest?: string; by?: string };
  /**
   * The package path of a symbolic link the build keeps whose target the image decides (`shared -> /opt/shared` with
   * a RUN that may fill /opt): only imports through it are not judged; the rest of the package stays known.
   */
  link?: string;
}

export interface CopyStep {
  /** Source as written, and resolved (relative to the checked folder). */
  fromText: string;
  from: string;
  /** Whether the source was the *contents* of a folder (`dir/*`, `dir/.`) or the folder itself. */
  contentsOf: boolean;
  /** Destination inside the package (posix, relative to the package root; '' for the root). */
  to: string;
  loc: Location;
  /** The whole command text, for messages. */
  command: string;
  /** What to do instead of a copy that keeps the path, when the step is no command one could rewrite (serverless's package of its service folder). */
  fix?: string;
}

/**
 * How Lambda starts a function's code (#14). Absent on a LambdaFunction means `handler`.
 * - `handler`: the runtime's bootstrap imports `handler` (`module.function`): HND001 judges it.
 * - `web-app`: a web server (uvicorn, gunicorn) behind the Lambda Web Adapter, or a wrapper script
 *   (`AWS_LAMBDA_EXEC_WRAPPER`, `run.sh`), serves `module:app`: that string is what must resolve,
 *   and `handler` is not a Python handler at all.
 * - `unknown`: something starts that cannot be read (a custom ENTRYPOINT, a script not followed):
 *   the function is named as not checked, never judged.
 * - `script`: the server is a Python program run as `__main__` (`python main.py`, `python -m app.serve`): the file
 *   or module must be in the package, and its import closure is the function's.
 * - `web-app` `factory`: `--factory` (uvicorn) or `module:create_app()` (gunicorn): the attribute is called.
 */
export type Startup =
  | { kind: 'handler' }
  | {
      kind: 'web-app';
      app: Known<string>;
      server: string;
      loc: Location;
      factory?: boolean;
      /** A folder of the package (`app`) the start-up puts first on sys.path before it imports the app (serverless-wsgi's `app/handler.app`). */
      path?: string;
    }
  | { kind: 'script'; file?: Known<string>; module?: Known<string>; loc: Location }
  /** `script`: the start-up runs this script (repository path): src/deploy/startup.ts reads it to find what it starts. */
  | { kind: 'unknown'; why: string; loc?: Location; script?: string };

/** A layer a function uses, as written (an ARN, `!Ref SharedLayer`, `aws_lambda_layer_version.shared.arn`). */
export interface LayerRef {
  text: string;
  loc: Location;
  /** The LambdaLayer of DeployFacts.layers it names, when it is defined in the checked folder. */
  layer?: string;
  /** A layer that holds pip packages only (what makes it, for messages): it provides none of the repository's modules. */
  pipOnly?: string;
  /** The reference is a value the reader could not evaluate (`self.make_layer(...)`): why (`text` is then its place). */
  unknown?: string;
}

/** A layer defined in the checked folder: what it unpacks under /opt (its `python/` folder is on sys.path). */
export interface LambdaLayer {
  /** Logical id / resource address / serverless layer key: what LayerRef.layer names. */
  name: string;
  source: LambdaFunction['source'] | 'cdk';
  loc: Location;
  /** The files under /opt, as PackageLayout (dest relative to /opt: `python/shared/db.py`). */
  content: Known<PackageLayout>;
}

/** A Lambda function that parity-check could not check, named in every output format (#14 point 4). */
export interface NotChecked {
  /** Where it is said: the function's definition, or the build step that fails it (a COPY of nothing). */
  loc: Location;
  name: string;
  /** The function's definition when `loc` is elsewhere: one function named by several entries counts once. */
  definition?: Location;
  /** Why it could not be checked: "its package is not known (CodeUri is !GetAtt ...)". */
  why: string;
  /** The config entry that would make it known (`functions: [{ name: "X", packageRoot: "..." }]`). */
  fix?: string;
}

export interface LambdaFunction {
  /** Logical id / function key / resource name. */
  name: string;
  source: 'sam' | 'cloudformation' | 'serverless' | 'terraform' | 'dockerfile' | 'workflow' | 'cdk' | 'script' | 'zappa' | 'chalice' | 'pulumi';
  /** Where the function is defined. */
  loc: Location;
  packageType: 'zip' | 'image';
  /** `module.function` as Lambda reads it (`handler.lambda_handler`, `src/handlers/users.handler`). */
  handler: Known<string>;
  /** `python3.12`, `nodejs20.x`, `provided.al2023`; for images, read from the base image. */
  runtime?: Known<string>;
  /** How Lambda starts it; absent: the handler. */
  startup?: Startup;
  /** Environment variables the definition sets (SAM/CloudFormation, Terraform, serverless), kept only when AWS_LAMBDA_EXEC_WRAPPER is one: the wrapper script reads them. */
  environment?: Record<string, Known<string>>;
  /** The environment variables the definition sets with a literal value (SAM/CloudFormation with Globals, serverless provider and function, Terraform): what `parity-check verify` gives the probe. */
  variables?: Record<string, string>;
  /** The variables it sets to a value not written literally (`!Ref`, `${ssm:...}`, a Terraform reference): set on Lambda, to a value verify cannot know. */
  opaqueVariables?: string[];
  /** Layers the function uses (their `python/` folders resolve imports as /opt/python). */
  layers?: LayerRef[];
  layout: Known<PackageLayout>;
}

/**
 * An image something builds (#14): a `docker build` in a workflow step or script, docker/build-push-action, a
 * compose service. It decides the image's build context and target; its tags link it to what deploys the image.
 */
export interface ImageBuild {
  /** Checked-folder relative Dockerfile and context folder ('' for the checked folder). */
  dockerfile: Known<string>;
  context: Known<string>;
  /** `--target`: the stage built (absent: the last). */
  target?: string;
  /** `--build-arg K=V` with literal values. */
  buildArgs?: Record<string, string>;
  /** Tags as patterns: `*` for a part that is not known (`$REGISTRY/my-repo:$TAG` is `*` `/my-repo:` `*`). */
  tags: string[];
  /** Pushed to a registry (`--push`, `docker push`, build-push-action `push: true`). */
  pushed: boolean;
  loc: Location;
  /** What builds it: `docker build`, `docker/build-push-action`, `compose service api`. */
  via: string;
  /** A compose service's build: whether the service's `command` / `entrypoint` start a server (a local container), and that text. */
  compose?: { serves: boolean; runs?: string };
}

export interface DeployFacts {
  functions: LambdaFunction[];
  /** Images that workflow steps, scripts and compose files build (optional: absent when none). */
  images?: ImageBuild[];
  /** Layers defined in the checked folder (optional: sources that define none leave it out). */
  layers?: LambdaLayer[];
  /** Files that could not be read as their format (bad YAML, bad HCL): reported, and the run goes on. */
  problems: { loc: Location; message: string }[];
  /** Values that were not literals, for --verbose. */
  unknowns: { loc: Location; what: string; why: string }[];
  /** How definitions were joined (a zip matched by its literal parts, a folder read as a step builds it), for --verbose. */
  links?: { loc: Location; message: string }[];
  /** Folders that build steps write into (checked-folder relative, `by` the step): never apps of their own. */
  built?: { folder: string; by: Location }[];
}
