// `metavariable-check: raw-text-by-tag-list` (CWE-79): an HTML sanitiser's text callback
// (`ontext(text)`, `chars(text)`, `parser.on('text', (t) => …)`) appends the parser's text to its
// output unescaped because the current tag is a member of a list (`list.indexOf(tag) !== -1`,
// `list.includes(tag)`, `set.has(tag)`). Only the elements whose content a parser hands over
// undecoded may be passed through raw; a list that comes from the options (or any expression
// other than a literal), or a literal naming another element (option, title, div …), extends the
// exemption to content the parser has already decoded, where '&lt;script&gt;' arrived as
// '<script>'. Explicit comparisons (`tag === 'script' || tag === 'style'`) and literal lists of
// raw-text element names are not reported. The check is on the appended value `$X`.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf, reachingValue, unparen } from './value-checks.js';

/** Text callbacks of HTML/XML parsers (htmlparser2, sax, simple HTML parsers). */
const TEXT_CALLBACK = /^(?:on)?(?:text|chars|characters|cdata)$/i;
/** Elements whose content an HTML parser reports without decoding character references. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'plaintext', 'textarea']);
const MEMBERSHIP = new Set(['indexOf', 'includes', 'has', 'contains']);

function fieldOf(n: SgNode, f: string): SgNode | null {
  return n.field(f as never) as SgNode | null;
}

/** The name a function is known by as a callback: `ontext: function`, `ontext(text) {}`, `p.ontext = …`, `on('text', fn)`. */
function callbackName(fn: SgNode): string | null {
  if (kindOf(fn) === 'method_definition') return fieldOf(fn, 'name')?.text() ?? null;
  const p = fn.parent();
  if (p === null) return null;
  if (kindOf(p) === 'pair') return fieldOf(p, 'key')?.text().replace(/^['"]|['"]$/g, '') ?? null;
  if (kindOf(p) === 'assignment_expression') {
    const l = fieldOf(p, 'left');
    return l !== null && kindOf(l) === 'member_expression' ? fieldOf(l, 'property')?.text() ?? null : l?.text() ?? null;
  }
  if (kindOf(p) === 'arguments') {
    const first = p.namedChildren()[0];
    return first !== undefined && kindOf(first) === 'string' ? first.text().slice(1, -1) : null;
  }
  if (kindOf(fn) === 'function_declaration' || kindOf(fn) === 'function_expression') return fieldOf(fn, 'name')?.text() ?? null;
  return null;
}

/** True when the list is configurable (not a literal) or a literal naming an element outside RAW_TEXT_ELEMENTS. */
function untrustedTagList(node: SgNode, depth: number): boolean {
  if (depth > 6) return true;
  const n = unparen(node);
  const k = kindOf(n);
  if (k === 'array') {
    return n.namedChildren().some((e) => kindOf(e) !== 'string' || !RAW_TEXT_ELEMENTS.has(e.text().slice(1, -1).toLowerCase()));
  }
  if (k === 'new_expression' && fieldOf(n, 'constructor')?.text() === 'Set') {
    const first = fieldOf(n, 'arguments')?.namedChildren()[0];
    return first === undefined ? false : untrustedTagList(first, depth + 1);
  }
  if (k === 'identifier') {
    const def = reachingValue(n, n.text());
    return def === null || def.append || untrustedTagList(def.value, depth + 1);
  }
  return true;
}

/** The list of a membership test in the condition, if it has one: `L.indexOf(t) !== -1`, `L.includes(t)`, `S.has(t)`. */
function membershipLists(cond: SgNode): SgNode[] {
  const out: SgNode[] = [];
  for (const c of [cond, ...cond.findAll({ rule: { kind: 'call_expression' } })]) {
    if (kindOf(c) !== 'call_expression') continue;
    const callee = fieldOf(c, 'function');
    if (callee === null || kindOf(callee) !== 'member_expression') continue;
    if (!MEMBERSHIP.has(fieldOf(callee, 'property')?.text() ?? '')) continue;
    const obj = fieldOf(callee, 'object');
    if (obj !== null) out.push(obj);
  }
  return out;
}

export function rawTextByTagList(node: SgNode): boolean {
  const x = unparen(node);
  if (kindOf(x) !== 'identifier') return false;
  // The nearest `if` whose consequence holds the append, inside a text callback.
  let child = x;
  let iff: SgNode | null = null;
  let fn: SgNode | null = null;
  for (let p = x.parent(); p !== null; child = p, p = p.parent()) {
    if (JS_FUNCTION_KINDS.has(kindOf(p))) { fn = p; break; }
    if (iff === null && kindOf(p) === 'if_statement') {
      const cons = fieldOf(p, 'consequence');
      if (cons === null || child.range().start.index < cons.range().start.index || child.range().end.index > cons.range().end.index) return false;
      iff = p;
    }
  }
  if (iff === null || fn === null) return false;
  const name = callbackName(fn);
  if (name === null || !TEXT_CALLBACK.test(name)) return false;
  const params = fieldOf(fn, 'parameters') ?? fieldOf(fn, 'parameter');
  if (params === null) return false;
  const isParam = kindOf(params) === 'identifier' ? params.text() === x.text() : params.findAll({ rule: { kind: 'identifier' } }).some((id) => id.text() === x.text());
  if (!isParam) return false;
  const cond = fieldOf(iff, 'condition');
  return cond !== null && membershipLists(cond).some((l) => untrustedTagList(l, 0));
}
