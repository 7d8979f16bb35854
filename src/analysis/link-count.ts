// `no-link-count-check` (metavariable-check): the function that decides whether to remove an
// existing file system entry before writing one of the same name (and its enclosing functions)
// never looks at the entry's link count (`st.nlink`). Removing it only when its type differs means
// a regular file of the same type is written over in place: if it is a hard link to a file
// outside the target (planted by an earlier archive entry), the write goes through to that file.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';

/** The outermost function holding `n` (the whole decision is usually a chain of callbacks), or the program. */
function outermostFunction(n: SgNode): SgNode {
  let out: SgNode = n;
  for (let p = n.parent(); p !== null; p = p.parent()) {
    if (JS_FUNCTION_KINDS.has(p.kind() as string) || p.kind() === 'method_definition') out = p;
  }
  return out;
}

export function noLinkCountCheck(node: SgNode): boolean {
  return !/\bnlink\b/.test(outermostFunction(node).text());
}
