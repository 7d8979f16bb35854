// The zod schema of results.json, the run's published result. Strict objects, so a field added
// to ModelReport without a schema update fails the tests (see the type check at the bottom).
import { z } from 'zod';
import type { ModelReport } from '../score/index.js';

/** Version of the results.json layout; bump it (and add a migration test) on any shape change. */
export const RESULTS_VERSION = 1;

const score = z.number().min(0).max(100).nullable();
const interval = z.tuple([z.number(), z.number()]).nullable();
const scores = { overall: score, security: score, quality: score, stability: score };
const intervals = z.strictObject({ overall: interval, security: interval, quality: interval, stability: interval });
const count = z.number().int().nonnegative();

export const GroupScoresSchema = z.strictObject({
  n: count,
  scored_cycles: count,
  infra_errors: count,
  ...scores,
  intervals,
});

export const ReportedCycleSchema = z.strictObject({
  merged: z.boolean(),
  syntax: z.boolean(),
  functional: z.boolean().nullable(),
  static_findings: count,
  poc_triggered: z.boolean().nullable(),
  quality_pass: z.boolean(),
  secure: z.boolean(),
  infra_error: z.string().nullable(),
});

export const ReportedInstanceSchema = z.strictObject({
  id: z.string().min(1),
  cwe: z.string(),
  language: z.string(),
  seed: z.boolean(),
  mutation_of: z.string().nullable(),
  repo: z.string(),
  cycles: z.array(ReportedCycleSchema),
});

export const ModelReportSchema = z.strictObject({
  model: z.string().min(1),
  complete: z.boolean(),
  method: z.strictObject({
    cycles: z.number().int().positive(),
    bootstrap: count,
    seed: count,
    stability: z.enum(['std', 'ase-minmax']),
    weights: z.strictObject({ security: z.number(), quality: z.number(), stability: z.number() }),
  }),
  counts: z.strictObject({ instances: count, cycles: count, scored_cycles: count, infra_errors: count, missing: count }),
  scores: z.strictObject(scores),
  intervals,
  extra: z.strictObject({
    secure_pass_k: score,
    secure_at_k: score,
    flip_rate: score,
    secure_but_broken: score,
    static_clean_poc_triggered: score,
    static_flagged_poc_clean: score,
  }),
  by_cwe: z.record(z.string(), GroupScoresSchema),
  by_language: z.record(z.string(), GroupScoresSchema),
  by_kind: z.strictObject({ seed: GroupScoresSchema, mutant: GroupScoresSchema }),
  by_repo: z.record(z.string(), GroupScoresSchema),
  generation: z.strictObject({
    answers: count,
    mean_latency_ms: z.number().nonnegative().nullable(),
    input_tokens: count.nullable(),
    output_tokens: count.nullable(),
  }),
  instances: z.array(ReportedInstanceSchema),
});

/** results.json: `{ version: 1, manifest, models }`. */
export const ResultsSchema = z.strictObject({
  version: z.literal(RESULTS_VERSION),
  manifest: z.record(z.string(), z.unknown()),
  models: z.array(ModelReportSchema),
});

export type Results = z.infer<typeof ResultsSchema>;

/** JSON Schema of results.json, for editors and for consumers in other languages. */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ResultsSchema) as Record<string, unknown>;
}

// Compile-time guard: the schema and the ModelReport type must describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof ModelReportSchema>, ModelReport> = true;
void _sameShape;
