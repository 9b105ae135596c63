// entry.ts
import fs from "node:fs";
import path from "node:path";

// ../../work/main/src/python/parser.ts
import Parser from "tree-sitter";
import Python from "tree-sitter-python";
var parser;
function pythonLanguage() {
  return Python;
}
function pythonParser() {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(pythonLanguage());
  }
  return parser;
}
function parsePython(text) {
  return pythonParser().parse(text);
}

// ../../work/main/src/python/queries.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Parser2 from "tree-sitter";
var QUERY_NAMES = ["imports", "definitions", "app", "module-paths", "models", "syntax"];
var root;
function packageRoot() {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      try {
        const name = JSON.parse(readFileSync(pj, "utf8")).name;
        if (name === "parity-check") return root = dir;
      } catch {
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('parity-check: cannot find the package root (package.json named "parity-check") to load queries');
    dir = up;
  }
}
function countPatterns(source) {
  let depth = 0;
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === ";") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === "\\") i++;
    } else if (c === "(" || c === "[") {
      if (depth === 0) count++;
      depth++;
    } else if (c === ")" || c === "]") depth--;
  }
  return count;
}
var compiled;
function compile() {
  if (compiled) return compiled;
  const owner = [];
  const sources = [];
  for (const name of QUERY_NAMES) {
    const file = join(packageRoot(), "queries", "python", `${name}.scm`);
    const source = readFileSync(file, "utf8");
    sources.push(source);
    const count = countPatterns(source);
    for (let local = 0; local < count; local++) owner.push({ name, local });
  }
  let query;
  try {
    query = new Parser2.Query(pythonLanguage(), sources.join("\n"));
  } catch (e) {
    throw new Error(`parity-check: bad query in queries/python/*.scm: ${e.message}`);
  }
  const patterns = query.predicates.length;
  if (patterns !== owner.length) throw new Error(`parity-check: queries/python/*.scm hold ${patterns} patterns, counted ${owner.length}`);
  return compiled = { query, owner };
}
function pythonMatches(node) {
  const { query, owner } = compile();
  const found = new Map(QUERY_NAMES.map((n) => [n, []]));
  for (const m of query.matches(node)) {
    const { name, local } = owner[m.pattern];
    const captures = /* @__PURE__ */ new Map();
    let start = Infinity;
    for (const c of m.captures) {
      captures.set(c.name, c.node);
      start = Math.min(start, c.node.startIndex);
    }
    found.get(name).push({ start, match: { pattern: local, captures } });
  }
  return new Map([...found].map(([name, list]) => [name, list.sort((a, b) => a.start - b.start).map((x) => x.match)]));
}

// ../../work/main/src/util/span.ts
function nodeSpan(n) {
  return { line: n.startPosition.row + 1, column: n.startPosition.column + 1, endLine: n.endPosition.row + 1, endColumn: n.endPosition.column + 1 };
}

// ../../work/main/src/python/extract.ts
var binding = (name, n) => ({ name, span: spanOf(n), at: n.startIndex });
var spanOf = (n) => nodeSpan(n);
function extractFacts(text) {
  const tree = parsePython(text);
  try {
    return new Extractor(text, tree.rootNode).run();
  } finally {
  }
}
var same = (a, b) => !!a && !!b && a.id === b.id;
var field = (n, name) => n.childForFieldName(name);
var named = (n) => n.namedChildren.filter((c) => c.type !== "comment" && c.type !== "line_continuation");
var lastSegment = (dotted) => dotted.slice(dotted.lastIndexOf(".") + 1).trim();
var dottedText = (n) => {
  const t2 = n.text;
  if (n.type !== "dotted_name") return t2;
  for (let i = 0; i < t2.length; i++) {
    const c = t2.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 92 || c === 35) return named(n).map((x) => x.text).join(".");
  }
  return t2;
};
var SCOPE_TYPES = /* @__PURE__ */ new Set(["function_definition", "class_definition", "lambda"]);
var COMPREHENSIONS = /* @__PURE__ */ new Set(["list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"]);
function decodeEscape(e) {
  const c = e[1];
  switch (c) {
    case "n":
      return "\n";
    case "t":
      return "	";
    case "r":
      return "\r";
    case "0":
    case "1":
    case "2":
    case "3":
    case "4":
    case "5":
    case "6":
    case "7":
      return String.fromCharCode(parseInt(e.slice(1), 8));
    case "x":
    case "u":
    case "U": {
      const cp = parseInt(e.slice(2), 16);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : e;
    }
    case "\n":
      return "";
    case "a":
      return "\x07";
    case "b":
      return "\b";
    case "f":
      return "\f";
    case "v":
      return "\v";
    case "N":
      return e;
    default:
      return c ?? "";
  }
}
function stringPrefix(n) {
  const start = n.firstChild;
  if (!start || start.type !== "string_start") return "";
  const t2 = start.text;
  let i = 0;
  while (i < t2.length && t2[i] !== '"' && t2[i] !== "'") i++;
  return t2.slice(0, i).toLowerCase();
}
function contentValue(c, raw) {
  if (raw || c.namedChildCount === 0) return c.text;
  const t2 = c.text;
  const base = c.startIndex;
  let out = "";
  let pos = 0;
  for (const e of c.namedChildren) {
    out += t2.slice(pos, e.startIndex - base);
    out += e.type === "escape_sequence" ? decodeEscape(e.text) : e.type === "escape_interpolation" ? e.text[0] : e.text;
    pos = e.endIndex - base;
  }
  return out + t2.slice(pos);
}
function plainString(n) {
  if (!n || n.type !== "string") return void 0;
  const prefix = stringPrefix(n);
  if (prefix.includes("b")) return void 0;
  const raw = prefix.includes("r");
  let out = "";
  for (const c of n.namedChildren) {
    if (c.type === "interpolation") return void 0;
    if (c.type === "string_content") out += contentValue(c, raw);
  }
  return out;
}
function stringValue(n) {
  if (!n) return void 0;
  if (n.type === "string") return plainString(n);
  if (n.type === "concatenated_string") {
    let out = "";
    for (const p of named(n)) {
      const v = plainString(p);
      if (v === void 0) return void 0;
      out += v;
    }
    return out;
  }
  return void 0;
}
function isTypeChecking(cond) {
  if (!cond) return false;
  if (cond.type === "identifier") return cond.text === "TYPE_CHECKING";
  if (cond.type === "attribute") return field(cond, "attribute")?.text === "TYPE_CHECKING";
  return false;
}
var IMPORT_ERRORS = /* @__PURE__ */ new Set(["ImportError", "ModuleNotFoundError", "Exception", "BaseException"]);
function catchesImportError(tryNode) {
  for (const clause of tryNode.namedChildren) {
    if (clause.type !== "except_clause" && clause.type !== "except_group_clause") continue;
    const value = field(clause, "value") ?? named(clause).find((c) => c.type !== "block") ?? null;
    if (!value) return true;
    const names = [];
    const collect = (n) => {
      if (n.type === "as_pattern_target") return;
      if (n.type === "identifier" || n.type === "attribute") {
        names.push(lastSegment(n.text));
        return;
      }
      for (const c of named(n)) collect(c);
    };
    collect(value);
    if (names.some((x) => IMPORT_ERRORS.has(x))) return true;
  }
  return false;
}
function contextOf(node) {
  const pairs = [];
  for (let child = node, p = node.parent; p; child = p, p = p.parent) pairs.push([p, child]);
  pairs.reverse();
  const ctx = { scope: "module", guard: "none", inIf: false, inBlock: false };
  for (const [parent, ch] of pairs) {
    const atModule = ctx.scope === "module";
    switch (parent.type) {
      case "function_definition":
        if (same(field(parent, "body"), ch)) ctx.scope = "function";
        break;
      case "lambda":
        if (same(field(parent, "body"), ch)) ctx.scope = "function";
        break;
      case "class_definition":
        if (same(field(parent, "body"), ch) && ctx.scope !== "function") ctx.scope = "class";
        break;
      case "if_statement": {
        const tc = isTypeChecking(field(parent, "condition"));
        if (same(field(parent, "consequence"), ch)) {
          if (tc) {
            ctx.guard = "type-checking";
            if (atModule) ctx.inBlock = true;
          } else if (atModule) {
            ctx.inIf = ctx.inBlock = true;
          }
        } else if (ch.type === "elif_clause" || ch.type === "else_clause" && !tc) {
          if (atModule) ctx.inIf = ctx.inBlock = true;
        }
        break;
      }
      case "try_statement":
        if (same(field(parent, "body"), ch) && catchesImportError(parent)) ctx.guard = "optional";
        if (atModule && ch.type !== "comment") ctx.inBlock = true;
        break;
      case "for_statement":
      case "while_statement":
      case "with_statement":
        if (atModule && (same(field(parent, "body"), ch) || ch.type === "else_clause")) ctx.inBlock = true;
        break;
    }
  }
  return ctx;
}
function insideDefOrClass(node) {
  for (let p = node.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type)) return true;
  return false;
}
function enclosingFunction(n) {
  for (let p = n.parent; p; p = p.parent) if (p.type === "function_definition") return p;
  return void 0;
}
function parameterNames(fn) {
  const out = [];
  for (const p of named(field(fn, "parameters") ?? fn)) {
    if (p.type === "identifier") out.push(p.text);
    else if (p.type === "typed_parameter") {
      const id = named(p).find((c) => c.type === "identifier");
      if (id) out.push(id.text);
    } else if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
      const name = field(p, "name");
      if (name) out.push(name.text);
    }
  }
  return out;
}
function statementOf(n) {
  let s = n;
  while (s.parent && (s.parent.type === "expression_statement" || s.parent.type === "assignment")) s = s.parent;
  return s;
}
function argFacts(args) {
  return args.map((a) => {
    if (a.type !== "keyword_argument") return { value: a.text, names: readNames(a) };
    const value = field(a, "value");
    return { name: field(a, "name")?.text ?? "", value: value?.text ?? "", names: value ? readNames(value) : [] };
  });
}
function readNames(expr) {
  const out = /* @__PURE__ */ new Set();
  const visit = (n) => {
    if (n.type === "identifier") {
      const p = n.parent;
      const isAttr = p?.type === "attribute" && same(field(p, "attribute"), n);
      const isKeyword = p?.type === "keyword_argument" && same(field(p, "name"), n);
      if (!isAttr && !isKeyword) out.add(n.text);
      return;
    }
    for (const c of named(n)) visit(c);
  };
  visit(expr);
  return [...out];
}
function splitArgs(argList) {
  const all = argList ? named(argList) : [];
  const positional = [];
  const keywords = /* @__PURE__ */ new Map();
  for (const a of all) {
    if (a.type === "keyword_argument") {
      const k = field(a, "name")?.text;
      const v = field(a, "value");
      if (k && v) keywords.set(k, v);
    } else if (a.type !== "list_splat" && a.type !== "dictionary_splat") positional.push(a);
  }
  return { positional, keywords, all };
}
function kwargsText(argList) {
  const out = {};
  for (const [k, v] of splitArgs(argList).keywords) out[k] = v.text;
  return out;
}
function targetNames(t2) {
  switch (t2.type) {
    case "identifier":
      return [t2];
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "tuple":
    case "list":
    case "expression_list":
    case "parenthesized_expression":
    case "list_splat_pattern":
      return named(t2).flatMap(targetNames);
    default:
      return [];
  }
}
var NOT_CONFIGURING = /* @__PURE__ */ new Set(["Mangum", "run", "serve", "TestClient", "print", "isinstance", "id", "repr", "str", "type", "len", "getattr", "hasattr", "vars", "dir"]);
var APP_WORDS = ["FastAPI", "Starlette", "Mangum", "middleware", "include_router", "exception_handler", "add_event_handler", "on_event"];
var MAX_DEPTH = 8;
var MAX_EXPANSIONS = 256;
var Extractor = class {
  constructor(text, root2) {
    this.text = text;
    this.root = root2;
  }
  text;
  root;
  modulePathFacts = [];
  calls;
  importlibAliases = /* @__PURE__ */ new Set(["importlib"]);
  /** `from importlib import import_module as load`: names that call import_module under another name. */
  importModuleAliases = /* @__PURE__ */ new Set();
  factoryCallsCache;
  allMatches;
  /** Matches of one query file (all files are matched in one walk of the tree, on first use). */
  matches(name) {
    this.allMatches ??= pythonMatches(this.root);
    return this.allMatches.get(name);
  }
  /** Does the source text contain any of these words? A cheap test that lets a query be skipped. */
  mentions(words) {
    return words.some((w) => this.text.includes(w));
  }
  run() {
    const imports = this.imports();
    for (const { fact } of imports) {
      if (fact.kind !== "from" || fact.module !== "importlib" || fact.level !== 0) continue;
      for (const n of fact.names) if (n.name === "import_module" && n.alias) this.importModuleAliases.add(n.alias);
    }
    const { definitions, hasModuleGetattr } = this.definitions(imports);
    const app = this.appFacts();
    const models = this.models();
    const syntax = this.syntax();
    return {
      imports: imports.map((i) => i.fact),
      definitions,
      all: this.dunderAll(),
      hasModuleGetattr,
      apps: app.apps,
      setupFunctions: app.setupFunctions,
      factoryCalls: this.factoryCallFacts(),
      middleware: app.middleware,
      routers: app.routers,
      hooks: app.hooks,
      adapters: app.adapters,
      modulePaths: this.modulePaths(),
      classes: models.classes,
      baseFactories: models.baseFactories,
      suppressions: syntax.suppressions,
      parseProblems: syntax.problems
    };
  }
  // ----- imports ----------------------------------------------------------
  imports() {
    const out = [];
    for (const { captures } of this.matches("imports")) {
      const stmt = captures.get("import") ?? captures.get("from") ?? captures.get("future");
      if (!stmt) continue;
      const ctx = contextOf(stmt);
      const base = {
        ...spanOf(stmt),
        guard: ctx.guard,
        scope: ctx.scope,
        conditional: ctx.inIf
      };
      if (stmt.type === "import_statement") {
        for (const child of stmt.namedChildren) {
          let dotted = null;
          let alias = null;
          if (child.type === "dotted_name") dotted = child;
          else if (child.type === "aliased_import") {
            dotted = field(child, "name");
            alias = field(child, "alias");
          }
          if (!dotted) continue;
          const module = dottedText(dotted);
          if (module === "importlib" && alias) this.importlibAliases.add(alias.text);
          const first = dotted.namedChildren[0] ?? dotted;
          out.push({
            fact: { ...base, kind: "import", module, level: 0, moduleSpan: spanOf(dotted), ...alias ? { alias: alias.text } : {}, names: [] },
            bindings: [alias ? binding(alias.text, alias) : binding(first.text, first)],
            inBlock: ctx.inBlock
          });
        }
      } else if (stmt.type === "import_from_statement" || stmt.type === "future_import_statement") {
        let module = "__future__";
        let level = 0;
        let moduleSpan = spanOf(stmt);
        const moduleNode = field(stmt, "module_name");
        if (moduleNode) {
          moduleSpan = spanOf(moduleNode);
          if (moduleNode.type === "relative_import") {
            const prefix = moduleNode.namedChildren.find((c) => c.type === "import_prefix");
            level = prefix ? [...prefix.text].filter((ch) => ch === ".").length : 0;
            const d = moduleNode.namedChildren.find((c) => c.type === "dotted_name");
            module = d ? dottedText(d) : "";
          } else module = dottedText(moduleNode);
        } else {
          for (let i = 0; i < stmt.childCount; i++) {
            const c = stmt.child(i);
            if (c && c.type === "__future__") moduleSpan = spanOf(c);
          }
        }
        const names = [];
        const bindings = [];
        const nameNodes = stmt.childrenForFieldName("name");
        if (!nameNodes.length) {
          const star = named(stmt).find((c) => c.type === "wildcard_import");
          if (star) names.push({ name: "*", ...spanOf(star) });
        }
        for (const c of nameNodes) {
          if (c.type === "dotted_name") {
            const name = dottedText(c);
            const span = spanOf(c);
            names.push({ name, ...span });
            bindings.push({ name, span, at: c.startIndex });
          } else if (c.type === "aliased_import") {
            const n = field(c, "name");
            const a = field(c, "alias");
            if (!n) continue;
            const name = dottedText(n);
            names.push({ name, ...a ? { alias: a.text } : {}, ...spanOf(c) });
            bindings.push(a ? binding(a.text, a) : binding(name, n));
          }
        }
        out.push({
          fact: { ...base, kind: "from", module, level, moduleSpan, names },
          bindings: stmt.type === "future_import_statement" ? [] : bindings,
          inBlock: ctx.inBlock
        });
      }
    }
    return out;
  }
  // ----- definitions ------------------------------------------------------
  definitions(imports) {
    const defs = [];
    let hasModuleGetattr = false;
    for (const { captures } of this.matches("definitions")) {
      const cls = captures.get("class");
      const fn = captures.get("function");
      const glob = captures.get("global");
      const stmt = cls ?? fn ?? glob ?? captures.get("assignment") ?? captures.get("augmented") ?? captures.get("walrus") ?? captures.get("for");
      if (!stmt) continue;
      if (!glob && !cls && !fn && insideDefOrClass(stmt)) continue;
      const ctx = contextOf(stmt);
      if (glob) {
        const name = captures.get("name");
        if (ctx.scope === "function" && name)
          defs.push({ at: name.startIndex, fact: { name: name.text, kind: "global", conditional: false, ...spanOf(name) } });
        continue;
      }
      if (ctx.scope !== "module") continue;
      const conditional = ctx.inBlock;
      if (cls || fn) {
        const name = captures.get("name");
        if (!name) continue;
        const fact = { name: name.text, kind: cls ? "class" : "function", conditional, ...spanOf(name) };
        if (cls) fact.bases = splitArgs(field(cls, "superclasses")).positional.map((b) => b.text);
        if (fn && name.text === "__getattr__") hasModuleGetattr = true;
        defs.push({ at: name.startIndex, fact });
        continue;
      }
      const target = captures.get("target");
      if (!target) continue;
      for (const id of targetNames(target))
        defs.push({ at: id.startIndex, fact: { name: id.text, kind: "assignment", conditional, ...spanOf(id) } });
    }
    for (const imp of imports) {
      if (imp.fact.scope !== "module") continue;
      for (const b of imp.bindings)
        defs.push({ at: b.at, fact: { name: b.name, kind: "import", conditional: imp.inBlock, ...b.span } });
    }
    defs.sort((a, b) => a.at - b.at);
    return { definitions: defs.map((d) => d.fact), hasModuleGetattr };
  }
  /** Statements at module level, including those nested in if/try/with/for/while blocks (not in defs/classes). */
  *moduleStatements(block = this.root) {
    for (const s of named(block)) {
      if (SCOPE_TYPES.has(s.type) || s.type === "decorated_definition") {
        yield s;
        continue;
      }
      yield s;
      for (const c of named(s)) {
        if (c.type === "block") yield* this.moduleStatements(c);
        else if (["else_clause", "elif_clause", "except_clause", "except_group_clause", "finally_clause"].includes(c.type)) {
          for (const b of named(c)) if (b.type === "block") yield* this.moduleStatements(b);
        }
      }
    }
  }
  dunderAll() {
    if (!this.mentions(["__all__"])) return null;
    let all = null;
    let broken = false;
    const literalList = (n) => {
      if (!n || n.type !== "list" && n.type !== "tuple") return void 0;
      const out = [];
      for (const e of named(n)) {
        const v = stringValue(e);
        if (v === void 0) return void 0;
        out.push(v);
      }
      return out;
    };
    for (const s of this.moduleStatements()) {
      if (s.type !== "expression_statement") continue;
      const e = s.namedChildren[0];
      if (!e) continue;
      if (e.type === "assignment" && field(e, "left")?.text === "__all__") {
        const v = literalList(field(e, "right"));
        if (v) {
          all = v;
          broken = false;
        } else broken = true;
      } else if (e.type === "augmented_assignment" && field(e, "left")?.text === "__all__") {
        const v = literalList(field(e, "right"));
        if (v && all) all = [...all, ...v];
        else broken = true;
      } else if (e.type === "call") {
        const fn = field(e, "function");
        if (fn?.type !== "attribute" || field(fn, "object")?.text !== "__all__") continue;
        const method = field(fn, "attribute")?.text;
        const { positional } = splitArgs(field(e, "arguments"));
        if (method === "extend") {
          const v = literalList(positional[0] ?? null);
          if (v && all) all = [...all, ...v];
          else broken = true;
        } else if (method === "append") {
          const v = stringValue(positional[0]);
          if (v !== void 0 && all) all = [...all, v];
          else broken = true;
        }
      }
    }
    return broken ? null : all;
  }
  // ----- apps, middleware, routers, hooks, adapters -----------------------
  appFacts() {
    const apps = [];
    const adapters = [];
    const routers = [];
    const hooks = [];
    const mws = [];
    if (!this.mentions(APP_WORDS)) return { apps, setupFunctions: [], middleware: [], routers, hooks: [], adapters };
    const matches = this.matches("app");
    const appVars = /* @__PURE__ */ new Set();
    const factoryVars = new Set(this.factoryCallFacts().map((f) => f.variable));
    const moduleBucket = { mws, routers, hooks };
    const setups = /* @__PURE__ */ new Map();
    for (const { captures } of matches) {
      const assign = captures.get("factory");
      const variable = captures.get("variable");
      const callee = captures.get("callee");
      const args = captures.get("args") ?? null;
      if (!assign || !variable || !callee) continue;
      const ctx = contextOf(assign);
      const factory = lastSegment(callee.text);
      let bucket = moduleBucket;
      if (ctx.scope === "function") {
        const fn = enclosingFunction(assign);
        if (factory === "Mangum" || !fn || contextOf(fn).scope !== "module" || setups.has(fn.id)) continue;
        const created = { variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) };
        const setup = { fn, params: parameterNames(fn), appParam: variable.text, creates: created, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
        setups.set(fn.id, setup);
        bucket = setup.bucket;
      } else if (ctx.scope !== "module") continue;
      if (factory === "Mangum") {
        const target = splitArgs(args).positional[0];
        adapters.push({ variable: variable.text, factory: callee.text, ...target ? { target: target.text } : {}, kwargs: kwargsText(args), ...spanOf(assign) });
        continue;
      }
      if (bucket === moduleBucket) {
        appVars.add(variable.text);
        apps.push({ variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) });
      }
      const stmt = statementOf(assign);
      const { keywords } = splitArgs(args);
      const mwList = keywords.get("middleware");
      if (mwList && (mwList.type === "list" || mwList.type === "tuple")) {
        named(mwList).forEach((el, i) => {
          if (el.type !== "call" || lastSegment(field(el, "function")?.text ?? "") !== "Middleware") return;
          const a = splitArgs(field(el, "arguments"));
          const cls = a.positional[0];
          if (!cls) return;
          bucket.mws.push({
            at: stmt.startIndex,
            sub: i,
            fact: { app: variable.text, className: cls.text, kind: "constructor", args: argFacts(a.all.filter((x) => !same(x, cls))), conditional: ctx.inBlock, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(el) }
          });
        });
      }
      const hook = (n, kind, key) => bucket.hooks.push({ at: n.startIndex, fact: { app: variable.text, kind, key, via: "constructor", conditional: ctx.inBlock, ...spanOf(n) } });
      const lifespan = keywords.get("lifespan");
      if (lifespan && lifespan.type !== "none") hook(lifespan, "lifespan", lifespan.text);
      for (const [kw, kind] of [["on_startup", "startup"], ["on_shutdown", "shutdown"]]) {
        const list = keywords.get(kw);
        if (list && (list.type === "list" || list.type === "tuple")) for (const el of named(list)) hook(el, kind, el.text);
      }
      const handlers = keywords.get("exception_handlers");
      if (handlers?.type === "dictionary")
        for (const pair of named(handlers)) {
          const k = field(pair, "key");
          if (pair.type === "pair" && k) hook(pair, "exception_handler", k.text);
        }
    }
    for (const { captures } of matches) {
      const receiver = captures.get("receiver");
      const method = captures.get("method")?.text;
      const args = captures.get("args") ?? null;
      if (!receiver || !method) continue;
      const call = captures.get("registration");
      const decorated = captures.get("decorated");
      const anchor = call ?? decorated;
      if (!anchor) continue;
      const ctx = contextOf(anchor);
      let bucket;
      if (ctx.scope === "module") {
        if (!appVars.has(receiver.text) && !factoryVars.has(receiver.text)) continue;
        bucket = moduleBucket;
      } else if (ctx.scope === "function") {
        const fn = enclosingFunction(anchor);
        if (!fn || contextOf(fn).scope !== "module") continue;
        const params = parameterNames(fn);
        const created = setups.get(fn.id)?.creates;
        if (!params.includes(receiver.text) && created?.variable !== receiver.text) continue;
        let setup = setups.get(fn.id);
        if (!setup) {
          setup = { fn, params, appParam: receiver.text, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
          setups.set(fn.id, setup);
        }
        if (setup.appParam !== receiver.text) continue;
        bucket = setup.bucket;
      } else continue;
      const app = receiver.text;
      const a = splitArgs(args);
      if (call) {
        const stmt = statementOf(call);
        const first = a.positional[0];
        const rest = argFacts(a.all.filter((x) => !same(x, first)));
        if (method === "add_middleware" && first) {
          bucket.mws.push({ at: stmt.startIndex, sub: 0, fact: { app, className: first.text, kind: "add_middleware", args: rest, conditional: ctx.inBlock, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(call) } });
        } else if (method === "include_router" && first) {
          const callee = first.type === "call" ? field(first, "function")?.text : void 0;
          bucket.routers.push({ app, expr: first.text, ...callee ? { call: callee } : {}, args: rest, conditional: ctx.inBlock, ...spanOf(call) });
        } else if (method === "add_exception_handler" && first) {
          bucket.hooks.push({ at: call.startIndex, fact: { app, kind: "exception_handler", key: first.text, via: "add_exception_handler", conditional: ctx.inBlock, ...spanOf(call) } });
        } else if (method === "add_event_handler") {
          const ev = stringValue(first);
          const fn = a.positional[1] ?? a.keywords.get("func");
          if ((ev === "startup" || ev === "shutdown") && fn)
            bucket.hooks.push({ at: call.startIndex, fact: { app, kind: ev, key: fn.text, via: "add_event_handler", conditional: ctx.inBlock, ...spanOf(call) } });
        }
      } else if (decorated) {
        const decorator = captures.get("decorator");
        const def = captures.get("definition");
        const fnName = def ? field(def, "name")?.text : void 0;
        if (!decorator || !fnName) continue;
        if (method === "middleware") {
          bucket.mws.push({ at: decorated.startIndex, sub: 0, fact: { app, className: fnName, kind: "decorator", args: argFacts(a.all), conditional: ctx.inBlock, statement: spanOf(decorated), statementText: decorated.text, ...spanOf(decorator) } });
        } else if (method === "exception_handler" && a.positional[0]) {
          bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: "exception_handler", key: a.positional[0].text, via: "decorator", conditional: ctx.inBlock, ...spanOf(decorator) } });
        } else if (method === "on_event") {
          const ev = stringValue(a.positional[0]);
          if (ev === "startup" || ev === "shutdown")
            bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: ev, key: fnName, via: "on_event", conditional: ctx.inBlock, ...spanOf(decorator) } });
        }
      }
    }
    mws.sort((x, y) => x.at - y.at || x.sub - y.sub);
    hooks.sort((x, y) => x.at - y.at);
    const receivers = /* @__PURE__ */ new Set([...appVars, ...factoryVars]);
    for (const call of this.allCalls()) {
      const fn = field(call, "function");
      const fnText = fn?.text ?? "";
      if (!fn || NOT_CONFIGURING.has(lastSegment(fnText))) continue;
      const ctx = contextOf(call);
      let listFor;
      let own;
      if (ctx.scope === "module") {
        own = (name) => receivers.has(name);
        listFor = (name) => (apps.find((x) => x.variable === name) ?? this.factoryCallFacts().find((x) => x.variable === name))?.handedTo;
      } else if (ctx.scope === "function") {
        const encl = enclosingFunction(call);
        if (!encl || contextOf(encl).scope !== "module") continue;
        const params = parameterNames(encl);
        own = (name) => setups.get(encl.id)?.appParam === name || !setups.has(encl.id) && params.includes(name);
        listFor = (name) => {
          let setup = setups.get(encl.id);
          if (!setup && params.includes(name)) {
            setup = { fn: encl, params, appParam: name, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
            setups.set(encl.id, setup);
          }
          return setup?.appParam === name ? setup.handedTo : void 0;
        };
      } else continue;
      if (fn.type === "attribute" && own(field(fn, "object")?.text ?? "")) continue;
      let position = 0;
      for (const a of splitArgs(field(call, "arguments")).all) {
        const keyword = a.type === "keyword_argument" ? field(a, "name")?.text : void 0;
        const value = a.type === "keyword_argument" ? field(a, "value") : a;
        const arg = keyword ?? position;
        if (a.type !== "keyword_argument") position++;
        if (value?.type !== "identifier" || !own(value.text)) continue;
        listFor(value.text)?.push({ callee: fnText, arg, line: call.startPosition.row + 1 });
      }
    }
    const setupFunctions = [...setups.values()].map(({ fn, params, appParam, creates, bucket, handedTo }) => ({
      name: field(fn, "name")?.text ?? "",
      params,
      appParam,
      ...creates ? { creates } : {},
      handedTo,
      middleware: bucket.mws.sort((x, y) => x.at - y.at || x.sub - y.sub).map((m, order) => ({ ...m.fact, order })),
      routers: bucket.routers,
      hooks: bucket.hooks.sort((x, y) => x.at - y.at).map((h) => h.fact),
      ...spanOf(field(fn, "name") ?? fn)
    }));
    return {
      apps,
      setupFunctions,
      adapters,
      routers,
      hooks: hooks.map((h) => h.fact),
      middleware: mws.map((m, order) => ({ ...m.fact, order }))
    };
  }
  // ----- module paths ------------------------------------------------------
  allCalls() {
    return this.calls ??= this.root.descendantsOfType("call");
  }
  /** Module-level `X = f(...)` whose callee is not an app class or an adapter (computed once). */
  factoryCallFacts() {
    if (this.factoryCallsCache) return this.factoryCallsCache;
    const out = [];
    for (const stmt of named(this.root)) {
      const assign = stmt.type === "expression_statement" ? named(stmt)[0] : void 0;
      if (assign?.type !== "assignment") continue;
      const left = field(assign, "left");
      const right = field(assign, "right");
      if (left?.type !== "identifier" || right?.type !== "call") continue;
      const callee = field(right, "function");
      if (!callee || callee.type !== "identifier" && callee.type !== "attribute") continue;
      if (["FastAPI", "Starlette", "Mangum", "APIRouter", "Router"].includes(lastSegment(callee.text))) continue;
      out.push({ variable: left.text, callee: callee.text, handedTo: [], ...spanOf(assign) });
    }
    return this.factoryCallsCache = out;
  }
  modulePaths() {
    if (!this.mentions(["import_module", "__import__"])) return [];
    const seen = /* @__PURE__ */ new Set();
    for (const { captures } of this.matches("module-paths")) {
      const call = captures.get("call");
      const obj = captures.get("object");
      if (!call) continue;
      if (obj && !this.importlibAliases.has(obj.text)) continue;
      this.modulePathCall(call, captures.get("function")?.text, captures.get("args") ?? null, seen);
    }
    if (this.importModuleAliases.size) {
      for (const call of this.allCalls()) {
        const fn = field(call, "function");
        if (fn?.type === "identifier" && this.importModuleAliases.has(fn.text)) this.modulePathCall(call, "import_module", field(call, "arguments"), seen);
      }
    }
    return this.modulePathFacts;
  }
  modulePathCall(call, fnName, args, seen) {
    const { positional, keywords } = splitArgs(args);
    const arg = positional[0] ?? keywords.get("name");
    if (!arg) return;
    const pkg = fnName === "import_module" ? keywords.get("package") ?? positional[1] : void 0;
    const attributes = this.attributesRead(call, 0);
    for (const v of this.resolveExpr(arg, 0)) {
      const fact = {
        value: v.value,
        via: v.kind === "literal" ? "call" : v.kind,
        ...v.container !== void 0 ? { container: v.container } : {},
        ...v.key !== void 0 ? { key: v.key } : {},
        attributes,
        ...pkg ? { packageArg: pkg.text } : {},
        literal: v.literal,
        ...v.span
      };
      const id = JSON.stringify([fact.value, fact.via, fact.key, fact.line, fact.column, call.startIndex]);
      if (seen.has(id)) continue;
      seen.add(id);
      this.modulePathFacts.push(fact);
    }
  }
  /** Attribute names read from the module an import call returns (`getattr(m, "router")`, `m.router`). */
  attributesRead(call, depth) {
    const out = [];
    const add = (s) => {
      if (s !== void 0 && !out.includes(s)) out.push(s);
    };
    let expr = call;
    while (expr.parent?.type === "parenthesized_expression") expr = expr.parent;
    const parent = expr.parent;
    if (!parent) return out;
    if (parent.type === "attribute" && same(field(parent, "object"), expr)) add(field(parent, "attribute")?.text);
    if (parent.type === "argument_list") {
      const g = parent.parent;
      const args = named(parent);
      if (g?.type === "call" && field(g, "function")?.text === "getattr" && same(args[0], expr)) add(stringValue(args[1]));
    }
    let variable;
    if (parent.type === "assignment" && same(field(parent, "right"), expr) || parent.type === "named_expression") {
      const left = field(parent, parent.type === "assignment" ? "left" : "name");
      if (left?.type === "identifier") variable = left.text;
    }
    if (variable) {
      const scope = this.scopeOf(call);
      this.walkScope(scope, (n) => {
        if (n.type === "attribute" && field(n, "object")?.type === "identifier" && field(n, "object")?.text === variable) add(field(n, "attribute")?.text);
        if (n.type === "call" && field(n, "function")?.text === "getattr") {
          const args = named(field(n, "arguments") ?? n);
          if (args[0]?.type === "identifier" && args[0].text === variable) add(stringValue(args[1]));
        }
      });
      if (depth === 0) {
        const fn = scope.type === "function_definition" ? scope : null;
        const fnName = fn ? field(fn, "name")?.text : void 0;
        let returns = false;
        if (fn) this.walkScope(fn, (n) => {
          if (n.type === "return_statement" && named(n)[0]?.type === "identifier" && named(n)[0].text === variable) returns = true;
        });
        if (returns && fnName)
          for (const c of this.allCalls()) {
            const f = field(c, "function");
            if (f && (f.text === fnName || f.type === "attribute" && field(f, "attribute")?.text === fnName))
              for (const a of this.attributesRead(c, depth + 1)) add(a);
          }
      }
    } else if (parent.type === "return_statement" && depth === 0) {
      const fn = this.scopeOf(call);
      const fnName = fn.type === "function_definition" ? field(fn, "name")?.text : void 0;
      if (fnName)
        for (const c of this.allCalls()) {
          const f = field(c, "function");
          if (f && (f.text === fnName || f.type === "attribute" && field(f, "attribute")?.text === fnName))
            for (const a of this.attributesRead(c, depth + 1)) add(a);
        }
    }
    return out;
  }
  /** The function (or lambda, or class body) whose local scope `node` is in, or the module. */
  scopeOf(node) {
    for (let child = node, p = node.parent; p; child = p, p = p.parent) {
      if ((p.type === "function_definition" || p.type === "lambda" || p.type === "class_definition") && same(field(p, "body"), child)) return p;
    }
    return this.root;
  }
  /** Visit nodes of a scope without descending into nested functions, classes or lambdas. */
  walkScope(scope, visit) {
    const start = scope.type === "module" ? scope : field(scope, "body");
    if (!start) return;
    const stack = [start];
    while (stack.length) {
      const n = stack.pop();
      if (!same(n, start)) visit(n);
      for (let i = n.namedChildCount - 1; i >= 0; i--) {
        const c = n.namedChild(i);
        if (!c) continue;
        if (SCOPE_TYPES.has(c.type)) {
          for (const sub of named(c)) if (sub.type === "decorator") stack.push(sub);
          const params = field(c, "parameters");
          if (params) stack.push(params);
          if (c.type === "class_definition") {
            const sup = field(c, "superclasses");
            if (sup) stack.push(sup);
          }
          continue;
        }
        stack.push(c);
      }
    }
  }
  scopeIndex = /* @__PURE__ */ new Map();
  /** Every binding of a scope by name, built once per scope. */
  scopeBindings(scope) {
    let index = this.scopeIndex.get(scope.id);
    if (index) return index;
    const idx = /* @__PURE__ */ new Map();
    const add = (name, b) => {
      const list = idx.get(name);
      if (list) list.push(b);
      else idx.set(name, [b]);
    };
    this.walkScope(scope, (n) => {
      if (n.type === "assignment") {
        const left = field(n, "left");
        const right = field(n, "right");
        if (left?.type === "identifier" && right) add(left.text, { kind: "assign", right });
      } else if (n.type === "named_expression") {
        const left = field(n, "name");
        const value = field(n, "value");
        if (left && value) add(left.text, { kind: "assign", right: value });
      } else if (n.type === "for_statement") {
        const left = field(n, "left");
        const right = field(n, "right");
        if (left && right) for (const t2 of targetNames(left)) add(t2.text, { kind: "for", target: left, iter: right });
      }
    });
    this.scopeIndex.set(scope.id, index = idx);
    return index;
  }
  bindingsIn(scope, name) {
    const out = [...this.scopeBindings(scope).get(name) ?? []];
    if (scope.type === "function_definition") {
      const params = field(scope, "parameters");
      let index = 0;
      for (const p of params ? named(params) : []) {
        let id = null;
        let dflt = null;
        if (p.type === "identifier") id = p;
        else if (p.type === "typed_parameter") id = named(p).find((c) => c.type === "identifier") ?? null;
        else if (p.type === "default_parameter" || p.type === "typed_default_parameter") {
          id = field(p, "name");
          dflt = field(p, "value");
        } else if (p.type === "list_splat_pattern" || p.type === "dictionary_splat_pattern" || p.type === "keyword_separator") {
          index = -1e3;
          continue;
        }
        if (id?.text === name) out.push({ kind: "param", fn: scope, index, name, dflt });
        index++;
      }
    }
    return out;
  }
  resolveName(name, use, depth) {
    if (depth > MAX_DEPTH) return [];
    const scope = this.scopeOf(use);
    for (let p = use.parent; p && !same(p, scope); p = p.parent) {
      if (!COMPREHENSIONS.has(p.type)) continue;
      for (const clause of named(p)) {
        if (clause.type !== "for_in_clause") continue;
        const left = field(clause, "left");
        const right = field(clause, "right");
        if (left && right && targetNames(left).some((t2) => t2.text === name)) return this.resolveTarget(left, name, right, depth + 1);
      }
    }
    const fromScope = (s) => {
      const binds = this.bindingsIn(s, name);
      if (!binds.length) return void 0;
      const atModule = s.type === "module";
      const out = [];
      for (const b of binds) {
        if (b.kind === "assign") {
          for (const v of this.resolveExpr(b.right, depth + 1))
            out.push(v.kind === "literal" ? { ...v, kind: "variable", ...atModule ? { container: name } : {} } : v);
        } else if (b.kind === "for") out.push(...this.resolveTarget(b.target, name, b.iter, depth + 1));
        else out.push(...this.resolveParam(b, depth + 1));
      }
      return out;
    };
    if (scope.type !== "module") {
      const local = fromScope(scope);
      if (local) return local;
    }
    return fromScope(this.root) ?? [];
  }
  resolveParam(b, depth) {
    const out = [];
    const fnName = field(b.fn, "name")?.text;
    if (b.dflt) for (const v of this.resolveExpr(b.dflt, depth)) out.push(v.kind === "literal" ? { ...v, kind: "variable" } : v);
    if (!fnName || depth > MAX_DEPTH) return out;
    const params = field(b.fn, "parameters");
    const first = params ? named(params)[0] : void 0;
    const isMethod = this.scopeOf(b.fn).type === "class_definition" && (first?.text === "self" || first?.text === "cls");
    for (const c of this.allCalls()) {
      const f = field(c, "function");
      if (!f) continue;
      let index = b.index;
      if (f.type === "identifier" && f.text === fnName) {
        if (isMethod) continue;
      } else if (f.type === "attribute" && field(f, "attribute")?.text === fnName && isMethod) index--;
      else continue;
      const { positional, keywords } = splitArgs(field(c, "arguments"));
      const arg = keywords.get(b.name) ?? (index >= 0 ? positional[index] : void 0);
      if (arg) for (const v of this.resolveExpr(arg, depth)) out.push(v.kind === "literal" ? { ...v, kind: "variable" } : v);
    }
    return out;
  }
  resolveTarget(target, name, iter, depth) {
    const items = this.resolveIterable(iter, depth);
    const out = [];
    if (target.type === "identifier") {
      for (const it of items) if (it.single) out.push(it.single);
      return out;
    }
    const parts = named(target);
    const idx = parts.findIndex((p) => p.type === "identifier" && p.text === name);
    if (idx < 0 || idx > 1 || parts.length !== 2) return out;
    for (const it of items) {
      const v = it.pair?.[idx];
      if (v) out.push(v);
    }
    return out;
  }
  /**
   * The containers (dict, list, tuple, set) a name is bound to where it is used, with their entries:
   * those of the literal, then those added by later statements (`MAP["k"] = "v"`, `MAP.update({...})`,
   * `NAMES.append("v")`, `NAMES += [...]`), in source order.
   */
  containers(name, use) {
    const scope = this.scopeOf(use);
    const find = (s) => this.bindingsIn(s, name).filter((b) => b.kind === "assign").map((b) => b.right).filter((r) => ["dictionary", "list", "tuple", "set"].includes(r.type));
    const withEntries = (node, moduleLevel, s) => {
      const label = moduleLevel ? name : void 0;
      const dict = node.type === "dictionary";
      return { node, moduleLevel, dict, entries: [...this.literalEntries(node, label), ...this.mutations(name, s, dict, label)] };
    };
    if (scope.type !== "module") {
      const local = find(scope);
      if (local.length) return local.map((node) => withEntries(node, false, scope));
    }
    return find(this.root).map((node) => withEntries(node, true, this.root));
  }
  /** A string literal as an entry's key or value (anything else is not followed). */
  entryValue(n, container, key) {
    const v = stringValue(n);
    if (v === void 0 || !n) return void 0;
    return { value: v, span: spanOf(n), literal: n.type === "string", kind: "variable", ...container !== void 0 ? { container } : {}, ...key !== void 0 ? { key } : {} };
  }
  /**
   * Entries a container bound in `scope` gets from statements: in that scope, and for a module-level
   * container also in functions that do not bind the name themselves (they change the global one).
   */
  mutations(name, scope, dict, container) {
    const cacheKey = `${name}:${scope.id}:${dict}:${container ?? ""}`;
    const cached = this.mutationCache.get(cacheKey);
    if (cached) return cached;
    const found = this.findMutations(name, scope, dict, container);
    this.mutationCache.set(cacheKey, found);
    return found;
  }
  mutationCache = /* @__PURE__ */ new Map();
  findMutations(name, scope, dict, container) {
    const out = [];
    const isName = (n) => n?.type === "identifier" && n.text === name;
    const pairsOf = (d) => d.type === "dictionary" ? this.literalEntries(d, container) : [];
    const itemsOf = (l) => ["list", "tuple", "set"].includes(l.type) ? this.literalEntries(l, container) : [];
    const visit = (n) => {
      if (n.type === "assignment") {
        const left = field(n, "left");
        if (dict && left?.type === "subscript" && isName(field(left, "value"))) {
          const keyNode = field(left, "subscript");
          const k = stringValue(keyNode);
          out.push({ at: n.startIndex, entries: [{ key: this.entryValue(keyNode, container, k), value: this.entryValue(field(n, "right"), container, k) }] });
        }
      } else if (n.type === "augmented_assignment") {
        const right = field(n, "right");
        const op = field(n, "operator")?.text;
        if (isName(field(n, "left")) && right) {
          if (dict && op === "|=") out.push({ at: n.startIndex, entries: pairsOf(right) });
          else if (!dict && (op === "+=" || op === "|=")) out.push({ at: n.startIndex, entries: itemsOf(right) });
        }
      } else if (n.type === "call") {
        const fn = field(n, "function");
        if (fn?.type !== "attribute" || !isName(field(fn, "object"))) return;
        const method = field(fn, "attribute")?.text;
        const { positional, keywords } = splitArgs(field(n, "arguments"));
        const entries = [];
        if (dict && method === "update") {
          if (positional[0]) entries.push(...pairsOf(positional[0]));
          for (const [k, v] of keywords)
            entries.push({
              key: { value: k, span: spanOf(v), literal: false, kind: "variable", ...container !== void 0 ? { container } : {}, key: k },
              value: this.entryValue(v, container, k)
            });
        } else if (dict && method === "setdefault" && positional[0]) {
          const k = stringValue(positional[0]);
          entries.push({ key: this.entryValue(positional[0], container, k), value: this.entryValue(positional[1], container, k) });
        } else if (!dict && (method === "append" || method === "add") && positional[0]) entries.push({ value: this.entryValue(positional[0], container) });
        else if (!dict && method === "insert" && positional[1]) entries.push({ value: this.entryValue(positional[1], container) });
        else if (!dict && method === "extend" && positional[0]) entries.push(...itemsOf(positional[0]));
        if (entries.length) out.push({ at: n.startIndex, entries });
      }
    };
    this.walkScope(scope, visit);
    if (scope.type === "module") {
      for (const fn of this.root.descendantsOfType(["function_definition", "lambda"])) {
        if (this.bindingsIn(fn, name).length) continue;
        this.walkScope(fn, visit);
      }
    }
    return out.sort((a, b) => a.at - b.at).flatMap((o) => o.entries);
  }
  entryCache = /* @__PURE__ */ new Map();
  literalEntries(node, container) {
    const cacheKey = `${node.id}:${container ?? ""}`;
    let cached = this.entryCache.get(cacheKey);
    if (!cached) this.entryCache.set(cacheKey, cached = this.computeEntries(node, container));
    return cached;
  }
  computeEntries(node, container) {
    if (node.type === "dictionary") {
      return named(node).filter((p) => p.type === "pair").map((p) => {
        const k = stringValue(field(p, "key"));
        return { key: this.entryValue(field(p, "key"), container, k), value: this.entryValue(field(p, "value"), container, k) };
      });
    }
    return named(node).map((e) => ({ value: this.entryValue(e, container) }));
  }
  resolveIterable(iter, depth) {
    if (depth > MAX_DEPTH) return [];
    if (iter.type === "parenthesized_expression") return named(iter).flatMap((c) => this.resolveIterable(c, depth));
    if (["list", "tuple", "set"].includes(iter.type))
      return named(iter).flatMap((e) => this.resolveExpr(e, depth + 1).map((v) => ({ single: v.kind === "literal" ? { ...v, kind: "variable" } : v })));
    if (iter.type === "dictionary") return this.literalEntries(iter, void 0).flatMap((e) => e.key ? [{ single: e.key }] : []);
    if (iter.type === "identifier") {
      const out = [];
      for (const c of this.containers(iter.text, iter)) {
        for (const e of c.entries) {
          const v = c.dict ? e.key : e.value;
          if (v) out.push({ single: v });
        }
      }
      return out;
    }
    if (iter.type === "call") {
      const f = field(iter, "function");
      const { positional } = splitArgs(field(iter, "arguments"));
      if (f?.type === "identifier" && ["sorted", "list", "tuple", "set", "reversed", "frozenset"].includes(f.text) && positional[0])
        return this.resolveIterable(positional[0], depth + 1);
      if (f?.type === "identifier" && f.text === "enumerate" && positional[0])
        return this.resolveIterable(positional[0], depth + 1).flatMap((it) => it.single ? [{ pair: [void 0, it.single] }] : []);
      if (f?.type === "attribute") {
        const obj = field(f, "object");
        const method = field(f, "attribute")?.text;
        if (obj?.type !== "identifier" || !method) return [];
        const out = [];
        for (const c of this.containers(obj.text, obj)) {
          if (!c.dict) continue;
          for (const e of c.entries) {
            if (method === "items") out.push({ pair: [e.key, e.value] });
            else if (method === "values" && e.value) out.push({ single: e.value });
            else if (method === "keys" && e.key) out.push({ single: e.key });
          }
        }
        return out;
      }
    }
    return [];
  }
  /** Values from a container subscript / `.get`: `M[k]`, `M["k"]`, `M.get(k)`. */
  containerValues(obj, keyNode) {
    if (obj.type !== "identifier") return [];
    const wanted = stringValue(keyNode);
    const index = keyNode?.type === "integer" ? Number(keyNode.text) : void 0;
    const out = [];
    for (const c of this.containers(obj.text, obj)) {
      c.entries.forEach((e, i) => {
        if (!e.value) return;
        if (c.dict && wanted !== void 0 && e.key?.value !== wanted) return;
        if (!c.dict && index !== void 0 && i !== index) return;
        out.push(e.value);
      });
    }
    return out;
  }
  product(node, parts) {
    let acc = [{ value: "", from: [] }];
    for (const options of parts) {
      if (!options.length) return [];
      const next = [];
      for (const a of acc) for (const o of options) next.push({ value: a.value + o.value, from: o.kind === "literal" ? a.from : [...a.from, o] });
      if (next.length > MAX_EXPANSIONS) return [];
      acc = next;
    }
    return acc.map((a) => {
      const src = a.from.find((f) => f.container !== void 0) ?? a.from[0];
      return {
        value: a.value,
        span: spanOf(node),
        literal: false,
        kind: a.from.length ? "fstring" : "literal",
        ...src?.container !== void 0 ? { container: src.container } : {},
        ...src?.key !== void 0 ? { key: src.key } : {}
      };
    });
  }
  constant(value) {
    return { value, span: { line: 0, column: 0, endLine: 0, endColumn: 0 }, literal: true, kind: "literal" };
  }
  resolveExpr(node, depth) {
    if (depth > MAX_DEPTH) return [];
    switch (node.type) {
      case "string": {
        const v = plainString(node);
        if (v !== void 0) return [{ value: v, span: spanOf(node), literal: true, kind: "literal" }];
        if (stringPrefix(node).includes("b")) return [];
        const raw = stringPrefix(node).includes("r");
        const parts = [];
        for (const c of node.namedChildren) {
          if (c.type === "string_content") parts.push([this.constant(contentValue(c, raw))]);
          else if (c.type === "interpolation") {
            if (field(c, "format_specifier")) return [];
            const e = field(c, "expression");
            if (!e) return [];
            parts.push(this.resolveExpr(e, depth + 1));
          }
        }
        return this.product(node, parts);
      }
      case "concatenated_string": {
        const v = stringValue(node);
        if (v !== void 0) return [{ value: v, span: spanOf(node), literal: false, kind: "literal" }];
        return this.product(node, named(node).map((p) => this.resolveExpr(p, depth + 1).map((x) => x.kind === "literal" ? this.constant(x.value) : x)));
      }
      case "binary_operator": {
        const op = field(node, "operator")?.text;
        const l = field(node, "left");
        const r = field(node, "right");
        if (op !== "+" || !l || !r) return [];
        const parts = [l, r].map((p) => this.resolveExpr(p, depth + 1).map((x) => x.kind === "literal" ? this.constant(x.value) : x));
        const out = this.product(node, parts);
        return out.map((v) => v.kind === "literal" ? { ...v, literal: false } : v);
      }
      case "parenthesized_expression":
        return named(node).flatMap((c) => this.resolveExpr(c, depth + 1));
      case "conditional_expression": {
        const [a, , b] = named(node);
        return [...a ? this.resolveExpr(a, depth + 1) : [], ...b ? this.resolveExpr(b, depth + 1) : []];
      }
      case "identifier":
        return this.resolveName(node.text, node, depth + 1);
      case "subscript": {
        const obj = field(node, "value");
        const key = field(node, "subscript") ?? void 0;
        return obj ? this.containerValues(obj, key) : [];
      }
      case "call": {
        const f = field(node, "function");
        if (f?.type === "attribute" && field(f, "attribute")?.text === "get") {
          const obj = field(f, "object");
          const { positional } = splitArgs(field(node, "arguments"));
          const out = obj ? this.containerValues(obj, positional[0]) : [];
          if (positional[1]) out.push(...this.resolveExpr(positional[1], depth + 1).map((v) => v.kind === "literal" ? { ...v, kind: "variable" } : v));
          return out;
        }
        return [];
      }
      default:
        return [];
    }
  }
  // ----- SQLAlchemy ----------------------------------------------------------
  models() {
    const classes = [];
    const baseFactories = [];
    if (!this.mentions(["class", "declarative_base", "generate_base", "SQLAlchemy"])) return { classes, baseFactories };
    for (const { captures } of this.matches("models")) {
      const cls = captures.get("class");
      if (cls) {
        const name = captures.get("name");
        const body = captures.get("body");
        if (!name || !body || contextOf(cls).scope !== "module") continue;
        classes.push(this.classFact(cls, name, body));
        continue;
      }
      const assign = captures.get("factory");
      const variable = captures.get("variable");
      const callee = captures.get("callee");
      if (!assign || !variable || !callee || contextOf(assign).scope !== "module") continue;
      const last = lastSegment(callee.text);
      const factory = last === "declarative_base" ? "declarative_base" : last === "generate_base" ? "generate_base" : "flask_sqlalchemy";
      baseFactories.push({ variable: variable.text, factory, ...spanOf(assign) });
    }
    return { classes, baseFactories };
  }
  classFact(cls, name, body) {
    const fact = {
      name: name.text,
      bases: splitArgs(field(cls, "superclasses")).positional.map((b) => b.text),
      relationships: [],
      abstract: false,
      ...spanOf(name)
    };
    for (const stmt of named(body)) {
      if (stmt.type !== "expression_statement") continue;
      const a = stmt.namedChildren[0];
      if (a?.type !== "assignment") continue;
      const left = field(a, "left");
      const right = field(a, "right");
      if (left?.type !== "identifier" || !right) continue;
      if (left.text === "__tablename__") {
        const v = stringValue(right);
        if (v !== void 0) fact.tablename = v;
      } else if (left.text === "__abstract__") {
        fact.abstract = right.type === "true";
      } else if (right.type === "call" && lastSegment(field(right, "function")?.text ?? "") === "relationship") {
        const rel = this.relationship(left.text, right, field(a, "type"));
        if (rel) fact.relationships.push(rel);
      }
    }
    return fact;
  }
  relationship(attribute, call, annotation) {
    const { positional, keywords } = splitArgs(field(call, "arguments"));
    let targetNode = positional[0] ?? keywords.get("argument");
    let target;
    let targetIsString = false;
    if (targetNode) {
      if (targetNode.type === "lambda") return void 0;
      const s = stringValue(targetNode);
      if (s !== void 0) {
        target = s;
        targetIsString = true;
      } else if (targetNode.type === "identifier" || targetNode.type === "attribute") target = targetNode.text;
      else return void 0;
    } else if (annotation) {
      const found = targetFromAnnotation(annotation);
      if (!found) return void 0;
      ({ target, targetIsString } = found);
      targetNode = found.node;
    }
    if (target === void 0 || !targetNode) return void 0;
    const text = (n) => {
      if (!n) return void 0;
      const s = stringValue(n);
      if (s !== void 0) return s;
      if (n.type === "call" && lastSegment(field(n, "function")?.text ?? "") === "backref") {
        const v = stringValue(splitArgs(field(n, "arguments")).positional[0]);
        if (v !== void 0) return v;
      }
      return n.text;
    };
    const backPopulates = text(keywords.get("back_populates"));
    const backref = text(keywords.get("backref"));
    return {
      target,
      targetIsString,
      attribute,
      ...backPopulates !== void 0 ? { backPopulates } : {},
      ...backref !== void 0 ? { backref } : {},
      ...spanOf(targetNode)
    };
  }
  // ----- comments and syntax problems ----------------------------------------
  syntax() {
    const suppressions = [];
    const problems = [];
    if (!this.root.hasError && !this.mentions(["parity-check"])) return { suppressions, problems };
    for (const { captures } of this.matches("syntax")) {
      const comment = captures.get("comment");
      if (comment) {
        const codes = parseSuppression(comment.text);
        if (codes === void 0) continue;
        const lineStart = this.text.lastIndexOf("\n", comment.startIndex - 1) + 1;
        const before = this.text.slice(lineStart, comment.startIndex);
        suppressions.push({
          line: comment.startPosition.row + 1,
          column: comment.startPosition.column + 1,
          codes,
          ownLine: before.trim() === ""
        });
        continue;
      }
      const err = captures.get("error");
      if (err) {
        let nested = false;
        for (let p = err.parent; p; p = p.parent) if (p.type === "ERROR") nested = true;
        if (nested) continue;
        const snippet = err.text.split("\n")[0].trim().slice(0, 40);
        problems.push({ message: snippet ? `syntax error near "${snippet}"` : "syntax error", ...spanOf(err) });
        continue;
      }
      const missing = captures.get("missing");
      if (missing) problems.push({ message: missing.isNamed ? `missing ${missing.type}` : `missing "${missing.type}"`, ...spanOf(missing) });
    }
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { suppressions, problems };
  }
};
function parseSuppression(comment) {
  const marker = "parity-check:";
  const at = comment.indexOf(marker);
  if (at < 0) return void 0;
  const rest = comment.slice(at + marker.length).trimStart();
  if (!rest.startsWith("ignore")) return void 0;
  const after = rest.slice("ignore".length);
  if (after.startsWith("[")) {
    const close = after.indexOf("]");
    if (close < 0) return void 0;
    const codes = after.slice(1, close).split(",").map((c) => c.trim()).filter((c) => c !== "");
    return codes.length ? codes : null;
  }
  if (after === "" || after[0] === " " || after[0] === "	" || after[0] === "#") return null;
  return void 0;
}
var WRAPPERS = /* @__PURE__ */ new Set([
  "Mapped",
  "WriteOnlyMapped",
  "DynamicMapped",
  "List",
  "list",
  "Set",
  "set",
  "FrozenSet",
  "frozenset",
  "Optional",
  "Sequence",
  "Collection",
  "Iterable",
  "MutableSequence",
  "MutableSet",
  "Tuple",
  "tuple"
]);
function targetFromAnnotation(n) {
  switch (n.type) {
    case "type": {
      const c = named(n)[0];
      return c ? targetFromAnnotation(c) : void 0;
    }
    case "generic_type": {
      const [head, params] = named(n);
      if (!head || !params || !WRAPPERS.has(lastSegment(head.text))) return void 0;
      const first = named(params)[0];
      return first ? targetFromAnnotation(first) : void 0;
    }
    case "subscript": {
      const head = field(n, "value");
      const sub = field(n, "subscript");
      if (!head || !sub || !WRAPPERS.has(lastSegment(head.text))) return void 0;
      return targetFromAnnotation(sub);
    }
    case "binary_operator": {
      const l = field(n, "left");
      const r = field(n, "right");
      const pick = l && l.type !== "none" ? l : r;
      return pick && pick.type !== "none" ? targetFromAnnotation(pick) : void 0;
    }
    case "union_type": {
      for (const c of named(n)) {
        if (c.text === "None") continue;
        const t2 = targetFromAnnotation(c);
        if (t2) return t2;
      }
      return void 0;
    }
    case "string": {
      const v = plainString(n);
      if (v === void 0) return void 0;
      const t2 = stringTarget(v);
      return t2 ? { target: t2, targetIsString: true, node: n } : void 0;
    }
    case "identifier":
    case "attribute":
      return n.text === "None" ? void 0 : { target: n.text, targetIsString: false, node: n };
    default:
      return void 0;
  }
}
function stringTarget(s) {
  let t2 = s.trim();
  for (; ; ) {
    const open = t2.indexOf("[");
    if (open > 0 && t2.endsWith("]") && WRAPPERS.has(lastSegment(t2.slice(0, open)))) t2 = t2.slice(open + 1, -1).trim();
    else break;
  }
  const unquote = (p) => {
    const q = p[0];
    return (q === '"' || q === "'") && p.endsWith(q) && p.length >= 2 ? p.slice(1, -1) : p;
  };
  const parts = t2.split("|").map((p) => unquote(p.trim())).filter((p) => p !== "" && p !== "None");
  return parts.length === 1 ? parts[0] : void 0;
}

// entry.ts
var files = [];
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (e.name === ".git") continue;
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith(".py")) files.push(p);
  }
}
walk(process.argv[2]);
var texts = files.map((f) => fs.readFileSync(f, "utf8"));
var t = performance.now();
for (const x of texts) parsePython(x);
console.log("parse", files.length, (performance.now() - t).toFixed(0));
t = performance.now();
for (const x of texts) extractFacts(x);
console.log("extract", (performance.now() - t).toFixed(0));
t = performance.now();
for (const x of texts) extractFacts(x);
console.log("extract2", (performance.now() - t).toFixed(0));
