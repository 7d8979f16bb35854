// Pattern matching: compiles rule clauses into ast-grep configs and runs them natively over a
// file, so the taint walker only looks up "is this node a source/sink/…" by range.
// PHP: the grammar needs a `<?php` context, so PHP patterns are parsed as a `<?php …;` snippet
// and the node that spans exactly the pattern text becomes ast-grep's `selector`.
import type { NapiConfig, SgNode } from '@ast-grep/napi';
import type { Language } from '../core/index.js';
import { rangeKeyOf } from './node-cache.js';
import { parseText } from './parse.js';
import type { PatternClause } from './rules.js';
import { valueCheck } from './value-checks.js';

/** Key of a node by byte range: the walker and ast-grep agree on it. */
export function rangeKey(node: SgNode): string {
  return rangeKeyOf(node);
}

/** Semgrep's `...` ellipsis becomes ast-grep's `$$$` (a spread such as `...args` is left alone). */
export function translateEllipsis(pattern: string): string {
  return pattern
    .replace(/\.\.\.(?![\w$])/g, '$$$$$$')
    // `f($X, $$$)` must also match `f(x)`: ast-grep wants the comma to exist, so drop it.
    .replace(/,\s*(\$\$\$[A-Z0-9_]*)(?=\s*[)\]])/g, ' $1');
}

type PatternSpec = string | { context: string; selector: string };

const contextSelectorCache = new Map<string, PatternSpec>();

/**
 * Grammars that need a context around a pattern: PHP code only parses after `<?php`; a Go
 * pattern such as `fmt.Println($X)` or `r.URL` parses as a type at the top level, so it is
 * parsed inside a function body.
 */
const CONTEXT: Partial<Record<Language, { prefix: string; suffix: string; semicolon: boolean }>> = {
  php: { prefix: '<?php ', suffix: '', semicolon: true },
  go: { prefix: 'package p\nfunc _() {\n', suffix: '\n}', semicolon: false },
};

function contextPattern(p: string, language: Language): PatternSpec {
  const ctx = CONTEXT[language]!;
  const cacheKey = `${language}\0${p}`;
  const cached = contextSelectorCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const body = ctx.semicolon && !/[;}]\s*$/.test(p) ? `${p};` : p;
  const context = ctx.prefix + body + ctx.suffix;
  // ast-grep parses Go patterns with `µ` for `$`: measure the same text.
  const parsed = language === 'go' ? context.replace(/\$/g, 'µ') : context;
  const root = parseText(parsed, language).root();
  // ast-grep's indexes count characters (UTF-16 units), not bytes.
  const start = ctx.prefix.length;
  const end = start + p.trimEnd().length;
  let selector: string | undefined;
  const visit = (n: SgNode): void => {
    const r = n.range();
    if (selector !== undefined || r.end.index < start || r.start.index > end) return;
    if (r.start.index === start && r.end.index === end && n.isNamed() && !['expression_statement', 'statement_list'].includes(n.kind() as string)) {
      selector = n.kind() as string;
      return;
    }
    for (const c of n.children()) visit(c);
  };
  visit(root);
  const spec: PatternSpec = selector === undefined ? (language === 'php' ? context : p) : { context, selector };
  contextSelectorCache.set(cacheKey, spec);
  return spec;
}

function patternFor(p: string, language: Language): PatternSpec {
  const t = translateEllipsis(p);
  return CONTEXT[language] !== undefined ? contextPattern(t, language) : t;
}

/** Languages where `f($X, $$$)` is matched as two patterns, `f($X)` and `f($X, $$$)`, instead of dropping the comma. */
const SPLIT_ELLIPSIS = new Set<Language>(['php', 'python', 'java', 'go']);
const TRAILING_ELLIPSIS = /,\s*(\$\$\$[A-Z0-9_]*)(?=\s*[)\]}])/;

/** PHP's short echo `<?= expr ?>` written as a pattern: the expression statement right after a `<?=` tag. */
export const PHP_SHORT_ECHO = /^<\?=\s*(\$[A-Z_][A-Z0-9_]*|\$\$\$[A-Z0-9_]*|\.\.\.)?\s*;?\s*\?>$/;
const SHORT_ECHO_RULE = {
  kind: 'expression_statement',
  any: [{ follows: { kind: 'php_tag', regex: '^<\\?=$' } }, { follows: { kind: 'text_interpolation', regex: '<\\?=$' } }],
};

/** The ast-grep rule for one pattern: one pattern, or the variants with and without a trailing `, $$$`. */
function patternRule(p: string, language: Language): Record<string, unknown> {
  if (language === 'php' && PHP_SHORT_ECHO.test(p.trim())) return { ...SHORT_ECHO_RULE };
  if (!SPLIT_ELLIPSIS.has(language)) return { pattern: patternFor(p, language) };
  const withDots = p.replace(/\.\.\.(?![\w$])/g, '$$$$$$');
  const variants = [withDots];
  for (let i = 0; i < variants.length && variants.length < 8; i++) {
    const v = variants[i]!;
    if (TRAILING_ELLIPSIS.test(v)) variants.push(v.replace(TRAILING_ELLIPSIS, ''));
  }
  const specs = variants.map((v) => (CONTEXT[language] !== undefined ? contextPattern(v, language) : v));
  return specs.length === 1 ? { pattern: specs[0] } : { any: specs.map((pattern) => ({ pattern })) };
}

function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** A pattern that is one metavariable (`$T`): it matches every node, and the node is the metavariable. */
const WHOLE_NODE_METAVAR = /^\$([A-Z_][A-Z0-9_]*)$/;

const SEQUENCE = /^([\s\S]*?\S)\s*;?[ \t]*\r?\n\s*\.\.\.\s*$/;

/**
 * Semgrep's sequence form of `pattern-not-inside`: a statement, then a line `...` ("the code
 * after `stmt`", e.g. `$RESP.setContentType("text/plain")` then `...`). Returns the statement's
 * pattern, or null for an ordinary pattern.
 */
export function sequenceHead(p: string): string | null {
  const m = SEQUENCE.exec(p);
  return m === null ? null : m[1]!.trim();
}

const ASCII_CLASSES: Record<string, string> = { w: '[0-9A-Za-z_]', W: '[^0-9A-Za-z_]', d: '[0-9]', D: '[^0-9]' };

/**
 * The regex with the Unicode classes `\w \W \d \D` spelled as their ASCII sets (nested classes
 * inside a `[...]`, which Rust's regex accepts). On a text of ASCII characters only both match
 * the same strings (Unicode `\w` restricted to ASCII is `[0-9A-Za-z_]`, `\d` is `[0-9]`, and the
 * case folding of `(?i)` adds only non-ASCII characters to these sets), and ast-grep compiles the
 * ASCII form several times faster (`(?i)(^|\.)(escape\w*|…)$`: about 5x), once per clause and file.
 */
export function asciiRegex(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const ch = re[i]!;
    if (ch !== '\\' || i + 1 >= re.length) {
      out += ch;
      continue;
    }
    const next = re[i + 1]!;
    out += ASCII_CLASSES[next] ?? ch + next;
    i++;
  }
  return out;
}

/** True when every character of `text` is ASCII (then asciiRegex forms match as the originals). */
export function isAscii(text: string): boolean {
  return !/[\u0080-\uffff]/.test(text);
}

/**
 * The ast-grep config for one clause in one language. With `ascii` (the file's text is ASCII
 * only), metavariable regexes are given in their asciiRegex form: the same matches, a cheaper compile.
 */
export function compileClause(c: PatternClause, language: Language, ascii = false): NapiConfig {
  const re = ascii ? asciiRegex : (r: string): string => r;
  const all: Array<Record<string, unknown>> = [patternRule(c.pattern, language)];
  if (c['pattern-inside'] !== undefined) all.push({ inside: { ...patternRule(c['pattern-inside'], language), stopBy: 'end' } });
  for (const pni of asArray(c['pattern-not-inside'])) {
    const head = sequenceHead(pni);
    if (head === null) {
      all.push({ not: { inside: { ...patternRule(pni, language), stopBy: 'end' } } });
      continue;
    }
    // `stmt` then `...`: the match, or a node around it, comes after a sibling statement that is
    // (or directly holds: the expression statement around a call) a match of `stmt`.
    const h = patternRule(head, language);
    const after = { follows: { any: [h, { has: h }], stopBy: 'end' } };
    all.push({ not: { any: [after, { inside: { ...after, stopBy: 'end' } }] } });
  }
  for (const pn of asArray(c['pattern-not'])) all.push({ not: patternRule(pn, language) });
  const constraints: Record<string, { regex: string }> = {};
  for (const mr of asArray(c['metavariable-regex'])) constraints[mr.metavariable.replace(/^\$+/, '')] = { regex: re(mr.regex) };
  // `pattern: $T` with a regex on $T: ast-grep checks constraints only after the whole rule
  // matched, so every node of the file went through the pattern-inside/-not-inside ancestor
  // walks first (drizzle-orm: 270 ms a file). The same regex as the first rule of `all` rejects
  // those nodes at once; the match set is the same, since the constraint tests that very node's
  // text. Not for languages whose patterns are parsed in a context (there `$T` may select another node).
  const whole = CONTEXT[language] === undefined ? WHOLE_NODE_METAVAR.exec(c.pattern.trim()) : null;
  const early = whole === null ? undefined : constraints[whole[1]!];
  if (early !== undefined) all.unshift({ regex: early.regex });
  const rule = all.length === 1 ? all[0]! : { all };
  return (Object.keys(constraints).length > 0 ? { rule, constraints } : { rule }) as NapiConfig;
}

/** One match of a clause: the matched node and the nodes its focus metavariable bound. */
export interface ClauseMatch {
  clause: number;
  node: SgNode;
  focus: SgNode[];
}

/** Matches of a list of clauses in one file, by range key of the matched node. */
export type MatchSet = Map<string, ClauseMatch[]>;

function focusNodes(m: SgNode, focus: string | undefined): SgNode[] {
  if (focus === undefined) return [];
  const name = focus.replace(/^\$+/, '');
  if (focus.startsWith('$$$')) return m.getMultipleMatches(name).filter((n) => n.isNamed() && (n.kind() as string) !== ',');
  const one = m.getMatch(name);
  return one === null ? [] : [one];
}

const KEYWORDS = new Set(['new', 'function', 'return', 'typeof', 'this', 'if', 'else', 'var', 'let', 'const', 'await', 'async', 'def', 'func', 'class', 'import', 'from', 'in', 'of', 'not', 'and', 'or', 'php', 'null', 'true', 'false', 'None', 'True', 'False', 'nil']);

const wordsCache = new WeakMap<PatternClause, { all: string[]; anyOf: string[][]; anyOfCi: string[][] }>();

/**
 * What a file must contain for the clause to match: every literal identifier of the pattern
 * (and pattern-inside), and one alternative of each metavariable-regex that is a plain list of
 * names (`^(exec|execSync)$`) or a group of alternatives that each start with a literal
 * (`(?i)(^|\.)(escape\w*|quote\w*|format)$`: one of `escape`, `quote`, `format`, in any case).
 */
function required(c: PatternClause): { all: string[]; anyOf: string[][]; anyOfCi: string[][] } {
  let r = wordsCache.get(c);
  if (r === undefined) {
    const anyOf: string[][] = [];
    const anyOfCi: string[][] = [];
    for (const mr of asArray(c['metavariable-regex'])) {
      const m = /^\^?\(?([A-Za-z_]\w*(?:\|[A-Za-z_]\w*)*)\)?\$?$/.exec(mr.regex);
      if (m !== null) anyOf.push(m[1]!.split('|'));
      else {
        const lit = literalAlternatives(mr.regex);
        if (lit !== null) (lit.ci ? anyOfCi : anyOf).push(lit.words);
      }
    }
    r = { all: requiredWords(c), anyOf, anyOfCi };
    wordsCache.set(c, r);
  }
  return r;
}

/**
 * For a regex shaped `[(?flags)][^ | (^|\.)](alt1|alt2|…)[$]` where every alternative starts with
 * a literal (letters, digits, `_`, `\.`, `\$`), the literal starts: a text any part of which the
 * regex matches holds one of them (case-insensitively with the `i` flag). Null for any other shape.
 */
export function literalAlternatives(regex: string): { words: string[]; ci: boolean } | null {
  const m = /^(?:\(\?([a-z]+)\))?(?:\^|\(\^\|\\\.\))?\((.*)\)\$?$/s.exec(regex);
  if (m === null) return null;
  const flags = m[1] ?? '';
  if (/[^is]/.test(flags)) return null;
  const body = m[2]!;
  // Split the group's body on its top-level `|`; the group must close only at the end.
  const alts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') return null;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return null;
      depth--;
    } else if (ch === '|' && depth === 0) {
      alts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  if (depth !== 0) return null;
  alts.push(body.slice(from));
  const words: string[] = [];
  for (const alt of alts) {
    let w = '';
    let i = 0;
    for (; i < alt.length; i++) {
      const ch = alt[i]!;
      if (/[A-Za-z0-9_]/.test(ch)) w += ch;
      else if (ch === '\\' && (alt[i + 1] === '.' || alt[i + 1] === '$')) {
        w += alt[i + 1];
        i++;
      } else break;
    }
    // A quantifier after the literal makes its last character optional (or repeated).
    if (i < alt.length && '?*{'.includes(alt[i]!)) w = w.slice(0, -1);
    if (w === '') return null;
    words.push(w);
  }
  const ci = flags.includes('i');
  return { words: ci ? words.map((w) => w.toLowerCase()) : words, ci };
}

/** Non-ASCII characters that a case-insensitive regex matches as an ASCII letter (Kelvin sign, long s). */
const FOLDS_TO_ASCII = /[\u017F\u212A]/;

let lastLowered: { text: string; lower: string } | undefined;

/** The text in lower case (memoised for the last text asked: the clauses of a file ask in a row). */
function lowerOf(text: string): string {
  if (lastLowered?.text !== text) lastLowered = { text, lower: text.toLowerCase() };
  return lastLowered.lower;
}

/** Words a match must contain literally (identifiers of the pattern and of pattern-inside). */
function requiredWords(c: PatternClause): string[] {
  const texts = [c.pattern, c['pattern-inside'] ?? ''];
  const words = new Set<string>();
  for (const t of texts) {
    // Drop metavariables and string literals, keep identifiers.
    const stripped = t.replace(/\$+[A-Z_][A-Z0-9_]*/g, ' ').replace(/(['"`])(?:\\.|(?!\1).)*\1/g, ' ');
    for (const w of stripped.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? []) if (!KEYWORDS.has(w)) words.add(w);
  }
  return [...words];
}

/** True when `text` holds every literal word the clause needs (else the clause cannot match). */
export function mayMatch(c: PatternClause, text: string): boolean {
  const req = required(c);
  if (!(req.all.every((w) => text.includes(w)) && req.anyOf.every((alts) => alts.some((w) => text.includes(w))))) return false;
  if (req.anyOfCi.length === 0 || FOLDS_TO_ASCII.test(text)) return true;
  const lower = lowerOf(text);
  return req.anyOfCi.every((alts) => alts.some((w) => lower.includes(w)));
}

const emptyRoots = new Map<Language, SgNode>();
const clauseErrors = new Map<Language, WeakMap<PatternClause, Error | null>>();

/**
 * The error ast-grep raises for this clause in this language, or null. ast-grep compiles the
 * config before it looks at the tree, so a clause that fails on an empty file fails on every file
 * (and one that compiles there compiles everywhere): this lets a scan know whether matching a
 * file would fail without parsing the file.
 */
export function clauseError(c: PatternClause, language: Language): Error | null {
  let byClause = clauseErrors.get(language);
  if (byClause === undefined) clauseErrors.set(language, byClause = new WeakMap());
  let e = byClause.get(c);
  if (e === undefined) {
    let root = emptyRoots.get(language);
    if (root === undefined) emptyRoots.set(language, root = parseText('', language).root());
    try {
      root.findAll(compileClause(c, language));
      e = null;
    } catch (err) {
      e = err instanceof Error ? err : new Error(String(err));
    }
    byClause.set(c, e);
  }
  return e;
}

/**
 * `root.findAll` of the clause's config. A clause `pattern: $V` + `pattern-inside: P` matches
 * every node of the file before ast-grep tries P on each node's ancestors (sanitize-html: 5 ms of
 * the 15 ms all clauses take on its index.js). Every match lies strictly inside a node that
 * matches P alone, so the same config is run from each outermost such node only: findAll from a
 * node visits that subtree in the same order and still checks `inside` against all ancestors,
 * and the outermost P nodes themselves cannot match (no ancestor matches P), so the concatenated
 * matches are the file's, in the same order.
 */
function findClause(root: SgNode, c: PatternClause, language: Language, ascii: boolean): SgNode[] {
  const inside = c['pattern-inside'];
  if (inside === undefined || WHOLE_NODE_METAVAR.exec(c.pattern.trim()) === null) return root.findAll(compileClause(c, language, ascii));
  const scopes: SgNode[] = [];
  let end = -1;
  for (const a of root.findAll({ rule: patternRule(inside, language) } as NapiConfig)) {
    const r = a.range();
    // Pre-order: a node within the last kept scope is nested in it (same range: a descendant).
    if (r.end.index <= end) continue;
    scopes.push(a);
    end = r.end.index;
  }
  return scopes.flatMap((a) => a.findAll(compileClause(c, language, ascii)));
}

/**
 * What clauses matched on one tree, by clause content: rules share clauses (`$REQ.body` with the
 * same regex is in three CWE-79 rules, `$X.length` in three), and each is run once per tree.
 */
export type ClauseMemo = Map<string, Array<{ node: SgNode; focus: SgNode[] }>>;

const clauseKeys = new WeakMap<PatternClause, string>();

/** The clause's whole content as a key (a field that does not change the matches, such as a guard's `safe-when`, only makes the memo share less). */
function clauseKey(c: PatternClause): string {
  let k = clauseKeys.get(c);
  if (k === undefined) {
    k = JSON.stringify(c);
    clauseKeys.set(c, k);
  }
  return k;
}

/** The matches of one clause on `root` that pass its metavariable checks, with their focus nodes. */
function clauseMatches(root: SgNode, c: PatternClause, language: Language, ascii: boolean): Array<{ node: SgNode; focus: SgNode[] }> {
  const checks = asArray(c['metavariable-check']);
  let found: SgNode[];
  try {
    found = findClause(root, c, language, ascii);
  } catch (err) {
    // The ASCII spelling of a regex that Rust rejects: the original decides (and its error is the one reported).
    if (!ascii) throw err;
    found = findClause(root, c, language, false);
  }
  const out: Array<{ node: SgNode; focus: SgNode[] }> = [];
  for (const m of found) {
    if (checks.some((mc) => { const b = m.getMatch(mc.metavariable.replace(/^\$+/, '')); return b === null || !valueCheck(mc.check, b); })) continue;
    out.push({ node: m, focus: focusNodes(m, c.focus) });
  }
  return out;
}

/**
 * Runs `clauses` over `root`. Throws when ast-grep rejects a pattern (the caller turns that into a
 * rule-error notice naming the rule). `memo` (one per tree) reuses the matches of a clause with
 * the same content that ran on this tree before.
 */
export function matchClauses(root: SgNode, clauses: ReadonlyArray<PatternClause | null>, language: Language, text?: string, memo?: ClauseMemo): MatchSet {
  const out: MatchSet = new Map();
  const ascii = text !== undefined && isAscii(text);
  clauses.forEach((c, i) => {
    if (c === null) return;
    // Cheap text prefilter: a pattern whose literal identifiers are absent cannot match.
    if (text !== undefined && !mayMatch(c, text)) return;
    const key = memo === undefined ? undefined : clauseKey(c);
    let found = key === undefined ? undefined : memo!.get(key);
    if (found === undefined) {
      found = clauseMatches(root, c, language, ascii);
      if (key !== undefined) memo!.set(key, found);
    }
    for (const { node, focus } of found) {
      const k = rangeKey(node);
      const entry: ClauseMatch = { clause: i, node, focus };
      const list = out.get(k);
      if (list === undefined) out.set(k, [entry]);
      else list.push(entry);
    }
  });
  return out;
}
