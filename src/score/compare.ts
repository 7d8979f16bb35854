// Paired comparison of two runs on the instances they share (model A vs B, reasoning on vs
// off): the same bootstrap resample of instances is applied to both, so instance difficulty
// cancels out and the interval of the difference is much tighter than two separate intervals.
import { DEFAULT_RESAMPLES, percentileIntervals } from './bootstrap.js';
import { aggregate, round2, SCORE_KEYS, tally, type Tally } from './metrics.js';
import type { CompareOptions, ModelReport, PairedComparison, ScoreDiff, StabilityMode } from './types.js';

/**
 * a − b for every score on the shared instances (those with ≥1 scored cycle in both), with a
 * paired bootstrap 95% interval. Stability mode defaults to the one report `a` was made with.
 * Never throws; with no shared instance every diff is null.
 */
export function compareModels(a: ModelReport, b: ModelReport, opts: CompareOptions = {}): PairedComparison {
  const resamples = opts.bootstrap ?? a.method.bootstrap ?? DEFAULT_RESAMPLES;
  const seed = (opts.seed ?? a.method.seed ?? 1) >>> 0;
  const mode: StabilityMode = opts.stability ?? a.method.stability ?? 'std';
  const tb = new Map<string, Tally>();
  for (const inst of b.instances) {
    const t = tally(inst.cycles);
    if (t) tb.set(inst.id, t);
  }
  const ta: Tally[] = [];
  const tbShared: Tally[] = [];
  let onlyA = 0;
  for (const inst of a.instances) {
    const t = tally(inst.cycles);
    if (!t) continue;
    const other = tb.get(inst.id);
    if (other) {
      ta.push(t);
      tbShared.push(other);
    } else onlyA++;
  }
  const onlyB = tb.size - ta.length;
  const ra = aggregate(ta, mode);
  const rb = aggregate(tbShared, mode);
  const points = SCORE_KEYS.map((k) => (ra && rb ? ra[k] - rb[k] : null));
  const ivs = percentileIntervals(ta.length, resamples, seed, points, (idx) => {
    const x = aggregate(ta, mode, idx);
    const y = aggregate(tbShared, mode, idx);
    return SCORE_KEYS.map((k) => (x && y ? x[k] - y[k] : null));
  });
  const diff = (i: number): ScoreDiff => {
    const k = SCORE_KEYS[i] as (typeof SCORE_KEYS)[number];
    const p = points[i];
    const iv = ivs[i];
    const interval: [number, number] | null = iv ? [round2(iv[0]), round2(iv[1])] : null;
    return {
      diff: p === null || p === undefined ? null : round2(p),
      interval,
      a: ra ? round2(ra[k]) : null,
      b: rb ? round2(rb[k]) : null,
      significant: interval !== null && (interval[0] > 0 || interval[1] < 0),
    };
  };
  return {
    a: a.model, b: b.model, instances: ta.length, only_a: onlyA, only_b: onlyB, bootstrap: resamples, seed,
    overall: diff(0), security: diff(1), quality: diff(2), stability: diff(3),
  };
}
