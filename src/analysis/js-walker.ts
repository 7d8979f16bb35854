// The JavaScript/TypeScript taint walker: abstract interpretation of one function body over
// tree-sitter nodes, in statement order. Assignments bind, reassignment kills, branches join,
// guards clean the branch where their check holds, loops run twice, calls use summaries of local
// functions (same file or imported) and otherwise pass argument taint to the result.
import type { SgNode } from '@ast-grep/napi';
import { rangeKey, type ClauseMatch } from './match.js';
import type { FnInfo, ImportBinding, JsInventory } from './js-functions.js';
import { JS_FUNCTION_KINDS } from './js-functions.js';
import { HitList } from './hit-list.js';
import { alwaysExits, breaksOut, comparesWith, coversElement, EVERY_ELEMENT, pathBuilderArgs, type DerivedInput, type EachFrame } from './js-checked-each.js';
import { fieldOf, kindOf, namedChildrenOf, textOf } from './node-cache.js';
import {
  deliverAtSink, deliverHit, Env, extend, extendTrace, isSourceLabel, isTainted, only, paramLabel, parseParamLabel, sanitize, snippet, step, union, unionAll,
  type SinkHit, type Taint, type Trace,
} from './taint-core.js';

/** Parameter i reaches a sink: the trace runs from the parameter to the sink. */

/** What a function does with its inputs, seen from a caller. */
export interface Summary {
  sinks: SinkHit[];
  /** Labels of the return value: 'S'/'S:<name>' (a source inside), 'P<i>' (parameter i flows out), taint-core.ts. */
  ret: Taint;
  /** Tainted `this.*` paths when the function ends (what a constructor stores on the object). */
  fields?: ReadonlyMap<string, Taint>;
}

/** A function constructorFields() may take as a class's constructor: not a method other than `constructor`. */
function mayConstruct(fn: FnInfo): boolean {
  return kindOf(fn.node) !== 'method_definition' || fn.names.some((n) => n.endsWith('.prototype.constructor'));
}

/** The summary of a function through which nothing flows (shared: summaries are never mutated). */
const EMPTY_SUMMARY: Summary = Object.freeze({ sinks: Object.freeze([]) as unknown as SinkHit[], ret: null });

/** What the walker needs from the analysis of the rule on this file. */
export interface WalkContext {
  file: string;
  inv: JsInventory;
  sources: Map<string, ClauseMatch[]>;
  sinks: Map<string, ClauseMatch[]>;
  sanitizers: Map<string, ClauseMatch[]>;
  sideEffectSanitizers: Map<string, ClauseMatch[]>;
  guards: Map<string, ClauseMatch[]>;
  guardSafeWhen: (clause: number) => boolean;
  propagators: Map<string, ClauseMatch[]>;
  propagatorEnds: (clause: number) => { from: string; to: string };
  /** The label (taint-core.ts) a rule-level parameter source gives this parameter (index -1: `arguments`), or null. */
  isSourceParam: (fn: FnInfo, index: number, param: SgNode) => string | null;
  /** The label of source clause i (taint-core.ts `sourceLabel`). */
  sourceLabel: (clause: number) => string;
  /** The source labels sanitizer clause i removes; undefined = every label (no `labels:`). */
  sanitizerLabels: (clause: number) => readonly string[] | undefined;
  /** Summary of a function of this file; null while it is being computed (recursion). */
  summaryOf: (fn: FnInfo) => Summary | null;
  /** Summaries of a function of another module reached through an import binding. */
  importedSummaries: (binding: ImportBinding, member: string | undefined) => Summary[];
  /** A source reached a sink; the trace's last step is the sink. */
  report: (trace: Trace) => void;
}

const ITER_FIRST = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'flatMap', 'then', 'sort']);
const ITER_SECOND = new Set(['reduce', 'reduceRight']);
const COLLECTION_LIBS = new Set(['_', 'lodash', 'underscore', 'async', 'R']);
const COLLECTION_ITER = new Set(['each', 'forEach', 'forOwn', 'forIn', 'eachOf', 'eachSeries', 'eachLimit', 'mapValues', 'mapKeys', 'mapSeries', 'transform']);
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append', 'write', 'concat']);
/** String/array methods whose result is made of the receiver only (their arguments are indices, separators, radixes). */
const FROM_RECEIVER = new Set(['split', 'slice', 'substr', 'substring', 'trim', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight',
  'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'charAt', 'at', 'normalize', 'repeat', 'toString', 'valueOf', 'match', 'matchAll', 'shift', 'pop']);
/** Methods that answer a number or a boolean about their receiver. */
const CLEAN_RESULT = new Set(['indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'localeCompare', 'search', 'charCodeAt', 'codePointAt', 'hasOwnProperty', 'isArray', 'isInteger', 'isSafeInteger', 'isFinite', 'isNaN']);
const CLEAN_BINARY = new Set(['-', '*', '/', '%', '**', '<<', '>>', '>>>', '&', '|', '^', '==', '===', '!=', '!==', '<', '>', '<=', '>=', 'in', 'instanceof']);
const SELF = new Set(['this', 'self', 'that', '_this', 'me']);
const MAX_INLINE_DEPTH = 6;

function field(n: SgNode, name: string): SgNode | null {
  return fieldOf(n, name);
}

function unparen(n: SgNode): SgNode {
  let cur = n;
  while (kindOf(cur) === 'parenthesized_expression') {
    const inner = namedChildrenOf(cur)[0];
    if (inner === undefined) break;
    cur = inner;
  }
  return cur;
}

/** `typeof x !== 'undefined'`, `x != null`, `x` (present) or their negations (absent). */
function presenceTest(n: SgNode): { path: string; present: boolean } | null {
  const c = unparen(n);
  const k = kindOf(c);
  if (k === 'unary_expression' && textOf(field(c, 'operator')) === '!') {
    const a = field(c, 'argument');
    const inner = a === null ? null : presenceTest(a);
    return inner === null ? null : { path: inner.path, present: !inner.present };
  }
  const p = accessPath(c);
  if (p !== null) return { path: p, present: true };
  if (k !== 'binary_expression') return null;
  const op = textOf(field(c, 'operator')) ?? '';
  const l = field(c, 'left');
  const r = field(c, 'right');
  if (l === null || r === null) return null;
  const nullish = (x: SgNode): boolean => ['null', 'undefined'].includes(kindOf(x)) || textOf(x) === 'undefined' || textOf(x) === "'undefined'" || textOf(x) === '"undefined"';
  let subject: SgNode | null = null;
  if (nullish(r)) subject = l;
  else if (nullish(l)) subject = r;
  if (subject === null) return null;
  if (kindOf(subject) === 'unary_expression' && textOf(field(subject, 'operator')) === 'typeof') subject = field(subject, 'argument');
  const path = subject === null ? null : accessPath(subject);
  if (path === null) return null;
  if (op === '!==' || op === '!=') return { path, present: true };
  if (op === '===' || op === '==') return { path, present: false };
  return null;
}

/** Access path of an expression (`a`, `a.b`, `this.c`, `a.b` for `a['b']`), or null. */
const SIMPLE_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * The access paths a guard's focus stands for: the path itself, or, for a list built from values
 * (`[a, b]`, `[].concat(a || []).concat(b)`, `[...xs, y]`), each value in it, so a check over
 * every element (`list.some((v) => /^-/.test(v))`) covers each of them.
 */
export function elementPaths(n: SgNode): string[] {
  const p = accessPath(n);
  if (p !== null) return [p];
  const u = unparen(n);
  const k = kindOf(u);
  if (k === 'array') return u.namedChildren().flatMap((c) => elementPaths(kindOf(c) === 'spread_element' ? (c.namedChildren()[0] ?? c) : c));
  if (k === 'binary_expression' && ['||', '??'].includes(field(u, 'operator')?.text() ?? '')) {
    return [field(u, 'left'), field(u, 'right')].flatMap((x) => (x === null ? [] : elementPaths(x)));
  }
  if (k === 'call_expression') {
    const callee = field(u, 'function');
    if (callee !== null && kindOf(callee) === 'member_expression' && field(callee, 'property')?.text() === 'concat') {
      const recv = field(callee, 'object');
      const args = field(u, 'arguments')?.namedChildren() ?? [];
      return [...(recv === null ? [] : elementPaths(recv)), ...args.flatMap((a) => elementPaths(a))];
    }
  }
  return [];
}

export function accessPath(n: SgNode): string | null {
  const k = kindOf(n);
  if (k === 'member_expression' || k === 'identifier' || k === 'this') {
    // One native call instead of a walk down the chain for the common `a.b.c`.
    const t = textOf(n);
    if (SIMPLE_PATH.test(t)) return t;
  }
  if (k === 'identifier' || k === 'shorthand_property_identifier' || k === 'shorthand_property_identifier_pattern') return textOf(n);
  if (k === 'this') return 'this';
  if (k === 'parenthesized_expression' || k === 'non_null_expression') {
    const c = namedChildrenOf(n)[0];
    return c === undefined ? null : accessPath(c);
  }
  if (k === 'member_expression') {
    const o = field(n, 'object');
    const p = field(n, 'property');
    if (o === null || p === null) return null;
    const base = accessPath(o);
    return base === null ? null : `${base}.${textOf(p)}`;
  }
  if (k === 'subscript_expression') {
    const o = field(n, 'object');
    const i = field(n, 'index');
    if (o === null || i === null) return null;
    const base = accessPath(o);
    const ik = kindOf(i);
    if (base === null) return null;
    if (ik === 'string') return `${base}.${textOf(i).slice(1, -1)}`;
    if (ik === 'number') return `${base}.${textOf(i)}`;
    return null;
  }
  return null;
}

/** Union of the taints of several sink arguments, keeping per label the trace with the most steps (the most telling one). */
function longestOf(ts: Taint[]): Taint {
  const out = new Map<string, Trace>();
  for (const t of ts) {
    if (!isTainted(t)) continue;
    for (const [l, tr] of t) if ((out.get(l)?.length ?? -1) < tr.length) out.set(l, tr);
  }
  return out.size === 0 ? null : out;
}

/** Walks one function (or the module body) for one rule. */
export class JsWalker {
  private env = new Env();
  private ret: Taint = null;
  private readonly hits = new HitList();
  private readonly memo = new Map<string, Taint>();
  /** `const` bindings to their initialiser, so a condition can name a check held in a constant. */
  private readonly checks = new Map<string, SgNode>();
  private depth = 0;
  /** Paths bound to a path built from tainted paths (`full = path.resolve(root, name)`), js-checked-each.ts. */
  private readonly derived = new Map<string, { bound: Taint | undefined; inputs: DerivedInput[] }>();
  /** The per-element body being walked (a `forEach` callback, a `for … of` body), js-checked-each.ts. */
  private each: EachFrame | null = null;
  /** Variables declared as `typeof x`: the x each stands for in a later comparison. */
  private readonly typeofs = new Map<string, SgNode | null>();
  /** The environments at the `return`s of the function `inlineWithWrites` is walking. */
  private exits: Env[] | null = null;

  constructor(private readonly ctx: WalkContext) {}

  /** Walks a function with symbolic parameters and returns its summary. */
  summarize(fn: FnInfo): Summary {
    fn.params.forEach((p, i) => {
      let t: Taint = only(paramLabel(i), [step(p, this.ctx.file, `parameter ${snippet(p, 30)}`)]);
      const labels = [this.ctx.isSourceParam(fn, i, p), ...(this.ctx.sources.get(rangeKey(p)) ?? []).map((m) => this.ctx.sourceLabel(m.clause))];
      for (const label of new Set(labels)) {
        if (label !== null) t = union(t, only(label, [step(p, this.ctx.file, `source: parameter ${snippet(p, 30)} of ${fn.names[0] ?? 'anonymous function'}`)]));
      }
      this.bind(p, t, false);
    });
    const argsLabel = this.ctx.isSourceParam(fn, -1, fn.node);
    if (argsLabel !== null) {
      this.env.set('arguments', only(argsLabel, [step(fn.node, this.ctx.file, `source: arguments of ${fn.names[0] ?? 'anonymous function'}`)]));
      for (const [p, t] of this.constructorFields(fn, argsLabel)) this.env.set(p, t);
    }
    this.runBody(fn.body);
    // Only a constructor's fields are read (constructorFields): a method's would copy its class's.
    let fields: Map<string, Taint> | undefined;
    if (mayConstruct(fn)) for (const [k, v] of this.env.vars) if (k.startsWith('this.') && isTainted(v)) (fields ??= new Map()).set(k, v);
    const sinks = this.hits.toArray();
    // A cache keeps a summary per function, rule and file; most say nothing (issue 3, peak memory).
    if (sinks.length === 0 && !isTainted(this.ret) && fields === undefined) return EMPTY_SUMMARY;
    return fields === undefined ? { sinks, ret: this.ret } : { sinks, ret: this.ret, fields };
  }

  /**
   * Library mode: a public method of a class sees in `this.f` what the constructor stored there
   * from its parameters (`this.opts = opts` in `function Template(text, opts)`): the caller who
   * constructs the object and calls the method controls both.
   */
  private constructorFields(fn: FnInfo, label: string): Array<[string, Taint]> {
    const inv = this.ctx.inv;
    const cls = fn.names.map((n) => /^([A-Za-z_$][\w$]*)\.prototype\.[\w$]+$/.exec(n)?.[1]).find((c) => c !== undefined);
    if (cls === undefined) return [];
    const ctor = [...(inv.byName.get(`${cls}.prototype.constructor`) ?? []), ...(inv.byName.get(cls) ?? [])]
      .find((f) => f !== fn && (kindOf(f.node) !== 'method_definition' || f.names.includes(`${cls}.prototype.constructor`)));
    if (ctor === undefined) return [];
    const s = this.ctx.summaryOf(ctor);
    if (s === null || s.fields === undefined) return [];
    const out: Array<[string, Taint]> = [];
    // What the constructor stored is the caller's data under `label`, unless a labelled sanitizer
    // removed that label on the way from every parameter it came from.
    const name = label.startsWith('S:') ? label.slice(2) : undefined;
    for (const [p, t] of s.fields) {
      if (!isTainted(t)) continue;
      const kept = [...t].find(([l]) => isSourceLabel(l) || !(name !== undefined && (parseParamLabel(l)?.drop.includes(name) ?? false)));
      if (kept === undefined) continue;
      const [had, trace] = kept;
      const first = trace[0];
      if (first === undefined) continue;
      const src = { location: first.location, message: `source: ${first.message.replace(/^(source: )?/, '')} of ${cls}, stored in ${p}` };
      out.push([p, only(isSourceLabel(had) ? had : label, [src, ...trace.slice(1)])]);
    }
    return out;
  }

  /** Walks top-level statements of a module. */
  walkModule(root: SgNode): void {
    this.walkBlock(namedChildrenOf(root));
  }

  private runBody(body: SgNode | null): void {
    if (body === null) return;
    if (kindOf(body) === 'statement_block') this.walkBlock(namedChildrenOf(body));
    else this.ret = union(this.ret, extend(this.evalExpr(body), step(body, this.ctx.file, `return ${snippet(body, 40)}`)));
  }

  // ---- statements -------------------------------------------------------------------------

  private walkBlock(stmts: SgNode[]): boolean {
    for (const s of stmts) if (this.walkStmt(s)) return true;
    return false;
  }

  /** Returns true when the statement always leaves the enclosing block (return/throw/break/continue). */
  private walkStmt(s: SgNode): boolean {
    const k = kindOf(s);
    switch (k) {
      case 'statement_block':
      case 'program':
        return this.walkBlock(namedChildrenOf(s));
      case 'expression_statement':
        for (const c of namedChildrenOf(s)) this.evalExpr(c);
        return false;
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const d of namedChildrenOf(s)) {
          if (kindOf(d) !== 'variable_declarator') continue;
          const name = field(d, 'name');
          const value = field(d, 'value');
          if (name === null) continue;
          // `const bad = list.some(…)` then `if (bad) return`: the constant stands for its check.
          if (value !== null && kindOf(name) === 'identifier' && /^const\b/.test(s.text()) && !JS_FUNCTION_KINDS.has(kindOf(value))) this.checks.set(name.text(), value);
          // `var type = typeof v` then `if (type === 'number')`: the variable stands for the typeof.
          if (value !== null && kindOf(name) === 'identifier' && kindOf(value) === 'unary_expression' && textOf(field(value, 'operator')) === 'typeof') this.typeofs.set(name.text(), field(value, 'argument'));
          if (value !== null && this.bindObjectLiteral(name, value)) continue;
          const t = value === null ? null : this.evalExpr(value);
          const inputs = this.derivedInputs(value);
          this.bind(name, isTainted(t) ? extend(t, step(d, this.ctx.file, `${snippet(name, 30)} = …`)) : null, false);
          this.recordDerived(name, inputs);
        }
        return false;
      case 'return_statement': {
        const v = namedChildrenOf(s)[0];
        if (v !== undefined) this.ret = union(this.ret, extend(this.evalExpr(v), step(s, this.ctx.file, `return ${snippet(v, 40)}`)));
        this.exits?.push(this.env.copy());
        return true;
      }
      case 'throw_statement':
        for (const c of namedChildrenOf(s)) this.evalExpr(c);
        return true;
      case 'break_statement':
      case 'continue_statement':
        return true;
      case 'if_statement':
        return this.walkIf(s);
      case 'for_statement':
        for (const f of ['initializer', 'condition']) {
          const n = field(s, f);
          if (n !== null) this.walkStmtOrExpr(n);
        }
        this.loop(() => {
          const b = field(s, 'body');
          if (b !== null) this.walkStmt(b);
          const inc = field(s, 'increment');
          if (inc !== null) this.evalExpr(inc);
        });
        return false;
      case 'for_in_statement': {
        const right = field(s, 'right');
        const left = field(s, 'left');
        const t = right === null ? null : this.evalExpr(right);
        const body = field(s, 'body');
        const walk = (): void => this.loop(() => {
          if (left !== null) this.bind(left, isTainted(t) ? extend(t, step(left, this.ctx.file, `${snippet(left, 30)} iterates over ${right === null ? '…' : snippet(right, 30)}`)) : null, false);
          if (body !== null) this.walkStmt(body);
        });
        // `for (const x of xs) { if (!ok(x)) throw … }` with no break: after the loop every element passed.
        const ofLoop = textOf(field(s, 'operator')) === 'of' && body !== null && !breaksOut(body);
        if (ofLoop && this.walkEach(body, left, true, walk) && right !== null) for (const p of elementPaths(right)) this.env.set(p, null);
        else if (!ofLoop) walk();
        return false;
      }
      case 'while_statement':
      case 'do_statement':
        this.loop(() => {
          const c = field(s, 'condition');
          if (c !== null) this.evalExpr(c);
          const b = field(s, 'body');
          if (b !== null) this.walkStmt(b);
        });
        return false;
      case 'try_statement': {
        const before = this.env.copy();
        const body = field(s, 'body');
        if (body !== null) this.walkStmt(body);
        const handler = field(s, 'handler');
        if (handler !== null) {
          const afterBody = this.env;
          this.env = Env.merge(before, afterBody);
          const hb = field(handler, 'body');
          const hp = field(handler, 'parameter');
          if (hp !== null) this.bind(hp, null, false);
          // A handler that always leaves (return/throw) adds nothing after the try: what follows
          // runs only when the body completed, so its assignments (a decode in the body) hold.
          const handlerExits = hb !== null && this.walkStmt(hb);
          this.env = handlerExits ? afterBody : Env.merge(this.env, afterBody);
        }
        const fin = field(s, 'finalizer');
        const fb = fin === null ? null : field(fin, 'body');
        if (fb !== null) this.walkStmt(fb);
        return false;
      }
      case 'switch_statement': {
        const v = field(s, 'value');
        if (v !== null) this.evalExpr(v);
        const body = field(s, 'body');
        const start = this.env;
        let out = start.copy();
        let fall = start.copy();
        for (const c of body === null ? [] : namedChildrenOf(body)) {
          if (!['switch_case', 'switch_default'].includes(kindOf(c))) continue;
          this.env = Env.merge(fall, start);
          const cv = field(c, 'value');
          if (cv !== null) this.evalExpr(cv);
          const stmts = namedChildrenOf(c).filter((x) => x !== cv && !x.matches({ rule: { kind: 'comment' } }));
          const exits = this.walkBlock(stmts.filter((x) => cv === null || rangeKey(x) !== rangeKey(cv)));
          out = Env.merge(out, this.env);
          fall = exits ? start.copy() : this.env;
        }
        this.env = out;
        return false;
      }
      case 'labeled_statement': {
        const b = field(s, 'body');
        return b === null ? false : this.walkStmt(b);
      }
      case 'export_statement': {
        const d = field(s, 'declaration');
        if (d !== null) return this.walkStmt(d);
        const v = field(s, 'value');
        if (v !== null) this.evalExpr(v);
        return false;
      }
      case 'function_declaration':
      case 'generator_function_declaration':
        this.maybeInline(s, []);
        return false;
      case 'class_declaration':
      case 'import_statement':
      case 'empty_statement':
      case 'comment':
      case 'debugger_statement':
      case 'interface_declaration':
      case 'type_alias_declaration':
      case 'enum_declaration':
      case 'abstract_class_declaration':
        return false;
      default:
        // Statements we do not model (`with`, …): walk their parts in order.
        for (const c of namedChildrenOf(s)) this.walkStmtOrExpr(c);
        return false;
    }
  }

  private walkStmtOrExpr(n: SgNode): void {
    const k = kindOf(n);
    if (k.endsWith('_statement') || k.endsWith('_declaration') || k === 'statement_block') this.walkStmt(n);
    else this.evalExpr(n);
  }

  private loop(body: () => void): void {
    for (let i = 0; i < 2; i++) {
      const before = this.env.copy();
      body();
      this.env = Env.merge(before, this.env);
    }
  }

  private walkIf(s: SgNode): boolean {
    const cond = field(s, 'condition');
    if (cond !== null) this.evalExpr(cond);
    const start = this.env;
    const elementCheck = this.elementCheck(s, cond);
    this.env = start.copy();
    if (cond !== null) this.refine(cond, true);
    const cons = field(s, 'consequence');
    const exitT = cons === null ? false : this.walkStmt(cons);
    const envT = this.env;
    this.env = start.copy();
    if (cond !== null) this.refine(cond, false);
    const alt = field(s, 'alternative');
    const altStmt = alt === null ? null : (kindOf(alt) === 'else_clause' ? namedChildrenOf(alt)[0] ?? null : alt);
    const exitF = altStmt === null ? false : this.walkStmt(altStmt);
    const envF = this.env;
    if (elementCheck !== null) this.noteElementCheck(elementCheck, cons, altStmt, exitT, exitF);
    if (exitT && !exitF) this.env = envF;
    else if (exitF && !exitT) this.env = envT;
    else this.env = Env.merge(envT, envF);
    return exitT && exitF;
  }

  // ---- checks carried beyond the checked value (js-checked-each.ts) ------------------------

  /**
   * The tainted access path a path-building call (`path.resolve(root, name)`) is made of, when
   * there is one. A tainted base (a library's caller-chosen root) besides it is allowed only as
   * `needs`: the check must then compare against that same base.
   */
  private derivedInputs(value: SgNode | null): DerivedInput[] {
    const args = value === null ? null : pathBuilderArgs(unparen(value));
    const tainted: Array<{ index: number; input: DerivedInput | null }> = [];
    (args ?? []).forEach((a, index) => {
      const p = accessPath(a);
      const exact = p === null ? undefined : this.env.exact(p);
      const implicit = p === null ? null : this.env.implicit(p);
      if (p !== null && isTainted(exact === undefined ? implicit : exact)) tainted.push({ index, input: { path: p, exact, implicit } });
      // A tainted part that is not a plain path (a call, a concatenation): nothing to carry the proof to.
      else if (isTainted(this.taintOf(a))) tainted.push({ index, input: null });
    });
    if (tainted.length === 1 && tainted[0]!.input !== null) return [tainted[0]!.input];
    // Two tainted parts: proving the whole proves the second only under the first (the base).
    const [base, rest] = tainted;
    if (tainted.length === 2 && base!.index === 0 && base!.input !== null && rest!.input !== null) return [{ ...rest!.input, needs: base!.input.path }];
    return [];
  }

  private recordDerived(target: SgNode, inputs: DerivedInput[]): void {
    const p = accessPath(target);
    if (p === null) return;
    const own = inputs.filter((i) => i.path !== p && !i.path.startsWith(`${p}.`));
    if (own.length === 0) this.derived.delete(p);
    else this.derived.set(p, { bound: this.env.exact(p), inputs: own });
  }

  /** `paths` plus the inputs of each one that is a derived path, when neither was rebound since. */
  private withDerived(paths: string[], cond: SgNode): string[] {
    const out = [...paths];
    for (const p of paths) {
      const d = this.derived.get(p);
      if (d === undefined || this.env.exact(p) !== d.bound) continue;
      for (const i of d.inputs) {
        if (this.env.exact(i.path) === i.exact && this.env.implicit(i.path) === i.implicit && comparesWith(cond, i.needs)) out.push(i.path);
      }
    }
    return out;
  }

  /** For an `if` directly in a per-element body: what each outcome of its condition proves. */
  private elementCheck(s: SgNode, cond: SgNode | null): { whenTrue: string[]; whenFalse: string[] } | null {
    const frame = this.each;
    if (frame === null || cond === null) return null;
    const parent = s.parent();
    if (parent === null || rangeKey(parent) !== frame.bodyKey) return null;
    return { whenTrue: this.withDerived(this.guardPaths(cond, true), cond), whenFalse: this.withDerived(this.guardPaths(cond, false), cond) };
  }

  /** The failing side of the check leaves the element's body by a throw (or a return out of a loop body): the element is proven. */
  private noteElementCheck(c: { whenTrue: string[]; whenFalse: string[] }, cons: SgNode | null, alt: SgNode | null, exitT: boolean, exitF: boolean): void {
    const frame = this.each;
    if (frame === null) return;
    if (exitT && !exitF && alwaysExits(cons, frame.returnExits) && coversElement(frame, c.whenFalse)) frame.proven = true;
    if (exitF && !exitT && alwaysExits(alt, frame.returnExits) && coversElement(frame, c.whenTrue)) frame.proven = true;
  }

  /** Walks a per-element body under a frame; true when a dominating check proved the element. */
  private walkEach(body: SgNode | null, element: SgNode | null, returnExits: boolean, walk: () => void): boolean {
    const name = element === null ? null : accessPath(element);
    if (body === null || kindOf(body) !== 'statement_block' || name === null) {
      walk();
      return false;
    }
    const saved = this.each;
    const frame: EachFrame = { bodyKey: rangeKey(body), element: name, returnExits, proven: false };
    this.each = frame;
    try {
      walk();
    } finally {
      this.each = saved;
    }
    return frame.proven;
  }

  /** Applies guards in `cond` for the branch where `cond` evaluates to `truth`. */
  private refine(cond: SgNode, truth: boolean): void {
    for (const p of this.withDerived(this.guardPaths(cond, truth), cond)) this.env.set(p, null);
  }

  /**
   * Paths proven safe on the branch where `cond` is `truth`. `a && b` false (or `a || b` true)
   * proves only what both sides prove, except that a presence test of the same value
   * (`typeof x !== 'undefined' && !allowed(x)`) counts as proof: an absent value is safe.
   */
  private guardPaths(cond: SgNode, truth: boolean): string[] {
    const c = unparen(cond);
    const k = kindOf(c);
    const held = k === 'identifier' ? this.checks.get(textOf(c)) : undefined;
    if (held !== undefined) return this.guardPaths(held, truth);
    if (k === 'unary_expression' && textOf(field(c, 'operator')) === '!') {
      const arg = field(c, 'argument');
      return arg === null ? [] : this.guardPaths(arg, !truth);
    }
    const out: string[] = [];
    if (k === 'binary_expression') {
      const op = textOf(field(c, 'operator'));
      const l = field(c, 'left');
      const r = field(c, 'right');
      if (l !== null && r !== null && (op === '&&' || op === '||')) {
        const both = (op === '&&') === truth;
        const pl = this.guardPaths(l, truth);
        const pr = this.guardPaths(r, truth);
        if (both) out.push(...pl, ...pr);
        else {
          out.push(...pl.filter((p) => pr.includes(p)));
          // `present(x) && bad(x)` false, or `absent(x) || ok(x)` true: x is absent or proven.
          const wantPresent = op === '&&';
          for (const [test, proven] of [[l, pr], [r, pl]] as const) {
            const p = presenceTest(test);
            if (p !== null && p.present === wantPresent && proven.includes(p.path)) out.push(p.path);
          }
        }
      }
    }
    if (k === 'binary_expression') {
      const p = this.primitiveTypeTest(c);
      if (p !== null && p.holds === truth) out.push(p.path);
    }
    for (const g of this.ctx.guards.get(rangeKey(c)) ?? []) {
      if (this.ctx.guardSafeWhen(g.clause) !== truth) continue;
      for (const f of g.focus) out.push(...elementPaths(f), ...this.derivedInputs(f).filter((i) => comparesWith(c, i.needs)).map((i) => i.path));
    }
    return out;
  }

  /**
   * `typeof x === 'number'` (or `'bigint'`, `'boolean'`), also through a variable declared as
   * `typeof x`: where it holds, x is a primitive whose text is digits or a keyword, so it carries
   * no injection whatever the rule (an `instanceof` test proves no such thing: an object's
   * methods can be overridden). `holds` = the truth value of the comparison that proves it.
   */
  private primitiveTypeTest(c: SgNode): { path: string; holds: boolean } | null {
    const op = textOf(field(c, 'operator')) ?? '';
    if (!['===', '==', '!==', '!='].includes(op)) return null;
    const l = field(c, 'left');
    const r = field(c, 'right');
    if (l === null || r === null) return null;
    const subjectOf = (x: SgNode): SgNode | null => {
      const u = unparen(x);
      if (kindOf(u) === 'unary_expression' && textOf(field(u, 'operator')) === 'typeof') return field(u, 'argument');
      return kindOf(u) === 'identifier' ? this.typeofs.get(textOf(u)) ?? null : null;
    };
    const primitive = (x: SgNode): boolean => /^(['"])(number|bigint|boolean)\1$/.test(textOf(x) ?? '');
    const subject = primitive(r) ? subjectOf(l) : primitive(l) ? subjectOf(r) : null;
    const path = subject === null ? null : accessPath(subject);
    return path === null ? null : { path, holds: op === '===' || op === '==' };
  }

  // ---- bindings ---------------------------------------------------------------------------

  /** `x = { a: …, b: … }`: binds each property as its own path (field-sensitive). */
  private bindObjectLiteral(target: SgNode, value: SgNode): boolean {
    if (kindOf(value) !== 'object') return false;
    const p = accessPath(target);
    if (p === null) return false;
    const fields: Array<[string, Taint]> = [];
    let rest: Taint = null;
    for (const c of namedChildrenOf(value)) {
      const ck = kindOf(c);
      if (ck === 'pair') {
        const k = field(c, 'key');
        const v = field(c, 'value');
        const vt = v === null ? null : JS_FUNCTION_KINDS.has(kindOf(v)) ? (this.maybeInline(v, []), null) : this.evalExpr(v);
        const kk = k === null ? '' : kindOf(k);
        if (k !== null && (kk === 'property_identifier' || kk === 'string' || kk === 'number')) {
          fields.push([kk === 'string' ? textOf(k).slice(1, -1) : textOf(k), vt]);
        } else {
          if (k !== null) this.evalExpr(k);
          rest = union(rest, vt);
        }
      } else if (ck === 'shorthand_property_identifier') {
        fields.push([textOf(c), this.evalExpr(c)]);
      } else if (ck === 'method_definition') {
        this.maybeInline(c, []);
      } else if (ck !== 'comment') rest = union(rest, this.evalExpr(c));
    }
    const at = step(value, this.ctx.file, `${snippet(target, 30)} = { … }`);
    this.env.set(p, isTainted(rest) ? extend(rest, at) : null);
    for (const [k, t] of fields) this.env.set(`${p}.${k}`, isTainted(t) ? extend(t, at) : null);
    return true;
  }

  /** Binds a pattern (identifier, member, destructuring) to a value; `weak` adds instead of replacing. */
  private bind(target: SgNode, t: Taint, weak: boolean): void {
    const k = kindOf(target);
    switch (k) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
      case 'this':
        if (weak) this.env.add(textOf(target), t);
        else this.env.set(textOf(target), t);
        return;
      case 'member_expression':
      case 'subscript_expression': {
        const p = accessPath(target);
        if (p !== null) {
          if (weak) this.env.add(p, t);
          else this.env.set(p, t);
          return;
        }
        const obj = field(target, 'object');
        if (k === 'subscript_expression') {
          const idx = field(target, 'index');
          if (idx !== null) this.evalExpr(idx);
        }
        const op = obj === null ? null : accessPath(obj);
        if (op !== null) this.env.add(op, t);
        else if (obj !== null) this.evalExpr(obj);
        return;
      }
      case 'object_pattern':
        for (const c of namedChildrenOf(target)) {
          const ck = kindOf(c);
          if (ck === 'pair_pattern') {
            const v = field(c, 'value');
            if (v !== null) this.bind(v, t, weak);
          } else if (ck === 'object_assignment_pattern') {
            const l = field(c, 'left');
            const r = field(c, 'right');
            if (l !== null) this.bind(l, union(t, r === null ? null : this.evalExpr(r)), weak);
          } else this.bind(c, t, weak);
        }
        return;
      case 'array_pattern':
        for (const c of namedChildrenOf(target)) this.bind(c, t, weak);
        return;
      case 'assignment_pattern': {
        const l = field(target, 'left');
        const r = field(target, 'right');
        if (l !== null) this.bind(l, union(t, r === null ? null : this.evalExpr(r)), weak);
        return;
      }
      case 'rest_pattern':
      case 'required_parameter':
      case 'optional_parameter':
      case 'parenthesized_expression':
        for (const c of namedChildrenOf(target)) {
          if (!['type_annotation', 'accessibility_modifier'].includes(kindOf(c))) {
            this.bind(c, t, weak);
            return;
          }
        }
        return;
      default:
        return;
    }
  }

  // ---- expressions ------------------------------------------------------------------------

  private read(path: string, whole: boolean): Taint {
    const own = this.env.exact(path) ?? null;
    return whole ? union(own, this.env.subpaths(path)) : own;
  }

  /** Taint of an expression; `whole` = the value is used as a whole (not as `x` in `x.f`). */
  evalExpr(n: SgNode, whole = true): Taint {
    const key = rangeKey(n);
    // A call the rule names as a sanitizer is opaque (Semgrep's semantics): its arguments are
    // evaluated (a sink nested in them still counts) but its body is not entered, so the
    // sanitizer's own code is not a path from the caller's data to a sink.
    // A sanitizer limited to some labels (`labels:`) is not opaque: the rest of the taint goes through.
    const sans = this.ctx.sanitizers.get(key);
    const removed = sans === undefined ? undefined : this.removedBy(sans);
    const opaque = sans !== undefined && removed === undefined && (kindOf(n) === 'call_expression' || kindOf(n) === 'new_expression');
    // The replacer runs whether or not the rule takes JSON.stringify's result as clean.
    if (kindOf(n) === 'call_expression' && textOf(field(n, 'function')) === 'JSON.stringify') this.jsonReplacer(n);
    if (opaque) for (const a of this.argsOf(n)) this.evalExpr(a);
    let t = opaque ? null : this.evalKind(n, whole);
    const srcs = this.ctx.sources.get(key);
    if (srcs !== undefined) {
      // A source that is an access path the function has since assigned or guarded
      // (`if (!ok(opts.name)) throw …`) holds what the environment says.
      const p = accessPath(n);
      if (p === null || !this.env.has(p)) {
        for (const label of new Set(srcs.map((m) => this.ctx.sourceLabel(m.clause)))) t = union(t, only(label, [step(n, this.ctx.file, `source: ${snippet(n)}`)]));
      }
    }
    if (sans !== undefined) t = sanitize(t, removed);
    const props = this.ctx.propagators.get(key);
    if (props !== undefined) t = union(t, this.propagate(n, props));
    this.memo.set(key, t);
    const sinks = this.ctx.sinks.get(key);
    if (sinks !== undefined) this.checkSink(n, sinks, t);
    const side = this.ctx.sideEffectSanitizers.get(key);
    if (side !== undefined) {
      for (const m of side) for (const f of m.focus.length > 0 ? m.focus : this.argsOf(n)) {
        const p = accessPath(f);
        if (p !== null) this.env.set(p, null);
      }
    }
    return t;
  }

  /** The labels the sanitizer matches at one node remove together; undefined = every label. */
  private removedBy(matches: ClauseMatch[]): readonly string[] | undefined {
    const out = new Set<string>();
    for (const m of matches) {
      const ls = this.ctx.sanitizerLabels(m.clause);
      if (ls === undefined) return undefined;
      for (const l of ls) out.add(l);
    }
    return [...out].sort();
  }

  private taintOf(n: SgNode): Taint {
    const k = rangeKey(n);
    return this.memo.has(k) ? this.memo.get(k)! : this.evalExpr(n);
  }

  private argsOf(n: SgNode): SgNode[] {
    const args = field(n, 'arguments');
    return args === null ? [] : namedChildrenOf(args).filter((a) => kindOf(a) !== 'comment');
  }

  private checkSink(n: SgNode, matches: ClauseMatch[], whole: Taint): void {
    for (const m of matches) {
      let sensitive: SgNode[];
      const k = kindOf(n);
      if (m.focus.length > 0) sensitive = m.focus;
      else if (k === 'call_expression' || k === 'new_expression') sensitive = this.argsOf(n);
      else if (k === 'assignment_expression' || k === 'augmented_assignment_expression') sensitive = [field(n, 'right')].filter((x): x is SgNode => x !== null);
      else sensitive = [];
      const t = sensitive.length === 0 && m.focus.length === 0 ? whole : longestOf(sensitive.map((s) => this.taintOf(s)));
      if (!isTainted(t)) continue;
      const sinkStep = step(n, this.ctx.file, `sink: ${snippet(n)}`);
      deliverAtSink(t, sinkStep, (trace) => this.ctx.report(trace), this.hits);
    }
  }

  private propagate(n: SgNode, matches: ClauseMatch[]): Taint {
    let result: Taint = null;
    for (const m of matches) {
      const ends = this.ctx.propagatorEnds(m.clause);
      const from = m.node.getMatch(ends.from.replace(/^\$+/, ''));
      const to = m.node.getMatch(ends.to.replace(/^\$+/, ''));
      if (from === null || to === null) continue;
      const t = this.taintOf(from);
      if (!isTainted(t)) continue;
      if (rangeKey(to) === rangeKey(n)) result = union(result, t);
      else {
        const p = accessPath(to);
        if (p !== null) this.env.add(p, extend(t, step(n, this.ctx.file, `${snippet(n, 40)} propagates to ${p}`)));
      }
    }
    return result;
  }

  private evalKind(n: SgNode, whole: boolean): Taint {
    const k = kindOf(n);
    switch (k) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return textOf(n) === 'undefined' ? null : this.read(textOf(n), whole);
      case 'this':
        return this.read('this', whole);
      case 'string':
      case 'number':
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'regex':
      case 'comment':
      case 'property_identifier':
      case 'private_property_identifier':
      case 'update_expression':
      case 'meta_property':
      case 'class':
        return null;
      case 'member_expression': {
        const obj = field(n, 'object');
        const tObj = obj === null ? null : this.evalExpr(obj, false);
        const p = accessPath(n);
        if (p === null) return tObj;
        const base = this.env.has(p) ? (this.env.exact(p) ?? null) : tObj;
        return whole ? union(base, this.env.subpaths(p)) : base;
      }
      case 'subscript_expression': {
        const obj = field(n, 'object');
        const idx = field(n, 'index');
        if (idx !== null) this.evalExpr(idx);
        const tObj = obj === null ? null : this.evalExpr(obj, false);
        const p = accessPath(n);
        if (p !== null && this.env.has(p)) return whole ? union(this.env.exact(p) ?? null, this.env.subpaths(p)) : (this.env.exact(p) ?? null);
        const op = obj === null ? null : accessPath(obj);
        return op !== null && whole ? union(tObj, this.env.subpaths(op)) : tObj;
      }
      case 'call_expression':
      case 'new_expression':
        return this.evalCall(n);
      case 'binary_expression': {
        const l = field(n, 'left');
        const r = field(n, 'right');
        const tl = l === null ? null : this.evalExpr(l);
        const tr = r === null ? null : this.evalExpr(r);
        const op = textOf(field(n, 'operator')) ?? '';
        return CLEAN_BINARY.has(op) ? null : union(tl, tr);
      }
      case 'unary_expression': {
        const a = field(n, 'argument');
        if (a !== null) this.evalExpr(a);
        return null;
      }
      case 'template_string':
        return unionAll(namedChildrenOf(n).filter((c) => kindOf(c) === 'template_substitution').map((c) => this.evalExpr(c)));
      case 'ternary_expression': {
        const c = field(n, 'condition');
        if (c !== null) this.evalExpr(c);
        const a = field(n, 'consequence');
        const b = field(n, 'alternative');
        const start = this.env;
        this.env = start.copy();
        if (c !== null) this.refine(c, true);
        const ta = a === null ? null : this.evalExpr(a);
        const envA = this.env;
        this.env = start.copy();
        if (c !== null) this.refine(c, false);
        const tb = b === null ? null : this.evalExpr(b);
        this.env = Env.merge(envA, this.env);
        // The guard cleaned only inside the branch: keep the outer binding for the join.
        for (const [k, v] of start.vars) if (!this.env.has(k) || isTainted(v)) this.env.vars.set(k, union(this.env.exact(k) ?? null, v));
        return union(ta, tb);
      }
      case 'assignment_expression': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (right !== null && JS_FUNCTION_KINDS.has(kindOf(right))) {
          this.maybeInline(right, []);
          if (left !== null) this.bind(left, null, false);
          return null;
        }
        if (left !== null && right !== null && this.bindObjectLiteral(left, right)) return this.read(accessPath(left) ?? '', true);
        const t = right === null ? null : this.evalExpr(right);
        const inputs = this.derivedInputs(right);
        if (left !== null) this.bind(left, isTainted(t) ? extend(t, step(n, this.ctx.file, `${snippet(left, 30)} = …`)) : null, false);
        if (left !== null) this.recordDerived(left, inputs);
        return t;
      }
      case 'augmented_assignment_expression': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        const t = union(right === null ? null : this.evalExpr(right), left === null ? null : this.evalExpr(left));
        const op = textOf(field(n, 'operator')) ?? '';
        const res = op === '+=' || op === '||=' || op === '??=' || op === '&&=' ? t : null;
        if (left !== null) this.bind(left, isTainted(res) ? extend(res, step(n, this.ctx.file, `${snippet(left, 30)} ${op} …`)) : null, false);
        return res;
      }
      case 'object': {
        let acc: Taint = null;
        for (const c of namedChildrenOf(n)) {
          const ck = kindOf(c);
          if (ck === 'pair') {
            const v = field(c, 'value');
            const key = field(c, 'key');
            if (key !== null && kindOf(key) === 'computed_property_name') this.evalExpr(key);
            if (v !== null) acc = union(acc, JS_FUNCTION_KINDS.has(kindOf(v)) ? (this.maybeInline(v, []), null) : this.evalExpr(v));
          } else if (ck === 'method_definition') {
            this.maybeInline(c, []);
          } else acc = union(acc, this.evalExpr(c));
        }
        return acc;
      }
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
        this.maybeInline(n, []);
        return null;
      case 'sequence_expression': {
        let last: Taint = null;
        for (const c of namedChildrenOf(n)) last = this.evalExpr(c);
        return last;
      }
      case 'as_expression':
      case 'satisfies_expression':
      case 'type_assertion': {
        const c = namedChildrenOf(n)[0];
        return c === undefined ? null : this.evalExpr(c, whole);
      }
      default:
        return unionAll(namedChildrenOf(n).map((c) => this.evalExpr(c)));
    }
  }

  private evalCall(n: SgNode): Taint {
    const callee = field(n, 'function') ?? field(n, 'constructor');
    const args = this.argsOf(n);
    let recv: Taint = null;
    let method: string | undefined;
    let recvNode: SgNode | null = null;
    if (callee !== null && kindOf(callee) === 'member_expression') {
      recvNode = field(callee, 'object');
      method = textOf(field(callee, 'property'));
      recv = recvNode === null ? null : this.evalExpr(recvNode);
    } else if (callee !== null && kindOf(callee) !== 'identifier' && !JS_FUNCTION_KINDS.has(kindOf(callee))) {
      recv = this.evalExpr(callee);
    }
    if (callee !== null && kindOf(callee) === 'identifier' && textOf(callee) === 'require') return null;
    const argTs: Taint[] = [];
    let mapped: Taint | undefined;
    let checkedColl: SgNode | null = null;
    // `_.each(coll, (v, k) => …)`, `async.eachSeries(coll, …)`, `lazy.forOwn(obj, …)`: a utility
    // library's iteration takes the collection first and the callback second.
    const utilityShape = args.length >= 2 && !JS_FUNCTION_KINDS.has(kindOf(args[0]!)) && JS_FUNCTION_KINDS.has(kindOf(args[1]!));
    const collArg = method !== undefined && recvNode !== null && utilityShape &&
      ((COLLECTION_LIBS.has(textOf(recvNode)) && ITER_FIRST.has(method)) || COLLECTION_ITER.has(method));
    for (const a of args) {
      if (JS_FUNCTION_KINDS.has(kindOf(a))) {
        const coll = collArg ? (argTs[0] ?? null) : recv;
        const seed = method !== undefined && (ITER_FIRST.has(method) || (collArg && COLLECTION_ITER.has(method))) ? [coll, collArg ? coll : null] : method !== undefined && ITER_SECOND.has(method) ? [null, recv] : [];
        let r: Taint = null;
        if (method !== undefined && EVERY_ELEMENT.has(method) && (collArg || !COLLECTION_LIBS.has(textOf(recvNode ?? a)))) {
          // Every element goes through the callback: a dominating check that throws proves the collection.
          const params = field(a, 'parameters');
          const first = field(a, 'parameter') ?? (params === null ? null : namedChildrenOf(params)[0] ?? null);
          if (this.walkEach(field(a, 'body'), first, false, () => { r = this.maybeInline(a, seed); })) checkedColl = collArg ? args[0]! : recvNode;
        } else r = this.maybeInline(a, seed);
        if (method === 'map' || method === 'flatMap') mapped = union(mapped ?? null, r);
        argTs.push(null);
      } else argTs.push(this.evalExpr(a));
    }
    if (mapped !== undefined) recv = mapped;
    if (checkedColl !== null) {
      // Every element passed the callback's check: the collection (and what the call makes of it) is clean.
      for (const p of elementPaths(checkedColl)) this.env.set(p, null);
      return null;
    }
    if (callee !== null && JS_FUNCTION_KINDS.has(kindOf(callee))) {
      this.maybeInline(callee, argTs);
      return null;
    }
    // Made only when a trace needs it: most calls carry no taint.
    let made: ReturnType<typeof step> | undefined;
    const callStep = (): ReturnType<typeof step> => made ??= step(n, this.ctx.file, `call ${snippet(n, 50)}`);
    const summaries = callee === null ? [] : this.resolve(callee);
    let result: Taint = null;
    // A local function passed by name is called back with the call's other arguments whether or
    // not the callee is known: a summary says where the callee's parameters go, not what it does
    // with a function it is given (`getParser(type, opts, compile)` calling `compile(opts)`).
    this.callbackArguments(args, argTs, summaries.length === 0 && method !== undefined && (ITER_FIRST.has(method) || method === 'replace') ? recv : null, callStep);
    if (summaries.length > 0) {
      for (const s of summaries) result = union(result, this.applySummary(s, argTs, callStep));
    } else if (method !== undefined && CLEAN_RESULT.has(method)) {
      result = null;
    } else if (method !== undefined && FROM_RECEIVER.has(method) && recvNode !== null && !['Object', 'Array', 'Reflect', 'Number', 'String', 'path', 'path.posix', 'path.win32', 'posix', 'win32'].includes(textOf(recvNode))) {
      result = recv;
    } else {
      result = union(unionAll(argTs), recv);
    }
    if (method !== undefined && recvNode !== null && MUTATORS.has(method)) {
      const p = accessPath(recvNode);
      if (p !== null) this.env.add(p, unionAll(argTs));
    }
    if (callee !== null && textOf(callee) === 'Object.assign' && args[0] !== undefined) {
      const p = accessPath(args[0]);
      if (p !== null) this.env.add(p, unionAll(argTs.slice(1)));
    }
    return result;
  }

  /**
   * A local function passed by name to a call we cannot see into (`reduceFunctionCall(value, re,
   * evaluate)`, `list.forEach(check)`) is called back with what that call was given: each of its
   * parameters gets the taint of the other arguments (and of the receiver for iteration methods).
   */
  private callbackArguments(args: SgNode[], argTs: Taint[], recv: Taint, callStep: () => ReturnType<typeof step>): void {
    args.forEach((a, i) => {
      if (kindOf(a) !== 'identifier' || this.ctx.inv.imports.has(textOf(a))) return;
      const fns = (this.ctx.inv.byName.get(textOf(a)) ?? []).filter((f) => f.params.length > 0);
      if (fns.length === 0) return;
      const given = union(unionAll(argTs.filter((_, j) => j !== i)), recv);
      if (!isTainted(given)) return;
      for (const f of fns) {
        const s = this.ctx.summaryOf(f);
        if (s !== null) this.applySummary(s, f.params.map(() => given), callStep);
      }
    });
  }

  private applySummary(s: Summary, argTs: Taint[], callStep: () => ReturnType<typeof step>): Taint {
    for (const hit of s.sinks) deliverHit(argTs[hit.param] ?? null, hit, callStep, (trace) => this.ctx.report(trace), this.hits);
    let out: Taint = null;
    if (isTainted(s.ret)) {
      for (const [label, trace] of s.ret) {
        if (isSourceLabel(label)) out = union(out, only(label, extendTrace(trace, [callStep()])));
        else {
          const p = parseParamLabel(label);
          // The argument, less the labels a sanitizer removed between the parameter and the return.
          const a = p === null ? null : sanitize(argTs[p.param] ?? null, p.drop);
          // The caller's trace, the call, then the callee's steps from the parameter to its return.
          if (isTainted(a)) {
            const inner = trace.slice(1);
            const through = new Map<string, Trace>();
            for (const [l, t] of a) through.set(l, extendTrace(extendTrace(t, [callStep()]), inner));
            out = union(out, through);
          }
        }
      }
    }
    return out;
  }

  private resolve(callee: SgNode): Summary[] {
    const inv = this.ctx.inv;
    const k = kindOf(callee);
    const fns: FnInfo[] = [];
    if (k === 'identifier') {
      const name = textOf(callee);
      const imp = inv.imports.get(name);
      if (imp !== undefined) return this.ctx.importedSummaries(imp, imp.member);
      fns.push(...(inv.byName.get(name) ?? []));
    } else if (k === 'member_expression') {
      const obj = field(callee, 'object');
      const prop = textOf(field(callee, 'property'));
      if (obj === null || prop === undefined) return [];
      const ot = textOf(obj);
      const imp = inv.imports.get(ot);
      if (imp !== undefined && imp.whole) return this.ctx.importedSummaries(imp, prop);
      if (SELF.has(ot) || inv.localTypes.has(ot) || ot === 'exports' || ot === 'module.exports') {
        fns.push(...(inv.byName.get(prop) ?? []).filter((f) => kindOf(f.node) !== 'arrow_function' || f.names.length > 0));
      }
    }
    const out: Summary[] = [];
    for (const f of fns) {
      const s = this.ctx.summaryOf(f);
      if (s !== null) out.push(s);
    }
    return out;
  }

  /**
   * `JSON.stringify(value, replacer)`: the replacer is called with `this` = each holder object
   * of `value`, and `(key, member)` of it, so all three carry the value's taint. A replacer that
   * is a closure often stores what it sees in the enclosing function's variables
   * (`seen.push(this[key])`) for later use: those writes are kept (`inlineWithWrites`).
   */
  private jsonReplacer(n: SgNode): void {
    const args = this.argsOf(n);
    if (args.length < 2) return;
    const vT = this.taintOf(args[0]!);
    if (!isTainted(vT)) return;
    const fns: SgNode[] = [];
    const collect = (a: SgNode): void => {
      const k = kindOf(a);
      if (JS_FUNCTION_KINDS.has(k)) fns.push(a);
      else if (k === 'identifier') {
        const local = this.ctx.inv.byName.get(textOf(a)) ?? [];
        if (local.length === 1) fns.push(local[0]!.node);
      } else if (k === 'ternary_expression') {
        for (const f of ['consequence', 'alternative']) { const b = field(a, f); if (b !== null) collect(b); }
      } else if (k === 'parenthesized_expression' || k === 'binary_expression') for (const c of namedChildrenOf(a)) collect(c);
    };
    collect(args[1]!);
    for (const fn of fns) this.inlineWithWrites(fn, [vT, vT], vT);
  }

  /**
   * Walks a function in place like `maybeInline`, with `this` bound to `thisT`, and keeps what it
   * writes into variables it does not declare itself (the enclosing function's: a callback that
   * collects values into an outer array). Writes only add taint (the callback may not run).
   */
  private inlineWithWrites(fn: SgNode, seeds: Taint[], thisT: Taint): void {
    if (this.depth >= MAX_INLINE_DEPTH) return;
    const own = new Set<string>(['this', 'arguments']);
    for (const d of fn.findAll({ rule: { any: [{ kind: 'variable_declarator' }, { kind: 'function_declaration' }, { kind: 'formal_parameters' }] } })) {
      if (kindOf(d) === 'formal_parameters') for (const id of d.findAll({ rule: { kind: 'identifier' } })) own.add(textOf(id));
      else { const name = field(d, 'name'); if (name !== null) for (const id of [name, ...name.findAll({ rule: { kind: 'identifier' } })]) own.add(textOf(id)); }
    }
    const single = field(fn, 'parameter');
    if (single !== null) own.add(textOf(single));
    const outer = this.env;
    let inner: Env[] = [];
    this.env = outer.copy();
    this.env.set('this', thisT);
    this.maybeInline(fn, seeds, (envs) => { inner = envs; });
    this.env = outer;
    for (const e of inner) {
      for (const [p, t] of e.vars) {
        const root = /^[^.[]+/.exec(p)?.[0] ?? p;
        if (!own.has(root) && isTainted(t) && t !== outer.exact(p)) outer.add(p, t);
      }
    }
  }

  /** Walks a nested function in place (closure), when taint can reach it: captured variables or seeded parameters. */
  private maybeInline(fn: SgNode, seeds: Taint[], onExit?: (envs: Env[]) => void): Taint {
    if (this.depth >= MAX_INLINE_DEPTH) return null;
    if (!this.env.anyTainted() && !seeds.some(isTainted)) return null;
    const saved = this.env;
    const savedRet = this.ret;
    const savedExits = this.exits;
    this.exits = onExit === undefined ? null : [];
    this.env = saved.copy();
    this.depth++;
    const single = field(fn, 'parameter');
    const params = field(fn, 'parameters');
    const ps = single !== null ? [single] : (params === null ? [] : namedChildrenOf(params));
    ps.forEach((p, i) => this.bind(p, seeds[i] ?? null, false));
    this.ret = null;
    const body = field(fn, 'body');
    if (body !== null) {
      if (kindOf(body) === 'statement_block') this.walkBlock(namedChildrenOf(body));
      else this.ret = this.evalExpr(body);
    }
    const out = this.ret;
    this.depth--;
    if (onExit !== undefined) onExit([...(this.exits ?? []), this.env]);
    this.exits = savedExits;
    this.env = saved;
    this.ret = savedRet;
    return out;
  }
}
