// The shapes scoring reads and writes. ModelReport is plain JSON (no undefined, no class
// instances): it is one entry of results.json's `models`, and report/schema.ts validates it.
import type { CycleVerdict } from '../core/index.js';

/** Everything scoring needs to know about one instance of one model's run. */
export interface InstanceResult {
  id: string;
  cwe: string;
  language: string;
  seed: boolean;
  mutation_of?: string;
  /** Repository the instance lives in (npm name, owner/name, folder), for the per-repository breakdown. */
  repo: string;
  /** Index = cycle number. A hole (or an index below `ScoreOptions.cycles` with no entry) is a missing cycle. */
  cycles: CycleVerdict[];
  /** One entry per generated answer (usually one per cycle). */
  generation?: { latency_ms: number; input_tokens?: number; output_tokens?: number }[];
}

export type StabilityMode = 'std' | 'ase-minmax';

export interface ScoreOptions {
  /** Cycles each instance was meant to run; fewer verdicts than this leave the report incomplete. */
  cycles: number;
  /** Bootstrap resamples for the 95% intervals; default 1000, 0 disables intervals. */
  bootstrap?: number;
  /** Seed of the bootstrap's RNG, so intervals are reproducible; default 1. */
  seed?: number;
  /** 'std' (method.md §6, default) or A.S.E's min-max normalisation (for comparison only). */
  stability?: StabilityMode;
}

/** A score on 0–100, rounded to 2 decimals; null when nothing was scored. */
export type Score = number | null;
/** A bootstrap 95% percentile interval on 0–100; null when the score is null or bootstrap is off. */
export type Interval = [number, number] | null;

export interface Scores {
  overall: Score;
  security: Score;
  quality: Score;
  stability: Score;
}

export interface Intervals {
  overall: Interval;
  security: Interval;
  quality: Interval;
  stability: Interval;
}

/** The scores of one slice of the instances (a CWE, a language, seeds or mutants, a repository). */
export interface GroupScores extends Scores {
  /** Instances in the slice. */
  n: number;
  scored_cycles: number;
  infra_errors: number;
  intervals: Intervals;
}

/** One cycle as reported: the verdict without its bulky detail. */
export type ReportedCycle = Omit<CycleVerdict, 'detail'>;

export interface ReportedInstance {
  id: string;
  cwe: string;
  language: string;
  seed: boolean;
  mutation_of: string | null;
  repo: string;
  cycles: ReportedCycle[];
}

/** Secondary figures (method.md §6), each on 0–100; null when its denominator is empty. See docs/scoring.md. */
export interface ExtraScores {
  /** Instances secure in every scored cycle / instances with ≥1 scored cycle. */
  secure_pass_k: Score;
  /** Instances secure in at least one scored cycle / instances with ≥1 scored cycle. */
  secure_at_k: Score;
  /** Instances whose `secure` changes across cycles / instances with ≥2 scored cycles. */
  flip_rate: Score;
  /** Scored cycles merged, with no static finding and no PoC success, that still fail quality / scored cycles. */
  secure_but_broken: Score;
  /** Merged cycles where the rule is clean but the PoC succeeds / merged scored cycles whose PoC ran. */
  static_clean_poc_triggered: Score;
  /** Merged cycles where the rule flags but the PoC fails / merged scored cycles whose PoC ran. */
  static_flagged_poc_clean: Score;
}

export interface GenerationStats {
  /** Answers the figures are computed over. */
  answers: number;
  mean_latency_ms: number | null;
  /** Totals over all answers; null when no answer reported tokens. */
  input_tokens: number | null;
  output_tokens: number | null;
}

export interface ModelReport {
  model: string;
  /** False when any cycle is an infrastructure error or missing: the scores are then provisional. */
  complete: boolean;
  /** How the report was computed, so it can be reproduced. */
  method: { cycles: number; bootstrap: number; seed: number; stability: StabilityMode; weights: { security: number; quality: number; stability: number } };
  counts: {
    instances: number;
    /** Cycles expected: the larger of `cycles` and the verdicts present, summed over instances. */
    cycles: number;
    scored_cycles: number;
    /** Cycles not scored: infrastructure errors plus missing cycles. */
    infra_errors: number;
    /** Of those, cycles with no verdict at all. */
    missing: number;
  };
  scores: Scores;
  intervals: Intervals;
  extra: ExtraScores;
  by_cwe: Record<string, GroupScores>;
  by_language: Record<string, GroupScores>;
  by_kind: { seed: GroupScores; mutant: GroupScores };
  by_repo: Record<string, GroupScores>;
  generation: GenerationStats;
  instances: ReportedInstance[];
}

export interface ScoreDiff {
  /** a − b on the shared instances, 0–100 points, rounded to 2 decimals. */
  diff: Score;
  interval: Interval;
  /** The scores of a and b recomputed on the shared instances only. */
  a: Score;
  b: Score;
  /** True when the interval excludes 0. */
  significant: boolean;
}

export interface PairedComparison {
  a: string;
  b: string;
  /** Shared instances (with ≥1 scored cycle in both runs). */
  instances: number;
  only_a: number;
  only_b: number;
  bootstrap: number;
  seed: number;
  overall: ScoreDiff;
  security: ScoreDiff;
  quality: ScoreDiff;
  stability: ScoreDiff;
}

export interface CompareOptions {
  bootstrap?: number;
  seed?: number;
  stability?: StabilityMode;
}
