// Operator 2, reorder: the function declarations that sit side by side in one statement list (the
// file's top level or a function body) swap places. Declarations are hoisted, so their order never
// changes what a name refers to; everything else (statements, `var`s, directives) stays where it
// is. Not moved: a declaration overlapping the masked block without containing all of it, one
// inside it, a name declared twice in the list (the later one would win), exported declarations.
import { contains, end, isFunction, kind, MutationError, overlaps, start, type Node, type Region } from './ast.js';
import { isSentinel } from './sentinel.js';

const DECL = new Set(['function_declaration', 'generator_function_declaration']);

interface Unit { name: string; from: number; to: number }

/** Groups of movable declarations, one per statement list with at least two. */
export function reorderGroups(root: Node, text: string, region: Region): Unit[][] {
  const lists: Node[] = [root];
  for (const n of root.findAll({ rule: { kind: 'statement_block' } })) {
    const p = n.parent();
    if (p && isFunction(p)) lists.push(n);
  }
  const groups: Unit[][] = [];
  for (const list of lists) {
    const kids = list.children();
    const names = kids.filter((c) => DECL.has(kind(c))).map((c) => c.field('name')?.text() ?? '');
    const units: Unit[] = [];
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      if (!DECL.has(kind(c))) continue;
      const name = c.field('name')?.text() ?? '';
      if (!name || names.filter((x) => x === name).length > 1) continue;
      if (overlaps(c, region) && !contains(c, region)) continue;
      // Comments right above a declaration (at most one blank line between) travel with it.
      let from = start(c);
      for (let j = i - 1; j >= 0; j--) {
        const prev = kids[j]!;
        if (kind(prev) !== 'comment' || isSentinel(prev.text()) || text.slice(end(prev), from).trim() !== '') break;
        if (text.slice(end(prev), from).split('\n').length > 3) break;
        from = start(prev);
      }
      units.push({ name, from, to: end(c) });
    }
    if (units.length >= 2) groups.push(units);
  }
  return groups;
}

/** Puts the declarations named in `order` (a permutation of one group) in that order. */
export function applyReorder(text: string, root: Node, region: Region, order: string[]): string {
  const want = [...order].sort().join(',');
  const group = reorderGroups(root, text, region).find((g) => g.map((u) => u.name).sort().join(',') === want);
  if (!group) throw new MutationError(`no statement list declares exactly the movable functions ${order.join(', ')}`);
  const byName = new Map(group.map((u) => [u.name, text.slice(u.from, u.to)]));
  let out = '';
  let at = 0;
  group.forEach((slot, i) => {
    out += text.slice(at, slot.from) + byName.get(order[i]!)!;
    at = slot.to;
  });
  return out + text.slice(at);
}
