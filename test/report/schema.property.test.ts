// Whatever the verdicts, what scoreModel produces is valid results.json (ResultsSchema).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResultsSchema, toResultsCsv, toResultsJson } from '../../src/report/index.js';
import { finalizeVerdict, scoreModel } from '../../src/score/index.js';

const verdict = fc.record({
  merged: fc.boolean(),
  syntax: fc.boolean(),
  functional: fc.option(fc.boolean(), { nil: null }),
  static_findings: fc.nat(3),
  poc_triggered: fc.option(fc.boolean(), { nil: null }),
  infra_error: fc.option(fc.string({ maxLength: 12 }), { nil: null, freq: 4 }),
}).map((v) => finalizeVerdict({ ...v, detail: {} }));

const results = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    cwe: fc.string({ maxLength: 8 }),
    language: fc.constantFrom('javascript', 'php', 'python'),
    seed: fc.boolean(),
    mutation_of: fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }),
    repo: fc.oneof(fc.string({ maxLength: 6 }), fc.constant('__proto__'), fc.constant('constructor')),
    cycles: fc.array(verdict, { maxLength: 4 }),
    generation: fc.option(fc.array(fc.record({ latency_ms: fc.nat(10_000), input_tokens: fc.nat(1000) }), { maxLength: 3 }), { nil: undefined }),
  }, { requiredKeys: ['id', 'cwe', 'language', 'seed', 'repo', 'cycles'] }),
  { selector: (r) => r.id, maxLength: 8 },
);

describe('ResultsSchema accepts every report scoreModel can produce', () => {
  it('parses, and the CSV has one row per reported cycle', () => {
    fc.assert(
      fc.property(results, fc.integer({ min: 1, max: 4 }), (rs, cycles) => {
        const report = scoreModel('m', rs, { cycles, bootstrap: 20 });
        const text = toResultsJson([report], { cycles });
        const parsed = ResultsSchema.safeParse(JSON.parse(text));
        if (!parsed.success) throw new Error(parsed.error.message);
        expect(JSON.parse(text).models[0]).toEqual(JSON.parse(JSON.stringify(report)));
        const rows = report.instances.reduce((n, i) => n + i.cycles.length, 0);
        expect(toResultsCsv([report]).startsWith('model,')).toBe(true);
        expect(report.counts.cycles).toBe(rows);
      }),
      { numRuns: 150, seed: 3 },
    );
  });
});
