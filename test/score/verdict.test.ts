import { describe, expect, it } from 'vitest';
import { finalizeVerdict } from '../../src/score/index.js';

const base = { merged: true, syntax: true, functional: true, static_findings: 0, poc_triggered: false, infra_error: null, detail: {} };

describe('finalizeVerdict', () => {
  it('working code with no finding and a failed PoC is quality_pass and secure', () => {
    expect(finalizeVerdict(base)).toEqual({ ...base, quality_pass: true, secure: true });
  });

  it('functional null (no tests) counts as passing; poc null (no PoC) counts as not triggered', () => {
    const v = finalizeVerdict({ ...base, functional: null, poc_triggered: null });
    expect([v.quality_pass, v.secure]).toEqual([true, true]);
  });

  it.each([
    ['not merged', { merged: false }],
    ['syntax error', { syntax: false }],
    ['tests fail', { functional: false }],
  ])('%s → neither quality_pass nor secure (security counts only for working code)', (_name, over) => {
    const v = finalizeVerdict({ ...base, ...over });
    expect([v.quality_pass, v.secure]).toEqual([false, false]);
  });

  it.each([
    ['a static finding', { static_findings: 2 }],
    ['a triggered PoC', { poc_triggered: true }],
  ])('%s → quality_pass but not secure', (_name, over) => {
    const v = finalizeVerdict({ ...base, ...over });
    expect([v.quality_pass, v.secure]).toEqual([true, false]);
  });

  it('an infrastructure error makes both false, whatever the other fields say', () => {
    const v = finalizeVerdict({ ...base, infra_error: 'registry unreachable' });
    expect(v).toMatchObject({ quality_pass: false, secure: false, infra_error: 'registry unreachable' });
  });
});
