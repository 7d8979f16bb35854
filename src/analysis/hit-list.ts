// The sink hits of one function summary, kept to what a caller can observe. A hit is "parameter
// p reaches the sink at location L, by this trace". What callers do with hits ends in findings
// keyed by rule, sink location and source location, where the first report of a key fixes the
// finding's place (ties in the final sort keep it) and the last report fixes its trace. Hits of
// the same parameter and sink location produce the same keys from the same arguments, so of each
// such group only the first and the last hit can ever be observed: the ones in between are
// dropped, and the order of the rest is kept (this holds again for the hits a caller derives from
// these, so summaries up the call chain stay exact). Without it a summary grows with every call
// path (one sequelize function had 547,383 hits for 289 parameter/sink pairs; issue 3,
// bench/scan-speed).
import type { SinkHit } from './taint-core.js';

export class HitList {
  private hits: Array<SinkHit | null> = [];
  /** Per parameter/sink group: the index of its first and of its last hit. */
  private readonly groups = new Map<string, { first: number; last: number }>();
  private dropped = 0;

  push(hit: SinkHit): void {
    const sink = hit.trace[hit.trace.length - 1]?.location;
    // The labels removed on the way are part of the parameter (taint-core.ts, 'P<i>!a,b').
    const param = hit.drop === undefined ? `${hit.param}` : `${hit.param}!${hit.drop.join(',')}`;
    const key = sink === undefined ? `${param}|` : `${param}|${sink.file}:${sink.line}:${sink.column}`;
    const g = this.groups.get(key);
    const at = this.hits.length;
    this.hits.push(hit);
    if (g === undefined) {
      this.groups.set(key, { first: at, last: at });
      return;
    }
    if (g.last !== g.first) {
      this.hits[g.last] = null;
      this.dropped++;
    }
    g.last = at;
    if (this.dropped > 1024 && this.dropped * 2 > this.hits.length) this.compact();
  }

  /** The hits kept, in their original order. */
  toArray(): SinkHit[] {
    return this.hits.filter((h): h is SinkHit => h !== null);
  }

  private compact(): void {
    const moved = new Map<number, number>();
    const kept: SinkHit[] = [];
    this.hits.forEach((h, i) => {
      if (h === null) return;
      moved.set(i, kept.length);
      kept.push(h);
    });
    for (const g of this.groups.values()) {
      g.first = moved.get(g.first)!;
      g.last = moved.get(g.last)!;
    }
    this.hits = kept;
    this.dropped = 0;
  }
}
