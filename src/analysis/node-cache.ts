// Memoised reads of ast-grep nodes for the walkers. Every `kind()`, `text()`, `range()`,
// `field()` and `namedChildren()` call on an ast-grep node crosses into native code, and every
// node it returns is a new native wrapper that only a finalizer frees. The walker reads the same
// nodes many times (loops run twice, closures are walked at each call, branches are refined), so
// these helpers remember, per wrapper object, what was read from it: a child reached through a
// remembered parent is the same wrapper object again, and its own reads are remembered too. The
// memo is a WeakMap, and the scan drops it after each file and at each pause inside a file
// (pacer.ts, resetNodeCache): kept longer, it
// would keep every wrapper a scan ever read, and their trees, alive (drizzle-orm: +136 MB).
// Arrays returned are shared: callers must not mutate them.
import type { SgNode } from '@ast-grep/napi';

type Range = ReturnType<SgNode['range']>;

interface Facts {
  kind?: string;
  text?: string;
  range?: Range;
  key?: string;
  named?: SgNode[];
  fields?: Map<string, SgNode | null>;
}

let memo = new WeakMap<SgNode, Facts>();
let entries = 0;

/** Forgets every memoised read (the wrappers it held become garbage). */
export function resetNodeCache(): void {
  memo = new WeakMap();
  entries = 0;
}

/** Wrappers the memo has facts about since the last reset (each keeps its native memory alive). */
export function nodeCacheEntries(): number {
  return entries;
}

function factsOf(n: SgNode): Facts {
  let f = memo.get(n);
  if (f === undefined) {
    f = {};
    memo.set(n, f);
    entries++;
  }
  return f;
}

export function kindOf(n: SgNode): string {
  const f = factsOf(n);
  return f.kind ??= n.kind() as string;
}

/** The node's text; undefined for a missing node (so `textOf(fieldOf(n, 'x'))` reads like `?.text()`). */
export function textOf(n: SgNode): string;
export function textOf(n: SgNode | null | undefined): string | undefined;
export function textOf(n: SgNode | null | undefined): string | undefined {
  if (n === null || n === undefined) return undefined;
  const f = factsOf(n);
  return f.text ??= n.text();
}

export function rangeOf(n: SgNode): Range {
  const f = factsOf(n);
  return f.range ??= n.range();
}

/** Key of a node by its character range (`start:end`), as match.ts's rangeKey. */
export function rangeKeyOf(n: SgNode): string {
  const f = factsOf(n);
  if (f.key === undefined) {
    const r = f.range ??= n.range();
    f.key = `${r.start.index}:${r.end.index}`;
  }
  return f.key;
}

export function namedChildrenOf(n: SgNode): SgNode[] {
  const f = factsOf(n);
  return f.named ??= n.namedChildren();
}

export function fieldOf(n: SgNode, name: string): SgNode | null {
  const f = factsOf(n);
  const fields = f.fields ??= new Map();
  let c = fields.get(name);
  if (c === undefined) {
    c = n.field(name as never) as SgNode | null;
    fields.set(name, c);
  }
  return c;
}
