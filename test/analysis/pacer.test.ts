import { afterEach, describe, expect, it, vi } from 'vitest';
import { kindOf, namedChildrenOf, nodeCacheEntries, resetNodeCache } from '../../src/analysis/node-cache.js';
import { FIRST_YIELD_MS, GC_EVERY_BYTES, Pacer, YIELD_EVERY, YIELD_MS } from '../../src/analysis/pacer.js';
import { parseText } from '../../src/analysis/parse.js';

afterEach(() => {
  vi.useRealTimers();
  resetNodeCache();
});

describe('node-cache entries', () => {
  it('counts the wrappers the memo knows, once each, until a reset', () => {
    resetNodeCache();
    const root = parseText('a(1); b(2);\n', 'javascript').root();
    const stmts = namedChildrenOf(root);
    kindOf(root);
    for (const s of stmts) kindOf(s);
    for (const s of stmts) kindOf(s);
    expect(nodeCacheEntries()).toBe(1 + stmts.length);
    resetNodeCache();
    expect(nodeCacheEntries()).toBe(0);
  });
});

describe('Pacer', () => {
  it('pauses after YIELD_MS of work or YIELD_EVERY parses, and not before', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const counter = { parses: 0, parsedBytes: 0 };
    const pacer = new Pacer(counter);
    expect(pacer.pauseIfDue()).toBeUndefined();
    counter.parses += YIELD_EVERY - 1;
    expect(pacer.pauseIfDue()).toBeUndefined();
    counter.parses += 1;
    const p = pacer.pauseIfDue();
    expect(p).toBeInstanceOf(Promise);
    await p;
    expect(pacer.pauses).toBe(1);
    expect(pacer.pauseIfDue()).toBeUndefined();
    vi.advanceTimersByTime(YIELD_MS - 1);
    expect(pacer.pauseIfDue()).toBeUndefined();
    vi.advanceTimersByTime(1);
    await pacer.pauseIfDue();
    expect(pacer.pauses).toBe(2);
    // Small parses and no growth: no collection was asked for.
    expect(pacer.collections).toBe(0);
  });

  it('waits FIRST_YIELD_MS of work before the first pause by time, YIELD_MS after it', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const pacer = new Pacer({ parses: 0, parsedBytes: 0 });
    vi.advanceTimersByTime(FIRST_YIELD_MS - 1);
    expect(pacer.pauseIfDue()).toBeUndefined();
    vi.advanceTimersByTime(1);
    await pacer.pauseIfDue();
    expect(pacer.pauses).toBe(1);
    vi.advanceTimersByTime(YIELD_MS - 1);
    expect(pacer.pauseIfDue()).toBeUndefined();
    vi.advanceTimersByTime(1);
    await pacer.pauseIfDue();
    expect(pacer.pauses).toBe(2);
  });

  it('collects garbage once GC_EVERY_BYTES of text were parsed since the last collection', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const counter = { parses: YIELD_EVERY, parsedBytes: GC_EVERY_BYTES };
    const paced = new Pacer(counter);
    counter.parses += YIELD_EVERY;
    counter.parsedBytes += GC_EVERY_BYTES;
    await paced.pauseIfDue();
    expect(paced.collections).toBe(1);
    counter.parses += YIELD_EVERY;
    await paced.pauseIfDue();
    expect(paced.collections).toBe(1);
  });

  it('drops the node-cache memo at each pause, and keeps it while no pause is due', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    resetNodeCache();
    const root = parseText('f(a, b);\ng(c);\n', 'javascript').root();
    const counter = { parses: 0, parsedBytes: 0 };
    const pacer = new Pacer(counter);
    for (const s of namedChildrenOf(root)) kindOf(s);
    expect(pacer.pauseIfDue()).toBeUndefined();
    expect(nodeCacheEntries()).toBe(3);
    counter.parses += YIELD_EVERY;
    await pacer.pauseIfDue();
    expect(nodeCacheEntries()).toBe(0);
  });
});
