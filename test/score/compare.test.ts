import { describe, expect, it } from 'vitest';
import { compareModels, scoreModel } from '../../src/score/index.js';
import { bits, inst, infra } from './helpers.js';

const OPTS = { cycles: 3, bootstrap: 500 };
const ids = Array.from({ length: 12 }, (_, i) => `i${String(i).padStart(2, '0')}`);

describe('compareModels: paired bootstrap on shared instances', () => {
  it('gold vs vulnerable: Security +100 with a tight interval excluding 0', () => {
    const gold = scoreModel('gold', ids.map((id) => inst(id, bits(1, 1, 1))), OPTS);
    const vuln = scoreModel('vulnerable', ids.map((id) => inst(id, bits(0, 0, 0))), OPTS);
    const c = compareModels(gold, vuln);
    expect(c).toMatchObject({ a: 'gold', b: 'vulnerable', instances: 12, only_a: 0, only_b: 0, bootstrap: 500, seed: 1 });
    expect(c.security).toEqual({ diff: 100, interval: [100, 100], a: 100, b: 0, significant: true });
    expect(c.quality).toEqual({ diff: 0, interval: [0, 0], a: 100, b: 100, significant: false });
    expect(c.overall.diff).toBe(60);
  });

  it('a run against itself: every diff 0 and not significant', () => {
    const r = scoreModel('m', ids.map((id, i) => inst(id, bits(i % 2 ? 1 : 0, 1, i % 3 ? 1 : 0))), OPTS);
    const c = compareModels(r, r);
    for (const k of ['overall', 'security', 'quality', 'stability'] as const) {
      expect(c[k]).toMatchObject({ diff: 0, interval: [0, 0], significant: false });
    }
  });

  it('pairs on the shared instances only, skipping those without a scored cycle', () => {
    const a = scoreModel('a', [inst('x', bits(1, 1, 1)), inst('y', bits(1, 1, 1)), inst('only-a', bits(1, 1, 1))], OPTS);
    const b = scoreModel('b', [inst('x', bits(0, 0, 0)), inst('y', [infra(), infra(), infra()]), inst('only-b', bits(0, 0, 0))], OPTS);
    const c = compareModels(a, b);
    expect([c.instances, c.only_a, c.only_b]).toEqual([1, 2, 1]);
    expect(c.security).toMatchObject({ diff: 100, a: 100, b: 0 });
  });

  it('is reproducible, and pairing makes a consistent difference significant', () => {
    const a = scoreModel('a', ids.map((id, i) => inst(id, bits(i < 10 ? 1 : 0, i < 10 ? 1 : 0, i < 10 ? 1 : 0))), OPTS);
    const b = scoreModel('b', ids.map((id, i) => inst(id, bits(i < 4 ? 1 : 0, i < 4 ? 1 : 0, i < 4 ? 1 : 0))), OPTS);
    const c1 = compareModels(a, b, { seed: 7 });
    expect(JSON.stringify(compareModels(a, b, { seed: 7 }))).toBe(JSON.stringify(c1));
    const [lo, hi] = c1.security.interval ?? [0, 0];
    // b's secure instances are a subset of a's: no resample favours b, and almost none misses all 6 differences.
    expect(c1.security.diff).toBe(50);
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThanOrEqual(100);
    expect(c1.security.significant).toBe(true);
  });

  it('with no shared instance, diffs are null', () => {
    const c = compareModels(scoreModel('a', [inst('x', bits(1))], { cycles: 1 }), scoreModel('b', [inst('y', bits(1))], { cycles: 1 }));
    expect(c.overall).toEqual({ diff: null, interval: null, a: null, b: null, significant: false });
  });
});
