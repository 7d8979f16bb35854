// Semantic checks on the node a metavariable bound (`metavariable-check` in a rule clause): facts
// a pattern cannot state, such as "this expression ends with a path separator", decided by
// looking at the expression and, for a variable, at its last assignment before the use.
// JavaScript/TypeScript syntax; on other languages a check sees only literals and `+`.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { isNullPrototype } from './null-proto.js';
import { referencesLeftEncoded } from './reference-decoding.js';
import { regexpTextInScriptOutput } from './script-output.js';
import { rawTextByTagList } from './raw-text-passthrough.js';
import { staleDirectoryCache } from './dir-cache.js';
import { noLinkCountCheck } from './link-count.js';
import { quotingSkippedByContentTest } from './raw-fallback.js';
// CWE-1321 key type checks (key-type.ts)
import { magicKeyList, untypedKeyDescended } from './key-type.js';

export const VALUE_CHECKS = ['ends-with-separator', 'script-scheme-pattern', 'markup-scanned-param', 'not-null-prototype', 'in-rejecting-condition', 'not-normalized-after', 'references-left-encoded', 'regexp-text-in-script-output', 'raw-text-by-tag-list', 'stale-directory-cache', 'no-link-count-check', 'quoting-skipped-by-content-test',
  // CWE-1321 (key-type.ts)
  'untyped-key-descended', 'magic-key-list'] as const;
export type ValueCheck = (typeof VALUE_CHECKS)[number];

const MAX_DEPTH = 6;
/** Names a path separator goes by: `sep`, `path.sep`, `SEP`, `pathSep`, `separator`. */
const SEP_NAME = /^(?:[\w$]+\.)*(?:sep|SEP|pathSep|PATH_SEP|separator|SEPARATOR)$/;
/** Calls whose result ends with a separator when their (last) argument does. */
const KEEPS_TRAILING = /^(?:path\.)?(?:posix\.|win32\.)?(?:normalize|join)$/;

export function kindOf(n: SgNode): string {
  return n.kind() as string;
}

export function unparen(n: SgNode): SgNode {
  let cur = n;
  while (kindOf(cur) === 'parenthesized_expression') {
    const inner = cur.namedChildren()[0];
    if (inner === undefined) break;
    cur = inner;
  }
  return cur;
}

function stringEndsWithSep(n: SgNode): boolean | null {
  const k = kindOf(n);
  if (k === 'string') return /[/\\]['"]$/.test(n.text());
  if (k === 'template_string') {
    const t = n.text();
    if (/[/\\]`$/.test(t)) return true;
    const subs = n.namedChildren().filter((c) => kindOf(c) === 'template_substitution');
    const last = subs[subs.length - 1];
    if (last !== undefined && t.endsWith('}`') && last.range().end.index === n.range().end.index - 1) {
      const inner = last.namedChildren()[0];
      return inner !== undefined && endsWithSep(inner, 1);
    }
    return false;
  }
  return null;
}

/** The root of the scope a name is looked up in: the enclosing function, else the program. */
function enclosingScope(n: SgNode): SgNode | null {
  let cur = n.parent();
  while (cur !== null && !JS_FUNCTION_KINDS.has(kindOf(cur)) && kindOf(cur) !== 'program') cur = cur.parent();
  return cur;
}

/** Values assigned to `name` in `scope` that are complete before `before` (byte offset). */
function assignmentsBefore(scope: SgNode, name: string, before: number): Array<{ at: number; value: SgNode; append: boolean }> {
  const out: Array<{ at: number; value: SgNode; append: boolean }> = [];
  for (const d of scope.findAll({ rule: { kind: 'variable_declarator' } })) {
    const id = d.field('name' as never) as SgNode | null;
    const v = d.field('value' as never) as SgNode | null;
    if (id !== null && v !== null && id.text() === name && d.range().end.index <= before) out.push({ at: d.range().start.index, value: v, append: false });
  }
  for (const kind of ['assignment_expression', 'augmented_assignment_expression']) {
    for (const a of scope.findAll({ rule: { kind } })) {
      const l = a.field('left' as never) as SgNode | null;
      const r = a.field('right' as never) as SgNode | null;
      if (l === null || r === null || l.text() !== name || a.range().end.index > before) continue;
      const op = (a.field('operator' as never) as SgNode | null)?.text();
      if (kind === 'augmented_assignment_expression' && op !== '+=') continue;
      out.push({ at: a.range().start.index, value: r, append: kind === 'augmented_assignment_expression' });
    }
  }
  return out;
}

/** The last value given to `name` before `use`, looked up in the enclosing scopes. */
export function reachingValue(use: SgNode, name: string): { value: SgNode; append: boolean } | null {
  const before = use.range().start.index;
  for (let scope = enclosingScope(use); scope !== null; scope = scope.parent() === null ? null : enclosingScope(scope)) {
    const defs = assignmentsBefore(scope, name, before);
    if (defs.length > 0) {
      const last = defs.reduce((a, b) => (b.at > a.at ? b : a));
      return { value: last.value, append: last.append };
    }
  }
  return null;
}

/**
 * True when the expression provably ends with a path separator: `root + path.sep`,
 * `root + '/'`, a literal or template ending in `/` or `${sep}`, `path.normalize(x + sep)`,
 * `path.join(x, '/')`, or a variable (or `this.root`) whose last assignment is one of these.
 * `path.resolve(…)` drops a trailing separator, so it never does.
 */
function endsWithSep(node: SgNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unparen(node);
  const k = kindOf(n);
  const lit = stringEndsWithSep(n);
  if (lit !== null) return lit;
  if (k === 'binary_expression') {
    const op = n.field('operator' as never) as SgNode | null;
    const r = n.field('right' as never) as SgNode | null;
    return op?.text() === '+' && r !== null && (SEP_NAME.test(unparen(r).text()) || endsWithSep(r, depth + 1));
  }
  if (k === 'call_expression') {
    const fn = n.field('function' as never) as SgNode | null;
    const args = (n.field('arguments' as never) as SgNode | null)?.namedChildren() ?? [];
    const last = args[args.length - 1];
    if (fn === null || last === undefined || !KEEPS_TRAILING.test(fn.text())) return false;
    return SEP_NAME.test(unparen(last).text()) || endsWithSep(last, depth + 1);
  }
  if (k === 'identifier') {
    const def = reachingValue(n, n.text());
    if (def === null) return false;
    return SEP_NAME.test(unparen(def.value).text()) || endsWithSep(def.value, depth + 1);
  }
  if (k === 'member_expression') {
    // A field: every assignment to it in the file must end with a separator.
    let root: SgNode = n;
    for (let p = n.parent(); p !== null; p = p.parent()) root = p;
    const name = n.text();
    const defs = [
      ...root.findAll({ rule: { kind: 'assignment_expression' } }),
      ...root.findAll({ rule: { kind: 'augmented_assignment_expression' } }),
    ].filter((a) => (a.field('left' as never) as SgNode | null)?.text() === name);
    if (defs.length === 0) return false;
    return defs.every((a) => {
      const r = a.field('right' as never) as SgNode | null;
      return r !== null && (SEP_NAME.test(unparen(r).text()) || endsWithSep(r, depth + 1));
    });
  }
  return false;
}

/**
 * True when the expression is a regex or string literal naming a script URL scheme
 * (`javascript`, `vbscript`), or a variable whose last assignment is one: a scheme blocklist.
 */
function scriptScheme(node: SgNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = unparen(node);
  const k = kindOf(n);
  if (k === 'regex' || k === 'string' || k === 'template_string') return /javascript|vbscript/i.test(n.text());
  if (k === 'identifier') {
    const def = reachingValue(n, n.text());
    return def !== null && !def.append && scriptScheme(def.value, depth + 1);
  }
  if (k === 'new_expression' || k === 'call_expression') {
    // new RegExp('^javascript:', 'i')
    const fn = (n.field('constructor' as never) ?? n.field('function' as never)) as SgNode | null;
    const first = (n.field('arguments' as never) as SgNode | null)?.namedChildren()[0];
    return fn?.text() === 'RegExp' && first !== undefined && scriptScheme(first, depth + 1);
  }
  return false;
}

const LOOP_KINDS = new Set(['for_statement', 'while_statement', 'do_statement', 'for_in_statement']);

function escapeRe(t: string): string {
  return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when the identifier is a parameter of the enclosing function that the function never
 * pins to a string (`typeof s`, `String(s)`, `s.toString()`, `'' + s`, `` `${s}` ``,
 * `Array.isArray(s)`, `s instanceof`), and the loop around the use compares characters with a
 * markup character (`'<'`, `'>'`, `'&'`) in a function that writes entities or handles tags: a
 * character scanner that an array argument bypasses,
 * since each element is a whole string that never equals one character.
 */
function markupScannedParam(node: SgNode): boolean {
  const n = unparen(node);
  if (kindOf(n) !== 'identifier') return false;
  const name = n.text();
  let loop: SgNode | null = null;
  let fn: SgNode | null = null;
  for (let p = n.parent(); p !== null && fn === null; p = p.parent()) {
    if (loop === null && LOOP_KINDS.has(kindOf(p))) loop = p;
    if (JS_FUNCTION_KINDS.has(kindOf(p))) fn = p;
  }
  if (loop === null || fn === null) return false;
  // The element itself is compared with a markup character: `s[i] === '<'`, `switch (s[i])`
  // with `case '<'`, or the same through a variable it was copied into (`const c = s[i]`).
  const elem = n.parent();
  if (elem === null || kindOf(elem) !== 'subscript_expression') return false;
  let held = elem.text();
  const holder = elem.parent();
  if (holder !== null && kindOf(holder) === 'variable_declarator') held = (holder.field('name' as never) as SgNode | null)?.text() ?? held;
  else if (holder !== null && kindOf(holder) === 'assignment_expression') held = (holder.field('left' as never) as SgNode | null)?.text() ?? held;
  const h = escapeRe(held);
  const markup = `(?:'[<>&]'|"[<>&]")`;
  const compared = new RegExp(`(^|[^\\w$.])${h}\\s*[!=]==?\\s*${markup}|${markup}\\s*[!=]==?\\s*${h}(?![\\w$])`).test(loop.text())
    || (new RegExp(`switch\\s*\\(\\s*${h}\\s*\\)`).test(loop.text()) && new RegExp(`case\\s*${markup}`).test(loop.text()));
  if (!compared) return false;
  // …and the function is about markup: it writes entities or handles tags ('<' alone is also a
  // comparison operator in version ranges and expression parsers).
  if (!/&(?:lt|gt|amp|quot|apos|#x?[0-9a-f]+);|tag|<\/|<!/i.test(fn.text())) return false;
  // One finding per loop: the first `s[…]` in it.
  const at = n.range().start.index;
  const earlier = loop.findAll({ rule: { kind: 'subscript_expression' } })
    .some((e) => (e.field('object' as never) as SgNode | null)?.text() === name && e.range().start.index < at);
  if (earlier) return false;
  const params = (fn.field('parameters' as never) as SgNode | null) ?? (fn.field('parameter' as never) as SgNode | null);
  if (params === null) return false;
  const isParam = params.findAll({ rule: { kind: 'identifier' } }).some((id) => id.text() === name);
  if (!isParam) return false;
  const v = escapeRe(name);
  const pinned = new RegExp(`typeof\\s*\\(?\\s*${v}\\b|\\bString\\(\\s*${v}\\s*\\)|\\b${v}\\.toString\\(|(['"\`])\\1\\s*\\+\\s*${v}\\b|\\b${v}\\s*\\+\\s*(['"\`])\\2|\\$\\{\\s*${v}\\s*\\}|isArray\\(\\s*${v}\\s*\\)|\\b${v}\\s+instanceof\\b`);
  return !pinned.test(fn.text());
}

const EXITS = new Set(['return_statement', 'throw_statement']);

/** ast-grep hands out a new wrapper per call: compare nodes by kind and range. */
function sameNode(a: SgNode, b: SgNode): boolean {
  return a.range().start.index === b.range().start.index && a.range().end.index === b.range().end.index && a.kind() === b.kind();
}

/**
 * True when the node lies in the condition of an `if` one of whose branches leaves the function
 * (`return`/`throw`), or in the condition of a ternary: the test decides what the code lets
 * through (a filter), rather than only reporting (a linter's detector).
 */
function inRejectingCondition(node: SgNode): boolean {
  let child = node;
  for (let p = node.parent(); p !== null; child = p, p = p.parent()) {
    const k = kindOf(p);
    if (JS_FUNCTION_KINDS.has(k) || k === 'program' || k === 'statement_block') return false;
    const cond = p.field('condition' as never) as SgNode | null;
    if (cond === null || child.range().start.index < cond.range().start.index || child.range().end.index > cond.range().end.index) continue;
    if (k === 'ternary_expression') return true;
    if (k !== 'if_statement') return false;
    for (const b of ['consequence', 'alternative']) {
      const br = p.field(b as never) as SgNode | null;
      if (br === null) continue;
      if (EXITS.has(kindOf(br)) || br.findAll({ rule: { any: [{ kind: 'return_statement' }, { kind: 'throw_statement' }] } })
        .some((x) => { let q = x.parent(); while (q !== null && !sameNode(q, br) && !JS_FUNCTION_KINDS.has(kindOf(q))) q = q.parent(); return q !== null && sameNode(q, br); })) return true;
    }
    return false;
  }
  return false;
}

/**
 * For a node inside a `replace(…)` call (its pattern): true unless the variable the result is
 * stored in is later passed to `normalize`/`resolve` in the same function. A strip followed by
 * path normalisation is not the defence (the normalisation and the containment check are, and
 * the taint rule judges those); a strip whose result is used as is, is.
 */
function notNormalizedAfter(node: SgNode): boolean {
  let call: SgNode | null = node.parent();
  while (call !== null && kindOf(call) !== 'call_expression') call = call.parent();
  if (call === null) return true;
  // Climb chained calls and parentheses to the whole value, then to what stores it.
  let top = call;
  for (let p = top.parent(); p !== null; p = p.parent()) {
    const k = kindOf(p);
    if (k === 'member_expression' || k === 'call_expression' || k === 'parenthesized_expression' || k === 'arguments') top = p;
    else break;
  }
  const holder = top.parent();
  let target: string | null = null;
  if (holder !== null && kindOf(holder) === 'variable_declarator') target = (holder.field('name' as never) as SgNode | null)?.text() ?? null;
  else if (holder !== null && kindOf(holder) === 'assignment_expression') target = (holder.field('left' as never) as SgNode | null)?.text() ?? null;
  if (target === null || holder === null) return true;
  const scope = enclosingScope(holder);
  if (scope === null) return true;
  const after = holder.range().end.index;
  const t = new RegExp(`(^|[^\\w$.])${escapeRe(target)}(?![\\w$])`);
  return !scope.findAll({ rule: { kind: 'call_expression' } }).some((c) => {
    if (c.range().start.index < after) return false;
    const fn = (c.field('function' as never) as SgNode | null)?.text() ?? '';
    const args = (c.field('arguments' as never) as SgNode | null)?.text() ?? '';
    return /(^|\.)(normalize|resolve)$/.test(fn) && t.test(args);
  });
}

/** Whether `node` passes `check`. */
export function valueCheck(check: ValueCheck, node: SgNode): boolean {
  switch (check) {
    case 'ends-with-separator':
      return endsWithSep(node, 0);
    case 'script-scheme-pattern':
      return scriptScheme(node, 0);
    case 'markup-scanned-param':
      return markupScannedParam(node);
    case 'not-null-prototype':
      return !isNullPrototype(node, node.getRoot().root());
    case 'in-rejecting-condition':
      return inRejectingCondition(node);
    case 'not-normalized-after':
      return notNormalizedAfter(node);
    case 'references-left-encoded':
      return referencesLeftEncoded(node);
    case 'regexp-text-in-script-output':
      return regexpTextInScriptOutput(node);
    case 'raw-text-by-tag-list':
      return rawTextByTagList(node);
    case 'stale-directory-cache':
      return staleDirectoryCache(node);
    case 'no-link-count-check':
      return noLinkCountCheck(node);
    case 'quoting-skipped-by-content-test':
      return quotingSkippedByContentTest(node);
    // CWE-1321 (key-type.ts): a strict deny-list test on a key not known to be a string.
    case 'untyped-key-descended':
      return untypedKeyDescended(node);
    case 'magic-key-list':
      return magicKeyList(node);
  }
}
