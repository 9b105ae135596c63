// The per-file index: the file's text and tree, its query matches, and the memoised indexes the
// fact families share (calls by name, each scope's bindings and attribute reads, the module-level
// call of a function, a parameter's arguments). extractFacts creates one per file and drops it with
// the tree: nothing here outlives a file, so nothing grows across the files of a worker.
import { pushTo } from '../../util/multimap.js';
import { pythonMatches, type Match, type QueryName } from '../queries.js';
import { contextOf } from './context.js';
import { field, named, same, SCOPE_TYPES, splitArgs, targetNames, type Node } from './nodes.js';
import { walkScope, type Binding } from './scope.js';

export type ParamBinding = Extract<Binding, { kind: 'param' }>;

interface ScopeIndex {
  bindings: Map<string, Binding[]>;
  reads: Map<string, Node[]>;
}

export class FileIndex {
  private allMatches?: Map<QueryName, Match[]>;
  private calls?: Node[];
  private callIndex?: Map<string, { call: Node; attribute: boolean }[]>;
  private readonly scopeIndexes = new Map<number, ScopeIndex>();
  /** The first call of a module-level function made at module level (`_setup()`), or null: none. */
  private readonly moduleLevelCalls = new Map<number, Node | null>();
  private readonly paramArgsCache = new Map<string, { caller: Node; arg: Node | undefined }[]>();

  constructor(
    readonly text: string,
    readonly root: Node,
  ) {}

  /** Matches of one query file (every file is matched in one or two walks of the tree, on first use: see queries.ts). */
  matches(name: QueryName): Match[] {
    this.allMatches ??= pythonMatches(this.root, this.text);
    return this.allMatches.get(name)!;
  }

  /** Does the source text contain any of these words? A cheap test that skips a family's work for facts no pattern can give. */
  mentions(words: readonly string[]): boolean {
    return words.some((w) => this.text.includes(w));
  }

  allCalls(): Node[] {
    return (this.calls ??= this.root.descendantsOfType('call'));
  }

  /** The calls of a function by its name: `name(...)` and `x.name(...)` (one pass over the file's calls, on first use). */
  callsNamed(name: string): { call: Node; attribute: boolean }[] {
    if (!this.callIndex) {
      this.callIndex = new Map();
      for (const call of this.allCalls()) {
        const f = field(call, 'function');
        const key = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
        if (key === undefined) continue;
        pushTo(this.callIndex, key, { call, attribute: f!.type === 'attribute' });
      }
    }
    return this.callIndex.get(name) ?? [];
  }

  /** Statements at module level, including those nested in if/try/with/for/while blocks (not in defs/classes). */
  *moduleStatements(block: Node = this.root): Generator<Node> {
    for (const s of named(block)) {
      if (SCOPE_TYPES.has(s.type) || s.type === 'decorated_definition') {
        yield s;
        continue;
      }
      yield s;
      for (const c of named(s)) {
        if (c.type === 'block') yield* this.moduleStatements(c);
        else if (['else_clause', 'elif_clause', 'except_clause', 'except_group_clause', 'finally_clause'].includes(c.type)) {
          for (const b of named(c)) if (b.type === 'block') yield* this.moduleStatements(b);
        }
      }
    }
  }

  /** The function (or lambda, or class body) whose local scope `node` is in, or the module. */
  scopeOf(node: Node): Node {
    for (let child = node, p = node.parent; p; child = p, p = p.parent) {
      if ((p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') && same(field(p, 'body'), child)) return p;
    }
    return this.root;
  }

  /**
   * A scope's bindings, and the places it reads attributes of a name (`name.attr`: the attribute
   * node; `getattr(name, ...)`, `hasattr(name, ...)`: the call), by name, from one walk of the scope
   * on first use. A loader file with hundreds of `mN = import_module(...)` asks for each of them.
   */
  scopeIndex(scope: Node): ScopeIndex {
    let index = this.scopeIndexes.get(scope.id);
    if (index) return index;
    const bindings = new Map<string, Binding[]>();
    const reads = new Map<string, Node[]>();
    walkScope(scope, (n) => {
      if (n.type === 'assignment') {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (left?.type === 'identifier' && right) pushTo(bindings, left.text, { kind: 'assign', right });
      } else if (n.type === 'named_expression') {
        const left = field(n, 'name');
        const value = field(n, 'value');
        if (left && value) pushTo(bindings, left.text, { kind: 'assign', right: value });
      } else if (n.type === 'for_statement') {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (left && right) for (const t of targetNames(left)) pushTo(bindings, t.text, { kind: 'for', target: left, iter: right });
      } else if (n.type === 'attribute') {
        const obj = field(n, 'object');
        if (obj?.type === 'identifier') pushTo(reads, obj.text, n);
      } else if (n.type === 'call') {
        const fn = field(n, 'function')?.text;
        if (fn !== 'getattr' && fn !== 'hasattr') return;
        const first = named(field(n, 'arguments') ?? n)[0];
        if (first?.type === 'identifier') pushTo(reads, first.text, n);
      }
    });
    this.scopeIndexes.set(scope.id, (index = { bindings, reads }));
    return index;
  }

  /** The bindings of `name` in a scope: assignments, walruses and loop targets, and a function's parameter. */
  bindingsIn(scope: Node, name: string): Binding[] {
    const out: Binding[] = [...(this.scopeIndex(scope).bindings.get(name) ?? [])];
    if (scope.type === 'function_definition') {
      const params = field(scope, 'parameters');
      let index = 0;
      for (const p of params ? named(params) : []) {
        let id: Node | null = null;
        let dflt: Node | null = null;
        if (p.type === 'identifier') id = p;
        else if (p.type === 'typed_parameter') id = named(p).find((c) => c.type === 'identifier') ?? null;
        else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
          id = field(p, 'name');
          dflt = field(p, 'value');
        } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') {
          index = -1000;
          continue;
        }
        if (id?.text === name) out.push({ kind: 'param', fn: scope, index, name, dflt });
        index++;
      }
    }
    return out;
  }

  /** Every call of a parameter's function in this file, with the argument it passes for that parameter (undefined: none, the default applies). */
  paramArgs(b: ParamBinding): { caller: Node; arg: Node | undefined }[] {
    const key = `${b.fn.id}:${b.name}`;
    const cached = this.paramArgsCache.get(key);
    if (cached) return cached;
    const out: { caller: Node; arg: Node | undefined }[] = [];
    this.paramArgsCache.set(key, out);
    const fnName = field(b.fn, 'name')?.text;
    if (!fnName) return out;
    const params = field(b.fn, 'parameters');
    const first = params ? named(params)[0] : undefined;
    const isMethod = this.scopeOf(b.fn).type === 'class_definition' && (first?.text === 'self' || first?.text === 'cls');
    for (const { call: c, attribute } of this.callsNamed(fnName)) {
      let index = b.index;
      if (!attribute) {
        if (isMethod) continue;
      } else if (isMethod) index--;
      else continue;
      const { positional, keywords } = splitArgs(field(c, 'arguments'));
      out.push({ caller: c, arg: keywords.get(b.name) ?? (index >= 0 ? positional[index] : undefined) });
    }
    return out;
  }

  /** The first call of a module-level function made at module level (`_setup()`), if any. */
  moduleLevelCall(fn: Node): Node | undefined {
    const known = this.moduleLevelCalls.get(fn.id);
    if (known !== undefined) return known ?? undefined;
    let found: Node | null = null;
    const name = field(fn, 'name')?.text;
    for (const { call: c, attribute } of name ? this.callsNamed(name) : []) {
      if (attribute || c.startIndex < fn.endIndex) continue;
      const ctx = contextOf(c);
      // Under `if __name__ == "__main__":` (or TYPE_CHECKING) the call never runs on import.
      if (ctx.scope === 'module' && ctx.guard !== 'main' && ctx.guard !== 'type-checking') {
        found = c;
        break;
      }
    }
    this.moduleLevelCalls.set(fn.id, found);
    return found ?? undefined;
  }

  /**
   * Does `name` in this scope mean the module's binding? Not when the scope binds it itself (with
   * `global`, it rebinds the module's: not followed), nor when a function around it does and the
   * scope does not declare it `global` (a closure's name is the enclosing function's). Class bodies
   * around a function are not its scope.
   */
  seesModuleName(scope: Node, name: string): boolean {
    if (this.bindingsIn(scope, name).length) return false;
    if (this.declaresGlobal(scope, name)) return true;
    for (let p = scope.parent; p; p = p.parent) {
      if (p.type !== 'function_definition' && p.type !== 'lambda') continue;
      if (this.bindingsIn(p, name).length) return this.declaresGlobal(p, name);
      if (this.declaresGlobal(p, name)) return true;
    }
    return true;
  }

  private declaresGlobal(scope: Node, name: string): boolean {
    if (!this.text.includes('global')) return false;
    let found = false;
    walkScope(scope, (n) => {
      if (!found && n.type === 'global_statement') found = named(n).some((id) => id.text === name);
    });
    return found;
  }
}
