// Percentile bootstrap over instances (cycles stay with their instance), seeded.
import { quantileSorted } from 'simple-statistics';
import { makeRng } from './random.js';

/** Default number of resamples. */
export const DEFAULT_RESAMPLES = 1000;

/**
 * Draws `resamples` resamples of n indices with replacement and returns, for each statistic
 * `stat` yields, the 2.5% and 97.5% quantiles (linear interpolation, numpy's default). The
 * interval is widened to include `point` when needed, which only happens in degenerate cases
 * (a skewed statistic on very few instances). Returns null per statistic when n = 0 or
 * resamples = 0, or when `point` is null.
 */
export function percentileIntervals(
  n: number,
  resamples: number,
  seed: number,
  points: readonly (number | null)[],
  stat: (idx: Int32Array) => readonly (number | null)[],
): ([number, number] | null)[] {
  if (n === 0 || resamples <= 0) return points.map(() => null);
  const rng = makeRng(seed);
  const draws: number[][] = points.map(() => []);
  const idx = new Int32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) idx[i] = rng(n);
    const values = stat(idx);
    for (let k = 0; k < points.length; k++) {
      const v = values[k];
      if (v !== null && v !== undefined) (draws[k] as number[]).push(v);
    }
  }
  return points.map((point, k) => {
    const d = draws[k] as number[];
    if (point === null || d.length === 0) return null;
    d.sort((a, b) => a - b);
    const lo = Math.min(quantileSorted(d, 0.025), point);
    const hi = Math.max(quantileSorted(d, 0.975), point);
    return [lo, hi];
  });
}
