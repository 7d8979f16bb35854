// `metavariable-check: quoting-skipped-by-content-test` (CWE-89 pack): the condition of an `if`
// or a ternary that decides, by looking at a value's characters (`x.includes('(')`,
// `/^\w+$/.test(x)`, `x.indexOf(' ')`), whether the value is quoted (`x = quoteId(x)`) or used
// as it is. The check holds when one branch quotes the value and the other leaves it raw: it
// neither throws, nor reassigns the value, nor returns something else. Such a heuristic ("it has
// a parenthesis, so it must be an expression the developer wrote") lets a caller's value that
// merely contains the tested character through as raw SQL. The correct fix refuses it (throws),
// perhaps behind an explicit opt-in, or quotes it always.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf, unparen } from './value-checks.js';

/** Names of quoting/escaping helpers (identifier or value quoters). */
const QUOTER = /(?:^|\.)(?:quote\w*|escape\w*|wrapIdentifier|wrapColumn)$/i;
/** String methods that look at a value's characters. */
const CONTENT_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf', 'startsWith', 'endsWith', 'match', 'search']);

function field(n: SgNode, name: string): SgNode | null {
  return n.field(name as never) as SgNode | null;
}

/** `Q(x, …)` with Q a quoter: the text of x, else null. */
function quotedValue(n: SgNode): string | null {
  const e = unparen(n);
  if (kindOf(e) !== 'call_expression') return null;
  const fn = field(e, 'function');
  const args = field(e, 'arguments')?.namedChildren() ?? [];
  if (fn === null || args.length === 0 || !QUOTER.test(fn.text())) return null;
  return args[0]!.text();
}

/** Statements of a branch (a block's children, or the single statement). */
function statements(branch: SgNode): SgNode[] {
  return kindOf(branch) === 'statement_block' ? branch.namedChildren() : [branch];
}

/** Values `x` for which the branch holds a top-level `x = Q(x, …)` statement. */
function quotedInBranch(branch: SgNode): string[] {
  const out: string[] = [];
  for (const s of statements(branch)) {
    if (kindOf(s) !== 'expression_statement') continue;
    const a = s.namedChildren()[0];
    if (a === undefined || kindOf(a) !== 'assignment_expression') continue;
    const left = field(a, 'left')?.text();
    const right = field(a, 'right');
    if (left !== undefined && right !== null && quotedValue(right) === left) out.push(left);
  }
  return out;
}

/** Nodes of `kinds` under `root` that are not inside a nested function. */
function ownNodes(root: SgNode, kinds: string[]): SgNode[] {
  return root.findAll({ rule: { any: kinds.map((kind) => ({ kind })) } }).filter((x) => {
    for (let q = x.parent(); q !== null; q = q.parent()) {
      if (q.range().start.index === root.range().start.index && q.range().end.index === root.range().end.index) return true;
      if (JS_FUNCTION_KINDS.has(kindOf(q))) return false;
    }
    return true;
  });
}

/** The condition looks at the characters of `x`. */
function testsContentOf(cond: SgNode, x: string): boolean {
  for (const c of [cond, ...cond.findAll({ rule: { kind: 'call_expression' } })]) {
    if (kindOf(c) !== 'call_expression') continue;
    const fn = field(c, 'function');
    if (fn === null || kindOf(fn) !== 'member_expression') continue;
    const obj = field(fn, 'object');
    const prop = field(fn, 'property')?.text() ?? '';
    const args = field(c, 'arguments')?.namedChildren() ?? [];
    if (obj !== null && unparen(obj).text() === x && CONTENT_METHODS.has(prop)) return true;
    if (prop === 'test' && args[0] !== undefined && args[0].text() === x) return true;
  }
  return false;
}

/** The branch leaves `x` raw: no throw, no reassignment of `x`, no return of anything but `x`. */
function leavesRaw(branch: SgNode | null, x: string): boolean {
  if (branch === null) return true;
  if (ownNodes(branch, ['throw_statement']).length > 0) return false;
  if (ownNodes(branch, ['assignment_expression', 'augmented_assignment_expression']).some((a) => field(a, 'left')?.text() === x)) return false;
  return ownNodes(branch, ['return_statement']).every((r) => {
    const v = r.namedChildren()[0];
    return v !== undefined && unparen(v).text() === x;
  });
}

/** See the file comment; `cond` is the node bound to the condition of an `if` or a ternary. */
export function quotingSkippedByContentTest(cond: SgNode): boolean {
  let holder = cond.parent();
  if (holder !== null && kindOf(holder) === 'parenthesized_expression') holder = holder.parent();
  if (holder === null) return false;
  const k = kindOf(holder);
  const test = field(holder, 'condition');
  if (test === null) return false;
  if (k === 'ternary_expression') {
    const a = field(holder, 'consequence');
    const b = field(holder, 'alternative');
    if (a === null || b === null) return false;
    for (const [q, raw] of [[a, b], [b, a]] as const) {
      const x = quotedValue(q);
      if (x !== null && unparen(raw).text() === x && testsContentOf(test, x)) return true;
    }
    return false;
  }
  if (k !== 'if_statement') return false;
  const then = field(holder, 'consequence');
  const elseClause = field(holder, 'alternative');
  const otherwise = elseClause === null ? null : (elseClause.namedChildren()[0] ?? null);
  if (then === null) return false;
  for (const x of quotedInBranch(then)) if (testsContentOf(test, x) && leavesRaw(otherwise, x)) return true;
  if (otherwise !== null) for (const x of quotedInBranch(otherwise)) if (testsContentOf(test, x) && leavesRaw(then, x)) return true;
  return false;
}
