// `metavariable-check: regexp-text-in-script-output` (CWE-79): a serialiser that writes
// JavaScript meant for an HTML <script> block escapes '<', '>' and '/' of the strings it emits
// ('\u003C', '<\/'), yet returns the source text of a RegExp (`re.toString()`, `String(re)`,
// `re.source`) as it is. A regex built from data keeps '</script>' verbatim inside a character
// class (/[</script>]/), which closes the script element. The check is on the regex expression
// `$R` of such a match.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf, unparen } from './value-checks.js';

/** Names that say "a regular expression" (`re`, `rx`, `regex`, `regexps`, `regExp`). */
const REGEXP_NAME = /^(?:re|rx|regexp?s?|regexes|reg[Ee]xps?)$/i;
/** A file whose output is meant for a <script>: it writes '<' as '\u003C' / '\x3C', or '</' as '<\/'. */
const SCRIPT_ESCAPING = /\\u003c|\\x3c|<\\\\\//i;

/** The name a value goes by: `regexps[i]` → `regexps`, `this.re` → `re`, `re` → `re`. */
function baseName(n: SgNode): string | null {
  const u = unparen(n);
  const k = kindOf(u);
  if (k === 'identifier') return u.text();
  if (k === 'subscript_expression') { const o = u.field('object' as never) as SgNode | null; return o === null ? null : baseName(o); }
  if (k === 'member_expression') return (u.field('property' as never) as SgNode | null)?.text() ?? null;
  return null;
}

/**
 * True when the expression is a RegExp: a regex literal, `new RegExp(…)`, a name that says so, or
 * a value tested `instanceof RegExp` in the file (itself, or the list it is pushed into in the
 * branch of that test).
 */
function isRegexp(node: SgNode): boolean {
  const n = unparen(node);
  const k = kindOf(n);
  if (k === 'regex') return true;
  if (k === 'new_expression') return (n.field('constructor' as never) as SgNode | null)?.text() === 'RegExp';
  const name = baseName(n);
  if (name === null) return false;
  if (REGEXP_NAME.test(name)) return true;
  const root = n.getRoot().root();
  for (const t of root.findAll({ rule: { kind: 'binary_expression', has: { field: 'right', regex: '^RegExp$' } } })) {
    if ((t.field('operator' as never) as SgNode | null)?.text() !== 'instanceof') continue;
    const tested = (t.field('left' as never) as SgNode | null)?.text();
    if (tested === undefined) continue;
    if (tested === n.text()) return true;
    let stmt: SgNode | null = t.parent();
    while (stmt !== null && kindOf(stmt) !== 'if_statement' && !JS_FUNCTION_KINDS.has(kindOf(stmt))) stmt = stmt.parent();
    const branch = stmt !== null && kindOf(stmt) === 'if_statement' ? stmt.field('consequence' as never) as SgNode | null : null;
    if (branch === null) continue;
    const pushed = branch.findAll({ rule: { kind: 'call_expression' } }).some((c) => {
      const callee = c.field('function' as never) as SgNode | null;
      const arg = (c.field('arguments' as never) as SgNode | null)?.namedChildren()[0];
      return callee !== null && kindOf(callee) === 'member_expression'
        && (callee.field('property' as never) as SgNode | null)?.text() === 'push'
        && (callee.field('object' as never) as SgNode | null)?.text() === name && arg?.text() === tested;
    });
    if (pushed) return true;
  }
  return false;
}

/**
 * True when the text made from the regex reaches a `return` (or an arrow function's body) through
 * concatenation and template literals only, or through `JSON.stringify` (which leaves '<' and
 * '/' as they are): any other call on the way is taken as the escaping.
 */
function returnedRaw(node: SgNode): boolean {
  let child = node;
  for (let p = node.parent(); p !== null; child = p, p = p.parent()) {
    const k = kindOf(p);
    if (k === 'return_statement') return true;
    if (k === 'arrow_function') return sameRange((p.field('body' as never) as SgNode | null), child);
    if (JS_FUNCTION_KINDS.has(k) || k === 'statement_block' || k === 'program') return false;
    if (k === 'arguments') {
      const call = p.parent();
      const callee = call === null ? null : (call.field('function' as never) as SgNode | null);
      if (callee?.text() !== 'JSON.stringify') return false;
    }
  }
  return false;
}

function sameRange(a: SgNode | null, b: SgNode): boolean {
  return a !== null && a.range().start.index === b.range().start.index && a.range().end.index === b.range().end.index;
}

/** The whole `R.toString()` / `R.source` / `String(R)` / `'' + R` expression around `R`. */
function emitted(r: SgNode): SgNode {
  const p = r.parent();
  if (p === null) return r;
  if (kindOf(p) === 'member_expression') {
    const call = p.parent();
    return call !== null && kindOf(call) === 'call_expression' ? call : p;
  }
  if (kindOf(p) === 'arguments') return p.parent() ?? r;
  return r;
}

export function regexpTextInScriptOutput(node: SgNode): boolean {
  if (!SCRIPT_ESCAPING.test(node.getRoot().root().text())) return false;
  return isRegexp(node) && returnedRaw(emitted(node));
}
