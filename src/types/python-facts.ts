import type { Span } from './core.js';

// Python facts: what one file says, extracted once per file content with tree-sitter.

/**
 * What an import depends on: nothing (`none`); a handler of ImportError (`optional`: `try`/`except
 * ImportError` or ModuleNotFoundError, `with suppress(ImportError)`, `if find_spec(...)`); a block
 * only type checkers read (`type-checking`: `if TYPE_CHECKING:`); a block that runs only when the
 * file is run as a script (`main`: `if __name__ == "__main__":`), never on import.
 */
export type Guard = 'none' | 'optional' | 'type-checking' | 'main';

export interface ImportedName extends Span {
  /** The name as imported (`Name` in `from m import Name as N`), `*` for a star import. */
  name: string;
  alias?: string;
}

export interface ImportFact extends Span {
  /** `import a.b` (kind import) or `from .a import b` (kind from). */
  kind: 'import' | 'from';
  /** Dotted module as written without the leading dots: `a.b`, or `` for `from . import x`. */
  module: string;
  /** Number of leading dots of a relative import; 0 for absolute. */
  level: number;
  /** Span of the module text (dots included) — what a fix rewrites. */
  moduleSpan: Span;
  /** For kind `import`: `import a.b as c` gives alias `c`. */
  alias?: string;
  /** For kind `from`: the imported names. */
  names: ImportedName[];
  guard: Guard;
  /** `module` at module level (also inside if/try/with at module level), `function` inside a def (runs lazily). */
  scope: 'module' | 'function' | 'class';
  /** In a module-level function that the module calls at its top level: the import runs when the module is imported. */
  runsAtImport?: boolean;
  /** Inside a module-level function: its name (a factory another module calls runs it when that module is imported). */
  inFunction?: string;
  /** Optional (guard `optional`), but only a missing module is handled (`except ModuleNotFoundError`, `find_spec`): a missing name still raises ImportError. */
  missingNameRaises?: boolean;
  /** Inside an `if` (other than TYPE_CHECKING) at module level. */
  conditional: boolean;
}

export interface DefinitionFact extends Span {
  name: string;
  kind: 'class' | 'function' | 'assignment' | 'import' | 'global';
  /** For classes: the base expressions as written, e.g. `Base`, `db.Model`, `models.Base`. */
  bases?: string[];
  /** For `Name = other.name` (a dotted name, nothing else): that name, so `Name` is followed to what it is bound to. */
  alias?: string;
  /** Defined under an `if`/`try` at module level. */
  conditional: boolean;
  /**
   * For `global` names: the function that assigns it is not called while the module is imported
   * (it may be later, from elsewhere), so the import alone does not bind it.
   */
  deferred?: boolean;
}

/** A FastAPI/Starlette application object created at module level: `app = FastAPI(...)`. */
export interface AppFact extends Span {
  variable: string;
  /** The callee as written: `FastAPI`, `fastapi.FastAPI`, `Starlette`. */
  factory: string;
  /** Keyword arguments as written (source text of the value), e.g. `{lifespan: "lifespan"}`. */
  kwargs: Record<string, string>;
  /**
   * Calls at module level that hand the app to a function (`configure_middleware(app)`,
   * `setup(app=app)`): the callee as written, where the app goes (positional index or keyword), and
   * the line. The function may register middleware, routers or hooks (see SetupFunctionFact).
   */
  handedTo: HandOff[];
  /**
   * Constructor keywords whose value could not be read (`middleware=build_middleware(settings)`):
   * the app's registrations of that kind are unknown, so it is never said to lack one.
   */
  unread?: UnreadKeyword[];
}

export interface UnreadKeyword extends Span {
  /** `middleware`, `exception_handlers`, `on_startup`, `on_shutdown`. */
  keyword: string;
  /** The expression that could not be read, as written. */
  text: string;
}

export interface HandOff {
  callee: string;
  arg: number | string;
  line: number;
  /** 1-based, where the call starts and ends (endColumn exclusive), as a Span. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The call's arguments (the app's among them): the function's tests on its parameters are evaluated with them (arguments.ts), a router it is given is the caller's. */
  args?: CallArgFact[];
  /** The call may not run (under an if, a try, a loop body): what the function registers may not be registered. */
  conditional?: boolean;
  /** In a set-up function, under if-branches only: the tests that pass when the call runs. */
  when?: ConditionTest[];
}

/**
 * A module-level function that registers things on one of its parameters:
 * `def configure_middleware(app): app.add_middleware(GZipMiddleware, minimum_size=500)`.
 */
export interface SetupFunctionFact extends Span {
  name: string;
  /** Parameter names in order. */
  params: string[];
  /** The parameter registrations are made on, or the local variable of the app the function creates. */
  appParam: string;
  /** An app factory (`def create_app(): app = FastAPI(...); ...; return app`): the app it creates. */
  creates?: AppFact;
  /** Calls inside that hand the app on to another function (`configure_middleware(app)` in a factory). */
  handedTo: HandOff[];
  /** The parameters a positional argument binds, in order (those before `*`, `*args`, and after `/`'s own). */
  positional?: string[];
  /** Parameter defaults that are literals (`enable_gzip=False` gives `{enable_gzip: "False"}`), canonical as ConditionTest.value. */
  defaults?: Record<string, string>;
  middleware: MiddlewareFact[];
  routers: RouterIncludeFact[];
  hooks: HookFact[];
  /** Declares routes or mounts on the app itself (`@app.get(...)`, `app.add_api_route(...)`, `app.mount(...)`), which are not read: the order of what the app serves is not known. */
  ownRoutes?: boolean;
  /** `app.mount(...)` calls on the app it sets up (undefined: none). */
  mounts?: MountFact[];
}

/** `@router.get("/users/{id}")`, `@router.api_route(path, methods=[...])`, `router.add_api_route(path, fn)` at module level, with a literal path. */
export interface RouteFact extends Span {
  /** The router (or app) variable, as written. */
  router: string;
  /** Upper-case HTTP methods. */
  methods: string[];
  /** The path as written, relative to the router's prefix. */
  path: string;
}

/** `router = APIRouter(prefix="/users")` at module level: the prefix (`""` without one), null when it is not a literal. */
export interface RouterPrefixFact extends Span {
  router: string;
  prefix: string | null;
}

/**
 * A name a module imports (`from app.core import app`) and registers on at module level
 * (`app.add_middleware(...)`, `@app.exception_handler(...)`: in the module's middleware, routers and
 * hooks with `app` set to `variable`) or hands on in a call statement (`setup_routes(app)`). When the
 * name is the app of another module, these are that app's registrations too: Python runs them on
 * that very object once this module is imported.
 */
export interface ImportedReceiverFact {
  variable: string;
  handedTo: HandOff[];
}

export interface FactoryCallFact extends Span {
  variable: string;
  /** The callee as written: `create_app`, `factory.create_app`. */
  callee: string;
  /** Calls handing the variable to a function, as for apps. */
  handedTo: HandOff[];
  /** The call's arguments: a factory's condition on a parameter is evaluated with them (see ConditionTest). */
  args?: CallArgFact[];
}

/** An argument of a factory call: `enable_gzip=True` is { name: "enable_gzip", literal: "True", text: "True" }. */
export interface CallArgFact {
  /** Keyword name; undefined for a positional argument. */
  name?: string;
  /** The value when it is a literal, canonical as ConditionTest.value. */
  literal?: string;
  text: string;
  /** `*args` or `**kwargs`: what it binds is not known. */
  splat?: boolean;
}

/**
 * One test a registration inside a set-up function runs under (`if enable_gzip:`), read when every
 * block above it up to the function is an if/elif/else branch. A registration holds the list of
 * tests that all pass when it runs (`elif b:` gives `not a`, `b`).
 */
export interface ConditionTest {
  /** The test as written: `enable_gzip`, `env == "prod"`. */
  text: string;
  /** The name it reads, when it is a name, `not name`, or `name ==/!=/is/is not <literal>`. */
  name?: string;
  op?: '==' | '!=' | 'is' | 'is not';
  /** The literal compared with, canonical: `True`, `False`, `None`, an integer, a string as JSON. */
  value?: string;
  /** The branch runs when the test is false (`else:`, `not name`). */
  negate: boolean;
}

export interface ArgFact {
  /** Keyword name, or undefined for a positional argument. */
  name?: string;
  /** Source text of the value. */
  value: string;
  /** Names the value reads (`settings` in `settings.ORIGINS`, `ORIGINS` in `ORIGINS + ["x"]`): what must be bound where it is copied. */
  names: string[];
  /** The value when it is a dotted name and nothing else (`settings.ORIGINS`, `ORIGINS`), without spaces. */
  dotted?: string;
}

/** Where a loop variable's values come from: `for cls, options in MIDDLEWARE` is { iterable: "MIDDLEWARE", index: 0 }; `HANDLERS.items()` has view "items". */
export interface LoopSource {
  /** The iterable as written, without a dict view call. */
  iterable: string;
  view?: 'items' | 'values' | 'keys';
  /** The variable's place in the loop's target (0 for a plain name). */
  index: number;
}

export interface MiddlewareFact extends Span {
  /** Variable of the app the middleware is registered on. */
  app: string;
  /** The class expression as written: `GZipMiddleware`, `gzip.GZipMiddleware`; for decorator kind the decorated function name. */
  className: string;
  /** Decorator kind applied as a call to a dotted name (`app.middleware("http")(lazy.loader)`): that name as written. */
  function?: string;
  kind: 'add_middleware' | 'constructor' | 'decorator';
  /**
   * The class is a loop variable (`for cls, options in MIDDLEWARE: app.add_middleware(cls, **options)`):
   * the loop's iterable as written, and the variable's place in the loop's target (0 for a plain name).
   */
  loop?: LoopSource;
  /** Arguments after the class, as written (for `decorator`: the decorator's arguments, e.g. `"http"`). */
  args: ArgFact[];
  /** The class is an element of the literal a loop runs over (`for cls in [A, B]: app.add_middleware(cls)`), not the call's own argument: the statement does not name it. */
  element?: boolean;
  /** 0-based order of registration within the file, across all kinds. */
  order: number;
  /** Under an `if` (or other conditional block) at module level. */
  conditional: boolean;
  /** In a set-up function, under if-branches only: the tests that pass when it runs. */
  when?: ConditionTest[];
  /** Span of the whole statement (for fixes that copy it). */
  statement: Span;
  /** Source text of the whole statement. */
  statementText: string;
}

export interface RouterIncludeFact extends Span {
  app: string;
  /** The router expression as written: `users.router`, `router`, `api.v1.users.router`. */
  expr: string;
  /** When the argument is a call (`include_router(load_router("users"))`): its callee as written. */
  call?: string;
  args: ArgFact[];
  conditional: boolean;
  /** In a set-up function, under if-branches only: the tests that pass when it runs. */
  when?: ConditionTest[];
  /** Routes copied rather than included (`app.router.routes.extend(users.router.routes)`): the call as written; `expr` is then what the routes are read from. */
  via?: string;
  /** `for r in ROUTERS: app.include_router(r)` with ROUTERS imported: `expr` is that name, and each router it holds is included. */
  each?: boolean;
}

/** `app.mount("/v1", v1_app)`, `app.mount("/static", StaticFiles(directory="static"), name="static")` on an app. */
export interface MountFact extends Span {
  app: string;
  /** The path, when a plain string literal; null otherwise. */
  path: string | null;
  /** What is mounted, as written: `v1_app`, `api.v1.app`, `StaticFiles(directory="static")`. */
  target: string;
  /** The target is a call (`StaticFiles(...)`, `WSGIMiddleware(flask_app)`): its callee as written. */
  call?: string;
  /** In a function, the parameter that gives the path (`app.mount(path, ...)`): bound to a call's argument in the graph. */
  pathParam?: string;
  /** In a function, the parameters the target reads (`sub`, `StaticFiles(directory=directory)`). */
  targetParams?: string[];
  conditional: boolean;
  /** In a set-up function, under if-branches only: the tests that pass when it runs. */
  when?: ConditionTest[];
  /** A `StaticFiles(...)` mount: the folder Starlette checks when the object is made (see StaticDirFact). */
  staticDir?: StaticDirFact;
}

/**
 * The folder `StaticFiles(directory=...)` checks exists when it is made (src/python/extract/static-dirs.ts):
 * `cwd` a path relative to the working folder (Lambda's /var/task), `module` relative to the module's own
 * folder (`Path(__file__).parent / "static"`), `absolute`, or `unknown` (not computed: `text` as written).
 */
export interface StaticDirFact {
  base: 'cwd' | 'module' | 'absolute' | 'unknown';
  /** Posix; for `module`, segments below the module's folder ('..' for its parent). */
  path?: string;
  text: string;
  /** `check_dir=` is given but not a literal: the folder may not be checked. */
  checkDirUnknown?: true;
}

/**
 * A Chalice function declared at module level (`@app.lambda_function(name="a") def job(...)`, `@app.schedule(...)`):
 * a Lambda function of its own whose handler Chalice writes as `<module>.<function>` from the Python name.
 */
export interface ChaliceHandlerFact extends Span {
  /** The decorator's object as written: `app`, `bp`. */
  receiver: string;
  /** The decorator: `lambda_function`, `schedule`, `on_sqs_message`, ... */
  method: string;
  /** The decorated function's Python name, which the handler string names. */
  function: string;
  /** `name="a"` when a plain string: Chalice's name for the function (else the Python name). */
  lambdaName?: string;
  /** Under an if/try at module level. */
  conditional: boolean;
  /** The line of the `def` itself (the span is the decorator's). */
  defLine: number;
}

/** Exception handlers and lifecycle hooks registered on an app. */
export interface HookFact extends Span {
  app: string;
  kind: 'exception_handler' | 'startup' | 'shutdown' | 'lifespan';
  /** exception_handler: the exception expression as written (`RequestValidationError`, `404`);
   *  startup/shutdown: the function name; lifespan: the value expression. */
  key: string;
  via: 'add_exception_handler' | 'decorator' | 'on_event' | 'add_event_handler' | 'constructor';
  conditional: boolean;
  /** In a set-up function, under if-branches only: the tests that pass when it runs. */
  when?: ConditionTest[];
  /** The key is a loop variable (`for exc, handler in HANDLERS.items(): app.add_exception_handler(exc, handler)`): as for MiddlewareFact. */
  loop?: LoopSource;
  /**
   * startup/shutdown hooks defined here with a decorator: the callees (dotted names as written) of
   * the call statements in the hook's body (`await database.connect()` gives `database.connect`).
   * A handler that makes all of these calls itself does the hook's work (PAR005).
   */
  calls?: string[];
}

/** `handler = Mangum(app, lifespan="off")` and similar adapters. */
export interface AdapterFact extends Span {
  variable: string;
  /** Callee as written: `Mangum`. */
  factory: string;
  /** First positional argument as written: the app variable or `module.app`. */
  target?: string;
  kwargs: Record<string, string>;
}

/**
 * A call that runs an app's startup or shutdown outside the ASGI lifespan, as handlers do in front
 * of `Mangum(app, lifespan="off")`: `asyncio.run(app.router.startup())` (kind `router`), or
 * `loop.run_until_complete(connect_db())`, `asyncio.run(connect_db())` and `connect_db()` as a
 * statement at module level (kind `call`).
 */
export interface StartupRunFact extends Span {
  kind: 'router' | 'call';
  /** router: the app expression as written (`app`, `main.app`); call: the callee as written (`connect_db`, `db.connect`). */
  target: string;
  /** router: the event its method runs. */
  event?: 'startup' | 'shutdown';
}

/** A string that the code will hand to importlib.import_module / __import__. */
export interface ModulePathFact extends Span {
  /** The module path; for an f-string, one expansion per value of the placeholder's range. */
  value: string;
  via: 'call' | 'variable' | 'fstring';
  /** The module-level variable the string was found in (`_ROUTER_MAP`), for `variable` and `fstring`. */
  container?: string;
  /** Key of the dict entry, when the container is a dict (`"providers"`). */
  key?: string;
  /** Attribute names the loader reads from the loaded module, e.g. `["router"]` from `getattr(module, "router")`. */
  attributes: string[];
  /**
   * Those of `attributes` the loader is ready for the module to lack: read only with a default
   * (`getattr(module, "router", None)`), under `hasattr(module, "router")`, or in a `try` that
   * handles AttributeError.
   */
  optionalAttributes?: string[];
  /** The import call runs when the module is imported (at module level, not in a function or class body): an eager import. */
  atModuleLevel?: boolean;
  /** The import call is in a `try` that handles ImportError, or under `suppress(ImportError)`: the code is ready for the module to be missing. */
  guarded?: boolean;
  /** A relative import_module call's `package=` argument as written, if any. */
  packageArg?: string;
  /** That argument's value when it is a plain string (`package="api.routers"`). */
  packageName?: string;
  /** Made by `__import__` (its `level` is in `value`'s leading dots): relative to the module's package, and Python's own message when there is none. */
  dunderImport?: boolean;
  /** True when the string's text can be rewritten in place (a plain literal, not an f-string expansion). */
  literal: boolean;
  /** A library imports this string at start-up, not the app's own import call: who and through which setting (`Celery (include=)`). */
  library?: string;
  /** Under `if __name__ == "__main__":`: read only when an image starts this file (`python main.py`), never on a zip Lambda. */
  mainBlock?: boolean;
  /** The string is written in another file than the module it belongs to (a fileConfig .ini, a Procfile, a map imported from another module: see BorrowedPathFact): findings are placed there. */
  inFile?: string;
  /** The last part may be a submodule as well as an attribute (pydantic's ImportString imports the whole string first). */
  attributeMayBeSubmodule?: boolean;  /** sys.path entries after the root of the process that imports it (a workflow step's $PYTHONPATH): folders of the checked folder. */
  searchPath?: string[];
  /** How messages name the root it is imported from, when that is not the app's (a workflow step's folder). */
  rootLabel?: string;
  /**
   * The server whose `module:app` this is (a Procfile's process, a workflow step: `uvicorn`, `gunicorn`, `hypercorn`):
   * MOD002 words the error as that server does, and a top-level name one or two edits from a local module is a MOD001 warning.
   */
  serverStart?: string;
}

/**
 * An import call whose strings come from a container another module binds (`from routes_config
 * import ROUTER_MODULES` then `import_module(ROUTER_MODULES[name])`): the name as written, and which
 * part of the container reaches the call. The graph reads the strings from that module's
 * ExportedMapFact; the call's own facts are as for ModulePathFact.
 */
export interface BorrowedPathFact extends Span {
  /** The container as written in this file: `ROUTER_MODULES`, `routes_config.ROUTER_MODULES`. */
  source: string;
  /** `values`/`keys` of a dict; `iter`: what iterating gives (a dict's keys, a sequence's elements); `item`: `M[k]` or `M.get(k)` (a dict's values, a sequence's elements). */
  view: 'values' | 'keys' | 'iter' | 'item';
  /** `M["users"]`: only that key. */
  key?: string;
  /**
   * The call's string is built around the container's element (`f"{app}.router"`, `"api." + name`):
   * the texts before and after it, and the built string's place (where the finding goes; no fix).
   */
  template?: { before: string; after: string } & Span;
  /** The call loads routers (see unknownRouterImports): if the container cannot be read, what the app serves is not known. */
  loadsRouters?: boolean;
  attributes: string[];
  optionalAttributes?: string[];
  atModuleLevel?: boolean;
  guarded?: boolean;
  packageArg?: string;
  packageName?: string;
}

/** A string that a module-level container holds, where it is written. */
export interface ExportedString extends Span {
  value: string;
  literal: boolean;
  kind: 'variable' | 'fstring';
  container?: string;
  key?: string;
}

/**
 * A module-level name bound to a container of module-path-like strings (a dict, list, tuple or set
 * literal with the entries later statements add, a comprehension, `dict(zip(...))`): what a module
 * that imports the name reads from it (BorrowedPathFact). Only entries with a dotted-name string.
 */
export interface ExportedMapFact {
  name: string;
  dict: boolean;
  entries: { key?: ExportedString; value?: ExportedString }[];
}

export interface RelationshipFact extends Span {
  /** The target string as written (`"CMEActivity"`, `"contexts.cme.models.CMEActivity"`), or a bare class name for `relationship(CMEActivity)`. */
  target: string;
  /** Was the target given as a string (resolved lazily by SQLAlchemy) or as a name. */
  targetIsString: boolean;
  /** The attribute the relationship is assigned to. */
  attribute: string;
  /**
   * What the target is, when not the relationship's class argument: `table` for `secondary="user_roles"`
   * (a Table of the MetaData), `expression` for a class named inside an evaluated string
   * (`primaryjoin="User.id == Address.user_id"`, `order_by=`, `foreign_keys=`, `remote_side=`).
   */
  kind?: 'table' | 'expression';
  /** The keyword the target was written in (`secondary`, `primaryjoin`, …) for `table` and `expression`. */
  keyword?: string;
  /** `back_populates="items"`: the relationship of the target it pairs with (MDL002), and where the string is. */
  backPopulates?: string;
  backPopulatesAt?: Span;
  /** `backref="items"` / `backref=backref("items")`: the attribute it makes on the target ('' when not readable). */
  backref?: string;
}

/** `User.addresses = relationship("Address")` at module level: a relationship given to a class after it is defined. */
export interface AttachedRelationshipFact {
  /** The class as written (`User`, `models.User`). */
  owner: string;
  relationship: RelationshipFact;
}

/** `type("Name", (Base,), {...})`: a class made at run time, a model when a base is one. */
export interface TypeClassFact extends Span {
  /** The class name when the first argument is a plain string; absent when it is computed. */
  name?: string;
  bases: string[];
  relationships: RelationshipFact[];
}

/** `reg.map_imperatively(User, users_table, properties={...})`: a plain class mapped in a registry (any scope). */
export interface ImperativeMapFact extends Span {
  /** The registry as written. */
  registry: string;
  /** The class as written. */
  cls: string;
  /** Relationships of a literal `properties` dict. */
  relationships: RelationshipFact[];
}

/** `Table("user_roles", metadata, ...)`: a table of a MetaData, by name (absent when computed). */
export interface TableFact extends Span {
  name?: string;
}

/** A class that may be a declarative model; whether it is one is decided across modules by the graph. */
export interface ClassFact extends Span {
  name: string;
  bases: string[];
  relationships: RelationshipFact[];
  /** `__abstract__ = True`. */
  abstract: boolean;
  /** `@reg.mapped` / `@reg.mapped_as_dataclass`: the registry the class is mapped in, as written. */
  registry?: string;
  /** `__tablename__ = "users"`. */
  tableName?: string;
  /** Names the class body binds at class level (assignments, annotations, defs), for back_populates (MDL002). */
  attributes?: string[];
  /** The body binds names that cannot be listed (tuple targets, attributes): its attributes are not all known. */
  opaqueAttributes?: boolean;
}

/** Module-level names bound to a declarative base factory: `Base = declarative_base()`, `db = SQLAlchemy()`, `Base = registry.generate_base()`. */
export interface BaseFactoryFact extends Span {
  variable: string;
  factory: 'declarative_base' | 'generate_base' | 'flask_sqlalchemy';
  /** For `reg.generate_base()`: the registry as written (`reg`); bases generated from one registry share its classes. */
  registry?: string;
}

/** `sys.modules[__name__] = obj` (the module object replaced) or `globals()[k] = v` / `globals().update(...)`: the first at module level. */
export interface NamesReplacedFact extends Span {
  by: 'sys.modules' | 'globals';
}

export interface SuppressionFact {
  line: number;
  column: number;
  /** Codes listed in `# parity-check: ignore[MOD001, PAR001]`; null for a bare `# parity-check: ignore`. */
  codes: string[] | null;
  /** True when the comment stands alone on its line (then it applies to the next line). */
  ownLine: boolean;
  /** `# parity-check: ignore-file[...]`: covers every line of the file. */
  wholeFile?: boolean;
  /** `# noqa: MOD001`: another tool's form naming a parity-check code; suppresses nothing, gets a hint. */
  noqa?: boolean;
}

export interface ParseProblem extends Span {
  message: string;
  /** Python itself refuses the file before any statement runs: its bytes do not decode (SyntaxError at import). */
  undecodable?: true;
  /** Python refuses to compile the file: brackets nested past its limit (SyntaxError at import, before any statement runs). */
  nesting?: true;
  /** The file's facts are those of an empty module: it was not read, not decoded or not walked (nesting). Rules judging what it defines skip it. */
  unread?: true;
}

/**
 * One of six.py's literal tables of what its virtual module `six.moves` holds (see src/graph/six-moves.ts):
 * `_moved_attributes` (six.moves itself) or `_urllib_<part>_moved_attributes` (six.moves.urllib.<part>).
 */
export interface SixTableFact {
  table: string;
  line: number;
  /** The entries' names, in order. */
  names: string[];
  /** The names that are `MovedModule` entries (importable as `six.moves.<name>`). */
  modules: string[];
}

export interface FileFacts {
  imports: ImportFact[];
  definitions: DefinitionFact[];
  /** Literal `__all__` names, null when there is no `__all__` or it is not a literal list/tuple. */
  all: string[] | null;
  /** The module defines a module-level `__getattr__` (PEP 562; by `def`, assignment or import), or writes into `globals()`: any name may be importable. */
  hasModuleGetattr: boolean;
  /** The statement that writes the module's names at run time, when that (not a `__getattr__`) makes them unknowable. */
  namesReplaced?: NamesReplacedFact;
  apps: AppFact[];
  /** Functions that register middleware, routers or hooks on a parameter, or create and set up an app. */
  setupFunctions: SetupFunctionFact[];
  /** Module-level `X = f(...)` for any other callee: `app = create_app()` serves what the factory creates. */
  factoryCalls: FactoryCallFact[];
  middleware: MiddlewareFact[];
  routers: RouterIncludeFact[];
  hooks: HookFact[];
  adapters: AdapterFact[];
  /** `app.mount(...)` at module level on the module's apps (undefined: none). */
  mounts?: MountFact[];
  /** Chalice functions declared at module level, by their decorators (undefined: none). */
  chaliceHandlers?: ChaliceHandlerFact[];
  /** Path operations declared at module level on the module's routers (see RouteFact; undefined: none). */
  routes?: RouteFact[];
  /** Routers (or apps) given a route at module level whose path or methods are not literals (undefined: none). */
  routesUnread?: string[];
  /** `router = APIRouter(...)` at module level, with its prefix (undefined: none). */
  routerPrefixes?: RouterPrefixFact[];
  /** Names imported at module level that the module registers on or hands on (see ImportedReceiverFact; undefined: none). */
  importedReceivers?: ImportedReceiverFact[];
  modulePaths: ModulePathFact[];
  /**
   * Import calls (import_module, __import__) whose strings cannot be known here (a parameter no call
   * in this file passes, a value built at run time), that load routers: they read a `router`
   * attribute, or sit in a function that names a router. What an app serves is then not fully known.
   */
  unknownRouterImports?: Span[];
  /** Library configurations whose module paths cannot be read (`dictConfig(build_config())`): named in --verbose, not checked. */
  unreadLibraryConfigs?: (Span & { what: string })[];
  /** `logging.config.fileConfig("logging.ini")` at start-up: the .ini path as written, read against the working folder (the root on Lambda). */
  logIniFiles?: (Span & { path: string; atModuleLevel?: boolean })[];
  /** Import calls whose strings come from a container another module binds (undefined: none). */
  borrowedPaths?: BorrowedPathFact[];
  /**
   * include_router calls whose router is an attribute of what a read import call loads
   * (`include_router(import_module(path).router)`): that router is one of the call's module paths,
   * so the app's routers stay known.
   */
  lazyIncludes?: Span[];
  /** Module-level containers of module-path-like strings, for the modules that import them (undefined: none). */
  exportedMaps?: ExportedMapFact[];
  /**
   * Functions and classes (by name, at any depth) that include routers when they run, in a file that
   * imports modules by string: a middleware among them (`@app.middleware("http") async def
   * lazy_router_loader(...)`, a BaseHTTPMiddleware subclass) is a lazy router loader, not a
   * middleware to compare (PAR001); what it loads is compared as routers (PAR003).
   */
  routerLoaders?: string[];
  /** Calls that run an app's startup or shutdown outside the ASGI lifespan (see StartupRunFact). */
  startupRuns?: StartupRunFact[];
  /** Module-level changes of the import path (`sys.path.insert(...)`, `sys.path.append`, `site.addsitedir`): what Python can import is then not only the app root. */
  sysPathChanges?: Span[];
  /** The changes of sysPathChanges whose added folders are computed from `__file__` (src/python/extract/sys-path-folders.ts). */
  sysPathFolders?: SysPathFolderFact[];
  /** Module-level lists and dicts of registrations another module may import (see HeldValueFact). */
  heldValues?: HeldValueFact[];
  classes: ClassFact[];
  baseFactories: BaseFactoryFact[];
  /** Relationships given to a class after its definition, at module level (they exist once this module is imported). */
  attachedRelationships?: AttachedRelationshipFact[];
  /** Classes made with `type(name, bases, dict)` (any scope). */
  typeClasses?: TypeClassFact[];
  /** `registry.map_imperatively(...)` calls (any scope). */
  imperativeMaps?: ImperativeMapFact[];
  /** `Table(...)` calls (any scope). */
  tables?: TableFact[];
  /** six.py's tables of six.moves (undefined: the file has none; see SixTableFact). */
  sixTables?: SixTableFact[];
  /** The file calls `add_move(...)` (six's, at any depth): six.moves may hold names no table lists. */
  sixAddMove?: true;
  suppressions: SuppressionFact[];
  /** Syntax errors / missing nodes reported by tree-sitter; empty when the file parses cleanly. */
  parseProblems: ParseProblem[];
}

/**
 * A module-level name holding a list (or dict) of registrations, as it stands once the module has
 * run: `ROUTERS = [users.router, items.router]`, `MIDDLEWARE = [Middleware(GZipMiddleware)]`,
 * `HANDLERS = {HTTPException: handle}`. Another module importing the name (`FastAPI(middleware=
 * MIDDLEWARE)`, `for r in ROUTERS: app.include_router(r)`) registers these entries; the graph reads
 * them one hop through the import. Kept only when every entry is a dotted name or a `Middleware(...)`.
 */
export interface HeldValueFact extends Span {
  name: string;
  dict: boolean;
  /** List elements or dict keys that are dotted names, as written (`users.router`, `HTTPException`). */
  names: string[];
  /** `Middleware(Cls, ...)` elements: the class as written and the other arguments. */
  middleware: (Span & { className: string; args: ArgFact[] })[];
}

/** A sys.path change at `line` that adds these folders, each relative to the module's own folder ('' itself, '..' its parent). */
export interface SysPathFolderFact {
  /** Where the change happens: the statement, or the module-level call of the set-up function holding it. */
  line: number;
  /** The change statement's own line (its span in sysPathChanges). */
  change: number;
  folders: string[];
}
