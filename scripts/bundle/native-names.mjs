/**
 * esbuild's keepNames makes a bundle keep the names the sources gave their classes and functions, which Nest,
 * MikroORM and Swagger read (a bundle otherwise renames a class that refers to itself, or whose name another
 * module also uses). It does so with `__name(fn, "name")` calls around every named function, the closures made
 * on every request too: a third more CPU per product read (docs/decisions/0006-ship-one-bundle.md).
 *
 * Most of those calls give a function the name JavaScript gives it anyway: a declaration `function f` is named
 * `f`, and an anonymous function, arrow or class is named after the variable, property, class field or parameter
 * default it initialises. This removes exactly those calls, found with a parser; a class expression esbuild
 * renamed gets its own name back in its source instead (below); every other call stays (a renamed function, an
 * assignment to a member). The names at run time are the ones keepNames gives.
 */
import { parse } from 'acorn';

/** The bundle's code with the `__name` calls that restate a name JavaScript gives anyway taken out, and the edits made. */
export function nativeNamesOnly(code) {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
  const cuts = [];
  const edits = [];
  visit(ast, null, (node, parent) => {
    if (node.type === 'StaticBlock') {
      const naming = classNaming(node, parent);
      if (naming?.nativeName === naming?.name) cuts.push([node.start, node.end]);
      else if (naming) edits.push(...givenItsName(naming, node));
    }
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== '__name') return;
    const [target, name] = node.arguments;
    if (name?.type !== 'Literal' || typeof name.value !== 'string') return;
    // `__name(` and `,"name")` go; the function between them stays as written (in its parentheses, with the calls
    // inside it).
    if (namedByLanguage(target, name.value, node, parent)) cuts.push([node.start, code.indexOf('(', node.callee.end) + 1], [code.lastIndexOf(',', name.start), node.end]);
  });
  const all = [...cuts.map(([start, end]) => ({ start, end, text: '' })), ...edits].sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const { start, end, text } of all) {
    parts.push(code.slice(at, start), text);
    at = end;
  }
  parts.push(code.slice(at));
  const result = parts.join('');
  parse(result, { ecmaVersion: 'latest', sourceType: 'script' }); // still a script
  return { code: result, edits: all };
}

/** Whether `target`, passed to `__name(target, name)` at `call`, already has that name without the call. */
function namedByLanguage(target, name, call, parent) {
  if (target.type === 'Identifier') return parent.type === 'ExpressionStatement' && target.name === name && declaresFunction(statementLists.get(parent), name);
  if (target.type !== 'ArrowFunctionExpression' && target.type !== 'FunctionExpression') return false;
  if (target.id) return target.id.name === name;
  return inferredName(call, parent) === name;
}

/** A class's `static { __name(this, "name") }` block: the class, the name it is given, the one it has without it. */
function classNaming(block, classBody) {
  const [statement] = block.body;
  if (block.body.length !== 1 || statement.type !== 'ExpressionStatement') return undefined;
  const call = statement.expression;
  const [target, name] = call.arguments ?? [];
  if (call.type !== 'CallExpression' || call.callee.name !== '__name' || target?.type !== 'ThisExpression' || name?.type !== 'Literal') return undefined;
  const klass = parents.get(classBody);
  return { klass, name: name.value, nativeName: klass.id ? klass.id.name : inferredName(klass, parents.get(klass)) };
}

/**
 * A class expression esbuild renamed from the name its source gave it (`X = class _X { static { __name(this,
 * "X") } ... }`, so that its own name cannot hide the variable it was hoisted into), or left anonymous where
 * its variable was renamed (`X2 = class { ... "X" ... }`), gets that name back, `class X`, with the references
 * to itself inside it, and loses the block. A constructor whose `name` was redefined is
 * slower to read static members from: MikroORM's `Utils` is such a class. Only where nothing inside the class
 * is called `X` already (which the rename would capture) and every `_X` in it is a plain reference; otherwise
 * the block stays (no edits).
 */
function givenItsName({ klass, name }, block) {
  // A declaration's name is also the binding the code around it uses.
  if (klass.type !== 'ClassExpression' || !/^[A-Za-z_$][\w$]*$/.test(name)) return [];
  const innerName = klass.id?.name;
  const references = [];
  let safe = true;
  if (klass.superClass) visit(klass.superClass, klass, (node) => {
    if (node.type === 'Identifier' && node.name === name) safe = false; // `class X extends X` would read itself
  });
  visit(klass.body, klass, (node, parent) => {
    if (node.type !== 'Identifier' || isPropertyName(node, parent)) return;
    if (node.name === name) safe = false;
    else if (node.name === innerName) {
      if (isPlainReference(node, parent)) references.push(node);
      else safe = false;
    }
  });
  if (!safe) return [];
  const id = klass.id ? { start: klass.id.start, end: klass.id.end, text: name } : { start: klass.start + 'class'.length, end: klass.start + 'class'.length, text: ` ${name}` };
  return [{ start: block.start, end: block.end, text: '' }, id, ...references.map(({ start, end }) => ({ start, end, text: name }))];
}

/** An identifier that names a property (`a.x`, `{ x: 1 }`, a method or field `x`), not a binding. */
function isPropertyName(node, parent) {
  if (parent.type === 'MemberExpression') return parent.property === node && !parent.computed;
  if (parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

/** An identifier read or called as a value, nothing that declares, assigns or labels it. */
function isPlainReference(node, parent) {
  const valueOf = ['MemberExpression', 'CallExpression', 'NewExpression', 'BinaryExpression', 'LogicalExpression', 'ReturnStatement', 'ExpressionStatement', 'ConditionalExpression', 'SequenceExpression', 'ArrayExpression', 'SpreadElement', 'UnaryExpression', 'TemplateLiteral', 'AwaitExpression', 'ChainExpression'];
  if (parent.type === 'Property') return parent.value === node && !parent.shorthand;
  if (parent.type === 'ArrowFunctionExpression') return parent.body === node;
  if (parent.type === 'VariableDeclarator') return parent.init === node;
  if (parent.type === 'AssignmentExpression') return parent.right === node;
  return valueOf.includes(parent.type);
}

/** The name an anonymous function placed where `call` is gets from its position (ECMAScript NamedEvaluation). */
function inferredName(call, parent) {
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === call && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.operator === '=' && parent.right === call && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    case 'AssignmentPattern':
      return parent.right === call && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    case 'Property':
      return parent.value === call && parent.kind === 'init' && !parent.computed && !parent.shorthand && !parent.method ? keyName(parent.key) : undefined;
    case 'PropertyDefinition':
      return parent.value === call && !parent.computed ? keyName(parent.key) : undefined;
    default:
      return undefined;
  }
}

function keyName(key) {
  const name = key.type === 'Identifier' ? key.name : key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
  return name === '__proto__' ? undefined : name; // `__proto__: fn` sets the prototype, it names nothing
}

/** Whether a statement list declares `function name` (its own name, whatever runs first). */
function declaresFunction(statements, name) {
  return statements?.some((statement) => statement.type === 'FunctionDeclaration' && statement.id?.name === name) ?? false;
}

/** The statement list each statement sits in, and each node's parent, recorded by `visit`. */
const statementLists = new WeakMap();
const parents = new WeakMap();

function visit(node, parent, enter) {
  parents.set(node, parent);
  enter(node, parent);
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) {
        if (!item || typeof item.type !== 'string') continue;
        statementLists.set(item, child);
        visit(item, node, enter);
      }
    } else if (child && typeof child.type === 'string') {
      visit(child, node, enter);
    }
  }
}
