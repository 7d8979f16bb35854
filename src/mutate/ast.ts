// The JavaScript syntax tree the operators work on: the project's tree-sitter parser (ast-grep,
// through src/analysis), a few node-kind tables, and text edits by character offset.
import type { SgNode } from '@ast-grep/napi';
import { checkSyntax, parseText } from '../analysis/index.js';
import type { Language } from '../core/index.js';

export type Node = SgNode;

/** A syntax error in the text an operator was given or produced (the mutant is then unusable). */
export class MutationError extends Error {}

/** Parses JavaScript/TypeScript; throws MutationError when the tree has an error node. */
export function parseJs(text: string, language: Language = 'javascript'): Node {
  if (language !== 'javascript' && language !== 'typescript' && language !== 'tsx') {
    throw new MutationError(`language ${language} is not supported (JavaScript and TypeScript only)`);
  }
  const syntax = checkSyntax(text, language);
  if (!syntax.ok) throw new MutationError(`the text does not parse (${syntax.errors[0] ?? ''})`);
  return parseText(text, language).root();
}

export const FUNCTION_KINDS = new Set([
  'function_declaration', 'generator_function_declaration', 'function_expression', 'function',
  'generator_function', 'arrow_function', 'method_definition',
]);
export const isFunction = (n: Node): boolean => FUNCTION_KINDS.has(String(n.kind()));

export const start = (n: Node): number => n.range().start.index;
export const end = (n: Node): number => n.range().end.index;
export const kind = (n: Node): string => String(n.kind());

/** Every node of the subtree, in document order (named and anonymous). */
export function* descendants(n: Node): Generator<Node> {
  const stack: Node[] = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    yield cur;
    const kids = cur.children();
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** A node's identity inside one tree (ast-grep hands out fresh wrapper objects). */
export const nodeKey = (n: Node): string => `${kind(n)}:${start(n)}:${end(n)}`;

export interface Edit { start: number; end: number; text: string }

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  let last = Infinity;
  for (const e of sorted) {
    if (e.end > last) throw new MutationError('internal: overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    last = e.start;
  }
  return out;
}

/** The masked region as character offsets [from, to) in the text holding the sentinels. */
export type Region = readonly [number, number];

export const overlaps = (n: Node, [a, b]: Region): boolean => start(n) < b && end(n) > a;
export const inside = (n: Node, [a, b]: Region): boolean => start(n) >= a && end(n) <= b;
export const contains = (n: Node, [a, b]: Region): boolean => start(n) <= a && end(n) >= b;
