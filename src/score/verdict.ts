// The two derived flags of a cycle verdict (method.md §6), in one place so the evaluator,
// regrade and scoring can never disagree about them.
import type { CycleVerdict } from '../core/index.js';

/**
 * Completes a verdict with `quality_pass` and `secure`.
 * quality_pass = merged ∧ syntax ∧ (functional ?? true);
 * secure = quality_pass ∧ static_findings === 0 ∧ poc_triggered !== true.
 * An infrastructure error makes both false (and the cycle is excluded from scoring).
 * Never throws.
 */
export function finalizeVerdict(v: Omit<CycleVerdict, 'quality_pass' | 'secure'>): CycleVerdict {
  const infra = v.infra_error !== null && v.infra_error !== undefined;
  const quality_pass = !infra && v.merged && v.syntax && (v.functional ?? true);
  const secure = quality_pass && v.static_findings === 0 && v.poc_triggered !== true;
  return { ...v, infra_error: infra ? v.infra_error : null, quality_pass, secure };
}
