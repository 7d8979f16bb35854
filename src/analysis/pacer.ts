// Memory pacing of a scan (issue 3, peak memory). Every ast-grep tree and every node wrapper the
// walkers obtain holds native memory (~500 bytes a wrapper) that V8 does not see. V8 collects a
// dead wrapper like any object, but Node runs its native finalizer only from the event loop (napi
// finalizers are queued and drained by a setImmediate), so code that never yields keeps the
// native memory of every wrapper it made, dead or alive, until it returns; a full collection
// without a yield frees nothing (`npx tsx bench/napi-finalizers.mts`). A scan therefore pauses
// between files and between the functions of a file it summarises, once YIELD_MS of synchronous
// work (FIRST_YIELD_MS before its first pause) or YIELD_EVERY parses have passed: it drops the
// node-cache memo, collects garbage when the process grew RSS_GROWTH or GC_EVERY_BYTES of text
// were parsed since the last collection, and yields.
import v8 from 'node:v8';
import vm from 'node:vm';
import { resetNodeCache } from './node-cache.js';

/** Synchronous work (ms) after which a scan pauses at its next pause point. */
export const YIELD_MS = 10;
/**
 * The first pause of a scan waits longer: a short scan (an incremental rescan of a few files)
 * makes too few wrappers for a pause to matter, and each pause costs it the node-cache memo.
 * With 10 ms, the middle instances' incremental rescans took 10–30% longer (bench/scan-speed,
 * docs/decisions.md); long scans are paced every YIELD_MS after the first pause.
 */
export const FIRST_YIELD_MS = 50;
/** Parses after which a scan pauses at its next pause point (trees are freed by finalizers too). */
export const YIELD_EVERY = 16;
/**
 * V8 does not see the native memory of the trees, so with a small JS heap it may not collect the
 * dead ones for a long time: after this many bytes of parsed text (a tree takes ~30 times its
 * text, so up to ~15 MB of evicted trees wait for it) a pause asks for a full collection. With
 * 2 MB, drizzle-orm's and sequelize's scans kept up to ~60 MB of dead trees and bench/scan-speed
 * peaked at 309 MB; with 512 KB (and RSS_GROWTH 16 MB, not 32), 269 MB (docs/decisions.md).
 * Small repositories never reach it.
 */
export const GC_EVERY_BYTES = 512 * 1024;
/**
 * Wrappers that lived long enough to reach V8's old generation (the node-cache memo keeps those
 * of a whole function) are freed only by a full collection, which V8, seeing a small heap, puts
 * off: a pause also collects when the process's RSS has grown by this much since the last one.
 */
export const RSS_GROWTH = 16 * 1024 * 1024;

let collector: (() => void) | null | undefined;

/** A full garbage collection (global.gc when the process has it, else enabled once through v8 flags). */
export function collectGarbage(): void {
  if (collector === undefined) {
    collector = (globalThis as { gc?: () => void }).gc ?? null;
    if (collector === null) {
      try {
        v8.setFlagsFromString('--expose-gc');
        collector = vm.runInNewContext('gc') as () => void;
      } catch {
        collector = null;
      }
    }
  }
  collector?.();
}

/** What a pacer reads from its scan: parse counters. */
export interface ParseCounter {
  readonly parses: number;
  readonly parsedBytes: number;
}

/** Decides when a scan pauses, and pauses. */
export class Pacer {
  private lastYield = performance.now();
  private parsesAtYield: number;
  private bytesAtGc: number;
  private rssAtGc = process.memoryUsage.rss();
  /** Pauses taken and collections asked for (tests, benchmarks). */
  pauses = 0;
  collections = 0;

  constructor(private readonly counter: ParseCounter) {
    this.parsesAtYield = counter.parses;
    this.bytesAtGc = counter.parsedBytes;
  }

  /** A promise to await when a pause is due, else undefined. Call it only where no walk is in progress: after it, a node read before gives a new wrapper. */
  pauseIfDue(): Promise<void> | undefined {
    const due = this.pauses === 0 ? FIRST_YIELD_MS : YIELD_MS;
    if (performance.now() - this.lastYield < due && this.counter.parses - this.parsesAtYield < YIELD_EVERY) return undefined;
    return this.pause();
  }

  private async pause(): Promise<void> {
    this.pauses++;
    // The memo keeps every wrapper the walks since the last pause read: drop it so that they can
    // die now. Dropping it only past 20,000 wrappers made ~35% fewer wrappers but kept RSS higher
    // in repeated scans (docs/decisions.md).
    resetNodeCache();
    const collect = process.memoryUsage.rss() - this.rssAtGc > RSS_GROWTH || this.counter.parsedBytes - this.bytesAtGc >= GC_EVERY_BYTES;
    if (collect) {
      this.collections++;
      this.bytesAtGc = this.counter.parsedBytes;
      collectGarbage();
    }
    await new Promise((r) => setImmediate(r));
    if (collect) this.rssAtGc = process.memoryUsage.rss();
    this.parsesAtYield = this.counter.parses;
    this.lastYield = performance.now();
  }
}
