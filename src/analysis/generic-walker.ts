// The taint walker for PHP, Python, Java and Go: the same abstract interpretation as the
// JavaScript walker (assignments bind, reassignment kills, branches join, guards clean what they
// dominate, loops run twice, same-file calls use summaries), over the statement and expression
// shapes a language table (lang/*.ts) reads off each tree-sitter node.
import type { SgNode } from '@ast-grep/napi';
import type { Language } from '../core/index.js';
import { rangeKey, type ClauseMatch } from './match.js';
import { goAdapter } from './lang/go.js';
import { javaAdapter } from './lang/java.js';
import { phpAdapter } from './lang/php.js';
import { pythonAdapter } from './lang/python.js';
import { kindOf, type ExprView, type FnDef, type LangAdapter, type StmtView } from './lang/types.js';
import {
  deliverAtSink, deliverHit, Env, extend, extendTrace, isSourceLabel, isTainted, only, paramLabel, parseParamLabel, sanitize, snippet, step, union, unionAll,
  type SinkHit, type Taint, type Trace,
} from './taint-core.js';

const ADAPTERS: Partial<Record<Language, LangAdapter>> = {
  php: phpAdapter, python: pythonAdapter, java: javaAdapter, go: goAdapter,
};

/** The language table of a language the generic walker handles, or undefined. */
export function adapterFor(language: Language): LangAdapter | undefined {
  return ADAPTERS[language];
}

/** Languages whose taint flows the generic walker follows. */
export const GENERIC_TAINT_LANGUAGES: ReadonlySet<Language> = new Set(Object.keys(ADAPTERS) as Language[]);

/** Receiver methods that store their arguments in the receiver (`sb.append(x)`, `xs.append(x)`). */
const MUTATORS = new Set([
  'append', 'add', 'addAll', 'push', 'put', 'putAll', 'set', 'insert', 'extend', 'update', 'write', 'print', 'println',
  'appendleft', 'setdefault', 'WriteString', 'Write', 'WriteByte', 'WriteRune', 'Add', 'Set', 'offer', 'concat',
]);
const MAX_INLINE_DEPTH = 5;

/** Parameter i reaches a sink: the trace runs from the parameter to the sink. */

/** What a function does with its inputs, seen from a caller. */
export interface Summary { sinks: SinkHit[]; ret: Taint; paramNames: string[] }

/** What the walker needs from the scan of one rule over one file. */
export interface GenericContext {
  file: string;
  language: Language;
  root: SgNode;
  sources: Map<string, ClauseMatch[]>;
  sinks: Map<string, ClauseMatch[]>;
  sanitizers: Map<string, ClauseMatch[]>;
  sideEffectSanitizers: Map<string, ClauseMatch[]>;
  guards: Map<string, ClauseMatch[]>;
  guardSafeWhen: (clause: number) => boolean;
  propagators: Map<string, ClauseMatch[]>;
  propagatorEnds: (clause: number) => { from: string; to: string };
  /** Rule-level parameter sources (`parameter:` clauses, `exported-params`): the label (taint-core.ts) they give, or null. */
  isSourceParam: (names: string[], exported: boolean, index: number, param: SgNode) => string | null;
  /** The label of source clause i (taint-core.ts `sourceLabel`). */
  sourceLabel: (clause: number) => string;
  /** The source labels sanitizer clause i removes; undefined = every label (no `labels:`). */
  sanitizerLabels: (clause: number) => readonly string[] | undefined;
  /** The rule lists `preset: web-route-params`. */
  frameworkParams: boolean;
  report: (trace: Trace) => void;
  /** Names this file takes from other files of the repository (resolved by the scan). */
  bindings?: readonly FileBinding[];
  /** Summaries of the functions called `name` in another file (empty when it cannot be analysed). */
  external?: (file: string, name: string) => Summary[];
  /**
   * PHP: summaries of the global functions called `name` declared anywhere in the scanned folder
   * (PHP functions are global: a file often calls helpers that its includer included), asked
   * for a plain call that neither this file nor its includes define.
   */
  globalFunctions?: (name: string) => Summary[];
}

/**
 * A name bound to another file: `from helpers import q` (local `q`, member `q`), `import
 * helpers` or a Java class (local `helpers`, member null: `helpers.f()`), a PHP include or a
 * sibling file of a Go package (local and member null: every function is callable by name).
 */
export interface FileBinding { local: string | null; member: string | null; file: string }

/** Inventory of the functions of one file. */
interface Inventory { fns: FnDef[]; byNode: Map<string, FnDef>; byName: Map<string, FnDef[]>; packages: Set<string> }

function inventory(a: LangAdapter, root: SgNode): Inventory {
  const fns: FnDef[] = [];
  const byNode = new Map<string, FnDef>();
  const byName = new Map<string, FnDef[]>();
  for (const n of root.findAll({ rule: { any: a.functionKinds.map((kind) => ({ kind })) } })) {
    const d = a.fnDef(n);
    if (d === null) continue;
    fns.push(d);
    byNode.set(rangeKey(n), d);
    for (const name of d.names) {
      const l = byName.get(name);
      if (l === undefined) byName.set(name, [d]);
      else l.push(d);
    }
  }
  return { fns, byNode, byName, packages: a.importedNames?.(root) ?? new Set() };
}

/** The state of one rule over one file: inventory, node views and function summaries. */
export class GenericFile {
  private readonly a: LangAdapter;
  private readonly inv: Inventory;
  private readonly summaries = new Map<FnDef, Summary | 'pending'>();
  private walked = false;

  constructor(private readonly ctx: GenericContext) {
    const a = ADAPTERS[ctx.language];
    if (a === undefined) throw new Error(`no taint walker for ${ctx.language}`);
    this.a = a;
    this.inv = inventory(a, ctx.root);
  }

  private readonly summaryOf = (fn: FnDef): Summary | null => {
    const s = this.summaries.get(fn);
    if (s === 'pending') return null;
    if (s !== undefined) return s;
    this.summaries.set(fn, 'pending');
    const out = new GenericWalker(this.ctx, this.a, this.inv, this.summaryOf).summarize(fn);
    this.summaries.set(fn, out);
    return out;
  };

  /** Summaries of the named (non-anonymous) functions and methods called `name`, for callers in other files. */
  summariesNamed(name: string, functionsOnly = false): Summary[] {
    return (this.inv.byName.get(name) ?? []).filter((f) => !f.anonymous && !(functionsOnly && f.isMethod)).map(this.summaryOf).filter((x): x is Summary => x !== null);
  }

  /**
   * Walks every function of the file (summaries: parameter → sink, parameter → return; flows
   * from a source are reported as they are found) and then the top-level code (PHP scripts,
   * Python modules). Once.
   */
  walkAll(): void {
    if (this.walked) return;
    this.walked = true;
    for (const fn of this.inv.fns) this.summaryOf(fn);
    const top = this.a.stmt(this.ctx.root);
    new GenericWalker(this.ctx, this.a, this.inv, this.summaryOf).walkBlock(top.t === 'block' ? top.stmts : []);
  }
}

/** Walks one file alone (no bindings to other files). */
export function walkGenericFile(ctx: GenericContext): void {
  new GenericFile(ctx).walkAll();
}

class GenericWalker {
  private env = new Env();
  private ret: Taint = null;
  private readonly hits: SinkHit[] = [];
  private readonly memo = new Map<string, Taint>();
  /** Boolean variables that hold a check, by access path, to the checked expression. */
  private readonly condAlias = new Map<string, SgNode>();
  private depth = 0;

  constructor(
    private readonly ctx: GenericContext,
    private readonly a: LangAdapter,
    private readonly inv: Inventory,
    private readonly summaryOf: (fn: FnDef) => Summary | null,
  ) {}

  private stmtView(n: SgNode): StmtView {
    return this.a.stmt(n);
  }

  private exprView(n: SgNode): ExprView {
    return this.a.expr(n);
  }

  summarize(fn: FnDef): Summary {
    const names = fn.names.length > 0 ? fn.names : ['anonymous function'];
    fn.params.forEach((p, i) => {
      let t: Taint = only(paramLabel(i), [step(p, this.ctx.file, `parameter ${snippet(p, 30)}`)]);
      const labels = [this.ctx.isSourceParam(fn.names, fn.exported, i, p), ...(this.ctx.sources.get(rangeKey(p)) ?? []).map((m) => this.ctx.sourceLabel(m.clause)),
        this.ctx.frameworkParams && this.a.frameworkParam(fn, i) ? 'S' : null];
      for (const label of new Set(labels)) {
        if (label !== null) t = union(t, only(label, [step(p, this.ctx.file, `source: parameter ${snippet(p, 30)} of ${names[0]}`)]));
      }
      this.bind(p, t);
    });
    this.runBody(fn.body);
    return { sinks: this.hits, ret: this.ret, paramNames: fn.paramNames };
  }

  private runBody(body: SgNode[] | SgNode): void {
    if (Array.isArray(body)) this.walkBlock(body);
    else this.ret = union(this.ret, this.evalExpr(body));
  }

  // ---- statements -------------------------------------------------------------------------

  /** Returns true when the block always leaves (return/throw/exit/break). */
  walkBlock(stmts: SgNode[]): boolean {
    for (const s of stmts) if (this.walkStmt(s)) return true;
    return false;
  }

  private walkStmt(s: SgNode): boolean {
    const v = this.stmtView(s);
    const exits = this.walkView(s, v);
    // Statement-level sinks (`echo $x;`): checked after the parts are evaluated.
    const sinks = this.ctx.sinks.get(rangeKey(s))?.filter((m) => kindOf(m.node) === kindOf(s));
    if (sinks !== undefined && sinks.length > 0) {
      const parts = v.t === 'expr' ? v.exprs : v.t === 'other' ? v.parts : [];
      this.checkSink(s, sinks, unionAll(parts.map((p) => this.taintOf(p))), null);
    }
    return exits;
  }

  private walkView(s: SgNode, v: StmtView): boolean {
    switch (v.t) {
      case 'block':
        return this.walkBlock(v.stmts);
      case 'expr': {
        let exits = false;
        for (const e of v.exprs) {
          this.evalExpr(e);
          const ev = this.exprView(e);
          if (ev.t === 'call' && this.a.noReturn(ev)) exits = true;
        }
        return exits;
      }
      case 'assign':
        this.assign(v.targets, v.values, v.op, v.node);
        return false;
      case 'return':
        this.ret = union(this.ret, unionAll(v.values.map((e) => this.evalExpr(e))));
        return true;
      case 'exit':
        for (const e of v.exprs) this.evalExpr(e);
        return true;
      case 'jump':
        return true;
      case 'if':
        return this.walkIf(v);
      case 'loop':
        for (const n of v.init) this.walkAny(n);
        this.loop(() => {
          if (v.cond !== null) this.evalExpr(v.cond);
          this.walkBlock(v.body);
          for (const n of v.update) this.walkAny(n);
        });
        return false;
      case 'foreach': {
        const t = v.iter === null ? null : this.evalExpr(v.iter);
        this.loop(() => {
          for (const target of v.targets) {
            this.bind(target, isTainted(t) ? extend(t, step(target, this.ctx.file, `${snippet(target, 30)} iterates over ${v.iter === null ? '…' : snippet(v.iter, 30)}`)) : null);
          }
          this.walkBlock(v.body);
        });
        return false;
      }
      case 'try': {
        const before = this.env.copy();
        const exitsBody = this.walkBlock(v.body);
        if (!exitsBody) this.walkBlock(v.orelse);
        let out = this.env;
        for (const h of v.handlers) {
          this.env = Env.merge(before, out);
          if (h.param !== null) this.bind(h.param, null);
          this.walkBlock(h.body);
          out = Env.merge(out, this.env);
        }
        this.env = out;
        this.walkBlock(v.fin);
        return false;
      }
      case 'switch': {
        if (v.subject !== null) this.evalExpr(v.subject);
        const start = this.env;
        let out: Env | null = null;
        let allExit = v.cases.length > 0;
        for (const c of v.cases) {
          this.env = start.copy();
          for (const x of c.values) this.evalExpr(x);
          const exits = this.walkBlock(c.body);
          if (!exits) out = out === null ? this.env : Env.merge(out, this.env);
          allExit &&= exits;
        }
        const hasDefault = v.cases.some((c) => c.isDefault);
        if (!hasDefault) out = out === null ? start : Env.merge(out, start);
        this.env = out ?? start;
        return hasDefault && allExit;
      }
      case 'with':
        for (const it of v.items) {
          const t = this.evalExpr(it.value);
          if (it.target !== null) this.bind(it.target, isTainted(t) ? extend(t, step(it.target, this.ctx.file, `${snippet(it.target, 30)} = …`)) : null);
        }
        return this.walkBlock(v.body);
      case 'skip':
        return false;
      case 'other':
        for (const p of v.parts) this.walkAny(p);
        void s;
        return false;
    }
  }

  /** A statement or an expression (for loop headers and unmodelled statements). */
  private walkAny(n: SgNode): void {
    const v = this.stmtView(n);
    if (v.t === 'other' && v.parts.length === 0) this.evalExpr(n);
    else if (v.t === 'expr' && v.exprs.length === 1 && rangeKey(v.exprs[0]!) === rangeKey(n)) this.evalExpr(n);
    else if (v.t === 'other' && !/statement|declaration|block|clause/.test(kindOf(n))) this.evalExpr(n);
    else this.walkStmt(n);
  }

  private loop(body: () => void): void {
    for (let i = 0; i < 2; i++) {
      const before = this.env.copy();
      body();
      this.env = Env.merge(before, this.env);
    }
  }

  private walkIf(v: Extract<StmtView, { t: 'if' }>): boolean {
    for (const n of v.init) this.walkAny(n);
    // Env where every earlier condition was false.
    let rest = this.env;
    const outs: Env[] = [];
    let sawElse = false;
    let allExit = true;
    for (const arm of v.arms) {
      this.env = rest.copy();
      if (arm.cond !== null) {
        this.evalExpr(arm.cond);
        rest = this.env.copy();
        this.refine(arm.cond, true);
      } else sawElse = true;
      const exits = this.walkBlock(arm.body);
      if (!exits) outs.push(this.env);
      allExit &&= exits;
      if (arm.cond !== null) {
        this.env = rest;
        this.refine(arm.cond, false);
        rest = this.env;
      }
    }
    if (!sawElse) outs.push(rest);
    else allExit &&= true;
    if (outs.length === 0) {
      this.env = rest;
      return sawElse && allExit;
    }
    this.env = outs.reduce((x, y) => Env.merge(x, y));
    return false;
  }

  private refine(cond: SgNode, truth: boolean): void {
    for (const p of this.guardPaths(cond, truth)) this.env.set(p, null);
  }

  /** Paths proven safe where `cond` is `truth` (`!`, and/or understood, as in the JS walker). */
  private guardPaths(cond: SgNode, truth: boolean, depth = 0): string[] {
    const c = this.a.unparen(cond);
    const alias = depth < 3 ? this.condAlias.get(this.a.path(c) ?? '') : undefined;
    if (alias !== undefined) return this.guardPaths(alias, truth, depth + 1);
    const lg = this.a.logic(c);
    const out: string[] = [];
    if (lg !== null && lg.op === 'not') return this.guardPaths(lg.arg, !truth, depth);
    if (lg !== null) {
      const both = (lg.op === 'and') === truth;
      const pl = this.guardPaths(lg.left, truth, depth);
      const pr = this.guardPaths(lg.right, truth, depth);
      if (both) out.push(...pl, ...pr);
      else out.push(...pl.filter((p) => pr.includes(p)));
    }
    for (const key of new Set([rangeKey(c), rangeKey(cond)])) {
      for (const g of this.ctx.guards.get(key) ?? []) {
        if (this.ctx.guardSafeWhen(g.clause) !== truth) continue;
        for (const f of g.focus) {
          const p = this.a.path(this.a.unparen(f));
          if (p !== null) out.push(p);
        }
      }
    }
    return out;
  }

  // ---- bindings ---------------------------------------------------------------------------

  private assign(targets: SgNode[], values: SgNode[], op: string | undefined, node: SgNode): Taint {
    const ts = values.map((v) => this.evalExpr(v));
    const label = (t: SgNode): string => `${snippet(t, 30)} ${op ?? '='} …`;
    if (op !== undefined) {
      // Compound assignment: string-building operators keep the old value and add the new one.
      const keep = ['+=', '.=', '??=', '||=', '|=', '%='].includes(op);
      let last: Taint = null;
      targets.forEach((t, i) => {
        const res = keep ? union(this.evalExpr(t), ts[i] ?? unionAll(ts)) : null;
        this.bind(t, isTainted(res) ? extend(res, step(node, this.ctx.file, label(t))) : null);
        last = res;
      });
      return last;
    }
    const pairwise = targets.length === values.length;
    const all = unionAll(ts);
    targets.forEach((t, i) => {
      const v = pairwise ? ts[i]! : all;
      this.bind(t, isTainted(v) ? extend(v, step(node, this.ctx.file, label(t))) : null);
    });
    // A variable that holds a check (`ok = x in ALLOWED`, Go `_, ok := allowed[x]`) stands for it in a later condition.
    for (const t of targets) {
      const p = this.a.path(t);
      if (p !== null) this.condAlias.delete(p);
    }
    const last = targets[targets.length - 1];
    const value = pairwise ? values[values.length - 1] : values.length === 1 ? values[0] : undefined;
    const lp = last === undefined ? null : this.a.path(last);
    if (lp !== null && value !== undefined) this.condAlias.set(lp, value);
    return all;
  }

  private bind(target: SgNode, t: Taint, weak = false): void {
    const parts = this.a.destructure(target);
    if (parts !== null) {
      for (const p of parts) this.bind(p, t, weak);
      return;
    }
    const p = this.a.path(target);
    if (p !== null) {
      if (weak) this.env.add(p, t);
      else this.env.set(p, t);
      return;
    }
    // `a[i] = x`, `$arr[] = x`, `obj.f(…).g = x`: the container gains the taint.
    const v = this.exprView(target);
    if (v.t === 'access' && v.obj !== null) {
      if (v.index !== null) this.evalExpr(v.index);
      const base = this.rootPath(v.obj);
      if (base !== null) this.env.add(base, t);
      else this.evalExpr(v.obj);
    }
  }

  /** The access path at the root of a chain of accesses and mutator calls (`sb` in `sb.append(a).append(b)`). */
  private rootPath(n: SgNode): string | null {
    const p = this.a.path(n);
    if (p !== null) return p;
    const v = this.exprView(n);
    if (v.t === 'access' && v.obj !== null) return this.rootPath(v.obj);
    if (v.t === 'call' && v.recv !== null && v.method !== null && MUTATORS.has(v.method)) return this.rootPath(v.recv);
    return null;
  }

  // ---- expressions ------------------------------------------------------------------------

  private read(path: string, whole: boolean): Taint {
    const own = this.env.exact(path) ?? null;
    return whole ? union(own, this.env.subpaths(path)) : own;
  }

  evalExpr(n: SgNode, whole = true): Taint {
    const key = rangeKey(n);
    const v = this.exprView(n);
    let t = this.evalView(n, v, whole);
    const srcs = this.ctx.sources.get(key);
    if (srcs !== undefined) {
      const p = this.a.path(n);
      if (p === null || !this.env.has(p)) {
        for (const label of new Set(srcs.map((m) => this.ctx.sourceLabel(m.clause)))) t = union(t, only(label, [step(n, this.ctx.file, `source: ${snippet(n)}`)]));
      }
    }
    const sans = this.ctx.sanitizers.get(key);
    if (sans !== undefined) {
      // Sanitizer clauses with `labels:` remove only those source labels (taint-core.ts `sanitize`).
      const ls = sans.map((m) => this.ctx.sanitizerLabels(m.clause));
      t = sanitize(t, ls.some((l) => l === undefined) ? undefined : [...new Set(ls.flatMap((l) => l ?? []))].sort());
    }
    const props = this.ctx.propagators.get(key);
    if (props !== undefined) t = union(t, this.propagate(n, props));
    this.memo.set(key, t);
    const sinks = this.ctx.sinks.get(key);
    if (sinks !== undefined) this.checkSink(n, sinks, t, v.t === 'call' ? [...v.args, ...v.kwargs.map((k) => k.value)] : v.t === 'assign' ? v.values : null);
    const side = this.ctx.sideEffectSanitizers.get(key);
    if (side !== undefined) {
      for (const m of side) for (const f of m.focus.length > 0 ? m.focus : v.t === 'call' ? v.args : []) {
        const p = this.a.path(this.a.unparen(f));
        if (p !== null) this.env.set(p, null);
      }
    }
    return t;
  }

  private taintOf(n: SgNode): Taint {
    const k = rangeKey(n);
    return this.memo.has(k) ? this.memo.get(k)! : this.evalExpr(n);
  }

  private checkSink(n: SgNode, matches: ClauseMatch[], whole: Taint, args: SgNode[] | null): void {
    for (const m of matches) {
      const sensitive = m.focus.length > 0 ? m.focus : args;
      const t = sensitive === null ? whole : unionAll(sensitive.map((s) => this.taintOf(s)));
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
        const p = this.a.path(to);
        if (p !== null) this.env.add(p, extend(t, step(n, this.ctx.file, `${snippet(n, 40)} propagates to ${p}`)));
      }
    }
    return result;
  }

  private evalView(n: SgNode, v: ExprView, whole: boolean): Taint {
    switch (v.t) {
      case 'clean':
        for (const p of v.parts) this.evalExpr(p);
        return null;
      case 'access': {
        if (v.index !== null) this.evalExpr(v.index);
        const tObj = v.obj === null ? null : this.evalExpr(v.obj, false);
        const p = this.a.path(n);
        if (p === null) {
          const op = v.obj === null ? null : this.a.path(v.obj);
          return op !== null && whole ? union(tObj, this.env.subpaths(op)) : tObj;
        }
        if (v.obj === null) return this.read(p, whole);
        const base = this.env.has(p) ? (this.env.exact(p) ?? null) : tObj;
        return whole ? union(base, this.env.subpaths(p)) : base;
      }
      case 'call':
        return this.evalCall(n, v);
      case 'assign':
        return this.assign(v.targets, v.values, v.op, v.node);
      case 'union':
        return unionAll(v.parts.map((p) => this.evalExpr(p)));
      case 'cond': {
        this.evalExpr(v.cond);
        const start = this.env;
        this.env = start.copy();
        this.refine(v.cond, true);
        const ta = v.a === null ? this.evalExpr(v.cond) : this.evalExpr(v.a);
        const envA = this.env;
        this.env = start.copy();
        this.refine(v.cond, false);
        const tb = this.evalExpr(v.b);
        this.env = Env.merge(envA, this.env);
        for (const [k, val] of start.vars) if (!this.env.has(k) || isTainted(val)) this.env.vars.set(k, union(this.env.exact(k) ?? null, val));
        return union(ta, tb);
      }
      case 'comp': {
        const saved = this.env;
        this.env = saved.copy();
        for (const c of v.clauses) {
          const t = this.evalExpr(c.iter);
          for (const target of c.targets) this.bind(target, t);
        }
        const out = unionAll(v.parts.map((p) => this.evalExpr(p)));
        this.env = saved;
        return out;
      }
      case 'fn':
        // A closure is walked in place (it sees the enclosing variables); its value is a function, not data.
        this.inline(n, []);
        return null;
    }
  }

  private evalCall(n: SgNode, v: Extract<ExprView, { t: 'call' }>): Taint {
    const recv = v.recv === null ? null : this.evalExpr(v.recv);
    const argTs = v.args.map((x) => this.evalExpr(x));
    const kwTs = v.kwargs.map((k) => ({ name: k.name, t: this.evalExpr(k.value) }));
    if (v.callee !== null && v.recv === null && v.name === null) this.evalExpr(v.callee);
    const callStep = step(n, this.ctx.file, `call ${snippet(n, 50)}`);
    const fns = this.resolve(v);
    const local = fns.map((f) => this.summaryOf(f));
    const summaries = fns.length > 0 ? local
      : v.name !== null ? this.externalOrGlobal(v.name)
      : v.method !== null && v.recv !== null ? this.externalFor(v.recv.text(), v.method) : [];
    let result: Taint = null;
    if (summaries.length > 0) {
      for (const s of summaries) {
        // A summary still being computed (recursion): the call passes its arguments' taint.
        if (s === null) {
          result = union(result, unionAll([...argTs, ...kwTs.map((k) => k.t)]));
          continue;
        }
        const ordered = [...argTs];
        for (const k of kwTs) {
          const i = s.paramNames.indexOf(k.name);
          if (i >= 0) ordered[i] = union(ordered[i] ?? null, k.t);
        }
        result = union(result, this.applySummary(s, ordered, callStep));
      }
    } else {
      // Unknown call: the result carries the taint of the arguments and the receiver (Semgrep's default).
      result = union(unionAll([...argTs, ...kwTs.map((k) => k.t)]), recv);
    }
    if (v.method !== null && v.recv !== null && MUTATORS.has(v.method)) {
      const p = this.rootPath(v.recv);
      const added = unionAll([...argTs, ...kwTs.map((k) => k.t)]);
      if (p !== null && isTainted(added)) this.env.add(p, extend(added, step(n, this.ctx.file, `${snippet(n, 40)} adds to ${p}`)));
    }
    return result;
  }

  private applySummary(s: Summary, argTs: Taint[], callStep: ReturnType<typeof step>): Taint {
    for (const hit of s.sinks) deliverHit(argTs[hit.param] ?? null, hit, () => callStep, (trace) => this.ctx.report(trace), this.hits);
    let out: Taint = null;
    if (isTainted(s.ret)) {
      for (const [label, trace] of s.ret) {
        if (isSourceLabel(label)) out = union(out, only(label, extendTrace(trace, [callStep])));
        else {
          const p = parseParamLabel(label);
          const a = p === null ? null : sanitize(argTs[p.param] ?? null, p.drop);
          if (isTainted(a)) out = union(out, extend(a, callStep));
        }
      }
    }
    return out;
  }

  /** Local functions a call may reach: plain calls by name, `$this->m()`/`self.m()`/`this.m()` by method name. */
  private resolve(v: Extract<ExprView, { t: 'call' }>): FnDef[] {
    const named = (name: string, method: boolean): FnDef[] =>
      (this.inv.byName.get(name) ?? []).filter((f) => !f.anonymous && (method ? f.isMethod : true));
    if (v.name !== null) return named(v.name, false);
    if (v.method === null) return [];
    const recvText = v.recv?.text() ?? '';
    if (v.recv === null || this.a.selfNames.has(recvText) || v.isStatic) return named(v.method, true);
    // Go: `s.handle(x)` on any value but an imported package (`fmt.Println`).
    const rp = v.recv === null ? null : this.a.path(v.recv);
    if (this.a.anyReceiverMethods && (rp === null || !this.inv.packages.has(rp.split('.')[0]!))) return named(v.method, true);
    return [];
  }

  /**
   * Summaries from other files: `name(...)` through a from-import or an include/package sibling
   * (recv null), `mod.name(...)` through a module or class binding.
   */
  private externalFor(recv: string | null, name: string): Summary[] {
    const ext = this.ctx.external;
    if (ext === undefined || this.ctx.bindings === undefined) return [];
    const out: Summary[] = [];
    for (const b of this.ctx.bindings) {
      if (recv === null && b.local === name && b.member !== null) out.push(...ext(b.file, b.member));
      else if (recv === null && b.local === null) out.push(...ext(b.file, name));
      else if (recv !== null && b.local === recv && b.member === null) out.push(...ext(b.file, name));
    }
    return out;
  }

  /** A plain call's summaries from the files this one takes functions from, else (PHP) from any declaring file. */
  private externalOrGlobal(name: string): Summary[] {
    const ext = this.externalFor(null, name);
    return ext.length > 0 || this.ctx.globalFunctions === undefined ? ext : this.ctx.globalFunctions(name);
  }

  /** Walks a closure in place when taint can reach it (captured variables). */
  private inline(fnNode: SgNode, seeds: Taint[]): Taint {
    if (this.depth >= MAX_INLINE_DEPTH || !this.env.anyTainted()) return null;
    const fn = this.inv.byNode.get(rangeKey(fnNode));
    if (fn === undefined) return null;
    const saved = this.env;
    const savedRet = this.ret;
    this.env = saved.copy();
    this.depth++;
    fn.params.forEach((p, i) => this.bind(p, seeds[i] ?? null));
    this.ret = null;
    this.runBody(fn.body);
    const out = this.ret;
    this.depth--;
    this.env = saved;
    this.ret = savedRet;
    return out;
  }
}
