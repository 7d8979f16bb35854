// `metavariable-check: references-left-encoded` (CWE-79 URL scheme blocklists): does the value a
// `javascript:` test looks at still hold HTML character references the browser would decode in an
// href? The value's derivation is followed back through the function (assignments, `||`,
// `.trim()`/`.match()`/`[0]`, chained `.replace`), collecting the patterns of every global
// `replace`/`replaceAll` on the way and of every `replace` inside a decoder function of the same
// file it goes through. A library decoder (`he.decode`, `entities.decodeHTML`, `_.unescape`) is
// taken as complete. The collected patterns are run on the references that can hide a scheme: a
// letter written as a decimal or hex reference (with or without `;`), and the named references of
// the characters the URL parser drops (`&Tab;`, `&NewLine;`). One left unmatched is a bypass
// (`java&NewLine;script:`). The patterns are regex literals of the scanned file compiled here;
// they only ever run on these few short samples, so a pathological pattern cannot stall the scan.
import type { SgNode } from '@ast-grep/napi';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { kindOf, reachingValue, unparen } from './value-checks.js';

/** References a browser decodes in an attribute that spell or split `javascript:`. */
const HIDING_REFERENCES = ['&#106;', '&#106', '&#x6A;', '&#x6a;', '&#X6A;', '&Tab;', '&NewLine;'];
/** Library character-reference decoders (complete by assumption when not defined in the file). */
const DECODER_NAME = /(?:^|\.)(?:decode|unescape|decodehtml\w*|decodeentit\w*|decodexml|htmldecode|unescapehtml\w*|decodehtmlchar\w*)$/i;
const MAX_DEPTH = 12;

interface Collected { patterns: RegExp[]; complete: boolean }

/** A pattern argument as a RegExp, when it is a global regex literal or `new RegExp('…', 'g…')` (or one held in a variable). */
function patternOf(arg: SgNode, all: boolean, depth: number): RegExp | null {
  if (depth > 4) return null;
  const n = unparen(arg);
  const k = kindOf(n);
  try {
    if (k === 'regex') {
      const flags = (n.field('flags' as never) as SgNode | null)?.text() ?? '';
      const body = (n.field('pattern' as never) as SgNode | null)?.text() ?? '';
      return all || flags.includes('g') ? new RegExp(body, flags.replace(/[^imsu]/g, '')) : null;
    }
    if (k === 'string' && all) {
      const t = n.text().slice(1, -1);
      return new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
    if (k === 'new_expression' || k === 'call_expression') {
      const fn = (n.field('constructor' as never) ?? n.field('function' as never)) as SgNode | null;
      const args = (n.field('arguments' as never) as SgNode | null)?.namedChildren() ?? [];
      const src = args[0];
      const flags = args[1] !== undefined && kindOf(args[1]) === 'string' ? args[1].text().slice(1, -1) : '';
      if (fn?.text() !== 'RegExp' || src === undefined || kindOf(src) !== 'string') return null;
      const body = src.text().slice(1, -1).replace(/\\\\/g, '\\');
      return all || flags.includes('g') ? new RegExp(body, flags.replace(/[^imsu]/g, '')) : null;
    }
    if (k === 'identifier') {
      const def = reachingValue(n, n.text());
      return def === null || def.append ? null : patternOf(def.value, all, depth + 1);
    }
  } catch {
    return null;
  }
  return null;
}

/** The function of this file declared (or assigned) under `name`, if any. */
function localFunction(from: SgNode, name: string): SgNode | null {
  const root = from.getRoot().root();
  for (const f of root.findAll({ rule: { kind: 'function_declaration' } })) {
    if ((f.field('name' as never) as SgNode | null)?.text() === name) return f;
  }
  for (const d of root.findAll({ rule: { kind: 'variable_declarator' } })) {
    const v = d.field('value' as never) as SgNode | null;
    if ((d.field('name' as never) as SgNode | null)?.text() === name && v !== null && JS_FUNCTION_KINDS.has(kindOf(v))) return v;
  }
  return null;
}

/** The global `replace` patterns inside a local function (what a hand-written decoder decodes). */
function replacesIn(fn: SgNode, out: Collected): void {
  for (const c of fn.findAll({ rule: { kind: 'call_expression' } })) {
    const callee = c.field('function' as never) as SgNode | null;
    if (callee === null || kindOf(callee) !== 'member_expression') continue;
    const prop = (callee.field('property' as never) as SgNode | null)?.text();
    if (prop !== 'replace' && prop !== 'replaceAll') continue;
    const first = (c.field('arguments' as never) as SgNode | null)?.namedChildren()[0];
    const re = first === undefined ? null : patternOf(first, prop === 'replaceAll', 0);
    if (re !== null) out.patterns.push(re);
  }
}

function walk(node: SgNode, depth: number, out: Collected): void {
  if (depth > MAX_DEPTH || out.complete) return;
  const n = unparen(node);
  const k = kindOf(n);
  if (k === 'identifier') {
    const def = reachingValue(n, n.text());
    if (def !== null) walk(def.value, depth + 1, out);
    return;
  }
  if (k === 'member_expression' || k === 'subscript_expression') {
    const obj = n.field('object' as never) as SgNode | null;
    if (obj !== null) walk(obj, depth + 1, out);
    return;
  }
  if (k === 'binary_expression') {
    for (const side of ['left', 'right']) {
      const s = n.field(side as never) as SgNode | null;
      if (s !== null) walk(s, depth + 1, out);
    }
    return;
  }
  if (k === 'ternary_expression') {
    for (const side of ['consequence', 'alternative']) {
      const s = n.field(side as never) as SgNode | null;
      if (s !== null) walk(s, depth + 1, out);
    }
    return;
  }
  if (k === 'template_string') {
    for (const s of n.namedChildren()) if (kindOf(s) === 'template_substitution') { const e = s.namedChildren()[0]; if (e !== undefined) walk(e, depth + 1, out); }
    return;
  }
  if (k !== 'call_expression') return;
  const callee = n.field('function' as never) as SgNode | null;
  const args = (n.field('arguments' as never) as SgNode | null)?.namedChildren() ?? [];
  if (callee === null) return;
  if (kindOf(callee) === 'member_expression') {
    const prop = (callee.field('property' as never) as SgNode | null)?.text() ?? '';
    const obj = callee.field('object' as never) as SgNode | null;
    if (prop === 'replace' || prop === 'replaceAll') {
      const re = args[0] === undefined ? null : patternOf(args[0], prop === 'replaceAll', 0);
      if (re !== null) out.patterns.push(re);
      if (obj !== null) walk(obj, depth + 1, out);
      return;
    }
    if (DECODER_NAME.test(callee.text())) { out.complete = true; return; }
    // `s.trim()`, `s.toLowerCase()`, `s.match(re)`: the text comes from the receiver.
    if (obj !== null) walk(obj, depth + 1, out);
    return;
  }
  if (kindOf(callee) === 'identifier') {
    const local = localFunction(n, callee.text());
    if (local !== null) replacesIn(local, out);
    else if (DECODER_NAME.test(callee.text())) { out.complete = true; return; }
  }
  for (const a of args) walk(a, depth + 1, out);
}

/**
 * True when the value tested at `node` can still hold a character reference that hides a script
 * scheme: no library decoder on its way, and the replace patterns on its way (its own chain and
 * the hand-written decoders it went through) leave one of `HIDING_REFERENCES` unmatched.
 */
export function referencesLeftEncoded(node: SgNode): boolean {
  const out: Collected = { patterns: [], complete: false };
  walk(node, 0, out);
  if (out.complete) return false;
  return HIDING_REFERENCES.some((ref) => !out.patterns.some((re) => { re.lastIndex = 0; return re.test(ref); }));
}
