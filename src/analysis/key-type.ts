// `untyped-key-descended` and `magic-key-list` (metavariable-checks, CWE-1321 pack): a deny-list
// test by strict equality on a property key (`k === '__proto__'`, `BLOCKED.includes(k)`,
// `UNSAFE.has(k)`) only means what it says when `k` is a string. An array `['__proto__']` (or an
// object with a `toString`) is not equal to '__proto__', passes the test, and is turned into the
// property name '__proto__' by `obj[k]`. The check asks whether the key is known to be a string
// or a number where it is compared, and whether the same key then walks one level down an
// object (where the prototype is reached) rather than only being written into one object.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf, unparen } from './value-checks.js';

const MAX_DEPTH = 6;
const MAGIC = /^(['"`])(__proto__|constructor|prototype)\1$/;
/** Calls whose result is a string or a number whatever their argument. */
const PRIMITIVE_CALLS = /^(?:String|Number|parseInt|parseFloat|Number\.parseInt|Number\.parseFloat|JSON\.stringify|encodeURIComponent|decodeURIComponent|encodeURI|decodeURI|escape|unescape|Math\.\w+)$/;
/** Methods that exist on strings and not on arrays or plain objects: the call returns a string or throws. */
const STRING_METHODS = /^(?:toString|toLowerCase|toUpperCase|toLocaleLowerCase|toLocaleUpperCase|trim|trimStart|trimEnd|trimLeft|trimRight|replace|replaceAll|substring|substr|padStart|padEnd|charAt|normalize|repeat|join|toFixed)$/;
/** Calls whose result is a list of strings. */
const STRING_LIST_CALLS = /^(?:Object\.keys|Object\.getOwnPropertyNames|Reflect\.ownKeys)$/;
/** List methods whose result holds elements of the receiver. */
const SAME_ELEMENTS = /^(?:slice|filter|concat|reverse|sort|splice|toReversed|toSorted)$/;
/** List methods that hand out one element of the receiver. */
const ONE_ELEMENT = /^(?:shift|pop|at|find|findLast)$/;
/** Iteration methods whose callback's first parameter is an element of the receiver. */
const EACH = /^(?:forEach|map|filter|some|every|find|findIndex|flatMap)$/;

/** Parentheses and TypeScript's type-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`), which change nothing at run time. */
function bare(n: SgNode): SgNode {
  let cur = unparen(n);
  while (['as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion'].includes(kindOf(cur))) {
    const inner = cur.namedChildren()[kindOf(cur) === 'type_assertion' ? 1 : 0];
    if (inner === undefined) break;
    cur = unparen(inner);
  }
  return cur;
}

function escapeRe(t: string): string {
  return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function field(n: SgNode, name: string): SgNode | null {
  return n.field(name as never) as SgNode | null;
}

function same(a: SgNode, b: SgNode): boolean {
  return a.range().start.index === b.range().start.index && a.range().end.index === b.range().end.index && kindOf(a) === kindOf(b);
}

function within(inner: SgNode, outer: SgNode): boolean {
  return inner.range().start.index >= outer.range().start.index && inner.range().end.index <= outer.range().end.index;
}

/** The nearest enclosing function, or the program. */
function scopeOf(n: SgNode): SgNode {
  let cur = n.parent();
  let last: SgNode = n;
  while (cur !== null) {
    if (JS_FUNCTION_KINDS.has(kindOf(cur)) || kindOf(cur) === 'program') return cur;
    last = cur;
    cur = cur.parent();
  }
  return last;
}

/** Nodes of `kind` under `scope` whose own scope is `scope` (not a nested function). */
function ownNodes(scope: SgNode, kind: string): SgNode[] {
  return scope.findAll({ rule: { kind } }).filter((x) => same(scopeOf(x), scope));
}

/** The names a recursive call of a function can use: its own name, the variable or property it is stored in (`api.set`), `this.m` for a method. */
function functionNames(fn: SgNode): string[] {
  const out: string[] = [];
  const own = field(fn, 'name');
  if (own !== null) out.push(own.text(), `this.${own.text()}`);
  const p = fn.parent();
  if (p !== null && kindOf(p) === 'variable_declarator') out.push(field(p, 'name')?.text() ?? '');
  if (p !== null && kindOf(p) === 'assignment_expression') {
    const left = field(p, 'left')?.text() ?? '';
    out.push(left, `this.${left.split('.').pop() ?? ''}`);
  }
  if (p !== null && kindOf(p) === 'pair') out.push(`this.${field(p, 'key')?.text().replace(/^['"]|['"]$/g, '') ?? ''}`);
  return out.filter((n) => n !== '' && n !== 'this.');
}

/** `typeof k`, `Array.isArray(k)` / `isArray(k)` in a text: a test of the key's type. */
function typeTest(name: string): RegExp {
  const v = escapeRe(name);
  return new RegExp(`typeof\\s*\\(?\\s*${v}(?![\\w$])|isArray\\(\\s*${v}\\s*\\)`);
}

/** A branch that leaves (return/throw/continue/break) or assigns `name`. */
function rejectsOrConverts(branch: SgNode, name: string): boolean {
  if (['return_statement', 'throw_statement', 'continue_statement', 'break_statement'].includes(kindOf(branch))) return true;
  if (branch.findAll({ rule: { any: [{ kind: 'return_statement' }, { kind: 'throw_statement' }, { kind: 'continue_statement' }, { kind: 'break_statement' }] } })
    .some((x) => same(scopeOf(x), scopeOf(branch)))) return true;
  return branch.findAll({ rule: { kind: 'assignment_expression' } }).some((a) => field(a, 'left')?.text() === name);
}

/** A binding of `name` and the value it gives (null: unknown, such as a parameter). */
interface Def { at: number; value: SgNode | null; element: boolean; keyOfIn: boolean }

/** Bindings of `name` in `scope` itself that are complete before `before`. */
function defsIn(scope: SgNode, name: string, before: number): Def[] {
  const out: Def[] = [];
  for (const d of ownNodes(scope, 'variable_declarator')) {
    if (d.range().end.index > before) continue;
    const id = field(d, 'name');
    const v = field(d, 'value');
    if (id === null) continue;
    if (kindOf(id) === 'identifier' && id.text() === name) out.push({ at: d.range().start.index, value: v, element: false, keyOfIn: false });
    // `const [head, ...rest] = list`: head is an element of the list.
    else if (kindOf(id) === 'array_pattern' && id.namedChildren().some((c) => kindOf(c) === 'identifier' && c.text() === name)) {
      out.push({ at: d.range().start.index, value: v, element: true, keyOfIn: false });
    } else if (id.findAll({ rule: { kind: 'identifier' } }).some((c) => c.text() === name) || id.findAll({ rule: { kind: 'shorthand_property_identifier_pattern' } }).some((c) => c.text() === name)) {
      out.push({ at: d.range().start.index, value: null, element: false, keyOfIn: false });
    }
  }
  for (const a of ownNodes(scope, 'assignment_expression')) {
    if (a.range().end.index > before || field(a, 'left')?.text() !== name) continue;
    out.push({ at: a.range().start.index, value: field(a, 'right'), element: false, keyOfIn: false });
  }
  for (const a of ownNodes(scope, 'augmented_assignment_expression')) {
    if (a.range().end.index > before || field(a, 'left')?.text() !== name) continue;
    const op = field(a, 'operator')?.text();
    out.push({ at: a.range().start.index, value: op === '+=' ? null : a, element: false, keyOfIn: false });
  }
  // for (k in o) / for (k of list) / for (const [k, v] of Object.entries(o)), for loops that contain the use.
  for (const f of ownNodes(scope, 'for_in_statement')) {
    const left = field(f, 'left');
    const right = field(f, 'right');
    if (left === null || right === null || f.range().start.index > before || f.range().end.index < before) continue;
    const isOf = f.children().some((c) => c.text() === 'of');
    if (kindOf(left) === 'identifier' && left.text() === name) {
      out.push({ at: f.range().start.index, value: isOf ? right : null, element: isOf, keyOfIn: !isOf });
    } else if (isOf && kindOf(left) === 'array_pattern' && left.namedChildren()[0]?.text() === name && /^Object\.entries$/.test(bare(right).kind() === 'call_expression' ? field(bare(right), 'function')?.text() ?? '' : '')) {
      out.push({ at: f.range().start.index, value: null, element: false, keyOfIn: true });
    } else if (left.findAll({ rule: { kind: 'identifier' } }).some((c) => c.text() === name)) {
      out.push({ at: f.range().start.index, value: null, element: false, keyOfIn: false });
    }
  }
  return out;
}

/** A parameter of `fn` named `name`: an element when `fn` is the callback of `list.forEach` and the like. */
function paramDef(fn: SgNode, name: string): Def | null {
  if (!JS_FUNCTION_KINDS.has(kindOf(fn))) return null;
  const params = field(fn, 'parameters') ?? field(fn, 'parameter');
  if (params === null) return null;
  const list = kindOf(params) === 'identifier' ? [params] : params.namedChildren();
  const idx = list.findIndex((p) => p.text() === name || p.findAll({ rule: { kind: 'identifier' } }).some((c) => c.text() === name));
  if (idx < 0) return null;
  const at = fn.range().start.index;
  // list.forEach((k) => …): the first parameter is an element of the receiver.
  const args = fn.parent();
  const call = args?.parent() ?? null;
  if (idx === 0 && kindOf(list[0]!) === 'identifier' && args !== null && kindOf(args) === 'arguments' && call !== null && kindOf(call) === 'call_expression') {
    const callee = field(call, 'function');
    if (callee !== null && kindOf(callee) === 'member_expression' && EACH.test(field(callee, 'property')?.text() ?? '')) {
      return { at, value: field(callee, 'object'), element: true, keyOfIn: false };
    }
  }
  return { at, value: null, element: false, keyOfIn: false };
}

/** The binding of identifier `use` that reaches it (the last one before it, in the nearest scope that has one). */
function reachingDef(use: SgNode, name: string): Def | null {
  const before = use.range().start.index;
  for (let scope: SgNode | null = scopeOf(use); scope !== null; scope = kindOf(scope) === 'program' ? null : scopeOf(scope)) {
    const defs = defsIn(scope, name, before);
    const p = paramDef(scope, name);
    if (p !== null) defs.push(p);
    if (defs.length > 0) return defs.reduce((a, b) => (b.at > a.at ? b : a));
  }
  // A module constant declared after the function that uses it.
  const root = use.getRoot().root();
  const decls = root.findAll({ rule: { kind: 'variable_declarator' } }).filter((d) => field(d, 'name')?.text() === name && kindOf(scopeOf(d)) === 'program');
  const only = decls.length === 1 ? decls[0]! : null;
  return only === null ? null : { at: only.range().start.index, value: field(only, 'value'), element: false, keyOfIn: false };
}

function defIsPrimitive(d: Def, depth: number): boolean {
  if (d.keyOfIn) return true;
  if (d.value === null) return false;
  return d.element ? stringList(d.value, depth + 1) : primitive(d.value, depth + 1);
}

/** True when the expression is a string or a number (or a boolean): what a property name means as it is. */
function primitive(node: SgNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = bare(node);
  const k = kindOf(n);
  if (k === 'string' || k === 'template_string' || k === 'number' || k === 'true' || k === 'false') return true;
  if (k === 'unary_expression' || k === 'update_expression') return true;
  if (k === 'augmented_assignment_expression') return true; // -=, *=, …: numbers
  if (k === 'binary_expression') {
    const op = field(n, 'operator')?.text();
    const l = field(n, 'left');
    const r = field(n, 'right');
    if (op === '+') return (l !== null && primitive(l, depth + 1)) || (r !== null && primitive(r, depth + 1));
    if (op === '||' || op === '??' || op === '&&') return l !== null && r !== null && primitive(l, depth + 1) && primitive(r, depth + 1);
    return true; // arithmetic, comparisons
  }
  if (k === 'ternary_expression') {
    const a = field(n, 'consequence');
    const b = field(n, 'alternative');
    return a !== null && b !== null && primitive(a, depth + 1) && primitive(b, depth + 1);
  }
  if (k === 'call_expression') {
    const fn = field(n, 'function');
    if (fn === null) return false;
    if (PRIMITIVE_CALLS.test(fn.text())) return true;
    if (kindOf(fn) === 'member_expression') {
      const prop = field(fn, 'property')?.text() ?? '';
      const obj = field(fn, 'object');
      if (STRING_METHODS.test(prop)) return true;
      if (ONE_ELEMENT.test(prop) && obj !== null) return stringList(obj, depth + 1);
    }
    return false;
  }
  if (k === 'subscript_expression') {
    const obj = field(n, 'object');
    return obj !== null && stringList(obj, depth + 1);
  }
  if (k === 'member_expression') return field(n, 'property')?.text() === 'length';
  if (k === 'identifier') {
    const d = reachingDef(n, n.text());
    return d !== null && defIsPrimitive(d, depth);
  }
  return false;
}

/** True when the expression is a list whose elements are strings or numbers. */
function stringList(node: SgNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = bare(node);
  const k = kindOf(n);
  if (k === 'array') return n.namedChildren().every((c) => kindOf(c) !== 'spread_element' ? primitive(c, depth + 1) : stringList(c.namedChildren()[0] ?? c, depth + 1));
  if (k === 'call_expression') {
    const fn = field(n, 'function');
    if (fn === null) return false;
    if (STRING_LIST_CALLS.test(fn.text())) return true;
    if (kindOf(fn) !== 'member_expression') return false;
    const prop = field(fn, 'property')?.text() ?? '';
    const obj = field(fn, 'object');
    if (prop === 'split' || prop === 'match' || prop === 'matchAll') return true;
    if (prop === 'map') {
      const cb = (field(n, 'arguments')?.namedChildren() ?? [])[0];
      return cb !== undefined && /^(?:String|Number|parseInt|parseFloat)$/.test(cb.text());
    }
    return SAME_ELEMENTS.test(prop) && obj !== null && stringList(obj, depth + 1);
  }
  if (k === 'identifier') {
    const d = reachingDef(n, n.text());
    if (d === null || d.value === null || d.keyOfIn) return false;
    return d.element ? false : stringList(d.value, depth + 1);
  }
  return false;
}

/**
 * True when the value's type is the caller's choice: a parameter (not the callback parameter of a
 * list of strings), an element or field of one, `arguments[i]`, or `JSON.parse(…)`. What another
 * function returns is not followed (unknown, so not reported).
 */
function callerTyped(node: SgNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = bare(node);
  const k = kindOf(n);
  if (k === 'identifier') {
    if (n.text() === 'arguments') return true;
    const d = reachingDef(n, n.text());
    if (d === null || d.keyOfIn) return false;
    if (d.value === null) return d.at === scopeOf(n).range().start.index || paramOfEnclosing(n, d.at);
    return callerTyped(d.value, depth + 1);
  }
  if (k === 'subscript_expression' || k === 'member_expression') {
    const obj = field(n, 'object');
    return obj !== null && callerTyped(obj, depth + 1);
  }
  if (k === 'array') return n.namedChildren().some((c) => callerTyped(kindOf(c) === 'spread_element' ? c.namedChildren()[0] ?? c : c, depth + 1));
  if (k === 'binary_expression' && ['||', '??', '&&'].includes(field(n, 'operator')?.text() ?? '')) {
    return [field(n, 'left'), field(n, 'right')].some((c) => c !== null && callerTyped(c, depth + 1));
  }
  if (k === 'ternary_expression') return [field(n, 'consequence'), field(n, 'alternative')].some((c) => c !== null && callerTyped(c, depth + 1));
  if (k === 'call_expression') {
    const fn = field(n, 'function');
    if (fn === null) return false;
    if (fn.text() === 'JSON.parse') return true;
    if (kindOf(fn) !== 'member_expression') return false;
    const obj = field(fn, 'object');
    return obj !== null && (ONE_ELEMENT.test(field(fn, 'property')?.text() ?? '') || SAME_ELEMENTS.test(field(fn, 'property')?.text() ?? '')) && callerTyped(obj, depth + 1);
  }
  return false;
}

/** A binding with no value at `at`: a parameter of some enclosing function (not a bare declaration `let k;`). */
function paramOfEnclosing(n: SgNode, at: number): boolean {
  for (let p = n.parent(); p !== null; p = p.parent()) if (JS_FUNCTION_KINDS.has(kindOf(p)) && p.range().start.index === at) return true;
  return false;
}

/** The key is pinned to a string or number by its own condition: `typeof k !== 'string' || k === '__proto__'`, or an `else` of a type test. */
function pinnedByCondition(n: SgNode, name: string): boolean {
  const test = typeTest(name);
  let child = n;
  for (let p = n.parent(); p !== null; child = p, p = p.parent()) {
    const k = kindOf(p);
    if (JS_FUNCTION_KINDS.has(k) || k === 'program') return false;
    if (k === 'binary_expression' && field(p, 'operator')?.text() === '||') {
      const other = same(field(p, 'left') ?? p, child) ? field(p, 'right') : field(p, 'left');
      if (other !== null && !within(child, other) && test.test(other.text())) return true;
    }
    if (k === 'if_statement') {
      const alt = field(p, 'alternative');
      const cond = field(p, 'condition');
      if (alt !== null && cond !== null && within(n, alt) && test.test(cond.text()) && rejectsOrConverts(field(p, 'consequence') ?? p, name)) return true;
    }
  }
  return false;
}

/** Before `at` in `scope`, a type test on `name` that rejects or converts (`if (typeof k !== 'string') throw …`), or an assertion on it. */
function pinnedByEarlierTest(scope: SgNode, name: string, at: number): boolean {
  const test = typeTest(name);
  for (const s of ownNodes(scope, 'if_statement')) {
    if (s.range().end.index > at) continue;
    const cond = field(s, 'condition');
    if (cond === null || !test.test(cond.text())) continue;
    const cons = field(s, 'consequence');
    const alt = field(s, 'alternative');
    if ((cons !== null && rejectsOrConverts(cons, name)) || (alt !== null && rejectsOrConverts(alt, name))) return true;
  }
  // assert(typeof k === 'string'), invariant(…): a call statement on a type test.
  for (const c of ownNodes(scope, 'call_expression')) {
    if (c.range().end.index > at || kindOf(c.parent() ?? c) !== 'expression_statement') continue;
    if (test.test(field(c, 'arguments')?.text() ?? '')) return true;
  }
  return false;
}

/** Climbs from `n` over parentheses, `||`/`??`/`&&`, the branches of a ternary and the right side of `(o[k] = {})`. */
function climbValue(n: SgNode): SgNode {
  let cur = n;
  for (let p = n.parent(); p !== null; cur = p, p = p.parent()) {
    const k = kindOf(p);
    if (k === 'parenthesized_expression') continue;
    if (k === 'binary_expression' && ['||', '??', '&&'].includes(field(p, 'operator')?.text() ?? '')) continue;
    if (k === 'ternary_expression' && !same(field(p, 'condition') ?? p, cur)) continue;
    if (k === 'assignment_expression' && same(field(p, 'left') ?? p, cur)) continue; // (o[k] = {}) has the value of o[k]
    break;
  }
  return cur;
}

/** `X[k]` goes one level down: `X = X[k]`, `X[k][j] = v`, `X[k].p = v`, recursion or Object.assign into it, or a holder that does. */
function descends(sub: SgNode, scope: SgNode): boolean {
  const obj = field(sub, 'object');
  if (obj === null) return false;
  // X[k][j] = v, X[k].p = v (any depth below)
  let top = sub;
  for (let p = sub.parent(); p !== null && (kindOf(p) === 'subscript_expression' || kindOf(p) === 'member_expression') && same(field(p, 'object') ?? p, top); p = p.parent()) top = p;
  if (!same(top, sub)) {
    const holder = top.parent();
    if (holder !== null && ['assignment_expression', 'augmented_assignment_expression'].includes(kindOf(holder)) && same(field(holder, 'left') ?? holder, top)) return true;
  }
  const v = climbValue(sub);
  const p = v.parent();
  if (p === null) return false;
  const fnNames = functionNames(scope);
  if (kindOf(p) === 'arguments') {
    const call = p.parent();
    const callee = call === null ? '' : field(call, 'function')?.text() ?? '';
    const first = same(p.namedChildren()[0] ?? p, v);
    if (fnNames.includes(callee)) return true;
    return first && /^Object\.(?:assign|defineProperty|defineProperties)$/.test(callee);
  }
  // X = X[k] (a walk), or T = X[k] then X = T / T[j] = v / recursion on T.
  let holder: string | null = null;
  if (kindOf(p) === 'assignment_expression' && same(field(p, 'right') ?? p, v)) holder = field(p, 'left')?.text() ?? null;
  if (kindOf(p) === 'variable_declarator' && same(field(p, 'value') ?? p, v)) holder = field(p, 'name')?.text() ?? null;
  if (holder === null) return false;
  if (holder === obj.text()) return true;
  if (!/^[\w$]+$/.test(holder)) return false;
  const h = escapeRe(holder);
  const rest = scope.text().slice(p.range().end.index - scope.range().start.index);
  const uses = new RegExp(`(^|[^\\w$.])${escapeRe(obj.text())}\\s*=\\s*${h}(?![\\w$])|(^|[^\\w$.])${h}\\s*(\\[[^\\]]*\\]|\\.[\\w$]+)\\s*=[^=]`);
  if (uses.test(rest)) return true;
  return fnNames.some((f) => new RegExp(`(^|[^\\w$.])${escapeRe(f)}\\s*\\(\\s*${h}(?![\\w$])`).test(rest));
}

/**
 * `untyped-key-descended`: the compared key (an identifier) is not known to be a string or a
 * number at the comparison, and the same key, not reassigned after the comparison, is then used
 * in the same function to go one level down an object.
 */
export function untypedKeyDescended(node: SgNode): boolean {
  const n = bare(node);
  if (kindOf(n) !== 'identifier') return false;
  const name = n.text();
  const scope = scopeOf(n);
  const at = n.range().start.index;
  if (pinnedByCondition(n, name) || pinnedByEarlierTest(scope, name, at)) return false;
  const d = reachingDef(n, name);
  if (d !== null && defIsPrimitive(d, 0)) return false;
  if (!callerTyped(n, 0)) return false;
  const reassigned = [...ownNodes(scope, 'assignment_expression'), ...ownNodes(scope, 'augmented_assignment_expression')]
    .filter((a) => field(a, 'left')?.text() === name && a.range().start.index > at)
    .map((a) => a.range().start.index);
  for (const sub of ownNodes(scope, 'subscript_expression')) {
    const s = sub.range().start.index;
    if (s <= at) continue;
    const idx = field(sub, 'index');
    if (idx === null || bare(idx).text() !== name) continue;
    if (reassigned.some((r) => r < s)) continue;
    if (descends(sub, scope)) return true;
  }
  return false;
}

/** `magic-key-list`: a list or Set literal naming '__proto__', 'constructor' or 'prototype', or a name bound to one. */
export function magicKeyList(node: SgNode, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const n = bare(node);
  const k = kindOf(n);
  if (k === 'array') return n.namedChildren().some((c) => MAGIC.test(c.text()));
  if (k === 'new_expression' || k === 'call_expression') {
    const fn = field(n, 'constructor') ?? field(n, 'function');
    const first = field(n, 'arguments')?.namedChildren()[0];
    return fn !== null && /^(?:Set|Object\.freeze)$/.test(fn.text()) && first !== undefined && magicKeyList(first, depth + 1);
  }
  if (k === 'identifier') {
    const d = reachingDef(n, n.text());
    return d !== null && d.value !== null && !d.element && magicKeyList(d.value, depth + 1);
  }
  if (k === 'member_expression') {
    const root = n.getRoot().root();
    const defs = root.findAll({ rule: { kind: 'assignment_expression' } }).filter((a) => field(a, 'left')?.text() === n.text());
    return defs.length === 1 && magicKeyList(field(defs[0]!, 'right') ?? defs[0]!, depth + 1);
  }
  return false;
}
