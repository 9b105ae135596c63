// The containers a name is bound to (dict, list, tuple, set literals) and their entries, with
// those later statements add: the layer under value resolution. Per file: its memo maps die with
// the index it reads.
import type { Span } from '../../types.js';
import { pushTo } from '../../util/multimap.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import type { FileIndex } from './file-index.js';
import { field, named, same, splitArgs, type Node } from './nodes.js';
import { bindingNode, reaching, walkScope, type Binding } from './scope.js';
import { stringValue } from './strings.js';

export interface Value {
  value: string;
  span: Span;
  literal: boolean;
  kind: 'literal' | 'variable' | 'fstring';
  container?: string;
  key?: string;
  /**
   * The loop iteration the value comes from (its target's node id, and the item's index): two
   * placeholders of one f-string bound by one loop take values of one item together
   * (`for name, version in VERSIONS.items(): f"api.{version}.{name}"`), never of two.
   */
  origin?: { loop: number; item: number };
  /** The iterations a value built from several (`"api." + version + "." + name`) comes from: origin of each part. */
  origins?: { loop: number; item: number }[];
}

/** The iterations a value comes from (see Value.origin and Value.origins). */
export const originsOf = (v: Value): { loop: number; item: number }[] => v.origins ?? (v.origin ? [v.origin] : []);

/** A literal that reached a name through a binding is the name's value (`kind: 'variable'`). */
export const asVariable = (v: Value): Value => (v.kind === 'literal' ? { ...v, kind: 'variable' } : v);

export interface Item {
  single?: Value;
  pair?: [Value | undefined, Value | undefined];
  /** A tuple or list element of any length (`("users", "api.users", "/users")`): its values by position. */
  tuple?: (Value | undefined)[];
  /** A dict element (`{"module": "api.users", "prefix": "/users"}`): its literal node, read by key. */
  dict?: Node;
}

/** One entry of a container: a dict's key and value, or a sequence's value (string literals only). */
export type Entry = { key?: Value; value?: Value };

export class Containers {
  private readonly mutationCache = new Map<string, Entry[]>();
  private readonly entryCache = new Map<string, Entry[]>();

  constructor(private readonly idx: FileIndex) {}

  /**
   * The containers (dict, list, tuple, set) a name is bound to where it is used, with their entries:
   * those of the literal, then those added by later statements (`MAP["k"] = "v"`, `MAP.update({...})`,
   * `NAMES.append("v")`, `NAMES += [...]`), in source order.
   */
  containers(name: string, use: Node): { node: Node; moduleLevel: boolean; dict: boolean; entries: Entry[] }[] {
    const scope = this.idx.scopeOf(use);
    const find = (s: Node) =>
      this.live(this.idx.bindingsIn(s, name), name, use, s)
        .filter((b): b is Extract<Binding, { kind: 'assign' }> => b.kind === 'assign')
        .map((b) => b.right)
        .filter((r) => ['dictionary', 'list', 'tuple', 'set'].includes(r.type));
    const withEntries = (node: Node, moduleLevel: boolean, s: Node) => {
      const label = moduleLevel ? name : undefined;
      const dict = node.type === 'dictionary';
      return { node, moduleLevel, dict, entries: [...this.literalEntries(node, label), ...this.mutations(name, s, dict, label)] };
    };
    if (scope.type !== 'module') {
      const local = find(scope);
      if (local.length) return local.map((node) => withEntries(node, false, scope));
    }
    return find(this.idx.root).map((node) => withEntries(node, true, this.idx.root));
  }

  /** The entries of a module-level container literal bound to `name`, with those later statements add (anywhere in the module). */
  moduleEntries(node: Node, name: string): Entry[] {
    return [...this.literalEntries(node, name), ...this.mutations(name, this.idx.root, node.type === 'dictionary', name)];
  }

  /** A string literal as an entry's key or value (anything else is not followed). */
  private entryValue(n: Node | null | undefined, container: string | undefined, key?: string): Value | undefined {
    const v = stringValue(n);
    if (v === undefined || !n) return undefined;
    return { value: v, span: spanOf(n), literal: n.type === 'string', kind: 'variable', ...(container !== undefined ? { container } : {}), ...(key !== undefined ? { key } : {}) };
  }

  /**
   * Entries a container bound in `scope` gets from statements: in that scope, and for a module-level
   * container also in functions that do not bind the name themselves (they change the global one).
   */
  private mutations(name: string, scope: Node, dict: boolean, container: string | undefined): Entry[] {
    const cacheKey = `${name}:${scope.id}:${dict}:${container ?? ''}`;
    const cached = this.mutationCache.get(cacheKey);
    if (cached) return cached;
    const found = this.findMutations(name, scope, dict, container);
    this.mutationCache.set(cacheKey, found);
    return found;
  }

  private findMutations(name: string, scope: Node, dict: boolean, container: string | undefined): Entry[] {
    const out: { at: number; entries: Entry[] }[] = [];
    const isName = (n: Node | null | undefined) => n?.type === 'identifier' && n.text === name;
    // A literal added whole (`update({...})`, `extend([...])`, `+= [...]`): its entries, when it is the container's kind.
    const pairsOf = (d: Node): Entry[] => (d.type === 'dictionary' ? this.literalEntries(d, container) : []);
    const itemsOf = (l: Node): Entry[] => (['list', 'tuple', 'set'].includes(l.type) ? this.literalEntries(l, container) : []);
    const visit = (n: Node) => {
      if (n.type === 'assignment') {
        const left = field(n, 'left');
        if (dict && left?.type === 'subscript' && isName(field(left, 'value'))) {
          const keyNode = field(left, 'subscript');
          const k = stringValue(keyNode);
          out.push({ at: n.startIndex, entries: [{ key: this.entryValue(keyNode, container, k), value: this.entryValue(field(n, 'right'), container, k) }] });
        }
      } else if (n.type === 'augmented_assignment') {
        const right = field(n, 'right');
        const op = field(n, 'operator')?.text;
        if (isName(field(n, 'left')) && right) {
          if (dict && op === '|=') out.push({ at: n.startIndex, entries: pairsOf(right) });
          else if (!dict && (op === '+=' || op === '|=')) out.push({ at: n.startIndex, entries: itemsOf(right) });
        }
      } else if (n.type === 'call') {
        const fn = field(n, 'function');
        if (fn?.type !== 'attribute' || !isName(field(fn, 'object'))) return;
        const method = field(fn, 'attribute')?.text;
        const { positional, keywords } = splitArgs(field(n, 'arguments'));
        const entries: Entry[] = [];
        if (dict && method === 'update') {
          if (positional[0]) entries.push(...pairsOf(positional[0]));
          // `update(audit="api.audit")`: the key is the keyword's name, placed at its value.
          for (const [k, v] of keywords)
            entries.push({
              key: { value: k, span: spanOf(v), literal: false, kind: 'variable', ...(container !== undefined ? { container } : {}), key: k },
              value: this.entryValue(v, container, k),
            });
        } else if (dict && method === 'setdefault' && positional[0]) {
          const k = stringValue(positional[0]);
          entries.push({ key: this.entryValue(positional[0], container, k), value: this.entryValue(positional[1], container, k) });
        } else if (!dict && (method === 'append' || method === 'add') && positional[0]) entries.push({ value: this.entryValue(positional[0], container) });
        else if (!dict && method === 'insert' && positional[1]) entries.push({ value: this.entryValue(positional[1], container) });
        else if (!dict && method === 'extend' && positional[0]) entries.push(...itemsOf(positional[0]));
        if (entries.length) out.push({ at: n.startIndex, entries });
      }
    };
    for (const n of this.candidates(scope).get(name) ?? []) visit(n);
    if (scope.type === 'module') {
      // Functions, methods and class bodies where the name is the module's container.
      this.functions ??= this.idx.root.descendantsOfType(['function_definition', 'lambda', 'class_definition']);
      for (const fn of this.functions) {
        const sites = this.candidates(fn).get(name);
        if (sites && this.idx.seesModuleName(fn, name)) for (const n of sites) visit(n);
      }
    }
    return out.sort((a, b) => a.at - b.at).flatMap((o) => o.entries);
  }

  private readonly candidateIndex = new Map<number, Map<string, Node[]>>();
  private functions?: Node[];

  /**
   * The statements of a scope that may change a container, by the container's name (`NAME[k] = v`,
   * `NAME op= v`, `NAME.method(...)`): one walk of the scope for every name. Walking the scope once
   * per name made a file of many module-level containers quadratic (200 dicts: 6 s).
   */
  private candidates(scope: Node): Map<string, Node[]> {
    let index = this.candidateIndex.get(scope.id);
    if (index) return index;
    const found = (index = new Map<string, Node[]>());
    const add = (n: Node | null | undefined, site: Node) => {
      if (n?.type === 'identifier') pushTo(found, n.text, site);
    };
    walkScope(scope, (n) => {
      if (n.type === 'assignment') {
        const left = field(n, 'left');
        if (left?.type === 'subscript') add(field(left, 'value'), n);
      } else if (n.type === 'augmented_assignment') add(field(n, 'left'), n);
      else if (n.type === 'call') {
        const fn = field(n, 'function');
        if (fn?.type === 'attribute') add(field(fn, 'object'), n);
      }
    });
    this.candidateIndex.set(scope.id, index);
    return index;
  }

  /**
   * The bindings of `name` in `scope` that `use` can see: those that reach it when both are in the
   * scope; for a module name used in a function (which runs once the module is loaded), those from
   * the last plain `name = ...` statement at the module's top on (`MAP = {...}` then `MAP = {k: f(v)
   * for ...}`: only the second, which is not a literal).
   */
  private live(binds: Binding[], name: string, use: Node, scope: Node): Binding[] {
    if (binds.length < 2) return binds;
    if (same(this.idx.scopeOf(use), scope)) return reaching(binds, name, use, scope);
    if (scope.type !== 'module') return binds;
    let last = -1;
    for (const st of named(scope)) {
      const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
      if (a?.type === 'assignment' && field(a, 'right') && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name) last = a.startIndex;
    }
    return binds.filter((b) => {
      const n = bindingNode(b);
      return !n || n.startIndex >= last;
    });
  }

  literalEntries(node: Node, container: string | undefined): Entry[] {
    const cacheKey = `${node.id}:${container ?? ''}`;
    let cached = this.entryCache.get(cacheKey);
    if (!cached) this.entryCache.set(cacheKey, (cached = this.computeEntries(node, container)));
    return cached;
  }

  private computeEntries(node: Node, container: string | undefined): Entry[] {
    if (node.type === 'dictionary') {
      return named(node)
        .filter((p) => p.type === 'pair')
        .map((p) => {
          const k = stringValue(field(p, 'key'));
          return { key: this.entryValue(field(p, 'key'), container, k), value: this.entryValue(field(p, 'value'), container, k) };
        });
    }
    return named(node).map((e) => ({ value: this.entryValue(e, container) }));
  }
}
