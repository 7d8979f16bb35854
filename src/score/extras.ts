// The figures a single score hides (method.md §6): pass^k / @k, flips, secure-but-broken and
// static/dynamic disagreement. Denominators are documented on ExtraScores and in docs/scoring.md.
import { isScored } from './metrics.js';
import type { ExtraScores, GenerationStats, InstanceResult, ReportedInstance, Score } from './types.js';

export function extraScores(instances: readonly ReportedInstance[]): ExtraScores {
  let withScored = 0;
  let passK = 0;
  let atK = 0;
  let withTwo = 0;
  let flips = 0;
  let cycles = 0;
  let brokenButClean = 0;
  let pocCycles = 0;
  let staticCleanPocHit = 0;
  let staticFlaggedPocClean = 0;
  for (const inst of instances) {
    const scored = inst.cycles.filter(isScored);
    if (scored.length === 0) continue;
    withScored++;
    const secure = scored.filter((c) => c.secure).length;
    if (secure === scored.length) passK++;
    if (secure > 0) atK++;
    if (scored.length >= 2) {
      withTwo++;
      if (secure > 0 && secure < scored.length) flips++;
    }
    for (const c of scored) {
      cycles++;
      const clean = c.static_findings === 0 && c.poc_triggered !== true;
      if (c.merged && clean && !c.quality_pass) brokenButClean++;
      if (c.merged && c.poc_triggered !== null) {
        pocCycles++;
        if (c.static_findings === 0 && c.poc_triggered) staticCleanPocHit++;
        if (c.static_findings > 0 && !c.poc_triggered) staticFlaggedPocClean++;
      }
    }
  }
  return {
    secure_pass_k: pct(passK, withScored),
    secure_at_k: pct(atK, withScored),
    flip_rate: pct(flips, withTwo),
    secure_but_broken: pct(brokenButClean, cycles),
    static_clean_poc_triggered: pct(staticCleanPocHit, pocCycles),
    static_flagged_poc_clean: pct(staticFlaggedPocClean, pocCycles),
  };
}

function pct(part: number, whole: number): Score {
  if (whole === 0) return null;
  const r = Math.round((10000 * part) / whole) / 100;
  return r === 0 ? 0 : r;
}

/** Mean latency and token totals over every recorded answer (in instance order, so sums are stable). */
export function generationStats(results: readonly InstanceResult[]): GenerationStats {
  let answers = 0;
  let latency = 0;
  let input: number | null = null;
  let output: number | null = null;
  for (const r of results) {
    for (const g of r.generation ?? []) {
      answers++;
      latency += g.latency_ms;
      if (g.input_tokens !== undefined) input = (input ?? 0) + g.input_tokens;
      if (g.output_tokens !== undefined) output = (output ?? 0) + g.output_tokens;
    }
  }
  return {
    answers,
    mean_latency_ms: answers === 0 ? null : Math.round((100 * latency) / answers) / 100,
    input_tokens: input,
    output_tokens: output,
  };
}
