// Small builders for verdicts and instance results used across the score and report tests.
import type { CycleVerdict } from '../../src/core/index.js';
import { finalizeVerdict, type InstanceResult } from '../../src/score/index.js';

type Raw = Omit<CycleVerdict, 'quality_pass' | 'secure'>;

/** A working, clean cycle unless overridden. */
export function cycle(over: Partial<Raw> = {}): CycleVerdict {
  return finalizeVerdict({
    merged: true, syntax: true, functional: true, static_findings: 0, poc_triggered: false, infra_error: null, detail: {},
    ...over,
  });
}

/** secure = 1 → clean cycle; 0 → working code with one static finding (insecure, quality passes). */
export function bits(...values: (0 | 1)[]): CycleVerdict[] {
  return values.map((v) => cycle(v ? {} : { static_findings: 1 }));
}

export const infra = (msg = 'sandbox failed'): CycleVerdict => cycle({ infra_error: msg });

export function inst(id: string, cycles: CycleVerdict[], over: Partial<InstanceResult> = {}): InstanceResult {
  return { id, cwe: 'CWE-22', language: 'javascript', seed: true, repo: `npm:${id}`, cycles, ...over };
}
