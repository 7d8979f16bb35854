// Invariants over arbitrary runs: every score in [0,100], every interval inside [0,100] and
// containing its point estimate, counts adding up, output reproducible.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CycleVerdict } from '../../src/core/index.js';
import { compareModels, finalizeVerdict, scoreModel, type GroupScores, type Interval, type Score } from '../../src/score/index.js';

const verdict: fc.Arbitrary<CycleVerdict> = fc.record({
  merged: fc.boolean(),
  syntax: fc.boolean(),
  functional: fc.option(fc.boolean(), { nil: null }),
  static_findings: fc.nat(3),
  poc_triggered: fc.option(fc.boolean(), { nil: null }),
  infra_error: fc.option(fc.constant('infra'), { nil: null, freq: 5 }),
}).map((v) => finalizeVerdict({ ...v, detail: {} }));

const results = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    cwe: fc.constantFrom('CWE-22', 'CWE-78', 'CWE-79'),
    language: fc.constantFrom('javascript', 'php'),
    seed: fc.boolean(),
    repo: fc.constantFrom('r1', 'r2', '__proto__'),
    cycles: fc.array(verdict, { minLength: 0, maxLength: 5 }),
  }),
  { selector: (r) => r.id, minLength: 0, maxLength: 12 },
);

function checkScore(score: Score, interval: Interval): void {
  if (score === null) {
    expect(interval).toBeNull();
    return;
  }
  expect(score).toBeGreaterThanOrEqual(0);
  expect(score).toBeLessThanOrEqual(100);
  if (interval === null) return;
  const [lo, hi] = interval;
  expect(lo).toBeGreaterThanOrEqual(0);
  expect(hi).toBeLessThanOrEqual(100);
  expect(lo).toBeLessThanOrEqual(score);
  expect(score).toBeLessThanOrEqual(hi);
}

function checkGroup(g: Pick<GroupScores, 'overall' | 'security' | 'quality' | 'stability' | 'intervals'>): void {
  for (const k of ['overall', 'security', 'quality', 'stability'] as const) checkScore(g[k], g.intervals[k]);
}

describe('scoring invariants (fast-check)', () => {
  it('scores stay within [0,100] and intervals contain the point estimate, in both stability modes', () => {
    fc.assert(
      fc.property(results, fc.integer({ min: 1, max: 4 }), fc.constantFrom('std' as const, 'ase-minmax' as const), (rs, cycles, stability) => {
        const r = scoreModel('m', rs, { cycles, bootstrap: 60, stability });
        checkGroup({ ...r.scores, intervals: r.intervals });
        for (const g of [...Object.values(r.by_cwe), ...Object.values(r.by_language), ...Object.values(r.by_repo), r.by_kind.seed, r.by_kind.mutant]) checkGroup(g);
        for (const v of Object.values(r.extra)) {
          if (v === null) continue;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
        expect(r.counts.scored_cycles + r.counts.infra_errors).toBe(r.counts.cycles);
        expect(r.complete).toBe(r.counts.infra_errors === 0);
        expect(Object.values(r.by_cwe).reduce((n, g) => n + g.n, 0)).toBe(rs.length);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('same input → same bytes; paired diffs stay within [−100,100] and contain their estimate', () => {
    fc.assert(
      fc.property(results, results, (ra, rb) => {
        const a = scoreModel('a', ra, { cycles: 3, bootstrap: 40 });
        expect(JSON.stringify(scoreModel('a', ra, { cycles: 3, bootstrap: 40 }))).toBe(JSON.stringify(a));
        const b = scoreModel('b', rb, { cycles: 3, bootstrap: 40 });
        const c = compareModels(a, b);
        for (const k of ['overall', 'security', 'quality', 'stability'] as const) {
          const d = c[k];
          if (d.diff === null || d.interval === null) continue;
          expect(d.interval[0]).toBeGreaterThanOrEqual(-100);
          expect(d.interval[1]).toBeLessThanOrEqual(100);
          expect(d.interval[0]).toBeLessThanOrEqual(d.diff);
          expect(d.diff).toBeLessThanOrEqual(d.interval[1]);
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});
