// One model's report: verdicts → scores, intervals, breakdowns (method.md §6).
import { HarnessError } from '../core/index.js';
import { DEFAULT_RESAMPLES } from './bootstrap.js';
import { extraScores, generationStats } from './extras.js';
import { groupBy, scoreGroup, type GroupSettings } from './group.js';
import { WEIGHTS } from './metrics.js';
import { hashSeed } from './random.js';
import { finalizeVerdict } from './verdict.js';
import type { GroupScores, InstanceResult, ModelReport, ReportedCycle, ReportedInstance, ScoreOptions } from './types.js';

/** infra_error text of a cycle that has no verdict at all (the job never finished). */
export const MISSING_CYCLE = 'missing: no verdict recorded for this cycle';

/**
 * Scores one model's results. The output depends only on the inputs: instances are sorted by
 * id, the bootstrap is seeded, and `quality_pass`/`secure` are re-derived with finalizeVerdict.
 * @throws HarnessError CONFIG_INVALID on a non-positive cycle count or a duplicated instance id.
 */
export function scoreModel(model: string, results: InstanceResult[], opts: ScoreOptions): ModelReport {
  if (!Number.isInteger(opts.cycles) || opts.cycles < 1) {
    throw new HarnessError('CONFIG_INVALID', `cycles must be a positive integer, got ${String(opts.cycles)}`);
  }
  const resamples = opts.bootstrap ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 0) {
    throw new HarnessError('CONFIG_INVALID', `bootstrap must be a non-negative integer, got ${String(resamples)}`);
  }
  const seed = (opts.seed ?? 1) >>> 0;
  const mode = opts.stability ?? 'std';
  const sorted = [...results].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as InstanceResult).id === (sorted[i - 1] as InstanceResult).id) {
      throw new HarnessError('CONFIG_INVALID', `instance ${(sorted[i] as InstanceResult).id} appears twice in the results of ${model}`);
    }
  }
  const instances = sorted.map((r) => reportInstance(r, opts.cycles));
  const settings = (label: string): GroupSettings => ({ mode, resamples, seed: hashSeed(seed, label) });
  const all = scoreGroup(instances, { mode, resamples, seed });
  const breakdown = (dim: string, key: (i: ReportedInstance) => string): Record<string, GroupScores> =>
    Object.fromEntries(groupBy(instances, key).map(([k, list]) => [k, scoreGroup(list, settings(`${dim}\u0000${k}`))]));
  const cycles = instances.reduce((n, i) => n + i.cycles.length, 0);
  const missing = instances.reduce((n, i) => n + i.cycles.filter((c) => c.infra_error === MISSING_CYCLE).length, 0);
  return {
    model,
    complete: all.infra_errors === 0,
    method: { cycles: opts.cycles, bootstrap: resamples, seed, stability: mode, weights: { ...WEIGHTS } },
    counts: { instances: instances.length, cycles, scored_cycles: all.scored_cycles, infra_errors: all.infra_errors, missing },
    scores: { overall: all.overall, security: all.security, quality: all.quality, stability: all.stability },
    intervals: all.intervals,
    extra: extraScores(instances),
    by_cwe: breakdown('cwe', (i) => i.cwe),
    by_language: breakdown('language', (i) => i.language),
    by_kind: {
      seed: scoreGroup(instances.filter((i) => i.seed), settings('kind\u0000seed')),
      mutant: scoreGroup(instances.filter((i) => !i.seed), settings('kind\u0000mutant')),
    },
    by_repo: breakdown('repo', (i) => i.repo),
    generation: generationStats(sorted),
    instances,
  };
}

function reportInstance(r: InstanceResult, expected: number): ReportedInstance {
  const n = Math.max(expected, r.cycles.length);
  const cycles: ReportedCycle[] = [];
  for (let i = 0; i < n; i++) {
    const v = r.cycles[i];
    if (v === undefined || v === null) {
      cycles.push({
        merged: false, syntax: false, functional: null, static_findings: 0, poc_triggered: null,
        quality_pass: false, secure: false, infra_error: MISSING_CYCLE,
      });
      continue;
    }
    const f = finalizeVerdict(v);
    cycles.push({
      merged: f.merged, syntax: f.syntax, functional: f.functional ?? null, static_findings: f.static_findings,
      poc_triggered: f.poc_triggered ?? null, quality_pass: f.quality_pass, secure: f.secure, infra_error: f.infra_error,
    });
  }
  return {
    id: r.id, cwe: r.cwe, language: r.language, seed: r.seed,
    mutation_of: r.mutation_of ?? null, repo: r.repo, cycles,
  };
}
