// Local wrapper functions of a CDK TypeScript app, followed one level (cdk-typescript.ts):
// - a function that returns a value (`const bundledPythonCode = (directory) => lambda.Code.fromAsset(path.join(
//   __dirname, '../lambda', directory), ...)`): its call is the returned expression with the parameters bound to the
//   call's arguments;
// - a function that makes a construct from its parameters (`function makeFunction(scope, id, props) { return new
//   lambda.Function(scope, id, { code: props.code, ... }) }`): the construct is made once per call of the function in
//   the file, each with that call's arguments.
// - a construct class whose constructor makes the construct from its props (`class ApiFn extends Construct {
//   constructor(scope, id, props) { new lambda.Function(this, 'Fn', { code: lambda.Code.fromAsset(props.dir) }) } }`):
//   made once per `new ApiFn(this, 'Orders', { dir: ... })` in the file, named `Orders/Fn` as CDK's path names it.
// A function with several returns, a call inside another followed function, a destructured or rest parameter are
// not followed: what they give is an unknown with why (the function is then named as not checked, never silently
// unseen).
import type Parser from 'tree-sitter';
import type { Location } from '../types.js';
import { unknownVal, type Val } from './cdk-values.js';

type Node = Parser.SyntaxNode;

export interface Bound {
  fn: Node;
  vals: Map<string, Val>;
}

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);
const FUNCTIONS = new Set([...FUNCTION_VALUES, 'function_declaration', 'method_definition', 'generator_function_declaration']);
const UNWRAP = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression']);

/** The one local function of that name: a `function` declaration, or a constant bound once to a function value. */
export function localFunction(name: string, functions: Map<string, Node[]>, assigns: Map<string, Node[]>): Node | null {
  const decl = functions.get(name);
  const bound = assigns.get(name);
  if (decl?.length === 1 && !bound) return decl[0];
  if (bound?.length !== 1 || decl) return null;
  let v = bound[0];
  while (UNWRAP.has(v.type)) v = v.namedChildren[0];
  return FUNCTION_VALUES.has(v.type) ? v : null;
}

/** The local function a node sits in (the nearest enclosing function), with its name, when that is one. */
export function enclosingLocalFunction(n: Node, functions: Map<string, Node[]>, assigns: Map<string, Node[]>): { name: string; node: Node } | null {
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (!FUNCTIONS.has(cur.type)) continue;
    let name: string | undefined;
    if (cur.type === 'function_declaration') name = cur.childForFieldName('name')?.text;
    else if (FUNCTION_VALUES.has(cur.type)) {
      let up = cur.parent;
      while (up && UNWRAP.has(up.type)) up = up.parent;
      if (up?.type === 'variable_declarator' && up.childForFieldName('name')?.type === 'identifier') name = up.childForFieldName('name')!.text;
    }
    return name && localFunction(name, functions, assigns) === cur ? { name, node: cur } : null;
  }
  return null;
}

/** The expression a function returns: its expression body, or the argument of its only `return`. */
export function returnedValue(fn: Node): { node: Node } | { why: string } {
  const body = fn.childForFieldName('body');
  if (!body) return { why: 'it has no body' };
  if (body.type !== 'statement_block') return { node: body };
  const returns: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (FUNCTIONS.has(c.type) || c.type === 'class_declaration' || c.type === 'class') continue;
      if (c.type === 'return_statement') returns.push(c);
      else walk(c);
    }
  };
  walk(body);
  if (returns.length !== 1) return { why: `it has ${returns.length} return statements: not followed` };
  const value = returns[0].namedChildren[0];
  return value ? { node: value } : { why: 'it returns nothing' };
}

/** The parameters' values for a call with `args`: by position; a parameter with no argument or an unread shape is unknown. */
export function bindParams(fn: Node, args: Val[], loc: Location): Map<string, Val> {
  const vals = new Map<string, Val>();
  const single = fn.childForFieldName('parameter');
  const params = single ? [single] : (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((c) => c.type !== 'comment');
  params.forEach((p, i) => {
    const pattern = p.type === 'identifier' ? p : p.childForFieldName('pattern');
    if (pattern?.type !== 'identifier') {
      for (const name of namesIn(pattern)) vals.set(name, unknownVal(`${name} is a destructured parameter`, loc));
      return;
    }
    vals.set(pattern.text, args[i] ?? unknownVal(`${pattern.text} is given no argument at this call`, loc));
  });
  return vals;
}

function namesIn(n: Node | null): string[] {
  if (!n) return [];
  if (n.type === 'identifier' || n.type === 'shorthand_property_identifier_pattern') return [n.text];
  return n.namedChildren.flatMap((c) => (c.type === 'type_annotation' ? [] : namesIn(c)));
}

/** The class whose constructor a node sits in directly (no function between), with the class's name. */
export function enclosingConstructClass(n: Node): { name: string; node: Node } | null {
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (!FUNCTIONS.has(cur.type)) continue;
    if (cur.type !== 'method_definition' || cur.childForFieldName('name')?.text !== 'constructor') return null;
    const cls = cur.parent?.parent;
    const name = cls?.type === 'class_declaration' ? cls.childForFieldName('name')?.text : undefined;
    return name ? { name, node: cur } : null;
  }
  return null;
}

/** A construct made inside an instance of a construct class: its id under the instance's (`Orders/Fn`, CDK's path). */
export function underInstance(v: Val, instanceId: Val | undefined): Val {
  if (v.k !== 'call' || instanceId?.k !== 'str' || v.args[1]?.k !== 'str') return v;
  return { ...v, args: [v.args[0], { ...v.args[1], v: `${instanceId.v}/${v.args[1].v}` }, ...v.args.slice(2)] };
}
