// A small scope resolver for JavaScript, enough to rename a function's own bindings correctly:
// which names each scope declares (function: parameters, `var`s and functions hoisted from its
// body, its own name for a function expression; block, for head, switch body: let/const/class/
// function; catch: its parameter), and which declaration an identifier refers to (the nearest
// enclosing scope declaring the name). Property names, labels and strings are other node kinds,
// so they are never identifiers here.
import { descendants, FUNCTION_KINDS, isFunction, kind, nodeKey, type Node } from './ast.js';

/** Identifier kinds that stand for a binding (shorthand ones also stand for a property name). */
export const BINDING_REF_KINDS = new Set(['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern']);

const BLOCK_SCOPES = new Set(['statement_block', 'switch_body', 'for_statement', 'for_in_statement', 'catch_clause', 'class', 'program']);

/** True for a node that opens a scope. A function's body block belongs to the function's scope. */
export function isScope(n: Node): boolean {
  if (FUNCTION_KINDS.has(kind(n))) return true;
  if (!BLOCK_SCOPES.has(kind(n))) return false;
  if (kind(n) === 'statement_block') {
    const p = n.parent();
    if (p && isFunction(p)) return false;
  }
  return true;
}

/** The names a binding pattern (parameter, declarator name, catch parameter) declares, with their nodes. */
export function patternNames(p: Node | null, out: Node[] = []): Node[] {
  if (!p) return out;
  switch (kind(p)) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push(p);
      break;
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      patternNames(p.field('left'), out);
      break;
    case 'pair_pattern':
      patternNames(p.field('value'), out);
      break;
    case 'required_parameter':
    case 'optional_parameter':
      patternNames(p.field('pattern'), out);
      break;
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
    case 'formal_parameters':
      for (const c of p.children()) if (c.isNamed()) patternNames(c, out);
      break;
    default:
      break;
  }
  return out;
}

function declaratorNames(decl: Node, out: Node[]): void {
  for (const c of decl.children()) if (kind(c) === 'variable_declarator') patternNames(c.field('name'), out);
}

/** `var` declarations hoisted to a function (or the program) from anywhere in `n`, not crossing functions. */
function hoistedVars(n: Node, out: Node[]): void {
  for (const c of n.children()) {
    if (isFunction(c) || kind(c) === 'class' || kind(c) === 'class_declaration') continue;
    if (kind(c) === 'variable_declaration') declaratorNames(c, out);
    if (kind(c) === 'for_in_statement' && c.field('kind')?.text() === 'var') patternNames(c.field('left'), out);
    hoistedVars(c, out);
  }
}

/** Declarations made directly in a statement list (let/const/class/function). */
function lexicalIn(list: Node, out: Node[]): void {
  for (const c of list.children()) {
    const k = kind(c);
    if (k === 'lexical_declaration') declaratorNames(c, out);
    else if (k === 'class_declaration' || k === 'function_declaration' || k === 'generator_function_declaration') {
      const name = c.field('name');
      if (name) out.push(name);
    } else if (k === 'switch_case' || k === 'switch_default') lexicalIn(c, out);
    else if (k === 'import_statement') {
      // import a, * as b, { c, d as e } from '…': the local names are a, b, c and e.
      for (const d of descendants(c)) {
        const pk = d.parent() ? kind(d.parent()!) : '';
        if (kind(d) !== 'identifier') continue;
        if (pk === 'import_clause' || pk === 'namespace_import') out.push(d);
        else if (pk === 'import_specifier') {
          const spec = d.parent()!;
          const local = spec.field('alias') ?? spec.field('name');
          if (local && nodeKey(local) === nodeKey(d)) out.push(d);
        }
      }
    }
  }
}

/** The declaring identifier nodes of one scope. */
export function declarationsOf(scope: Node): Node[] {
  const out: Node[] = [];
  const k = kind(scope);
  if (isFunction(scope)) {
    const params = scope.field('parameters') ?? scope.field('parameter');
    patternNames(params, out);
    if ((k === 'function_expression' || k === 'function' || k === 'generator_function') && scope.field('name')) out.push(scope.field('name')!);
    const body = scope.field('body');
    if (body && kind(body) === 'statement_block') {
      hoistedVars(body, out);
      lexicalIn(body, out);
    }
  } else if (k === 'program') {
    hoistedVars(scope, out);
    lexicalIn(scope, out);
  } else if (k === 'statement_block' || k === 'switch_body') {
    lexicalIn(scope, out);
  } else if (k === 'for_statement') {
    const init = scope.field('initializer');
    if (init && kind(init) === 'lexical_declaration') declaratorNames(init, out);
  } else if (k === 'for_in_statement') {
    const dk = scope.field('kind')?.text();
    if (dk === 'let' || dk === 'const') patternNames(scope.field('left'), out);
  } else if (k === 'catch_clause') {
    patternNames(scope.field('parameter'), out);
  } else if (k === 'class') {
    const name = scope.field('name');
    if (name) out.push(name);
  }
  return out;
}

/** Resolves identifiers to the scope that declares them, caching each scope's names. */
export class Resolver {
  private names = new Map<string, Set<string>>();

  declares(scope: Node, name: string): boolean {
    const key = nodeKey(scope);
    let set = this.names.get(key);
    if (!set) {
      set = new Set(declarationsOf(scope).map((n) => n.text()));
      this.names.set(key, set);
    }
    return set.has(name);
  }

  /** The scope node an identifier's name resolves to, or undefined for a global. */
  resolve(id: Node): Node | undefined {
    const name = id.text();
    let cur: Node | null = id.parent();
    // A declaration's own name lives in the scope around it, not in the function it names.
    const p = cur;
    if (p && (kind(p) === 'function_declaration' || kind(p) === 'generator_function_declaration' || kind(p) === 'class_declaration') && p.field('name') && nodeKey(p.field('name')!) === nodeKey(id)) cur = p.parent();
    for (; cur; cur = cur.parent()) {
      if (isScope(cur) && this.declares(cur, name)) return cur;
    }
    return undefined;
  }
}
