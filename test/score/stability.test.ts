import { sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { instanceStability, maxBinaryStd } from '../../src/score/index.js';
import { aseMinMaxStability, binaryStd } from '../../src/score/stability.js';

describe('s_max: the largest sample std of n values in {0,1}', () => {
  it('matches the closed form at small n', () => {
    expect(maxBinaryStd(2)).toBeCloseTo(Math.SQRT1_2, 12); // [0,1]: s² = 1/2
    expect(maxBinaryStd(3)).toBeCloseTo(Math.sqrt(1 / 3), 12); // [1,1,0]: s² = (2·1)/(3·2)
    expect(maxBinaryStd(4)).toBeCloseTo(Math.sqrt(1 / 3), 12); // [1,1,0,0]: s² = 4/12
    expect(maxBinaryStd(5)).toBeCloseTo(Math.sqrt(0.3), 12); // [1,1,0,0,0]: s² = 6/20
  });

  it('is the maximum over every count of ones (brute force against simple-statistics)', () => {
    for (let n = 2; n <= 12; n++) {
      let best = 0;
      for (let k = 0; k <= n; k++) {
        const xs = Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));
        const s = sampleStandardDeviation(xs);
        expect(binaryStd(k, n)).toBeCloseTo(s, 12);
        best = Math.max(best, s);
      }
      expect(maxBinaryStd(n)).toBeCloseTo(best, 12);
    }
  });
});

describe('instance stability 1 − s/s_max', () => {
  it('3 cycles secure [1,1,0]: s = 0.5774 = s_max(3) → stability 0', () => {
    expect(sampleStandardDeviation([1, 1, 0])).toBeCloseTo(0.57735, 5);
    expect(instanceStability(2, 3)).toBe(0);
    expect(instanceStability(1, 3)).toBe(0);
  });

  it('4 cycles [1,0,0,0]: s = 0.5, s_max = 0.5774 → 1 − 0.8660 = 0.1340', () => {
    expect(instanceStability(1, 4)).toBeCloseTo(1 - 0.5 / Math.sqrt(1 / 3), 12);
    expect(instanceStability(1, 4)).toBeCloseTo(0.13397, 5);
  });

  it('constant verdicts are perfectly stable, whether always secure or never', () => {
    expect(instanceStability(3, 3)).toBe(1);
    expect(instanceStability(0, 3)).toBe(1);
  });

  it('fewer than 2 scored cycles: nothing can vary → 1', () => {
    expect(instanceStability(0, 1)).toBe(1);
    expect(instanceStability(1, 1)).toBe(1);
  });
});

describe("A.S.E's min-max normalisation (comparison only)", () => {
  it('is 1 − (s − min)/(max − min), averaged', () => {
    expect(aseMinMaxStability([0, 0.5774, 0.2887])).toBeCloseTo((1 + 0 + 0.5) / 3, 3);
  });

  it('gives 1 to everyone when all deviations are equal, even all maximal (where ours gives 0)', () => {
    expect(aseMinMaxStability([0.5774, 0.5774])).toBe(1);
    expect(aseMinMaxStability([])).toBe(1);
  });
});
