// Stability of one instance across cycles (method.md §6): 1 − s/s_max, where s is the sample
// standard deviation of the 0/1 `secure` verdicts and s_max the largest one possible for that
// number of cycles. A.S.E's min-max variant is kept for comparison only.

/**
 * Largest sample standard deviation of n values in {0,1}.
 * With k ones, Σ(x−x̄)² = k(n−k)/n, so s² = k(n−k)/(n(n−1)), largest at k = ⌊n/2⌋:
 * s_max = √(⌊n/2⌋·⌈n/2⌉ / (n(n−1))). n=2 → 0.7071, n=3 → 0.5774, n=4 → 0.5774, n=5 → 0.5477.
 * Returns 0 for n < 2 (no spread is possible).
 */
export function maxBinaryStd(n: number): number {
  if (n < 2) return 0;
  const lo = Math.floor(n / 2);
  return Math.sqrt((lo * (n - lo)) / (n * (n - 1)));
}

/** Sample standard deviation (n − 1 denominator) of 0/1 values, from the count of ones; 0 for n < 2. */
export function binaryStd(ones: number, n: number): number {
  if (n < 2) return 0;
  return Math.sqrt((ones * (n - ones)) / (n * (n - 1)));
}

/** 1 − s/s_max on 0–1. An instance with fewer than 2 scored cycles has nothing to vary: stability 1. */
export function instanceStability(ones: number, n: number): number {
  if (n < 2) return 1;
  const value = 1 - binaryStd(ones, n) / maxBinaryStd(n);
  return Math.min(1, Math.max(0, value));
}

/**
 * A.S.E's `run_evaluate.py` stability: each instance's deviation min-max normalised across the
 * given instances, 1 − (s − min)/(max − min), all 1 when every deviation is equal. Mean on 0–1.
 * One instance's value depends on the others, which is why it is only an option.
 */
export function aseMinMaxStability(stds: readonly number[]): number {
  if (stds.length === 0) return 1;
  let min = Infinity;
  let max = -Infinity;
  for (const s of stds) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const range = max - min;
  if (!(range > 0)) return 1;
  let sum = 0;
  for (const s of stds) sum += 1 - (s - min) / range;
  return sum / stds.length;
}
