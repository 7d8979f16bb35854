// headMatches (KMP borders) must agree with the obvious quadratic definition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headMatches } from '../../src/integrate/cleanBlock.js';

function naive(answer: string[], before: string[]): number[] {
  const n = (l: string) => l.trim().replace(/\s+/g, ' ');
  const a = answer.filter((l) => l.trim() !== '').map(n);
  const b = before.filter((l) => l.trim() !== '').map(n);
  const out: number[] = [];
  for (let k = 1; k <= Math.min(a.length, b.length); k++) {
    if (a.slice(0, k).every((x, j) => x === b[b.length - k + j])) out.push(k);
  }
  return out;
}

describe('headMatches', () => {
  it('equals the quadratic definition', () => {
    const line = fc.constantFrom('}', '{', 'x();', '  x();', '', '  ', 'return a;', 'if (a) {');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 12 }), (a, b) => {
        expect(headMatches(a, b)).toEqual(naive(a, b));
      }),
      { numRuns: 500 },
    );
  });
});
