// Taint values, environments and traces shared by the walkers. A taint value maps a label to the
// trace that produced it: 'S' is attacker data from a rule source without a label, 'S:<name>'
// from a source with `label: <name>` (Semgrep's taint labels; `exported-params` is `caller`);
// 'P<i>' is "whatever the caller passes as parameter i" and is what makes function summaries
// possible, and 'P<i>!a,b' is parameter i less the source labels a and b (a sanitizer clause with
// `labels: [a, b]` on the way), so a summary keeps what a labelled sanitizer removed.
import type { SgNode } from '@ast-grep/napi';
import type { Location, TraceStep } from '../core/index.js';
import { rangeKey, type ClauseMatch, type MatchSet } from './match.js';
import { rangeOf, textOf } from './node-cache.js';

export type Trace = readonly TraceStep[];
export type Taint = ReadonlyMap<string, Trace> | null;

/**
 * A parameter of the function being summarised that reaches a sink, with its trace; `drop`: the
 * source labels a labelled sanitizer removed on the way (what the caller passes loses them).
 */
export interface SinkHit { param: number; trace: Trace; drop?: readonly string[] }

/** The internal label of a source clause: 'S' without a label, 'S:<name>' with `label: <name>`. */
export function sourceLabel(name: string | undefined): string {
  return name === undefined ? 'S' : `S:${name}`;
}

/** True for the label of a real source (reported at a sink), false for a parameter's. */
export function isSourceLabel(label: string): boolean {
  return label === 'S' || label.startsWith('S:');
}

/** 'P<i>', or 'P<i>!a,b' when the source labels a, b were removed on the way. */
export function paramLabel(param: number, drop: readonly string[] = []): string {
  return drop.length === 0 ? `P${param}` : `P${param}!${drop.join(',')}`;
}

/** The parameter and removed labels of a 'P<i>[!a,b]' label, or null for a source label. */
export function parseParamLabel(label: string): { param: number; drop: string[] } | null {
  const m = /^P(\d+)(?:!(.*))?$/.exec(label);
  if (m === null) return null;
  return { param: Number(m[1]), drop: m[2] === undefined || m[2] === '' ? [] : m[2].split(',') };
}

/**
 * What a sanitizer leaves of `t`: `names` undefined (a sanitizer without `labels:`) cleans every
 * label; otherwise the sources labelled with one of `names` go and each parameter label records
 * them as removed ('P1' → 'P1!caller'), so the caller's data loses them too.
 */
export function sanitize(t: Taint, names: readonly string[] | undefined): Taint {
  if (!isTainted(t) || names === undefined) return null;
  if (names.length === 0) return t;
  const out = new Map<string, Trace>();
  for (const [label, trace] of t) {
    if (label.startsWith('S:') && names.includes(label.slice(2))) continue;
    const p = parseParamLabel(label);
    const l = p === null ? label : paramLabel(p.param, [...new Set([...p.drop, ...names])].sort());
    if (!out.has(l)) out.set(l, trace);
  }
  return out.size === 0 ? null : out;
}

/**
 * Sanitizer matches keyed by the node they clean: with `focus:` the focused nodes (Semgrep's
 * focus-metavariable on a sanitizer: `path.join($BASE, $NEXT, ...)` with focus `$BASE` cleans the
 * first argument only), without it the matched node.
 */
export function byFocus(set: MatchSet): MatchSet {
  let out: MatchSet | null = null;
  for (const list of set.values()) {
    for (const m of list) {
      if (m.focus.length === 0) continue;
      out ??= new Map([...set].map(([k, l]) => [k, l.filter((x) => x.focus.length === 0)] as [string, ClauseMatch[]]).filter(([, l]) => l.length > 0));
      for (const f of m.focus) {
        const k = rangeKey(f);
        const l = out.get(k);
        if (l === undefined) out.set(k, [m]);
        else l.push(m);
      }
    }
  }
  return out ?? set;
}

function pushHit(hits: { push(hit: SinkHit): unknown }, p: { param: number; drop: string[] }, trace: Trace): void {
  hits.push(p.drop.length === 0 ? { param: p.param, trace } : { param: p.param, trace, drop: p.drop });
}

/**
 * Taint `t` arrived at a sink: a trace from a real source (label `S`, `S:<name>`) is reported,
 * one from parameter n (label `Pn`) becomes a hit of the function's summary.
 */
export function deliverAtSink(t: ReadonlyMap<string, Trace>, sinkStep: TraceStep, report: (trace: Trace) => void, hits: { push(hit: SinkHit): unknown }): void {
  for (const [label, trace] of t) {
    const full = extendTrace(trace, [sinkStep]);
    if (isSourceLabel(label)) report(full);
    else {
      const p = parseParamLabel(label);
      if (p !== null) pushHit(hits, p, full);
    }
  }
}

/**
 * A callee's sink hit at a call: the argument's taint, less the labels the callee's path removed,
 * reaches the sink (the caller's trace, the call, then the callee's steps).
 */
export function deliverHit(arg: Taint, hit: SinkHit, callStep: () => TraceStep, report: (trace: Trace) => void, hits: { push(hit: SinkHit): unknown }): void {
  const a = sanitize(arg, hit.drop ?? []);
  if (!isTainted(a)) return;
  for (const [label, trace] of a) {
    const full = extendTrace(extendTrace(trace, [callStep()]), hit.trace);
    if (isSourceLabel(label)) report(full);
    else {
      const p = parseParamLabel(label);
      if (p !== null) pushHit(hits, p, full);
    }
  }
}

const MAX_TRACE = 24;

export function locationOf(node: SgNode, file: string): Location {
  const r = rangeOf(node);
  return { file, line: r.start.line + 1, column: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1 };
}

export function snippet(node: SgNode, max = 60): string {
  const t = textOf(node).replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function step(node: SgNode, file: string, message: string): TraceStep {
  return { location: locationOf(node, file), message };
}

export function isTainted(t: Taint): t is ReadonlyMap<string, Trace> {
  return t !== null && t.size > 0;
}

export function union(a: Taint, b: Taint): Taint {
  if (!isTainted(a)) return isTainted(b) ? b : null;
  if (!isTainted(b)) return a;
  let out: Map<string, Trace> | null = null;
  for (const [k, v] of b) {
    if (!a.has(k)) {
      out ??= new Map(a);
      out.set(k, v);
    }
  }
  return out ?? a;
}

export function unionAll(ts: Iterable<Taint>): Taint {
  let acc: Taint = null;
  for (const t of ts) acc = union(acc, t);
  return acc;
}

function capped(trace: Trace): Trace {
  if (trace.length <= MAX_TRACE) return trace;
  return [...trace.slice(0, MAX_TRACE / 2), ...trace.slice(trace.length - MAX_TRACE / 2)];
}

/** Appends one step to every label's trace. */
export function extend(t: Taint, s: TraceStep): Taint {
  if (!isTainted(t)) return null;
  const out = new Map<string, Trace>();
  for (const [k, v] of t) {
    const last = v[v.length - 1];
    const same = last !== undefined && last.location.line === s.location.line && last.location.column === s.location.column && last.message === s.message;
    out.set(k, same ? v : capped([...v, s]));
  }
  return out;
}

/** Appends a whole trace (callee side) to every label's trace. */
export function extendTrace(prefix: Trace, suffix: Trace): Trace {
  return capped([...prefix, ...suffix]);
}

export function only(label: string, trace: Trace): Taint {
  return new Map([[label, trace]]);
}

/** Variable environment keyed by access path (`x`, `opts.cmd`, `this.root`). */
export class Env {
  constructor(readonly vars: Map<string, Taint> = new Map()) {}

  copy(): Env {
    return new Env(new Map(this.vars));
  }

  /** Value of exactly this path, or undefined when the path was never bound. */
  exact(path: string): Taint | undefined {
    return this.vars.get(path);
  }

  has(path: string): boolean {
    return this.vars.has(path);
  }

  /** Union of the taint of every bound sub-path `path.*`. */
  subpaths(path: string): Taint {
    let acc: Taint = null;
    const prefix = `${path}.`;
    for (const [k, v] of this.vars) if (k.startsWith(prefix)) acc = union(acc, v);
    return acc;
  }

  /** Strong update: the path and everything below it now hold `t`. */
  set(path: string, t: Taint): void {
    const prefix = `${path}.`;
    for (const k of [...this.vars.keys()]) if (k.startsWith(prefix)) this.vars.delete(k);
    this.vars.set(path, isTainted(t) ? t : null);
  }

  /** Weak update: the path keeps what it had and gains `t`. */
  add(path: string, t: Taint): void {
    if (!isTainted(t)) return;
    this.vars.set(path, union(this.vars.get(path) ?? null, t));
  }

  anyTainted(): boolean {
    for (const v of this.vars.values()) if (isTainted(v)) return true;
    return false;
  }

  /**
   * What reading `path` gives when only an ancestor is bound: a field of an object holds the
   * object's own taint (`opts` tainted → `opts.cmd` tainted), as the walker reads members.
   */
  implicit(path: string): Taint {
    let p = path;
    for (let i = p.lastIndexOf('.'); i > 0; i = p.lastIndexOf('.')) {
      p = p.slice(0, i);
      const v = this.vars.get(p);
      if (v !== undefined) return v;
    }
    return null;
  }

  /**
   * Join of two branches: a path is tainted after the join when it is tainted in either. A path
   * bound on one side only gets, from the other side, what that side reads for it (its bound
   * ancestor's taint), so `if (c) opts.cmd = 'x'` keeps `opts.cmd` tainted when `opts` was.
   */
  static merge(a: Env, b: Env): Env {
    const out = new Map(a.vars);
    for (const [k, v] of b.vars) out.set(k, union(a.vars.has(k) ? (a.vars.get(k) ?? null) : a.implicit(k), v));
    for (const [k, v] of a.vars) if (!b.vars.has(k)) out.set(k, union(v, b.implicit(k)));
    return new Env(out);
  }
}
