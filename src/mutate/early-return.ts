// Operator 3 (structural), if/else → early return: where an `if` branch always ends in `return`
// or `throw`, its `else` is redundant, so the else branch's statements move after the `if`, one
// indentation level out (`if (c) { …; return x; } else { B }` → `if (c) { …; return x; } B`).
// Only outside the masked block, and only where it cannot change meaning: the `if` sits directly
// in a statement list (not labelled, not the body of another statement), the else block declares
// no let/const/class/function (moving them out would widen their scope), no comment sits between
// the branch and `else`, and no multi-line template literal would be re-indented.
import { applyEdits, descendants, end, kind, MutationError, overlaps, start, type Node, type Region } from './ast.js';

const ABRUPT = new Set(['return_statement', 'throw_statement']);
const LISTS = new Set(['statement_block', 'program', 'switch_case', 'switch_default']);
const DECLS = new Set(['lexical_declaration', 'class_declaration', 'function_declaration', 'generator_function_declaration']);

function endsAbruptly(s: Node): boolean {
  if (ABRUPT.has(kind(s))) return true;
  if (kind(s) !== 'statement_block') return false;
  const last = s.children().filter((c) => c.isNamed() && kind(c) !== 'comment').at(-1);
  return last !== undefined && ABRUPT.has(kind(last));
}

/** The `if` statements the operator may rewrite, in document order. */
export function earlyReturnCandidates(root: Node, text: string, region: Region): Node[] {
  const out: Node[] = [];
  for (const n of descendants(root)) {
    if (kind(n) !== 'if_statement' || overlaps(n, region)) continue;
    const parent = n.parent();
    if (!parent || !LISTS.has(kind(parent))) continue;
    const cons = n.field('consequence');
    const alt = n.field('alternative');
    if (!cons || !alt || !endsAbruptly(cons)) continue;
    if (text.slice(end(cons), start(alt)).trim() !== '') continue;
    const body = alt.children().filter((c) => c.isNamed()).at(-1);
    if (!body) continue;
    if (kind(body) === 'statement_block') {
      if (body.children().some((c) => DECLS.has(kind(c)))) continue;
      if ([...descendants(body)].some((d) => kind(d) === 'template_string' && d.text().includes('\n'))) continue;
    } else if (DECLS.has(kind(body))) continue;
    out.push(n);
  }
  return out;
}

/** Indentation (spaces/tabs) of the line holding offset `at`. */
function lineIndent(text: string, at: number): string {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** Rewrites the `index`-th of `count` candidates. Throws MutationError when the count differs. */
export function applyEarlyReturn(text: string, root: Node, region: Region, index: number, count: number): string {
  const cands = earlyReturnCandidates(root, text, region);
  if (cands.length !== count) throw new MutationError(`expected ${count} if/else statements to choose from, found ${cands.length}`);
  const n = cands[index];
  if (!n) throw new MutationError(`no if/else number ${index}`);
  const cons = n.field('consequence')!;
  const alt = n.field('alternative')!;
  const body = alt.children().filter((c) => c.isNamed()).at(-1)!;
  const ind = lineIndent(text, start(n));
  let moved: string;
  if (kind(body) === 'statement_block') {
    const inner = text.slice(start(body) + 1, end(body) - 1).replace(/^[ \t]*\n/, '').replace(/\s+$/, '');
    const lines = inner.split('\n');
    const first = lines.find((l) => l.trim() !== '') ?? '';
    const base = /^[ \t]*/.exec(first)![0];
    moved = lines.map((l) => (l.trim() === '' ? '' : ind + (l.startsWith(base) ? l.slice(base.length) : l.trimStart()))).join('\n');
    if (inner.trim() === '') moved = '';
  } else {
    moved = ind + text.slice(start(body), end(body));
  }
  return applyEdits(text, [{ start: end(cons), end: end(alt), text: moved ? `\n${moved}` : '' }]);
}
