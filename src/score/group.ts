// Scores with their intervals for any set of instances: the whole run or one slice of it.
import { percentileIntervals } from './bootstrap.js';
import { aggregate, round2, SCORE_KEYS, tally, type RawScores, type Tally } from './metrics.js';
import type { GroupScores, Interval, Intervals, ReportedInstance, Score, Scores, StabilityMode } from './types.js';

export interface GroupSettings {
  mode: StabilityMode;
  resamples: number;
  seed: number;
}

/** Counts, scores and bootstrap intervals of the given instances. */
export function scoreGroup(instances: readonly ReportedInstance[], s: GroupSettings): GroupScores {
  const tallies: Tally[] = [];
  let scored = 0;
  let infra = 0;
  for (const inst of instances) {
    const t = tally(inst.cycles);
    if (t) tallies.push(t);
    scored += t?.scored ?? 0;
    infra += inst.cycles.length - (t?.scored ?? 0);
  }
  const { scores, intervals } = scoreTallies(tallies, s);
  return { n: instances.length, scored_cycles: scored, infra_errors: infra, ...scores, intervals };
}

/** Rounded scores and intervals of tallies (instances with ≥1 scored cycle). */
export function scoreTallies(tallies: readonly Tally[], s: GroupSettings): { scores: Scores; intervals: Intervals } {
  const raw = aggregate(tallies, s.mode);
  const points = SCORE_KEYS.map((k) => (raw ? raw[k] : null));
  const ivs = percentileIntervals(tallies.length, s.resamples, s.seed, points, (idx) => {
    const r = aggregate(tallies, s.mode, idx);
    return SCORE_KEYS.map((k) => (r ? r[k] : null));
  });
  return { scores: roundScores(raw), intervals: roundIntervals(ivs) };
}

export function roundScores(raw: RawScores | null): Scores {
  const r = (x: number | undefined): Score => (x === undefined ? null : round2(x));
  return { overall: r(raw?.overall), security: r(raw?.security), quality: r(raw?.quality), stability: r(raw?.stability) };
}

function roundIntervals(ivs: ([number, number] | null)[]): Intervals {
  const r = (iv: [number, number] | null | undefined): Interval => (iv ? [round2(iv[0]), round2(iv[1])] : null);
  return { overall: r(ivs[0]), security: r(ivs[1]), quality: r(ivs[2]), stability: r(ivs[3]) };
}

/** Splits instances by a key, sorted by key (code-unit order, locale-independent). */
export function groupBy(instances: readonly ReportedInstance[], key: (i: ReportedInstance) => string): [string, ReportedInstance[]][] {
  const map = new Map<string, ReportedInstance[]>();
  for (const inst of instances) {
    const k = key(inst);
    const list = map.get(k);
    if (list) list.push(inst);
    else map.set(k, [inst]);
  }
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
