// Objects without a prototype: `x = Object.create(null)` (or `{ __proto__: null }`). Reading
// `x['__proto__']` from such an object gives undefined, not Object.prototype, so a write through
// it cannot pollute. The `not-null-prototype` metavariable-check (value-checks.ts).
import type { SgNode } from '@ast-grep/napi';

const NULL_PROTO = /^(Object\.create\(\s*null\s*\)|\{\s*__proto__\s*:\s*null\s*\})$/;

/**
 * The targets of the last tree asked about. `node.getRoot().root()` (value-checks.ts) makes a new
 * wrapper at each call, so a WeakMap keyed by it never hit, and every match of a clause with this
 * check walked the whole file four times again (hoek: 15% of an incremental rescan). A root's id
 * is its tree's address, unique among live trees, and a wrapper that is still alive keeps its
 * tree alive: an equal id while the remembered wrapper lives is the same tree. The WeakRef keeps
 * no tree alive past a collection.
 */
let last: { ref: WeakRef<SgNode>; id: number; out: Set<string> } | undefined;

/**
 * Expressions (`cache`, `this.cache`, `self.store`) that the file only ever assigns a
 * prototype-less object to. An expression assigned anything else anywhere in the file (or
 * declared without a value) is left out: the check is by text, so it must hold for every binding.
 */
export function nullPrototypeTargets(root: SgNode): Set<string> {
  const id = root.id();
  if (last !== undefined && last.id === id && last.ref.deref() !== undefined) return last.out;
  const nullish = new Set<string>();
  const other = new Set<string>();
  const note = (target: string, value: SgNode | null): void => {
    const key = target.replace(/\s+/g, '');
    if (value !== null && NULL_PROTO.test(value.text().replace(/\s+/g, ' ').trim())) nullish.add(key);
    else other.add(key);
  };
  for (const d of root.findAll({ rule: { kind: 'variable_declarator' } })) {
    const name = d.field('name' as never) as SgNode | null;
    if (name !== null && (name.kind() as string) === 'identifier') note(name.text(), d.field('value' as never) as SgNode | null);
  }
  for (const a of root.findAll({ rule: { kind: 'assignment_expression' } })) {
    const left = a.field('left' as never) as SgNode | null;
    if (left !== null && ['identifier', 'member_expression'].includes(left.kind() as string)) note(left.text(), a.field('right' as never) as SgNode | null);
  }
  // Parameters and loop variables are bindings too (to whatever the caller or the loop gives).
  for (const p of root.findAll({ rule: { kind: 'identifier', inside: { kind: 'formal_parameters', stopBy: 'end' } } })) other.add(p.text());
  for (const n of root.findAll({ rule: { any: [{ kind: 'arrow_function' }, { kind: 'for_in_statement' }] } })) {
    const p = (n.field('parameter' as never) ?? n.field('left' as never)) as SgNode | null;
    if (p === null) continue;
    if ((p.kind() as string) === 'identifier') other.add(p.text());
    for (const id of p.findAll({ rule: { kind: 'identifier' } })) other.add(id.text());
  }
  const out = new Set([...nullish].filter((k) => !other.has(k)));
  last = { ref: new WeakRef(root), id, out };
  return out;
}

/** True when the node is an expression the file only binds to prototype-less objects. */
export function isNullPrototype(node: SgNode, root: SgNode): boolean {
  return nullPrototypeTargets(root).has(node.text().replace(/\s+/g, ''));
}
