// A mutant's recipe: the `mutation:` section of its instance.yaml (schema: src/dataset/schema.ts,
// type: core's MutationRecipe). Operators with explicit, deterministic parameters (identifier
// names and counts, never code), applied in order at run time.
import type { MutationOperator } from '../core/index.js';

export type { MutationOperator, MutationRecipe } from '../core/index.js';

/** A short description of an operator, for messages: `rename a→b`, `reorder f, g`, `early-return 2/3`. */
export function describeOperator(op: MutationOperator): string {
  switch (op.op) {
    case 'rename': return `rename ${Object.entries(op.map).map(([a, b]) => `${a}→${b}`).join(', ')}`;
    case 'reorder': return `reorder ${op.order.join(', ')}`;
    case 'early-return': return `early-return ${op.index + 1}/${op.of}`;
  }
}
