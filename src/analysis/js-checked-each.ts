// Two facts the JavaScript walker uses to carry a check beyond the value it names:
//
// 1. Derived paths. `full = path.resolve(root, name)` then a containment check on `full` proves
//    `name` too: a relative name that resolves inside the root cannot climb out of it, wherever
//    it is joined later under that root (and an absolute one is the resolved value itself). The
//    walker records, when it binds such a call's result, which tainted access paths went into
//    it (with the taint they held then), and a guard that proves the result also proves those
//    paths if they still hold the same taint.
// 2. Checked collections. A callback run on every element (`list.forEach`, `map`, `filter`,
//    `flatMap`) or a `for … of` body that throws (a loop body: throws or returns) when the check
//    of the element fails has, once the iteration completes, checked every element: the
//    collection is proven. A check on a field of the element (`entry.path`, or a value derived
//    from it) counts for the element: the walker does not track fields of a collection's
//    elements, so the collection is cleaned as a whole.
import type { SgNode } from '@ast-grep/napi';
import { fieldOf, kindOf, namedChildrenOf, textOf } from './node-cache.js';
import type { Taint } from './taint-core.js';

/** Calls whose result is a path built from their arguments only. */
const PATH_BUILDER = /^(path\.)?(posix\.|win32\.)?(resolve|join|normalize|relative)$/;

/** `path.resolve(a, b)`, `path.posix.join(…)`: the argument nodes, or null for any other expression. */
export function pathBuilderArgs(value: SgNode): SgNode[] | null {
  if (kindOf(value) !== 'call_expression') return null;
  const callee = fieldOf(value, 'function');
  if (callee === null || kindOf(callee) !== 'member_expression') return null;
  if (!PATH_BUILDER.test(textOf(callee))) return null;
  const args = fieldOf(value, 'arguments');
  return args === null ? [] : namedChildrenOf(args).filter((a) => kindOf(a) !== 'comment');
}

/** An input of a derived path: the access path and what the environment held for it then. */
export interface DerivedInput {
  path: string;
  exact: Taint | undefined;
  implicit: Taint;
  /** A tainted base the path was built on (`path.resolve(root, name)` with `root` a caller's choice). */
  needs?: string;
}

/** The condition compares with `base` (names it), or no base is needed. */
export function comparesWith(cond: SgNode, base: string | undefined): boolean {
  if (base === undefined) return true;
  const re = new RegExp(`(^|[^\\w$.])${base.replace(/[.$]/g, (c) => `\\${c}`)}(?![\\w$])`);
  return re.test(textOf(cond));
}

/** Iteration methods that call their callback on every element, in order, and let a throw escape. */
export const EVERY_ELEMENT = new Set(['forEach', 'map', 'flatMap', 'filter']);

/** The statement always ends by throwing (or, when `orReturn`, by returning). */
export function alwaysExits(s: SgNode | null, orReturn: boolean): boolean {
  if (s === null) return false;
  const k = kindOf(s);
  if (k === 'throw_statement') return true;
  if (k === 'return_statement') return orReturn;
  if (k === 'statement_block') {
    const stmts = namedChildrenOf(s).filter((c) => kindOf(c) !== 'comment');
    return alwaysExits(stmts[stmts.length - 1] ?? null, orReturn);
  }
  if (k === 'if_statement') {
    const alt = fieldOf(s, 'alternative');
    const altStmt = alt === null ? null : (kindOf(alt) === 'else_clause' ? namedChildrenOf(alt)[0] ?? null : alt);
    return alwaysExits(fieldOf(s, 'consequence'), orReturn) && alwaysExits(altStmt, orReturn);
  }
  return false;
}

/** A `break` that leaves this loop body (not one of a nested loop or switch): the loop may stop before the last element. */
export function breaksOut(body: SgNode): boolean {
  const NESTED = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement', 'switch_statement']);
  const FUNCTION = new Set(['function_expression', 'arrow_function', 'function_declaration', 'function', 'generator_function', 'method_definition']);
  const walk = (n: SgNode, nested: boolean): boolean => {
    const k = kindOf(n);
    // A labelled break may leave this loop from inside a nested one.
    if (k === 'break_statement') return !nested || fieldOf(n, 'label') !== null;
    if (FUNCTION.has(k)) return false;
    return namedChildrenOf(n).some((c) => walk(c, nested || NESTED.has(k)));
  };
  return walk(body, false);
}

/** What the walker tracks while it walks one per-element body. */
export interface EachFrame {
  /** rangeKey of the body block: only `if` statements directly in it dominate the rest. */
  bodyKey: string;
  /** Names bound to the element (the callback's first parameter, the loop variable). */
  element: string;
  /** A `return` in the body leaves the whole function (a loop body), not just this element (a callback). */
  returnExits: boolean;
  /** Set once a dominating check proved the element or a field of it. */
  proven: boolean;
}

/** The element is proven by one of these paths: itself or one of its fields. */
export function coversElement(frame: EachFrame, paths: string[]): boolean {
  return paths.some((p) => p === frame.element || p.startsWith(`${frame.element}.`));
}
