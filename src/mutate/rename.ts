// Operator 1, semantic rename: the parameters and local variables of the functions that contain
// the masked block or lie inside it get new names, everywhere they are referred to and nowhere
// else. Left alone: property names (another node kind), names of functions and classes (rules,
// tests and stack traces may name them), globals and imports (they resolve outside the function),
// a same-named binding of another scope (shadowing), and text in strings and comments.
import { applyEdits, contains, descendants, inside, isFunction, kind, MutationError, nodeKey, type Edit, type Node, type Region } from './ast.js';
import { BINDING_REF_KINDS, declarationsOf, isScope, Resolver } from './scope.js';

/** The functions the operator works on: those around the masked region and those inside it. */
export function targetFunctions(root: Node, region: Region): Node[] {
  const out: Node[] = [];
  for (const n of descendants(root)) if (isFunction(n) && (contains(n, region) || inside(n, region))) out.push(n);
  return out;
}

/** Why a function's bindings cannot be renamed safely (eval or with can reach names by text). */
function unsafe(fn: Node): string | undefined {
  for (const n of descendants(fn)) {
    if (kind(n) === 'with_statement') return 'it contains a with statement';
    if (kind(n) === 'call_expression' && n.field('function')?.text() === 'eval') return 'it calls eval';
  }
  return undefined;
}

/** The nearest enclosing function of a node (itself excluded), or undefined at top level. */
function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent(); p; p = p.parent()) if (isFunction(p)) return p;
  return undefined;
}

interface Binding { scope: Node; name: string }

/** The renameable bindings of the target functions: parameters and locals, not function or class names. */
function bindingsOf(root: Node, region: Region): { bindings: Binding[]; refused: string[] } {
  const bindings: Binding[] = [];
  const refused: string[] = [];
  for (const fn of targetFunctions(root, region)) {
    const why = unsafe(fn);
    if (why) {
      refused.push(`${fn.field('name')?.text() ?? 'a function'}: ${why}`);
      continue;
    }
    const scopes = [fn, ...[...descendants(fn)].filter((s) => s !== fn && isScope(s) && !isFunction(s) && kind(s) !== 'class' && enclosingFunction(s) !== undefined && nodeKey(enclosingFunction(s)!) === nodeKey(fn))];
    for (const scope of scopes) {
      for (const d of declarationsOf(scope)) {
        const pk = kind(d.parent()!);
        if (pk === 'function_declaration' || pk === 'generator_function_declaration' || pk === 'class_declaration') continue;
        if (isFunction(scope) && scope.field('name') && nodeKey(scope.field('name')!) === nodeKey(d)) continue;
        bindings.push({ scope, name: d.text() });
      }
    }
  }
  return { bindings, refused };
}

/** Names that could be renamed (sorted, unique), for the generator. */
export function renameCandidates(root: Node, region: Region): string[] {
  return [...new Set(bindingsOf(root, region).bindings.map((b) => b.name))].sort();
}

/** Renames by `map` (old → new). Throws MutationError when a name is absent or a new name is taken. */
export function applyRename(text: string, root: Node, region: Region, map: Record<string, string>, requireAll = true): string {
  const { bindings, refused } = bindingsOf(root, region);
  const news = Object.values(map);
  if (new Set(news).size !== news.length) throw new MutationError('two names are renamed to the same new name');
  for (const [from, to] of Object.entries(map)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(to)) throw new MutationError(`"${to}" is not an identifier`);
    if (new RegExp(`(?<![\\w$])${to.replace(/\$/g, '\\$')}(?![\\w$])`).test(text)) throw new MutationError(`the new name "${to}" (for "${from}") already occurs in the file`);
    if (requireAll && !bindings.some((b) => b.name === from)) {
      throw new MutationError(`"${from}" is not a parameter or local variable of the functions around the masked block${refused.length ? ` (skipped: ${refused.join('; ')})` : ''}`);
    }
  }
  const resolver = new Resolver();
  const edits = new Map<number, Edit>();
  for (const b of bindings) {
    const to = map[b.name];
    if (to === undefined) continue;
    const scopeKey = nodeKey(b.scope);
    for (const n of descendants(b.scope)) {
      if (!BINDING_REF_KINDS.has(kind(n)) || n.text() !== b.name) continue;
      const s = resolver.resolve(n);
      if (!s || nodeKey(s) !== scopeKey) continue;
      const { index: a } = n.range().start;
      const z = n.range().end.index;
      // A shorthand `{ name }` is both a property name and a reference: keep the property.
      const replacement = kind(n) === 'identifier' ? to : `${b.name}: ${to}`;
      edits.set(a, { start: a, end: z, text: replacement });
    }
  }
  return applyEdits(text, [...edits.values()]);
}
