import { describe, expect, it } from 'vitest';
import { HitList } from '../../src/analysis/hit-list.js';
import type { SinkHit } from '../../src/analysis/taint-core.js';

const at = (line: number, column: number, message: string) => ({ location: { file: 'a.js', line, column, endLine: line, endColumn: column + 1 }, message });
const hit = (param: number, sinkLine: number, tag: string): SinkHit => ({ param, trace: [at(1, 1, `parameter ${tag}`), at(sinkLine, 5, `sink ${tag}`)] });

describe('HitList', () => {
  it('keeps the first and the last hit of each parameter/sink group, in order', () => {
    const l = new HitList();
    const pushed = [hit(0, 10, 'a1'), hit(1, 10, 'b1'), hit(0, 10, 'a2'), hit(0, 20, 'c1'), hit(0, 10, 'a3'), hit(1, 10, 'b2'), hit(0, 10, 'a4')];
    for (const h of pushed) l.push(h);
    const tags = l.toArray().map((h) => h.trace[1]!.message);
    expect(tags).toEqual(['sink a1', 'sink b1', 'sink c1', 'sink b2', 'sink a4']);
  });

  it('stays exact after compacting many dropped hits', () => {
    const l = new HitList();
    for (let i = 0; i < 5000; i++) l.push(hit(i % 3, 10 + (i % 7), `n${i}`));
    const got = l.toArray().map((h) => h.trace[1]!.message);
    // Reference: first and last of every group by brute force.
    const firsts = new Map<string, number>();
    const lasts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const k = `${i % 3}|${10 + (i % 7)}`;
      if (!firsts.has(k)) firsts.set(k, i);
      lasts.set(k, i);
    }
    const want = [...new Set([...firsts.values(), ...lasts.values()])].sort((a, b) => a - b).map((i) => `sink n${i}`);
    expect(got).toEqual(want);
  });
});
