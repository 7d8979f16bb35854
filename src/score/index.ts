// Scoring (method.md §6): verdicts → scores, intervals, breakdowns, paired comparisons.
// Everything else in this folder is internal.
export { finalizeVerdict } from './verdict.js';
export { scoreModel, MISSING_CYCLE } from './scoreModel.js';
export { compareModels } from './compare.js';
export { maxBinaryStd, instanceStability } from './stability.js';
export { WEIGHTS } from './metrics.js';
export { hashSeed, makeRng } from './random.js';
export type {
  InstanceResult, ScoreOptions, StabilityMode, ModelReport, GroupScores, Scores, Intervals, Interval, Score,
  ReportedCycle, ReportedInstance, ExtraScores, GenerationStats, PairedComparison, ScoreDiff, CompareOptions,
} from './types.js';
